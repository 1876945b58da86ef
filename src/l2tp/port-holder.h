/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Who holds a UDP port in this network namespace: the sockets bound to it
 * (/proc/net/udp and udp6), the process that owns each (a "socket:[inode]"
 * link in /proc/PID/fd), its name, command line and systemd unit.
 *
 * Why not just try to bind: xl2tpd binds with SO_REUSEADDR, so a second
 * SO_REUSEADDR socket on the same port binds fine and silently takes the
 * datagrams (measured, lab/RECIPE.md). Only the socket list says who is there
 * and whether it is bound to the wildcard address (then binding our specific
 * local address wins every datagram sent to it) or to that very address
 * (then we must not use the port).
 *
 * Synchronous and bounded: one pass over /proc, stopping as soon as every
 * socket has an owner. Meant for the connect preflight and for diagnose.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint32 pid;
  char *comm;         /* /proc/PID/comm, control characters escaped */
  char *cmdline;      /* arguments joined by spaces, escaped, at most ~200 chars */
  char *unit;         /* "xl2tpd.service", or NULL outside a service */
  gboolean user_unit; /* unit runs under a user's systemd (user@UID.service) */
} L2tpPortProcess;

typedef struct
{
  int family;        /* AF_INET or AF_INET6 */
  char *address;     /* local address as text: "0.0.0.0", "192.168.1.20", "::" */
  guint8 raw[16];    /* the same in network byte order (IPv4: first 4 bytes) */
  gboolean wildcard; /* 0.0.0.0 or :: */
  guint64 inode;
  guint32 uid;
  L2tpPortProcess *process; /* first process found with this socket, or NULL
                             * (kernel socket, or a process we may not inspect) */
} L2tpPortSocket;

typedef struct
{
  guint16 port;
  GPtrArray *sockets; /* L2tpPortSocket *, in /proc order; empty: port free */
  guint pids_scanned; /* how many /proc/PID/fd directories were read */
} L2tpPortHolder;

/* The sockets bound to port, each with its owner. NULL and an error only when
 * /proc/net/udp cannot be read; a free port gives an empty list. */
L2tpPortHolder *l2tp_port_holder_find (guint16 port, GError **error);
void l2tp_port_holder_free (L2tpPortHolder *holder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpPortHolder, l2tp_port_holder_free)

gboolean l2tp_port_holder_is_free (const L2tpPortHolder *holder);

/* The first socket on 0.0.0.0 or :: (it gets datagrams for any local address
 * nobody bound specifically), or NULL. */
const L2tpPortSocket *l2tp_port_holder_wildcard (const L2tpPortHolder *holder);

/* The socket bound to exactly local_addr (IPv4 also matches ::ffff:a.b.c.d),
 * or NULL. If there is one, binding local_addr ourselves would either fail or,
 * with SO_REUSEADDR on both, split the traffic: the port is not ours to use. */
const L2tpPortSocket *l2tp_port_holder_on_address (const L2tpPortHolder *holder,
                                                   const char *local_addr);

/* "UDP port 1701 is held by xl2tpd (pid 812, systemd unit xl2tpd.service) on
 * 0.0.0.0", one sentence per socket; NULL if the port is free. */
char *l2tp_port_holder_describe (const L2tpPortHolder *holder);

/* The command that frees the port ("sudo systemctl stop xl2tpd.service",
 * "sudo kill 812"), or NULL when there is no safe one to suggest. */
char *l2tp_port_holder_fix_command (const L2tpPortHolder *holder);

/* A sentence telling the user what to do, or NULL if the port is free. */
char *l2tp_port_holder_fix_hint (const L2tpPortHolder *holder);

/* The text of /proc/net/udp and /proc/net/udp6 (when IPv6 is there) of this
 * network namespace, for l2tp_proc_net_udp_parse(). NULL and an error only
 * when /proc/net/udp cannot be read. */
char *l2tp_udp_tables_read (GError **error);

/* The first process found holding the socket with this inode (one pass over
 * /proc/PID/fd, as for l2tp_port_holder_find()), or NULL: a kernel socket
 * (inode 0), a process that ended or that we may not inspect. */
L2tpPortProcess *l2tp_port_process_find (guint64 inode);
void l2tp_port_process_free (L2tpPortProcess *process);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpPortProcess, l2tp_port_process_free)

/* Helpers on /proc text, exposed for tests. */

/* The systemd unit in the text of /proc/PID/cgroup: the last path component
 * ending in ".service" of the unified ("0::") or name=systemd hierarchy.
 * *user_unit tells it lives below a user@UID.service. NULL if none. */
char *l2tp_port_holder_unit_from_cgroup (const char *cgroup_text, gboolean *user_unit);

/* /proc/PID/cmdline bytes (NUL-separated arguments) as one line of at most
 * at most max_bytes bytes, cleaned by l2tp_text_clean() (shared/text-clean.h). */
char *l2tp_port_holder_cmdline_printable (const char *raw, gsize len, gsize max_bytes);

G_END_DECLS
