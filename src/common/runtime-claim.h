/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One service process at a time for a connection.
 *
 * NetworkManager starts a service process per activation, so a quick
 * reconnect starts a new one while the old one still tears down. Both
 * would use the same runtime directory ROOT/<id>/ and the same names made
 * from id (xl2tpd's [lac], the strongSwan conn, child and shared-key id):
 * the old teardown would end the new one's helpers, remove its files and
 * unload its SA and key. So a process claims the connection first:
 *
 *  - ROOT/<id>.lock holds an exclusive flock as long as the claim lasts
 *    (the kernel drops it when its holder dies: a crash never blocks),
 *    with the holder's pid stamp in it for the messages;
 *  - a second process waits for the lock (retried every 50 ms, up to a
 *    limit), saying whom it waits for;
 *  - once held, helpers a crashed holder left naming the directory (our
 *    xl2tpd and pppd, proven so by process-ref.h) are ended and awaited,
 *    the directory is emptied and service.pid written;
 *  - on release the directory goes first, then the lock file is unlinked,
 *    then the lock dropped.
 *
 * A directory whose service.pid names a live process (a process of an
 * older version, which took no lock) counts as held too. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _L2tpRuntimeClaim L2tpRuntimeClaim;

/* Errors: G_IO_ERROR_BUSY when another process still holds the connection
 * after timeout_s, G_IO_ERROR_CANCELLED, or the directory's own error. */
void l2tp_runtime_claim_async (const char *root, const char *id, guint timeout_s,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data);
L2tpRuntimeClaim *l2tp_runtime_claim_finish (GAsyncResult *result, GError **error);
/* ROOT/<id>, created, empty but for service.pid. */
const char *l2tp_runtime_claim_get_dir (L2tpRuntimeClaim *claim);
/* Removes the directory and its files, then lets the next process in. */
void l2tp_runtime_claim_release (L2tpRuntimeClaim *claim);

/* At service start: the directories under root nobody holds (their
 * service crashed) are claimed and removed, after SIGTERM to the xl2tpd
 * and pppd left behind in them (found and proven as above); stray lock
 * files go too. Returns how many directories were removed. */
guint l2tp_runtime_cleanup_stale (const char *root);

G_END_DECLS
