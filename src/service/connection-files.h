/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The files one connect uses, read once before IPsec starts: machine-ca,
 * machine-cert and machine-key with certificates for IPsec
 * (machine-auth-type tls), user-ca, user-cert and user-key with EAP-TLS
 * (user-auth-type tls). A private connection's files (connection.permissions
 * names its users) are read as each of its users, and each must be able
 * to; a shared connection's as root (connection-file.h).
 *
 * Nobody but the service reads a path of the connection afterwards:
 * charon gets the certificates and the key as bytes over VICI, pppd reads
 * copies in the runtime directory (0700, files 0600), which go with it. */
#pragma once

#include <gio/gio.h>

#include "shared/config.h"

G_BEGIN_DECLS

typedef enum
{
  L2TP_FILE_MACHINE_CA,
  L2TP_FILE_MACHINE_CERT,
  L2TP_FILE_MACHINE_KEY,
  L2TP_FILE_USER_CA,
  L2TP_FILE_USER_CERT,
  L2TP_FILE_USER_KEY,
  L2TP_FILE_COUNT
} L2tpFileSlot;

typedef struct
{
  GBytes *bytes[L2TP_FILE_COUNT]; /* wiped GBytes; NULL: not named or not used */
} L2tpConnectionFiles;

/* The key each slot holds ("machine-key", …). */
L2tpKeyId l2tp_connection_file_key (L2tpFileSlot slot);

/* users: NULL for a shared connection (read as root), else the users of
 * connection.permissions (each must be able to read every file; an empty
 * list reads nothing and fails). The error (G_FILE_ERROR) starts with the
 * key's name ("machine-key: /path: permission denied for
 * user alice"). Blocking: see l2tp_connection_files_read_async(). */
L2tpConnectionFiles *l2tp_connection_files_read (const L2tpConfig *cfg,
                                                 const char *const *users,
                                                 GError **error);
/* The same in a worker thread; cfg and users are copied first. */
void l2tp_connection_files_read_async (const L2tpConfig *cfg, const char *const *users,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
L2tpConnectionFiles *l2tp_connection_files_read_finish (GAsyncResult *result,
                                                        GError **error);

/* Drops (and so wipes) one file's bytes once it is no longer needed. */
void l2tp_connection_files_forget (L2tpConnectionFiles *files, L2tpFileSlot slot);
void l2tp_connection_files_free (L2tpConnectionFiles *files);

/* The file names of pppd's copies in the runtime directory. */
#define L2TP_PPP_CA_FILE   "user-ca"
#define L2TP_PPP_CERT_FILE "user-cert"
#define L2TP_PPP_KEY_FILE  "user-key"

/* Writes the copies of user-ca, user-cert and user-key that were read
 * into dir (0600 each) and sets paths[0..2] (ca, cert, key; NULL on entry;
 * newly allocated, left NULL for a file not used). Their bytes are
 * dropped. */
gboolean l2tp_connection_files_write_ppp (L2tpConnectionFiles *files, const char *dir,
                                          char *paths[3], GError **error);

/* The copies erased (zeroed, removed) and the paths freed and cleared. */
void l2tp_connection_files_erase_ppp (char *paths[3]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpConnectionFiles, l2tp_connection_files_free)

G_END_DECLS
