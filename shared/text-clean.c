/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "text-clean.h"

#include <string.h>

#define ELLIPSIS "\xe2\x80\xa6"

gboolean
l2tp_text_char_is_hidden (gunichar c)
{
  return (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200b || c == 0x200e
         || c == 0x200f || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
         || c == 0x2060 || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff
         || (c >= 0xfff9 && c <= 0xfffb);
}

/* One piece of output; FALSE (and nothing added) when it would pass the
 * budget. */
static gboolean
put (GString *out, const char *piece, gsize len, gsize max_bytes)
{
  if (max_bytes > 0 && out->len + len > max_bytes)
    return FALSE;
  g_string_append_len (out, piece, (gssize) len);
  return TRUE;
}

char *
l2tp_text_clean_len (const char *data, gsize length, gsize max_bytes)
{
  GString *out;
  const char *p = data;
  const char *end = data + length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  out = g_string_sized_new (max_bytes > 0 ? MIN (length, max_bytes) + 4 : length + 1);
  while (p < end)
    {
      guchar b = (guchar) *p;
      char piece[16];
      gsize len;
      gsize used = 1;

      if (b < 0x20 || b == 0x7f)
        len = (gsize) g_snprintf (piece, sizeof piece, "\\x%02x", b);
      else if (b < 0x80)
        {
          piece[0] = (char) b;
          len = 1;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (p, (gssize) (end - p));

          if (c == (gunichar) -1 || c == (gunichar) -2)
            len = (gsize) g_snprintf (piece, sizeof piece, "\\x%02x", b);
          else
            {
              used = (gsize) (g_utf8_next_char (p) - p);
              if (l2tp_text_char_is_hidden (c))
                len = (gsize) g_snprintf (piece, sizeof piece, "\\u%04x", c);
              else
                {
                  memcpy (piece, p, used);
                  len = used;
                }
            }
        }
      if (!put (out, piece, len, max_bytes))
        {
          g_string_append (out, ELLIPSIS);
          break;
        }
      p += used;
    }
  return g_string_free (out, FALSE);
}

char *
l2tp_text_clean (const char *text, gsize max_bytes)
{
  if (!text)
    return NULL;
  return l2tp_text_clean_len (text, strlen (text), max_bytes);
}
