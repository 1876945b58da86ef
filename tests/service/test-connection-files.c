/* SPDX-License-Identifier: GPL-2.0-or-later */
/* connection-files.c: which files one connect reads, as whom, and pppd's
 * copies. A shared connection's files are read as root; a private one's as
 * each user of connection.permissions (as root, with nobody: a key only
 * root may read fails with its name and the user; without root those
 * cases skip). The copies for pppd are 0600 in the runtime directory. */
#include "src/service/connection-files.h"

#include <glib/gstdio.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir;
static struct passwd *nobody;

static char *
make_file (const char *name, const char *text, uid_t uid, mode_t mode)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  if (geteuid () == 0)
    g_assert_cmpint (chown (path, uid, 0), ==, 0);
  g_assert_cmpint (chmod (path, mode), ==, 0);
  return path;
}

/* A connection: machine certificates (ca, cert, key) and EAP-TLS (user-ca,
 * user-cert, user-key), each file owned by uid with mode 0600. */
static L2tpConfig *
config (const char *machine_auth, const char *user_auth, uid_t uid)
{
  static const char *const keys[] = { "machine-ca", "machine-cert", "machine-key",
                                      "user-ca",    "user-cert",    "user-key" };
  g_autoptr (GHashTable) data
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  L2tpConfig *cfg;

  g_hash_table_insert (data, "gateway", g_strdup ("vpn.example.com"));
  g_hash_table_insert (data, "user", g_strdup ("alice"));
  g_hash_table_insert (data, "ipsec-enabled", g_strdup ("yes"));
  g_hash_table_insert (data, "machine-auth-type", g_strdup (machine_auth));
  g_hash_table_insert (data, "user-auth-type", g_strdup (user_auth));
  g_hash_table_insert (secrets, "ipsec-psk", "k");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.pem", keys[i]);
      g_autofree char *text = g_strdup_printf ("contents of %s\n", keys[i]);

      g_hash_table_insert (data, (gpointer) keys[i], make_file (name, text, uid, 0600));
    }
  cfg = l2tp_config_new (data, secrets, &error);
  g_assert_no_error (error);
  return cfg;
}

static void
assert_slot (const L2tpConnectionFiles *files, L2tpFileSlot slot, gboolean present)
{
  const char *key = l2tp_key_get (l2tp_connection_file_key (slot))->name;

  if (!present)
    {
      g_assert_null (files->bytes[slot]);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf ("contents of %s\n", key);

    g_assert_nonnull (files->bytes[slot]);
    g_assert_cmpmem (g_bytes_get_data (files->bytes[slot], NULL),
                     g_bytes_get_size (files->bytes[slot]), text, strlen (text));
  }
}

/* Only the files the settings use are read. */
static void
test_shared_reads_as_root (void)
{
  g_autoptr (L2tpConfig) tls = config ("tls", "tls", 0);
  g_autoptr (L2tpConfig) psk = config ("psk", "password", 0);
  g_autoptr (L2tpConnectionFiles) all = NULL;
  g_autoptr (L2tpConnectionFiles) none = NULL;
  g_autoptr (GError) error = NULL;

  all = l2tp_connection_files_read (tls, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < L2TP_FILE_COUNT; i++)
    assert_slot (all, i, TRUE);
  none = l2tp_connection_files_read (psk, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < L2TP_FILE_COUNT; i++)
    assert_slot (none, i, FALSE);
}

static void
assert_private_refused (const L2tpConfig *cfg, const char *const *users, const char *key,
                        const char *why)
{
  g_autofree char *name = g_strdup_printf ("%s.pem", key);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *expected = g_strdup_printf ("%s: %s: %s", key, path, why);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConnectionFiles) files = l2tp_connection_files_read (cfg, users, &error);

  g_assert_null (files);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("'%s' does not start with '%s'", error->message, expected);
}

static void
test_private_root_files_refused (void)
{
  static const char *const just_nobody[] = { "nobody", NULL };
  static const char *const root_and_nobody[] = { "root", "nobody", NULL };
  g_autoptr (L2tpConfig) cfg = NULL;

  if (geteuid () != 0 || !nobody)
    {
      g_test_skip ("needs root and the user nobody");
      return;
    }
  cfg = config ("tls", "tls", 0);
  /* The first file read is machine-ca. */
  assert_private_refused (cfg, just_nobody, "machine-ca", "");
  /* Each user must be able to read it, whoever started the connection. */
  assert_private_refused (cfg, root_and_nobody, "machine-ca", "");
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (L2tpConnectionFiles) files
        = l2tp_connection_files_read (cfg, just_nobody, &error);

    g_assert_nonnull (strstr (error->message, "nobody"));
  }
}

static void
test_private_user_files_read (void)
{
  static const char *const just_nobody[] = { "nobody", NULL };
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autoptr (L2tpConnectionFiles) files = NULL;
  g_autoptr (GError) error = NULL;

  if (geteuid () != 0 || !nobody)
    {
      g_test_skip ("needs root and the user nobody");
      return;
    }
  cfg = config ("tls", "tls", nobody->pw_uid);
  files = l2tp_connection_files_read (cfg, just_nobody, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < L2TP_FILE_COUNT; i++)
    assert_slot (files, i, TRUE);
}

/* connection.permissions with no user in it: nothing is read. */
static void
test_private_without_user (void)
{
  static const char *const nobody_at_all[] = { NULL };
  g_autoptr (L2tpConfig) cfg = config ("tls", "password", geteuid ());

  assert_private_refused (cfg, nobody_at_all, "machine-ca",
                          "connection.permissions names no user to read it as");
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  L2tpConnectionFiles **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = l2tp_connection_files_read_finish (result, &error);
  g_assert_no_error (error);
}

/* In a worker thread; then pppd's copies. */
static void
test_async_and_ppp_copies (void)
{
  g_autoptr (L2tpConfig) cfg = config ("psk", "tls", geteuid ());
  g_autoptr (L2tpConnectionFiles) files = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *run = g_build_filename (dir, "run", NULL);
  char *paths[3] = { NULL, NULL, NULL };
  static const char *const names[3] = { "user-ca", "user-cert", "user-key" };

  l2tp_connection_files_read_async (cfg, NULL, NULL, on_read, &files);
  while (!files)
    g_main_context_iteration (NULL, TRUE);
  assert_slot (files, L2TP_FILE_MACHINE_KEY, FALSE);
  assert_slot (files, L2TP_FILE_USER_KEY, TRUE);

  g_assert_cmpint (g_mkdir (run, 0700), ==, 0);
  g_assert_true (l2tp_connection_files_write_ppp (files, run, paths, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *expected_path = g_build_filename (run, names[i], NULL);
      g_autofree char *expected = g_strdup_printf ("contents of %s\n", names[i]);
      g_autofree char *text = NULL;
      struct stat st;

      g_assert_cmpstr (paths[i], ==, expected_path);
      g_assert_cmpint (stat (paths[i], &st), ==, 0);
      g_assert_cmpint (st.st_mode & 07777, ==, 0600);
      g_assert_cmpint (st.st_uid, ==, geteuid ());
      g_assert_true (g_file_get_contents (paths[i], &text, NULL, NULL));
      g_assert_cmpstr (text, ==, expected);
    }
  /* At the end of the connection: zeroed and gone. */
  l2tp_connection_files_erase_ppp (paths);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *gone = g_build_filename (run, names[i], NULL);

      g_assert_null (paths[i]);
      g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
    }
  /* The bytes went with the copies. */
  assert_slot (files, L2TP_FILE_USER_CA, FALSE);
  assert_slot (files, L2TP_FILE_USER_KEY, FALSE);
  g_rmdir (run);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  nobody = getpwnam ("nobody");
  dir = g_dir_make_tmp ("test-connection-files-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_assert_cmpint (chmod (dir, 0755), ==, 0);
  g_test_add_func ("/connection-files/shared-reads-as-root", test_shared_reads_as_root);
  g_test_add_func ("/connection-files/private-root-files-refused",
                   test_private_root_files_refused);
  g_test_add_func ("/connection-files/private-user-files-read",
                   test_private_user_files_read);
  g_test_add_func ("/connection-files/private-without-user", test_private_without_user);
  g_test_add_func ("/connection-files/async-and-ppp-copies", test_async_and_ppp_copies);
  ret = g_test_run ();
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_remove (path);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return ret;
}
