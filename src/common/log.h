/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The service's log: the syslog level scale NetworkManager hands its VPN
 * plugins (NM_VPN_LOG_LEVEL 0-7). With NM_VPN_LOG_SYSLOG=1 to the systemd
 * journal when its socket is there (log-journal.h: with fields, see
 * below), else to syslog; otherwise to stderr with a prefix
 * NetworkManager's own log keeps apart.
 *
 * Never pass a secret to these functions: nothing filters them here.
 * Every line is cleaned (shared/text-clean.h) before it is written: one
 * line, control, C1 and bidi characters escaped, at most 8 KiB. Callers
 * still clean what they take from outside (a connection's name, a daemon's
 * line), so the text they keep and pass on is clean too. */
#pragma once

#include <glib.h>
#include <syslog.h>

G_BEGIN_DECLS

/* debug: the --debug option (more detail, stderr unless NM_VPN_LOG_SYSLOG=1). */
void l2tp_log_init (gboolean debug);
gboolean l2tp_log_enabled (int level);
void l2tp_log (int level, const char *format, ...) G_GNUC_PRINTF (2, 3);

#define l2tp_log_err(...)    l2tp_log (LOG_ERR, __VA_ARGS__)
#define l2tp_log_warn(...)   l2tp_log (LOG_WARNING, __VA_ARGS__)
#define l2tp_log_notice(...) l2tp_log (LOG_NOTICE, __VA_ARGS__)
#define l2tp_log_info(...)   l2tp_log (LOG_INFO, __VA_ARGS__)
#define l2tp_log_debug(...)  l2tp_log (LOG_DEBUG, __VA_ARGS__)

/* What the next lines are about, for the journal: NM_CONNECTION (the
 * connection's UUID) and NM_DEVICE (its interface, ppp0, once known), the
 * fields nmcli's hint names ("journalctl -xe NM_CONNECTION=UUID +
 * NM_DEVICE=IFACE"). Copied (cleaned); NULL clears. Set by the service
 * when a connection starts and when pppd reports its interface, cleared
 * when its teardown is over; they mean nothing outside the journal. */
void l2tp_log_set_connection (const char *uuid);
void l2tp_log_set_device (const char *iface);

/* A line that belongs to a layer of the connection: in the journal also
 * L2TP_LAYER=layer ("preflight", "ike", "esp", "l2tp", "ppp", "ip") and,
 * for a failure, L2TP_FAILURE=code (failure-record.h's stable names).
 * Either may be NULL. Elsewhere the same line as l2tp_log() writes. */
void l2tp_log_layer (int level, const char *layer, const char *code, const char *format,
                     ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
