/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One file a connection names (machine-key, machine-cert, user-ca, …),
 * read by the service: as root for a shared (system) connection, as the
 * connection's user for a private one (connection.permissions), so a user
 * cannot make the root service read what only root may read
 * (CVE-2025-9615 class).
 *
 * Every read is bounded: not through a symlink, a regular file, at most
 * L2TP_CONNECTION_FILE_MAX bytes. The bytes are wiped when the last
 * reference goes. Errors (G_FILE_ERROR) begin with "key: path: " and never
 * quote the contents. Blocking (a child process, a file system): call from
 * a worker thread, never from the service's main loop. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Largest file read: a PKCS#12 with its chain fits many times. */
#define L2TP_CONNECTION_FILE_MAX (256 * 1024)

/* How long reading as a user may take before the reader is killed (a file
 * on a network file system that hangs). */
#define L2TP_CONNECTION_FILE_TIMEOUT_MS 10000

/* path read as user, or as this process when user is NULL. With a user,
 * libnm's nm_utils_copy_cert_as_user() when the build chose it
 * (L2TP_FILE_ACCESS_LIBNM), else l2tp_connection_file_read_forked(). */
GBytes *l2tp_connection_file_read (const char *key, const char *path, const char *user,
                                   GError **error);

/* path read by this process itself. */
GBytes *l2tp_connection_file_read_here (const char *key, const char *path,
                                        GError **error);

/* path read by a child of this process that took user's uid, gid and
 * groups before opening it (no exec, no shell). The service must be root;
 * a user equal to the current one reads without changing anything. */
GBytes *l2tp_connection_file_read_forked (const char *key, const char *path,
                                          const char *user, GError **error);

/* path copied by libnm's nm_utils_copy_cert_as_user() (NetworkManager ≥
 * 1.56: its helper reads as user), the copy read here and removed. Built
 * only against a libnm that has it, and in the tests against a stand-in. */
GBytes *l2tp_connection_file_read_libnm (const char *key, const char *path,
                                         const char *user, GError **error);

/* A copy of such a file (ours for pppd, libnm's) overwritten with zeros,
 * then removed: tmpfs gives its pages back as they are. Quiet when it is
 * gone already. */
void l2tp_connection_file_erase (const char *path);

/* "libnm" or "helper": how this build reads as a user. */
const char *l2tp_connection_file_access (void);

G_END_DECLS
