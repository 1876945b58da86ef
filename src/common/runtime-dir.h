/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-connection runtime directory /run/nm-l2tp-ipsec/<id>/ (0700, root):
 * xl2tpd.conf, ppp-options, the control pipe, pid files, pppd's copies of
 * the connection's user-ca/-cert/-key. Only flat files
 * live there, so removing one never recurses. The private charon keeps its
 * own subdirectory "charon" next to them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define L2TP_RUNTIME_ROOT  "/run/nm-l2tp-ipsec"
#define L2TP_CHARON_SUBDIR "charon"
/* Written by the service into its connection's directory: "PID STARTTIME". */
#define L2TP_SERVICE_PID_FILE "service.pid"

/* A name safe as a directory, an xl2tpd [lac] and a strongSwan conn name for
 * the connection with this UUID: the UUID itself when it is made of
 * [A-Za-z0-9-] (at most 64 bytes), else "x" + the SHA-256 of it in hex,
 * cut to 64 bytes. Never NULL. Pure. */
char *l2tp_runtime_id (const char *uuid);
/* "nm-l2tp-ipsec-<id>": the name of our strongSwan conn and xl2tpd [lac]. */
char *l2tp_runtime_conn_name (const char *id);

/* A directory we own, mode 0700, not a symlink: created when missing. */
gboolean l2tp_runtime_ensure_dir (const char *path, GError **error);

/* Creates root (0700) and root/id (0700), empty: a leftover directory of the
 * same id is emptied first. Refuses a symlink or a directory not owned by us. */
char *l2tp_runtime_dir_create (const char *root, const char *id, GError **error);
/* Writes a file (0600, created new, replaced atomically). */
gboolean l2tp_runtime_write_file (const char *dir, const char *name, const char *contents,
                                  GError **error);
/* The same for bytes (a certificate or key: binary, DER or PKCS#12). */
gboolean l2tp_runtime_write_bytes (const char *dir, const char *name, GBytes *contents,
                                   GError **error);
/* Removes the files of dir and dir itself; quiet when it is gone already. */
void l2tp_runtime_dir_remove (const char *dir);

/* "PID STARTTIME" of this process for L2TP_SERVICE_PID_FILE. */
char *l2tp_runtime_pid_stamp (void);
/* TRUE if stamp ("PID STARTTIME", or just "PID") names a live process. */
gboolean l2tp_runtime_stamp_alive (const char *stamp);

/* Processes whose command line names dir (pppd runs with "file
 * DIR/ppp-options"): what must not outlive the connection. GPid array. */
GArray *l2tp_runtime_find_processes (const char *dir);

/* At service start: removes the directories under root whose service is
 * dead, after sending SIGTERM to the xl2tpd and pppd a crashed service left
 * behind (found by their command line naming that directory).
 * Returns how many were removed. */
guint l2tp_runtime_cleanup_stale (const char *root);

G_END_DECLS
