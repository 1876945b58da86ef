/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The service's log: the syslog level scale NetworkManager hands its VPN
 * plugins (NM_VPN_LOG_LEVEL 0-7), to syslog when NM_VPN_LOG_SYSLOG=1, else
 * to stderr with a prefix NetworkManager's own log keeps apart.
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

G_END_DECLS
