/* SPDX-License-Identifier: GPL-2.0-or-later */
/* charon found or started while NetworkManager still asks for secrets, so
 * that the Connect that follows finds it ready (a private charon takes
 * about half a second to start under emulation). The service asks at
 * NeedSecrets, once the connection's settings passed the sanitizer and
 * have IPsec on: never for a connection Connect will refuse.
 *
 * The early use is a placeholder user of charon: the connection's own use
 * (l2tp_charon_use_async after l2tp_charon_early_forget) replaces it, and one nobody took
 * is ended at exit. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void l2tp_charon_early_start (const char *runtime_root);
/* A connection asks for charon itself: the early use, now or when it is
 * ready, is dropped without ending it (the connection's use is the same
 * user of charon). */
void l2tp_charon_early_forget (void);
/* Ends an early use nobody took (the private charon stops if no other
 * connection uses it). FALSE: nothing to wait for; else done runs later. */
gboolean l2tp_charon_early_release (GDestroyNotify done, gpointer done_data);

G_END_DECLS
