/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pppd plugin's reports (l2tp-ppp-interface.xml's dictionaries) as the
 * dictionaries NetworkManager's VPN plugin interface takes. Pure. */
#pragma once

#include <NetworkManager.h>

G_BEGIN_DECLS

/* set_config: the device, the MTU, has-ip4/has-ip6, and the server's address
 * (when IPv4) so that NetworkManager keeps a host route to it outside the
 * tunnel. Sent before set_ip4_config. Floating. */
GVariant *l2tp_nm_config (const char *tundev, const char *gateway_addr, guint32 mtu,
                          gboolean has_ip6);
/* set_ip4_config from SetIp4Config; NULL without an address. Floating. */
GVariant *l2tp_nm_ip4_config (GVariant *ppp, gboolean never_default);
/* set_ip6_config from SetIp6Config (link-local fe80::IID); NULL without an
 * interface id. Floating. */
GVariant *l2tp_nm_ip6_config (GVariant *ppp);

G_END_DECLS
