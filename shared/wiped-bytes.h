/* SPDX-License-Identifier: GPL-2.0-or-later */
/* GBytes whose memory is zeroed when the last reference goes, whoever
 * holds it then (a queued request, a write still in flight, a message
 * tree). VICI values and frames are made of these: load-shared carries the
 * PSK, load-key the machine's private key. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes data (g_malloc'ed, len bytes; NULL when len is 0). */
GBytes *l2tp_wiped_bytes_take (gpointer data, gsize len);

G_END_DECLS
