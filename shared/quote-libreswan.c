/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Values in libreswan's ipsec.conf and ipsec.secrets.
 *
 * ipsec.conf (lib/libipsecconf/parser.lex): after "key=" a value is a bare
 * token of [^" \t\n]+, a "quoted string" of [^"\n]* or a {braced string};
 * there are no escapes, so a '"' inside a value cannot be written at all. An
 * all-digit bare token is lexed as a number. A value that ends one key and
 * starts another ("x\n\tleftupdown=/tmp/evil", CVE-2024-9050 in
 * NetworkManager-libreswan) needs a line break or an unbalanced quote: both
 * are refused here.
 *
 * ipsec.secrets (lib/libswan/lex.c): tokens are separated by blanks; a token
 * starting with '"', '\'' or '`' runs to the next same character; '#' at
 * the start of a token begins a comment; a bare token starting with "0t" runs
 * to the end of the line; a bare token's trailing ':' is split off; lines are
 * read into a 2048-byte buffer. */
#include "render-quote.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Characters that never need quotes in either file. */
static gboolean
is_plain (const char *value, const char *extra)
{
  gboolean all_digits = TRUE;

  for (const char *p = value; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && !strchr (extra, *p))
        return FALSE;
      if (!g_ascii_isdigit (*p))
        all_digits = FALSE;
    }
  return !all_digits;
}

static char *
quote (const char *key, const char *value, const char *plain_chars, GError **error)
{
  if (!l2tp_render_check_text (key, value, error))
    return NULL;
  if (is_plain (value, plain_chars))
    return g_strdup (value);
  if (strchr (value, '"'))
    {
      l2tp_render_refuse (error, key,
                          _ ("libreswan cannot read a value that contains '\"'"));
      return NULL;
    }
  return g_strdup_printf ("\"%s\"", value);
}

char *
l2tp_libreswan_quote (const char *key, const char *value, GError **error)
{
  return quote (key, value, "@._:/%+,;-", error);
}

char *
l2tp_libreswan_selector (const char *key, const char *value, GError **error)
{
  /* No ':' (split off a token's end) and no "0t" start (runs to the end of
   * the line) in bare selectors. */
  if (value && g_str_has_prefix (value, "0t"))
    {
      if (!l2tp_render_check_text (key, value, error))
        return NULL;
      if (strchr (value, '"'))
        {
          l2tp_render_refuse (error, key,
                              _ ("libreswan cannot read a value that contains '\"'"));
          return NULL;
        }
      return g_strdup_printf ("\"%s\"", value);
    }
  return quote (key, value, "@._%+,;=/-", error);
}

char *
l2tp_libreswan_psk (const guint8 *data, gsize len)
{
  gboolean as_text = len > 0 && g_utf8_validate ((const char *) data, (gssize) len, NULL);
  g_autofree char *b64 = NULL;

  for (gsize i = 0; as_text && i < len; i++)
    {
      if (data[i] < 0x20 || data[i] == 0x7f || data[i] == '"')
        as_text = FALSE;
    }
  if (as_text)
    return g_strdup_printf ("\"%.*s\"", (int) len, (const char *) data);
  b64 = g_base64_encode (data, len);
  return g_strconcat ("0s", b64, NULL);
}
