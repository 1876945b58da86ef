/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — DHCPINFORM over the PPP link, and the server's DHCPACK
 * (RFC 2131, RFC 2132), for the routes a server pushes.
 *
 * Once IPCP is up, Windows and macOS L2TP clients send a DHCPINFORM from
 * their assigned address (UDP 68 to 67 over the PPP link); Windows RRAS,
 * and dnsmasq or ISC dhcpd set up for VPN clients, answer with a DHCPACK
 * holding classless static routes (121, or Microsoft's 249), DNS servers
 * (6), a domain (15), a search list (119) and NetBIOS name servers (44).
 * This module builds that request and reads that answer; the service
 * owns the socket.
 *
 * Reading is strict: an answer is taken whole or refused whole, with an
 * error naming what is wrong; one bad option refuses the answer (taking
 * the rest would let a broken or hostile server choose what is applied).
 * Option values are read as dhcp-options.h says. Also:
 *  - options split into several instances are joined (RFC 3396), in the
 *    order options field, file, sname;
 *  - option overload (52) is supported: the file and/or sname fields hold
 *    options when it says so (ISC dhcpd overloads a reply that does not
 *    fit the 576-byte default of a client that sends no option 57), each
 *    field read up to its end option or its end; 52 itself is only read in
 *    the options field and refused in the others;
 *  - an option whose length runs past the end of its field is refused; a
 *    field without an end option ends where the field does;
 *  - routes: from 121; from 249 only when 121 is absent. When both came,
 *    249 is not read at all (RFC 3442: a client that got 121 ignores the
 *    other route options) and @ignored_249 says so. Routers (3), requested
 *    as Windows does, are not read: on a PPP link the peer is the next
 *    hop, and RFC 3442 tells a client that got 121 to ignore them;
 *  - a default route (0.0.0.0/0) is kept among the routes and flagged by
 *    @has_default: it means "all traffic through the tunnel", which the
 *    caller decides on (never-default).
 *
 * Pure: bytes in, bytes or structs out; the transaction ID comes from the
 * caller. */
#ifndef L2TP_DHCP_INFORM_H
#define L2TP_DHCP_INFORM_H

#include <glib.h>

#include "dhcp-options.h"

G_BEGIN_DECLS

#define L2TP_DHCP_CHADDR_LEN  6
#define L2TP_DHCP_HEADER_LEN  236 /* up to the magic cookie */
#define L2TP_DHCP_BOOTP_MIN   300 /* a BOOTP message is at least this long */
#define L2TP_DHCP_CLIENT_PORT 68
#define L2TP_DHCP_SERVER_PORT 67

typedef struct
{
  gboolean has_server_id;
  guint32 server_id;    /* option 54, network byte order */
  guint routes_option;  /* where @routes come from: 121, 249, or 0 (neither came) */
  gboolean ignored_249; /* 121 and 249 both came; 249 was not read */
  GArray *routes;       /* of L2tpDhcpRoute */
  gboolean has_default; /* one of @routes is 0.0.0.0/0 */
  GArray *dns;          /* of guint32, network byte order (option 6) */
  GArray *nbns;         /* of guint32, network byte order (option 44) */
  char *domain;         /* option 15, or NULL */
  GPtrArray *search;    /* of char *, option 119 (empty without it) */
} L2tpDhcpAnswer;

void l2tp_dhcp_answer_free (L2tpDhcpAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpDhcpAnswer, l2tp_dhcp_answer_free)

/* A DHCPINFORM of 300 bytes: BOOTREQUEST, Ethernet hardware type and
 * length with @chaddr, transaction ID @xid (a number, sent most
 * significant byte first; the caller's randomness), ciaddr @client_addr
 * (network byte order; the ACK is unicast to it, so flags 0), no yiaddr,
 * siaddr or giaddr; options 53 DHCPINFORM, 61 client identifier (type 1,
 * @chaddr), 60 "MSFT 5.0", 77 "RRAS.Microsoft", 55 asking for 1, 121,
 * 249, 3, 6, 15, 44, 119, and the end option, padded to the BOOTP
 * minimum. */
GBytes *l2tp_dhcp_inform_build (guint32 xid, guint32 client_addr,
                                const guint8 chaddr[L2TP_DHCP_CHADDR_LEN]);

/* Reads a datagram that may answer the DHCPINFORM with @xid and @chaddr.
 * NOT_OURS: not a BOOTREPLY, another transaction ID, or another chaddr
 * (RFC 2131 servers echo it; with the xid it is what a process of this
 * machine, which can send to our port too, cannot guess) — the caller
 * ignores it. NAK:
 * the server answered DHCPNAK (its message, option 56, cleaned, in the
 * error). MALFORMED: too short, no magic cookie, no DHCPACK, an option
 * that does not fit. BAD_OPTION: an option value refused (dhcp-options.h).
 * Never reads past @len. */
L2tpDhcpAnswer *l2tp_dhcp_ack_parse (const guint8 *data, gsize len, guint32 xid,
                                     const guint8 chaddr[L2TP_DHCP_CHADDR_LEN],
                                     GError **error);

/* The answer as one log line, e.g. "server 10.0.0.1; routes (option 121)
 * 10.1.0.0/16 via 10.0.0.1, 0.0.0.0/0 via 0.0.0.0 (default); DNS
 * 10.0.0.53; NBNS 10.0.0.54; domain corp.example; search corp.example,
 * example.com". Parts without values are left out; "no routes" when there
 * are none. Its names passed dhcp-options.h's checks, so it is plain
 * ASCII. */
char *l2tp_dhcp_answer_to_string (const L2tpDhcpAnswer *answer);

G_END_DECLS

#endif /* L2TP_DHCP_INFORM_H */
