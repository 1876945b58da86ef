/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One log line to the systemd journal, with fields (libsystemd's
 * sd_journal_sendv): MESSAGE, PRIORITY, SYSLOG_IDENTIFIER=nm-l2tp-ipsec,
 * SYSLOG_FACILITY (daemon, as the syslog path has it) and those of
 * L2tpLogFields that are set. Built without libsystemd (meson option
 * journal), the journal is never available and log.c writes to syslog. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *connection; /* NM_CONNECTION: the connection's UUID */
  const char *device;     /* NM_DEVICE: its interface (ppp0) */
  const char *layer;      /* L2TP_LAYER: preflight, ike, esp, l2tp, ppp, ip */
  const char *failure;    /* L2TP_FAILURE: the failure's stable code name */
} L2tpLogFields;

/* Built with libsystemd and journald's socket (/run/systemd/journal/socket)
 * is there. */
gboolean l2tp_log_journal_available (void);
/* FALSE when the journal did not take the line (the caller writes it
 * elsewhere). message: one clean line. */
gboolean l2tp_log_journal_send (int level, const char *message,
                                const L2tpLogFields *fields);

G_END_DECLS
