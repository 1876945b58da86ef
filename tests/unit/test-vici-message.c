/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/vici-message.c: exact bytes, round trips, hostile input,
 * swanctl.conf text rendering. */
#include "shared/vici-message.h"

#include <string.h>

/* The encoding example of strongSwan's vici README (protocol test vector):
 *   key1 = value1
 *   section1 = { sub-section = { key2 = value2 }  list1 = [ item1, item2 ] } */
static const guint8 readme_example[] = {
  3,   4,   'k', 'e', 'y', '1', 0,   6,   'v', 'a', 'l', 'u', 'e', '1', 1,   8,
  's', 'e', 'c', 't', 'i', 'o', 'n', '1', 1,   11,  's', 'u', 'b', '-', 's', 'e',
  'c', 't', 'i', 'o', 'n', 3,   4,   'k', 'e', 'y', '2', 0,   6,   'v', 'a', 'l',
  'u', 'e', '2', 2,   4,   5,   'l', 'i', 's', 't', '1', 5,   0,   5,   'i', 't',
  'e', 'm', '1', 5,   0,   5,   'i', 't', 'e', 'm', '2', 6,   2,
};

static ViciMessage *
build_readme_example (void)
{
  ViciMessage *msg = vici_message_new ();

  vici_message_add_kv_str (msg, "key1", "value1");
  vici_message_begin_section (msg, "section1");
  vici_message_begin_section (msg, "sub-section");
  vici_message_add_kv_str (msg, "key2", "value2");
  vici_message_end_section (msg);
  vici_message_begin_list (msg, "list1");
  vici_message_add_list_item_str (msg, "item1");
  vici_message_add_list_item_str (msg, "item2");
  vici_message_end_list (msg);
  vici_message_end_section (msg);
  return msg;
}

static void
assert_bytes (GBytes *bytes, const guint8 *expected, gsize expected_len)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  g_assert_cmpmem (data, len, expected, expected_len);
}

/* Any accepted input must re-encode to exactly the same bytes. */
static gboolean
decode_round_trips (const guint8 *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) msg = vici_message_decode (data, len, &error);
  g_autoptr (GBytes) again = NULL;

  if (msg == NULL)
    {
      g_assert_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_MALFORMED);
      return FALSE;
    }
  again = vici_message_encode (msg, &error);
  g_assert_no_error (error);
  assert_bytes (again, data, len);
  return TRUE;
}

static void
test_encode_readme (void)
{
  g_autoptr (ViciMessage) msg = build_readme_example ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = vici_message_encode (msg, &error);

  g_assert_no_error (error);
  assert_bytes (bytes, readme_example, sizeof readme_example);
}

static void
test_encode_packets (void)
{
  static const guint8 version_req[]
      = { 0, 0, 0, 9, 0, 7, 'v', 'e', 'r', 's', 'i', 'o', 'n' };
  static const guint8 register_req[]
      = { 0, 0, 0, 12, 3, 10, 'i', 'k', 'e', '-', 'u', 'p', 'd', 'o', 'w', 'n' };
  static const guint8 unload_req[]
      = { 0,   0,   0,   22,  0, 11, 'u', 'n', 'l', 'o', 'a', 'd', '-',
          'c', 'o', 'n', 'n', 3, 4,  'n', 'a', 'm', 'e', 0,   1,   'x' };
  g_autoptr (ViciMessage) args = vici_message_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) a
      = vici_packet_encode (VICI_PACKET_CMD_REQUEST, "version", NULL, &error);
  g_autoptr (GBytes) b = NULL;
  g_autoptr (GBytes) c = NULL;

  g_assert_no_error (error);
  assert_bytes (a, version_req, sizeof version_req);
  b = vici_packet_encode (VICI_PACKET_EVENT_REGISTER, "ike-updown", NULL, &error);
  g_assert_no_error (error);
  assert_bytes (b, register_req, sizeof register_req);
  vici_message_add_kv_str (args, "name", "x");
  c = vici_packet_encode (VICI_PACKET_CMD_REQUEST, "unload-conn", args, &error);
  g_assert_no_error (error);
  assert_bytes (c, unload_req, sizeof unload_req);
}

static void
test_decode_readme (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) msg
      = vici_message_decode (readme_example, sizeof readme_example, &error);
  const ViciNode *list, *section;

  g_assert_no_error (error);
  g_assert_cmpstr (vici_message_get_str (msg, "key1"), ==, "value1");
  g_assert_cmpstr (vici_message_get_str (msg, "section1/sub-section/key2"), ==, "value2");
  g_assert_null (vici_message_get_str (msg, "section1"));
  g_assert_null (vici_message_get_str (msg, "section1/nope"));
  g_assert_null (vici_message_get_str (msg, "key1/deeper"));
  list = vici_message_lookup (msg, "section1/list1");
  g_assert_nonnull (list);
  g_assert_cmpint (vici_node_get_kind (list), ==, VICI_NODE_LIST);
  g_assert_cmpuint (vici_node_get_n_items (list), ==, 2);
  g_assert_cmpstr (vici_node_get_item_str (list, 1), ==, "item2");
  section = vici_message_lookup (msg, "section1");
  g_assert_cmpuint (vici_node_get_n_children (section), ==, 2);
  g_assert_cmpstr (vici_node_get_name (vici_node_get_child (section, 0)), ==,
                   "sub-section");
  g_assert_true (decode_round_trips (readme_example, sizeof readme_example));
}

static void
test_binary_values (void)
{
  static const guint8 blob[] = { 'a', 0, 0xff, '\n', 0x80 };
  g_autoptr (ViciMessage) msg = vici_message_new ();
  g_autoptr (ViciMessage) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const guint8 *value;
  gsize len;

  vici_message_add_kv (msg, "data", blob, sizeof blob);
  vici_message_add_kv (msg, "empty", "", 0);
  bytes = vici_message_encode (msg, &error);
  g_assert_no_error (error);
  back = vici_message_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  value = vici_node_get_value (vici_message_lookup (back, "data"), &len);
  g_assert_cmpmem (value, len, blob, sizeof blob);
  g_assert_null (vici_message_get_str (back, "data")); /* holds a NUL */
  g_assert_cmpstr (vici_message_get_str (back, "empty"), ==, "");
}

static void
test_value_limits (void)
{
  g_autofree guint8 *big = g_malloc0 (VICI_VALUE_MAX + 1);
  g_autoptr (ViciMessage) ok = vici_message_new ();
  g_autoptr (ViciMessage) too_big = vici_message_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GByteArray) lying = g_byte_array_new ();
  static const guint8 kv_head[] = { 3, 1, 'k', 0xff, 0xff };

  memset (big, 'A', VICI_VALUE_MAX + 1);
  vici_message_add_kv (ok, "k", big, VICI_VALUE_MAX);
  bytes = vici_message_encode (ok, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 5 + VICI_VALUE_MAX);
  g_assert_true (
      decode_round_trips (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));

  vici_message_add_kv (too_big, "k", big, VICI_VALUE_MAX + 1);
  g_assert_null (vici_message_encode (too_big, &error));
  g_assert_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_BUILD);
  g_clear_error (&error);

  /* A 64 KiB length field with one byte short of data behind it. */
  g_byte_array_append (lying, kv_head, sizeof kv_head);
  g_byte_array_append (lying, big, VICI_VALUE_MAX - 1);
  g_assert_false (decode_round_trips (lying->data, lying->len));
}

static void
test_builder_misuse (void)
{
  struct
  {
    const char *what;
    void (*build) (ViciMessage *msg);
  } cases[] = {
    { "end without begin", vici_message_end_section },
    { "unclosed section", (void (*) (ViciMessage *)) NULL },
  };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (ViciMessage) msg = vici_message_new ();

      if (cases[i].build)
        cases[i].build (msg);
      else
        vici_message_begin_section (msg, "open");
      g_assert_false (vici_message_check_built (msg, &error));
      g_assert_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_BUILD);
      g_clear_error (&error);
    }

  {
    g_autoptr (ViciMessage) msg = vici_message_new ();

    vici_message_begin_list (msg, "l");
    vici_message_add_kv_str (msg, "k", "v"); /* kv inside a list */
    vici_message_end_list (msg);
    g_assert_null (vici_message_encode (msg, &error));
    g_assert_nonnull (strstr (error->message, "'k'"));
    g_clear_error (&error);
  }
  {
    g_autoptr (ViciMessage) msg = vici_message_new ();

    vici_message_add_kv_str (msg, "k", "v");
    vici_message_add_kv_str (msg, "k", "w"); /* duplicate */
    g_assert_false (vici_message_check_built (msg, &error));
    g_clear_error (&error);
  }
  {
    g_autoptr (ViciMessage) msg = vici_message_new ();
    g_autofree char *long_name = g_strnfill (VICI_NAME_MAX + 1, 'n');

    vici_message_add_kv_str (msg, long_name, "v");
    g_assert_false (vici_message_check_built (msg, &error));
    g_clear_error (&error);
  }
  {
    g_autoptr (ViciMessage) msg = vici_message_new ();

    vici_message_add_list_item_str (msg, "orphan");
    g_assert_false (vici_message_check_built (msg, &error));
    g_clear_error (&error);
  }
}

static void
test_hostile_fixed (void)
{
  static const struct
  {
    const char *what;
    const char *bytes;
    gsize len;
  } cases[] = {
#define CASE(what, lit) { what, lit, sizeof (lit) - 1 }
    CASE ("extra section end", "\x02"),
    CASE ("unclosed section", "\x01\x01s"),
    CASE ("unclosed list", "\x04\x01l\x05\x00\x01x"),
    CASE ("list end outside list", "\x06"),
    CASE ("list item outside list", "\x05\x00\x01x"),
    CASE ("key/value inside list", "\x04\x01l\x03\x01k\x00\x00\x06"),
    CASE ("section inside list", "\x04\x01l\x01\x01s\x02\x06"),
    CASE ("nested list", "\x04\x01l\x04\x01m\x06\x06"),
    CASE ("unknown element 0", "\x00"),
    CASE ("unknown element 7", "\x07\x01k"),
    CASE ("empty name", "\x03\x00\x00\x00"),
    CASE ("name with NUL", "\x03\x02k\x00\x00\x00"),
    CASE ("name past end", "\x03\x05k"),
    CASE ("name length missing", "\x03"),
    CASE ("value length missing", "\x03\x01k\x00"),
    CASE ("value past end", "\x03\x01k\x00\x05xy"),
    CASE ("trailing garbage", "\x03\x01k\x00\x00\xff"),
#undef CASE
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case: %s", cases[i].what);
      g_assert_false (decode_round_trips ((const guint8 *) cases[i].bytes, cases[i].len));
    }
  g_assert_true (decode_round_trips ((const guint8 *) "", 0));
  g_assert_true (
      decode_round_trips ((const guint8 *) "\x04\x01l\x06", 4)); /* empty list */
}

static void
test_hostile_depth (void)
{
  g_autoptr (GByteArray) ok = g_byte_array_new ();
  g_autoptr (GByteArray) deep = g_byte_array_new ();
  static const guint8 start[] = { 1, 1, 's' }, end = 2;

  for (guint i = 0; i < VICI_MAX_DEPTH; i++)
    g_byte_array_append (ok, start, sizeof start);
  for (guint i = 0; i < VICI_MAX_DEPTH; i++)
    g_byte_array_append (ok, &end, 1);
  g_assert_true (decode_round_trips (ok->data, ok->len));

  for (guint i = 0; i < 100000; i++)
    g_byte_array_append (deep, start, sizeof start);
  for (guint i = 0; i < 100000; i++)
    g_byte_array_append (deep, &end, 1);
  g_assert_false (decode_round_trips (deep->data, deep->len));
}

static void
test_hostile_truncated (void)
{
  /* Every prefix either decodes (and round-trips) or is refused. Cutting
   * inside an element or a section must be refused. */
  guint accepted = 0;

  for (gsize n = 0; n < sizeof readme_example; n++)
    accepted += decode_round_trips (readme_example, n);
  g_assert_cmpuint (accepted, ==, 2); /* "" and "key1 = value1" */
}

static void
test_hostile_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (0x7669c1);
  guint8 buf[96];
  guint accepted = 0;

  for (guint round = 0; round < 200000; round++)
    {
      gsize len = g_rand_int_range (rand, 0, sizeof buf + 1);
      ViciPacketType type;
      g_autofree char *name = NULL;
      g_autoptr (ViciMessage) msg = NULL;

      if (round % 2 == 0)
        {
          /* mostly valid-looking bytes: small types and lengths */
          for (gsize i = 0; i < len; i++)
            buf[i] = g_rand_int_range (rand, 0, 8);
        }
      else
        {
          /* mutate the README example */
          len = sizeof readme_example;
          memcpy (buf, readme_example, len);
          for (guint k = g_rand_int_range (rand, 1, 4); k > 0; k--)
            buf[g_rand_int_range (rand, 0, len)] = g_rand_int_range (rand, 0, 256);
          len = g_rand_int_range (rand, 0, len + 1);
        }
      accepted += decode_round_trips (buf, len);
      if (vici_packet_decode (buf, len, &type, &name, &msg, NULL))
        g_assert_cmpint (type, <=, VICI_PACKET_EVENT);
    }
  g_test_message ("accepted %u of 200000 random inputs", accepted);
}

static void
test_packet_decode (void)
{
  static const guint8 event[]
      = { 7,   10,  'i', 'k', 'e', '-', 'u', 'p', 'd', 'o', 'w', 'n', 3,   2,
          'u', 'p', 0,   3,   'y', 'e', 's', 1,   4,   'c', 'o', 'n', 'n', 3,
          5,   's', 't', 'a', 't', 'e', 0,   3,   'S', 'A', 'D', 2 };
  static const guint8 confirm[] = { 5 };
  static const guint8 confirm_trailing[] = { 5, 0 };
  static const guint8 bad_type[] = { 8 };
  static const guint8 name_short[] = { 7, 20, 'x' };
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) msg = NULL;
  g_autofree char *name = NULL;
  ViciPacketType type;

  g_assert_true (vici_packet_decode (event, sizeof event, &type, &name, &msg, &error));
  g_assert_no_error (error);
  g_assert_cmpint (type, ==, VICI_PACKET_EVENT);
  g_assert_cmpstr (name, ==, "ike-updown");
  g_assert_cmpstr (vici_message_get_str (msg, "up"), ==, "yes");
  g_assert_cmpstr (vici_message_get_str (msg, "conn/state"), ==, "SAD");
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&msg, vici_message_free);

  g_assert_true (
      vici_packet_decode (confirm, sizeof confirm, &type, &name, &msg, &error));
  g_assert_cmpint (type, ==, VICI_PACKET_EVENT_CONFIRM);
  g_assert_null (name);
  g_assert_null (msg);

  g_assert_false (vici_packet_decode (confirm_trailing, sizeof confirm_trailing, &type,
                                      NULL, NULL, &error));
  g_assert_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (
      vici_packet_decode (bad_type, sizeof bad_type, &type, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_false (
      vici_packet_decode (name_short, sizeof name_short, &type, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_false (vici_packet_decode (confirm, 0, &type, NULL, NULL, &error));
  g_clear_error (&error);
}

static void
test_check_success (void)
{
  g_autoptr (ViciMessage) yes = vici_message_new ();
  g_autoptr (ViciMessage) no = vici_message_new ();
  g_autoptr (ViciMessage) bare = vici_message_new ();
  g_autoptr (GError) error = NULL;

  vici_message_add_kv_str (yes, "success", "yes");
  g_assert_true (vici_message_check_success (yes, "load-conn", &error));
  g_assert_no_error (error);

  vici_message_add_kv_str (no, "success", "no");
  vici_message_add_kv_str (no, "errmsg", "invalid value for: version");
  g_assert_false (vici_message_check_success (no, "load-conn", &error));
  g_assert_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "load-conn failed: invalid value for: version");
  g_clear_error (&error);

  g_assert_false (vici_message_check_success (bare, "initiate", &error));
  g_clear_error (&error);

  /* charon's errmsg reaches logs and messages: cleaned (text-clean.h). */
  {
    g_autoptr (ViciMessage) evil = vici_message_new ();

    vici_message_add_kv_str (evil, "success", "no");
    vici_message_add_kv_str (evil, "errmsg", "no\x1b[2J\xe2\x80\xae\xc2\x9bway\n");
    g_assert_false (vici_message_check_success (evil, "initiate", &error));
    g_assert_cmpstr (error->message, ==,
                     "initiate failed: no\\x1b[2J\\u202e\\u009bway\\x0a");
    g_clear_error (&error);
  }
}

static ViciMessage *
build_conn (const char *psk_owner)
{
  ViciMessage *msg = vici_message_new ();

  vici_message_begin_section (msg, "nm-l2tp-1");
  vici_message_add_kv_str (msg, "version", "1");
  vici_message_begin_list (msg, "remote_addrs");
  vici_message_add_list_item_str (msg, "192.0.2.1");
  vici_message_end_list (msg);
  vici_message_begin_list (msg, "proposals");
  vici_message_add_list_item_str (msg, "aes256-sha1-modp2048");
  vici_message_add_list_item_str (msg, "3des-sha1-modp1024");
  vici_message_end_list (msg);
  vici_message_begin_section (msg, "local");
  vici_message_add_kv_str (msg, "auth", "psk");
  vici_message_add_kv_str (msg, "id", psk_owner);
  vici_message_end_section (msg);
  vici_message_begin_section (msg, "children");
  vici_message_begin_section (msg, "l2tp");
  vici_message_add_kv_str (msg, "mode", "transport");
  vici_message_begin_list (msg, "local_ts");
  vici_message_add_list_item_str (msg, "dynamic[udp/1701]");
  vici_message_end_list (msg);
  vici_message_end_section (msg);
  vici_message_end_section (msg);
  vici_message_end_section (msg);
  return msg;
}

static void
test_swanctl_text (void)
{
  g_autoptr (ViciMessage) conn = build_conn ("%any");
  g_autoptr (ViciMessage) quoted = build_conn ("CN=\"Corp\\HQ\" #1");
  g_autoptr (ViciMessage) secret = vici_message_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = vici_message_to_swanctl_text (conn, &error);
  g_autofree char *text2 = NULL;
  g_autofree char *text3 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "nm-l2tp-1 {\n"
                   "    version = 1\n"
                   "    remote_addrs = 192.0.2.1\n"
                   "    proposals = \"aes256-sha1-modp2048, 3des-sha1-modp1024\"\n"
                   "    local {\n"
                   "        auth = psk\n"
                   "        id = %any\n"
                   "    }\n"
                   "    children {\n"
                   "        l2tp {\n"
                   "            mode = transport\n"
                   "            local_ts = dynamic[udp/1701]\n"
                   "        }\n"
                   "    }\n"
                   "}\n");

  text2 = vici_message_to_swanctl_text (quoted, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text2, "        id = \"CN=\\\"Corp\\\\HQ\\\" #1\"\n"));

  vici_message_add_kv_str (secret, "type", "IKE");
  vici_message_add_kv_str (secret, "data", "");
  vici_message_add_kv_str (secret, "x", "a}b");
  text3 = vici_message_to_swanctl_text (secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text3, ==, "type = IKE\ndata = \"\"\nx = \"a}b\"\n");
}

static void
assert_render_refused (ViciMessage *msg, const char *key_prefix)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = vici_message_to_swanctl_text (msg, &error);

  g_assert_null (text);
  g_assert_error (error, VICI_MESSAGE_ERROR, VICI_MESSAGE_ERROR_RENDER);
  g_assert_true (g_str_has_prefix (error->message, key_prefix));
}

static void
test_swanctl_injection (void)
{
  /* NetworkManager-vpnc CVE-2018-10900 shape: a newline smuggles a new key. */
  static const char *const bad_values[] = {
    "corp\nremote_addrs = 203.0.113.66", "corp\rx", "tab\there",
    "nul-free but \x1b[31m escape",      "\x7f",    "\xc3\x28", /* invalid UTF-8 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      g_autoptr (ViciMessage) msg = build_conn (bad_values[i]);

      assert_render_refused (msg, "id: ");
    }
  {
    g_autoptr (ViciMessage) msg = vici_message_new ();

    vici_message_begin_list (msg, "owners");
    vici_message_add_list_item_str (msg, "a,b");
    vici_message_end_list (msg);
    assert_render_refused (msg, "owners: ");
  }
  {
    g_autoptr (ViciMessage) msg = vici_message_new ();

    vici_message_begin_list (msg, "owners");
    vici_message_add_list_item_str (msg, " padded");
    vici_message_end_list (msg);
    assert_render_refused (msg, "owners: ");
  }
  {
    g_autoptr (ViciMessage) msg = vici_message_new ();

    vici_message_add_kv_str (msg, "charon.plugins", "x"); /* '.' is a path */
    assert_render_refused (msg, "charon.plugins: ");
  }
  {
    g_autoptr (ViciMessage) msg = vici_message_new ();

    vici_message_add_kv (msg, "data", "a\0b", 3);
    assert_render_refused (msg, "data: ");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vici-message/encode/readme", test_encode_readme);
  g_test_add_func ("/vici-message/encode/packets", test_encode_packets);
  g_test_add_func ("/vici-message/decode/readme", test_decode_readme);
  g_test_add_func ("/vici-message/binary-values", test_binary_values);
  g_test_add_func ("/vici-message/value-limits", test_value_limits);
  g_test_add_func ("/vici-message/builder-misuse", test_builder_misuse);
  g_test_add_func ("/vici-message/hostile/fixed", test_hostile_fixed);
  g_test_add_func ("/vici-message/hostile/depth", test_hostile_depth);
  g_test_add_func ("/vici-message/hostile/truncated", test_hostile_truncated);
  g_test_add_func ("/vici-message/hostile/random", test_hostile_random);
  g_test_add_func ("/vici-message/packet-decode", test_packet_decode);
  g_test_add_func ("/vici-message/check-success", test_check_success);
  g_test_add_func ("/vici-message/swanctl/text", test_swanctl_text);
  g_test_add_func ("/vici-message/swanctl/injection", test_swanctl_injection);
  return g_test_run ();
}
