/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/runtime-dir.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/common/log.h"
#include "src/common/process-ref.h"

#define ID_MAX 64

char *
l2tp_runtime_id (const char *uuid)
{
  gsize len = uuid ? strlen (uuid) : 0;
  g_autofree char *hash = NULL;
  g_autofree char *hashed = NULL;

  if (len > 0 && len <= ID_MAX
      && strspn (uuid, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
             == len)
    return g_strdup (uuid);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uuid ? uuid : "", -1);
  hashed = g_strconcat ("x", hash, NULL);
  return g_strndup (hashed, ID_MAX);
}

char *
l2tp_runtime_conn_name (const char *id)
{
  return g_strconcat ("nm-l2tp-ipsec-", id, NULL);
}

gboolean
l2tp_runtime_ensure_dir (const char *path, GError **error)
{
  struct stat st;

  if (mkdir (path, 0700) != 0 && errno != EEXIST)
    {
      int e = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e),
                   _ ("cannot create %s: %s"), path, g_strerror (e));
      return FALSE;
    }
  if (lstat (path, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != geteuid ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _ ("%s is not a directory of ours"), path);
      return FALSE;
    }
  if ((st.st_mode & 07777) != 0700 && chmod (path, 0700) != 0)
    {
      int e = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e),
                   _ ("cannot restrict %s: %s"), path, g_strerror (e));
      return FALSE;
    }
  return TRUE;
}

/* Unlinks the entries of dir (files, fifos, sockets; never recursing). */
static void
empty_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (!d)
    return;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (unlink (path) != 0 && errno != ENOENT)
        l2tp_log_warn ("cannot remove %s: %s", path, g_strerror (errno));
    }
}

char *
l2tp_runtime_dir_create (const char *root, const char *id, GError **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (root != NULL && id != NULL, NULL);

  if (!l2tp_runtime_ensure_dir (root, error))
    return NULL;
  dir = g_build_filename (root, id, NULL);
  if (!l2tp_runtime_ensure_dir (dir, error))
    return NULL;
  empty_dir (dir);
  return g_steal_pointer (&dir);
}

gboolean
l2tp_runtime_write_file (const char *dir, const char *name, const char *contents,
                         GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  /* g_file_set_contents_full writes a temporary file with this mode and
   * renames it: the contents are never readable by others, not even briefly. */
  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

gboolean
l2tp_runtime_write_bytes (const char *dir, const char *name, GBytes *contents,
                          GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize len;
  const char *data = g_bytes_get_data (contents, &len);

  return g_file_set_contents_full (path, data ? data : "", len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

void
l2tp_runtime_dir_remove (const char *dir)
{
  if (!dir)
    return;
  empty_dir (dir);
  if (rmdir (dir) != 0 && errno != ENOENT)
    l2tp_log_warn ("cannot remove %s: %s", dir, g_strerror (errno));
}

/* Where xl2tpd and the pppd it starts are installed (programs.c looks for
 * them there, for xl2tpd.c, preflight.c and diagnose). */
const char *const l2tp_runtime_programs[] = { "/usr/sbin/xl2tpd",
                                              "/sbin/xl2tpd",
                                              "/usr/local/sbin/xl2tpd",
                                              "/usr/sbin/pppd",
                                              "/sbin/pppd",
                                              "/usr/local/sbin/pppd",
                                              NULL };

char *
l2tp_runtime_stamp_of (pid_t pid)
{
  guint64 start = l2tp_process_start_time (pid);

  if (!start)
    return NULL;
  return g_strdup_printf ("%ld %" G_GUINT64_FORMAT "\n", (long) pid, start);
}

char *
l2tp_runtime_pid_stamp (void)
{
  return l2tp_runtime_stamp_of (getpid ());
}

gboolean
l2tp_runtime_stamp_parse (const char *stamp, pid_t *pid, guint64 *start)
{
  g_auto (GStrv) parts = NULL;
  g_autofree char *copy = NULL;
  guint64 p;

  if (!stamp)
    return FALSE;
  copy = g_strstrip (g_strdup (stamp));
  parts = g_strsplit (copy, " ", 3);
  /* Both fields: a pid alone says nothing once the pid may be reused. */
  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 2, G_MAXINT32, &p, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT64, start, NULL))
    return FALSE;
  *pid = (pid_t) p;
  return TRUE;
}

gboolean
l2tp_runtime_stamp_alive (const char *stamp)
{
  pid_t pid;
  guint64 start;

  /* A recycled pid belongs to a process started at another time. */
  return l2tp_runtime_stamp_parse (stamp, &pid, &start)
         && l2tp_process_start_time (pid) == start;
}

int
l2tp_runtime_lock (const char *path)
{
  struct stat st_fd, st_path;
  int fd = open (path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    return -1;
  /* A releaser unlinks the file before it lets go: a lock on the old
   * inode is no lock. */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0 || fstat (fd, &st_fd) != 0
      || stat (path, &st_path) != 0 || st_fd.st_ino != st_path.st_ino)
    {
      close (fd);
      return -1;
    }
  return fd;
}

void
l2tp_runtime_unlock (int *fd, const char *path)
{
  if (*fd < 0)
    return;
  if (path)
    unlink (path);
  close (*fd); /* drops the flock */
  *fd = -1;
}

GPtrArray *
l2tp_runtime_find_processes_of (const char *dir, const char *const *programs)
{
  GPtrArray *found
      = g_ptr_array_new_with_free_func ((GDestroyNotify) l2tp_process_ref_free);
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const L2tpProcessMatch match = { .programs = programs, .cmdline_dir = dir };
  const char *name;

  while (proc && (name = g_dir_read_name (proc)))
    {
      g_autoptr (GError) error = NULL;
      L2tpProcessRef *ref;
      guint64 v;

      if (!g_ascii_string_to_unsigned (name, 10, 2, G_MAXINT32, &v, NULL)
          || (pid_t) v == getpid () || !l2tp_process_cmdline_names ((pid_t) v, dir))
        continue;
      /* Checked again, and for good, once it is held by a pidfd. */
      ref = l2tp_process_ref_open ((pid_t) v, &match, &error);
      if (ref)
        g_ptr_array_add (found, ref);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        l2tp_log_warn ("%s, though it names %s: left alone", error->message, dir);
    }
  return found;
}

GPtrArray *
l2tp_runtime_find_processes (const char *dir)
{
  return l2tp_runtime_find_processes_of (dir, l2tp_runtime_programs);
}
