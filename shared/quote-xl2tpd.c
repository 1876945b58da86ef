/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Values in xl2tpd.conf.
 *
 * xl2tpd 1.3.18 (file.c parse_config()) reads a line, cuts it at the first
 * ';' (comment), trims every char below 33 from both ends (with a signed
 * char, so bytes >= 0x80 count as white space too), takes "[...]" as a
 * section and otherwise splits "key = value" at the first '='. There is no
 * quoting. String values are copied with strncpy() into 80-byte fields
 * (STRLEN), so longer ones are cut without a terminating NUL. */
#include "render-quote.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* file.h: STRLEN 80; keep room for the terminating NUL. */
#define XL2TPD_MAX_VALUE 79

gboolean
l2tp_xl2tpd_check (const char *key, const char *value, GError **error)
{
  if (!l2tp_render_check_text (key, value, error))
    return FALSE;
  if (strlen (value) > XL2TPD_MAX_VALUE)
    return l2tp_render_refuse (error, key, _ ("xl2tpd cuts values longer than 79 bytes"));
  for (const char *p = value; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x80)
        return l2tp_render_refuse (error, key,
                                   _ ("xl2tpd.conf can only hold ASCII characters"));
      if (c == ';')
        return l2tp_render_refuse (
            error, key, _ ("xl2tpd.conf cannot hold ';' (it starts a comment)"));
      if (c == '[' || c == ']' || c == '=')
        return l2tp_render_refuse (error, key,
                                   _ ("xl2tpd.conf cannot hold '[', ']' or '='"));
    }
  if (value[0] == ' ' || value[strlen (value) - 1] == ' ')
    return l2tp_render_refuse (error, key,
                               _ ("xl2tpd drops spaces at the start or end of a value"));
  return TRUE;
}
