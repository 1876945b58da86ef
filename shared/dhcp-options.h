/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — the values of the DHCP options a DHCPINFORM asks for.
 *
 * Each decoder reads one option's value, already concatenated from all its
 * instances (RFC 3396), and either returns all of it or refuses all of it
 * with an error of L2TP_DHCP_ERROR_BAD_OPTION that starts with "option N:"
 * and names the byte offset in the value. Nothing is ever "cleaned": these
 * values come from a server across the tunnel and end in the routing
 * table, NetworkManager and resolv.conf, so they are treated as hostile.
 *
 *  - classless routes (121, RFC 3442; 249, Microsoft's copy of the same
 *    format): per route a width octet 0-32, the ceil(width/8) significant
 *    octets of the destination, 4 octets of router. Refused: a width over
 *    32, a route cut short, a bit set beyond the prefix in the significant
 *    octets (RFC 3442 requires them zero; masking would install a route the
 *    server did not write), a router that is neither 0.0.0.0 (on-link) nor
 *    a unicast address, more than L2TP_DHCP_MAX_ROUTES routes;
 *  - address lists (6 DNS, 44 NetBIOS name servers, 54 server identifier):
 *    a non-zero multiple of 4 octets, each a unicast address (not 0/8,
 *    127/8, nor 224.0.0.0 and above);
 *  - names (15 domain name, one name; 119 domain search, RFC 3397: DNS
 *    wire-format names, RFC 1035 compression): letters, digits and '-'
 *    only in labels of 1-63 octets, no label starting or ending with '-',
 *    the name at most 253 characters written with dots. 15 may end in NUL
 *    octets (Microsoft's DHCP server sends one) and in one '.', both
 *    dropped. A compression pointer of 119 must point before the start of
 *    the name it is in and before the target of the name's previous
 *    pointer, so a loop cannot be written; at most L2TP_DHCP_MAX_SEARCH
 *    names.
 *
 * Pure: no I/O, no state. */
#ifndef L2TP_DHCP_OPTIONS_H
#define L2TP_DHCP_OPTIONS_H

#include <glib.h>

G_BEGIN_DECLS

#define L2TP_DHCP_MAX_ROUTES   64
#define L2TP_DHCP_MAX_SEARCH   32
#define L2TP_DHCP_MAX_NAME_LEN 253

#define L2TP_DHCP_ERROR (l2tp_dhcp_error_quark ())
GQuark l2tp_dhcp_error_quark (void);

typedef enum
{
  L2TP_DHCP_ERROR_NOT_OURS,   /* not a BOOTREPLY, or for another transaction ID */
  L2TP_DHCP_ERROR_NAK,        /* the server answered DHCPNAK */
  L2TP_DHCP_ERROR_MALFORMED,  /* the message cannot be read, or is not a DHCPACK */
  L2TP_DHCP_ERROR_BAD_OPTION, /* a readable message with an option value we refuse */
} L2tpDhcpError;

/* Sets @error (domain L2TP_DHCP_ERROR) to the message, after "option
 * @option: " unless @option is 0; returns FALSE. For dhcp-inform.c too. */
gboolean l2tp_dhcp_set_error (GError **error, L2tpDhcpError code, guint option,
                              const char *format, ...) G_GNUC_PRINTF (4, 5);

/* One route; addresses in network byte order. */
typedef struct
{
  guint32 network; /* host bits zero */
  guint32 gateway; /* 0.0.0.0: on the link itself (RFC 3442), here ppp0 */
  guint prefix;    /* 0-32; 0 is a default route */
} L2tpDhcpRoute;

/* Appends the routes of a 121 or 249 value (@code names it in errors) to
 * @routes (of L2tpDhcpRoute); on failure @routes is as it was. */
gboolean l2tp_dhcp_routes_decode (guint code, const guint8 *value, gsize len,
                                  GArray *routes, GError **error);

/* Appends the addresses (guint32, network order) of a 6, 44 or 54 value to
 * @addresses; on failure @addresses is as it was. */
gboolean l2tp_dhcp_addresses_decode (guint code, const guint8 *value, gsize len,
                                     GArray *addresses, GError **error);

/* The one name of option 15, without trailing NULs or dot. */
char *l2tp_dhcp_domain_decode (const guint8 *value, gsize len, GError **error);

/* The names of option 119, in order (of char *). */
GPtrArray *l2tp_dhcp_search_decode (const guint8 *value, gsize len, GError **error);

/* TRUE for an address a host can be sent to: not 0.0.0.0/8, not
 * 127.0.0.0/8, below 224.0.0.0 (multicast, reserved, broadcast). */
gboolean l2tp_dhcp_address_is_unicast (guint32 addr);

/* "a.b.c.d" of @addr (network order), written into @buf. */
#define L2TP_DHCP_ADDRESS_BUF 16
const char *l2tp_dhcp_address_format (guint32 addr, char buf[L2TP_DHCP_ADDRESS_BUF]);

/* Windows' route for a connection without pushed routes: the class A (/8),
 * B (/16) or C (/24) network of the address the server assigned (@addr
 * and @network in network byte order). FALSE for an address of class D or
 * E, or in 0/8 or 127/8, which have no such network. */
gboolean l2tp_dhcp_classful_route (guint32 addr, guint32 *network, guint *prefix);

G_END_DECLS

#endif /* L2TP_DHCP_OPTIONS_H */
