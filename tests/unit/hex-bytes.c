/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "hex-bytes.h"

GBytes *
hex_bytes (const char *hex)
{
  GByteArray *b = g_byte_array_new ();

  for (const char *p = hex; *p;)
    {
      guint8 v;

      if (g_ascii_isspace (*p) || *p == '|')
        {
          p++;
          continue;
        }
      if (*p == '{')
        {
          char *end;
          guint64 n = g_ascii_strtoull (p + 1, &end, 10);

          if (end == p + 1 || *end != '}' || n > 65536)
            g_error ("hex_bytes: bad zero run at \"%.12s\"", p);
          end++;
          for (guint64 i = 0; i < n; i++)
            g_byte_array_append (b, (const guint8 *) "", 1);
          p = end;
          continue;
        }
      if (!g_ascii_isxdigit (p[0]) || !g_ascii_isxdigit (p[1]))
        g_error ("hex_bytes: not hex at \"%.12s\"", p);
      v = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);
      g_byte_array_append (b, &v, 1);
      p += 2;
    }
  return g_byte_array_free_to_bytes (b);
}
