/* SPDX-License-Identifier: GPL-2.0-or-later */
/* connection-file-libnm.c, the way through libnm's
 * nm_utils_copy_cert_as_user() (NetworkManager ≥ 1.56), against a
 * stand-in with its documented behaviour (fake-nm-copy-cert.c): libnm 1.42
 * here has no such function. The bytes come back, NetworkManager's copy
 * is gone afterwards whatever happened, and an error names the setting,
 * the path and the user. As root with the user nobody; without root only
 * the refusal of a caller that is not root. */
#include "src/common/connection-file.h"

#include <glib/gstdio.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake-nm-copy-cert.h"

static char *dir;      /* the files of the connection */
static char *copy_dir; /* NetworkManager's /run/NetworkManager/cert */
static struct passwd *nobody;

static const char key_text[]
    = "-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----\n";

static char *
make_file (const char *name, uid_t uid, mode_t mode)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, key_text, -1, NULL));
  if (geteuid () == 0)
    g_assert_cmpint (chown (path, uid, 0), ==, 0);
  g_assert_cmpint (chmod (path, mode), ==, 0);
  return path;
}

static guint
copies_left (void)
{
  g_autoptr (GDir) d = g_dir_open (copy_dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static gboolean
need_root (void)
{
  if (geteuid () == 0 && nobody)
    return TRUE;
  g_test_skip ("needs root and the user nobody");
  return FALSE;
}

static void
test_reads_and_removes_copy (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  if (!need_root ())
    return;
  path = make_file ("nobody.pem", nobody->pw_uid, 0600);
  fake_nm_calls = 0;
  bytes = l2tp_connection_file_read_libnm ("user-key", path, "nobody", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_nm_calls, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), key_text,
                   strlen (key_text));
  g_assert_cmpuint (copies_left (), ==, 0);
}

static void
test_root_only_refused (void)
{
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  if (!need_root ())
    return;
  path = make_file ("root-only.pem", 0, 0600);
  prefix = g_strdup_printf (
      "machine-key: %s: not readable as user nobody (NetworkManager: ", path);
  bytes = l2tp_connection_file_read_libnm ("machine-key", path, "nobody", &error);
  g_assert_null (bytes);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, "Permission denied"));
  g_assert_cmpuint (copies_left (), ==, 0);
}

/* A copy we refuse (too large) is removed too, and the error names the
 * connection's file, not the copy. */
static void
test_refused_copy_removed (void)
{
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  if (!need_root ())
    return;
  path = make_file ("padded.pem", nobody->pw_uid, 0600);
  prefix = g_strdup_printf ("machine-cert: %s (read as user nobody): ", path);
  fake_nm_pad_copy = TRUE;
  bytes = l2tp_connection_file_read_libnm ("machine-cert", path, "nobody", &error);
  fake_nm_pad_copy = FALSE;
  g_assert_null (bytes);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, "too large"));
  g_assert_null (strstr (error->message, copy_dir));
  g_assert_cmpuint (copies_left (), ==, 0);
}

/* Built as for -Dfile_access=libnm: a private connection's file goes
 * through libnm, a shared one's is read here. */
static void
test_dispatch (void)
{
  g_autofree char *path = make_file ("dispatch.pem", geteuid (), 0644);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_assert_cmpstr (l2tp_connection_file_access (), ==, "libnm");
  fake_nm_calls = 0;
  bytes = l2tp_connection_file_read ("user-ca", path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (fake_nm_calls, ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = l2tp_connection_file_read ("user-ca", path, "nobody", &error);
  g_assert_cmpuint (fake_nm_calls, ==, 1);
  /* Without root libnm refuses; with root nobody reads it (0644). */
  g_assert_true (geteuid () == 0 ? bytes != NULL : error != NULL);
  g_assert_cmpuint (copies_left (), ==, 0);
}

/* libnm refuses a caller that is not root: said with the setting. */
static void
test_not_root (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("only without root");
      return;
    }
  bytes = l2tp_connection_file_read_libnm ("user-cert", "/etc/c.pem", "nobody", &error);
  g_assert_null (bytes);
  g_assert_true (g_str_has_prefix (error->message, "user-cert: /etc/c.pem: not readable "
                                                   "as user nobody (NetworkManager: "));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  nobody = getpwnam ("nobody");
  dir = g_dir_make_tmp ("test-connection-file-libnm-XXXXXX", NULL);
  copy_dir = g_dir_make_tmp ("test-nm-cert-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_assert_nonnull (copy_dir);
  g_assert_cmpint (chmod (dir, 0755), ==, 0);
  fake_nm_cert_dir = copy_dir;

  g_test_add_func ("/connection-file/libnm/reads-and-removes-copy",
                   test_reads_and_removes_copy);
  g_test_add_func ("/connection-file/libnm/root-only-refused", test_root_only_refused);
  g_test_add_func ("/connection-file/libnm/refused-copy-removed",
                   test_refused_copy_removed);
  g_test_add_func ("/connection-file/libnm/not-root", test_not_root);
  g_test_add_func ("/connection-file/libnm/dispatch", test_dispatch);
  ret = g_test_run ();
  {
    static const char *const names[]
        = { "nobody.pem", "root-only.pem", "padded.pem", "dispatch.pem" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_remove (path);
      }
    g_rmdir (dir);
    g_rmdir (copy_dir);
  }
  g_free (dir);
  g_free (copy_dir);
  return ret;
}
