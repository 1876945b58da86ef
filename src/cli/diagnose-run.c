/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-run.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define RUN_TIMEOUT_MS 5000
#define OUTPUT_MAX     (64 * 1024)

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
l2tp_diagnose_wait (gboolean *done, guint timeout_ms)
{
  gboolean expired = FALSE;
  guint timer = g_timeout_add (timeout_ms, on_timeout, &expired);

  while (!*done && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (timer);
  return *done;
}

typedef struct
{
  gboolean done;
  char *output;
  GError *error;
} Run;

static void
on_communicated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (GBytes) out = NULL;

  if (g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &out, NULL,
                                       &run->error))
    {
      gsize len = 0;
      const char *data = out ? g_bytes_get_data (out, &len) : NULL;

      run->output = g_strndup (data ? data : "", MIN (len, OUTPUT_MAX));
    }
  run->done = TRUE;
}

char *
l2tp_diagnose_run (const char *const *argv, GError **error)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0 };

  /* Without a STDIN flag, GSubprocess gives the child /dev/null. */
  process = g_subprocess_newv (
      argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, error);
  if (!process)
    return NULL;
  g_subprocess_communicate_async (process, NULL, cancellable, on_communicated, &run);
  if (!l2tp_diagnose_wait (&run.done, RUN_TIMEOUT_MS))
    {
      g_subprocess_force_exit (process);
      g_cancellable_cancel (cancellable);
      while (!run.done)
        g_main_context_iteration (NULL, TRUE);
      g_clear_error (&run.error);
      g_free (run.output);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   _ ("%s did not answer within %u seconds"), argv[0],
                   RUN_TIMEOUT_MS / 1000);
      return NULL;
    }
  if (run.error)
    {
      g_propagate_error (error, run.error);
      return NULL;
    }
  return run.output;
}

char *
l2tp_diagnose_version_after (const char *text, const char *prefix)
{
  const char *start;
  gsize len = 0;

  g_return_val_if_fail (prefix != NULL, NULL);

  if (!text || !(start = strstr (text, prefix)))
    return NULL;
  start += strlen (prefix);
  while (*start == ' ')
    start++;
  while (start[len]
         && (g_ascii_isalnum (start[len]) || strchr (".-_+~", start[len]) != NULL))
    len++;
  if (len == 0 || len > 40 || !g_ascii_isdigit (start[0]))
    return NULL;
  return g_strndup (start, len);
}
