/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runtime directory naming, creation, stamps and stale cleanup (in a
 * temporary root), and which secrets a connection needs. */
#define _GNU_SOURCE
#include "src/service/need-secrets.h"
#include "src/common/process-ref.h"
#include "src/common/runtime-claim.h"
#include "src/common/runtime-dir.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void
test_id (void)
{
  g_autofree char *plain = l2tp_runtime_id ("0b9c3c1e-2f0e-4c67-9e61-5c3f0a1d2e3f");
  g_autofree char *odd = l2tp_runtime_id ("../../etc/passwd");
  g_autofree char *empty = l2tp_runtime_id ("");
  g_autofree char *conn = l2tp_runtime_conn_name (plain);
  g_autofree char *expected = NULL;
  g_autofree char *hash
      = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "../../etc/passwd", -1);

  g_assert_cmpstr (plain, ==, "0b9c3c1e-2f0e-4c67-9e61-5c3f0a1d2e3f");
  expected = g_strndup (hash, 63);
  g_assert_cmpint (strlen (odd), ==, 64);
  g_assert_true (odd[0] == 'x');
  g_assert_cmpstr (odd + 1, ==, expected);
  g_assert_cmpint (strlen (empty), ==, 64);
  g_assert_cmpstr (conn, ==, "nm-l2tp-ipsec-0b9c3c1e-2f0e-4c67-9e61-5c3f0a1d2e3f");
  /* xl2tpd keeps at most 79 bytes of an entry name */
  g_assert_cmpint (strlen ("nm-l2tp-ipsec-") + 64, <=, 79);
}

static void
test_dir (void)
{
  g_autofree char *root_parent = g_dir_make_tmp ("l2tp-runtime-XXXXXX", NULL);
  g_autofree char *root = g_build_filename (root_parent, "run", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *again = NULL;
  g_autofree char *leftover = NULL;
  g_autofree char *file = NULL;
  g_autoptr (GError) error = NULL;
  struct stat st;

  dir = l2tp_runtime_dir_create (root, "abc", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stat (root, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);
  g_assert_cmpint (stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);

  g_assert_true (l2tp_runtime_write_file (dir, "secret.conf", "x\n", &error));
  file = g_build_filename (dir, "secret.conf", NULL);
  g_assert_cmpint (stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* A leftover of the same id is emptied. */
  again = l2tp_runtime_dir_create (root, "abc", &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  l2tp_runtime_dir_remove (dir);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  /* A symlink where the directory should be is refused. */
  leftover = g_build_filename (root, "link", NULL);
  g_assert_cmpint (symlink ("/tmp", leftover), ==, 0);
  g_assert_null (l2tp_runtime_dir_create (root, "link", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  unlink (leftover);
  rmdir (root);
  rmdir (root_parent);
}

static void
test_stale (void)
{
  g_autofree char *root = g_dir_make_tmp ("l2tp-stale-XXXXXX", NULL);
  g_autofree char *live = l2tp_runtime_dir_create (root, "live", NULL);
  g_autofree char *dead = l2tp_runtime_dir_create (root, "dead", NULL);
  g_autofree char *nostamp = l2tp_runtime_dir_create (root, "nostamp", NULL);
  g_autofree char *charon = g_build_filename (root, L2TP_CHARON_SUBDIR, NULL);
  g_autofree char *stamp = l2tp_runtime_pid_stamp ();
  g_autofree char *recycled = g_strdup_printf ("%ld 1\n", (long) getpid ());

  g_assert_true (l2tp_runtime_stamp_alive (stamp));
  /* our pid with another start time: a recycled pid */
  g_assert_false (l2tp_runtime_stamp_alive (recycled));
  g_assert_false (l2tp_runtime_stamp_alive ("4194303 5\n"));
  g_assert_false (l2tp_runtime_stamp_alive ("garbage"));
  g_assert_false (l2tp_runtime_stamp_alive (NULL));

  g_assert_true (l2tp_runtime_write_file (live, L2TP_SERVICE_PID_FILE, stamp, NULL));
  g_assert_true (l2tp_runtime_write_file (dead, L2TP_SERVICE_PID_FILE, recycled, NULL));
  g_assert_true (l2tp_runtime_ensure_dir (charon, NULL));

  g_assert_cmpuint (l2tp_runtime_cleanup_stale (root), ==, 2);
  g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (nostamp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (charon, G_FILE_TEST_IS_DIR));

  l2tp_runtime_dir_remove (live);
  rmdir (charon);
  rmdir (root);
}

/* ---- processes we would signal are ours --------------------------------- */

#define NOBODY 65534

/* Children end with the test, even when an assertion aborts it. */
static void
child_setup (gpointer user_data)
{
  gboolean as_nobody = GPOINTER_TO_INT (user_data);

  if (as_nobody
      && (setgroups (0, NULL) != 0 || setresgid (NOBODY, NOBODY, NOBODY) != 0
          || setresuid (NOBODY, NOBODY, NOBODY) != 0))
    _exit (127);
  prctl (PR_SET_PDEATHSIG, SIGKILL); /* after the uid change, which clears it */
}

static char *
sleep_program (void)
{
  g_autofree char *found = g_find_program_in_path ("sleep");
  char *real = found ? realpath (found, NULL) : NULL;

  g_assert_nonnull (real);
  return real;
}

/* `sleep 1000` whose command line shows argv0 (a path in one of our
 * directories, as pppd's "file DIR/ppp-options" does), as root or as
 * nobody. Not reaped until the test does. */
static GPid
spawn_sleep (const char *argv0, gboolean as_nobody)
{
  g_autofree char *program = sleep_program ();
  const char *argv[] = { program, argv0, "1000", NULL };
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_FILE_AND_ARGV_ZERO | G_SPAWN_DO_NOT_REAP_CHILD, child_setup,
                 GINT_TO_POINTER (as_nobody), &pid, &error);
  g_assert_no_error (error);
  /* Until exec, its command line is the test's own. */
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%ld/exe", (long) pid);
      g_autofree char *exe = g_file_read_link (path, NULL);

      if (exe && g_str_equal (exe, program))
        break;
      g_usleep (10 * 1000);
    }
  return pid;
}

/* TRUE if the child is still running after a while (nobody signalled it);
 * ends and reaps it either way. */
static gboolean
still_running_then_reap (GPid pid)
{
  gboolean running = TRUE;
  int status;

  for (int i = 0; i < 30 && running; i++)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        running = FALSE;
      else
        g_usleep (10 * 1000);
    }
  if (running)
    {
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
    }
  return running;
}

static gboolean
need_root (void)
{
  if (geteuid () == 0)
    return TRUE;
  g_test_skip ("needs root (processes of another uid)");
  return FALSE;
}

/* A pid file without a start time proves nothing once that pid can have
 * been reused: it never names a live process of ours. */
static void
test_stamp_needs_start_time (void)
{
  GPid pid = spawn_sleep ("sleep", FALSE);
  g_autofree char *bare = g_strdup_printf ("%ld\n", (long) pid);
  g_autofree char *stamp = l2tp_runtime_stamp_of (pid);
  g_autofree char *other = NULL;
  pid_t p;
  guint64 start;

  g_assert_nonnull (stamp);
  g_assert_true (l2tp_runtime_stamp_alive (stamp));
  g_assert_false (l2tp_runtime_stamp_alive (bare));
  g_assert_true (sscanf (stamp, "%d %" G_GUINT64_FORMAT, &p, &start) == 2);
  other = g_strdup_printf ("%ld %" G_GUINT64_FORMAT "\n", (long) pid, start + 1);
  g_assert_false (l2tp_runtime_stamp_alive (other));
  g_assert_true (still_running_then_reap (pid));
}

/* A process whose command line names our directory is not ours when it
 * runs as another user or is another program: never found, never
 * signalled by the stale cleanup. */
static void
test_foreign_processes (void)
{
  g_autofree char *root = g_dir_make_tmp ("s4procs-foreign-XXXXXX", NULL);
  g_autofree char *dir = l2tp_runtime_dir_create (root, "conn", NULL);
  g_autofree char *options = g_build_filename (dir, "ppp-options", NULL);
  g_autoptr (GPtrArray) found = NULL;
  GPid as_root, as_nobody;

  if (!need_root ())
    {
      l2tp_runtime_dir_remove (dir);
      rmdir (root);
      return;
    }
  as_root = spawn_sleep (options, FALSE);
  as_nobody = spawn_sleep (options, TRUE);

  found = l2tp_runtime_find_processes (dir);
  g_assert_cmpuint (found->len, ==, 0);
  /* no service.pid: the directory is stale, its "helpers" are not ours */
  g_assert_cmpuint (l2tp_runtime_cleanup_stale (root), ==, 1);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_true (still_running_then_reap (as_root));
  g_assert_true (still_running_then_reap (as_nobody));
  rmdir (root);
}

/* The same check lets our own helpers through: root, the expected program,
 * our directory on the command line. */
static void
test_own_processes (void)
{
  g_autofree char *root = g_dir_make_tmp ("s4procs-own-XXXXXX", NULL);
  g_autofree char *dir = l2tp_runtime_dir_create (root, "conn", NULL);
  g_autofree char *elsewhere = l2tp_runtime_dir_create (root, "conn2", NULL);
  g_autofree char *options = g_build_filename (dir, "ppp-options", NULL);
  g_autofree char *other_options = g_build_filename (elsewhere, "ppp-options", NULL);
  g_autofree char *program = sleep_program ();
  const char *const programs[] = { program, NULL };
  g_autoptr (GPtrArray) found = NULL;
  GPid mine, other, as_nobody;

  if (!need_root ())
    {
      l2tp_runtime_dir_remove (dir);
      l2tp_runtime_dir_remove (elsewhere);
      rmdir (root);
      return;
    }
  mine = spawn_sleep (options, FALSE);
  other = spawn_sleep (other_options, FALSE);
  as_nobody = spawn_sleep (options, TRUE);

  found = l2tp_runtime_find_processes_of (dir, programs);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (l2tp_process_ref_get_pid (g_ptr_array_index (found, 0)), ==, mine);
  g_assert_true (l2tp_process_ref_signal (g_ptr_array_index (found, 0), SIGTERM, NULL));
  g_assert_false (still_running_then_reap (mine));
  g_assert_true (still_running_then_reap (other));
  g_assert_true (still_running_then_reap (as_nobody));
  l2tp_runtime_dir_remove (dir);
  l2tp_runtime_dir_remove (elsewhere);
  rmdir (root);
}

/* data: "key=value" pairs; secrets likewise. */
static L2tpConfig *
config (const char *const *data, const char *const *secrets)
{
  g_autoptr (GHashTable) d = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) s = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) keep
      = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GError) error = NULL;
  L2tpConfig *cfg;

  for (guint i = 0; data && data[i]; i++)
    {
      char **kv = g_strsplit (data[i], "=", 2);
      g_ptr_array_add (keep, kv);
      g_hash_table_insert (d, kv[0], kv[1]);
    }
  for (guint i = 0; secrets && secrets[i]; i++)
    {
      char **kv = g_strsplit (secrets[i], "=", 2);
      g_ptr_array_add (keep, kv);
      g_hash_table_insert (s, kv[0], kv[1]);
    }
  cfg = l2tp_config_new (d, s, &error);
  g_assert_no_error (error);
  return cfg;
}

static void
check_need (const char *const *data, const char *const *secrets, const char *expected)
{
  g_autoptr (L2tpConfig) cfg = config (data, secrets);

  g_assert_cmpstr (l2tp_need_secret (cfg), ==, expected);
}

static void
test_need_secrets (void)
{
  const char *gw = "gateway=vpn.example.com";

  check_need ((const char *[]){ gw, "user=u", NULL }, NULL, "password");
  check_need ((const char *[]){ gw, "user=u", NULL },
              (const char *[]){ "password=p", NULL }, NULL);
  check_need ((const char *[]){ gw, "password-flags=4", NULL }, NULL, NULL);
  check_need ((const char *[]){ gw, "user-auth-type=tls", "user-cert=/c.pem", NULL },
              NULL, NULL);
  /* IPsec on by the user's word, no key anywhere */
  check_need ((const char *[]){ gw, "ipsec-enabled=yes", NULL },
              (const char *[]){ "password=p", NULL }, "ipsec-psk");
  /* the PSK in vpn.data (old profiles) counts */
  check_need ((const char *[]){ gw, "ipsec-enabled=yes", "ipsec-psk=k", NULL },
              (const char *[]){ "password=p", NULL }, NULL);
  check_need ((const char *[]){ gw, "ipsec-enabled=yes", "ipsec-psk-flags=4", NULL },
              (const char *[]){ "password=p", NULL }, NULL);
  /* certificates: a key password only when its flags ask for one */
  check_need ((const char *[]){ gw, "user-auth-type=tls", "user-cert=/c.pem",
                                "user-certpass-flags=1", NULL },
              NULL, "user-certpass");
  check_need ((const char *[]){ gw, "ipsec-enabled=yes", "machine-auth-type=tls",
                                "machine-cert=/m.pem", "machine-certpass-flags=2", NULL },
              (const char *[]){ "password=p", NULL }, "machine-certpass");
  check_need ((const char *[]){ gw, "ipsec-enabled=yes", "machine-auth-type=tls",
                                "machine-cert=/m.pem", NULL },
              (const char *[]){ "password=p", NULL }, NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/runtime/id", test_id);
  g_test_add_func ("/runtime/dir", test_dir);
  g_test_add_func ("/runtime/stale", test_stale);
  g_test_add_func ("/runtime/stamp-needs-start-time", test_stamp_needs_start_time);
  g_test_add_func ("/runtime/foreign-processes", test_foreign_processes);
  g_test_add_func ("/runtime/own-processes", test_own_processes);
  g_test_add_func ("/service/need-secrets", test_need_secrets);
  return g_test_run ();
}
