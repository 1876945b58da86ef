/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Asynchronous VICI client on GIO: one Unix socket connection to charon,
 * requests answered in order (one in flight at a time, the rest queued),
 * events delivered as they arrive, also while a request is pending.
 * No blocking calls; everything runs in the thread-default main context
 * that was current at vici_client_new_async().
 */
#pragma once

#include <gio/gio.h>

#include "shared/vici-message.h"

G_BEGIN_DECLS

typedef enum
{
  VICI_CLIENT_ERROR_UNKNOWN_COMMAND, /* charon: CMD_UNKNOWN */
  VICI_CLIENT_ERROR_UNKNOWN_EVENT,   /* charon: EVENT_UNKNOWN */
  VICI_CLIENT_ERROR_PROTOCOL,        /* charon sent something we cannot accept */
  VICI_CLIENT_ERROR_CLOSED,          /* charon went away (EOF, I/O error), or we closed */
} ViciClientError;

#define VICI_CLIENT_ERROR (vici_client_error_quark ())
GQuark vici_client_error_quark (void);

#define VICI_TYPE_CLIENT (vici_client_get_type ())
G_DECLARE_FINAL_TYPE (ViciClient, vici_client, VICI, CLIENT, GObject)

/*
 * Signals:
 *   "event" (detailed by event name, e.g. "event::ike-updown"):
 *       void handler (ViciClient *client, const char *name,
 *                     const ViciMessage *message, gpointer user_data);
 *       message is owned by the client and valid during the emission only.
 *   "closed": void handler (ViciClient *client, const GError *error, gpointer);
 *       emitted once when the connection ends: error is NULL after
 *       vici_client_close(), else says why (charon closed it, I/O or
 *       protocol error). Pending and queued calls fail with that error.
 */

void vici_client_new_async (const char *socket_path, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data);
ViciClient *vici_client_new_finish (GAsyncResult *result, GError **error);

/* args may be NULL (empty message); it is encoded at once and not kept.
 * The response message is returned as is: check "success" with
 * vici_message_check_success() for commands that have it. Cancelling a
 * request that is already on the wire completes the call promptly with
 * G_IO_ERROR_CANCELLED; its late response is consumed and dropped. */
void vici_client_request_async (ViciClient *client, const char *command,
                                const ViciMessage *args, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);
ViciMessage *vici_client_request_finish (ViciClient *client, GAsyncResult *result,
                                         GError **error);

void vici_client_register_event_async (ViciClient *client, const char *event,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
gboolean vici_client_register_event_finish (ViciClient *client, GAsyncResult *result,
                                            GError **error);
void vici_client_unregister_event_async (ViciClient *client, const char *event,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean vici_client_unregister_event_finish (ViciClient *client, GAsyncResult *result,
                                              GError **error);

/* Closes the socket now (charon sees EOF), fails pending calls with
 * VICI_CLIENT_ERROR_CLOSED and emits "closed" with a NULL error.
 * Idempotent; also done, without signals, when the last reference goes. */
void vici_client_close (ViciClient *client);
gboolean vici_client_is_closed (ViciClient *client);

G_END_DECLS
