/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sockets of other users on our L2TP address and port.
 *
 * xl2tpd binds its socket with SO_REUSEADDR, and for UDP the kernel then lets
 * any user bind the very same address and port next to it (the port is above
 * 1023, and the owner is not compared unless both use SO_REUSEPORT). The
 * socket bound last, or a connected one, gets the datagrams: the server's
 * L2TP and PPP, already decrypted by ESP. Only the socket list shows it.
 *
 * Foreign here: a socket whose owner is not root (the service, xl2tpd and
 * pppd all run as root) bound to exactly our local address and port, or, for
 * an IPv4 address, to its IPv4-mapped IPv6 form (::ffff:a.b.c.d), which gets
 * the same IPv4 datagrams. A socket on the wildcard address (0.0.0.0, ::) is
 * not: the kernel looks for a socket bound to the datagram's own address
 * first and falls back on the wildcard ones only when there is none.
 *
 * Pure: the rows of shared/proc-net-udp.h in, the foreign ones out.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define L2TP_FOREIGN_SOCKET_ERROR (l2tp_foreign_socket_error_quark ())
GQuark l2tp_foreign_socket_error_quark (void);

/* The owner whose sockets are ours. */
#define L2TP_FOREIGN_SOCKET_OWN_UID 0

/* The foreign sockets among rows (an array of L2tpProcUdpSocket), as a new
 * array of L2tpProcUdpSocket in row order, empty when there is none. NULL and
 * an error (L2TP_FOREIGN_SOCKET_ERROR, code 0) when local_addr is not an IPv4 or IPv6
 * address or port is 0. */
GArray *l2tp_foreign_sockets_find (const GArray *rows, const char *local_addr,
                                   guint16 port, GError **error);

G_END_DECLS
