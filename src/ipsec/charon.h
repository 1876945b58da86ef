/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The strongSwan IKE daemon we talk to over VICI.
 *
 * A charon that answers on the system socket (/run/charon.vici: the distro's
 * strongSwan service) is used as it is and never stopped or restarted.
 * Otherwise a private charon is started with its own strongswan.conf, VICI
 * socket and log in /run/nm-l2tp-ipsec/charon/, and stopped when the last
 * connection using it (of any service instance) ends. A charon that runs but
 * does not answer is an error: starting a second one would take the running
 * one's socket away. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define L2TP_CHARON_SYSTEM_SOCKET  "/run/charon.vici"
#define L2TP_CHARON_SYSTEM_PIDFILE "/run/charon.pid"

typedef struct _L2tpCharonUse L2tpCharonUse;

/* Finds or starts charon and registers this connection as one of its users.
 * Errors are in L2TP_FAILURE_ERROR (missing program, charon unusable). A
 * connection first calls l2tp_charon_early_forget() (charon-early.h): its use
 * stands for the early one, whose charon it then finds ready. */
void l2tp_charon_use_async (const char *runtime_root, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data);
L2tpCharonUse *l2tp_charon_use_finish (GAsyncResult *result, GError **error);

const char *l2tp_charon_use_get_socket (L2tpCharonUse *use);
/* charon's "version" answer, e.g. "5.9.8" (NULL if it gave none). */
const char *l2tp_charon_use_get_version (L2tpCharonUse *use);
gboolean l2tp_charon_use_is_private (L2tpCharonUse *use);

/* Ends this use; stops a private charon nobody else uses. Frees use. */
void l2tp_charon_unuse_async (L2tpCharonUse *use, GAsyncReadyCallback callback,
                              gpointer user_data);
void l2tp_charon_unuse_finish (GAsyncResult *result);
/* Frees use without ending it: another use of this process (the same user
 * marker) stands for it. */
void l2tp_charon_use_forget (L2tpCharonUse *use);

G_END_DECLS
