/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-connection runtime directory /run/nm-l2tp-ipsec/<id>/ (0700, root):
 * xl2tpd.conf, ppp-options, the control pipe, pid files, pppd's copies of
 * the connection's user-ca/-cert/-key. Only flat files live there, so
 * removing one never recurses. A process uses it only while it holds
 * <id>.lock beside it (runtime-claim.h). The private charon keeps its own
 * subdirectory "charon" next to them. */
#pragma once

#include <glib.h>
#include <sys/types.h>

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

/* Pid stamps, "PID STARTTIME" (start time: field 22 of /proc/PID/stat),
 * name a process in our files (service.pid, charon.pid, charon users): a
 * pid alone could name whatever process got that pid after a crash. */
/* pid's stamp, NULL if it is gone. */
char *l2tp_runtime_stamp_of (pid_t pid);
/* This process's, for L2TP_SERVICE_PID_FILE. */
char *l2tp_runtime_pid_stamp (void);
/* FALSE unless stamp is exactly "PID STARTTIME" (a pid alone is refused). */
gboolean l2tp_runtime_stamp_parse (const char *stamp, pid_t *pid, guint64 *start);
/* TRUE if stamp names a live process: its pid, started at that time. */
gboolean l2tp_runtime_stamp_alive (const char *stamp);

/* An exclusive flock on path (created 0600 when missing): its fd, or -1 if
 * another process holds it. l2tp_runtime_unlock unlinks path (when given)
 * before dropping the lock: whoever then locks the old, unlinked file sees
 * that and tries again. */
int l2tp_runtime_lock (const char *path);
void l2tp_runtime_unlock (int *fd, const char *path);

/* Where xl2tpd and pppd are installed: the programs that may run in a
 * runtime directory. NULL-terminated. */
extern const char *const l2tp_runtime_programs[];

/* Our helpers still running for dir: root processes of l2tp_runtime_programs
 * (resp. programs) with an argument in dir (pppd runs with "file
 * DIR/ppp-options"), each held by a pidfd (process-ref.h). A process that
 * names dir but is not ours is logged and left out. Array of
 * L2tpProcessRef. */
GPtrArray *l2tp_runtime_find_processes (const char *dir);
GPtrArray *l2tp_runtime_find_processes_of (const char *dir, const char *const *programs);

G_END_DECLS
