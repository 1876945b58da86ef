/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "profile-connection.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "profile-ip.h"
#include "settings-table.h"

/* "ipv4.dns: 192.0.2.x: not an IPv4 address": the setting names the key. */
static gboolean
fail (GError **error, const char *setting, const char *property, GError *cause)
{
  g_set_error (error, NM_CONNECTION_ERROR, NM_CONNECTION_ERROR_INVALID_PROPERTY,
               "%s.%s: %s", setting, property, cause->message);
  g_error_free (cause);
  return FALSE;
}

static gboolean
fill_ip (NMSettingIPConfig *s_ip, int family, const L2tpProfileIp *ip, GError **error)
{
  const char *setting = nm_setting_get_name (NM_SETTING (s_ip));
  struct
  {
    const char *property;
    L2tpTristate value;
  } flags[] = {
    { NM_SETTING_IP_CONFIG_IGNORE_AUTO_ROUTES, ip->ignore_auto_routes },
    { NM_SETTING_IP_CONFIG_IGNORE_AUTO_DNS, ip->ignore_auto_dns },
    { NM_SETTING_IP_CONFIG_DHCP_SEND_HOSTNAME, ip->dhcp_send_hostname },
    { NM_SETTING_IP_CONFIG_NEVER_DEFAULT, ip->never_default },
  };
  GError *local = NULL;

  g_object_set (s_ip, NM_SETTING_IP_CONFIG_METHOD, ip->method ? ip->method : "auto",
                NULL);
  for (guint i = 0; i < ip->dns->len; i++)
    {
      const char *dns = ip->dns->pdata[i];
      if (!l2tp_ip_check_address (family, dns, &local))
        return fail (error, setting, NM_SETTING_IP_CONFIG_DNS, local);
      nm_setting_ip_config_add_dns (s_ip, dns);
    }
  for (guint i = 0; i < ip->dns_search->len; i++)
    nm_setting_ip_config_add_dns_search (s_ip, ip->dns_search->pdata[i]);
  for (guint i = 0; i < ip->routes->len; i++)
    {
      g_autoptr (L2tpIpRoute) parsed
          = l2tp_ip_route_parse (family, ip->routes->pdata[i], &local);
      NMIPRoute *route = parsed ? nm_ip_route_new (family, parsed->dest, parsed->prefix,
                                                   parsed->via, parsed->metric, &local)
                                : NULL;
      if (!route)
        return fail (error, setting, NM_SETTING_IP_CONFIG_ROUTES, local);
      nm_setting_ip_config_add_route (s_ip, route);
      nm_ip_route_unref (route);
    }
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (flags[i].value != L2TP_UNSET)
      g_object_set (s_ip, flags[i].property, flags[i].value == L2TP_YES, NULL);
  return TRUE;
}

NMConnection *
l2tp_profile_to_connection (const L2tpProfile *profile, const char *fallback_id,
                            GError **error)
{
  g_autoptr (NMConnection) connection = nm_simple_connection_new ();
  NMSettingConnection *s_con = NM_SETTING_CONNECTION (nm_setting_connection_new ());
  NMSettingVpn *s_vpn = NM_SETTING_VPN (nm_setting_vpn_new ());
  NMSettingIPConfig *s_ip4 = NM_SETTING_IP_CONFIG (nm_setting_ip4_config_new ());
  NMSettingIPConfig *s_ip6;
  g_autofree char *uuid = nm_utils_uuid_generate ();
  GHashTableIter iter;
  gpointer k, v;

  g_return_val_if_fail (profile != NULL, NULL);

  nm_connection_add_setting (connection, NM_SETTING (s_con));
  nm_connection_add_setting (connection, NM_SETTING (s_vpn));
  nm_connection_add_setting (connection, NM_SETTING (s_ip4));

  g_object_set (s_con, NM_SETTING_CONNECTION_ID,
                profile->id ? profile->id : (fallback_id ? fallback_id : "L2TP"),
                NM_SETTING_CONNECTION_UUID, uuid, NM_SETTING_CONNECTION_TYPE,
                NM_SETTING_VPN_SETTING_NAME, NULL);
  g_object_set (s_vpn, NM_SETTING_VPN_SERVICE_TYPE, L2TP_SERVICE_NAME, NULL);
  g_hash_table_iter_init (&iter, profile->data);
  while (g_hash_table_iter_next (&iter, &k, &v))
    nm_setting_vpn_add_data_item (s_vpn, k, v);
  g_hash_table_iter_init (&iter, profile->secrets);
  while (g_hash_table_iter_next (&iter, &k, &v))
    nm_setting_vpn_add_secret (s_vpn, k, v);

  /* Without an ipv6 group normalizing adds NetworkManager's default. */
  if (l2tp_profile_ip_said (&profile->ip6))
    {
      s_ip6 = NM_SETTING_IP_CONFIG (nm_setting_ip6_config_new ());
      nm_connection_add_setting (connection, NM_SETTING (s_ip6));
      if (!fill_ip (s_ip6, AF_INET6, &profile->ip6, error))
        return NULL;
    }
  if (!fill_ip (s_ip4, AF_INET, &profile->ip4, error)
      || !nm_connection_normalize (connection, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&connection);
}

static void
copy_item (const char *key, const char *value, gpointer table)
{
  if (value)
    g_hash_table_insert (table, g_strdup (key), g_strdup (value));
}

static L2tpTristate
tristate (gboolean b)
{
  return b ? L2TP_YES : L2TP_NO;
}

static char *
route_text (NMIPRoute *route)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s/%u", nm_ip_route_get_dest (route),
                          nm_ip_route_get_prefix (route));
  if (nm_ip_route_get_next_hop (route))
    g_string_append_printf (s, " via %s", nm_ip_route_get_next_hop (route));
  if (nm_ip_route_get_metric (route) >= 0)
    g_string_append_printf (s, " metric %" G_GINT64_FORMAT,
                            nm_ip_route_get_metric (route));
  return g_string_free (s, FALSE);
}

static void
take_ip (NMSettingIPConfig *s_ip, L2tpProfileIp *ip)
{
  if (!s_ip)
    return;
  ip->method = g_strdup (nm_setting_ip_config_get_method (s_ip));
  for (guint i = 0; i < nm_setting_ip_config_get_num_dns (s_ip); i++)
    g_ptr_array_add (ip->dns, g_strdup (nm_setting_ip_config_get_dns (s_ip, i)));
  for (guint i = 0; i < nm_setting_ip_config_get_num_dns_searches (s_ip); i++)
    g_ptr_array_add (ip->dns_search,
                     g_strdup (nm_setting_ip_config_get_dns_search (s_ip, i)));
  for (guint i = 0; i < nm_setting_ip_config_get_num_routes (s_ip); i++)
    g_ptr_array_add (ip->routes, route_text (nm_setting_ip_config_get_route (s_ip, i)));
  ip->ignore_auto_routes = tristate (nm_setting_ip_config_get_ignore_auto_routes (s_ip));
  ip->ignore_auto_dns = tristate (nm_setting_ip_config_get_ignore_auto_dns (s_ip));
  ip->dhcp_send_hostname = tristate (nm_setting_ip_config_get_dhcp_send_hostname (s_ip));
  ip->never_default = tristate (nm_setting_ip_config_get_never_default (s_ip));
}

L2tpProfile *
l2tp_profile_from_connection (NMConnection *connection, GError **error)
{
  g_autoptr (L2tpProfile) profile = l2tp_profile_new ();
  NMSettingVpn *s_vpn;

  g_return_val_if_fail (NM_IS_CONNECTION (connection), NULL);

  s_vpn = nm_connection_get_setting_vpn (connection);
  if (!s_vpn
      || g_strcmp0 (nm_setting_vpn_get_service_type (s_vpn), L2TP_SERVICE_NAME) != 0)
    {
      g_set_error (error, NM_CONNECTION_ERROR, NM_CONNECTION_ERROR_INVALID_PROPERTY,
                   _ ("vpn.service-type: not an L2TP connection (%s)"),
                   s_vpn ? nm_setting_vpn_get_service_type (s_vpn) : "no VPN setting");
      return NULL;
    }
  profile->id = g_strdup (nm_connection_get_id (connection));
  nm_setting_vpn_foreach_data_item (s_vpn, copy_item, profile->data);
  nm_setting_vpn_foreach_secret (s_vpn, copy_item, profile->secrets);

  take_ip (nm_connection_get_setting_ip4_config (connection), &profile->ip4);
  take_ip (nm_connection_get_setting_ip6_config (connection), &profile->ip6);
  return g_steal_pointer (&profile);
}
