/* SPDX-License-Identifier: GPL-2.0-or-later */
/* connection-file.c: one file of a connection, read as root or as a user.
 *
 * As root: what is refused (a symlink, a directory, a huge file, nothing
 * there), with the setting and the path in the message. As a user (the
 * child that takes the user's identity): run as root, with "nobody", a
 * file only root may read must fail with "permission denied for user
 * nobody", one nobody may read (as owner, as group) must be read, and the
 * same refusals hold. Without root only reading as oneself is tried. */
#include "src/common/connection-file.h"

#include <glib/gstdio.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OTHER_USER "nobody"

static char *dir;
static uid_t other_uid;
static gid_t other_gid;

static const char key_text[]
    = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";

static char *
path_of (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* A file in the scratch directory with this owner, group and mode. */
static char *
make_file (const char *name, const char *text, gssize len, uid_t uid, gid_t gid,
           mode_t mode)
{
  char *path = path_of (name);

  g_assert_true (g_file_set_contents (path, text, len, NULL));
  if (geteuid () == 0)
    g_assert_cmpint (chown (path, uid, gid), ==, 0);
  g_assert_cmpint (chmod (path, mode), ==, 0);
  return path;
}

static void
assert_bytes (GBytes *bytes, const char *text)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text,
                   strlen (text));
}

/* The error of reading name (as user, or as root when NULL). */
static char *
refusal (const char *name, const char *user, GFileError code)
{
  g_autofree char *path = path_of (name);
  g_autofree char *prefix = g_strdup_printf ("machine-key: %s: ", path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
      = user ? l2tp_connection_file_read_forked ("machine-key", path, user, &error)
             : l2tp_connection_file_read_here ("machine-key", path, &error);

  g_assert_null (bytes);
  g_assert_error (error, G_FILE_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  return g_strdup (error->message + strlen (prefix));
}

static void
assert_refused (const char *name, const char *user, GFileError code, const char *why)
{
  g_autofree char *what = refusal (name, user, code);

  if (!strstr (what, why))
    g_error ("'%s' does not say '%s'", what, why);
}

static gboolean
need_root (void)
{
  if (geteuid () == 0 && other_uid != 0)
    return TRUE;
  g_test_skip ("needs root and the user " OTHER_USER);
  return FALSE;
}

/* ---- as root ---------------------------------------------------------- */

static void
test_here_reads_regular_file (void)
{
  g_autofree char *path
      = make_file ("key.pem", key_text, -1, geteuid (), getegid (), 0600);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = l2tp_connection_file_read_here ("machine-key", path, &error);

  g_assert_no_error (error);
  assert_bytes (bytes, key_text);
  /* No user: read by the service itself (a shared connection). */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = l2tp_connection_file_read ("machine-key", path, NULL, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, key_text);
}

static void
test_here_refusals (void)
{
  g_autofree char *target = make_file ("key.pem", "x", 1, geteuid (), getegid (), 0600);
  g_autofree char *link = path_of ("link.pem");
  g_autofree char *subdir = path_of ("a-directory");
  g_autofree char *big = g_malloc0 (L2TP_CONNECTION_FILE_MAX + 1);
  g_autofree char *huge = NULL;

  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  memset (big, 'A', L2TP_CONNECTION_FILE_MAX);
  huge = make_file ("huge.pem", big, L2TP_CONNECTION_FILE_MAX + 1, geteuid (), getegid (),
                    0644);

  assert_refused ("link.pem", NULL, G_FILE_ERROR_LOOP, "symbolic link");
  assert_refused ("a-directory", NULL, G_FILE_ERROR_INVAL, "not a regular file");
  assert_refused ("huge.pem", NULL, G_FILE_ERROR_INVAL, "too large");
  assert_refused ("missing.pem", NULL, G_FILE_ERROR_NOENT, "");
}

/* ---- as a user -------------------------------------------------------- */

/* Without root: reading as oneself changes nothing and still reads. */
static void
test_forked_as_oneself (void)
{
  struct passwd *pw = getpwuid (geteuid ());
  g_autofree char *path
      = make_file ("mine.pem", key_text, -1, geteuid (), getegid (), 0600);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_assert_nonnull (pw);
  bytes = l2tp_connection_file_read_forked ("machine-key", path, pw->pw_name, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, key_text);
}

/* The heart of it: root's file, nobody's read fails and says so. */
static void
test_forked_root_only_refused (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  if (!need_root ())
    return;
  path = make_file ("root-only.pem", key_text, -1, 0, 0, 0600);
  assert_refused ("root-only.pem", OTHER_USER, G_FILE_ERROR_ACCES,
                  "permission denied for user " OTHER_USER);
  /* What the build uses for private connections refuses it too. */
  bytes = l2tp_connection_file_read ("machine-key", path, OTHER_USER, &error);
  g_assert_null (bytes);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", l2tp_connection_file_access (), error->message);
  g_assert_nonnull (strstr (error->message, OTHER_USER));
  /* root itself reads it (a user equal to the service's). */
  g_clear_error (&error);
  bytes = l2tp_connection_file_read_forked ("machine-key", path, "root", &error);
  g_assert_no_error (error);
  assert_bytes (bytes, key_text);
}

/* Root's supplementary groups are dropped: a file of group root that the
 * group may read is not nobody's. */
static void
test_forked_groups_dropped (void)
{
  g_autofree char *path = NULL;

  if (!need_root ())
    return;
  path = make_file ("group-root.pem", key_text, -1, 0, 0, 0640);
  assert_refused ("group-root.pem", OTHER_USER, G_FILE_ERROR_ACCES,
                  "permission denied for user " OTHER_USER);
}

static void
test_forked_user_reads (void)
{
  g_autofree char *own = NULL;
  g_autofree char *group = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  if (!need_root ())
    return;
  own = make_file ("nobody-owns.pem", key_text, -1, other_uid, 0, 0600);
  group = make_file ("nobody-group.pem", key_text, -1, 0, other_gid, 0640);
  bytes = l2tp_connection_file_read_forked ("machine-key", own, OTHER_USER, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, key_text);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = l2tp_connection_file_read_forked ("machine-key", group, OTHER_USER, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, key_text);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = l2tp_connection_file_read ("machine-key", own, OTHER_USER, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, key_text);
}

static void
test_forked_refusals (void)
{
  g_autofree char *target = NULL;
  g_autofree char *link = path_of ("user-link.pem");
  g_autofree char *fifo = path_of ("a-fifo");
  g_autofree char *subdir = path_of ("user-directory");
  g_autofree char *big = g_malloc0 (L2TP_CONNECTION_FILE_MAX + 1);
  g_autofree char *huge = NULL;

  if (!need_root ())
    return;
  target = make_file ("user-target.pem", "x", 1, other_uid, other_gid, 0600);
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0666), ==, 0);
  g_assert_cmpint (chmod (fifo, 0666), ==, 0);
  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  memset (big, 'A', L2TP_CONNECTION_FILE_MAX);
  huge = make_file ("user-huge.pem", big, L2TP_CONNECTION_FILE_MAX + 1, other_uid,
                    other_gid, 0600);

  assert_refused ("user-link.pem", OTHER_USER, G_FILE_ERROR_LOOP, "symbolic link");
  /* Opened without blocking, and refused: nothing waits on a writer. */
  assert_refused ("a-fifo", OTHER_USER, G_FILE_ERROR_INVAL, "not a regular file");
  assert_refused ("user-directory", OTHER_USER, G_FILE_ERROR_INVAL, "not a regular file");
  assert_refused ("user-huge.pem", OTHER_USER, G_FILE_ERROR_INVAL, "too large");
  assert_refused ("missing.pem", OTHER_USER, G_FILE_ERROR_NOENT,
                  "(read as user " OTHER_USER ")");
}

static void
test_forked_no_such_user (void)
{
  g_autofree char *path
      = make_file ("any.pem", key_text, -1, geteuid (), getegid (), 0644);

  assert_refused ("any.pem", "no-such-user-l2tp", G_FILE_ERROR_PERM,
                  "there is no user no-such-user-l2tp on this system");
}

/* nobody must be able to reach the scratch directory for the as-user
 * cases to mean anything. */
static gboolean
reachable_by_others (const char *path)
{
  g_autofree char *p = g_strdup (path);

  while (strcmp (p, "/") != 0 && strcmp (p, ".") != 0)
    {
      struct stat st;
      char *parent;

      if (stat (p, &st) != 0 || !(st.st_mode & S_IXOTH))
        return FALSE;
      parent = g_path_get_dirname (p);
      g_free (p);
      p = parent;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  struct passwd *pw = getpwnam (OTHER_USER);
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("test-connection-file-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_assert_cmpint (chmod (dir, 0755), ==, 0);
  other_uid = pw ? pw->pw_uid : 0;
  other_gid = pw ? pw->pw_gid : 0;
  if (!reachable_by_others (dir))
    other_uid = 0; /* the as-user cases skip */

  g_test_add_func ("/connection-file/here/reads-regular-file",
                   test_here_reads_regular_file);
  g_test_add_func ("/connection-file/here/refusals", test_here_refusals);
  g_test_add_func ("/connection-file/forked/as-oneself", test_forked_as_oneself);
  g_test_add_func ("/connection-file/forked/root-only-refused",
                   test_forked_root_only_refused);
  g_test_add_func ("/connection-file/forked/groups-dropped", test_forked_groups_dropped);
  g_test_add_func ("/connection-file/forked/user-reads", test_forked_user_reads);
  g_test_add_func ("/connection-file/forked/refusals", test_forked_refusals);
  g_test_add_func ("/connection-file/forked/no-such-user", test_forked_no_such_user);
  ret = g_test_run ();
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *path = path_of (name);

        if (g_remove (path) != 0)
          g_rmdir (path);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return ret;
}
