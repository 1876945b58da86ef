/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Integration test of src/vici-client.c against a real, private charon
 * (started by run-charon-test.sh in its own network and mount namespace).
 *
 * usage: test-vici-charon SOCKET_PATH CHARON_PID
 *
 * Walks the life of one L2TP/IPsec connection as the service will: version,
 * stats, event registration, load-conn (IKEv1 PSK transport mode, udp/1701),
 * load-shared, list-conns, initiate (fails: nobody answers at 127.0.0.2)
 * with control-log streaming while the request is pending, terminate,
 * unload-conn, unload-shared, list-conns empty; plus unknown command/event,
 * pipelined requests, cancellation, and "closed" when charon goes away.
 */
#include "src/ipsec/vici-client.h"

#include <signal.h>
#include <string.h>
#include <sys/types.h>

#define CONN  "nm-l2tp-vici-test"
#define CHILD "l2tp"
#define PSKID "nm-l2tp-vici-test-psk"

typedef struct
{
  GAsyncResult *result;
} Waiter;

static GPtrArray *control_log; /* char *: "msg" of control-log events */
static GPtrArray *conn_names;  /* char *: sections of list-conn events */
static char *listed_version;   /* "version" of our conn in list-conn */
static char *listed_mode;      /* children/l2tp/mode of our conn */
static guint ike_updown_events;
static guint log_events;
static gboolean request_pending; /* set around the initiate call */
static guint events_while_pending;
static gboolean closed_seen;
static GError *closed_error;

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Waiter *waiter = data;

  waiter->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return waiter->result;
}

static gboolean
on_watchdog (gpointer data)
{
  g_error ("test-vici-charon: no progress for 60 s");
  return G_SOURCE_REMOVE;
}

static void
on_event (ViciClient *client, const char *name, const ViciMessage *msg, gpointer data)
{
  if (request_pending)
    events_while_pending++;
  if (g_str_equal (name, "control-log"))
    {
      const char *text = vici_message_get_str (msg, "msg");

      g_print ("  control-log: %s\n", text ? text : "(none)");
      g_ptr_array_add (control_log, g_strdup (text ? text : ""));
    }
  else if (g_str_equal (name, "list-conn"))
    {
      const ViciNode *root = vici_message_get_root (msg);

      for (guint i = 0; i < vici_node_get_n_children (root); i++)
        g_ptr_array_add (conn_names,
                         g_strdup (vici_node_get_name (vici_node_get_child (root, i))));
      if (vici_message_lookup (msg, CONN))
        {
          g_free (listed_version);
          g_free (listed_mode);
          listed_version = g_strdup (vici_message_get_str (msg, CONN "/version"));
          listed_mode
              = g_strdup (vici_message_get_str (msg, CONN "/children/" CHILD "/mode"));
        }
    }
  else if (g_str_equal (name, "ike-updown"))
    {
      ike_updown_events++;
      g_print ("  ike-updown: up=%s\n", vici_message_get_str (msg, "up") ?: "(absent)");
    }
  else if (g_str_equal (name, "log"))
    log_events++;
}

static void
on_closed (ViciClient *client, const GError *error, gpointer data)
{
  closed_seen = TRUE;
  closed_error = error ? g_error_copy (error) : NULL;
}

static ViciMessage *
call (ViciClient *client, const char *command, const ViciMessage *args, GError **error)
{
  Waiter waiter = { NULL };
  ViciMessage *response;

  vici_client_request_async (client, command, args, NULL, on_done, &waiter);
  response = vici_client_request_finish (client, wait_for (&waiter), error);
  g_object_unref (waiter.result);
  return response;
}

static void
call_ok (ViciClient *client, const char *command, const ViciMessage *args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) response = call (client, command, args, &error);

  g_assert_no_error (error);
  vici_message_check_success (response, command, &error);
  g_assert_no_error (error);
  g_print ("%s: success\n", command);
}

static gboolean
register_event (ViciClient *client, const char *event, GError **error)
{
  Waiter waiter = { NULL };
  gboolean ok;

  vici_client_register_event_async (client, event, NULL, on_done, &waiter);
  ok = vici_client_register_event_finish (client, wait_for (&waiter), error);
  g_object_unref (waiter.result);
  return ok;
}

static ViciMessage *
build_conn (void)
{
  ViciMessage *msg = vici_message_new ();

  vici_message_begin_section (msg, CONN);
  vici_message_add_kv_str (msg, "version", "1");
  vici_message_begin_list (msg, "local_addrs");
  vici_message_add_list_item_str (msg, "127.0.0.1");
  vici_message_end_list (msg);
  vici_message_begin_list (msg, "remote_addrs");
  vici_message_add_list_item_str (msg, "127.0.0.2");
  vici_message_end_list (msg);
  vici_message_begin_list (msg, "proposals");
  vici_message_add_list_item_str (msg, "aes256-sha1-modp2048");
  vici_message_add_list_item_str (msg, "3des-sha1-modp1024");
  vici_message_end_list (msg);
  vici_message_add_kv_str (msg, "encap", "no");
  vici_message_add_kv_str (msg, "dpd_delay", "10s");
  vici_message_begin_section (msg, "local");
  vici_message_add_kv_str (msg, "auth", "psk");
  vici_message_end_section (msg);
  vici_message_begin_section (msg, "remote");
  vici_message_add_kv_str (msg, "auth", "psk");
  vici_message_end_section (msg);
  vici_message_begin_section (msg, "children");
  vici_message_begin_section (msg, CHILD);
  vici_message_add_kv_str (msg, "mode", "transport");
  vici_message_begin_list (msg, "local_ts");
  vici_message_add_list_item_str (msg, "dynamic[udp/1701]");
  vici_message_end_list (msg);
  vici_message_begin_list (msg, "remote_ts");
  vici_message_add_list_item_str (msg, "dynamic[udp/1701]");
  vici_message_end_list (msg);
  vici_message_begin_list (msg, "esp_proposals");
  vici_message_add_list_item_str (msg, "aes256-sha1");
  vici_message_add_list_item_str (msg, "3des-sha1");
  vici_message_end_list (msg);
  vici_message_end_section (msg);
  vici_message_end_section (msg);
  vici_message_end_section (msg);
  return msg;
}

static void
list_conns (ViciClient *client)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) response = NULL;

  g_ptr_array_set_size (conn_names, 0);
  g_clear_pointer (&listed_version, g_free);
  g_clear_pointer (&listed_mode, g_free);
  response = call (client, "list-conns", NULL, &error);
  g_assert_no_error (error);
}

static void
step_version_and_stats (ViciClient *client)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) version = call (client, "version", NULL, &error);
  g_autoptr (ViciMessage) stats = NULL;
  const ViciNode *plugins;
  g_autoptr (GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  g_print ("version: daemon=%s version=%s sysname=%s release=%s machine=%s\n",
           vici_message_get_str (version, "daemon"),
           vici_message_get_str (version, "version"),
           vici_message_get_str (version, "sysname"),
           vici_message_get_str (version, "release"),
           vici_message_get_str (version, "machine"));
  g_assert_cmpstr (vici_message_get_str (version, "daemon"), ==, "charon");
  g_assert_nonnull (vici_message_get_str (version, "version"));

  stats = call (client, "stats", NULL, &error);
  g_assert_no_error (error);
  plugins = vici_message_lookup (stats, "plugins");
  g_assert_nonnull (plugins);
  for (guint i = 0; i < vici_node_get_n_items (plugins); i++)
    g_string_append_printf (names, " %s", vici_node_get_item_str (plugins, i));
  g_print ("stats: plugins:%s\n", names->str);
}

static void
step_unknowns (ViciClient *client)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) response = call (client, "no-such-command", NULL, &error);

  g_assert_null (response);
  g_assert_error (error, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_UNKNOWN_COMMAND);
  g_print ("unknown command: %s\n", error->message);
  g_clear_error (&error);
  g_assert_false (register_event (client, "no-such-event", &error));
  g_assert_error (error, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_UNKNOWN_EVENT);
  g_print ("unknown event: %s\n", error->message);
}

static void
step_pipelined_and_cancelled (ViciClient *client)
{
  Waiter a = { NULL }, b = { NULL }, c = { NULL };
  g_autoptr (GCancellable) cancel_a = g_cancellable_new ();
  g_autoptr (GCancellable) cancel_b = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) ra = NULL;
  g_autoptr (ViciMessage) rb = NULL;
  g_autoptr (ViciMessage) rc = NULL;

  /* three calls at once: "version" goes on the wire at once, "stats" and
   * "get-conns" wait in the queue. Cancel the first (in flight: its answer
   * must be dropped, not handed to the next call) and the second (queued:
   * never sent); the third still gets its own answer. */
  vici_client_request_async (client, "version", NULL, cancel_a, on_done, &a);
  vici_client_request_async (client, "stats", NULL, cancel_b, on_done, &b);
  vici_client_request_async (client, "get-conns", NULL, NULL, on_done, &c);
  g_cancellable_cancel (cancel_a);
  g_cancellable_cancel (cancel_b);
  ra = vici_client_request_finish (client, wait_for (&a), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  rb = vici_client_request_finish (client, wait_for (&b), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  rc = vici_client_request_finish (client, wait_for (&c), &error);
  g_assert_no_error (error);
  g_assert_nonnull (vici_message_lookup (rc, "conns"));
  g_assert_null (vici_message_lookup (rc, "version"));
  g_object_unref (a.result);
  g_object_unref (b.result);
  g_object_unref (c.result);
  g_print ("pipelined + cancelled (in flight and queued): ok\n");
}

static void
step_load (ViciClient *client)
{
  g_autoptr (ViciMessage) conn = build_conn ();
  g_autoptr (ViciMessage) shared = vici_message_new ();
  g_autoptr (ViciMessage) keys = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = vici_message_to_swanctl_text (conn, &error);
  const ViciNode *list;

  g_assert_no_error (error);
  g_print ("load-conn (as swanctl.conf):\n%s", text);
  call_ok (client, "load-conn", conn);

  vici_message_add_kv_str (shared, "id", PSKID);
  vici_message_add_kv_str (shared, "type", "IKE");
  vici_message_add_kv_str (shared, "data", "not-a-real-secret");
  vici_message_begin_list (shared, "owners");
  vici_message_add_list_item_str (shared, "127.0.0.1");
  vici_message_add_list_item_str (shared, "127.0.0.2");
  vici_message_end_list (shared);
  call_ok (client, "load-shared", shared);

  keys = call (client, "get-shared", NULL, &error);
  g_assert_no_error (error);
  list = vici_message_lookup (keys, "keys");
  g_assert_nonnull (list);
  g_assert_cmpuint (vici_node_get_n_items (list), ==, 1);
  g_assert_cmpstr (vici_node_get_item_str (list, 0), ==, PSKID);

  list_conns (client);
  g_print ("list-conns: version=%s child mode=%s\n", listed_version, listed_mode);
  g_assert_cmpstr (listed_version, ==, "IKEv1");
  g_assert_cmpstr (listed_mode, ==, "TRANSPORT");
}

static void
step_initiate (ViciClient *client)
{
  g_autoptr (ViciMessage) args = vici_message_new ();
  g_autoptr (ViciMessage) response = NULL;
  g_autoptr (ViciMessage) term = vici_message_new ();
  g_autoptr (ViciMessage) term_response = NULL;
  g_autoptr (GError) error = NULL;
  gboolean main_mode = FALSE;

  vici_message_add_kv_str (args, "child", CHILD);
  vici_message_add_kv_str (args, "ike", CONN);
  vici_message_add_kv_str (args, "timeout", "4000");
  vici_message_add_kv_str (args, "loglevel", "1");
  request_pending = TRUE;
  response = call (client, "initiate", args, &error);
  request_pending = FALSE;
  g_assert_no_error (error);
  g_assert_false (vici_message_check_success (response, "initiate", &error));
  g_print ("initiate: %s (%u events arrived while it was pending)\n", error->message,
           events_while_pending);
  g_clear_error (&error);
  g_assert_cmpuint (control_log->len, >, 0);
  g_assert_cmpuint (events_while_pending, >=, control_log->len);
  for (guint i = 0; i < control_log->len; i++)
    main_mode |= strstr (g_ptr_array_index (control_log, i), "Main Mode") != NULL;
  g_print ("IKEv1 Main Mode seen in control-log: %s\n", main_mode ? "yes" : "no");
  g_assert_true (main_mode);

  /* initiate gave up waiting, but the IKE_SA keeps retransmitting: end it */
  vici_message_add_kv_str (term, "ike", CONN);
  vici_message_add_kv_str (term, "timeout", "4000");
  term_response = call (client, "terminate", term, &error);
  g_assert_no_error (error);
  g_print ("terminate: success=%s errmsg=%s\n",
           vici_message_get_str (term_response, "success"),
           vici_message_get_str (term_response, "errmsg") ?: "");
}

static void
step_unload (ViciClient *client)
{
  g_autoptr (ViciMessage) conn = vici_message_new ();
  g_autoptr (ViciMessage) shared = vici_message_new ();
  g_autoptr (ViciMessage) keys = NULL;
  g_autoptr (ViciMessage) conns = NULL;
  g_autoptr (GError) error = NULL;

  vici_message_add_kv_str (conn, "name", CONN);
  call_ok (client, "unload-conn", conn);
  vici_message_add_kv_str (shared, "id", PSKID);
  call_ok (client, "unload-shared", shared);

  list_conns (client);
  g_print ("list-conns after unload: %u connections\n", conn_names->len);
  g_assert_cmpuint (conn_names->len, ==, 0);
  conns = call (client, "get-conns", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vici_node_get_n_items (vici_message_lookup (conns, "conns")), ==, 0);
  keys = call (client, "get-shared", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vici_node_get_n_items (vici_message_lookup (keys, "keys")), ==, 0);
}

static void
step_closed (ViciClient *client, pid_t charon)
{
  Waiter waiter = { NULL };
  g_autoptr (GError) error = NULL;

  /* a call still queued when charon dies must fail, not hang */
  g_assert_cmpint (kill (charon, SIGTERM), ==, 0);
  while (!closed_seen)
    g_main_context_iteration (NULL, TRUE);
  g_print ("closed: %s\n", closed_error ? closed_error->message : "(no error)");
  g_assert_error (closed_error, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED);
  g_assert_true (vici_client_is_closed (client));
  vici_client_request_async (client, "version", NULL, NULL, on_done, &waiter);
  g_assert_null (vici_client_request_finish (client, wait_for (&waiter), &error));
  g_assert_error (error, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED);
  g_object_unref (waiter.result);
}

int
main (int argc, char **argv)
{
  g_autoptr (ViciClient) client = NULL;
  g_autoptr (GError) error = NULL;
  Waiter waiter = { NULL };
  const char *events[]
      = { "control-log", "ike-updown", "child-updown", "list-conn", "log" };

  if (argc != 3)
    {
      g_printerr ("usage: %s SOCKET_PATH CHARON_PID\n", argv[0]);
      return 2;
    }
  control_log = g_ptr_array_new_with_free_func (g_free);
  conn_names = g_ptr_array_new_with_free_func (g_free);
  g_timeout_add_seconds (60, on_watchdog, NULL);

  vici_client_new_async (argv[1], NULL, on_done, &waiter);
  client = vici_client_new_finish (wait_for (&waiter), &error);
  g_assert_no_error (error);
  g_object_unref (waiter.result);
  g_signal_connect (client, "event", G_CALLBACK (on_event), NULL);
  g_signal_connect (client, "closed", G_CALLBACK (on_closed), NULL);

  step_version_and_stats (client);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_assert_true (register_event (client, events[i], &error));
      g_assert_no_error (error);
    }
  g_print ("registered: control-log ike-updown child-updown list-conn log\n");
  step_unknowns (client);
  step_pipelined_and_cancelled (client);
  step_load (client);
  step_initiate (client);
  step_unload (client);
  g_print ("log events received: %u, ike-updown events: %u\n", log_events,
           ike_updown_events);
  g_assert_false (closed_seen);
  step_closed (client, (pid_t) g_ascii_strtoll (argv[2], NULL, 10));

  g_ptr_array_unref (control_log);
  g_ptr_array_unref (conn_names);
  g_free (listed_version);
  g_free (listed_mode);
  g_clear_error (&closed_error);
  g_print ("PASS\n");
  return 0;
}
