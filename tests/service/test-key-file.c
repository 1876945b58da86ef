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

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("test-key-file-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_test_add_func ("/key-file/reads-regular-file", test_reads_regular_file);
  g_test_add_func ("/key-file/refusals", test_refusals);
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
