/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2, setresuid, setresgid */
#endif
#include "src/common/connection-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shared/wiped-bytes.h"
#include "src/common/log.h"

/* 1: private files are read through libnm (set by src/meson.build). */
#ifndef L2TP_FILE_ACCESS_LIBNM
#define L2TP_FILE_ACCESS_LIBNM 0
#endif

/* The reading child's exit status: an errno of open/fstat/read (1-239),
 * or one of these. */
enum
{
  CHILD_OK = 0,
  CHILD_ERRNO_MAX = 239,
  CHILD_NOT_REGULAR = 240,
  CHILD_TOO_LARGE = 241,
  CHILD_NO_IDENTITY = 242,
  CHILD_WRITE_FAILED = 243,
};

static void
set_error (GError **error, int code, const char *key, const char *path, const char *what)
{
  g_set_error (error, G_FILE_ERROR, code, "%s: %s: %s", key, path, what);
}

static const char *
errno_text (int errsv)
{
  /* O_NOFOLLOW on a symlink fails with ELOOP: say what it means here. */
  return errsv == ELOOP ? _ ("is a symbolic link; name the file itself")
                        : g_strerror (errsv);
}

static void
set_errno (GError **error, const char *key, const char *path, int errsv)
{
  set_error (error, g_file_error_from_errno (errsv), key, path, errno_text (errsv));
}

static const char *
too_large_text (void)
{
  return _ ("is too large for a certificate or key file (at most 256 KiB)");
}

/* ---- reading a descriptor, bounded ------------------------------------ */

typedef enum
{
  READ_OK,
  READ_ERRNO,
  READ_TOO_LARGE,
  READ_TIMEOUT,
} ReadResult;

/* Up to L2TP_CONNECTION_FILE_MAX bytes of fd into a new wiped GBytes (one
 * byte more tells a file that is too large). deadline_us: monotonic time
 * to give up at, 0 for none. What was read is wiped on every path. */
static ReadResult
read_bounded (int fd, gint64 deadline_us, GBytes **out, int *errsv)
{
  gsize size = L2TP_CONNECTION_FILE_MAX + 1;
  g_autoptr (GBytes) whole = l2tp_wiped_bytes_take (g_malloc (size), size);
  guint8 *buf = (guint8 *) g_bytes_get_data (whole, NULL);
  gsize len = 0;

  while (len < size)
    {
      ssize_t n;

      if (deadline_us)
        {
          struct pollfd p = { .fd = fd, .events = POLLIN };
          gint64 left_ms = (deadline_us - g_get_monotonic_time ()) / 1000;
          int r = left_ms > 0 ? poll (&p, 1, (int) MIN (left_ms, G_MAXINT)) : 0;

          if (r < 0 && errno == EINTR)
            continue;
          if (r == 0)
            return READ_TIMEOUT;
        }
      n = read (fd, buf + len, size - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *errsv = errno;
          return READ_ERRNO;
        }
      if (n == 0)
        break;
      len += n;
    }
  if (len > L2TP_CONNECTION_FILE_MAX)
    return READ_TOO_LARGE;
  /* A buffer of the file's size; the big one is wiped as it goes. */
  *out = l2tp_wiped_bytes_take (len ? g_memdup2 (buf, len) : NULL, len);
  return READ_OK;
}

/* ---- as this process ------------------------------------------------- */

GBytes *
l2tp_connection_file_read_here (const char *key, const char *path, GError **error)
{
  GBytes *bytes = NULL;
  struct stat st;
  int errsv = 0;
  ReadResult r;
  int fd;

  g_return_val_if_fail (key != NULL && path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      set_errno (error, key, path, errno);
      return NULL;
    }
  if (fstat (fd, &st) < 0)
    {
      set_errno (error, key, path, errno);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > L2TP_CONNECTION_FILE_MAX)
    {
      set_error (error, G_FILE_ERROR_INVAL, key, path,
                 S_ISREG (st.st_mode) ? too_large_text () : _ ("is not a regular file"));
      close (fd);
      return NULL;
    }
  r = read_bounded (fd, 0, &bytes, &errsv);
  close (fd);
  if (r == READ_ERRNO)
    set_errno (error, key, path, errsv);
  else if (r != READ_OK)
    set_error (error, G_FILE_ERROR_INVAL, key, path, too_large_text ());
  return bytes;
}

/* ---- as a user, in a child ------------------------------------------- */

typedef struct
{
  uid_t uid;
  gid_t gid;
  gid_t *groups;
  int n_groups;
} Account;

static void
account_clear (Account *a)
{
  g_clear_pointer (&a->groups, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Account, account_clear)

/* uid, gid and supplementary groups of user, looked up before the fork:
 * the child may call nothing that is not async-signal-safe. */
static gboolean
account_lookup (const char *user, Account *a, char **why)
{
  long size = sysconf (_SC_GETPW_R_SIZE_MAX);
  g_autofree char *buf = NULL;
  struct passwd pw, *found = NULL;
  int n = 16;
  int rc;

  if (size <= 0)
    size = 16384;
  buf = g_malloc (size);
  while ((rc = getpwnam_r (user, &pw, buf, size, &found)) == ERANGE && size < (1 << 20))
    {
      size *= 2;
      buf = g_realloc (buf, size);
    }
  if (rc != 0 || !found)
    {
      *why = rc != 0 ? g_strdup_printf (_ ("cannot look up user %s: %s"), user,
                                        g_strerror (rc))
                     : g_strdup_printf (_ ("there is no user %s on this system"), user);
      return FALSE;
    }
  a->uid = pw.pw_uid;
  a->gid = pw.pw_gid;
  a->groups = g_new (gid_t, n);
  for (;;)
    {
      int want = n;

      if (getgrouplist (user, a->gid, a->groups, &want) >= 0)
        {
          a->n_groups = want;
          return TRUE;
        }
      if (want <= n || want > 65536)
        {
          *why = g_strdup_printf (_ ("cannot list the groups of user %s"), user);
          account_clear (a);
          return FALSE;
        }
      n = want;
      a->groups = g_renew (gid_t, a->groups, n);
    }
}

static gboolean
write_all (int fd, const char *data, size_t len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

static int
child_errno (int errsv)
{
  return errsv > 0 && errsv <= CHILD_ERRNO_MAX ? errsv : CHILD_ERRNO_MAX;
}

/* In the child: only async-signal-safe calls (the service has threads).
 * The identity goes first, for good: groups, gid, uid. Then the file is
 * opened as that user and streamed to out. */
static void G_GNUC_NORETURN
child_read (const Account *a, const char *path, int out)
{
  char buf[16384];
  struct stat st;
  sigset_t all;
  off_t total = 0;
  int fd;

  /* No handler of the service runs in here; SIGKILL still ends it, and a
   * closed pipe makes write fail instead of raising SIGPIPE. */
  sigfillset (&all);
  sigprocmask (SIG_SETMASK, &all, NULL);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (a->uid != geteuid ())
    {
      if (setgroups (a->n_groups, a->groups) < 0 || setresgid (a->gid, a->gid, a->gid) < 0
          || setresuid (a->uid, a->uid, a->uid) < 0)
        _exit (CHILD_NO_IDENTITY);
      /* Root must be gone for good. */
      if (a->uid != 0 && setresuid (0, 0, 0) == 0)
        _exit (CHILD_NO_IDENTITY);
    }
  fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    _exit (child_errno (errno));
  if (fstat (fd, &st) < 0)
    _exit (child_errno (errno));
  if (!S_ISREG (st.st_mode))
    _exit (CHILD_NOT_REGULAR);
  if (st.st_size > L2TP_CONNECTION_FILE_MAX)
    _exit (CHILD_TOO_LARGE);
  for (;;)
    {
      ssize_t n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        _exit (child_errno (errno));
      if (n == 0)
        break;
      total += n;
      if (total > L2TP_CONNECTION_FILE_MAX)
        _exit (CHILD_TOO_LARGE);
      if (!write_all (out, buf, n))
        _exit (CHILD_WRITE_FAILED);
    }
  explicit_bzero (buf, sizeof buf);
  _exit (CHILD_OK);
}

static void
set_child_error (GError **error, const char *key, const char *path, const char *user,
                 int status)
{
  g_autofree char *text = NULL;
  int code;

  if (!WIFEXITED (status))
    {
      text = g_strdup_printf (_ ("the reader as user %s was killed (signal %d)"), user,
                              WIFSIGNALED (status) ? WTERMSIG (status) : 0);
      set_error (error, G_FILE_ERROR_FAILED, key, path, text);
      return;
    }
  code = WEXITSTATUS (status);
  switch (code)
    {
    case CHILD_NOT_REGULAR:
      set_error (error, G_FILE_ERROR_INVAL, key, path, _ ("is not a regular file"));
      return;
    case CHILD_TOO_LARGE:
      set_error (error, G_FILE_ERROR_INVAL, key, path, too_large_text ());
      return;
    case CHILD_NO_IDENTITY:
      text = g_strdup_printf (_ ("cannot take the identity of user %s to read it"), user);
      set_error (error, G_FILE_ERROR_PERM, key, path, text);
      return;
    case CHILD_WRITE_FAILED:
      set_error (error, G_FILE_ERROR_IO, key, path, _ ("the reader's pipe broke"));
      return;
    case EACCES:
    case EPERM:
      text = g_strdup_printf (_ ("permission denied for user %s"), user);
      set_error (error, G_FILE_ERROR_ACCES, key, path, text);
      return;
    default:
      text = g_strdup_printf (_ ("%s (read as user %s)"), errno_text (code), user);
      set_error (error, g_file_error_from_errno (code), key, path, text);
      return;
    }
}

static int
wait_child (pid_t pid)
{
  int status = 0;

  while (waitpid (pid, &status, 0) < 0)
    {
      if (errno != EINTR)
        return -1;
    }
  return status;
}

GBytes *
l2tp_connection_file_read_forked (const char *key, const char *path, const char *user,
                                  GError **error)
{
  g_auto (Account) account = { 0 };
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *why = NULL;
  int fds[2];
  int errsv = 0;
  int status;
  ReadResult r;
  pid_t pid;

  g_return_val_if_fail (key != NULL && path != NULL && user != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!account_lookup (user, &account, &why))
    {
      set_error (error, G_FILE_ERROR_PERM, key, path, why);
      return NULL;
    }
  /* Close-on-exec: a child another thread starts meanwhile must not hold
   * the write end, or the end of the file would never be seen. */
  if (pipe2 (fds, O_CLOEXEC) < 0)
    {
      set_errno (error, key, path, errno);
      return NULL;
    }
  pid = fork ();
  if (pid < 0)
    {
      errsv = errno;
      close (fds[0]);
      close (fds[1]);
      set_errno (error, key, path, errsv);
      return NULL;
    }
  if (pid == 0)
    {
      close (fds[0]);
      child_read (&account, path, fds[1]);
    }
  close (fds[1]);
  r = read_bounded (fds[0],
                    g_get_monotonic_time ()
                        + L2TP_CONNECTION_FILE_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND,
                    &bytes, &errsv);
  close (fds[0]);
  if (r != READ_OK)
    kill (pid, SIGKILL);
  status = wait_child (pid);
  if (r == READ_TIMEOUT)
    {
      g_autofree char *text
          = g_strdup_printf (_ ("no answer within %d s reading it as user %s"),
                             L2TP_CONNECTION_FILE_TIMEOUT_MS / 1000, user);

      set_error (error, G_FILE_ERROR_FAILED, key, path, text);
      return NULL;
    }
  if (r == READ_TOO_LARGE)
    {
      set_error (error, G_FILE_ERROR_INVAL, key, path, too_large_text ());
      return NULL;
    }
  if (r == READ_ERRNO)
    {
      set_errno (error, key, path, errsv);
      return NULL;
    }
  if (status != 0)
    {
      if (status < 0)
        set_errno (error, key, path, errno);
      else
        set_child_error (error, key, path, user, status);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* ---- erasing a copy --------------------------------------------------- */

void
l2tp_connection_file_erase (const char *path)
{
  static const char zeros[4096];
  struct stat st;
  int fd;

  g_return_if_fail (path != NULL);

  fd = open (path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd >= 0 && fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    {
      off_t left = st.st_size;

      while (left > 0)
        {
          ssize_t n = write (fd, zeros, MIN ((off_t) sizeof zeros, left));

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          left -= n;
        }
      fsync (fd);
    }
  if (fd >= 0)
    close (fd);
  if (unlink (path) != 0 && errno != ENOENT)
    l2tp_log_warn ("cannot remove %s: %s", path, g_strerror (errno));
}

/* ---- the choice of the build ----------------------------------------- */

const char *
l2tp_connection_file_access (void)
{
  return L2TP_FILE_ACCESS_LIBNM ? "libnm" : "helper";
}

GBytes *
l2tp_connection_file_read (const char *key, const char *path, const char *user,
                           GError **error)
{
  g_return_val_if_fail (key != NULL && path != NULL, NULL);

  if (!user)
    return l2tp_connection_file_read_here (key, path, error);
#if L2TP_FILE_ACCESS_LIBNM
  return l2tp_connection_file_read_libnm (key, path, user, error);
#else
  return l2tp_connection_file_read_forked (key, path, user, error);
#endif
}
