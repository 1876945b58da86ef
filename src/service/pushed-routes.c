/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The server's routes in the IPv4 configuration (see pushed-routes.h). */
#include "src/service/pushed-routes.h"

#include <NetworkManager.h>

/* NetworkManager's route: network, prefix, next hop, metric (network order;
 * next hop 0 is the device, metric 0 NetworkManager's own). */
static void
add_route (GVariantBuilder *routes, guint32 network, guint32 prefix)
{
  const guint32 route[4] = { network, prefix, 0, 0 };

  g_variant_builder_add_value (
      routes,
      g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, route, 4, sizeof route[0]));
}

/* Copies @key's "au" entries of @dict into @out, then @more's not yet there. */
static GVariant *
merged_addresses (GVariantDict *dict, const char *key, const GArray *more)
{
  g_autoptr (GVariant) have
      = g_variant_dict_lookup_value (dict, key, G_VARIANT_TYPE ("au"));
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (guint32));
  gsize n = 0;
  const guint32 *v = have ? g_variant_get_fixed_array (have, &n, sizeof (guint32)) : NULL;

  g_array_append_vals (all, v, n);
  for (guint i = 0; more && i < more->len; i++)
    {
      guint32 a = g_array_index (more, guint32, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < all->len && !seen; j++)
        seen = g_array_index (all, guint32, j) == a;
      if (!seen)
        g_array_append_val (all, a);
    }
  if (all->len == 0)
    return NULL;
  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, all->data, all->len,
                                    sizeof (guint32));
}

/* @dict's routes, to append to. */
static void
routes_builder_init (GVariantBuilder *routes, GVariantDict *dict)
{
  g_autoptr (GVariant) have = g_variant_dict_lookup_value (
      dict, NM_VPN_PLUGIN_IP4_CONFIG_ROUTES, G_VARIANT_TYPE ("aau"));
  GVariantIter iter;
  GVariant *route;

  g_variant_builder_init (routes, G_VARIANT_TYPE ("aau"));
  if (!have)
    return;
  g_variant_iter_init (&iter, have);
  while ((route = g_variant_iter_next_value (&iter)))
    g_variant_builder_add_value (routes, route);
}

GVariant *
l2tp_ip4_config_add_classful_route (GVariant *ip4)
{
  GVariantDict dict;
  GVariantBuilder routes;
  guint32 address, network;
  guint prefix;

  if (!g_variant_lookup (ip4, NM_VPN_PLUGIN_IP4_CONFIG_ADDRESS, "u", &address)
      || !l2tp_dhcp_classful_route (address, &network, &prefix))
    return g_variant_ref (ip4);
  g_variant_dict_init (&dict, ip4);
  routes_builder_init (&routes, &dict);
  add_route (&routes, network, prefix);
  g_variant_dict_insert_value (&dict, NM_VPN_PLUGIN_IP4_CONFIG_ROUTES,
                               g_variant_builder_end (&routes));
  return g_variant_dict_end (&dict);
}

static void
insert_addresses (GVariantDict *dict, const char *key, const GArray *more)
{
  GVariant *v = merged_addresses (dict, key, more);

  if (v)
    g_variant_dict_insert_value (dict, key, v);
}

GVariant *
l2tp_ip4_config_add_answer (GVariant *ip4, const L2tpDhcpAnswer *answer, gboolean *split)
{
  GVariantDict dict;
  GVariantBuilder routes, domains;
  gboolean pushed = FALSE, any_domain = FALSE;

  g_variant_dict_init (&dict, ip4);
  routes_builder_init (&routes, &dict);
  for (guint i = 0; i < answer->routes->len; i++)
    {
      const L2tpDhcpRoute *r = &g_array_index (answer->routes, L2tpDhcpRoute, i);

      if (r->prefix == 0)
        continue; /* the tunnel's own default route stands for it */
      add_route (&routes, r->network, r->prefix);
      pushed = TRUE;
    }
  g_variant_dict_insert_value (&dict, NM_VPN_PLUGIN_IP4_CONFIG_ROUTES,
                               g_variant_builder_end (&routes));
  *split = pushed && !answer->has_default;
  if (*split)
    g_variant_dict_insert (&dict, NM_VPN_PLUGIN_IP4_CONFIG_NEVER_DEFAULT, "b", TRUE);

  insert_addresses (&dict, NM_VPN_PLUGIN_IP4_CONFIG_DNS, answer->dns);
  insert_addresses (&dict, NM_VPN_PLUGIN_IP4_CONFIG_NBNS, answer->nbns);

  g_variant_builder_init (&domains, G_VARIANT_TYPE ("as"));
  if (answer->domain)
    {
      g_variant_builder_add (&domains, "s", answer->domain);
      any_domain = TRUE;
    }
  for (guint i = 0; answer->search && i < answer->search->len; i++)
    {
      const char *name = g_ptr_array_index (answer->search, i);

      if (answer->domain && g_ascii_strcasecmp (name, answer->domain) == 0)
        continue;
      g_variant_builder_add (&domains, "s", name);
      any_domain = TRUE;
    }
  if (any_domain)
    g_variant_dict_insert_value (&dict, NM_VPN_PLUGIN_IP4_CONFIG_DOMAINS,
                                 g_variant_builder_end (&domains));
  else
    g_variant_builder_clear (&domains);
  return g_variant_dict_end (&dict);
}
