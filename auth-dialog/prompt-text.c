/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "prompt-text.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "text-clean.h"

static gboolean
is_break (char c)
{
  return c == '\n' || c == '\r' || c == '\t';
}

char *
l2tp_prompt_clean (const char *text, gsize max_bytes)
{
  g_autoptr (GString) flat = NULL;

  if (!text)
    return NULL;
  /* Byte by byte is safe: LF, CR and TAB are never part of a multi-byte
   * UTF-8 sequence, and text-clean deals with invalid ones. */
  flat = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p++)
    {
      if (!is_break (*p))
        g_string_append_c (flat, *p);
      else if (p == text || !is_break (p[-1]))
        g_string_append_c (flat, ' ');
    }
  g_strstrip (flat->str);
  return l2tp_text_clean (flat->str, max_bytes);
}

char *
l2tp_prompt_hint_message (const char *const *hints)
{
  g_autoptr (GString) joined = g_string_new (NULL);
  g_autofree char *clean = NULL;

  for (guint i = 0; hints && hints[i]; i++)
    {
      if (!g_str_has_prefix (hints[i], L2TP_PROMPT_MESSAGE_HINT))
        continue;
      if (joined->len)
        g_string_append_c (joined, ' ');
      g_string_append (joined, hints[i] + strlen (L2TP_PROMPT_MESSAGE_HINT));
    }
  clean = l2tp_prompt_clean (joined->str, L2TP_PROMPT_MESSAGE_MAX);
  return clean[0] ? g_steal_pointer (&clean) : NULL;
}

char *
l2tp_prompt_description (const char *name, const char *const *hints)
{
  g_autofree char *message = l2tp_prompt_hint_message (hints);
  g_autofree char *clean_name
      = l2tp_prompt_clean (name ? name : "", L2TP_PROMPT_NAME_MAX);
  g_autofree char *asks = NULL;

  /* The connection's sentence stays after the reason: the message may not
   * say which connection it is about, and the title says only "VPN". */
  asks = g_strdup_printf (_ ("You need to authenticate to access the Virtual Private "
                             "Network “%s”."),
                          clean_name);
  if (!message)
    return g_steal_pointer (&asks);
  return g_strdup_printf ("%s\n\n%s", message, asks);
}
