/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The values of a profile's ipv4 and ipv6 settings (shared/profile.h) as the
 * keyfile format spells them and libnm takes them:
 *
 *   method=auto                        one of the family's methods
 *   dns=192.0.2.53;2001:db8::53;       addresses of the setting's family
 *   routes=10.1.0.0/16 via 10.0.0.1 metric 5;
 *                                      ADDRESS/PREFIX [via GATEWAY] [metric N]
 *
 * Checked here once: by the importer, whose error adds the line and the key,
 * and by the libnm side, which builds NMIPRoutes from the same parse. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many items in one list (dns, dns-search, routes). */
#define L2TP_IP_LIST_MAX 64

typedef struct
{
  int family; /* AF_INET or AF_INET6 */
  char *dest;
  guint prefix;
  char *via;     /* NULL: none */
  gint64 metric; /* -1: none */
} L2tpIpRoute;

/* "IPv4" or "IPv6". */
const char *l2tp_ip_family_name (int family);

/* The value, or NULL and an error that starts with it. */
gboolean l2tp_ip_check_method (int family, const char *method, GError **error);
gboolean l2tp_ip_check_address (int family, const char *address, GError **error);
L2tpIpRoute *l2tp_ip_route_parse (int family, const char *text, GError **error);

void l2tp_ip_route_free (L2tpIpRoute *route);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpIpRoute, l2tp_ip_route_free)

G_END_DECLS
