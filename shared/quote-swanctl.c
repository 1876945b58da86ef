/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Values for charon over VICI and in swanctl.conf.
 *
 * charon turns VICI values into strings with vici_stringify(), which refuses
 * anything chunk_printable() rejects (isprint() in the C locale: 0x20-0x7e)
 * and prints into a BUF_LEN (512) buffer. List items are joined with ", "
 * and split again at ',' (local_addrs, remote_addrs, proposals), so a ','
 * inside an item would add another one. swanctl.conf quoting itself is done
 * by vici_message_to_swanctl_text(); what passes here also passes there.
 *
 * Shared secrets are binary over VICI. In swanctl.conf, swanctl decodes a
 * secret that starts with "0x" (hex) or "0s" (base64) and drops '\r' even
 * in quotes, so other secrets are written as 0s + base64. */
#include "render-quote.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define CHARON_MAX_VALUE 511

gboolean
l2tp_swanctl_check (const char *key, const char *value, gboolean list_item,
                    GError **error)
{
  gsize len;

  if (!l2tp_render_check_text (key, value, error))
    return FALSE;
  len = strlen (value);
  if (len > CHARON_MAX_VALUE)
    return l2tp_render_refuse (error, key,
                               _ ("charon cuts values longer than 511 bytes"));
  for (const char *p = value; *p; p++)
    {
      if ((guchar) *p >= 0x7f)
        return l2tp_render_refuse (error, key,
                                   _ ("charon only accepts printable ASCII characters"));
      if (list_item && *p == ',')
        return l2tp_render_refuse (error, key,
                                   _ ("charon would split this value at ','"));
    }
  if (list_item && (value[0] == ' ' || value[len - 1] == ' '))
    return l2tp_render_refuse (error, key,
                               _ ("charon drops spaces at the start or end of a value"));
  return TRUE;
}

char *
l2tp_swanctl_psk_text (const guint8 *data, gsize len)
{
  gboolean as_text = len > 0 && g_utf8_validate ((const char *) data, (gssize) len, NULL);
  g_autofree char *b64 = NULL;

  /* "0x..." and "0s..." would be decoded; also catch "0X", "0S". */
  if (as_text && len >= 2 && data[0] == '0' && data[1] && strchr ("xXsS", data[1]))
    as_text = FALSE;
  for (gsize i = 0; as_text && i < len; i++)
    {
      if (data[i] < 0x20 || data[i] == 0x7f)
        as_text = FALSE;
    }
  if (as_text)
    return g_strndup ((const char *) data, len);
  b64 = g_base64_encode (data, len);
  return g_strconcat ("0s", b64, NULL);
}
