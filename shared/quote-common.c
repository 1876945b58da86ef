/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What every output format refuses, whatever its own quoting rule. */
#include "render-quote.h"

#include <glib/gi18n-lib.h>

#include "config.h"

gboolean
l2tp_render_refuse (GError **error, const char *key, const char *why)
{
  g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_UNSAFE_VALUE, "%s: %s", key,
               why);
  return FALSE;
}

gboolean
l2tp_render_check_text (const char *key, const char *value, GError **error)
{
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL || value[0] == '\0')
    return l2tp_render_refuse (error, key, _ ("the value is empty"));
  if (!g_utf8_validate (value, -1, NULL))
    return l2tp_render_refuse (error, key, _ ("the value is not valid UTF-8"));
  for (const char *p = value; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\n' || c == '\r')
        return l2tp_render_refuse (error, key,
                                   _ ("the value cannot contain a line break"));
      if (c < 0x20 || c == 0x7f)
        return l2tp_render_refuse (error, key,
                                   _ ("the value cannot contain a control character"));
    }
  return TRUE;
}
