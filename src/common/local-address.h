/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The local address that reaches the gateway, and whether we can bind L2TP's
 * port on it next to another holder.
 *
 * The kernel hands a UDP datagram to the most specific socket: one bound to
 * 192.168.1.20:1701 gets everything sent to that address even while a distro
 * xl2tpd sits on 0.0.0.0:1701, in either bind order (measured, lab/RECIPE.md).
 * So we bind the one address that faces the gateway.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The source address the kernel would choose to send to gateway:port, as
 * text ("192.168.1.20", "2001:db8::5", "fe80::1%eth0"). gateway is an IPv4 or
 * IPv6 literal (a name must be resolved before). Uses connect() on a UDP
 * socket, which only consults the routing table: no packet leaves. Fails with
 * G_IO_ERROR_NETWORK_UNREACHABLE and friends when there is no route. */
char *l2tp_local_address_for_gateway (const char *gateway, guint16 port, GError **error);

/*
 * TRUE if a UDP socket with SO_REUSEADDR (as xl2tpd opens it) can bind
 * local_addr:port right now; the socket is closed again at once.
 *
 * By the kernel's rules this also succeeds next to a holder on 0.0.0.0:port
 * that used SO_REUSEADDR (xl2tpd does) -- the case we want: the specific
 * socket then receives all traffic for local_addr. But it ALSO succeeds next
 * to a holder bound to this same local_addr with SO_REUSEADDR, and then the
 * socket bound last takes every datagram from the other one. So this answer
 * alone never decides: check l2tp_port_holder_on_address() first, and use
 * this to learn about holders without SO_REUSEADDR (bind fails with
 * G_IO_ERROR_ADDRESS_IN_USE) or an address that is not (or no longer)
 * local ("Cannot assign requested address").
 */
gboolean l2tp_port_can_share (const char *local_addr, guint16 port, GError **error);

G_END_DECLS
