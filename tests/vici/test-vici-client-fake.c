/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * src/vici-client.c against a scripted fake charon on a private Unix socket:
 * events interleaved with a pending request, and a hostile or dying peer
 * (oversized length, answer nobody asked for, EOF inside a packet, garbage
 * message) closes the connection with an error instead of crashing or
 * hanging. Runs unprivileged, no charon needed.
 */
#include "src/ipsec/vici-client.h"

#include <glib/gstdio.h>

#include "free-scan.h"

typedef struct
{
  GAsyncResult *result;
} Waiter;

typedef struct
{
  ViciClient *client;
  GSocketConnection *server; /* the fake charon's end */
  char *dir;
  GPtrArray *order; /* "event:NAME" / "response" in arrival order */
  GError *closed_error;
  gboolean closed;
} Fixture;

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  ((Waiter *) data)->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return waiter->result;
}

static void
on_event (ViciClient *client, const char *name, const ViciMessage *msg, gpointer data)
{
  Fixture *f = data;

  g_ptr_array_add (
      f->order, g_strdup_printf ("event:%s:%s", name, vici_message_get_str (msg, "msg")));
}

static void
on_closed (ViciClient *client, const GError *error, gpointer data)
{
  Fixture *f = data;

  f->closed = TRUE;
  f->closed_error = error ? g_error_copy (error) : NULL;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GSocketAddress) address = NULL;
  g_autofree char *path = NULL;
  Waiter connected = { NULL }, accepted = { NULL };

  f->dir = g_dir_make_tmp ("vici-fake-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "charon.vici", NULL);
  address = g_unix_socket_address_new (path);
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_accept_async (listener, NULL, on_done, &accepted);
  vici_client_new_async (path, NULL, on_done, &connected);
  f->client = vici_client_new_finish (wait_for (&connected), &error);
  g_assert_no_error (error);
  f->server
      = g_socket_listener_accept_finish (listener, wait_for (&accepted), NULL, &error);
  g_assert_no_error (error);
  g_object_unref (connected.result);
  g_object_unref (accepted.result);
  g_unlink (path);
  f->order = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->client, "event", G_CALLBACK (on_event), f);
  g_signal_connect (f->client, "closed", G_CALLBACK (on_closed), f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->server);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_ptr_array_unref (f->order);
  g_clear_error (&f->closed_error);
}

/* The fake charon speaks: small writes to a local socket do not block. */
static void
server_send (Fixture *f, const void *data, gsize len)
{
  g_autoptr (GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (f->server)),
                             data, len, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
server_send_packet (Fixture *f, ViciPacketType type, const char *name, ViciMessage *msg)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) frame = vici_packet_encode (type, name, msg, &error);

  g_assert_no_error (error);
  server_send (f, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame));
}

static void
test_events_interleaved (Fixture *f, gconstpointer data)
{
  g_autoptr (ViciMessage) log1 = vici_message_new ();
  g_autoptr (ViciMessage) log2 = vici_message_new ();
  g_autoptr (ViciMessage) answer = vici_message_new ();
  g_autoptr (ViciMessage) response = NULL;
  g_autoptr (GError) error = NULL;
  Waiter waiter = { NULL };

  vici_message_add_kv_str (log1, "msg", "initiating Main Mode");
  vici_message_add_kv_str (log2, "msg", "giving up");
  vici_message_add_kv_str (answer, "success", "no");
  vici_message_add_kv_str (answer, "errmsg", "timeout");

  vici_client_request_async (f->client, "initiate", NULL, NULL, on_done, &waiter);
  server_send_packet (f, VICI_PACKET_EVENT, "control-log", log1);
  server_send_packet (f, VICI_PACKET_EVENT, "control-log", log2);
  server_send_packet (f, VICI_PACKET_CMD_RESPONSE, NULL, answer);
  response = vici_client_request_finish (f->client, wait_for (&waiter), &error);
  g_assert_no_error (error);
  g_object_unref (waiter.result);
  g_assert_cmpuint (f->order->len, ==, 2); /* both events before the answer */
  g_assert_cmpstr (g_ptr_array_index (f->order, 0), ==,
                   "event:control-log:initiating Main Mode");
  g_assert_cmpstr (g_ptr_array_index (f->order, 1), ==, "event:control-log:giving up");
  g_assert_false (vici_message_check_success (response, "initiate", &error));
  g_assert_cmpstr (error->message, ==, "initiate failed: timeout");
  g_assert_false (f->closed);
}

typedef struct
{
  const char *what;
  const char *bytes;
  gsize len;
} Hostile;

static const Hostile hostile[] = {
#define H(what, lit)                                                                     \
  {                                                                                      \
    what, lit, sizeof (lit) - 1                                                          \
  }
  H ("oversized length", "\x7f\xff\xff\xff\x01"),
  H ("zero length", "\x00\x00\x00\x00"),
  H ("EOF inside the header", "\x00\x00"),
  H ("EOF inside a packet", "\x00\x00\x00\x10\x01\x03"),
  H ("unknown packet type", "\x00\x00\x00\x01\x09"),
  H ("garbage message", "\x00\x00\x00\x03\x01\x02\x02"),
  H ("client packet from server", "\x00\x00\x00\x03\x00\x01x"),
  H ("confirm for a command", "\x00\x00\x00\x01\x05"),
  H ("two answers for one request", "\x00\x00\x00\x01\x01\x00\x00\x00\x01\x01"),
#undef H
};

static void
test_hostile_peer (Fixture *f, gconstpointer data)
{
  const Hostile *h = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) response = NULL;
  Waiter waiter = { NULL };

  vici_client_request_async (f->client, "version", NULL, NULL, on_done, &waiter);
  server_send (f, h->bytes, h->len);
  if (g_str_has_prefix (h->what, "EOF"))
    g_io_stream_close (G_IO_STREAM (f->server), NULL, NULL);
  response = vici_client_request_finish (f->client, wait_for (&waiter), &error);
  g_object_unref (waiter.result);
  if (g_str_equal (h->what, "two answers for one request"))
    {
      /* the first answer completes the call; the second closes the link */
      g_assert_no_error (error);
      while (!f->closed)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    g_assert_nonnull (error);
  g_assert_true (f->closed);
  g_assert_nonnull (f->closed_error);
  g_test_message ("%s -> %s", h->what, f->closed_error->message);
  g_assert_true (vici_client_is_closed (f->client));
}

static void
test_peer_gone (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  Waiter a = { NULL }, b = { NULL };

  vici_client_request_async (f->client, "version", NULL, NULL, on_done, &a);
  vici_client_register_event_async (f->client, "ike-updown", NULL, on_done, &b);
  g_io_stream_close (G_IO_STREAM (f->server), NULL, NULL);
  g_assert_null (vici_client_request_finish (f->client, wait_for (&a), &error));
  g_assert_error (error, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (vici_client_register_event_finish (f->client, wait_for (&b), &error));
  g_assert_error (error, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED);
  g_assert_true (f->closed);
  g_assert_error (f->closed_error, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED);
  g_object_unref (a.result);
  g_object_unref (b.result);
}

static void
test_local_close (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) eof = NULL;
  Waiter waiter = { NULL };

  vici_client_request_async (f->client, "version", NULL, NULL, on_done, &waiter);
  vici_client_close (f->client);
  g_assert_true (f->closed);
  g_assert_null (f->closed_error);
  g_assert_null (vici_client_request_finish (f->client, wait_for (&waiter), &error));
  g_assert_error (error, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED);
  g_object_unref (waiter.result);
  vici_client_close (f->client); /* idempotent */
}

/* load-shared too big for the socket buffer, a fake charon that does not
 * read, and the client closed while the write is still in flight: no
 * freed block may hold the PSK afterwards (the write's own reference to
 * the frame was dropped unwiped). */
#define PSK_MARKER "psk-7d2f0c1b-in-flight-never-freed-unwiped"

static void
test_secret_wiped_in_flight (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  Waiter waiter = { NULL };
  ViciMessage *msg;
  g_autofree char *padding = g_strnfill (60000, 'p');

  if (!free_scan_available ())
    {
      g_test_skip ("the allocator is AddressSanitizer's");
      return;
    }
  msg = vici_message_new ();
  vici_message_add_kv_str (msg, "type", "IKE");
  vici_message_add_kv_str (msg, "data", PSK_MARKER);
  vici_message_begin_list (msg, "owners");
  for (guint i = 0; i < 7; i++) /* 420 KB: more than a Unix socket buffers */
    vici_message_add_list_item_str (msg, padding);
  vici_message_end_list (msg);
  vici_client_request_async (f->client, "load-shared", msg, NULL, on_done, &waiter);
  vici_message_free (msg); /* the message is the caller's to wipe */

  free_scan_set_marker (PSK_MARKER);
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE); /* the write starts, and blocks */
  vici_client_close (f->client);
  g_assert_null (vici_client_request_finish (f->client, wait_for (&waiter), &error));
  g_assert_error (error, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED);
  g_object_unref (waiter.result);
  g_clear_object (&f->client);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE); /* the cancelled write ends */
  g_assert_cmpuint (free_scan_hits (), ==, 0);
  free_scan_set_marker (NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/vici-client/events-interleaved", Fixture, NULL, fixture_setup,
              test_events_interleaved, fixture_teardown);
  g_test_add ("/vici-client/peer-gone", Fixture, NULL, fixture_setup, test_peer_gone,
              fixture_teardown);
  g_test_add ("/vici-client/local-close", Fixture, NULL, fixture_setup, test_local_close,
              fixture_teardown);
  g_test_add ("/vici-client/secret-wiped-in-flight", Fixture, NULL, fixture_setup,
              test_secret_wiped_in_flight, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *name = g_strdup_printf ("/vici-client/hostile/%u", i);

      g_test_add (name, Fixture, &hostile[i], fixture_setup, test_hostile_peer,
                  fixture_teardown);
    }
  return g_test_run ();
}
