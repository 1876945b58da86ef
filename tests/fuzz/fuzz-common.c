/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "fuzz-common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
fuzz_fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fputs ("INVARIANT BROKEN: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  fflush (stderr);
  abort ();
}

char *
fuzz_text (const uint8_t *data, size_t size)
{
  if (size > 0 && memchr (data, '\0', size))
    return NULL;
  return g_strndup ((const char *) data, size);
}

void
fuzz_check_error (const char *what, gboolean ok, const GError *error)
{
  if (ok && error)
    fuzz_fail ("%s succeeded but set an error: %s", what, error->message);
  if (!ok && !error)
    fuzz_fail ("%s failed without an error", what);
  if (!ok && !error->message[0])
    fuzz_fail ("%s failed with an empty error message", what);
}

/* FUZZ_IGNORE_WARNINGS="text|text": warnings and criticals containing one
 * of these are not fatal, to fuzz past a known, reported bug. */
static char **ignored_warnings;

static gboolean
warning_ignored (const char *message)
{
  for (guint i = 0; ignored_warnings && ignored_warnings[i]; i++)
    if (ignored_warnings[i][0] && strstr (message, ignored_warnings[i]))
      return TRUE;
  return FALSE;
}

/* A g_return_val_if_fail() or g_warning() reached by some input is a bug of
 * the code under test, not noise: abort so libFuzzer reports it. Debug and
 * info messages are dropped to keep the run fast. */
static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
            gpointer user_data)
{
  if (!(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return G_LOG_WRITER_HANDLED;
  for (gsize i = 0; i < n_fields; i++)
    {
      const char *message = fields[i].value;

      if (strcmp (fields[i].key, "MESSAGE") != 0)
        continue;
      if (!(level & G_LOG_LEVEL_ERROR) && warning_ignored (message))
        return G_LOG_WRITER_HANDLED;
      fuzz_fail ("GLib %s: %s",
                 (level & G_LOG_LEVEL_WARNING) ? "warning" : "critical/error", message);
    }
  fuzz_fail ("GLib warning or critical without a message");
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const char *ignore = g_getenv ("FUZZ_IGNORE_WARNINGS");

  if (ignore)
    ignored_warnings = g_strsplit (ignore, "|", -1);
  g_log_set_writer_func (log_writer, NULL, NULL);
  return 0;
}
