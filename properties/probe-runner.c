/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running `nm-l2tp-ipsec probe` for the editor's "Detect" button.
 *
 * What is read from the tool, and only that (src/cli/probe-report.c):
 *  - stdout, with --json: one JSON document; its "result" ("done",
 *    "no-answer", "stopped-answering", "time-limit"), "accepted" (the
 *    transforms in the tool's order, each as `ipsec-ike` spells it),
 *    "transforms-offered" (or, from a tool that offered one transform a
 *    message, "offers") and "not-tried";
 *  - stderr, with --verbose: a line per finished offer. Those lines are
 *    prose for people and translated; every translation keeps the counter
 *    "[DONE/TOTAL]" at the start, and that counter is all that is parsed.
 *    Any other stderr line is kept as the tool's own message, shown when it
 *    ends without a JSON document (a name that does not resolve, no socket).
 * The tool runs with the user's locale, so that message is in their
 * language. */
#include "probe-runner.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define PROBE_PACKAGE   "nm-l2tp-ipsec"
#define STDOUT_LIMIT    (1024 * 1024) /* the JSON of 241 offers is ~60 KiB */
#define READ_CHUNK      8192
#define MESSAGE_MAX_LEN 300

const char *
l2tp_probe_tool_path (void)
{
  const char *path = g_getenv (L2TP_PROBE_TOOL_ENV);

  return path && *path ? path : L2TP_PROBE_TOOL_PATH;
}

void
l2tp_probe_result_free (L2tpProbeResult *result)
{
  if (!result)
    return;
  g_strfreev (result->accepted);
  g_free (result);
}

char *
l2tp_probe_result_to_proposals (const L2tpProbeResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (!result->accepted[0])
    return NULL;
  return g_strjoinv (",", result->accepted);
}

/* ---- reading the tool's output (pure) ------------------------------------ */

static gboolean
parse_uint (const char **p, guint *value)
{
  guint64 v = 0;

  if (!g_ascii_isdigit (**p))
    return FALSE;
  while (g_ascii_isdigit (**p))
    {
      v = v * 10 + (guint64) (**p - '0');
      if (v > G_MAXUINT)
        return FALSE;
      (*p)++;
    }
  *value = (guint) v;
  return TRUE;
}

gboolean
l2tp_probe_parse_progress (const char *line, guint *done, guint *total)
{
  const char *p = line;
  guint d, t;

  g_return_val_if_fail (line != NULL, FALSE);

  if (*p++ != '[')
    return FALSE;
  while (*p == ' ')
    p++;
  if (!parse_uint (&p, &d) || *p++ != '/' || !parse_uint (&p, &t) || *p != ']')
    return FALSE;
  if (t == 0 || d > t)
    return FALSE;
  if (done)
    *done = d;
  if (total)
    *total = t;
  return TRUE;
}

static const struct
{
  const char *name;
  L2tpProbeEnd end;
} end_names[] = {
  { "done", L2TP_PROBE_END_DONE },
  { "no-answer", L2TP_PROBE_END_NO_ANSWER },
  { "stopped-answering", L2TP_PROBE_END_STOPPED },
  { "time-limit", L2TP_PROBE_END_TIME_LIMIT },
};

static guint
get_count (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (!node || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  value = json_node_get_int (node);
  return value > 0 && value <= G_MAXUINT ? (guint) value : 0;
}

static gboolean
read_accepted (JsonObject *object, GPtrArray *names, GError **error)
{
  JsonNode *node = json_object_get_member (object, "accepted");
  JsonArray *array;

  if (!node || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("The probe's result has no list of accepted transforms"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_VALUE (item)
                                 && json_node_get_value_type (item) == G_TYPE_STRING
                             ? json_node_get_string (item)
                             : NULL;

      /* A comma would split one transform into two in ipsec-ike. */
      if (!name || !*name || strchr (name, ',') || !g_utf8_validate (name, -1, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _ ("The probe's result lists an unreadable transform"));
          return FALSE;
        }
      g_ptr_array_add (names, g_strdup (name));
    }
  return TRUE;
}

L2tpProbeResult *
l2tp_probe_result_parse (const char *json, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (L2tpProbeResult) result = g_new0 (L2tpProbeResult, 1);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  JsonNode *root;
  JsonObject *object;
  const char *end;
  gboolean known = FALSE;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > G_MAXSSIZE || !json_parser_load_from_data (parser, json, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (!root || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("The probe's result is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  end = json_object_has_member (object, "result")
                && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "result"))
            ? json_object_get_string_member (object, "result")
            : NULL;
  for (guint i = 0; end && i < G_N_ELEMENTS (end_names); i++)
    if (strcmp (end, end_names[i].name) == 0)
      {
        result->end = end_names[i].end;
        known = TRUE;
      }
  if (!known)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("The probe's result has an unknown outcome"));
      return NULL;
    }
  if (!read_accepted (object, names, error))
    return NULL;
  g_ptr_array_add (names, NULL);
  result->accepted = (char **) g_ptr_array_steal (names, NULL);
  /* An offer carries a group of transforms: count the transforms. */
  result->offers = json_object_has_member (object, "transforms-offered")
                       ? get_count (object, "transforms-offered")
                       : get_count (object, "offers");
  result->not_tried = get_count (object, "not-tried");
  return g_steal_pointer (&result);
}

/* ---- running it ------------------------------------------------------------ */

typedef struct
{
  GSubprocess *process;
  GByteArray *out;
  gboolean out_too_long;
  GDataInputStream *err;
  char *message; /* the tool's last line that is not progress */
  L2tpProbeProgressFunc progress;
  gpointer progress_data;
  guint pending; /* stdout, stderr, exit */
  GCancellable *cancellable;
  gulong cancel_id;
} ProbeRun;

static void
probe_run_free (ProbeRun *run)
{
  if (run->cancel_id)
    g_cancellable_disconnect (run->cancellable, run->cancel_id);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->process);
  g_clear_pointer (&run->out, g_byte_array_unref);
  g_clear_object (&run->err);
  g_free (run->message);
  g_free (run);
}

static void
kill_tool (GCancellable *cancellable, gpointer process)
{
  g_subprocess_force_exit (process);
}

static void
run_ended (GTask *task)
{
  ProbeRun *run = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  L2tpProbeResult *result;
  int status;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!g_subprocess_get_if_exited (run->process))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _ ("The probe tool was ended by signal %d"),
                               g_subprocess_get_term_sig (run->process));
      return;
    }
  status = g_subprocess_get_exit_status (run->process);
  /* Exit 1 with a document: the server accepted nothing or did not answer. */
  if (run->out->len > 0 && !run->out_too_long)
    {
      result = l2tp_probe_result_parse ((const char *) run->out->data, run->out->len,
                                        &error);
      if (result)
        {
          g_task_return_pointer (task, result, (GDestroyNotify) l2tp_probe_result_free);
          return;
        }
      g_prefix_error (&error, _ ("The probe tool's answer cannot be read: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (run->message)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", run->message);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _ ("The probe tool failed (exit status %d)"), status);
}

static void
step_done (GTask *task)
{
  ProbeRun *run = g_task_get_task_data (task);

  if (--run->pending == 0)
    run_ended (task);
}

static void read_stdout (GTask *task);

static void
on_stdout (GObject *stream, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ProbeRun *run = g_task_get_task_data (task);
  g_autoptr (GBytes) bytes
      = g_input_stream_read_bytes_finish (G_INPUT_STREAM (stream), res, NULL);
  gsize len = bytes ? g_bytes_get_size (bytes) : 0;

  if (len == 0)
    {
      step_done (task);
      return;
    }
  /* Read on past the limit, so the tool never blocks on a full pipe. */
  if (run->out->len + len > STDOUT_LIMIT)
    run->out_too_long = TRUE;
  else
    g_byte_array_append (run->out, g_bytes_get_data (bytes, NULL), len);
  read_stdout (g_steal_pointer (&task));
}

static void
read_stdout (GTask *task)
{
  ProbeRun *run = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (g_subprocess_get_stdout_pipe (run->process),
                                   READ_CHUNK, G_PRIORITY_DEFAULT, NULL, on_stdout, task);
}

static void read_stderr (GTask *task);

static void
keep_message (ProbeRun *run, const char *line)
{
  g_autofree char *valid = g_utf8_make_valid (line, -1);

  g_strstrip (valid);
  if (!*valid)
    return;
  if (g_utf8_strlen (valid, -1) > MESSAGE_MAX_LEN)
    *g_utf8_offset_to_pointer (valid, MESSAGE_MAX_LEN) = '\0';
  g_free (run->message);
  run->message = g_steal_pointer (&valid);
}

static void
on_stderr (GObject *stream, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ProbeRun *run = g_task_get_task_data (task);
  g_autofree char *line = g_data_input_stream_read_line_finish (
      G_DATA_INPUT_STREAM (stream), res, NULL, NULL);
  guint done, total;

  if (!line)
    {
      step_done (task);
      return;
    }
  if (l2tp_probe_parse_progress (line, &done, &total))
    {
      if (run->progress && !g_cancellable_is_cancelled (run->cancellable))
        run->progress (done, total, run->progress_data);
    }
  else
    keep_message (run, line);
  read_stderr (g_steal_pointer (&task));
}

static void
read_stderr (GTask *task)
{
  ProbeRun *run = g_task_get_task_data (task);

  g_data_input_stream_read_line_async (run->err, G_PRIORITY_DEFAULT, NULL, on_stderr,
                                       task);
}

static void
on_tool_exit (GObject *process, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (process), res, NULL);
  step_done (task);
}

void
l2tp_probe_run_async (const char *host, L2tpProbeProgressFunc progress,
                      gpointer progress_data, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  const char *tool = l2tp_probe_tool_path ();
  ProbeRun *run;

  g_return_if_fail (host != NULL && *host != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, l2tp_probe_run_async);
  if (!g_file_test (tool, G_FILE_TEST_IS_EXECUTABLE)
      || g_file_test (tool, G_FILE_TEST_IS_DIR))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _ ("The probe tool %s is not installed; install the "
                                  "package %s."),
                               tool, PROBE_PACKAGE);
      return;
    }

  run = g_new0 (ProbeRun, 1);
  run->progress = progress;
  run->progress_data = progress_data;
  run->out = g_byte_array_new ();
  run->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  g_task_set_task_data (task, run, (GDestroyNotify) probe_run_free);

  /* "--": HOST is never read as an option. */
  run->process
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                          &error, tool, "probe", "--json", "--verbose", "--", host, NULL);
  if (!run->process)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _ ("The probe tool %s cannot be started: %s"), tool,
                               error->message);
      return;
    }
  run->err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (run->process));
  g_data_input_stream_set_newline_type (run->err, G_DATA_STREAM_NEWLINE_TYPE_LF);
  run->cancel_id = g_cancellable_connect (run->cancellable, G_CALLBACK (kill_tool),
                                          g_object_ref (run->process), g_object_unref);

  /* Nothing is cancelled here: the run ends when the tool is gone. */
  run->pending = 3;
  read_stdout (g_object_ref (task));
  read_stderr (g_object_ref (task));
  g_subprocess_wait_async (run->process, NULL, on_tool_exit, g_object_ref (task));
}

L2tpProbeResult *
l2tp_probe_run_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == l2tp_probe_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
