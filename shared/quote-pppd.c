/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One value as one word of a pppd options file.
 *
 * pppd's getword() (pppd/options.c, 2.4.9 and 2.5) splits on white space;
 * '"' and '\'' open a quoted part of a word (white space and '#' are then
 * literal); a backslash escapes the next character, also inside quotes, and
 * introduces C-like escapes (\n, \t, \123, \x41, ...); '#' at the start of a
 * word begins a comment; words are cut at MAXWORDLEN - 1 = 1023 bytes. So a
 * word in double quotes with every '"' and '\\' escaped reads back exactly,
 * as long as it holds no line break (refused anyway) and fits. */
#include "render-quote.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* pppd.h: MAXWORDLEN 1024, including the terminating NUL. */
#define PPPD_MAX_WORD 1023

char *
l2tp_pppd_quote (const char *key, const char *value, GError **error)
{
  GString *out;

  if (!l2tp_render_check_text (key, value, error))
    return NULL;
  if (strlen (value) > PPPD_MAX_WORD)
    {
      l2tp_render_refuse (error, key,
                          _ ("pppd cuts option values longer than 1023 bytes"));
      return NULL;
    }

  out = g_string_sized_new (strlen (value) + 8);
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}
