/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ip-config.h"

/* Adds key → au of the non-zero entries; nothing when all are zero. */
static void
add_address_list (GVariantBuilder *dict, const char *key, const guint32 *addrs, gsize n)
{
  GVariantBuilder list;
  gboolean any = FALSE;
  gsize i;

  g_variant_builder_init (&list, G_VARIANT_TYPE ("au"));
  for (i = 0; i < n; i++)
    {
      if (addrs[i] == 0)
        continue;
      g_variant_builder_add (&list, "u", addrs[i]);
      any = TRUE;
    }
  if (any)
    g_variant_builder_add (dict, "{sv}", key, g_variant_builder_end (&list));
  else
    g_variant_builder_clear (&list);
}

GVariant *
l2tp_ppp_ip4_config_build (const L2tpPppIp4Info *info)
{
  GVariantBuilder dict;

  g_return_val_if_fail (info != NULL, NULL);

  g_variant_builder_init (&dict, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&dict, "{sv}", "address", g_variant_new_uint32 (info->address));
  if (info->peer != 0)
    g_variant_builder_add (&dict, "{sv}", "peer", g_variant_new_uint32 (info->peer));
  g_variant_builder_add (&dict, "{sv}", "prefix",
                         g_variant_new_uint32 (L2TP_PPP_IP4_PREFIX));
  add_address_list (&dict, "dns", info->dns, G_N_ELEMENTS (info->dns));
  add_address_list (&dict, "nbns", info->nbns, G_N_ELEMENTS (info->nbns));
  if (info->mtu > 0)
    g_variant_builder_add (&dict, "{sv}", "mtu",
                           g_variant_new_uint32 ((guint32) info->mtu));
  if (info->tundev && info->tundev[0])
    g_variant_builder_add (&dict, "{sv}", "tundev", g_variant_new_string (info->tundev));
  return g_variant_builder_end (&dict);
}

GVariant *
l2tp_ppp_ip6_config_build (const L2tpPppIp6Info *info)
{
  GVariantBuilder dict;

  g_return_val_if_fail (info != NULL, NULL);

  g_variant_builder_init (&dict, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&dict, "{sv}", "iid", g_variant_new_uint64 (info->iid));
  if (info->peer_iid != 0)
    g_variant_builder_add (&dict, "{sv}", "peer-iid",
                           g_variant_new_uint64 (info->peer_iid));
  if (info->tundev && info->tundev[0])
    g_variant_builder_add (&dict, "{sv}", "tundev", g_variant_new_string (info->tundev));
  return g_variant_builder_end (&dict);
}
