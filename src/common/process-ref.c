/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/process-ref.h"

#include <errno.h>
#include <gio/gio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "src/common/log.h"

#define DELETED_SUFFIX " (deleted)" /* /proc/PID/exe of a replaced program */

struct _L2tpProcessRef
{
  pid_t pid;
  guint64 start_time; /* as read once the pidfd was held */
  int pidfd;          /* -1 without pidfds */
};

/* /proc/PID/stat from field 3 (state) on, split; NULL if pid is gone. */
static GStrv
stat_fields (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%ld/stat", (long) pid);
  g_autofree char *text = NULL;
  g_auto (GStrv) fields = NULL;
  const char *after_comm;

  if (pid <= 0 || !g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  /* The command name is in parentheses and may hold spaces or ')'. */
  after_comm = strrchr (text, ')');
  if (!after_comm || after_comm[1] != ' ')
    return NULL;
  fields = g_strsplit (after_comm + 2, " ", 0);
  /* field 22 (start time) is index 19 */
  return g_strv_length (fields) < 20 ? NULL : g_steal_pointer (&fields);
}

guint64
l2tp_process_start_time (pid_t pid)
{
  g_auto (GStrv) fields = stat_fields (pid);

  return fields ? g_ascii_strtoull (fields[19], NULL, 10) : 0;
}

gboolean
l2tp_process_running (pid_t pid)
{
  g_auto (GStrv) fields = stat_fields (pid);

  return fields && !g_str_equal (fields[0], "Z") && !g_str_equal (fields[0], "X");
}

/* The same number on every architecture (Linux 5.1 and 5.3). */
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

static int
sys_pidfd_open (pid_t pid)
{
  return (int) syscall (SYS_pidfd_open, pid, 0);
}

static int
sys_pidfd_send_signal (int pidfd, int signum)
{
  return (int) syscall (SYS_pidfd_send_signal, pidfd, signum, NULL, 0);
}

/* Real, effective, saved and filesystem uid all 0. */
static gboolean
runs_as_root (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%ld/status", (long) pid);
  g_autofree char *text = NULL;
  g_autofree char *uids = NULL;
  g_auto (GStrv) ids = NULL;
  const char *line;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL) || !(line = strstr (text, "\nUid:")))
    return FALSE;
  line += strlen ("\nUid:");
  uids = g_strndup (line, strcspn (line, "\n"));
  ids = g_strsplit_set (uids, " \t", 0);
  for (guint i = 0; ids[i]; i++)
    {
      if (!*ids[i])
        continue;
      if (!g_str_equal (ids[i], "0"))
        return FALSE;
      n++;
    }
  return n == 4;
}

/* /proc/PID/exe is one of programs (compared after resolving their
 * symlinks: /sbin/pppd is /usr/sbin/pppd on a merged /usr). */
static char *
program_of (pid_t pid, const char *const *programs)
{
  g_autofree char *path = g_strdup_printf ("/proc/%ld/exe", (long) pid);
  g_autofree char *exe = g_file_read_link (path, NULL);

  if (!exe || !programs)
    return NULL;
  if (g_str_has_suffix (exe, DELETED_SUFFIX)) /* upgraded while it runs */
    exe[strlen (exe) - strlen (DELETED_SUFFIX)] = '\0';
  for (guint i = 0; programs[i]; i++)
    {
      g_autofree char *real = realpath (programs[i], NULL);

      if (g_str_equal (exe, programs[i]) || (real && g_str_equal (exe, real)))
        return g_strdup (programs[i]);
    }
  return NULL;
}

gboolean
l2tp_process_cmdline_names (pid_t pid, const char *dir)
{
  g_autofree char *path = g_strdup_printf ("/proc/%ld/cmdline", (long) pid);
  g_autofree char *prefix = g_strconcat (dir, "/", NULL);
  g_autofree char *cmdline = NULL;
  gsize len;

  if (!g_file_get_contents (path, &cmdline, &len, NULL))
    return FALSE;
  for (gsize i = 0; i < len; i += strlen (cmdline + i) + 1)
    if (g_str_has_prefix (cmdline + i, prefix))
      return TRUE;
  return FALSE;
}

static gboolean
refuse (GError **error, pid_t pid, const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
               "process %ld is not ours: %s", (long) pid, why);
  return FALSE;
}

static gboolean
check (pid_t pid, const L2tpProcessMatch *match, guint64 start, GError **error)
{
  g_autofree char *program = NULL;

  if (match->start_time && start != match->start_time)
    return refuse (error, pid, "its pid was reused (another start time)");
  if (!runs_as_root (pid))
    return refuse (error, pid, "it does not run as root");
  if (!(program = program_of (pid, match->programs)))
    return refuse (error, pid, "another program");
  if (match->cmdline_dir && !l2tp_process_cmdline_names (pid, match->cmdline_dir))
    return refuse (error, pid, "its command line does not name our directory");
  return TRUE;
}

static void
gone (GError **error, pid_t pid)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "process %ld is gone",
               (long) pid);
}

L2tpProcessRef *
l2tp_process_ref_open (pid_t pid, const L2tpProcessMatch *match, GError **error)
{
  static gboolean told_no_pidfd;
  g_autoptr (L2tpProcessRef) ref = NULL;
  int fd;

  g_return_val_if_fail (match != NULL && match->programs != NULL, NULL);

  if (pid <= 1)
    {
      refuse (error, pid, "not a process we start");
      return NULL;
    }
  fd = sys_pidfd_open (pid);
  if (fd < 0 && errno != ENOSYS)
    {
      if (errno == ESRCH)
        gone (error, pid);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                     "pidfd_open %ld: %s", (long) pid, g_strerror (errno));
      return NULL;
    }
  if (fd < 0 && !told_no_pidfd)
    {
      told_no_pidfd = TRUE;
      l2tp_log_warn ("this kernel has no pidfds (Linux < 5.3): processes are "
                     "signalled by pid, after checking their start time again");
    }
  ref = g_new0 (L2tpProcessRef, 1);
  ref->pid = pid;
  ref->pidfd = fd;
  ref->start_time = l2tp_process_start_time (pid);
  if (!ref->start_time)
    {
      gone (error, pid);
      return NULL;
    }
  if (!check (pid, match, ref->start_time, error))
    return NULL;
  /* Still the process the pidfd holds: what /proc said was about it. */
  if (!l2tp_process_ref_alive (ref))
    {
      gone (error, pid);
      return NULL;
    }
  return g_steal_pointer (&ref);
}

void
l2tp_process_ref_free (L2tpProcessRef *ref)
{
  if (!ref)
    return;
  if (ref->pidfd >= 0)
    close (ref->pidfd);
  g_free (ref);
}

pid_t
l2tp_process_ref_get_pid (L2tpProcessRef *ref)
{
  return ref->pid;
}

int
l2tp_process_ref_get_fd (L2tpProcessRef *ref)
{
  return ref->pidfd;
}

gboolean
l2tp_process_ref_alive (L2tpProcessRef *ref)
{
  if (ref->pidfd >= 0)
    return sys_pidfd_send_signal (ref->pidfd, 0) == 0 || errno == EPERM;
  return l2tp_process_start_time (ref->pid) == ref->start_time;
}

gboolean
l2tp_process_ref_signal (L2tpProcessRef *ref, int signum, GError **error)
{
  int r;

  if (ref->pidfd >= 0)
    r = sys_pidfd_send_signal (ref->pidfd, signum);
  else if (l2tp_process_start_time (ref->pid) != ref->start_time)
    {
      gone (error, ref->pid);
      return FALSE;
    }
  else
    r = kill (ref->pid, signum);
  if (r == 0)
    return TRUE;
  if (errno == ESRCH)
    gone (error, ref->pid);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                 "cannot signal process %ld: %s", (long) ref->pid, g_strerror (errno));
  return FALSE;
}
