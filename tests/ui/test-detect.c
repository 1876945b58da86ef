/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The IPsec dialog's "Detect" button, in the real editor, running the real
 * nm-l2tp-ipsec of the build tree ($NM_L2TP_IPSEC_CLI) against the real
 * charon that tests/ui/with-charon.sh starts in a private network namespace
 * ($DETECT_GATEWAY answers with $DETECT_PROPOSALS; nothing answers at
 * $DETECT_SILENT). Without that environment ($DETECT_SKIP says why) the
 * cases that need a server are reported as skipped.
 *
 * A probe of charon on loopback takes a few hundred milliseconds, too short
 * to look at. To see it part way (progress screenshot, Cancel), the test
 * stops the tool with SIGSTOP as soon as the dialog shows its first
 * progress; the tool is the real one, just paused. So that the tool cannot
 * finish before the dialog has read its first line, however loaded the
 * machine, its stderr pipe is cut to one page right after it starts: it
 * blocks once it is two pages (~120 of its 241 lines) ahead. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui-harness.h"

#define PROBE_TIMEOUT 30000 /* ms: a probe of a silent host ends in ~2 s */

typedef struct
{
  const char *gateway;   /* answers IKE */
  const char *silent;    /* does not */
  const char *proposals; /* what the gateway accepts */
} Server;

static gboolean
server_from_env (Server *server)
{
  server->gateway = g_getenv ("DETECT_GATEWAY");
  server->silent = g_getenv ("DETECT_SILENT");
  server->proposals = g_getenv ("DETECT_PROPOSALS");
  return server->gateway && server->silent && server->proposals;
}

static void
skip (const char *what)
{
  const char *why = g_getenv ("DETECT_SKIP");

  checks++;
  printf ("ok %u - %s: %s # SKIP %s\n", checks, TOOLKIT, what,
          why ? why : "not run by tests/ui/with-charon.sh");
  fflush (stdout);
}

static gboolean
timed_out (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done (@data) or @timeout_ms are over. */
static gboolean
wait_until (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gboolean expired = FALSE;
  guint timer = g_timeout_add (timeout_ms, timed_out, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (timer);
  return done (data);
}

static gboolean
widget_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

/* The tool this process started: the one child named nm-l2tp-ipsec. */
static pid_t
find_tool (void)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  pid_t found = 0;

  while (proc && (name = g_dir_read_name (proc)))
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      const char *close_paren;
      char state;
      int ppid;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_strdup_printf ("/proc/%s/stat", name);
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "PID (COMM) STATE PPID ..." */
      close_paren = strrchr (stat, ')');
      if (!close_paren || sscanf (close_paren + 1, " %c %d", &state, &ppid) != 2)
        continue;
      if (ppid == getpid () && strstr (stat, "(nm-l2tp-ipsec)") && state != 'Z')
        found = (pid_t) atoi (name);
    }
  return found;
}

/* Clicks Detect; the tool it started, held to one-page stdout and stderr
 * pipes (0: none found, or a pipe could not be cut). The probe takes a few
 * milliseconds against the local charon and writes under a page of
 * progress; its JSON document (over 10 KiB) then waits for the dialog to
 * read it, so the tool is still there when its progress shows. */
static pid_t
start_held (GtkWidget *button)
{
  g_autofree char *pipe_path = NULL;
  gboolean held;
  pid_t pid;
  int fd;

  click (button);
  pid = find_tool ();
  if (pid <= 0 || kill (pid, SIGSTOP) < 0)
    return 0;
  held = TRUE;
  for (int out = 1; out <= 2; out++)
    {
      pipe_path = g_strdup_printf ("/proc/%d/fd/%d", (int) pid, out);
      fd = open (pipe_path, O_WRONLY | O_CLOEXEC | O_NONBLOCK);
      held = held && fd >= 0 && fcntl (fd, F_SETPIPE_SZ, 4096) >= 0;
      if (fd >= 0)
        close (fd);
      g_clear_pointer (&pipe_path, g_free);
    }
  kill (pid, SIGCONT);
  if (!held)
    printf ("# could not cut the tool's pipes: %s\n", g_strerror (errno));
  return held ? pid : 0;
}

static gboolean
process_gone (gpointer pid)
{
  return kill (GPOINTER_TO_INT (pid), 0) < 0 && errno == ESRCH;
}

typedef struct
{
  pid_t pid;
  gboolean stopped;
  char *text; /* the bar's text when it stopped */
} Pause;

static void
pause_clear (Pause *pause)
{
  g_clear_pointer (&pause->text, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pause, pause_clear)

/* The first progress the dialog shows (its fraction is set, then its
 * text) stops the tool where it is. */
static void
pause_tool (GtkWidget *bar, GParamSpec *pspec, Pause *pause)
{
  if (!pause->stopped && pause->pid > 0
      && gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) > 0)
    {
      pause->stopped = kill (pause->pid, SIGSTOP) == 0;
      pause->text = g_strdup (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar)));
    }
}

static gboolean
paused_with_progress (gpointer data)
{
  Pause *pause = data;

  return pause->stopped;
}

static int
compare_items (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Sorted, one transform a line: the same set reads the same. */
static char *
sorted_set (const char *list)
{
  g_auto (GStrv) items = g_strsplit (list, ",", -1);
  guint n = g_strv_length (items);

  qsort (items, n, sizeof (char *), compare_items);
  return g_strjoinv ("\n", items);
}

static gboolean
has_duplicates (const char *list)
{
  g_auto (GStrv) items = g_strsplit (list, ",", -1);

  for (guint i = 0; items[i]; i++)
    for (guint j = i + 1; items[j]; j++)
      if (strcmp (items[i], items[j]) == 0)
        return TRUE;
  return FALSE;
}

static GtkWidget *
open_ipsec_dialog (NMVpnEditorPlugin *plugin, const char *gateway, const char *ike,
                   NMVpnEditor **editor, NMConnection **connection, GtkWidget **window)
{
  const char *data[] = {
    "gateway", gateway, "ipsec-enabled", "yes", ike ? "ipsec-ike" : NULL, ike, NULL
  };

  *connection = new_connection (gateway ? data : data + 2, NULL);
  *editor = new_editor (plugin, *connection, window);
  if (!*editor)
    return NULL;
  return open_dialog (GTK_WIDGET (nm_vpn_editor_get_widget (*editor)), "ipsec_button");
}

static void
close_all (GtkWidget *dialog, GtkWidget *window, gboolean ok)
{
  if (dialog)
    gtk_dialog_response (GTK_DIALOG (dialog), ok ? GTK_RESPONSE_OK : GTK_RESPONSE_CANCEL);
  if (window)
    destroy_window (window);
}

/* The button sits right of the Phase 1 field; without a gateway it says why
 * it cannot run. */
static void
case_detect_button (NMVpnEditorPlugin *plugin)
{
  g_autoptr (NMVpnEditor) editor = NULL;
  g_autoptr (NMConnection) connection = NULL;
  GtkWidget *window = NULL, *dialog, *button, *grid;
  g_autofree char *tip = NULL;

  dialog = open_ipsec_dialog (plugin, NULL, NULL, &editor, &connection, &window);
  if (!dialog)
    return;
  button = widget_by_id (G_OBJECT (dialog), "detect_button");
  grid = widget_by_id (G_OBJECT (dialog), "algorithm_grid");
  check (gtk_grid_get_child_at (GTK_GRID (grid), 1, 0)
                 == widget_by_id (G_OBJECT (dialog), "ike_entry")
             && gtk_grid_get_child_at (GTK_GRID (grid), 2, 0) == button,
         "the Detect button is right of the Phase 1 field");
  check (gtk_widget_get_visible (button)
             && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "_Detect") == 0,
         "it is shown as \"_Detect\"");
  /* A copy in GTK3 and GTK4 alike (the getter's ownership differs). */
  g_object_get (button, "tooltip-text", &tip, NULL);
  check (!gtk_widget_get_sensitive (button) && tip && strstr (tip, "gateway"),
         "without a gateway it is insensitive and says why (%s)",
         tip ? tip : "no tooltip");
  check (!gtk_widget_get_visible (widget_by_id (G_OBJECT (dialog), "detect_box")),
         "no progress or note before a probe");
  close_all (dialog, window, FALSE);
}

/* No tool: the note names the package. */
static void
case_detect_missing_tool (NMVpnEditorPlugin *plugin)
{
  g_autoptr (NMVpnEditor) editor = NULL;
  g_autoptr (NMConnection) connection = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("NM_L2TP_IPSEC_CLI"));
  GtkWidget *window = NULL, *dialog, *note;

  g_setenv ("NM_L2TP_IPSEC_CLI", "/nonexistent/bin/nm-l2tp-ipsec", TRUE);
  dialog = open_ipsec_dialog (plugin, "vpn.example.com", "aes128-sha1-modp2048", &editor,
                              &connection, &window);
  if (dialog)
    {
      note = widget_by_id (G_OBJECT (dialog), "detect_note");
      click (widget_by_id (G_OBJECT (dialog), "detect_button"));
      wait_until (widget_visible, note, PROBE_TIMEOUT);
      check (gtk_widget_get_visible (note) && strstr (label_text (note), "not installed")
                 && strstr (label_text (note), "package nm-l2tp-ipsec"),
             "a missing tool is named with its package (%s)", label_text (note));
      check (strcmp (get_text (widget_by_id (G_OBJECT (dialog), "ike_entry")),
                     "aes128-sha1-modp2048")
                 == 0,
             "Phase 1 is unchanged");
    }
  close_all (dialog, window, FALSE);
  if (saved)
    g_setenv ("NM_L2TP_IPSEC_CLI", saved, TRUE);
  else
    g_unsetenv ("NM_L2TP_IPSEC_CLI");
}

/* A real probe fills Phase 1 with exactly what charon accepts. */
static void
case_detect_fills (NMVpnEditorPlugin *plugin, const Server *server)
{
  g_autoptr (NMVpnEditor) editor = NULL;
  g_autoptr (NMConnection) connection = NULL;
  g_autofree char *want = sorted_set (server->proposals);
  g_autofree char *got = NULL;
  g_autofree char *note_want = NULL;
  GtkWidget *window = NULL, *dialog, *button, *bar, *note, *ike;
  g_auto (GStrv) expected = g_strsplit (server->proposals, ",", -1);
  g_auto (Pause) pause = { 0 };
  gulong handler;

  dialog = open_ipsec_dialog (plugin, server->gateway, "3des-md5-modp1024", &editor,
                              &connection, &window);
  if (!dialog)
    return;
  button = widget_by_id (G_OBJECT (dialog), "detect_button");
  bar = widget_by_id (G_OBJECT (dialog), "detect_progress");
  note = widget_by_id (G_OBJECT (dialog), "detect_note");
  ike = widget_by_id (G_OBJECT (dialog), "ike_entry");
  check (gtk_widget_get_sensitive (button), "with gateway %s Detect is usable",
         server->gateway);

  handler = g_signal_connect (bar, "notify::text", G_CALLBACK (pause_tool), &pause);
  pause.pid = start_held (button);
  check (pause.pid > 0, "a click starts nm-l2tp-ipsec (pid %d)", (int) pause.pid);
  check (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "Ca_ncel") == 0
             && gtk_widget_get_visible (bar) && !gtk_widget_get_sensitive (ike),
         "while it runs: the button is Cancel, a progress bar, Phase 1 read-only");
  if (pause.pid > 0 && wait_until (paused_with_progress, &pause, PROBE_TIMEOUT))
    {
      const char *text = pause.text;
      guint done = 0, total = 0;

      screenshot (dialog, "ipsec-detect-progress");
      check (text && sscanf (text, "Probe %u of %u", &done, &total) == 2 && done > 0
                 && done < total,
             "the progress bar counts the probes (%s)", text ? text : "no text");
      kill (pause.pid, SIGCONT);
    }
  else
    check (FALSE, "the dialog shows the probe's progress");
  g_signal_handler_disconnect (bar, handler);

  wait_until (widget_visible, note, PROBE_TIMEOUT);
  got = sorted_set (get_text (ike));
  check (strcmp (got, want) == 0 && !has_duplicates (get_text (ike)),
         "Phase 1 holds exactly the accepted set: %s", get_text (ike));
  note_want
      = g_strdup_printf ("The server accepts %u Phase 1 proposals; Phase 1 filled in.",
                         g_strv_length (expected));
  check (strcmp (label_text (note), note_want) == 0, "the note says so (%s)",
         label_text (note));
  check (!gtk_widget_get_visible (widget_by_id (G_OBJECT (dialog), "ike_error"))
             && gtk_widget_get_sensitive (gtk_dialog_get_widget_for_response (
                 GTK_DIALOG (dialog), GTK_RESPONSE_OK)),
         "the field's own check accepts it, OK is sensitive");
  check (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "_Detect") == 0
             && !gtk_widget_get_visible (bar) && gtk_widget_get_sensitive (ike),
         "afterwards: Detect again, no progress bar, Phase 1 editable");
  screenshot (dialog, "ipsec-detect-done");

  {
    g_autofree char *filled = g_strdup (get_text (ike));
    g_autoptr (GError) error = NULL;

    close_all (dialog, NULL, TRUE);
    check (update (editor, connection, &error)
               && g_strcmp0 (nm_setting_vpn_get_data_item (
                                 nm_connection_get_setting_vpn (connection), "ipsec-ike"),
                             filled)
                      == 0,
           "OK and save: ipsec-ike is the detected list%s%s", error ? ": " : "",
           error ? error->message : "");
  }
  destroy_window (window);
}

/* Cancel kills the tool and fills nothing. */
static void
case_detect_cancel (NMVpnEditorPlugin *plugin, const Server *server)
{
  g_autoptr (NMVpnEditor) editor = NULL;
  g_autoptr (NMConnection) connection = NULL;
  GtkWidget *window = NULL, *dialog, *button, *bar, *note, *ike;
  g_auto (Pause) pause = { 0 };
  gulong handler;

  dialog = open_ipsec_dialog (plugin, server->gateway, "aes128-sha1-modp2048", &editor,
                              &connection, &window);
  if (!dialog)
    return;
  button = widget_by_id (G_OBJECT (dialog), "detect_button");
  bar = widget_by_id (G_OBJECT (dialog), "detect_progress");
  note = widget_by_id (G_OBJECT (dialog), "detect_note");
  ike = widget_by_id (G_OBJECT (dialog), "ike_entry");

  handler = g_signal_connect (bar, "notify::text", G_CALLBACK (pause_tool), &pause);
  pause.pid = start_held (button);
  if (!check (pause.pid > 0 && wait_until (paused_with_progress, &pause, PROBE_TIMEOUT),
              "a probe runs and shows progress (pid %d)", (int) pause.pid))
    {
      g_signal_handler_disconnect (bar, handler);
      close_all (dialog, window, FALSE);
      return;
    }
  g_signal_handler_disconnect (bar, handler);

  /* The tool is stopped: it can only end by being killed. */
  click (button);
  check (wait_until (process_gone, GINT_TO_POINTER (pause.pid), PROBE_TIMEOUT),
         "Cancel kills the tool (pid %d gone)", (int) pause.pid);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  check (strcmp (get_text (ike), "aes128-sha1-modp2048") == 0,
         "Phase 1 is unchanged (%s)", get_text (ike));
  check (gtk_widget_get_visible (note)
             && strcmp (label_text (note), "Detection cancelled; Phase 1 unchanged.")
                    == 0,
         "the note says it was cancelled (%s)", label_text (note));
  check (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "_Detect") == 0
             && !gtk_widget_get_visible (bar) && gtk_widget_get_sensitive (ike),
         "Detect again, no progress bar, Phase 1 editable");
  close_all (dialog, window, FALSE);
}

/* Closing the dialog while a probe runs ends the probe too. */
static void
case_detect_close (NMVpnEditorPlugin *plugin, const Server *server)
{
  g_autoptr (NMVpnEditor) editor = NULL;
  g_autoptr (NMConnection) connection = NULL;
  GtkWidget *window = NULL, *dialog, *page;
  g_auto (Pause) pause = { 0 };

  dialog = open_ipsec_dialog (plugin, server->gateway, "aes128-sha1-modp2048", &editor,
                              &connection, &window);
  if (!dialog)
    return;
  page = GTK_WIDGET (nm_vpn_editor_get_widget (editor));
  g_signal_connect (widget_by_id (G_OBJECT (dialog), "detect_progress"), "notify::text",
                    G_CALLBACK (pause_tool), &pause);
  pause.pid = start_held (widget_by_id (G_OBJECT (dialog), "detect_button"));
  if (!check (pause.pid > 0 && wait_until (paused_with_progress, &pause, PROBE_TIMEOUT),
              "a probe runs and shows progress (pid %d)", (int) pause.pid))
    {
      close_all (dialog, window, FALSE);
      return;
    }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  check (g_object_get_data (G_OBJECT (page), DIALOG_KEY) == NULL, "the dialog is closed");
  check (wait_until (process_gone, GINT_TO_POINTER (pause.pid), PROBE_TIMEOUT),
         "closing the dialog kills the tool (pid %d gone)", (int) pause.pid);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  dialog = open_dialog (page, "ipsec_button");
  if (dialog)
    check (strcmp (get_text (widget_by_id (G_OBJECT (dialog), "ike_entry")),
                   "aes128-sha1-modp2048")
               == 0,
           "reopened: Phase 1 is as before");
  close_all (dialog, window, FALSE);
}

/* Turning IPsec off makes the button insensitive: the probe ends with it. */
static void
case_detect_ipsec_off (NMVpnEditorPlugin *plugin, const Server *server)
{
  g_autoptr (NMVpnEditor) editor = NULL;
  g_autoptr (NMConnection) connection = NULL;
  GtkWidget *window = NULL, *dialog, *note;
  g_auto (Pause) pause = { 0 };

  dialog
      = open_ipsec_dialog (plugin, server->gateway, NULL, &editor, &connection, &window);
  if (!dialog)
    return;
  note = widget_by_id (G_OBJECT (dialog), "detect_note");
  g_signal_connect (widget_by_id (G_OBJECT (dialog), "detect_progress"), "notify::text",
                    G_CALLBACK (pause_tool), &pause);
  pause.pid = start_held (widget_by_id (G_OBJECT (dialog), "detect_button"));
  if (check (pause.pid > 0 && wait_until (paused_with_progress, &pause, PROBE_TIMEOUT),
             "a probe runs and shows progress (pid %d)", (int) pause.pid))
    {
      set_toggle (widget_by_id (G_OBJECT (dialog), "ipsec_enabled_check"), FALSE);
      check (wait_until (process_gone, GINT_TO_POINTER (pause.pid), PROBE_TIMEOUT),
             "turning IPsec off kills the tool (pid %d gone)", (int) pause.pid);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      check (strcmp (get_text (widget_by_id (G_OBJECT (dialog), "ike_entry")), "") == 0
                 && strcmp (label_text (note), "Detection cancelled; Phase 1 unchanged.")
                        == 0,
             "Phase 1 unchanged, the note says cancelled (%s)", label_text (note));
    }
  close_all (dialog, window, FALSE);
}

/* A host that never answers: the tool's verdict, nothing filled. */
static void
case_detect_no_answer (NMVpnEditorPlugin *plugin, const Server *server)
{
  g_autoptr (NMVpnEditor) editor = NULL;
  g_autoptr (NMConnection) connection = NULL;
  g_autofree char *want = NULL;
  GtkWidget *window = NULL, *dialog, *note, *ike;

  dialog
      = open_ipsec_dialog (plugin, server->silent, NULL, &editor, &connection, &window);
  if (!dialog)
    return;
  note = widget_by_id (G_OBJECT (dialog), "detect_note");
  ike = widget_by_id (G_OBJECT (dialog), "ike_entry");
  click (widget_by_id (G_OBJECT (dialog), "detect_button"));
  wait_until (widget_visible, note, PROBE_TIMEOUT);
  want = g_strdup_printf ("No answer from %s on UDP 500/4500", server->silent);
  check (gtk_widget_get_visible (note) && g_str_has_prefix (label_text (note), want),
         "a silent host: the note says so (%s)", label_text (note));
  check (strcmp (get_text (ike), "") == 0, "Phase 1 stays empty");
  screenshot (dialog, "ipsec-detect-no-answer");
  close_all (dialog, window, FALSE);
}

void
run_detect_cases (NMVpnEditorPlugin *plugin)
{
  Server server;

  case_detect_button (plugin);
  case_detect_missing_tool (plugin);
  if (!g_getenv ("NM_L2TP_IPSEC_CLI"))
    {
      skip ("Detect with a real probe: NM_L2TP_IPSEC_CLI (the build's tool) is not set");
      return;
    }
  if (!server_from_env (&server))
    {
      skip ("Detect fills Phase 1 from a real charon");
      skip ("Cancel stops a running probe");
      skip ("closing the dialog stops a running probe");
      skip ("turning IPsec off stops a running probe");
      skip ("a probe of a silent host shows its message");
      return;
    }
  case_detect_fills (plugin, &server);
  case_detect_cancel (plugin, &server);
  case_detect_close (plugin, &server);
  case_detect_ipsec_off (plugin, &server);
  case_detect_no_answer (plugin, &server);
}
