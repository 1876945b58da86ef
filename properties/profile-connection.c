/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "profile-connection.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "settings-table.h"

static gboolean
fail (GError **error, const char *property, const char *value, const char *reason)
{
  g_set_error (error, NM_CONNECTION_ERROR, NM_CONNECTION_ERROR_INVALID_PROPERTY,
               "ipv4.%s: %s: %s", property, value, reason);
  return FALSE;
}

/* "10.1.0.0/16 via 10.0.0.1 metric 5": the old plugin's spelling. */
static NMIPRoute *
parse_route (const char *text, GError **error)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \t", -1);
  g_autoptr (GError) local = NULL;
  g_autofree char *dest = NULL;
  const char *via = NULL;
  gint64 metric = -1;
  guint64 prefix = 0;
  char *slash;
  guint i = 1, n = 0;

  /* Compact the words: several blanks between them are fine. */
  for (guint j = 0; words[j]; j++)
    if (words[j][0])
      words[n++] = words[j];
    else
      g_free (words[j]);
  words[n] = NULL;

  if (n == 0 || !(slash = strchr (words[0], '/'))
      || !g_ascii_string_to_unsigned (slash + 1, 10, 0, 32, &prefix, NULL))
    return fail (error, "routes", text, _ ("expected ADDRESS/PREFIX")), NULL;
  dest = g_strndup (words[0], (gsize) (slash - words[0]));
  while (i < n)
    {
      guint64 m;
      if (strcmp (words[i], "via") == 0 && i + 1 < n && !via)
        via = words[i + 1];
      else if (strcmp (words[i], "metric") == 0 && i + 1 < n && metric < 0
               && g_ascii_string_to_unsigned (words[i + 1], 10, 0, G_MAXUINT32, &m, NULL))
        metric = (gint64) m;
      else
        return fail (error, "routes", text,
                     _ ("expected ADDRESS/PREFIX [via GATEWAY] [metric N]")),
               NULL;
      i += 2;
    }
  {
    NMIPRoute *route
        = nm_ip_route_new (AF_INET, dest, (guint) prefix, via, metric, &local);
    if (!route)
      fail (error, "routes", text, local->message);
    return route;
  }
}

static gboolean
fill_ip4 (NMSettingIPConfig *s_ip4, const L2tpProfileIp4 *ip4, GError **error)
{
  struct
  {
    const char *property;
    L2tpTristate value;
  } flags[] = {
    { NM_SETTING_IP_CONFIG_IGNORE_AUTO_ROUTES, ip4->ignore_auto_routes },
    { NM_SETTING_IP_CONFIG_IGNORE_AUTO_DNS, ip4->ignore_auto_dns },
    { NM_SETTING_IP_CONFIG_DHCP_SEND_HOSTNAME, ip4->dhcp_send_hostname },
    { NM_SETTING_IP_CONFIG_NEVER_DEFAULT, ip4->never_default },
  };

  g_object_set (s_ip4, NM_SETTING_IP_CONFIG_METHOD,
                ip4->method ? ip4->method : NM_SETTING_IP4_CONFIG_METHOD_AUTO, NULL);
  for (guint i = 0; i < ip4->dns->len; i++)
    {
      const char *dns = ip4->dns->pdata[i];
      if (!nm_utils_ipaddr_valid (AF_INET, dns))
        return fail (error, "dns", dns, _ ("not an IPv4 address"));
      nm_setting_ip_config_add_dns (s_ip4, dns);
    }
  for (guint i = 0; i < ip4->dns_search->len; i++)
    nm_setting_ip_config_add_dns_search (s_ip4, ip4->dns_search->pdata[i]);
  for (guint i = 0; i < ip4->routes->len; i++)
    {
      NMIPRoute *route = parse_route (ip4->routes->pdata[i], error);
      if (!route)
        return FALSE;
      nm_setting_ip_config_add_route (s_ip4, route);
      nm_ip_route_unref (route);
    }
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (flags[i].value != L2TP_UNSET)
      g_object_set (s_ip4, flags[i].property, flags[i].value == L2TP_YES, NULL);
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

  if (!fill_ip4 (s_ip4, &profile->ip4, error)
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

L2tpProfile *
l2tp_profile_from_connection (NMConnection *connection, GError **error)
{
  g_autoptr (L2tpProfile) profile = l2tp_profile_new ();
  NMSettingVpn *s_vpn;
  NMSettingIPConfig *s_ip4;

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

  s_ip4 = nm_connection_get_setting_ip4_config (connection);
  if (s_ip4)
    {
      L2tpProfileIp4 *ip4 = &profile->ip4;

      ip4->method = g_strdup (nm_setting_ip_config_get_method (s_ip4));
      for (guint i = 0; i < nm_setting_ip_config_get_num_dns (s_ip4); i++)
        g_ptr_array_add (ip4->dns, g_strdup (nm_setting_ip_config_get_dns (s_ip4, i)));
      for (guint i = 0; i < nm_setting_ip_config_get_num_dns_searches (s_ip4); i++)
        g_ptr_array_add (ip4->dns_search,
                         g_strdup (nm_setting_ip_config_get_dns_search (s_ip4, i)));
      for (guint i = 0; i < nm_setting_ip_config_get_num_routes (s_ip4); i++)
        g_ptr_array_add (ip4->routes,
                         route_text (nm_setting_ip_config_get_route (s_ip4, i)));
      ip4->ignore_auto_routes
          = tristate (nm_setting_ip_config_get_ignore_auto_routes (s_ip4));
      ip4->ignore_auto_dns = tristate (nm_setting_ip_config_get_ignore_auto_dns (s_ip4));
      ip4->dhcp_send_hostname
          = tristate (nm_setting_ip_config_get_dhcp_send_hostname (s_ip4));
      ip4->never_default = tristate (nm_setting_ip_config_get_never_default (s_ip4));
    }
  return g_steal_pointer (&profile);
}
