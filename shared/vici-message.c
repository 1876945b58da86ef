/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VICI message tree, builder, strict wire encoding/decoding and lookups.
 * Wire format (strongSwan src/libcharon/plugins/vici/README.md):
 *   element = type(1) [name-len(1) name] [value-len(2, BE) value]
 *   SECTION_START=1 name, SECTION_END=2, KEY_VALUE=3 name value,
 *   LIST_START=4 name, LIST_ITEM=5 value, LIST_END=6
 */
#include "shared/vici-message.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "shared/text-clean.h"
#include "shared/vici-wire.h"
#include "shared/wiped-bytes.h"

struct _ViciNode
{
  ViciNodeKind kind;
  char *name;          /* NULL only for the root section */
  GPtrArray *children; /* section: ViciNode *; list: GBytes * items */
  GBytes *value;       /* key/value: value bytes plus a trailing NUL */
};

struct _ViciMessage
{
  ViciNode *root;
  GPtrArray *stack; /* open sections, root first; borrowed */
  ViciNode *list;   /* open list, if any; borrowed */
  GError *build_error;
};

GQuark
vici_message_error_quark (void)
{
  return g_quark_from_static_string ("vici-message-error-quark");
}

/* ---- nodes ------------------------------------------------------------ */

static void
node_free (gpointer data)
{
  ViciNode *node = data;

  if (node == NULL)
    return;
  g_free (node->name);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_clear_pointer (&node->value, g_bytes_unref);
  g_free (node);
}

static ViciNode *
node_new (ViciNodeKind kind, const char *name, gsize name_len)
{
  ViciNode *node = g_new0 (ViciNode, 1);

  node->kind = kind;
  node->name = name ? g_strndup (name, name_len) : NULL;
  if (kind == VICI_NODE_SECTION)
    node->children = g_ptr_array_new_with_free_func (node_free);
  else if (kind == VICI_NODE_LIST)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  return node;
}

/* Values keep a hidden trailing NUL so they can be read as C strings. */
static GBytes *
value_new (const void *data, gsize len)
{
  guint8 *copy = g_malloc (len + 1);

  if (len > 0)
    memcpy (copy, data, len);
  copy[len] = '\0';
  return l2tp_wiped_bytes_take (copy, len + 1); /* a value may be a key */
}

static const guint8 *
value_get (GBytes *value, gsize *len)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (value, &size);

  if (len)
    *len = size - 1;
  return data;
}

static const char *
value_get_str (GBytes *value)
{
  gsize len;
  const guint8 *data = value_get (value, &len);

  return memchr (data, '\0', len) ? NULL : (const char *) data;
}

static const ViciNode *
section_find (const ViciNode *section, const char *name, gsize name_len)
{
  for (guint i = 0; i < section->children->len; i++)
    {
      const ViciNode *child = g_ptr_array_index (section->children, i);

      if (strlen (child->name) == name_len && memcmp (child->name, name, name_len) == 0)
        return child;
    }
  return NULL;
}

/* ---- building --------------------------------------------------------- */

ViciMessage *
vici_message_new (void)
{
  ViciMessage *msg = g_new0 (ViciMessage, 1);

  msg->root = node_new (VICI_NODE_SECTION, NULL, 0);
  msg->stack = g_ptr_array_new ();
  g_ptr_array_add (msg->stack, msg->root);
  return msg;
}

void
vici_message_free (ViciMessage *msg)
{
  if (msg == NULL)
    return;
  node_free (msg->root);
  g_ptr_array_unref (msg->stack);
  g_clear_error (&msg->build_error);
  g_free (msg);
}

static void build_fail (ViciMessage *msg, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
build_fail (ViciMessage *msg, const char *format, ...)
{
  va_list args;

  if (msg->build_error)
    return; /* keep the first misuse, it explains the rest */
  va_start (args, format);
  msg->build_error
      = g_error_new_valist (VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_BUILD, format, args);
  va_end (args);
}

static ViciNode *
current_section (ViciMessage *msg)
{
  return g_ptr_array_index (msg->stack, msg->stack->len - 1);
}

/* Checks shared by everything that adds a named node to the open section. */
static gboolean
can_add_named (ViciMessage *msg, const char *name)
{
  gsize len;

  if (msg->build_error)
    return FALSE;
  if (name == NULL || (len = strlen (name)) == 0 || len > VICI_NAME_MAX)
    {
      build_fail (msg, _ ("VICI name '%s' must be 1 to %d bytes long"),
                  name ? name : "(null)", VICI_NAME_MAX);
      return FALSE;
    }
  if (msg->list)
    {
      build_fail (msg, _ ("VICI element '%s' cannot appear inside list '%s'"), name,
                  msg->list->name);
      return FALSE;
    }
  if (section_find (current_section (msg), name, len))
    {
      build_fail (msg, _ ("VICI name '%s' appears twice in one section"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
value_len_ok (ViciMessage *msg, const char *what, gsize len)
{
  if (len <= VICI_VALUE_MAX)
    return TRUE;
  build_fail (msg, _ ("VICI value of '%s' is %lu bytes, at most %d fit"), what,
              (unsigned long) len, VICI_VALUE_MAX);
  return FALSE;
}

void
vici_message_begin_section (ViciMessage *msg, const char *name)
{
  ViciNode *node;

  g_return_if_fail (msg != NULL);
  if (!can_add_named (msg, name))
    return;
  if (msg->stack->len > VICI_MAX_DEPTH)
    {
      build_fail (msg, _ ("VICI section '%s' is nested too deeply"), name);
      return;
    }
  node = node_new (VICI_NODE_SECTION, name, strlen (name));
  g_ptr_array_add (current_section (msg)->children, node);
  g_ptr_array_add (msg->stack, node);
}

void
vici_message_end_section (ViciMessage *msg)
{
  g_return_if_fail (msg != NULL);
  if (msg->build_error)
    return;
  if (msg->list || msg->stack->len < 2)
    {
      build_fail (msg, _ ("VICI section end without an open section"));
      return;
    }
  g_ptr_array_remove_index (msg->stack, msg->stack->len - 1);
}

void
vici_message_add_kv (ViciMessage *msg, const char *key, const void *value, gsize len)
{
  ViciNode *node;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (value != NULL || len == 0);
  if (!can_add_named (msg, key) || !value_len_ok (msg, key, len))
    return;
  node = node_new (VICI_NODE_KEY_VALUE, key, strlen (key));
  node->value = value_new (value, len);
  g_ptr_array_add (current_section (msg)->children, node);
}

void
vici_message_add_kv_str (ViciMessage *msg, const char *key, const char *value)
{
  g_return_if_fail (value != NULL);
  vici_message_add_kv (msg, key, value, strlen (value));
}

void
vici_message_add_kv_printf (ViciMessage *msg, const char *key, const char *format, ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  vici_message_add_kv_str (msg, key, value);
}

void
vici_message_begin_list (ViciMessage *msg, const char *name)
{
  ViciNode *node;

  g_return_if_fail (msg != NULL);
  if (!can_add_named (msg, name))
    return;
  node = node_new (VICI_NODE_LIST, name, strlen (name));
  g_ptr_array_add (current_section (msg)->children, node);
  msg->list = node;
}

void
vici_message_add_list_item (ViciMessage *msg, const void *value, gsize len)
{
  g_return_if_fail (msg != NULL);
  g_return_if_fail (value != NULL || len == 0);
  if (msg->build_error)
    return;
  if (msg->list == NULL)
    {
      build_fail (msg, _ ("VICI list item outside a list"));
      return;
    }
  if (value_len_ok (msg, msg->list->name, len))
    g_ptr_array_add (msg->list->children, value_new (value, len));
}

void
vici_message_add_list_item_str (ViciMessage *msg, const char *value)
{
  g_return_if_fail (value != NULL);
  vici_message_add_list_item (msg, value, strlen (value));
}

void
vici_message_end_list (ViciMessage *msg)
{
  g_return_if_fail (msg != NULL);
  if (msg->build_error)
    return;
  if (msg->list == NULL)
    {
      build_fail (msg, _ ("VICI list end without an open list"));
      return;
    }
  msg->list = NULL;
}

gboolean
vici_message_check_built (const ViciMessage *msg, GError **error)
{
  g_return_val_if_fail (msg != NULL, FALSE);
  if (msg->build_error)
    {
      g_propagate_error (error, g_error_copy (msg->build_error));
      return FALSE;
    }
  if (msg->list || msg->stack->len != 1)
    {
      g_set_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_BUILD,
                   _ ("VICI message has an unclosed %s"), msg->list ? "list" : "section");
      return FALSE;
    }
  return TRUE;
}

/* ---- decoding --------------------------------------------------------- */

typedef struct
{
  const guint8 *data;
  gsize len;
  gsize pos;
} Reader;

static gboolean malformed (GError **error, const Reader *r, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static gboolean
malformed (GError **error, const Reader *r, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_MALFORMED,
               _ ("Malformed VICI message at byte %lu: %s"), (unsigned long) r->pos,
               what);
  return FALSE;
}

/* Reads an 8-bit length prefixed, non-empty, NUL-free name. */
static gboolean
read_name (Reader *r, const char **name, gsize *name_len, GError **error)
{
  gsize len;

  if (r->pos >= r->len)
    return malformed (error, r, _ ("name length missing"));
  len = r->data[r->pos];
  if (len == 0)
    return malformed (error, r, _ ("empty name"));
  if (len > r->len - r->pos - 1)
    return malformed (error, r, _ ("name runs past the end"));
  if (memchr (r->data + r->pos + 1, '\0', len))
    return malformed (error, r, _ ("name contains a NUL byte"));
  *name = (const char *) r->data + r->pos + 1;
  *name_len = len;
  r->pos += 1 + len;
  return TRUE;
}

static gboolean
read_value (Reader *r, GBytes **value, GError **error)
{
  gsize len;

  if (r->len - r->pos < 2)
    return malformed (error, r, _ ("value length missing"));
  len = ((gsize) r->data[r->pos] << 8) | r->data[r->pos + 1];
  if (len > r->len - r->pos - 2)
    return malformed (error, r, _ ("value runs past the end"));
  *value = value_new (r->data + r->pos + 2, len);
  r->pos += 2 + len;
  return TRUE;
}

ViciMessage *
vici_message_decode (const guint8 *data, gsize len, GError **error)
{
  g_autoptr (ViciMessage) msg = vici_message_new ();
  Reader r = { data, len, 0 };

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  if (len > VICI_PACKET_MAX)
    {
      malformed (error, &r, _ ("message too long"));
      return NULL;
    }
  while (r.pos < r.len)
    {
      guint8 type = r.data[r.pos];
      const char *name = NULL;
      gsize name_len = 0;
      GBytes *value = NULL;
      ViciNode *node;

      if (msg->list && type != EL_LIST_ITEM && type != EL_LIST_END)
        return malformed (error, &r, _ ("element %u inside a list"), type), NULL;
      r.pos++;
      switch (type)
        {
        case EL_SECTION_START:
        case EL_KEY_VALUE:
        case EL_LIST_START:
          if (!read_name (&r, &name, &name_len, error))
            return NULL;
          if (type == EL_SECTION_START && msg->stack->len > VICI_MAX_DEPTH)
            return malformed (error, &r, _ ("sections nested too deeply")), NULL;
          if (type == EL_KEY_VALUE && !read_value (&r, &value, error))
            return NULL;
          node = node_new (type == EL_SECTION_START ? VICI_NODE_SECTION
                           : type == EL_KEY_VALUE   ? VICI_NODE_KEY_VALUE
                                                    : VICI_NODE_LIST,
                           name, name_len);
          node->value = value;
          g_ptr_array_add (current_section (msg)->children, node);
          if (type == EL_SECTION_START)
            g_ptr_array_add (msg->stack, node);
          else if (type == EL_LIST_START)
            msg->list = node;
          break;
        case EL_SECTION_END:
          if (msg->stack->len < 2)
            return malformed (error, &r, _ ("section end without section")), NULL;
          g_ptr_array_remove_index (msg->stack, msg->stack->len - 1);
          break;
        case EL_LIST_ITEM:
          if (msg->list == NULL)
            return malformed (error, &r, _ ("list item outside a list")), NULL;
          if (!read_value (&r, &value, error))
            return NULL;
          g_ptr_array_add (msg->list->children, value);
          break;
        case EL_LIST_END:
          if (msg->list == NULL)
            return malformed (error, &r, _ ("list end without list")), NULL;
          msg->list = NULL;
          break;
        default:
          r.pos--;
          return malformed (error, &r, _ ("unknown element type %u"), type), NULL;
        }
    }
  if (msg->list || msg->stack->len != 1)
    return malformed (error, &r, _ ("unclosed %s at end"),
                      msg->list ? "list" : "section"),
           NULL;
  return g_steal_pointer (&msg);
}

gboolean
vici_packet_decode (const guint8 *data, gsize len, ViciPacketType *out_type,
                    char **out_name, ViciMessage **out_msg, GError **error)
{
  Reader r = { data, len, 0 };
  ViciPacketType type;
  const char *name = NULL;
  gsize name_len = 0;
  g_autoptr (ViciMessage) msg = NULL;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  if (len == 0)
    return malformed (error, &r, _ ("empty packet"));
  if (len > VICI_PACKET_MAX)
    return malformed (error, &r, _ ("packet too long"));
  if (data[0] > VICI_PACKET_EVENT)
    return malformed (error, &r, _ ("unknown packet type %u"), data[0]);
  type = data[0];
  r.pos = 1;
  if (vici_packet_is_named (type) && !read_name (&r, &name, &name_len, error))
    return FALSE;
  if (vici_packet_has_message (type))
    {
      msg = vici_message_decode (data + r.pos, len - r.pos, error);
      if (msg == NULL)
        return FALSE;
    }
  else if (r.pos != len)
    return malformed (error, &r, _ ("unexpected data after packet type %u"), type);

  if (out_type)
    *out_type = type;
  if (out_name)
    *out_name = name ? g_strndup (name, name_len) : NULL;
  if (out_msg)
    *out_msg = g_steal_pointer (&msg);
  return TRUE;
}

/* ---- reading ---------------------------------------------------------- */

const ViciNode *
vici_message_get_root (const ViciMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return msg->root;
}

const ViciNode *
vici_node_lookup (const ViciNode *section, const char *path)
{
  const ViciNode *node = section;

  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  while (node && *path)
    {
      const char *slash = strchr (path, '/');
      gsize len = slash ? (gsize) (slash - path) : strlen (path);

      if (node->kind != VICI_NODE_SECTION)
        return NULL;
      node = section_find (node, path, len);
      path += len + (slash ? 1 : 0);
    }
  return node;
}

const ViciNode *
vici_message_lookup (const ViciMessage *msg, const char *path)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return vici_node_lookup (msg->root, path);
}

const char *
vici_message_get_str (const ViciMessage *msg, const char *path)
{
  const ViciNode *node = vici_message_lookup (msg, path);

  return node && node->kind == VICI_NODE_KEY_VALUE ? value_get_str (node->value) : NULL;
}

gboolean
vici_message_check_success (const ViciMessage *msg, const char *what, GError **error)
{
  const char *success;
  g_autofree char *errmsg = NULL;

  g_return_val_if_fail (msg != NULL, FALSE);
  success = vici_message_get_str (msg, "success");
  if (g_strcmp0 (success, "yes") == 0)
    return TRUE;
  /* charon's words go on to logs and messages. */
  errmsg
      = l2tp_text_clean (vici_message_get_str (msg, "errmsg"), L2TP_TEXT_CLEAN_LINE_MAX);
  g_set_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_FAILED, _ ("%s failed: %s"),
               what ? what : "VICI request",
               errmsg ? errmsg : _ ("charon gave no reason"));
  return FALSE;
}

ViciNodeKind
vici_node_get_kind (const ViciNode *node)
{
  g_return_val_if_fail (node != NULL, VICI_NODE_SECTION);
  return node->kind;
}

const char *
vici_node_get_name (const ViciNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  return node->name;
}

guint
vici_node_get_n_children (const ViciNode *section)
{
  g_return_val_if_fail (section != NULL && section->kind == VICI_NODE_SECTION, 0);
  return section->children->len;
}

const ViciNode *
vici_node_get_child (const ViciNode *section, guint index)
{
  g_return_val_if_fail (section != NULL && section->kind == VICI_NODE_SECTION, NULL);
  g_return_val_if_fail (index < section->children->len, NULL);
  return g_ptr_array_index (section->children, index);
}

const guint8 *
vici_node_get_value (const ViciNode *kv, gsize *len)
{
  g_return_val_if_fail (kv != NULL && kv->kind == VICI_NODE_KEY_VALUE, NULL);
  return value_get (kv->value, len);
}

const char *
vici_node_get_str (const ViciNode *kv)
{
  g_return_val_if_fail (kv != NULL && kv->kind == VICI_NODE_KEY_VALUE, NULL);
  return value_get_str (kv->value);
}

guint
vici_node_get_n_items (const ViciNode *list)
{
  g_return_val_if_fail (list != NULL && list->kind == VICI_NODE_LIST, 0);
  return list->children->len;
}

const guint8 *
vici_node_get_item (const ViciNode *list, guint index, gsize *len)
{
  g_return_val_if_fail (list != NULL && list->kind == VICI_NODE_LIST, NULL);
  g_return_val_if_fail (index < list->children->len, NULL);
  return value_get (g_ptr_array_index (list->children, index), len);
}

const char *
vici_node_get_item_str (const ViciNode *list, guint index)
{
  g_return_val_if_fail (list != NULL && list->kind == VICI_NODE_LIST, NULL);
  g_return_val_if_fail (index < list->children->len, NULL);
  return value_get_str (g_ptr_array_index (list->children, index));
}
