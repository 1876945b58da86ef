/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which freed heap blocks still held a secret: this file replaces the
 * test binary's malloc family (glibc's __libc_* underneath), and every
 * block given back through free() or moved by realloc() is searched for
 * the marker first. A test that wipes its secrets sees no hit.
 *
 * Not with AddressSanitizer, which owns the allocator: there
 * free_scan_available() is FALSE and the tests skip. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean free_scan_available (void);
/* Starts counting freed blocks that contain marker (copied; up to 64
 * bytes); NULL stops. */
void free_scan_set_marker (const char *marker);
guint free_scan_hits (void);

G_END_DECLS
