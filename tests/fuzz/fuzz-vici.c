/* SPDX-License-Identifier: GPL-2.0-or-later */
/* VICI decoding of bytes from the socket: the input is tried both as a
 * packet payload (vici_packet_decode: the bytes after the length prefix)
 * and as a bare message (vici_message_decode).
 *
 * INVARIANTS: a refusal sets an error; whatever decodes re-encodes to the
 * very same bytes (the decoder is strict, so the wire form is canonical);
 * lookups find every top-level node; and when the tree can be written as
 * swanctl.conf text, strongSwan's syntax (modelled in render-readers.c)
 * reads that text back as the same names and values. */
#include <string.h>

#include "fuzz-common.h"
#include "render-readers.h"
#include "vici-message.h"

static void
check_same_bytes (const char *what, GBytes *encoded, const uint8_t *data, size_t size)
{
  gsize len;
  const guint8 *enc = g_bytes_get_data (encoded, &len);

  if (len != size || (size > 0 && memcmp (enc, data, size) != 0))
    fuzz_fail ("%s: re-encoding gives %" G_GSIZE_FORMAT " different bytes for %zu", what,
               len, size);
}

/* What the swanctl.conf reader should give for this tree: sections as
 * "path {", key/values as is, lists as their items joined by ", ". */
static void
expect_entries (const ViciNode *section, const char *path, GPtrArray *names,
                GPtrArray *values)
{
  for (guint i = 0; i < vici_node_get_n_children (section); i++)
    {
      const ViciNode *node = vici_node_get_child (section, i);
      char *full = *path ? g_strdup_printf ("%s/%s", path, vici_node_get_name (node))
                         : g_strdup (vici_node_get_name (node));
      GString *value = g_string_new (NULL);
      const guint8 *d;
      gsize len;

      g_ptr_array_add (names, full);
      switch (vici_node_get_kind (node))
        {
        case VICI_NODE_SECTION:
          g_string_append_c (value, '{');
          g_ptr_array_add (values, g_string_free (value, FALSE));
          expect_entries (node, full, names, values);
          continue;
        case VICI_NODE_KEY_VALUE:
          d = vici_node_get_value (node, &len);
          g_string_append_len (value, (const char *) d, (gssize) len);
          break;
        case VICI_NODE_LIST:
          for (guint j = 0; j < vici_node_get_n_items (node); j++)
            {
              d = vici_node_get_item (node, j, &len);
              if (j > 0)
                g_string_append (value, ", ");
              g_string_append_len (value, (const char *) d, (gssize) len);
            }
          break;
        }
      g_ptr_array_add (values, g_string_free (value, FALSE));
    }
}

static void
check_text (const ViciMessage *msg)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = vici_message_to_swanctl_text (msg, &error);
  g_autofree char *why = NULL;
  g_autoptr (GPtrArray) read = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  fuzz_check_error ("vici_message_to_swanctl_text", text != NULL, error);
  if (!text)
    return;
  read = reader_swanctl (text, &why);
  if (!read)
    fuzz_fail ("swanctl text does not parse (%s):\n%s", why, text);
  expect_entries (vici_message_get_root (msg), "", names, values);
  if (read->len != names->len)
    fuzz_fail ("swanctl text reads as %u entries, the tree has %u:\n%s", read->len,
               names->len, text);
  for (guint i = 0; i < read->len; i++)
    {
      ReaderEntry *e = read->pdata[i];
      gsize len;
      const char *d = g_bytes_get_data (e->value, &len);
      const char *want = values->pdata[i];

      if (strcmp (e->name, names->pdata[i]) != 0)
        fuzz_fail ("swanctl text entry %u is '%s', the tree says '%s'", i, e->name,
                   (const char *) names->pdata[i]);
      /* The reader decodes 0s/0x in "secret" values, as swanctl does. */
      if (g_str_has_suffix (e->name, "secret"))
        continue;
      if (len != strlen (want) || (len > 0 && memcmp (d, want, len) != 0))
        fuzz_fail ("swanctl text entry %s reads back differently:\n%s", e->name, text);
    }
}

static void
check_lookups (const ViciMessage *msg)
{
  const ViciNode *root = vici_message_get_root (msg);

  for (guint i = 0; i < vici_node_get_n_children (root); i++)
    {
      const ViciNode *node = vici_node_get_child (root, i);
      const char *name = vici_node_get_name (node);
      const ViciNode *found;

      /* '/' separates path elements, so such a name cannot be looked up. */
      if (strchr (name, '/'))
        continue;
      found = vici_message_lookup (msg, name);
      if (!found || strcmp (vici_node_get_name (found), name) != 0)
        fuzz_fail ("lookup of top-level '%s' fails", name);
      if (vici_node_get_kind (found) == VICI_NODE_KEY_VALUE)
        {
          gsize len;
          const guint8 *d = vici_node_get_value (found, &len);
          const char *s = vici_message_get_str (msg, name);

          if (d[len] != '\0')
            fuzz_fail ("value of '%s' is not NUL-terminated", name);
          if ((s != NULL) == (memchr (d, '\0', len) != NULL))
            fuzz_fail ("get_str of '%s' disagrees with its NUL bytes", name);
        }
    }
  {
    g_autoptr (GError) error = NULL;
    gboolean ok = vici_message_check_success (msg, "fuzz", &error);
    fuzz_check_error ("vici_message_check_success", ok, error);
  }
}

static void
check_packet (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) msg = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GBytes) encoded = NULL;
  ViciPacketType type;
  gboolean ok;

  ok = vici_packet_decode (data, size, &type, &name, &msg, &error);
  fuzz_check_error ("vici_packet_decode", ok, error);
  if (!ok)
    return;
  encoded = vici_packet_encode (type, name, msg, &error);
  if (!encoded)
    fuzz_fail ("a decoded packet does not encode: %s", error->message);
  if (g_bytes_get_size (encoded) < 4)
    fuzz_fail ("encoded packet without length prefix");
  {
    g_autoptr (GBytes) payload
        = g_bytes_new_from_bytes (encoded, 4, g_bytes_get_size (encoded) - 4);
    const guint8 *p = g_bytes_get_data (encoded, NULL);
    guint32 prefix
        = ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];

    if (prefix != size)
      fuzz_fail ("length prefix %u for a %zu byte payload", prefix, size);
    check_same_bytes ("packet", payload, data, size);
  }
}

static void
check_message (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) msg = vici_message_decode (data, size, &error);
  g_autoptr (GBytes) encoded = NULL;

  fuzz_check_error ("vici_message_decode", msg != NULL, error);
  if (!msg)
    return;
  encoded = vici_message_encode (msg, &error);
  if (!encoded)
    fuzz_fail ("a decoded message does not encode: %s", error->message);
  check_same_bytes ("message", encoded, data, size);
  check_lookups (msg);
  check_text (msg);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* An exact-size copy, so ASan sees any read past the end. */
  g_autofree guint8 *copy = g_memdup2 (data, size);

  check_packet (copy, size);
  check_message (copy, size);
  return 0;
}
