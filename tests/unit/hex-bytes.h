/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Packets written in tests as hex text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bytes of @hex: pairs of hex digits, with spaces and '|' between
 * them as one likes, and "{N}" (N decimal) for N zero bytes. Any other
 * character aborts: a typo in a golden packet is a test bug. */
GBytes *hex_bytes (const char *hex);

G_END_DECLS
