/* SPDX-License-Identifier: GPL-2.0-or-later */
/* How deep a property list nests, found before libplist parses it.
 *
 * libplist 2.2 parses and frees recursively: a 700 KB binary property list
 * of arrays inside arrays exhausts the stack of nmcli or GNOME Settings.
 * Its binary reader also builds a shared object once per reference, so a
 * few KB of arrays that each name the next one twice expand to 2^N nodes.
 * This walks the bytes without building anything: for a binary property
 * list the objects through its offset table (iteratively, each object
 * once), for XML (anything else, as libplist treats it) the <array> and
 * <dict> tags. Pure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deeper than any real configuration profile (they nest about 5 levels). */
#define L2TP_PLIST_MAX_DEPTH 32
/* Nodes of the tree libplist would build from a binary property list. */
#define L2TP_PLIST_MAX_NODES 100000

/* TRUE when the property list nests at most max_depth arrays and
 * dictionaries (and, if binary, expands to at most L2TP_PLIST_MAX_NODES
 * nodes); else FALSE and an L2TP_IMPORT_ERROR_SYNTAX error. A binary one
 * whose objects cannot be followed is refused too (libplist would be). */
gboolean l2tp_plist_check_nesting (const char *buffer, gsize length, guint max_depth,
                                   GError **error);

G_END_DECLS
