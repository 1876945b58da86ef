/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The private charon is stopped only when its pid file names it: a real
 * charon started by another service process (this test run with --start),
 * used here, then gone ("crashed") with its pid file naming something else
 * by the time the last use ends. That something is never signalled.
 *
 * Run by run-in-namespaces.sh (root, own network and /run): a real charon. */
#include "src/common/log.h"
#include "src/common/runtime-dir.h"
#include "src/ipsec/charon.h"

#include <gio/gio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROOT "/run/nm-l2tp-ipsec-test"

typedef struct
{
  GMainLoop *loop;
  L2tpCharonUse *use;
  GError *error;
} Wait;

static void
on_used (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *w = user_data;

  w->use = l2tp_charon_use_finish (result, &w->error);
  g_main_loop_quit (w->loop);
}

static L2tpCharonUse *
use_sync (GError **error)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  l2tp_charon_use_async (ROOT, NULL, on_used, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  if (w.error)
    g_propagate_error (error, w.error);
  return w.use;
}

static void
on_unused (GObject *source, GAsyncResult *result, gpointer user_data)
{
  l2tp_charon_unuse_finish (result);
  g_main_loop_quit (user_data);
}

static void
unuse_sync (L2tpCharonUse *use)
{
  GMainLoop *loop = g_main_loop_new (NULL, FALSE);

  l2tp_charon_unuse_async (use, on_unused, loop);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
}

/* Another service process starts the private charon and leaves it running
 * (as a connection of it would, still in use elsewhere). */
static void
start_elsewhere (void)
{
  const char *argv[] = { "/proc/self/exe", "--start", NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static GPid
charon_pid (void)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (ROOT "/charon/charon.pid", &text, NULL, NULL));
  return (GPid) g_ascii_strtoll (text, NULL, 10);
}

/* Running: there, and not a zombie. */
static gboolean
running (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%ld/stat", (long) pid);
  g_autofree char *text = NULL;
  const char *state;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  state = strrchr (text, ')');
  return state && state[1] == ' ' && state[2] != 'Z' && state[2] != 'X';
}

/* Gone, and reaped: charon refuses to start while /run/charon.pid names a
 * zombie. This test is the charons' reaper (a child subreaper). */
static gboolean
gone_within (GPid pid, guint ms)
{
  int status;

  for (guint i = 0; i < ms / 20 && running (pid); i++)
    g_usleep (20 * 1000);
  if (running (pid))
    return FALSE;
  waitpid (pid, &status, 0);
  return TRUE;
}

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GPid
spawn_sleep (void)
{
  const char *argv[] = { "sleep", "1000", NULL };
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, child_setup, NULL, &pid,
                 &error);
  g_assert_no_error (error);
  return pid;
}

static gboolean
still_running_then_reap (GPid pid)
{
  gboolean alive;
  int status;

  g_usleep (300 * 1000);
  alive = waitpid (pid, &status, WNOHANG) == 0;
  if (alive)
    {
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
    }
  return alive;
}

typedef enum
{
  PID_ONLY,      /* the old format: "PID" */
  OTHER_PROGRAM, /* "PID STARTTIME" right, but not charon */
} Forgery;

static void
stale_pid_file (Forgery forgery)
{
  g_autoptr (GError) error = NULL;
  L2tpCharonUse *use;
  g_autofree char *text = NULL;
  GPid charon, victim;

  start_elsewhere ();
  use = use_sync (&error);
  g_assert_no_error (error);
  g_assert_true (l2tp_charon_use_is_private (use));

  /* charon crashes; its pid is taken by an unrelated process */
  charon = charon_pid ();
  kill (charon, SIGKILL);
  g_assert_true (gone_within (charon, 5000));
  victim = spawn_sleep ();
  if (forgery == PID_ONLY)
    text = g_strdup_printf ("%ld\n", (long) victim);
  else
    text = l2tp_runtime_stamp_of (victim);
  g_assert_true (g_file_set_contents (ROOT "/charon/charon.pid", text, -1, NULL));

  unuse_sync (use);
  g_assert_true (still_running_then_reap (victim));
}

static void
test_pid_only (void)
{
  stale_pid_file (PID_ONLY);
}

static void
test_other_program (void)
{
  stale_pid_file (OTHER_PROGRAM);
}

/* The last use still stops a private charon it did not start itself. */
static void
test_stops_charon (void)
{
  g_autoptr (GError) error = NULL;
  L2tpCharonUse *use;
  GPid charon;

  start_elsewhere ();
  use = use_sync (&error);
  g_assert_no_error (error);
  charon = charon_pid ();
  g_assert_true (running (charon));
  unuse_sync (use);
  g_assert_true (gone_within (charon, 12000));
  g_assert_false (g_file_test (ROOT "/charon", G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  l2tp_log_init (TRUE);
  if (argc == 2 && g_str_equal (argv[1], "--start"))
    {
      g_autoptr (GError) error = NULL;
      L2tpCharonUse *use = use_sync (&error);

      if (!use)
        {
          g_printerr ("--start: %s\n", error->message);
          return 1;
        }
      l2tp_charon_use_forget (use); /* this process "crashes": its marker stays */
      return 0;
    }
  /* The charons a --start process leaves become our children. */
  prctl (PR_SET_CHILD_SUBREAPER, 1);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charon/stale-pid-file/pid-only", test_pid_only);
  g_test_add_func ("/charon/stale-pid-file/other-program", test_other_program);
  g_test_add_func ("/charon/stops-charon", test_stops_charon);
  return g_test_run ();
}
