/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/nm-ip-config.h"

#include <arpa/inet.h>
#include <string.h>

GVariant *
l2tp_nm_config (const char *tundev, const char *gateway_addr, guint32 mtu,
                gboolean has_ip6)
{
  GVariantBuilder nm;
  struct in_addr gw;

  g_variant_builder_init (&nm, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&nm, "{sv}", NM_VPN_PLUGIN_CONFIG_TUNDEV,
                         g_variant_new_string (tundev));
  if (gateway_addr && inet_pton (AF_INET, gateway_addr, &gw) == 1)
    g_variant_builder_add (&nm, "{sv}", NM_VPN_PLUGIN_CONFIG_EXT_GATEWAY,
                           g_variant_new_uint32 (gw.s_addr));
  g_variant_builder_add (&nm, "{sv}", NM_VPN_PLUGIN_CONFIG_MTU,
                         g_variant_new_uint32 (mtu));
  g_variant_builder_add (&nm, "{sv}", NM_VPN_PLUGIN_CONFIG_HAS_IP4,
                         g_variant_new_boolean (TRUE));
  g_variant_builder_add (&nm, "{sv}", NM_VPN_PLUGIN_CONFIG_HAS_IP6,
                         g_variant_new_boolean (has_ip6));
  return g_variant_builder_end (&nm);
}

GVariant *
l2tp_nm_ip4_config (GVariant *ppp, gboolean never_default)
{
  GVariantDict in;
  GVariantBuilder out;
  guint32 address = 0, peer, prefix = 32;
  GVariant *list;

  g_variant_dict_init (&in, ppp);
  if (!g_variant_dict_lookup (&in, "address", "u", &address) || address == 0)
    {
      g_variant_dict_clear (&in);
      return NULL;
    }
  g_variant_builder_init (&out, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&out, "{sv}", NM_VPN_PLUGIN_IP4_CONFIG_ADDRESS,
                         g_variant_new_uint32 (address));
  if (g_variant_dict_lookup (&in, "peer", "u", &peer))
    g_variant_builder_add (&out, "{sv}", NM_VPN_PLUGIN_IP4_CONFIG_PTP,
                           g_variant_new_uint32 (peer));
  g_variant_dict_lookup (&in, "prefix", "u", &prefix);
  g_variant_builder_add (&out, "{sv}", NM_VPN_PLUGIN_IP4_CONFIG_PREFIX,
                         g_variant_new_uint32 (prefix));
  if ((list = g_variant_dict_lookup_value (&in, "dns", G_VARIANT_TYPE ("au"))))
    g_variant_builder_add (&out, "{sv}", NM_VPN_PLUGIN_IP4_CONFIG_DNS, list);
  if ((list = g_variant_dict_lookup_value (&in, "nbns", G_VARIANT_TYPE ("au"))))
    g_variant_builder_add (&out, "{sv}", NM_VPN_PLUGIN_IP4_CONFIG_NBNS, list);
  if (never_default)
    g_variant_builder_add (&out, "{sv}", NM_VPN_PLUGIN_IP4_CONFIG_NEVER_DEFAULT,
                           g_variant_new_boolean (TRUE));
  g_variant_dict_clear (&in);
  return g_variant_builder_end (&out);
}

/* fe80::IID as the 16 bytes NetworkManager expects ("ay"). */
static GVariant *
link_local (guint64 iid)
{
  guint8 bytes[16] = { 0xfe, 0x80 };

  memcpy (bytes + 8, &iid, 8);
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, bytes, 16, 1);
}

GVariant *
l2tp_nm_ip6_config (GVariant *ppp)
{
  GVariantDict in;
  GVariantBuilder out;
  guint64 iid, peer;

  g_variant_dict_init (&in, ppp);
  if (!g_variant_dict_lookup (&in, "iid", "t", &iid))
    {
      g_variant_dict_clear (&in);
      return NULL;
    }
  g_variant_builder_init (&out, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&out, "{sv}", NM_VPN_PLUGIN_IP6_CONFIG_ADDRESS,
                         link_local (iid));
  g_variant_builder_add (&out, "{sv}", NM_VPN_PLUGIN_IP6_CONFIG_PREFIX,
                         g_variant_new_uint32 (64));
  if (g_variant_dict_lookup (&in, "peer-iid", "t", &peer))
    g_variant_builder_add (&out, "{sv}", NM_VPN_PLUGIN_IP6_CONFIG_PTP, link_local (peer));
  g_variant_dict_clear (&in);
  return g_variant_builder_end (&out);
}
