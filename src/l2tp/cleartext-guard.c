/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The cleartext guard in the kernel, through nft (see cleartext-guard.h). */
#include "src/l2tp/cleartext-guard.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "shared/text-clean.h"
#include "src/common/failure.h"
#include "src/common/log.h"
#include "src/common/runtime-dir.h"

/* nft answers in milliseconds; this only ends a hung one. */
#define NFT_TIMEOUT_S 10

static const char *const nft_paths[] = { "/usr/sbin/nft", "/sbin/nft", NULL };

const char *
l2tp_cleartext_guard_nft_path (void)
{
  const char *override = g_getenv ("NM_L2TP_IPSEC_NFT");

  if (override && *override)
    return override;
  for (guint i = 0; nft_paths[i]; i++)
    if (g_file_test (nft_paths[i], G_FILE_TEST_IS_EXECUTABLE))
      return nft_paths[i];
  return NULL;
}

/* nft's first words of an error ("Error: Could not process rule: Operation
 * not supported"), without the "/dev/stdin:4:3-70: " place, cleaned. */
static char *
nft_words (const char *err)
{
  g_autofree char *line = NULL;
  const char *start;

  if (!err)
    err = "";
  while (*err == '\n')
    err++;
  line = g_strndup (err, strcspn (err, "\n"));
  start = strstr (line, "Error: ");
  return l2tp_text_clean (start ? start : line, L2TP_TEXT_CLEAN_LINE_MAX);
}

static void
set_nft_error (GError **error, const char *what, const char *nft_err, int status)
{
  g_autofree char *words = nft_words (nft_err);
  g_autofree char *text = NULL;

  if (*words)
    text = g_strdup_printf ("nft %s: %s", what, words);
  else
    text = g_strdup_printf ("nft %s: exit status %d", what, status);
  l2tp_failure_set (error, L2TP_FAILURE_GUARD, text, NULL);
}

static GPtrArray *
nft_argv (const char *nft, const char *const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) nft);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* ---- one nft run, asynchronous ------------------------------------------ */

typedef struct
{
  GSubprocess *process;
  char *what; /* "install", "list", "remove": for the message */
  guint timeout;
  gboolean timed_out;
} NftRun;

static void
nft_run_free (NftRun *r)
{
  g_clear_handle_id (&r->timeout, g_source_remove);
  g_clear_object (&r->process);
  g_free (r->what);
  g_free (r);
}

static gboolean
on_nft_timeout (gpointer user_data)
{
  NftRun *r = g_task_get_task_data (user_data);

  r->timeout = 0;
  r->timed_out = TRUE;
  g_subprocess_force_exit (r->process);
  return G_SOURCE_REMOVE;
}

static void
on_nft_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  NftRun *r = g_task_get_task_data (task);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_handle_id (&r->timeout, g_source_remove);
  if (!g_subprocess_communicate_utf8_finish (r->process, result, &out, &err, &error))
    {
      g_autofree char *text = g_strdup_printf ("nft %s: %s", r->what, error->message);
      GError *failure = NULL;

      /* The pipes failed: nft still ends (it gets EOF or SIGPIPE). */
      g_subprocess_force_exit (r->process);
      l2tp_failure_set (&failure, L2TP_FAILURE_GUARD, text, NULL);
      g_task_return_error (task, failure);
      return;
    }
  if (r->timed_out || !g_subprocess_get_successful (r->process))
    {
      GError *failure = NULL;

      if (r->timed_out)
        {
          g_autofree char *text = g_strdup_printf ("nft %s: no answer within %d seconds",
                                                   r->what, NFT_TIMEOUT_S);
          l2tp_failure_set (&failure, L2TP_FAILURE_GUARD, text, NULL);
        }
      else
        set_nft_error (&failure, r->what, err, g_subprocess_get_status (r->process));
      g_task_return_error (task, failure);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&out), g_free);
}

/* nft ARGS with input on its stdin; the task's value is its stdout. The
 * process is always awaited: the cancellable only changes the result, so a
 * cancelled install is over in the kernel when its callback comes. */
static GTask *
nft_run_async (const char *what, const char *const *args, const char *input,
               GCancellable *cancellable, GAsyncReadyCallback callback,
               gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  const char *nft = l2tp_cleartext_guard_nft_path ();
  g_autoptr (GPtrArray) argv = NULL;
  GError *error = NULL;
  NftRun *r;

  if (!nft)
    {
      l2tp_failure_set (&error, L2TP_FAILURE_MISSING_PROGRAM, nft_paths[0], "nftables");
      g_task_return_error (task, error);
      return task;
    }
  r = g_new0 (NftRun, 1);
  r->what = g_strdup (what);
  g_task_set_task_data (task, r, (GDestroyNotify) nft_run_free);
  argv = nft_argv (nft, args);
  r->process
      = g_subprocess_newv ((const char *const *) argv->pdata,
                           G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error);
  if (!r->process)
    {
      g_autofree char *text = g_strdup_printf ("nft %s: %s", what, error->message);

      g_clear_error (&error);
      l2tp_failure_set (&error, L2TP_FAILURE_GUARD, text, NULL);
      g_task_return_error (task, error);
      return task;
    }
  r->timeout = g_timeout_add_seconds (NFT_TIMEOUT_S, on_nft_timeout, task);
  g_subprocess_communicate_utf8_async (r->process, input, NULL, on_nft_done,
                                       g_object_ref (task));
  return task;
}

/* ---- one nft run, synchronous (service start, tests) -------------------- */

static char *
nft_run_sync (const char *what, const char *const *args, const char *input,
              GError **error)
{
  const char *nft = l2tp_cleartext_guard_nft_path ();
  g_autoptr (GPtrArray) argv = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!nft)
    {
      l2tp_failure_set (error, L2TP_FAILURE_MISSING_PROGRAM, nft_paths[0], "nftables");
      return NULL;
    }
  argv = nft_argv (nft, args);
  process
      = g_subprocess_newv ((const char *const *) argv->pdata,
                           G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &local);
  if (!process
      || !g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &local))
    {
      g_autofree char *text = g_strdup_printf ("nft %s: %s", what, local->message);

      if (process)
        g_subprocess_force_exit (process);
      l2tp_failure_set (error, L2TP_FAILURE_GUARD, text, NULL);
      return NULL;
    }
  if (!g_subprocess_get_successful (process))
    {
      set_nft_error (error, what, err, g_subprocess_get_status (process));
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- install ------------------------------------------------------------ */

void
l2tp_cleartext_guard_install_async (const L2tpGuardTuple *tuple,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  static const char *const args[] = { "-f", "-", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *ruleset = NULL;
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (tuple != NULL);

  ruleset = l2tp_render_guard (tuple, &error);
  if (!ruleset)
    {
      GError *failure = NULL;

      task = g_task_new (NULL, cancellable, callback, user_data);
      l2tp_failure_set (&failure, L2TP_FAILURE_GUARD, error->message, NULL);
      g_task_return_error (task, failure);
      return;
    }
  l2tp_log_info ("guard: L2TP %s:%u <-> %s:%u only inside IPsec (nftables table "
                 "%s " L2TP_GUARD_TABLE_PREFIX "%s)",
                 tuple->local_addr, (guint) tuple->local_port, tuple->server_addr,
                 (guint) L2TP_GUARD_SERVER_PORT, L2TP_GUARD_FAMILY, tuple->id);
  task = nft_run_async ("install", args, ruleset, cancellable, callback, user_data);
}

gboolean
l2tp_cleartext_guard_install_finish (GAsyncResult *result, GError **error)
{
  g_autofree char *out = g_task_propagate_pointer (G_TASK (result), error);

  return out != NULL;
}

/* ---- remove ------------------------------------------------------------- */

typedef struct
{
  char *id;
  char *table;
  char *removal;
  L2tpGuardCounts counts;
} RemoveData;

static void
remove_data_free (RemoveData *d)
{
  g_free (d->id);
  g_free (d->table);
  g_free (d->removal);
  g_free (d);
}

static void
log_counts (const char *id, const L2tpGuardCounts *counts)
{
  if (counts->out_packets > 0)
    l2tp_log_warn ("guard: %s dropped %llu L2TP packets to the server that would have "
                   "left without IPsec",
                   id, (unsigned long long) counts->out_packets);
  if (counts->in_packets > 0)
    l2tp_log_notice ("guard: %s dropped %llu L2TP packets from the server that came "
                     "without IPsec",
                     id, (unsigned long long) counts->in_packets);
}

static void
on_removed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  RemoveData *d = g_task_get_task_data (task);
  g_autofree char *out = NULL;
  GError *error = NULL;

  out = g_task_propagate_pointer (G_TASK (result), &error);
  if (!out)
    {
      l2tp_log_warn ("guard: cannot remove %s: %s", d->table, error->message);
      g_task_return_error (task, error);
      return;
    }
  l2tp_log_info ("guard: removed %s", d->table);
  g_task_return_boolean (task, TRUE);
}

static void
on_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  static const char *const args[] = { "-f", "-", NULL };
  GTask *task = user_data; /* the reference passes on to on_removed */
  RemoveData *d = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (GTask) run = NULL;

  /* Not there (a failed install): nothing counted, the removal is quiet. */
  if (listing && l2tp_guard_counts_parse (listing, &d->counts))
    log_counts (d->id, &d->counts);
  run = nft_run_async ("remove", args, d->removal, NULL, on_removed, task);
}

void
l2tp_cleartext_guard_remove_async (const char *id, GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, callback, user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) run = NULL;
  RemoveData *d = g_new0 (RemoveData, 1);

  g_task_set_task_data (task, d, (GDestroyNotify) remove_data_free);
  d->id = g_strdup (id);
  d->table = l2tp_guard_table_name (id, &error);
  d->removal = d->table ? l2tp_render_guard_removal (id, &error) : NULL;
  if (!d->removal)
    {
      GError *failure = NULL;

      l2tp_failure_set (&failure, L2TP_FAILURE_GUARD, error->message, NULL);
      g_task_return_error (task, failure);
      return;
    }
  {
    const char *const args[] = { "list", "table", L2TP_GUARD_FAMILY, d->table, NULL };

    run = nft_run_async ("list", args, NULL, NULL, on_listed, g_steal_pointer (&task));
  }
}

gboolean
l2tp_cleartext_guard_remove_finish (GAsyncResult *result, L2tpGuardCounts *counts,
                                    GError **error)
{
  RemoveData *d = g_task_get_task_data (G_TASK (result));

  if (counts)
    *counts = d->counts;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- synchronous -------------------------------------------------------- */

gboolean
l2tp_cleartext_guard_counts (const char *id, L2tpGuardCounts *counts, GError **error)
{
  g_autofree char *table = l2tp_guard_table_name (id, error);
  g_autofree char *listing = NULL;

  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  if (!table)
    return FALSE;
  {
    const char *const args[] = { "list", "table", L2TP_GUARD_FAMILY, table, NULL };

    listing = nft_run_sync ("list", args, NULL, error);
  }
  if (!listing)
    return FALSE;
  if (!l2tp_guard_counts_parse (listing, counts))
    {
      l2tp_failure_set (error, L2TP_FAILURE_GUARD, "nft list: not our guard's rules",
                        NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
session_alive (const char *runtime_root, const char *id)
{
  g_autofree char *stamp_path
      = g_build_filename (runtime_root, id, L2TP_SERVICE_PID_FILE, NULL);
  g_autofree char *stamp = NULL;

  return g_file_get_contents (stamp_path, &stamp, NULL, NULL)
         && l2tp_runtime_stamp_alive (stamp);
}

#define MARKER_SUFFIX ".guard"

static char *
marker_path (const char *runtime_root, const char *id)
{
  g_autofree char *name = g_strconcat (id, MARKER_SUFFIX, NULL);

  return g_build_filename (runtime_root, name, NULL);
}

gboolean
l2tp_cleartext_guard_mark (const char *runtime_root, const char *id)
{
  g_autofree char *path = marker_path (runtime_root, id);
  g_autoptr (GError) error = NULL;

  if (g_file_set_contents_full (path, "", 0, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    return TRUE;
  l2tp_log_warn ("guard: cannot write its marker: %s", error->message);
  return FALSE;
}

void
l2tp_cleartext_guard_unmark (const char *runtime_root, const char *id)
{
  g_autofree char *path = marker_path (runtime_root, id);

  if (unlink (path) != 0 && errno != ENOENT)
    l2tp_log_warn ("guard: cannot remove its marker %s: %s", path, g_strerror (errno));
}

/* The ids of markers whose service is gone. */
static GPtrArray *
dead_markers (const char *runtime_root)
{
  g_autoptr (GDir) dir = g_dir_open (runtime_root, 0, NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *id = NULL;

      if (!g_str_has_suffix (name, MARKER_SUFFIX))
        continue;
      id = g_strndup (name, strlen (name) - strlen (MARKER_SUFFIX));
      if (*id && !session_alive (runtime_root, id))
        g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  return ids;
}

static gboolean
ids_contain (GPtrArray *ids, const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (ids->pdata[i], id))
      return TRUE;
  return FALSE;
}

guint
l2tp_cleartext_guard_cleanup_stale (const char *runtime_root)
{
  static const char *const args[] = { "list", "tables", L2TP_GUARD_FAMILY, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GPtrArray) dead = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  guint removed = 0;

  g_return_val_if_fail (runtime_root != NULL, 0);

  dead = dead_markers (runtime_root);
  if (dead->len == 0)
    return 0; /* no service died with a guard in place */
  if (!l2tp_cleartext_guard_nft_path ())
    return 0; /* no nft: no guard was ever installed */
  listing = nft_run_sync ("list", args, NULL, &error);
  if (!listing)
    {
      l2tp_log_info ("guard: cannot look for guards left behind: %s", error->message);
      return 0;
    }
  ids = l2tp_guard_ids_parse (listing);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      g_autofree char *dir = g_build_filename (runtime_root, id, NULL);
      g_autoptr (GPtrArray) pids = NULL;
      g_autofree char *removal = NULL;
      g_autofree char *out = NULL;
      g_autoptr (GError) remove_error = NULL;
      L2tpGuardCounts counts;

      if (session_alive (runtime_root, id))
        continue;
      pids = l2tp_runtime_find_processes (dir);
      if (pids->len > 0)
        {
          l2tp_log_notice ("guard: keeping " L2TP_GUARD_TABLE_PREFIX "%s of a dead "
                           "service while %u of its processes still run",
                           id, pids->len);
          g_ptr_array_add (kept, (gpointer) id);
          continue;
        }
      if (l2tp_cleartext_guard_counts (id, &counts, NULL))
        log_counts (id, &counts);
      removal = l2tp_render_guard_removal (id, NULL);
      {
        static const char *const script[] = { "-f", "-", NULL };

        out = nft_run_sync ("remove", script, removal, &remove_error);
      }
      if (!out)
        {
          l2tp_log_warn ("guard: cannot remove " L2TP_GUARD_TABLE_PREFIX "%s: %s", id,
                         remove_error->message);
          g_ptr_array_add (kept, (gpointer) id);
          continue;
        }
      l2tp_log_info ("guard: removed " L2TP_GUARD_TABLE_PREFIX "%s, left by a service "
                     "that is gone",
                     id);
      removed++;
    }
  /* A marker stays with the guard it stands for. */
  for (guint i = 0; i < dead->len; i++)
    if (!ids_contain (kept, dead->pdata[i]))
      l2tp_cleartext_guard_unmark (runtime_root, dead->pdata[i]);
  return removed;
}
