/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Watches our L2TP address and port for another user's socket
 * (shared/foreign-socket.h says why one can bind there and what it gets).
 *
 * Each check reads /proc/net/udp{,6} of this network namespace and nothing
 * else (some microseconds for a desktop's few dozen sockets); only when a
 * foreign socket shows up is /proc/PID/fd searched once for its process. No
 * event tells of a new bind, hence a timer: a socket that lives shorter than
 * the interval between two checks can escape it (docs/ARCHITECTURE.md).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Seconds between two checks while a connection lives. */
#define L2TP_SOCKET_WATCH_INTERVAL_S 2

/* One check now. NULL when no foreign socket is there (or /proc/net/udp
 * cannot be read: then an error). Else "uid 1000 (nc, pid 4242) on
 * 10.0.0.2:1701", one such part per socket joined by "; ", and in *fix (may
 * be NULL) the command that ends them ("sudo kill 4242"), or NULL when no
 * process was found. local_addr must be an IP address. */
char *l2tp_foreign_socket_check (const char *local_addr, guint16 port, char **fix,
                                 GError **error);

typedef struct _L2tpSocketWatch L2tpSocketWatch;

/* A foreign socket was seen (arguments as l2tp_foreign_socket_check() gives
 * them). Called once: the watch stops before the call, which may free it. */
typedef void (*L2tpSocketWatchFound) (const char *sockets, const char *fix,
                                      gpointer user_data);

/* Checks every interval_s seconds from now on; the first check comes after
 * one interval, or from l2tp_socket_watch_check_now(). */
L2tpSocketWatch *l2tp_socket_watch_new (const char *local_addr, guint16 port,
                                        guint interval_s, L2tpSocketWatchFound found,
                                        gpointer user_data);
/* A check now (a moment that matters: xl2tpd started, the tunnel is up).
 * TRUE when found was called; w may be gone then. */
gboolean l2tp_socket_watch_check_now (L2tpSocketWatch *w);
void l2tp_socket_watch_free (L2tpSocketWatch *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpSocketWatch, l2tp_socket_watch_free)

G_END_DECLS
