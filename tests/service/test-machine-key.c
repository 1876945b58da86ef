/* SPDX-License-Identifier: GPL-2.0-or-later */
/* machine-key.c: the machine key from the bytes the service read, checked
 * against machine-cert; machine-ca and machine-cert must hold
 * certificates. Errors name the setting and the path. */
#include "src/ipsec/machine-key.h"

#include <string.h>

static GBytes *
fixture (const char *name)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "..", "unit", "fixtures", "keys", name, NULL);
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

typedef struct
{
  L2tpConfig *cfg;
  L2tpRenderContext ctx;
} Case;

static void
case_init (Case *c, const char *key, const char *cert, const char *ca)
{
  g_autoptr (GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;

  memset (c, 0, sizeof *c);
  g_hash_table_insert (data, "gateway", "vpn.example.com");
  g_hash_table_insert (data, "user", "alice");
  g_hash_table_insert (data, "machine-auth-type", "tls");
  g_hash_table_insert (data, "machine-key", "/etc/vpn/host.key");
  g_hash_table_insert (data, "machine-cert", "/etc/vpn/host.pem");
  if (ca)
    g_hash_table_insert (data, "machine-ca", "/etc/vpn/ca.pem");
  c->cfg = l2tp_config_new (data, secrets, &error);
  g_assert_no_error (error);
  c->ctx.machine_key = key ? fixture (key) : NULL;
  c->ctx.machine_cert = cert ? fixture (cert) : NULL;
  c->ctx.machine_ca = ca ? fixture (ca) : NULL;
}

static void
case_clear (Case *c)
{
  l2tp_config_unref (c->cfg);
  g_clear_pointer (&c->ctx.machine_key, g_bytes_unref);
  g_clear_pointer (&c->ctx.machine_cert, g_bytes_unref);
  g_clear_pointer (&c->ctx.machine_ca, g_bytes_unref);
}

/* NULL if the key decodes, else the error message. */
static char *
decode (const char *key, const char *cert, const char *ca)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpPrivateKey) k = NULL;
  Case c;

  case_init (&c, key, cert, ca);
  k = l2tp_machine_key_decode (c.cfg, &c.ctx, &error);
  case_clear (&c);
  if (k)
    {
      g_assert_no_error (error);
      return NULL;
    }
  g_assert_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE);
  g_test_message ("%s", error->message);
  return g_strdup (error->message);
}

static void
assert_refused (char *message, const char *prefix, const char *part)
{
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, prefix));
  g_assert_nonnull (strstr (message, part));
  g_free (message);
}

/* charon signs with whatever key belongs to machine-cert: a machine-key of
 * another certificate is refused before anything is loaded. */
static void
test_key_matches_cert (void)
{
  g_assert_null (decode ("rsa.pem", "rsa-cert.pem", NULL));
  g_assert_null (decode ("ec.pem", "ec-cert.der", NULL));
  g_assert_null (decode ("rsa.pem", "rsa-cert.pem", "ec-cert.der"));
  assert_refused (decode ("rsa.pem", "ec-cert.der", NULL),
                  "machine-key: /etc/vpn/host.key",
                  "is not the key of the certificate /etc/vpn/host.pem (machine-cert)");
  assert_refused (decode ("rsa.pem", "not-a-key.pem", NULL),
                  "machine-cert: /etc/vpn/host.pem: ", "");
  assert_refused (decode ("not-a-key.pem", "rsa-cert.pem", NULL),
                  "machine-key: /etc/vpn/host.key: ", "");
  /* A CA file without a certificate is said now, with its name. */
  assert_refused (decode ("rsa.pem", "rsa-cert.pem", "not-a-key.pem"),
                  "machine-ca: /etc/vpn/ca.pem: ", "");
}

/* The service always reads the files first; bytes that are missing are
 * named, never looked up by path. */
static void
test_bytes_missing (void)
{
  assert_refused (decode (NULL, "rsa-cert.pem", NULL),
                  "machine-key: /etc/vpn/host.key: ", "not read by the service");
  assert_refused (decode ("rsa.pem", NULL, NULL),
                  "machine-cert: /etc/vpn/host.pem: ", "not read by the service");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/machine-key/key-matches-cert", test_key_matches_cert);
  g_test_add_func ("/machine-key/bytes-missing", test_bytes_missing);
  return g_test_run ();
}
