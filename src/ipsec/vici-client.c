/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Asynchronous VICI client (see vici-client.h).
 *
 * Transport: each packet is a 4-byte big-endian length and that many bytes.
 * VICI has no sequence numbers, so exactly one request or (un)registration
 * is on the wire at a time; the next one is written when the answer to the
 * previous arrives. EVENT packets may arrive at any time, also between a
 * request and its response (initiate streams "control-log" that way), and
 * are emitted as they are read.
 */
#include "src/ipsec/vici-client.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Async callbacks hold this, not the client: a pending read must not keep
 * the client alive, and must not touch it after it is gone. */
typedef struct
{
  ViciClient *client; /* NULL once the client is disposed or closed */
} ClientRef;

typedef struct
{
  ViciPacketType type; /* CMD_REQUEST, EVENT_REGISTER or EVENT_UNREGISTER */
  GBytes *frame;       /* the whole packet, length prefix included */
  GTask *task;         /* NULL once completed (e.g. cancelled in flight) */
  GCancellable *cancellable;
  gulong cancel_id;
  GMainContext *context; /* where the caller waits */
  ViciClient *client;    /* borrowed; valid while the op is queued */
} Op;

struct _ViciClient
{
  GObject parent_instance;

  GSocketConnection *connection;
  GCancellable *io_cancellable;
  ClientRef *ref;
  GQueue ops; /* Op *; the head is on the wire if in_flight */
  gboolean in_flight;
  gboolean closed;
};

enum
{
  SIGNAL_EVENT,
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (ViciClient, vici_client, G_TYPE_OBJECT)

GQuark
vici_client_error_quark (void)
{
  return g_quark_from_static_string ("vici-client-error-quark");
}

static void read_header (ViciClient *client);
static void send_next (ViciClient *client);

static void
client_ref_unref (ClientRef *ref)
{
  g_rc_box_release (ref);
}

/* ---- ops ---------------------------------------------------------------- */

/* A frame may carry a shared key or a private key (load-shared, load-key):
 * vici_packet_encode() makes it of wiped bytes (shared/wiped-bytes.h), so
 * it is zeroed when its last reference goes, be it this op's or that of a
 * write still in flight (on_written). */
static void
op_clear (Op *op)
{
  g_clear_pointer (&op->frame, g_bytes_unref);
  g_clear_object (&op->task);
  g_clear_object (&op->cancellable);
  g_clear_pointer (&op->context, g_main_context_unref);
}

static void
op_unref (Op *op)
{
  g_rc_box_release_full (op, (GDestroyNotify) op_clear);
}

static Op *
op_new (ViciClient *client, ViciPacketType type, GBytes *frame, GTask *task,
        GCancellable *cancellable)
{
  Op *op = g_rc_box_new0 (Op);

  op->type = type;
  op->frame = frame;
  op->task = task;
  op->client = client;
  op->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  op->context = g_main_context_ref_thread_default ();
  return op;
}

/* Takes the op's task (if still there) so it can be completed exactly once. */
static GTask *
op_steal_task (Op *op)
{
  if (op->cancel_id)
    {
      g_cancellable_disconnect (op->cancellable, op->cancel_id);
      op->cancel_id = 0;
    }
  return g_steal_pointer (&op->task);
}

static void
op_fail (Op *op, const GError *error)
{
  g_autoptr (GTask) task = op_steal_task (op);

  if (task)
    g_task_return_error (task, g_error_copy (error));
}

static gboolean
op_cancel_in_context (gpointer data)
{
  Op *op = data;
  g_autoptr (GTask) task = NULL;
  ViciClient *client = op->client;

  if (op->task == NULL)
    return G_SOURCE_REMOVE;
  task = op_steal_task (op);
  /* not on the wire yet: forget it; on the wire: its answer is dropped later */
  if (client && !(client->in_flight && g_queue_peek_head (&client->ops) == op)
      && g_queue_remove (&client->ops, op))
    op_unref (op);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _ ("Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

static void
op_cancelled (GCancellable *cancellable, gpointer data)
{
  Op *op = data;
  g_autoptr (GSource) source = g_idle_source_new ();

  /* may run in any thread, and inside g_cancellable_cancel(): defer */
  g_source_set_callback (source, op_cancel_in_context, g_rc_box_acquire (op),
                         (GDestroyNotify) op_unref);
  g_source_attach (source, op->context);
}

static void
enqueue (ViciClient *client, ViciPacketType type, const char *name,
         const ViciMessage *args, GCancellable *cancellable, GTask *task_in)
{
  g_autoptr (GTask) task = task_in;
  g_autoptr (GError) error = NULL;
  GBytes *frame;
  Op *op;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (client->closed)
    {
      g_task_return_new_error (task, VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED,
                               _ ("The connection to charon is closed"));
      return;
    }
  frame = vici_packet_encode (type, name, args, &error);
  if (frame == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  op = op_new (client, type, frame, g_steal_pointer (&task), cancellable);
  g_queue_push_tail (&client->ops, op);
  if (cancellable)
    op->cancel_id
        = g_cancellable_connect (cancellable, G_CALLBACK (op_cancelled), op, NULL);
  send_next (client);
}

/* ---- closing ------------------------------------------------------------ */

static void
shut_down (ViciClient *client, const GError *error)
{
  GError closed = { VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED,
                    (char *) _ ("The connection to charon is closed") };
  Op *op;

  client->closed = TRUE;
  client->in_flight = FALSE;
  if (client->ref)
    {
      client->ref->client = NULL;
      g_clear_pointer (&client->ref, client_ref_unref);
    }
  g_cancellable_cancel (client->io_cancellable);
  if (client->connection)
    {
      /* non-blocking: charon sees EOF now, pending I/O fails as cancelled */
      g_socket_close (g_socket_connection_get_socket (client->connection), NULL);
      g_clear_object (&client->connection);
    }
  while ((op = g_queue_pop_head (&client->ops)))
    {
      op->client = NULL;
      op_fail (op, error ? error : &closed);
      op_unref (op);
    }
}

static void
close_with_error (ViciClient *client, const GError *error)
{
  g_autoptr (ViciClient) hold = g_object_ref (client);

  if (client->closed)
    return;
  shut_down (client, error);
  g_signal_emit (client, signals[SIGNAL_CLOSED], 0, error);
}

/* I/O errors mean charon is gone as far as callers care: one error code. */
static void
close_lost (ViciClient *client, const GError *io_error)
{
  g_autoptr (GError) error
      = g_error_new (VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED,
                     _ ("Lost the VICI connection to charon: %s"), io_error->message);

  close_with_error (client, error);
}

static void fail_protocol (ViciClient *client, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

static void
fail_protocol (ViciClient *client, const char *format, ...)
{
  g_autoptr (GError) error = NULL;
  va_list args;

  va_start (args, format);
  error
      = g_error_new_valist (VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_PROTOCOL, format, args);
  va_end (args);
  close_with_error (client, error);
}

void
vici_client_close (ViciClient *client)
{
  g_autoptr (ViciClient) hold = NULL;

  g_return_if_fail (VICI_IS_CLIENT (client));
  if (client->closed)
    return;
  hold = g_object_ref (client);
  shut_down (client, NULL);
  g_signal_emit (client, signals[SIGNAL_CLOSED], 0, NULL);
}

gboolean
vici_client_is_closed (ViciClient *client)
{
  g_return_val_if_fail (VICI_IS_CLIENT (client), TRUE);
  return client->closed;
}

/* ---- writing ------------------------------------------------------------ */

typedef struct
{
  ClientRef *ref;
  GBytes *frame;
} WriteCtx;

static void
on_written (GObject *source, GAsyncResult *result, gpointer data)
{
  WriteCtx *ctx = data;
  ViciClient *client = ctx->ref->client;
  g_autoptr (GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error)
      && client)
    close_lost (client, error);
  client_ref_unref (ctx->ref);
  g_bytes_unref (ctx->frame); /* wiped if this was the last reference */
  g_free (ctx);
}

static void
send_next (ViciClient *client)
{
  Op *op;
  WriteCtx *ctx;
  gsize size;
  const guint8 *data;

  if (client->closed || client->in_flight)
    return;
  op = g_queue_peek_head (&client->ops);
  if (op == NULL)
    return;
  client->in_flight = TRUE;
  ctx = g_new0 (WriteCtx, 1);
  ctx->ref = g_rc_box_acquire (client->ref);
  ctx->frame = g_bytes_ref (op->frame);
  data = g_bytes_get_data (ctx->frame, &size);
  g_output_stream_write_all_async (
      g_io_stream_get_output_stream (G_IO_STREAM (client->connection)), data, size,
      G_PRIORITY_DEFAULT, client->io_cancellable, on_written, ctx);
}

/* ---- reading ------------------------------------------------------------ */

static void
complete_head (ViciClient *client, ViciPacketType answer, ViciMessage *msg_in)
{
  g_autoptr (ViciMessage) msg = msg_in;
  Op *op = g_queue_peek_head (&client->ops);
  g_autoptr (GTask) task = NULL;
  gboolean is_cmd
      = answer == VICI_PACKET_CMD_RESPONSE || answer == VICI_PACKET_CMD_UNKNOWN;

  if (op == NULL || !client->in_flight)
    {
      fail_protocol (client, _ ("charon sent an answer (type %d) nobody asked for"),
                     answer);
      return;
    }
  if (is_cmd != (op->type == VICI_PACKET_CMD_REQUEST))
    {
      fail_protocol (client, _ ("charon answered with packet type %d out of turn"),
                     answer);
      return;
    }
  g_queue_pop_head (&client->ops);
  client->in_flight = FALSE;
  task = op_steal_task (op);
  op->client = NULL;
  op_unref (op);

  if (task)
    {
      switch (answer)
        {
        case VICI_PACKET_CMD_RESPONSE:
          g_task_return_pointer (task, msg ? g_steal_pointer (&msg) : vici_message_new (),
                                 (GDestroyNotify) vici_message_free);
          break;
        case VICI_PACKET_CMD_UNKNOWN:
          g_task_return_new_error (task, VICI_CLIENT_ERROR,
                                   VICI_CLIENT_ERROR_UNKNOWN_COMMAND,
                                   _ ("charon does not know the command '%s'"),
                                   (const char *) g_task_get_task_data (task));
          break;
        case VICI_PACKET_EVENT_CONFIRM:
          g_task_return_boolean (task, TRUE);
          break;
        default:
          g_task_return_new_error (task, VICI_CLIENT_ERROR,
                                   VICI_CLIENT_ERROR_UNKNOWN_EVENT,
                                   _ ("charon does not know the event '%s'"),
                                   (const char *) g_task_get_task_data (task));
          break;
        }
    }
  send_next (client);
}

static void
dispatch (ViciClient *client, const guint8 *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  ViciMessage *msg = NULL;
  ViciPacketType type;

  if (!vici_packet_decode (data, len, &type, &name, &msg, &error))
    {
      close_with_error (client, error);
      return;
    }
  switch (type)
    {
    case VICI_PACKET_EVENT:
      g_signal_emit (client, signals[SIGNAL_EVENT], g_quark_from_string (name), name,
                     msg);
      vici_message_free (msg);
      break;
    case VICI_PACKET_CMD_RESPONSE:
    case VICI_PACKET_CMD_UNKNOWN:
    case VICI_PACKET_EVENT_CONFIRM:
    case VICI_PACKET_EVENT_UNKNOWN:
      complete_head (client, type, msg);
      break;
    default:
      vici_message_free (msg);
      fail_protocol (client, _ ("charon sent a client packet (type %d)"), type);
      break;
    }
}

typedef struct
{
  ClientRef *ref;
  guint8 header[4];
  guint8 *body; /* NULL while reading the header */
  gsize len;
} ReadCtx;

static void
read_ctx_free (ReadCtx *ctx)
{
  client_ref_unref (ctx->ref);
  g_free (ctx->body);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadCtx, read_ctx_free)

/* Returns the client if reading should go on, else handles the end. */
static ViciClient *
read_done (ReadCtx *ctx, GObject *source, GAsyncResult *result, gsize want)
{
  ViciClient *client = ctx->ref->client;
  g_autoptr (GError) error = NULL;
  gsize got = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &got, &error))
    {
      if (client)
        close_lost (client, error);
      return NULL;
    }
  if (client == NULL)
    return NULL;
  if (got == 0 && ctx->body == NULL)
    {
      g_autoptr (GError) eof = g_error_new (VICI_CLIENT_ERROR, VICI_CLIENT_ERROR_CLOSED,
                                            _ ("charon closed the VICI connection"));
      close_with_error (client, eof);
      return NULL;
    }
  if (got < want)
    {
      fail_protocol (client, _ ("charon closed the VICI connection inside a packet"));
      return NULL;
    }
  return client;
}

static void
on_body (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (ReadCtx) ctx = data;
  ViciClient *client = read_done (ctx, source, result, ctx->len);
  g_autoptr (ViciClient) hold = NULL;

  if (client == NULL)
    return;
  hold = g_object_ref (client);
  dispatch (client, ctx->body, ctx->len);
  if (!client->closed)
    read_header (client);
}

static void
on_header (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (ReadCtx) ctx = data;
  ViciClient *client = read_done (ctx, source, result, sizeof ctx->header);
  ReadCtx *body;
  gsize len;

  if (client == NULL)
    return;
  len = ((gsize) ctx->header[0] << 24) | ((gsize) ctx->header[1] << 16)
        | ((gsize) ctx->header[2] << 8) | ctx->header[3];
  if (len == 0 || len > VICI_PACKET_MAX)
    {
      fail_protocol (client, _ ("charon sent a packet of invalid length %lu"),
                     (unsigned long) len);
      return;
    }
  body = g_new0 (ReadCtx, 1);
  body->ref = g_rc_box_acquire (client->ref);
  body->body = g_malloc (len);
  body->len = len;
  g_input_stream_read_all_async (
      g_io_stream_get_input_stream (G_IO_STREAM (client->connection)), body->body, len,
      G_PRIORITY_DEFAULT, client->io_cancellable, on_body, body);
}

static void
read_header (ViciClient *client)
{
  ReadCtx *ctx = g_new0 (ReadCtx, 1);

  ctx->ref = g_rc_box_acquire (client->ref);
  g_input_stream_read_all_async (
      g_io_stream_get_input_stream (G_IO_STREAM (client->connection)), ctx->header,
      sizeof ctx->header, G_PRIORITY_DEFAULT, client->io_cancellable, on_header, ctx);
}

/* ---- public API --------------------------------------------------------- */

static void
on_connected (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GTask) task = data;
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection;
  ViciClient *client;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  if (connection == NULL)
    {
      g_prefix_error (&error, _ ("Cannot connect to charon's VICI socket %s: "),
                      (const char *) g_task_get_task_data (task));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  client = g_object_new (VICI_TYPE_CLIENT, NULL);
  client->connection = connection;
  read_header (client);
  g_task_return_pointer (task, client, g_object_unref);
}

void
vici_client_new_async (const char *socket_path, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr (GSocketAddress) address = NULL;
  GTask *task;

  g_return_if_fail (socket_path != NULL);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vici_client_new_async);
  g_task_set_task_data (task, g_strdup (socket_path), g_free);
  address = g_unix_socket_address_new (socket_path);
  g_socket_client_connect_async (socket_client, G_SOCKET_CONNECTABLE (address),
                                 cancellable, on_connected, task);
}

ViciClient *
vici_client_new_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GTask *
new_call (ViciClient *client, const char *name, GCancellable *cancellable,
          GAsyncReadyCallback callback, gpointer user_data, gpointer tag)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, g_strdup (name), g_free);
  /* default check_cancellable: a call cancelled before its answer was
   * handed over reports G_IO_ERROR_CANCELLED, even if the answer raced in */
  return task;
}

void
vici_client_request_async (ViciClient *client, const char *command,
                           const ViciMessage *args, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (VICI_IS_CLIENT (client));
  g_return_if_fail (command != NULL);
  enqueue (client, VICI_PACKET_CMD_REQUEST, command, args, cancellable,
           new_call (client, command, cancellable, callback, user_data,
                     vici_client_request_async));
}

ViciMessage *
vici_client_request_finish (ViciClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
vici_client_register_event_async (ViciClient *client, const char *event,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (VICI_IS_CLIENT (client));
  g_return_if_fail (event != NULL);
  enqueue (client, VICI_PACKET_EVENT_REGISTER, event, NULL, cancellable,
           new_call (client, event, cancellable, callback, user_data,
                     vici_client_register_event_async));
}

gboolean
vici_client_register_event_finish (ViciClient *client, GAsyncResult *result,
                                   GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
vici_client_unregister_event_async (ViciClient *client, const char *event,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (VICI_IS_CLIENT (client));
  g_return_if_fail (event != NULL);
  enqueue (client, VICI_PACKET_EVENT_UNREGISTER, event, NULL, cancellable,
           new_call (client, event, cancellable, callback, user_data,
                     vici_client_unregister_event_async));
}

gboolean
vici_client_unregister_event_finish (ViciClient *client, GAsyncResult *result,
                                     GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- GObject ------------------------------------------------------------ */

static void
vici_client_init (ViciClient *client)
{
  g_queue_init (&client->ops);
  client->io_cancellable = g_cancellable_new ();
  client->ref = g_rc_box_new0 (ClientRef);
  client->ref->client = client;
}

static void
vici_client_dispose (GObject *object)
{
  ViciClient *client = VICI_CLIENT (object);

  if (!client->closed)
    shut_down (client, NULL);
  G_OBJECT_CLASS (vici_client_parent_class)->dispose (object);
}

static void
vici_client_finalize (GObject *object)
{
  ViciClient *client = VICI_CLIENT (object);

  g_clear_object (&client->io_cancellable);
  G_OBJECT_CLASS (vici_client_parent_class)->finalize (object);
}

static void
vici_client_class_init (ViciClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vici_client_dispose;
  object_class->finalize = vici_client_finalize;

  signals[SIGNAL_EVENT] = g_signal_new (
      "event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL,
      NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_POINTER);
  signals[SIGNAL_CLOSED]
      = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}
