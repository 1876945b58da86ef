/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Ending a helper process: SIGTERM, and SIGKILL only when it is still there
 * after grace_ms (it ignored SIGTERM). Completes when the process is gone.
 * Works for our own children (GSubprocess, reaped by GLib) and for a pid we
 * did not start (a private charon another service instance started),
 * watched through a pidfd: no polling, no sleeping. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void l2tp_process_stop_async (GSubprocess *process, guint grace_ms,
                              GAsyncReadyCallback callback, gpointer user_data);
void l2tp_pid_stop_async (GPid pid, guint grace_ms, GAsyncReadyCallback callback,
                          gpointer user_data);
/* FALSE only if the process could not be signalled at all. */
gboolean l2tp_process_stop_finish (GAsyncResult *result, GError **error);

G_END_DECLS
