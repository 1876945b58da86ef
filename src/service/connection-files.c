/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/connection-files.h"

#include <glib/gi18n-lib.h>

#include "src/common/connection-file.h"
#include "src/common/log.h"
#include "src/common/runtime-dir.h"

static const L2tpKeyId slot_keys[L2TP_FILE_COUNT] = {
  [L2TP_FILE_MACHINE_CA] = L2TP_KEY_MACHINE_CA,
  [L2TP_FILE_MACHINE_CERT] = L2TP_KEY_MACHINE_CERT,
  [L2TP_FILE_MACHINE_KEY] = L2TP_KEY_MACHINE_KEY,
  [L2TP_FILE_USER_CA] = L2TP_KEY_USER_CA,
  [L2TP_FILE_USER_CERT] = L2TP_KEY_USER_CERT,
  [L2TP_FILE_USER_KEY] = L2TP_KEY_USER_KEY,
};

L2tpKeyId
l2tp_connection_file_key (L2tpFileSlot slot)
{
  g_return_val_if_fail (slot < L2TP_FILE_COUNT, L2TP_KEY_MACHINE_KEY);
  return slot_keys[slot];
}

/* What one read needs, copied from the config: the worker thread touches
 * nothing of the caller's. */
typedef struct
{
  char *paths[L2TP_FILE_COUNT]; /* NULL: not used by this connect */
  GStrv users;                  /* NULL: a shared connection */
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  for (guint i = 0; i < L2TP_FILE_COUNT; i++)
    g_free (job->paths[i]);
  g_strfreev (job->users);
  g_free (job);
}

static gboolean
slot_used (const L2tpConfig *cfg, L2tpFileSlot slot)
{
  if (slot <= L2TP_FILE_MACHINE_KEY)
    return l2tp_config_ipsec_enabled (cfg) && l2tp_config_machine_tls (cfg);
  return l2tp_config_user_tls (cfg);
}

static ReadJob *
read_job_new (const L2tpConfig *cfg, const char *const *users)
{
  ReadJob *job = g_new0 (ReadJob, 1);

  for (guint i = 0; i < L2TP_FILE_COUNT; i++)
    if (slot_used (cfg, i))
      job->paths[i] = g_strdup (l2tp_config_get (cfg, slot_keys[i]));
  job->users = users ? g_strdupv ((char **) users) : NULL;
  return job;
}

static GBytes *
read_one (const char *key, const char *path, const char *const *users, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  if (!users)
    return l2tp_connection_file_read (key, path, NULL, error);
  if (!users[0])
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _ ("%s: %s: connection.permissions names no user to read it as"), key,
                   path);
      return NULL;
    }
  /* Any of them may have started the connection: each must be able to. */
  for (guint u = 0; users[u]; u++)
    {
      g_autoptr (GBytes) again = l2tp_connection_file_read (key, path, users[u], error);

      if (!again)
        return NULL;
      if (!bytes)
        bytes = g_steal_pointer (&again);
    }
  return g_steal_pointer (&bytes);
}

static L2tpConnectionFiles *
read_job_run (const ReadJob *job, GError **error)
{
  g_autoptr (L2tpConnectionFiles) files = g_new0 (L2tpConnectionFiles, 1);

  for (guint i = 0; i < L2TP_FILE_COUNT; i++)
    {
      const char *key = l2tp_key_get (slot_keys[i])->name;

      if (!job->paths[i])
        continue;
      files->bytes[i]
          = read_one (key, job->paths[i], (const char *const *) job->users, error);
      if (!files->bytes[i])
        return NULL;
    }
  return g_steal_pointer (&files);
}

L2tpConnectionFiles *
l2tp_connection_files_read (const L2tpConfig *cfg, const char *const *users,
                            GError **error)
{
  ReadJob *job;
  L2tpConnectionFiles *files;

  g_return_val_if_fail (cfg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = read_job_new (cfg, users);
  files = read_job_run (job, error);
  read_job_free (job);
  return files;
}

static void
read_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  L2tpConnectionFiles *files = read_job_run (task_data, &error);

  if (files)
    g_task_return_pointer (task, files, (GDestroyNotify) l2tp_connection_files_free);
  else
    g_task_return_error (task, error);
}

void
l2tp_connection_files_read_async (const L2tpConfig *cfg, const char *const *users,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReadJob *job = read_job_new (cfg, users);
  guint n = 0;

  for (guint i = 0; i < L2TP_FILE_COUNT; i++)
    n += job->paths[i] != NULL;
  g_task_set_source_tag (task, l2tp_connection_files_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  if (n)
    l2tp_log_info ("files: reading %u file%s of the connection as %s%s%s", n,
                   n == 1 ? "" : "s", job->users ? "its user" : "root",
                   job->users ? ", through " : "",
                   job->users ? l2tp_connection_file_access () : "");
  g_task_run_in_thread (task, read_thread);
}

L2tpConnectionFiles *
l2tp_connection_files_read_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
l2tp_connection_files_forget (L2tpConnectionFiles *files, L2tpFileSlot slot)
{
  g_return_if_fail (slot < L2TP_FILE_COUNT);

  if (files)
    g_clear_pointer (&files->bytes[slot], g_bytes_unref);
}

void
l2tp_connection_files_free (L2tpConnectionFiles *files)
{
  if (!files)
    return;
  for (guint i = 0; i < L2TP_FILE_COUNT; i++)
    g_clear_pointer (&files->bytes[i], g_bytes_unref);
  g_free (files);
}

gboolean
l2tp_connection_files_write_ppp (L2tpConnectionFiles *files, const char *dir,
                                 char *paths[3], GError **error)
{
  static const struct
  {
    L2tpFileSlot slot;
    const char *name;
  } copies[3] = {
    { L2TP_FILE_USER_CA, L2TP_PPP_CA_FILE },
    { L2TP_FILE_USER_CERT, L2TP_PPP_CERT_FILE },
    { L2TP_FILE_USER_KEY, L2TP_PPP_KEY_FILE },
  };

  g_return_val_if_fail (files != NULL && dir != NULL && paths != NULL, FALSE);
  g_return_val_if_fail (!paths[0] && !paths[1] && !paths[2], FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      GBytes *bytes = files->bytes[copies[i].slot];

      if (!bytes)
        continue;
      if (!l2tp_runtime_write_bytes (dir, copies[i].name, bytes, error))
        return FALSE;
      paths[i] = g_build_filename (dir, copies[i].name, NULL);
      l2tp_connection_files_forget (files, copies[i].slot);
    }
  return TRUE;
}

void
l2tp_connection_files_erase_ppp (char *paths[3])
{
  for (guint i = 0; i < 3; i++)
    {
      if (paths[i])
        l2tp_connection_file_erase (paths[i]);
      g_clear_pointer (&paths[i], g_free);
    }
}
