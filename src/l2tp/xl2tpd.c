/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/l2tp/xl2tpd.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "src/common/log.h"
#include "src/common/process-stop.h"
#include "src/common/programs.h"
#include "src/common/runtime-dir.h"
#include "shared/text-clean.h"

#define PIPE_RETRY_MS        50   /* the control pipe appears right after "Listening" */
#define TUNNEL_CLOSE_WAIT_MS 5000 /* for xl2tpd to say the tunnel is closed */
#define PPPD_GRACE_MS        8000 /* LCP: two Terminate-Requests, 3 s apart */
#define STOP_GRACE_MS        5000

struct _L2tpXl2tpd
{
  char *dir;
  char *lac;
  L2tpDiagnosis *diag;
  L2tpXl2tpdEvents events;
  gpointer user_data;

  GSubprocess *process;
  GDataInputStream *log;
  GCancellable *cancellable;
  guint timer_id;
  gboolean dialed, established, stopping, exited;
  gboolean hanging_up, tunnel_closed, killed;
  gboolean ppp_link_closed; /* the hang-up went on before pppd exited */
  gboolean stop_waits;      /* stop is done but for the hang-up's pppd waits */
  GDestroyNotify done;
  gpointer done_data;
  guint ppp_pending; /* hangup: pppd processes still ending */
  guint pending;     /* stop: processes still ending */
};

L2tpXl2tpd *
l2tp_xl2tpd_new (const char *runtime_dir, const char *lac_name, L2tpDiagnosis *diag,
                 const L2tpXl2tpdEvents *events, gpointer user_data)
{
  L2tpXl2tpd *x = g_new0 (L2tpXl2tpd, 1);

  x->dir = g_strdup (runtime_dir);
  x->lac = g_strdup (lac_name);
  x->diag = diag;
  x->events = *events;
  x->user_data = user_data;
  x->cancellable = g_cancellable_new ();
  return x;
}

void
l2tp_xl2tpd_free (L2tpXl2tpd *x)
{
  if (!x)
    return;
  g_cancellable_cancel (x->cancellable);
  g_clear_handle_id (&x->timer_id, g_source_remove);
  g_clear_object (&x->log);
  g_clear_object (&x->process);
  g_clear_object (&x->cancellable);
  g_free (x->dir);
  g_free (x->lac);
  g_free (x);
}

static void
ended (L2tpXl2tpd *x, L2tpFailure fallback, const char *a)
{
  GError *error = NULL;

  if (x->stopping)
    return;
  if (x->diag->failure != L2TP_FAILURE_NONE)
    l2tp_failure_set (&error, x->diag->failure, x->diag->detail, NULL);
  else
    l2tp_failure_set (&error, fallback, a, NULL);
  x->events.ended (error, x->user_data);
  g_error_free (error);
}

/* Sends one control command ("c NAME", "d NAME"). FALSE and errno set when
 * the pipe has no reader yet (ENXIO) or is not there (ENOENT). */
static gboolean
control (L2tpXl2tpd *x, char command)
{
  g_autofree char *path = g_build_filename (x->dir, L2TP_XL2TPD_CONTROL, NULL);
  g_autofree char *line = g_strdup_printf ("%c %s\n", command, x->lac);
  int fd = open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  ssize_t n;

  if (fd < 0)
    return FALSE;
  n = write (fd, line, strlen (line));
  close (fd);
  return n == (ssize_t) strlen (line);
}

static gboolean
on_dial_retry (gpointer user_data)
{
  L2tpXl2tpd *x = user_data;

  x->timer_id = 0;
  if (x->stopping || x->exited || x->dialed)
    return G_SOURCE_REMOVE;
  if (control (x, 'c'))
    {
      x->dialed = TRUE;
      l2tp_log_info ("l2tp: dialing %s", x->lac);
      return G_SOURCE_REMOVE;
    }
  if (errno != ENXIO && errno != ENOENT)
    {
      ended (x, L2TP_FAILURE_L2TP_FAILED, g_strerror (errno));
      return G_SOURCE_REMOVE;
    }
  x->timer_id = g_timeout_add (PIPE_RETRY_MS, on_dial_retry, x);
  return G_SOURCE_REMOVE;
}

static void read_log_line (L2tpXl2tpd *x);
static void tunnel_closed (L2tpXl2tpd *x);
static void stop_done (L2tpXl2tpd *x);

static void
on_log_line (GObject *source, GAsyncResult *result, gpointer user_data)
{
  L2tpXl2tpd *x = user_data;
  g_autoptr (GError) error = NULL;
  gsize length = 0;
  /* Bytes, not UTF-8: xl2tpd prints the server's StopCCN/CDN text as it
   * came, and one invalid byte must not end the reading for good. */
  g_autofree char *raw = g_data_input_stream_read_line_finish (
      G_DATA_INPUT_STREAM (source), result, &length, &error);
  g_autofree char *line = NULL;
  const char *text;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* x may be gone */
  if (!raw)
    {
      /* EOF: xl2tpd exited (on_exited reports it) */
      if (x->stopping)
        tunnel_closed (x);
      return;
    }
  line = l2tp_text_clean_len (raw, length, L2TP_TEXT_CLEAN_LINE_MAX);
  /* "xl2tpd[PID]: message" */
  text = strstr (line, "]: ");
  text = text ? text + 3 : line;
  l2tp_log_info ("xl2tpd: %s", text);

  if (x->stopping)
    {
      /* Our StopCCN, or the server's after our CDN: the tunnel is over
       * (", serial N" is a call closing, not the tunnel). */
      if ((strstr (text, " closed to ") && !strstr (text, ", serial "))
          || strstr (text, "Destroying"))
        tunnel_closed (x);
      read_log_line (x);
      return;
    }

  l2tp_diagnosis_feed_xl2tpd (x->diag, text);
  if (!x->dialed && g_str_has_prefix (text, "Listening on IP address"))
    on_dial_retry (x);
  else if (!x->established && g_str_has_prefix (text, "Call established with"))
    {
      x->established = TRUE;
      x->events.established (x->user_data);
    }
  else if (x->dialed && g_str_has_prefix (text, "Connection ")
           && strstr (text, " closed to "))
    ended (x, L2TP_FAILURE_L2TP_FAILED, text);
  read_log_line (x);
}

static void
read_log_line (L2tpXl2tpd *x)
{
  g_data_input_stream_read_line_async (x->log, G_PRIORITY_DEFAULT, x->cancellable,
                                       on_log_line, x);
}

void
l2tp_xl2tpd_read_log (L2tpXl2tpd *x, GInputStream *stream)
{
  g_return_if_fail (x->log == NULL);

  x->log = g_data_input_stream_new (stream);
  read_log_line (x);
}

static void
on_exited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  L2tpXl2tpd *x = user_data;
  GSubprocess *process = G_SUBPROCESS (source);
  g_autofree char *how = NULL;

  if (!g_subprocess_wait_finish (process, result, NULL))
    return; /* cancelled: x is gone */
  x->exited = TRUE;
  how = g_subprocess_get_if_signaled (process)
            ? g_strdup_printf ("signal %d", g_subprocess_get_term_sig (process))
            : g_strdup_printf ("status %d", g_subprocess_get_exit_status (process));
  l2tp_log_info ("l2tp: xl2tpd exited (%s)", how);
  if (!x->stopping)
    {
      g_autofree char *what = g_strdup_printf (_ ("xl2tpd exited with %s"), how);
      ended (x, L2TP_FAILURE_L2TP_FAILED, what);
    }
}

gboolean
l2tp_xl2tpd_start (L2tpXl2tpd *x, const char *conf, const char *ppp_options,
                   GError **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *conf_path = g_build_filename (x->dir, L2TP_XL2TPD_CONF, NULL);
  g_autofree char *pid_path = g_build_filename (x->dir, L2TP_XL2TPD_PID, NULL);
  g_autofree char *control_path = g_build_filename (x->dir, L2TP_XL2TPD_CONTROL, NULL);
  const char *program = NULL;

  g_return_val_if_fail (x->process == NULL, FALSE);

  program = l2tp_program_find (L2TP_PROGRAM_XL2TPD);
  if (!program)
    {
      l2tp_failure_set (error, L2TP_FAILURE_MISSING_PROGRAM,
                        l2tp_program_default_path (L2TP_PROGRAM_XL2TPD),
                        l2tp_program_package (L2TP_PROGRAM_XL2TPD));
      return FALSE;
    }
  if (!l2tp_runtime_write_file (x->dir, L2TP_PPP_OPTIONS, ppp_options, &local)
      || !l2tp_runtime_write_file (x->dir, L2TP_XL2TPD_CONF, conf, &local))
    {
      l2tp_failure_set (error, L2TP_FAILURE_INTERNAL, local->message, NULL);
      return FALSE;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  x->process
      = g_subprocess_launcher_spawn (launcher, &local, program, "-D", "-c", conf_path,
                                     "-p", pid_path, "-C", control_path, NULL);
  if (!x->process)
    {
      l2tp_failure_set (error, L2TP_FAILURE_L2TP_FAILED, local->message, NULL);
      return FALSE;
    }
  l2tp_log_info ("l2tp: started %s (pid %s) with %s", program,
                 g_subprocess_get_identifier (x->process), conf_path);
  l2tp_xl2tpd_read_log (x, g_subprocess_get_stderr_pipe (x->process));
  g_subprocess_wait_async (x->process, x->cancellable, on_exited, x);
  return TRUE;
}

void
l2tp_xl2tpd_kill_now (L2tpXl2tpd *x)
{
  g_autoptr (GPtrArray) refs = l2tp_runtime_find_processes (x->dir);

  /* pppd too: its kernel L2TP session sends on without xl2tpd. */
  x->killed = TRUE;
  for (guint i = 0; i < refs->len; i++)
    l2tp_process_ref_signal (g_ptr_array_index (refs, i), SIGKILL, NULL);
  if (x->process && !x->exited)
    g_subprocess_force_exit (x->process);
}

/* ---- hang up: PPP, then the tunnel; xl2tpd keeps running --------------- */

static void
hangup_done (L2tpXl2tpd *x)
{
  GDestroyNotify done = x->done;

  g_clear_handle_id (&x->timer_id, g_source_remove);
  x->hanging_up = FALSE;
  x->done = NULL;
  if (done)
    done (x->done_data);
}

static gboolean
on_tunnel_close_over (gpointer user_data)
{
  L2tpXl2tpd *x = user_data;

  x->timer_id = 0;
  l2tp_log_warn ("l2tp: no word from xl2tpd that the tunnel closed within %u ms",
                 (guint) TUNNEL_CLOSE_WAIT_MS);
  hangup_done (x);
  return G_SOURCE_REMOVE;
}

/* Said from on_log_line: xl2tpd closed the tunnel (ours or the server's
 * StopCCN), or it is gone. */
static void
tunnel_closed (L2tpXl2tpd *x)
{
  x->tunnel_closed = TRUE;
  if (x->hanging_up && (x->ppp_pending == 0 || x->ppp_link_closed))
    hangup_done (x);
}

/* pppd is gone, so xl2tpd sent CDN for the call: now the tunnel, with
 * StopCCN ("d"), unless it is closed already. */
static void
close_tunnel (L2tpXl2tpd *x)
{
  if (x->tunnel_closed || x->exited || !control (x, 'd'))
    {
      hangup_done (x);
      return;
    }
  l2tp_log_info ("l2tp: closing the tunnel of %s", x->lac);
  x->timer_id = g_timeout_add (TUNNEL_CLOSE_WAIT_MS, on_tunnel_close_over, x);
}

static void
on_pppd_stopped (GObject *source, GAsyncResult *result, gpointer user_data)
{
  L2tpXl2tpd *x = user_data;

  l2tp_process_stop_finish (result, NULL);
  if (--x->ppp_pending > 0)
    return;
  if (!x->ppp_link_closed)
    close_tunnel (x);
  else if (x->stop_waits)
    stop_done (x);
}

void
l2tp_xl2tpd_ppp_link_closed (L2tpXl2tpd *x)
{
  if (!x->hanging_up || x->ppp_link_closed || x->ppp_pending == 0)
    return;
  x->ppp_link_closed = TRUE;
  l2tp_log_info ("l2tp: PPP link closed; closing the tunnel while pppd exits");
  close_tunnel (x);
}

void
l2tp_xl2tpd_hangup (L2tpXl2tpd *x, GDestroyNotify done, gpointer done_data)
{
  g_autoptr (GPtrArray) refs = NULL;
  const char *self;

  g_return_if_fail (!x->stopping);

  x->stopping = TRUE;
  x->hanging_up = TRUE;
  x->done = done;
  x->done_data = done_data;
  g_clear_handle_id (&x->timer_id, g_source_remove);
  if (!x->process || x->exited || x->killed || !x->dialed)
    {
      hangup_done (x);
      return;
    }

  /* PPP first: pppd (found by "file DIR/ppp-options" on its command line)
   * ends LCP with Terminate-Request/Ack, inside the tunnel, inside ESP.
   * Hanging up the tunnel first would leave the server's pppd talking to a
   * session that is gone. */
  refs = l2tp_runtime_find_processes (x->dir);
  self = g_subprocess_get_identifier (x->process);
  /* Counted before any stop starts: one may complete at once. */
  x->ppp_pending = 1;
  while (refs->len > 0)
    {
      g_autoptr (L2tpProcessRef) ref = g_ptr_array_steal_index (refs, 0);
      pid_t pid = l2tp_process_ref_get_pid (ref);

      if (self && pid == (pid_t) g_ascii_strtoll (self, NULL, 10))
        continue; /* xl2tpd itself names the directory too */
      l2tp_log_info ("l2tp: ending pppd %ld", (long) pid);
      x->ppp_pending++;
      l2tp_process_ref_stop_async (g_steal_pointer (&ref), PPPD_GRACE_MS, on_pppd_stopped,
                                   x);
    }
  if (--x->ppp_pending == 0)
    close_tunnel (x);
}

/* ---- stop: xl2tpd itself and anything left ---------------------------- */

static void
stop_done (L2tpXl2tpd *x)
{
  x->stop_waits = FALSE;
  if (x->done)
    x->done (x->done_data); /* may free x */
}

static void
stop_step_done (L2tpXl2tpd *x)
{
  if (--x->pending > 0)
    return;
  /* A hang-up that went on early still waits for pppd: x must outlive it. */
  if (x->ppp_pending > 0)
    {
      x->stop_waits = TRUE;
      return;
    }
  stop_done (x);
}

static void
on_leftover_stopped (GObject *source, GAsyncResult *result, gpointer user_data)
{
  l2tp_process_stop_finish (result, NULL);
  stop_step_done (user_data);
}

/* A pppd that did not end with the call is found by its command line
 * ("file DIR/ppp-options") and ended too. */
static void
stop_leftovers (L2tpXl2tpd *x)
{
  g_autoptr (GPtrArray) refs = l2tp_runtime_find_processes (x->dir);

  x->pending = 1 + refs->len;
  while (refs->len > 0)
    {
      L2tpProcessRef *ref = g_ptr_array_steal_index (refs, 0);

      l2tp_log_notice ("l2tp: ending leftover process %ld",
                       (long) l2tp_process_ref_get_pid (ref));
      l2tp_process_ref_stop_async (ref, STOP_GRACE_MS, on_leftover_stopped, x);
    }
  stop_step_done (x);
}

static void
on_xl2tpd_stopped (GObject *source, GAsyncResult *result, gpointer user_data)
{
  L2tpXl2tpd *x = user_data;

  l2tp_process_stop_finish (result, NULL);
  x->exited = TRUE;
  stop_leftovers (x);
}

void
l2tp_xl2tpd_stop (L2tpXl2tpd *x, GDestroyNotify done, gpointer done_data)
{
  g_return_if_fail (!x->hanging_up);

  x->stopping = TRUE;
  x->done = done;
  x->done_data = done_data;
  g_clear_handle_id (&x->timer_id, g_source_remove);
  if (x->process && !x->exited)
    l2tp_process_stop_async (x->process, STOP_GRACE_MS, on_xl2tpd_stopped, x);
  else
    stop_leftovers (x);
}
