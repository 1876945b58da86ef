/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/runtime-claim.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "src/common/log.h"
#include "src/common/process-stop.h"
#include "src/common/runtime-dir.h"

#define RETRY_MS          50
#define LEFTOVER_GRACE_MS 5000
#define LOCK_SUFFIX       ".lock"

struct _L2tpRuntimeClaim
{
  char *dir;
  char *lock_path;
  int lock_fd;
};

typedef struct
{
  char *root;
  char *id;
  char *dir;
  char *lock_path;
  int lock_fd;
  guint timeout_s;
  gint64 deadline;
  guint timer_id;
  gboolean told; /* that it waits, once */
  guint pending; /* leftover processes still ending */
} ClaimData;

static void
claim_data_free (ClaimData *data)
{
  g_clear_handle_id (&data->timer_id, g_source_remove);
  l2tp_runtime_unlock (&data->lock_fd, data->lock_path);
  g_free (data->root);
  g_free (data->id);
  g_free (data->dir);
  g_free (data->lock_path);
  g_free (data);
}

/* The lock of dir, if free and no live process names itself in dir's
 * service.pid (one of an older version, which took no lock); else -1. */
static int
try_claim (const char *dir, const char *lock_path)
{
  g_autofree char *stamp_path = g_build_filename (dir, L2TP_SERVICE_PID_FILE, NULL);
  g_autofree char *stamp = NULL;
  int fd = l2tp_runtime_lock (lock_path);

  if (fd < 0)
    return -1;
  if (g_file_get_contents (stamp_path, &stamp, NULL, NULL)
      && l2tp_runtime_stamp_alive (stamp))
    {
      l2tp_runtime_unlock (&fd, lock_path);
      return -1;
    }
  return fd;
}

static gboolean
stamp_pid (const char *path, pid_t *pid)
{
  g_autofree char *stamp = NULL;
  guint64 start;

  return g_file_get_contents (path, &stamp, NULL, NULL)
         && l2tp_runtime_stamp_parse (stamp, pid, &start);
}

/* Who holds it, for messages: the stamp in the lock file (or, for an
 * older version's process, in service.pid). */
static char *
holder (const char *dir, const char *lock_path)
{
  g_autofree char *stamp_path = g_build_filename (dir, L2TP_SERVICE_PID_FILE, NULL);
  pid_t pid;

  if (stamp_pid (lock_path, &pid) || stamp_pid (stamp_path, &pid))
    return g_strdup_printf ("%ld", (long) pid);
  return g_strdup ("?");
}

static void
claimed (GTask *task)
{
  ClaimData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *stamp = l2tp_runtime_pid_stamp ();
  g_autofree char *dir = NULL;
  L2tpRuntimeClaim *claim;

  if (g_task_return_error_if_cancelled (task))
    return;
  dir = l2tp_runtime_dir_create (data->root, data->id, &error);
  if (!dir || !l2tp_runtime_write_file (dir, L2TP_SERVICE_PID_FILE, stamp, &error))
    {
      if (dir)
        l2tp_runtime_dir_remove (dir);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  claim = g_new0 (L2tpRuntimeClaim, 1);
  claim->dir = g_steal_pointer (&dir);
  claim->lock_path = g_steal_pointer (&data->lock_path);
  claim->lock_fd = data->lock_fd;
  data->lock_fd = -1;
  g_task_return_pointer (task, claim, (GDestroyNotify) l2tp_runtime_claim_release);
}

static void
on_leftover_stopped (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ClaimData *data = g_task_get_task_data (task);

  l2tp_process_stop_finish (result, NULL);
  if (--data->pending == 0)
    claimed (task);
}

/* Held: what a crashed holder left running in the directory ends first
 * (its xl2tpd would hold the port, its pppd the L2TP session). */
static void
end_leftovers (GTask *task)
{
  ClaimData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) refs = NULL;

  if (g_file_test (data->dir, G_FILE_TEST_IS_DIR))
    refs = l2tp_runtime_find_processes (data->dir);
  data->pending = 1;
  while (refs && refs->len > 0)
    {
      L2tpProcessRef *ref = g_ptr_array_steal_index (refs, 0);

      l2tp_log_notice ("ending process %ld that a crashed service left in %s",
                       (long) l2tp_process_ref_get_pid (ref), data->dir);
      data->pending++;
      l2tp_process_ref_stop_async (ref, LEFTOVER_GRACE_MS, on_leftover_stopped,
                                   g_object_ref (task));
    }
  if (--data->pending == 0)
    claimed (task);
}

static gboolean
on_retry (gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ClaimData *data = g_task_get_task_data (task);
  g_autofree char *stamp = NULL;

  data->timer_id = 0;
  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  data->lock_fd = try_claim (data->dir, data->lock_path);
  if (data->lock_fd < 0)
    {
      g_autofree char *who = holder (data->dir, data->lock_path);

      if (g_get_monotonic_time () > data->deadline)
        {
          g_task_return_new_error (
              task, G_IO_ERROR, G_IO_ERROR_BUSY,
              _ ("another service process (pid %s) still has this connection after %u s"),
              who, data->timeout_s);
          return G_SOURCE_REMOVE;
        }
      if (!data->told)
        l2tp_log_notice ("waiting for service process %s, which still has %s "
                         "(a teardown under way)",
                         who, data->dir);
      data->told = TRUE;
      data->timer_id = g_timeout_add (RETRY_MS, on_retry, g_object_ref (task));
      return G_SOURCE_REMOVE;
    }
  if (data->told)
    l2tp_log_notice ("%s is free now", data->dir);
  /* For the messages of the next one that waits. */
  stamp = l2tp_runtime_pid_stamp ();
  if (ftruncate (data->lock_fd, 0) != 0
      || pwrite (data->lock_fd, stamp, strlen (stamp), 0) != (ssize_t) strlen (stamp))
    l2tp_log_debug ("cannot write %s: %s", data->lock_path, g_strerror (errno));
  end_leftovers (task);
  return G_SOURCE_REMOVE;
}

void
l2tp_runtime_claim_async (const char *root, const char *id, guint timeout_s,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ClaimData *data = g_new0 (ClaimData, 1);
  GError *error = NULL;

  g_return_if_fail (root != NULL && id != NULL);

  data->root = g_strdup (root);
  data->id = g_strdup (id);
  data->dir = g_build_filename (root, id, NULL);
  data->lock_path = g_strconcat (data->dir, LOCK_SUFFIX, NULL);
  data->lock_fd = -1;
  data->timeout_s = timeout_s;
  data->deadline = g_get_monotonic_time () + timeout_s * G_TIME_SPAN_SECOND;
  g_task_set_task_data (task, data, (GDestroyNotify) claim_data_free);

  if (!l2tp_runtime_ensure_dir (root, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  on_retry (task);
}

L2tpRuntimeClaim *
l2tp_runtime_claim_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
l2tp_runtime_claim_get_dir (L2tpRuntimeClaim *claim)
{
  return claim->dir;
}

void
l2tp_runtime_claim_release (L2tpRuntimeClaim *claim)
{
  if (!claim)
    return;
  l2tp_runtime_dir_remove (claim->dir);
  l2tp_runtime_unlock (&claim->lock_fd, claim->lock_path);
  g_free (claim->dir);
  g_free (claim->lock_path);
  g_free (claim);
}

/* ---- at service start ------------------------------------------------- */

/* xl2tpd and pppd left behind by a crashed service. */
static void
stop_orphans (const char *dir)
{
  g_autoptr (GPtrArray) refs = l2tp_runtime_find_processes (dir);

  for (guint i = 0; i < refs->len; i++)
    {
      L2tpProcessRef *ref = g_ptr_array_index (refs, i);

      l2tp_log_notice ("stopping process %ld left behind in %s",
                       (long) l2tp_process_ref_get_pid (ref), dir);
      l2tp_process_ref_signal (ref, SIGTERM, NULL);
    }
}

guint
l2tp_runtime_cleanup_stale (const char *root)
{
  g_autoptr (GDir) d = g_dir_open (root, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint removed = 0;

  /* Read first: entries go while we look. */
  while (d && (name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (root, names->pdata[i], NULL);
      g_autofree char *lock_path = NULL;
      int fd;

      if (g_str_equal (names->pdata[i], L2TP_CHARON_SUBDIR))
        continue;
      if (g_str_has_suffix (path, LOCK_SUFFIX))
        {
          /* A lock file without its directory: its holder died between
           * removing the one and the other, or is about to create it. */
          g_autofree char *dir = g_strndup (path, strlen (path) - strlen (LOCK_SUFFIX));

          if (g_file_test (dir, G_FILE_TEST_EXISTS))
            continue; /* with its directory */
          fd = l2tp_runtime_lock (path);
          if (fd >= 0)
            l2tp_runtime_unlock (&fd,
                                 g_file_test (dir, G_FILE_TEST_EXISTS) ? NULL : path);
          continue;
        }
      if (!g_file_test (path, G_FILE_TEST_IS_DIR)
          || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      lock_path = g_strconcat (path, LOCK_SUFFIX, NULL);
      fd = try_claim (path, lock_path);
      if (fd < 0)
        continue; /* a live service's */
      stop_orphans (path);
      l2tp_log_info ("removing stale runtime directory %s", path);
      l2tp_runtime_dir_remove (path);
      l2tp_runtime_unlock (&fd, lock_path);
      removed++;
    }
  return removed;
}
