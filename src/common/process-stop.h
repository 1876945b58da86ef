/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Ending a helper process: SIGTERM, and SIGKILL only when it is still there
 * after grace_ms (it ignored SIGTERM). Completes when the process is gone.
 * Works for our own children (GSubprocess, reaped by GLib) and for a
 * process we did not start but proved ours (process-ref.h: a private charon
 * another service instance started, pppd), signalled and watched through
 * its pidfd: no polling, no sleeping (without pidfds, a 100 ms check). */
#pragma once

#include <gio/gio.h>

#include "src/common/process-ref.h"

G_BEGIN_DECLS

void l2tp_process_stop_async (GSubprocess *process, guint grace_ms,
                              GAsyncReadyCallback callback, gpointer user_data);
/* Takes ref. */
void l2tp_process_ref_stop_async (L2tpProcessRef *ref, guint grace_ms,
                                  GAsyncReadyCallback callback, gpointer user_data);
/* FALSE only if the process could not be signalled at all. */
gboolean l2tp_process_stop_finish (GAsyncResult *result, GError **error);

G_END_DECLS
