/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Files a connection names (machine-key, machine-cert, machine-ca), checked
 * and read by the service as root before charon gets them. Errors name the
 * setting and the path, never the contents. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Largest key file read: a PKCS#12 with its chain fits many times. */
#define L2TP_KEY_FILE_MAX (256 * 1024)

/* The whole file at path (not through a symlink, a regular file, at most
 * L2TP_KEY_FILE_MAX bytes). The bytes are wiped when the last reference
 * goes. The error (G_FILE_ERROR) begins with "key: path: ". */
GBytes *l2tp_key_file_read (const char *key, const char *path, GError **error);

/* TRUE if path is a regular file this process can read (charon, as root,
 * reads it itself). The error (G_FILE_ERROR) begins with "key: path: ". */
gboolean l2tp_key_file_check (const char *key, const char *path, GError **error);

G_END_DECLS
