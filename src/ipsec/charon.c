/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/ipsec/charon.h"
#include "src/ipsec/charon-users.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/common/failure.h"
#include "src/common/log.h"
#include "src/common/process-ref.h"
#include "src/common/process-stop.h"
#include "src/common/programs.h"
#include "src/common/runtime-dir.h"
#include "src/ipsec/vici-client.h"

#define PROBE_TIMEOUT_MS 5000  /* a charon that answers does so at once */
#define START_TIMEOUT_MS 30000 /* trimmed plugin list: ~0.2 s native */
#define RETRY_MS                                                                         \
  25                            /* lock and socket retries: cheap, and each              \
                                 * wait is added to the connect time */
#define STOP_GRACE_MS     10000 /* charon deletes its SAs on SIGTERM */
#define PRIVATE_PID_FILE  "charon.pid"
#define PRIVATE_CONF_FILE "strongswan.conf"
#define PRIVATE_SOCKET    "charon.vici"
#define PRIVATE_OUTPUT    "charon.out"

struct _L2tpCharonUse
{
  char *dir; /* private charon's directory */
  char *socket;
  char *version;
  gboolean is_private;
};

/* The private charon when this process started it: GLib reaps it. */
static GSubprocess *private_process;

static void
use_free (L2tpCharonUse *use)
{
  g_free (use->dir);
  g_free (use->socket);
  g_free (use->version);
  g_free (use);
}

const char *
l2tp_charon_use_get_socket (L2tpCharonUse *use)
{
  return use->socket;
}

const char *
l2tp_charon_use_get_version (L2tpCharonUse *use)
{
  return use->version;
}

gboolean
l2tp_charon_use_is_private (L2tpCharonUse *use)
{
  return use->is_private;
}

/* The private charon, if the one we recorded still runs: the pid file's
 * "PID STARTTIME" names a root process running charon (process-ref.h).
 * After a crash its pid may belong to anything: never signal that. */
static L2tpProcessRef *
private_charon (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, PRIVATE_PID_FILE, NULL);
  g_autofree char *stamp = NULL;
  g_autoptr (GError) error = NULL;
  L2tpProcessMatch match = { .programs = l2tp_program_paths (L2TP_PROGRAM_CHARON) };
  L2tpProcessRef *ref;
  pid_t pid;

  if (!g_file_get_contents (path, &stamp, NULL, NULL))
    return NULL;
  if (!l2tp_runtime_stamp_parse (stamp, &pid, &match.start_time))
    {
      l2tp_log_notice ("charon: %s is no \"PID STARTTIME\": ignored", path);
      return NULL;
    }
  ref = l2tp_process_ref_open (pid, &match, &error);
  if (!ref && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    l2tp_log_notice ("charon: %s: %s", path, error->message);
  return ref;
}

static gboolean
private_charon_runs (const char *dir, pid_t *pid)
{
  g_autoptr (L2tpProcessRef) ref = private_charon (dir);

  if (ref && pid)
    *pid = l2tp_process_ref_get_pid (ref);
  return ref != NULL;
}

/* charon's own pid file holds a pid alone: only to see that one runs (a
 * zombie does not run). */
static gboolean
pid_file_alive (const char *path, pid_t *pid)
{
  g_autofree char *text = NULL;
  guint64 v;

  if (!g_file_get_contents (path, &text, NULL, NULL)
      || !g_ascii_string_to_unsigned (g_strstrip (text), 10, 2, G_MAXINT32, &v, NULL))
    return FALSE;
  *pid = (pid_t) v;
  return l2tp_process_running (*pid);
}

/* ---- finding or starting charon --------------------------------------- */

typedef struct
{
  char *root;
  char *dir;
  int lock_fd;
  guint timer_id;
  gint64 deadline;
  GCancellable *probe_cancel; /* cancels one probe at its timeout */
  GSubprocess *started;
  L2tpCharonUse *use;
} UseData;

static void
use_data_free (UseData *data)
{
  g_clear_handle_id (&data->timer_id, g_source_remove);
  l2tp_charon_dir_unlock (&data->lock_fd);
  g_clear_object (&data->probe_cancel);
  g_clear_object (&data->started);
  g_clear_pointer (&data->use, use_free);
  g_free (data->root);
  g_free (data->dir);
  g_free (data);
}

static void probe_system (GTask *task);
static void probe_private (GTask *task);
static void start_private (GTask *task);

static void
use_fail (GTask *task, L2tpFailure failure, const char *a, const char *b)
{
  GError *error = NULL;

  l2tp_failure_set (&error, failure, a, b);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Registered as a user of this charon: from here on it is ours to use. */
static void
use_done (GTask *task, const char *socket, const char *version, gboolean is_private)
{
  UseData *data = g_task_get_task_data (task);
  L2tpCharonUse *use = g_new0 (L2tpCharonUse, 1);

  use->dir = g_strdup (data->dir);
  use->socket = g_strdup (socket);
  use->version = g_strdup (version);
  use->is_private = is_private;
  if (is_private)
    {
      g_autofree char *marker = l2tp_charon_user_marker (data->dir);
      g_autofree char *stamp = l2tp_runtime_pid_stamp ();
      g_autoptr (GError) error = NULL;

      if (!g_file_set_contents_full (marker, stamp, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                     0600, &error))
        l2tp_log_warn ("charon: cannot record this user: %s", error->message);
    }
  l2tp_log_info ("charon: using %s charon %s on %s", is_private ? "private" : "system",
                 version ? version : "(unknown version)", socket);
  l2tp_charon_dir_unlock (&data->lock_fd);
  g_task_return_pointer (task, use, (GDestroyNotify) use_free);
  g_object_unref (task);
}

/* One probe: connect to the socket and ask "version", within a time limit. */
typedef struct
{
  GTask *task;
  char *socket;
  void (*answered) (GTask *task, const char *socket, const char *version);
  void (*silent) (GTask *task, const GError *error);
  guint timeout_id;
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_handle_id (&probe->timeout_id, g_source_remove);
  g_free (probe->socket);
  g_free (probe);
}

static gboolean
on_probe_timeout (gpointer user_data)
{
  Probe *probe = user_data;
  UseData *data = g_task_get_task_data (probe->task);

  probe->timeout_id = 0;
  g_cancellable_cancel (data->probe_cancel);
  return G_SOURCE_REMOVE;
}

static void
probe_finish (Probe *probe, const char *version, const GError *error)
{
  UseData *data = g_task_get_task_data (probe->task);

  g_clear_object (&data->probe_cancel);
  if (error)
    probe->silent (probe->task, error);
  else
    probe->answered (probe->task, probe->socket, version);
  probe_free (probe);
}

static void
on_probe_version (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Probe *probe = user_data;
  g_autoptr (ViciClient) client = VICI_CLIENT (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) answer = vici_client_request_finish (client, result, &error);

  vici_client_close (client);
  probe_finish (probe, answer ? vici_message_get_str (answer, "version") : NULL,
                answer ? NULL : error);
}

static void
on_probe_connected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Probe *probe = user_data;
  UseData *data = g_task_get_task_data (probe->task);
  g_autoptr (GError) error = NULL;
  ViciClient *client = vici_client_new_finish (result, &error);

  if (!client)
    {
      probe_finish (probe, NULL, error);
      return;
    }
  vici_client_request_async (client, "version", NULL, data->probe_cancel,
                             on_probe_version, probe);
}

static void
probe (GTask *task, const char *socket,
       void (*answered) (GTask *, const char *, const char *),
       void (*silent) (GTask *, const GError *))
{
  UseData *data = g_task_get_task_data (task);
  Probe *p = g_new0 (Probe, 1);

  p->task = task;
  p->socket = g_strdup (socket);
  p->answered = answered;
  p->silent = silent;
  data->probe_cancel = g_cancellable_new ();
  p->timeout_id = g_timeout_add (PROBE_TIMEOUT_MS, on_probe_timeout, p);
  vici_client_new_async (socket, data->probe_cancel, on_probe_connected, p);
}

static gboolean
on_lock_retry (gpointer user_data)
{
  GTask *task = user_data;
  UseData *data = g_task_get_task_data (task);

  data->timer_id = 0;
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  data->lock_fd = l2tp_charon_dir_lock (data->dir);
  if (data->lock_fd < 0)
    {
      if (g_get_monotonic_time () > data->deadline)
        use_fail (
            task, L2TP_FAILURE_CHARON,
            _ ("another connection holds /run/nm-l2tp-ipsec/charon/lock for too long"),
            NULL);
      else
        data->timer_id = g_timeout_add (RETRY_MS, on_lock_retry, task);
      return G_SOURCE_REMOVE;
    }
  probe_system (task);
  return G_SOURCE_REMOVE;
}

static void
system_answered (GTask *task, const char *socket, const char *version)
{
  use_done (task, socket, version, FALSE);
}

static void
system_silent (GTask *task, const GError *error)
{
  UseData *data = g_task_get_task_data (task);
  pid_t ours = 0, running;

  l2tp_log_debug ("charon: no answer on %s: %s", L2TP_CHARON_SYSTEM_SOCKET,
                  error->message);
  private_charon_runs (data->dir, &ours);
  /* charon's pid file is compiled in (/run/charon.pid): ours writes it too. */
  if (pid_file_alive (L2TP_CHARON_SYSTEM_PIDFILE, &running) && running != ours)
    {
      g_autofree char *why = g_strdup_printf (
          _ ("a charon runs (pid %ld, %s) but does not answer on %s; enable its vici "
             "plugin (package strongswan-swanctl / charon-systemd) or stop it "
             "(systemctl stop strongswan-starter strongswan)"),
          (long) running, L2TP_CHARON_SYSTEM_PIDFILE, L2TP_CHARON_SYSTEM_SOCKET);
      use_fail (task, L2TP_FAILURE_CHARON, why, NULL);
      return;
    }
  probe_private (task);
}

static void
probe_system (GTask *task)
{
  if (!g_file_test (L2TP_CHARON_SYSTEM_SOCKET, G_FILE_TEST_EXISTS))
    {
      const GError error = { G_IO_ERROR, G_IO_ERROR_NOT_FOUND, (char *) "no socket" };
      system_silent (task, &error);
      return;
    }
  probe (task, L2TP_CHARON_SYSTEM_SOCKET, system_answered, system_silent);
}

static void
private_answered (GTask *task, const char *socket, const char *version)
{
  use_done (task, socket, version, TRUE);
}

static void
private_silent (GTask *task, const GError *error)
{
  start_private (task);
}

static void
probe_private (GTask *task)
{
  UseData *data = g_task_get_task_data (task);
  g_autofree char *socket = g_build_filename (data->dir, PRIVATE_SOCKET, NULL);

  if (!private_charon_runs (data->dir, NULL))
    {
      start_private (task);
      return;
    }
  probe (task, socket, private_answered, private_silent);
}

static char *
private_conf (const char *charon, const char *dir)
{
  g_auto (GStrv) load = l2tp_charon_private_load (charon);
  g_autofree char *load_text = g_strjoinv (" ", load);

  return g_strdup_printf ("# Written by nm-l2tp-ipsec-service for its private charon.\n"
                          "charon {\n"
                          "  load_modular = no\n"
                          "  load = %s\n"
                          "  install_routes = no\n"
                          "  install_virtual_ip = no\n"
                          "  plugins {\n"
                          "    vici {\n"
                          "      socket = unix://%s/" PRIVATE_SOCKET "\n"
                          "    }\n"
                          "  }\n"
                          "  syslog {\n"
                          "    identifier = nm-l2tp-ipsec-charon\n"
                          "    daemon {\n"
                          "      default = 1\n"
                          "    }\n"
                          "  }\n"
                          "}\n",
                          load_text, dir);
}

static void
child_setup (gpointer user_data)
{
  /* Its own session: the private charon may outlive this service instance
   * (another connection still uses it), so signals to our process group
   * must not reach it. */
  setsid ();
}

static char *
output_tail (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, PRIVATE_OUTPUT, NULL);
  g_autofree char *text = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &text, &len, NULL) || len == 0)
    return g_strdup (_ ("no output"));
  g_strstrip (text);
  return g_strdup (len > 400 ? text + strlen (text) - MIN (strlen (text), 400) : text);
}

static void on_private_socket_poll (GObject *source, GAsyncResult *result,
                                    gpointer user_data);

static gboolean
on_socket_retry (gpointer user_data)
{
  GTask *task = user_data;
  UseData *data = g_task_get_task_data (task);
  g_autofree char *socket = g_build_filename (data->dir, PRIVATE_SOCKET, NULL);

  data->timer_id = 0;
  vici_client_new_async (socket, g_task_get_cancellable (task), on_private_socket_poll,
                         task);
  return G_SOURCE_REMOVE;
}

static void
on_private_version (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  UseData *data = g_task_get_task_data (task);
  g_autoptr (ViciClient) client = VICI_CLIENT (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) answer = vici_client_request_finish (client, result, &error);
  g_autofree char *socket = g_build_filename (data->dir, PRIVATE_SOCKET, NULL);

  vici_client_close (client);
  if (!answer)
    {
      use_fail (task, L2TP_FAILURE_CHARON, error->message, NULL);
      return;
    }
  use_done (task, socket, vici_message_get_str (answer, "version"), TRUE);
}

/* The socket appears once charon has loaded its plugins: retry the connect
 * on a timer until it answers, charon exits, or the start timeout passes. */
static void
on_private_socket_poll (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  UseData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  ViciClient *client = vici_client_new_finish (result, &error);

  if (client)
    {
      vici_client_request_async (client, "version", NULL, g_task_get_cancellable (task),
                                 on_private_version, task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  /* No identifier once it has exited (the get_if_* calls are only valid
   * after that). */
  if (!g_subprocess_get_identifier (data->started)
      || g_get_monotonic_time () > data->deadline)
    {
      g_autofree char *tail = output_tail (data->dir);
      g_autofree char *why
          = g_strdup_printf (_ ("the private charon did not start (%s)"), tail);
      use_fail (task, L2TP_FAILURE_CHARON, why, NULL);
      return;
    }
  data->timer_id = g_timeout_add (RETRY_MS, on_socket_retry, task);
}

static void
on_private_exited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GSubprocess *process = G_SUBPROCESS (source);

  g_subprocess_wait_finish (process, result, NULL);
  l2tp_log_info ("charon: private charon exited (%s %d)",
                 g_subprocess_get_if_signaled (process) ? "signal" : "status",
                 g_subprocess_get_if_signaled (process)
                     ? g_subprocess_get_term_sig (process)
                     : g_subprocess_get_exit_status (process));
  if (private_process == process)
    g_clear_object (&private_process);
}

static void
start_private (GTask *task)
{
  UseData *data = g_task_get_task_data (task);
  const char *charon = l2tp_program_find (L2TP_PROGRAM_CHARON);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *conf_path = g_build_filename (data->dir, PRIVATE_CONF_FILE, NULL);
  g_autofree char *out_path = g_build_filename (data->dir, PRIVATE_OUTPUT, NULL);
  g_autofree char *socket = g_build_filename (data->dir, PRIVATE_SOCKET, NULL);
  g_autofree char *stamp = NULL;
  const char *id;

  if (!charon)
    {
      use_fail (task, L2TP_FAILURE_MISSING_PROGRAM,
                l2tp_program_default_path (L2TP_PROGRAM_CHARON),
                l2tp_program_package (L2TP_PROGRAM_CHARON));
      return;
    }
  conf = private_conf (charon, data->dir);
  if (!l2tp_runtime_write_file (data->dir, PRIVATE_CONF_FILE, conf, &error))
    {
      use_fail (task, L2TP_FAILURE_INTERNAL, error->message, NULL);
      return;
    }
  unlink (socket); /* a dead charon's socket */

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "STRONGSWAN_CONF", conf_path, TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  data->started = g_subprocess_launcher_spawn (launcher, &error, charon, NULL);
  if (!data->started)
    {
      use_fail (task, L2TP_FAILURE_CHARON, error->message, NULL);
      return;
    }
  id = g_subprocess_get_identifier (data->started);
  g_set_object (&private_process, data->started);
  g_subprocess_wait_async (data->started, NULL, on_private_exited, NULL);
  /* Our child, not reaped before we wait for it: its start time is there. */
  stamp = id ? l2tp_runtime_stamp_of ((pid_t) g_ascii_strtoll (id, NULL, 10)) : NULL;
  if (stamp)
    l2tp_runtime_write_file (data->dir, PRIVATE_PID_FILE, stamp, NULL);
  l2tp_log_info ("charon: started private charon %s (pid %s) with %s", charon,
                 id ? id : "?", conf_path);

  data->deadline = g_get_monotonic_time () + START_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  data->timer_id = g_timeout_add (RETRY_MS, on_socket_retry, task);
}

void
l2tp_charon_use_async (const char *runtime_root, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  UseData *data = g_new0 (UseData, 1);
  GError *error = NULL;

  data->root = g_strdup (runtime_root);
  data->dir = g_build_filename (runtime_root, L2TP_CHARON_SUBDIR, NULL);
  data->lock_fd = -1;
  data->deadline = g_get_monotonic_time () + START_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  g_task_set_task_data (task, data, (GDestroyNotify) use_data_free);

  if (!l2tp_runtime_ensure_dir (runtime_root, &error)
      || !l2tp_runtime_ensure_dir (data->dir, &error))
    {
      use_fail (task, L2TP_FAILURE_INTERNAL, error->message, NULL);
      g_error_free (error);
      return;
    }
  on_lock_retry (task);
}

L2tpCharonUse *
l2tp_charon_use_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- ending a use ----------------------------------------------------- */

typedef struct
{
  L2tpCharonUse *use;
  int lock_fd;
  guint timer_id;
  gint64 deadline;
} UnuseData;

static void
unuse_data_free (UnuseData *data)
{
  g_clear_handle_id (&data->timer_id, g_source_remove);
  l2tp_charon_dir_unlock (&data->lock_fd);
  use_free (data->use);
  g_free (data);
}

static void
remove_private_files (const char *dir)
{
  static const char *const names[]
      = { PRIVATE_CONF_FILE, PRIVATE_PID_FILE, PRIVATE_OUTPUT, PRIVATE_SOCKET,
          L2TP_CHARON_LOCK_FILE };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      unlink (path);
    }
  rmdir (dir); /* only when no other user marker is left */
}

static void
on_private_stopped (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  UnuseData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!l2tp_process_stop_finish (result, &error))
    l2tp_log_warn ("charon: %s", error->message);
  else
    l2tp_log_info ("charon: private charon stopped");
  remove_private_files (data->use->dir);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
unuse_locked (GTask *task)
{
  UnuseData *data = g_task_get_task_data (task);
  g_autofree char *marker = l2tp_charon_user_marker (data->use->dir);
  L2tpProcessRef *ref;

  unlink (marker);
  if (!data->use->is_private)
    {
      /* The system's charon is not ours to stop; our lock file and
       * directory go when no private charon and no other user needs them. */
      if (l2tp_charon_count_other_users (data->use->dir) == 0
          && !private_charon_runs (data->use->dir, NULL))
        remove_private_files (data->use->dir);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (l2tp_charon_count_other_users (data->use->dir) > 0)
    {
      l2tp_log_debug ("charon: still used by other connections");
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (private_process)
    l2tp_process_stop_async (private_process, STOP_GRACE_MS, on_private_stopped, task);
  else if ((ref = private_charon (data->use->dir)))
    l2tp_process_ref_stop_async (ref, STOP_GRACE_MS, on_private_stopped, task);
  else
    {
      remove_private_files (data->use->dir);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static gboolean
on_unuse_lock_retry (gpointer user_data)
{
  GTask *task = user_data;
  UnuseData *data = g_task_get_task_data (task);

  data->timer_id = 0;
  data->lock_fd = l2tp_charon_dir_lock (data->use->dir);
  if (data->lock_fd >= 0)
    unuse_locked (task);
  else if (g_get_monotonic_time () > data->deadline)
    {
      /* Never stop a charon without the lock: someone may be starting to use it. */
      l2tp_log_warn (
          "charon: lock busy for too long; leaving the private charon running");
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
  else
    data->timer_id = g_timeout_add (RETRY_MS, on_unuse_lock_retry, task);
  return G_SOURCE_REMOVE;
}

void
l2tp_charon_unuse_async (L2tpCharonUse *use, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  UnuseData *data = g_new0 (UnuseData, 1);

  data->use = use;
  data->lock_fd = -1;
  data->deadline = g_get_monotonic_time () + START_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  g_task_set_task_data (task, data, (GDestroyNotify) unuse_data_free);

  on_unuse_lock_retry (task);
}

void
l2tp_charon_use_forget (L2tpCharonUse *use)
{
  if (use)
    use_free (use);
}

void
l2tp_charon_unuse_finish (GAsyncResult *result)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}
