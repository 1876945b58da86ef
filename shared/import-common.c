/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "import-common.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "profile.h"
#include "text-clean.h"

/* Room for the longest message and the file's words in it. */
#define L2TP_IMPORT_MESSAGE_MAX 1024

gboolean
l2tp_import_check_text (const char *buffer, gsize length, GError **error)
{
  const char *end = NULL;
  const char *nul = memchr (buffer, '\0', length);

  if (nul)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   _ ("line %u: contains a NUL byte; not a text file"),
                   l2tp_profile_line_of (buffer, (gsize) (nul - buffer)));
      return FALSE;
    }
  if (!g_utf8_validate (buffer, (gssize) length, &end))
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   _ ("line %u: not valid UTF-8 text"),
                   l2tp_profile_line_of (buffer, (gsize) (end - buffer)));
      return FALSE;
    }
  return TRUE;
}

char *
l2tp_import_next_line (const char *buffer, gsize length, gsize *pos, guint *line_no)
{
  gsize start = *pos, stop;
  const char *nl;

  if (start >= length)
    return NULL;
  nl = memchr (buffer + start, '\n', length - start);
  stop = nl ? (gsize) (nl - buffer) : length;
  *pos = nl ? stop + 1 : length;
  (*line_no)++;
  if (stop > start && buffer[stop - 1] == '\r')
    stop--;
  return g_strndup (buffer + start, stop - start);
}

int
l2tp_import_parse_bool (const char *value)
{
  static const char *const yes[] = { "true", "yes", "1", NULL };
  static const char *const no[] = { "false", "no", "0", NULL };
  g_autofree char *lower = g_ascii_strdown (value, -1);

  if (g_strv_contains (yes, lower))
    return 1;
  if (g_strv_contains (no, lower))
    return 0;
  return -1;
}

gpointer
l2tp_import_failed (GError **error)
{
  if (error && *error)
    {
      char *clean = l2tp_text_clean ((*error)->message, L2TP_IMPORT_MESSAGE_MAX);

      g_free ((*error)->message);
      (*error)->message = clean;
    }
  return NULL;
}

gboolean
l2tp_import_check_label (const char *what, const char *value, GError **error)
{
  gsize len = strlen (value);

  if (len == 0 || len > 255)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   _ ("%s: must be 1 to 255 bytes long"), what);
      return FALSE;
    }
  if (!g_utf8_validate (value, len, NULL))
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   _ ("%s: not valid UTF-8 text"), what);
      return FALSE;
    }
  for (const char *p = value; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                     _ ("%s: contains the control character 0x%02x"), what, (guchar) *p);
        return FALSE;
      }
  return TRUE;
}
