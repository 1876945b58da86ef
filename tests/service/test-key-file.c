/* SPDX-License-Identifier: GPL-2.0-or-later */
/* key-file.c: what the service refuses to read for charon as root (a
 * symlink, a directory, a huge file, nothing there), with the setting and
 * the path in the message; and what it reads. In a scratch directory. */
#include "src/ipsec/key-file.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static char *dir;

static char *
path_of (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
assert_refused (const char *name, const char *why)
{
  g_autofree char *path = path_of (name);
  g_autofree char *prefix = g_strdup_printf ("machine-key: %s: ", path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = l2tp_key_file_read ("machine-key", path, &error);

  g_assert_null (bytes);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, why));
}

static void
test_reads_regular_file (void)
{
  g_autofree char *path = path_of ("key.pem");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  static const char text[]
      = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  bytes = l2tp_key_file_read ("machine-key", path, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text,
                   strlen (text));
  g_assert_true (l2tp_key_file_check ("machine-cert", path, &error));
  g_assert_no_error (error);
}

static void
test_refusals (void)
{
  g_autofree char *target = path_of ("key.pem");
  g_autofree char *link = path_of ("link.pem");
  g_autofree char *subdir = path_of ("a-directory");
  g_autofree char *huge = path_of ("huge.pem");
  g_autofree char *big = g_malloc0 (L2TP_KEY_FILE_MAX + 1);
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (target, "x", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  memset (big, 'A', L2TP_KEY_FILE_MAX);
  g_assert_true (g_file_set_contents (huge, big, L2TP_KEY_FILE_MAX + 1, NULL));

  assert_refused ("link.pem", "symbolic link");
  assert_refused ("a-directory", "not a regular file");
  assert_refused ("huge.pem", "too large");
  assert_refused ("missing.pem", "");
  /* The check for the certificates charon reads itself. */
  g_assert_false (l2tp_key_file_check ("machine-ca", subdir, &error));
  g_assert_true (g_str_has_prefix (error->message, "machine-ca: "));
}

static L2tpConfig *
tls_config (const char *key, const char *cert)
{
  g_autofree char *key_path
      = g_test_build_filename (G_TEST_DIST, "..", "unit", "fixtures", "keys", key, NULL);
  g_autofree char *cert_path
      = g_test_build_filename (G_TEST_DIST, "..", "unit", "fixtures", "keys", cert, NULL);
  g_autofree char *key_abs = g_canonicalize_filename (key_path, NULL);
  g_autofree char *cert_abs = g_canonicalize_filename (cert_path, NULL);
  g_autoptr (GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  L2tpConfig *cfg;

  g_hash_table_insert (data, "gateway", "vpn.example.com");
  g_hash_table_insert (data, "user", "alice");
  g_hash_table_insert (data, "machine-auth-type", "tls");
  g_hash_table_insert (data, "machine-key", key_abs);
  g_hash_table_insert (data, "machine-cert", cert_abs);
  cfg = l2tp_config_new (data, secrets, &error);
  g_assert_no_error (error);
  return cfg;
}

/* charon signs with whatever key belongs to machine-cert: a machine-key of
 * another certificate is refused before anything is loaded. */
static void
test_key_matches_cert (void)
{
  g_autoptr (L2tpConfig) rsa = tls_config ("rsa.pem", "rsa-cert.pem");
  g_autoptr (L2tpConfig) ec = tls_config ("ec.pem", "ec-cert.der");
  g_autoptr (L2tpConfig) crossed = tls_config ("rsa.pem", "ec-cert.der");
  g_autoptr (L2tpConfig) not_cert = tls_config ("rsa.pem", "not-a-key.pem");
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpPrivateKey) a = l2tp_key_file_read_machine_key (rsa, &error);
  g_autoptr (L2tpPrivateKey) b = NULL;
  g_autoptr (L2tpPrivateKey) c = NULL;
  g_autoptr (L2tpPrivateKey) d = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (a);
  b = l2tp_key_file_read_machine_key (ec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);
  c = l2tp_key_file_read_machine_key (crossed, &error);
  g_assert_null (c);
  g_assert_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "machine-key: "));
  g_assert_nonnull (strstr (error->message, "is not the key of the certificate"));
  g_assert_nonnull (strstr (error->message, "ec-cert.der (machine-cert)"));
  g_clear_error (&error);
  d = l2tp_key_file_read_machine_key (not_cert, &error);
  g_assert_null (d);
  g_assert_true (g_str_has_prefix (error->message, "machine-cert: "));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("test-key-file-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_test_add_func ("/key-file/reads-regular-file", test_reads_regular_file);
  g_test_add_func ("/key-file/refusals", test_refusals);
  g_test_add_func ("/key-file/key-matches-cert", test_key_matches_cert);
  ret = g_test_run ();
  {
    static const char *const names[]
        = { "key.pem", "link.pem", "a-directory", "huge.pem" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = path_of (names[i]);
        g_remove (path);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return ret;
}
