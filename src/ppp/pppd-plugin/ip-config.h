/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef L2TP_PPP_IP_CONFIG_H
#define L2TP_PPP_IP_CONFIG_H

#include <glib.h>

/*
 * What IPCP/IPV6CP negotiated, copied out of pppd's globals, and the a{sv}
 * dictionaries of SetIp4Config/SetIp6Config (src/ppp/l2tp-ppp-interface.xml)
 * built from it.  Pure: no pppd symbols here, so the dictionaries have one
 * definition whatever the pppd version.
 */

/* IPv4 addresses as guint32 in network byte order (pppd's own convention). */
typedef struct
{
  guint32 address;
  guint32 peer;
  guint32 dns[2];  /* 0 = not negotiated */
  guint32 nbns[2]; /* WINS; 0 = not negotiated */
  int mtu;         /* <= 0: unknown, left out */
  const char *tundev;
} L2tpPppIp4Info;

/*
 * Interface identifiers: the 8 bytes of pppd's eui64_t copied as they are
 * into a guint64 (wire order, like the IPv4 addresses): memcpy them into
 * bytes 8..15 of an in6_addr to get the link-local address.
 */
typedef struct
{
  guint64 iid;
  guint64 peer_iid;
  const char *tundev;
} L2tpPppIp6Info;

#define L2TP_PPP_IP4_PREFIX 32

GVariant *l2tp_ppp_ip4_config_build (const L2tpPppIp4Info *info);
GVariant *l2tp_ppp_ip6_config_build (const L2tpPppIp6Info *info);

#endif
