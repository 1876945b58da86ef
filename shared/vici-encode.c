/* SPDX-License-Identifier: GPL-2.0-or-later */
/* VICI wire encoding of a built message and of a whole packet (format in
 * vici-message.c). The result is wiped bytes (wiped-bytes.h) of exactly
 * the encoded size, allocated once: a buffer that grows would leave copies
 * of a PSK or a private key in the blocks it gave up. */
#include "shared/vici-message.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "shared/vici-wire.h"
#include "shared/wiped-bytes.h"

static void
put_name (GByteArray *out, guint8 type, const char *name)
{
  guint8 len = (guint8) strlen (name); /* builder/decoder keep names <= 255 */

  g_byte_array_append (out, &type, 1);
  g_byte_array_append (out, &len, 1);
  g_byte_array_append (out, (const guint8 *) name, len);
}

static void
put_value (GByteArray *out, const guint8 *data, gsize len)
{
  guint8 be[2] = { (guint8) (len >> 8), (guint8) (len & 0xff) };

  g_byte_array_append (out, be, 2);
  g_byte_array_append (out, data, (guint) len);
}

static void
encode_section (GByteArray *out, const ViciNode *section)
{
  static const guint8 section_end = EL_SECTION_END, list_item = EL_LIST_ITEM,
                      list_end = EL_LIST_END;

  for (guint i = 0; i < vici_node_get_n_children (section); i++)
    {
      const ViciNode *node = vici_node_get_child (section, i);
      const guint8 *data;
      gsize len;

      switch (vici_node_get_kind (node))
        {
        case VICI_NODE_SECTION:
          put_name (out, EL_SECTION_START, vici_node_get_name (node));
          encode_section (out, node); /* depth bounded by VICI_MAX_DEPTH */
          g_byte_array_append (out, &section_end, 1);
          break;
        case VICI_NODE_KEY_VALUE:
          put_name (out, EL_KEY_VALUE, vici_node_get_name (node));
          data = vici_node_get_value (node, &len);
          put_value (out, data, len);
          break;
        case VICI_NODE_LIST:
          put_name (out, EL_LIST_START, vici_node_get_name (node));
          for (guint j = 0; j < vici_node_get_n_items (node); j++)
            {
              g_byte_array_append (out, &list_item, 1);
              data = vici_node_get_item (node, j, &len);
              put_value (out, data, len);
            }
          g_byte_array_append (out, &list_end, 1);
          break;
        }
    }
}

/* What encode_section() will write, to the byte. */
static gsize
section_size (const ViciNode *section)
{
  gsize size = 0;

  for (guint i = 0; i < vici_node_get_n_children (section); i++)
    {
      const ViciNode *node = vici_node_get_child (section, i);
      gsize len;

      size += 2 + strlen (vici_node_get_name (node));
      switch (vici_node_get_kind (node))
        {
        case VICI_NODE_SECTION:
          size += section_size (node) + 1;
          break;
        case VICI_NODE_KEY_VALUE:
          vici_node_get_value (node, &len);
          size += 2 + len;
          break;
        case VICI_NODE_LIST:
          for (guint j = 0; j < vici_node_get_n_items (node); j++)
            {
              vici_node_get_item (node, j, &len);
              size += 3 + len;
            }
          size += 1;
          break;
        }
    }
  return size;
}

/* out's bytes as GBytes that are wiped when freed. */
static GBytes *
take_wiped (GByteArray *out)
{
  gsize len = out->len;

  return l2tp_wiped_bytes_take (g_byte_array_free (out, FALSE), len);
}

GBytes *
vici_message_encode (const ViciMessage *msg, GError **error)
{
  const ViciNode *root;
  GByteArray *out;

  g_return_val_if_fail (msg != NULL, NULL);
  if (!vici_message_check_built (msg, error))
    return NULL;
  root = vici_message_get_root (msg);
  out = g_byte_array_sized_new ((guint) section_size (root));
  encode_section (out, root);
  g_assert (out->len == section_size (root));
  return take_wiped (out);
}

GBytes *
vici_packet_encode (ViciPacketType type, const char *name, const ViciMessage *msg,
                    GError **error)
{
  GByteArray *out;
  g_autoptr (GBytes) body = NULL;
  guint8 header[5] = { 0 };
  gsize payload_len;

  g_return_val_if_fail (type <= VICI_PACKET_EVENT, NULL);
  g_return_val_if_fail ((name != NULL) == vici_packet_is_named (type), NULL);
  g_return_val_if_fail (msg == NULL || vici_packet_has_message (type), NULL);

  if (name && (name[0] == '\0' || strlen (name) > VICI_NAME_MAX))
    {
      g_set_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_BUILD,
                   _ ("VICI packet name '%s' must be 1 to %d bytes long"), name,
                   VICI_NAME_MAX);
      return NULL;
    }
  if (msg && !(body = vici_message_encode (msg, error)))
    return NULL;

  payload_len = 1 + (name ? 1 + strlen (name) : 0) + (body ? g_bytes_get_size (body) : 0);
  if (payload_len > VICI_PACKET_MAX)
    {
      g_set_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_BUILD,
                   _ ("VICI packet of %lu bytes exceeds the %d byte limit"),
                   (unsigned long) payload_len, VICI_PACKET_MAX);
      return NULL;
    }
  header[0] = (guint8) (payload_len >> 24);
  header[1] = (guint8) (payload_len >> 16);
  header[2] = (guint8) (payload_len >> 8);
  header[3] = (guint8) payload_len;
  header[4] = (guint8) type;
  out = g_byte_array_sized_new ((guint) (4 + payload_len));
  g_byte_array_append (out, header, sizeof header);
  if (name)
    {
      guint8 len = (guint8) strlen (name);

      g_byte_array_append (out, &len, 1);
      g_byte_array_append (out, (const guint8 *) name, len);
    }
  if (body)
    g_byte_array_append (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return take_wiped (out);
}
