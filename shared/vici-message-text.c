/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * swanctl.conf rendering of a VICI message tree (see vici-message.h), for
 * golden tests and debugging; charon itself gets the wire format.
 *
 * strongSwan's settings lexer reads an unquoted value as words of
 * [^#}"\r\n\t ] joined by single spaces, and a '.' in a name is a path
 * separator. Inside double quotes "\x" yields x, and a '\r' is silently
 * dropped. swanctl splits list values at ',' and trims spaces around items.
 * We print only what reads back byte for byte, and refuse the rest with an
 * error naming the key: never "clean" a value.
 */
#include "shared/vici-message.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#define INDENT "    "

static gboolean
name_ok (const char *name)
{
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return *name != '\0';
}

static gboolean
char_needs_quotes (char c)
{
  return !g_ascii_isalnum (c) && !strchr ("-_.:/@%+*![]^~", c);
}

static gboolean
value_ok (const char *key, const guint8 *data, gsize len, gboolean list_item,
          GError **error)
{
  const char *why = NULL;

  for (gsize i = 0; !why && i < len; i++)
    {
      if (data[i] == '\n' || data[i] == '\r')
        why = _ ("a newline or carriage return cannot be written safely");
      else if (data[i] < 0x20 || data[i] == 0x7f)
        why = _ ("a control character cannot be written safely");
      else if (list_item && data[i] == ',')
        why = _ ("a list item cannot contain ','");
    }
  if (!why && !g_utf8_validate ((const char *) data, (gssize) len, NULL))
    why = _ ("not valid UTF-8");
  if (!why && list_item && (len == 0 || data[0] == ' ' || data[len - 1] == ' '))
    why = _ ("a list item cannot be empty or start or end with a space");
  if (why)
    {
      g_set_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_RENDER, "%s: %s", key,
                   why);
      return FALSE;
    }
  return TRUE;
}

/* text has passed value_ok(): no NUL, no control characters */
static void
append_value (GString *out, const char *text)
{
  gboolean quote = *text == '\0';

  for (const char *p = text; *p && !quote; p++)
    quote = char_needs_quotes (*p);
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
render_list (GString *out, const ViciNode *list, GError **error)
{
  g_autoptr (GString) joined = g_string_new (NULL);
  const char *name = vici_node_get_name (list);

  for (guint i = 0; i < vici_node_get_n_items (list); i++)
    {
      gsize len;
      const guint8 *data = vici_node_get_item (list, i, &len);

      if (!value_ok (name, data, len, TRUE, error))
        return FALSE;
      if (i > 0)
        g_string_append (joined, ", ");
      g_string_append_len (joined, (const char *) data, (gssize) len);
    }
  g_string_append_printf (out, "%s = ", name);
  append_value (out, joined->str);
  g_string_append_c (out, '\n');
  return TRUE;
}

static gboolean
render_section (GString *out, const ViciNode *section, guint depth, GError **error)
{
  for (guint i = 0; i < vici_node_get_n_children (section); i++)
    {
      const ViciNode *node = vici_node_get_child (section, i);
      const char *name = vici_node_get_name (node);
      const guint8 *data;
      gsize len;

      if (!name_ok (name))
        {
          g_set_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_RENDER,
                       _ ("%s: a swanctl.conf name may only hold letters, digits, '-' "
                          "and '_'"),
                       name);
          return FALSE;
        }
      for (guint d = 0; d < depth; d++)
        g_string_append (out, INDENT);
      switch (vici_node_get_kind (node))
        {
        case VICI_NODE_SECTION:
          g_string_append_printf (out, "%s {\n", name);
          if (!render_section (out, node, depth + 1, error))
            return FALSE;
          for (guint d = 0; d < depth; d++)
            g_string_append (out, INDENT);
          g_string_append (out, "}\n");
          break;
        case VICI_NODE_KEY_VALUE:
          data = vici_node_get_value (node, &len);
          if (!value_ok (name, data, len, FALSE, error))
            return FALSE;
          g_string_append_printf (out, "%s = ", name);
          append_value (out, (const char *) data);
          g_string_append_c (out, '\n');
          break;
        case VICI_NODE_LIST:
          if (!render_list (out, node, error))
            return FALSE;
          break;
        }
    }
  return TRUE;
}

char *
vici_message_to_swanctl_text (const ViciMessage *msg, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (msg != NULL, NULL);
  if (!vici_message_check_built (msg, error))
    return NULL;
  /* nesting is bounded by VICI_MAX_DEPTH, in built and decoded messages */
  if (!render_section (out, vici_message_get_root (msg), 0, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
