/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The documented behaviour of nm_utils_copy_cert_as_user() (libnm 1.56,
 * nm-utils.c): root only; a helper reads the file as the user (getpwnam,
 * setgid, initgroups, setuid, open following symlinks, everything to its
 * stdout); the bytes go to a new file of mode 0600 owned by root in
 * /run/NetworkManager/cert/ (fake_nm_cert_dir here), whose name is
 * returned; the caller removes it. Its error names the file and the user. */
#include "fake-nm-copy-cert.h"

#include <NetworkManager.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *fake_nm_cert_dir;
guint fake_nm_calls;
gboolean fake_nm_pad_copy;

/* The helper, in a child (this test is single-threaded). */
static void G_GNUC_NORETURN
helper (const char *filename, const char *user, int out)
{
  struct passwd *pw = getpwnam (user);
  char buf[4096];
  ssize_t n;
  int fd;

  if (!pw || setgid (pw->pw_gid) != 0 || initgroups (user, pw->pw_gid) != 0
      || setuid (pw->pw_uid) != 0)
    {
      dprintf (out, "E:Failed to set effective user '%s'", user);
      _exit (3);
    }
  fd = open (filename, O_RDONLY);
  if (fd < 0)
    {
      dprintf (out,
               "E:Failed to read file '%s' as user '%s': error opening the file: %d (%s)",
               filename, user, errno, strerror (errno));
      _exit (3);
    }
  (void) !write (out, "D:", 2);
  while ((n = read (fd, buf, sizeof buf)) > 0)
    (void) !write (out, buf, n);
  _exit (0);
}

char *
nm_utils_copy_cert_as_user (const char *filename, const char *user, GError **error)
{
  g_autoptr (GByteArray) got = g_byte_array_new ();
  g_autofree char *path = NULL;
  guint8 buf[4096];
  int fds[2];
  int status = 0;
  ssize_t n;
  pid_t pid;
  int fd;

  fake_nm_calls++;
  if (geteuid () != 0)
    {
      g_set_error_literal (error, NM_CONNECTION_ERROR,
                           NM_CONNECTION_ERROR_INVALID_PROPERTY,
                           "This function needs to be called by root");
      return NULL;
    }
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      helper (filename, user, fds[1]);
    }
  close (fds[1]);
  while ((n = read (fds[0], buf, sizeof buf)) > 0)
    g_byte_array_append (got, buf, n);
  close (fds[0]);
  waitpid (pid, &status, 0);
  if (got->len < 2 || memcmp (got->data, "D:", 2) != 0)
    {
      g_byte_array_append (got, (const guint8 *) "", 1);
      g_set_error (error, NM_CONNECTION_ERROR, NM_CONNECTION_ERROR_FAILED, "%s",
                   got->len > 2 ? (const char *) got->data + 2 : "helper process failed");
      return NULL;
    }
  if (fake_nm_pad_copy)
    {
      g_autofree guint8 *pad = g_malloc0 (300 * 1024);

      g_byte_array_append (got, pad, 300 * 1024);
    }
  path = g_build_filename (fake_nm_cert_dir, "XXXXXX", NULL);
  fd = g_mkstemp_full (path, O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, got->data + 2, got->len - 2), ==, (ssize_t) got->len - 2);
  close (fd);
  return g_steal_pointer (&path);
}
