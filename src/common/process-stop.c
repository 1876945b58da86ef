/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/process-stop.h"

#include <errno.h>
#include <glib-unix.h>
#include <signal.h>
#include <unistd.h>

#include "src/common/log.h"

typedef struct
{
  GSubprocess *process; /* or: */
  L2tpProcessRef *ref;
  GPid pid;
  guint grace_id;
  guint fd_watch_id;
  guint grace_ms;
} StopData;

static void
stop_data_free (StopData *data)
{
  g_clear_handle_id (&data->grace_id, g_source_remove);
  g_clear_handle_id (&data->fd_watch_id, g_source_remove);
  g_clear_pointer (&data->ref, l2tp_process_ref_free);
  g_clear_object (&data->process);
  g_free (data);
}

static void
send_signal (StopData *data, int signum)
{
  g_autoptr (GError) error = NULL;

  if (data->process)
    g_subprocess_send_signal (data->process, signum);
  else if (!l2tp_process_ref_signal (data->ref, signum, &error)
           && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    l2tp_log_warn ("%s", error->message);
}

static gboolean
on_grace_over (gpointer user_data)
{
  GTask *task = user_data;
  StopData *data = g_task_get_task_data (task);

  data->grace_id = 0;
  l2tp_log_warn ("process %ld ignored SIGTERM for %u ms: sending SIGKILL",
                 (long) data->pid, data->grace_ms);
  send_signal (data, SIGKILL);
  return G_SOURCE_REMOVE;
}

static void
finish (GTask *task)
{
  StopData *data = g_task_get_task_data (task);

  g_clear_handle_id (&data->grace_id, g_source_remove);
  g_task_return_boolean (task, TRUE);
}

static void
on_child_exited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  finish (task);
}

static gboolean
on_pidfd_readable (int fd, GIOCondition condition, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  StopData *data = g_task_get_task_data (task);

  data->fd_watch_id = 0;
  finish (task);
  return G_SOURCE_REMOVE;
}

/* Without pidfds: is it still there? */
static gboolean
on_gone_check (gpointer user_data)
{
  GTask *task = user_data;
  StopData *data = g_task_get_task_data (task);

  if (l2tp_process_ref_alive (data->ref))
    return G_SOURCE_CONTINUE;
  data->fd_watch_id = 0;
  finish (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

void
l2tp_process_stop_async (GSubprocess *process, guint grace_ms,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  StopData *data = g_new0 (StopData, 1);
  const char *id = g_subprocess_get_identifier (process);

  data->process = g_object_ref (process);
  data->pid = id ? (GPid) g_ascii_strtoll (id, NULL, 10) : 0;
  data->grace_ms = grace_ms;
  g_task_set_task_data (task, data, (GDestroyNotify) stop_data_free);

  if (!id) /* already exited and reaped */
    {
      finish (task);
      g_object_unref (task);
      return;
    }
  send_signal (data, SIGTERM);
  data->grace_id = g_timeout_add (grace_ms, on_grace_over, task);
  g_subprocess_wait_async (process, NULL, on_child_exited, task);
}

void
l2tp_process_ref_stop_async (L2tpProcessRef *ref, guint grace_ms,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  StopData *data = g_new0 (StopData, 1);
  int fd = l2tp_process_ref_get_fd (ref);

  data->ref = ref;
  data->pid = l2tp_process_ref_get_pid (ref);
  data->grace_ms = grace_ms;
  g_task_set_task_data (task, data, (GDestroyNotify) stop_data_free);

  if (!l2tp_process_ref_alive (ref))
    {
      finish (task);
      g_object_unref (task);
      return;
    }
  send_signal (data, SIGTERM);
  data->grace_id = g_timeout_add (grace_ms, on_grace_over, task);
  /* A pidfd becomes readable when the process has ended. */
  if (fd >= 0)
    data->fd_watch_id = g_unix_fd_add (fd, G_IO_IN, on_pidfd_readable, task);
  else
    data->fd_watch_id = g_timeout_add (100, on_gone_check, task);
}

gboolean
l2tp_process_stop_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
