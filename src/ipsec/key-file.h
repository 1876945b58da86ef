/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Files a connection names (machine-key, machine-cert, machine-ca), checked
 * and read by the service as root before charon gets them. Errors name the
 * setting and the path, never the contents. */
#pragma once

#include <glib.h>

#include "shared/config.h"
#include "shared/private-key.h"

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

/* machine-ca and machine-cert checked (charon reads them), machine-key
 * read and decrypted with machine-certpass, since load-key takes it
 * decrypted. Errors (L2TP_CONFIG_ERROR) name the setting. */
L2tpPrivateKey *l2tp_key_file_read_machine_key (const L2tpConfig *cfg, GError **error);

G_END_DECLS
