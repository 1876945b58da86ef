/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A process we may signal because it is proven ours, held by a pidfd.
 *
 * The pidfd is taken first and the process checked through /proc after
 * that; a final pidfd_send_signal(0) shows the pid was not reused in
 * between, so the checks and every later signal are about one and the
 * same process. Ours means:
 *  - its start time (field 22 of /proc/PID/stat) is the one recorded with
 *    its pid ("PID STARTTIME"), when one was recorded;
 *  - it runs as root alone: real, effective, saved and filesystem uid 0
 *    (/proc/PID/status), so no user's process passes, not even a set-uid
 *    program a user started;
 *  - its executable (/proc/PID/exe) is one of the programs we start;
 *  - if asked, an argument on its command line lies in our directory
 *    (pppd's "file DIR/ppp-options", xl2tpd's "-c DIR/xl2tpd.conf").
 * Without pidfds (Linux < 5.3: ENOSYS) the pid is signalled after checking
 * again that the start time is unchanged; that is logged once. */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

typedef struct _L2tpProcessRef L2tpProcessRef;

typedef struct
{
  guint64 start_time;          /* as recorded; 0: none recorded */
  const char *const *programs; /* absolute paths, NULL-terminated */
  const char *cmdline_dir;     /* NULL, or: an argument starts with "DIR/" */
} L2tpProcessMatch;

/* Field 22 of /proc/PID/stat (clock ticks since boot); 0 if there is no
 * such process. */
guint64 l2tp_process_start_time (pid_t pid);
/* There and not a zombie. Says nothing about whose it is. */
gboolean l2tp_process_running (pid_t pid);

/* An argument of its command line starts with "DIR/". Says nothing about
 * who runs it: anyone can put our directory on a command line. */
gboolean l2tp_process_cmdline_names (pid_t pid, const char *dir);

/* NULL with an error saying why when pid is gone (G_IO_ERROR_NOT_FOUND)
 * or not the process match describes (G_IO_ERROR_PERMISSION_DENIED). */
L2tpProcessRef *l2tp_process_ref_open (pid_t pid, const L2tpProcessMatch *match,
                                       GError **error);
void l2tp_process_ref_free (L2tpProcessRef *ref);
pid_t l2tp_process_ref_get_pid (L2tpProcessRef *ref);
/* The pidfd (readable once the process has ended), or -1 without pidfds. */
int l2tp_process_ref_get_fd (L2tpProcessRef *ref);
/* Through the pidfd. FALSE with G_IO_ERROR_NOT_FOUND once it is gone. */
gboolean l2tp_process_ref_signal (L2tpProcessRef *ref, int signum, GError **error);
/* Not yet reaped (a zombie still counts). */
gboolean l2tp_process_ref_alive (L2tpProcessRef *ref);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpProcessRef, l2tp_process_ref_free)

G_END_DECLS
