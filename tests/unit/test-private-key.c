/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/private-key.c: every key format users have comes out
 * as the DER and type charon's load-key takes, with the ID charon gives it
 * (computed independently by OpenSSL, see fixtures/keys/README). */
#include "shared/private-key.h"

#include <string.h>

#define PASSWORD "lab-secret"
#define RSA_ID   "7b00ee2b8c5af1d596779da468eb567982c2f645"
#define EC_ID    "84914ecacea52be4230c9071eaddc1e6d3f5caa4"
#define ED_ID    "c0f058bb986aa35ca2fadce2876c999be250aa0d"

static GBytes *
fixture (const char *name)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "fixtures", "keys", name, NULL);
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static L2tpPrivateKey *
decode (const char *name, const char *password, GError **error)
{
  g_autoptr (GBytes) bytes = fixture (name);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return l2tp_private_key_decode (data, len, password, error);
}

static void
assert_key (const L2tpPrivateKey *key, const char *type, const char *id,
            const char *der_fixture)
{
  g_autoptr (GBytes) expected = fixture (der_fixture);
  gsize len, expected_len;
  const guint8 *der = l2tp_private_key_get_der (key, &len);
  const guint8 *expected_der = g_bytes_get_data (expected, &expected_len);

  g_assert_cmpstr (l2tp_private_key_get_type (key), ==, type);
  g_assert_cmpstr (l2tp_private_key_get_id (key), ==, id);
  g_assert_cmpmem (der, len, expected_der, expected_len);
}

typedef struct
{
  const char *file;
  const char *password;
  const char *type;
  const char *id;
  const char *der;
} Case;

static const Case good[] = {
  { "rsa.pem", NULL, "rsa", RSA_ID, "rsa.pkcs1.der" },
  { "rsa.pkcs1.der", NULL, "rsa", RSA_ID, "rsa.pkcs1.der" },
  { "rsa-pkcs8.der", NULL, "rsa", RSA_ID, "rsa.pkcs1.der" },
  /* A password given for a key that needs none does no harm. */
  { "rsa.pem", PASSWORD, "rsa", RSA_ID, "rsa.pkcs1.der" },
  { "rsa-legacy-encrypted.pem", PASSWORD, "rsa", RSA_ID, "rsa.pkcs1.der" },
  { "rsa-pkcs8-encrypted.pem", PASSWORD, "rsa", RSA_ID, "rsa.pkcs1.der" },
  { "rsa.p12", PASSWORD, "rsa", RSA_ID, "rsa.pkcs1.der" },
  { "ec.pem", NULL, "ecdsa", EC_ID, "ec.sec1.der" },
  { "ec.sec1.der", NULL, "ecdsa", EC_ID, "ec.sec1.der" },
  { "ed25519.pem", NULL, "any", ED_ID, "ed25519.pkcs8.der" },
};

static void
test_decode (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpPrivateKey) key = decode (c->file, c->password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  assert_key (key, c->type, c->id, c->der);
}

typedef struct
{
  const char *file;
  const char *password;
  L2tpPrivateKeyError code;
} BadCase;

static const BadCase bad[] = {
  { "rsa-legacy-encrypted.pem", NULL, L2TP_PRIVATE_KEY_ERROR_NEEDS_PASSWORD },
  { "rsa-legacy-encrypted.pem", "", L2TP_PRIVATE_KEY_ERROR_NEEDS_PASSWORD },
  { "rsa-pkcs8-encrypted.pem", NULL, L2TP_PRIVATE_KEY_ERROR_NEEDS_PASSWORD },
  { "rsa-legacy-encrypted.pem", "wrong", L2TP_PRIVATE_KEY_ERROR_BAD_PASSWORD },
  { "rsa-pkcs8-encrypted.pem", "wrong", L2TP_PRIVATE_KEY_ERROR_BAD_PASSWORD },
  { "dsa.pem", NULL, L2TP_PRIVATE_KEY_ERROR_UNSUPPORTED },
  { "not-a-key.pem", NULL, L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY },
  { "README", NULL, L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY },
};

static void
test_refuse (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpPrivateKey) key = decode (c->file, c->password, &error);

  g_assert_null (key);
  g_assert_error (error, L2TP_PRIVATE_KEY_ERROR, (gint) c->code);
  /* The message never carries the password. */
  if (c->password && *c->password)
    g_assert_null (strstr (error->message, c->password));
}

static void
test_refuse_empty (void)
{
  g_autoptr (GError) error = NULL;
  static const guint8 nothing[1];

  g_assert_null (l2tp_private_key_decode (nothing, 0, NULL, &error));
  g_assert_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY);
}

/* The exact VICI bytes of load-key: type, then data with the DER. */
static void
test_load_message (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpPrivateKey) key = decode ("ec.pem", NULL, &error);
  g_autoptr (GBytes) expected_der = fixture ("ec.sec1.der");
  g_autoptr (ViciMessage) msg = NULL;
  g_autoptr (GBytes) wire = NULL;
  g_autoptr (GByteArray) expected = g_byte_array_new ();
  static const guint8 type_kv[]
      = { 3, 4, 't', 'y', 'p', 'e', 0, 5, 'e', 'c', 'd', 's', 'a' };
  static const guint8 data_head[] = { 3, 4, 'd', 'a', 't', 'a', 0, 121 };
  gsize der_len, wire_len, value_len;
  const guint8 *der = g_bytes_get_data (expected_der, &der_len);
  const guint8 *value;

  g_assert_no_error (error);
  g_assert_cmpuint (der_len, ==, 121);
  g_byte_array_append (expected, type_kv, sizeof type_kv);
  g_byte_array_append (expected, data_head, sizeof data_head);
  g_byte_array_append (expected, der, der_len);

  msg = l2tp_private_key_load_message (key);
  wire = vici_message_encode (msg, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (wire, &wire_len), wire_len, expected->data,
                   expected->len);

  /* Wiping zeroes the values in place: type and key data. */
  l2tp_private_key_wipe_message (msg);
  value = vici_node_get_value (vici_message_lookup (msg, "data"), &value_len);
  g_assert_cmpuint (value_len, ==, 121);
  for (gsize i = 0; i < value_len; i++)
    g_assert_cmpuint (value[i], ==, 0);
  value = vici_node_get_value (vici_message_lookup (msg, "type"), &value_len);
  g_assert_cmpmem (value, value_len, "\0\0\0\0\0", 5);
}

static void
test_unload_message (void)
{
  g_autoptr (ViciMessage) msg = l2tp_private_key_unload_message (RSA_ID);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = vici_message_to_swanctl_text (msg, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "id = " RSA_ID "\n");
}

static void
test_id_is_valid (void)
{
  g_assert_true (l2tp_private_key_id_is_valid (RSA_ID));
  g_assert_true (
      l2tp_private_key_id_is_valid ("7B00EE2B8C5AF1D596779DA468EB567982C2F645"));
  g_assert_false (l2tp_private_key_id_is_valid (NULL));
  g_assert_false (l2tp_private_key_id_is_valid (""));
  g_assert_false (l2tp_private_key_id_is_valid (RSA_ID "0"));
  g_assert_false (l2tp_private_key_id_is_valid ("7b:00:ee:2b:8c:5a:f1:d5:96:77:9d:a4"));
  g_assert_false (
      l2tp_private_key_id_is_valid ("7b00ee2b8c5af1d596779da468eb567982c2f64g"));
}

static void
test_list_has (void)
{
  g_autoptr (ViciMessage) answer = vici_message_new ();
  g_autoptr (ViciMessage) empty = vici_message_new ();

  vici_message_begin_list (answer, "keys");
  vici_message_add_list_item_str (answer, EC_ID);
  vici_message_add_list_item_str (answer, "7B00EE2B8C5AF1D596779DA468EB567982C2F645");
  vici_message_end_list (answer);

  g_assert_true (l2tp_private_key_list_has (answer, RSA_ID));
  g_assert_true (l2tp_private_key_list_has (answer, EC_ID));
  g_assert_false (l2tp_private_key_list_has (answer, ED_ID));
  g_assert_false (l2tp_private_key_list_has (empty, RSA_ID));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *name = g_strdup_printf ("/private-key/decode/%s%s", good[i].file,
                                               good[i].password ? "+password" : "");
      g_test_add_data_func (name, &good[i], test_decode);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *name = g_strdup_printf (
          "/private-key/refuse/%s/%s", bad[i].file,
          bad[i].password ? (*bad[i].password ? bad[i].password : "empty") : "none");
      g_test_add_data_func (name, &bad[i], test_refuse);
    }
  g_test_add_func ("/private-key/refuse/empty", test_refuse_empty);
  g_test_add_func ("/private-key/load-message", test_load_message);
  g_test_add_func ("/private-key/unload-message", test_unload_message);
  g_test_add_func ("/private-key/id-is-valid", test_id_is_valid);
  g_test_add_func ("/private-key/list-has", test_list_has);
  return g_test_run ();
}
