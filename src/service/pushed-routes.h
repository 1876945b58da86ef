/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the server's DHCPINFORM answer and the class-based route change in
 * the IPv4 configuration sent to NetworkManager (nm-ip-config.h's). Pure.
 *
 * The rule: pushed routes go into the tunnel; when the server pushed
 * routes and none of them is a default route, it means a split tunnel and
 * the tunnel stops being the default route (as it does when the
 * connection's ipv4.never-default is set). A pushed default route keeps
 * it. DNS and WINS servers come after PPP's, domains are the search list. */
#pragma once

#include <glib.h>

#include "shared/dhcp-inform.h"

G_BEGIN_DECLS

/* @ip4 with a route to the class A, B or C network of its address (what
 * Windows adds when it does not take the default route); @ip4 itself when
 * its address has no class network. Floating or @ip4 referenced. */
GVariant *l2tp_ip4_config_add_classful_route (GVariant *ip4);

/* @ip4 with the answer's routes, servers and domains; *split TRUE when the
 * answer made it a split tunnel. Floating. */
GVariant *l2tp_ip4_config_add_answer (GVariant *ip4, const L2tpDhcpAnswer *answer,
                                      gboolean *split);

G_END_DECLS
