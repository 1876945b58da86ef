/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small helpers the line-based importers share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Refuse NUL bytes and invalid UTF-8, naming the line of the first bad byte. */
gboolean l2tp_import_check_text (const char *buffer, gsize length, GError **error);

/* The next line of buffer from *pos, without its "\n" or "\r\n"; NULL at the
 * end. *line_no counts lines from 1. */
char *l2tp_import_next_line (const char *buffer, gsize length, gsize *pos,
                             guint *line_no);

/* An importer's error on its way out: the file's text in it is cleaned
 * (shared/text-clean.h), so a message never carries the file's control or
 * bidi characters. Returns NULL, for "return l2tp_import_failed (error);". */
gpointer l2tp_import_failed (GError **error);

/* "true"/"yes"/"1" → 1, "false"/"no"/"0" → 0, anything else → -1. */
int l2tp_import_parse_bool (const char *value);

G_END_DECLS

G_BEGIN_DECLS

/* A name or list item from a file: 1 to 255 bytes of text without control
 * characters. The error starts with what; the caller adds where. */
gboolean l2tp_import_check_label (const char *what, const char *value, GError **error);

G_END_DECLS
