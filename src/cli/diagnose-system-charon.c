/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-system-charon.h"

#include <glib/gi18n-lib.h>

#include "diagnose-run.h"
#include "src/common/runtime-dir.h"
#include "src/ipsec/charon.h"
#include "src/ipsec/vici-client.h"
#include "src/l2tp/port-holder.h"

#define VICI_TIMEOUT_MS 3000
#define NM_UNIT         "NetworkManager.service"

void
l2tp_system_charon_free (L2tpSystemCharon *charon)
{
  if (!charon)
    return;
  g_free (charon->unit);
  g_free (charon->version);
  g_clear_pointer (&charon->algorithms, vici_message_free);
  g_free (charon->error);
  g_free (charon);
}

typedef struct
{
  gboolean done;
  GObject *object; /* the connected client */
  ViciMessage *answer;
  GError *error;
} Wait;

static void
on_connected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *w = user_data;

  w->object = G_OBJECT (vici_client_new_finish (result, &w->error));
  w->done = TRUE;
}

static void
on_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *w = user_data;

  w->answer = vici_client_request_finish (VICI_CLIENT (source), result, &w->error);
  w->done = TRUE;
}

/* Runs one request and waits for it, within the time limit. */
static ViciMessage *
ask (ViciClient *client, const char *command, GCancellable *cancellable, GError **error)
{
  Wait w = { 0 };

  vici_client_request_async (client, command, NULL, cancellable, on_answer, &w);
  if (!l2tp_diagnose_wait (&w.done, VICI_TIMEOUT_MS))
    {
      g_cancellable_cancel (cancellable);
      while (!w.done)
        g_main_context_iteration (NULL, TRUE);
      g_clear_error (&w.error);
      g_clear_pointer (&w.answer, vici_message_free);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _ ("no answer to \"%s\""),
                   command);
      return NULL;
    }
  if (w.error)
    g_propagate_error (error, w.error);
  return w.answer;
}

/* version and get-algorithms from the charon on @socket. */
static gboolean
ask_charon (L2tpSystemCharon *charon, const char *socket, GError **error)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (ViciClient) client = NULL;
  g_autoptr (ViciMessage) version = NULL;
  Wait w = { 0 };

  vici_client_new_async (socket, cancellable, on_connected, &w);
  if (!l2tp_diagnose_wait (&w.done, VICI_TIMEOUT_MS))
    {
      g_cancellable_cancel (cancellable);
      while (!w.done)
        g_main_context_iteration (NULL, TRUE);
      g_clear_object (&w.object);
      g_clear_error (&w.error);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _ ("the connection was not accepted"));
      return FALSE;
    }
  if (w.error)
    {
      g_propagate_error (error, w.error);
      return FALSE;
    }
  client = VICI_CLIENT (w.object);
  version = ask (client, "version", cancellable, error);
  if (!version)
    return FALSE;
  charon->version = g_strdup (vici_message_get_str (version, "version"));
  /* Older charons may not know it: the version is enough then. */
  charon->algorithms = ask (client, "get-algorithms", cancellable, NULL);
  vici_client_close (client);
  return TRUE;
}

static char *
unit_of (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cgroup", (int) pid);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return l2tp_port_holder_unit_from_cgroup (text, NULL);
}

L2tpSystemCharon *
l2tp_system_charon_find (void)
{
  L2tpSystemCharon *charon = g_new0 (L2tpSystemCharon, 1);
  g_autofree char *stamp = NULL;
  g_autoptr (GError) error = NULL;
  gboolean socket = g_file_test (L2TP_CHARON_SYSTEM_SOCKET, G_FILE_TEST_EXISTS);

  if (g_file_get_contents (L2TP_CHARON_SYSTEM_PIDFILE, &stamp, NULL, NULL)
      && l2tp_runtime_stamp_alive (stamp))
    {
      charon->pid = (GPid) g_ascii_strtoll (stamp, NULL, 10);
      charon->unit = unit_of (charon->pid);
    }
  if (socket && ask_charon (charon, L2TP_CHARON_SYSTEM_SOCKET, &error))
    charon->state = L2TP_SYSTEM_CHARON_ANSWERS;
  else if (socket && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    charon->state = L2TP_SYSTEM_CHARON_NO_ACCESS;
  /* The private charon writes the compiled-in pid file too; it runs below
   * NetworkManager's unit (NetworkManager started the service). */
  else if (charon->pid && g_strcmp0 (charon->unit, NM_UNIT) == 0)
    charon->state = L2TP_SYSTEM_CHARON_PRIVATE;
  else if (charon->pid)
    {
      charon->state = L2TP_SYSTEM_CHARON_SILENT;
      charon->error = g_strdup (error ? error->message : _ ("no socket"));
    }
  else
    charon->state = L2TP_SYSTEM_CHARON_NONE;
  return charon;
}

void
l2tp_diagnose_system_charon (L2tpCheckList *list, const L2tpSystemCharon *charon)
{
  g_autofree char *pid = charon->pid ? g_strdup_printf ("%d", (int) charon->pid) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  L2tpCheckStatus status = L2TP_CHECK_OK;
  const char *state = "none";
  L2tpCheck *check;

  switch (charon->state)
    {
    case L2TP_SYSTEM_CHARON_NONE:
      text = g_strdup (_ ("No system charon runs: the service starts its own when it "
                          "connects"));
      break;
    case L2TP_SYSTEM_CHARON_PRIVATE:
      state = "private";
      text = g_strdup_printf (_ ("The service's own charon runs (pid %s)"), pid);
      break;
    case L2TP_SYSTEM_CHARON_ANSWERS:
      state = "system";
      text = g_strdup_printf (_ ("A system charon (strongSwan %s) answers on %s: the "
                                 "service uses it"),
                              charon->version ? charon->version : "?",
                              L2TP_CHARON_SYSTEM_SOCKET);
      break;
    case L2TP_SYSTEM_CHARON_NO_ACCESS:
      state = "no-access";
      status = L2TP_CHECK_UNKNOWN;
      text = g_strdup_printf (_ ("A system charon's socket %s is there, but only root "
                                 "may use it"),
                              L2TP_CHARON_SYSTEM_SOCKET);
      fix = g_strdup (_ ("run diagnose as root to ask that charon "
                         "(sudo nm-l2tp-ipsec diagnose)"));
      break;
    case L2TP_SYSTEM_CHARON_SILENT:
      state = "silent";
      status = L2TP_CHECK_FAIL;
      text = g_strdup_printf (_ ("A charon runs (pid %s) but does not answer on %s "
                                 "(%s): the service cannot use it and must not start "
                                 "a second one"),
                              pid, L2TP_CHARON_SYSTEM_SOCKET, charon->error);
      fix = g_strdup (_ ("enable its vici plugin (package strongswan-swanctl or "
                         "charon-systemd) or stop it: sudo systemctl stop "
                         "strongswan-starter strongswan"));
      break;
    }
  check = l2tp_check_list_add (list, "system-charon", status, text, fix);
  l2tp_check_add_fact (check, "state", state);
  l2tp_check_add_fact (check, "pid", pid);
  l2tp_check_add_fact (check, "unit", charon->unit);
  l2tp_check_add_fact (check, "version", charon->version);
  l2tp_check_add_fact (check, "socket", L2TP_CHARON_SYSTEM_SOCKET);
}
