/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/runtime-dir.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/common/log.h"

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

/* Field 22 of /proc/PID/stat: start time in clock ticks since boot. */
static guint64
process_start_time (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%ld/stat", (long) pid);
  g_autofree char *text = NULL;
  g_auto (GStrv) fields = NULL;
  const char *after_comm;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  /* The command name is in parentheses and may hold spaces. */
  after_comm = strrchr (text, ')');
  if (!after_comm)
    return 0;
  fields = g_strsplit (after_comm + 2, " ", 0);
  /* after_comm starts at field 3 (state): field 22 is index 19. */
  if (g_strv_length (fields) < 20)
    return 0;
  return g_ascii_strtoull (fields[19], NULL, 10);
}

char *
l2tp_runtime_pid_stamp (void)
{
  pid_t pid = getpid ();

  return g_strdup_printf ("%ld %" G_GUINT64_FORMAT "\n", (long) pid,
                          process_start_time (pid));
}

static gboolean
parse_stamp (const char *stamp, pid_t *pid, guint64 *start)
{
  g_auto (GStrv) parts = NULL;
  g_autofree char *copy = NULL;
  guint64 p;

  if (!stamp)
    return FALSE;
  copy = g_strstrip (g_strdup (stamp));
  parts = g_strsplit_set (copy, " \n", 3);
  if (!parts[0] || !g_ascii_string_to_unsigned (parts[0], 10, 2, G_MAXINT32, &p, NULL))
    return FALSE;
  *pid = (pid_t) p;
  *start = 0;
  if (parts[1] && !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT64, start, NULL))
    return FALSE;
  return TRUE;
}

gboolean
l2tp_runtime_stamp_alive (const char *stamp)
{
  pid_t pid;
  guint64 start;

  if (!parse_stamp (stamp, &pid, &start))
    return FALSE;
  if (kill (pid, 0) != 0 && errno != EPERM)
    return FALSE;
  /* A recycled pid belongs to a process started at another time. */
  return start == 0 || process_start_time (pid) == start;
}

static gboolean
cmdline_names (pid_t pid, const char *dir)
{
  g_autofree char *path = g_strdup_printf ("/proc/%ld/cmdline", (long) pid);
  g_autofree char *cmdline = NULL;
  g_autofree char *prefix = g_strconcat (dir, "/", NULL);
  gsize len;

  if (!g_file_get_contents (path, &cmdline, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + 1 < len; i++)
    if (cmdline[i] == '\0')
      cmdline[i] = ' ';
  return strstr (cmdline, prefix) != NULL;
}

GArray *
l2tp_runtime_find_processes (const char *dir)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc && (name = g_dir_read_name (proc)))
    {
      guint64 v;
      GPid pid;

      if (!g_ascii_string_to_unsigned (name, 10, 2, G_MAXINT32, &v, NULL))
        continue;
      pid = (GPid) v;
      if (pid != getpid () && cmdline_names (pid, dir))
        g_array_append_val (pids, pid);
    }
  return pids;
}

/* xl2tpd and pppd left behind by a crashed service: found by their command
 * line naming this directory, so a recycled pid is never hit. */
static void
stop_orphans (const char *dir)
{
  g_autoptr (GArray) pids = l2tp_runtime_find_processes (dir);

  for (guint i = 0; i < pids->len; i++)
    {
      GPid pid = g_array_index (pids, GPid, i);

      l2tp_log_notice ("stopping process %ld left behind in %s", (long) pid, dir);
      kill (pid, SIGTERM);
    }
}

guint
l2tp_runtime_cleanup_stale (const char *root)
{
  g_autoptr (GDir) d = g_dir_open (root, 0, NULL);
  const char *name;
  guint removed = 0;

  if (!d)
    return 0;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *dir = g_build_filename (root, name, NULL);
      g_autofree char *stamp_path = g_build_filename (dir, L2TP_SERVICE_PID_FILE, NULL);
      g_autofree char *stamp = NULL;

      if (g_str_equal (name, L2TP_CHARON_SUBDIR) || !g_file_test (dir, G_FILE_TEST_IS_DIR)
          || g_file_test (dir, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_get_contents (stamp_path, &stamp, NULL, NULL)
          && l2tp_runtime_stamp_alive (stamp))
        continue;
      stop_orphans (dir);
      l2tp_log_info ("removing stale runtime directory %s", dir);
      l2tp_runtime_dir_remove (dir);
      removed++;
    }
  return removed;
}
