/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The cleartext guard of one connection in the kernel (the rules:
 * shared/render-guard.h), put there and taken away with nftables' `nft`.
 *
 * Lifetime: installed once the local address and L2TP port are known and
 * before xl2tpd starts (it sends its first SCCRQ at once), removed at the
 * very end of the teardown, after xl2tpd and pppd are gone and the SAs are
 * down. Only for connections with IPsec: without it every L2TP packet would
 * be dropped. A guard whose service died stays (it only drops what must not
 * leave anyway) until l2tp_cleartext_guard_cleanup_stale() at the next start.
 *
 * Why the nft program and not libnftables: Debian 12's libnftables1 has no
 * development package on the build machines (libnftables-dev); the program
 * is the same library behind a stable command line. Each call is one nft
 * transaction. $NM_L2TP_IPSEC_NFT overrides the program (tests; the
 * service's environment is root's).
 */
#pragma once

#include <gio/gio.h>

#include "shared/render-guard.h"

G_BEGIN_DECLS

/* nft's path, or NULL when nftables is not installed. */
const char *l2tp_cleartext_guard_nft_path (void);

/* Installs the guard of tuple->id, replacing one of the same id in the same
 * transaction. Errors in L2TP_FAILURE_ERROR: MISSING_PROGRAM without nft,
 * GUARD with nft's words (a kernel without nf_tables, a bad tuple). */
void l2tp_cleartext_guard_install_async (const L2tpGuardTuple *tuple,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean l2tp_cleartext_guard_install_finish (GAsyncResult *result, GError **error);

/* Removes the guard of id (quiet when it is not there), logging first what it
 * dropped. Not cancellable: a teardown always ends with it. counts (may be
 * NULL) gets the drop counters, zero when they could not be read. */
void l2tp_cleartext_guard_remove_async (const char *id, GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean l2tp_cleartext_guard_remove_finish (GAsyncResult *result,
                                             L2tpGuardCounts *counts, GError **error);

/* Synchronous, for tests and diagnose: the drop counters of id's guard.
 * FALSE and an error when it is not installed. */
gboolean l2tp_cleartext_guard_counts (const char *id, L2tpGuardCounts *counts,
                                      GError **error);

/* The marker <runtime_root>/<id>.guard: a guard of id may be in the
 * kernel. Set before the install, cleared after a removal that worked; a
 * service that dies leaves it. It spares every service start an nft run
 * (0.3-1.6 s under the lab's TCG, in front of every connect) when no
 * guard can be left. FALSE (logged) when it cannot be written. */
gboolean l2tp_cleartext_guard_mark (const char *runtime_root, const char *id);
void l2tp_cleartext_guard_unmark (const char *runtime_root, const char *id);

/* Synchronous, at service start, only when a marker of a dead service is
 * there (else no nft runs): removes the guards whose connection's runtime
 * directory under runtime_root has no live service, unless a process
 * (xl2tpd, pppd) still names that directory (it may still send: the guard
 * and its marker stay until a later start); then the markers of dead
 * services whose guard is gone. Returns how many guards were removed. */
guint l2tp_cleartext_guard_cleanup_stale (const char *runtime_root);

G_END_DECLS
