/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-connection.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "src/common/failure-record.h"

static void
add_item (const char *key, const char *value, gpointer table)
{
  g_hash_table_insert (table, g_strdup (key), g_strdup (value));
}

L2tpConfig *
l2tp_diagnose_settings (L2tpCheckList *list, NMConnection *connection)
{
  NMSettingVpn *vpn = nm_connection_get_setting_vpn (connection);
  g_autoptr (GHashTable) data
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  L2tpConfig *cfg;
  L2tpCheck *check;

  g_return_val_if_fail (vpn != NULL, NULL);

  nm_setting_vpn_foreach_data_item (vpn, add_item, data);
  /* As the service reads it: the PPP user may be vpn.user-name. */
  if (!g_hash_table_contains (data, "user") && nm_setting_vpn_get_user_name (vpn))
    g_hash_table_insert (data, g_strdup ("user"),
                         g_strdup (nm_setting_vpn_get_user_name (vpn)));
  cfg = l2tp_config_new (data, NULL, &error);
  if (!cfg)
    {
      text = g_strdup_printf (_ ("The settings of \"%s\" are refused: %s"),
                              nm_connection_get_id (connection), error->message);
      fix = g_strdup_printf (_ ("correct that setting in the connection's editor, or "
                                "with: nmcli connection modify \"%s\" vpn.data …"),
                             nm_connection_get_id (connection));
      check = l2tp_check_list_add (list, "settings", L2TP_CHECK_FAIL, text, fix);
      l2tp_check_add_fact (check, "error", error->message);
      return NULL;
    }
  text = g_strdup_printf (_ ("The settings of \"%s\" pass the service's checks"),
                          nm_connection_get_id (connection));
  l2tp_check_list_add (list, "settings", L2TP_CHECK_OK, text, NULL);
  return cfg;
}

void
l2tp_diagnose_gateway (L2tpCheckList *list, const L2tpConfig *cfg)
{
  const char *gateway = l2tp_config_get (cfg, L2TP_KEY_GATEWAY);
  g_autoptr (GInetAddress) literal = g_inet_address_new_from_string (gateway);
  g_autoptr (GResolver) resolver = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  g_autofree char *address = NULL;
  GList *addresses;
  L2tpCheck *check;

  if (literal)
    {
      gboolean v4 = g_inet_address_get_family (literal) == G_SOCKET_FAMILY_IPV4;

      text = v4 ? g_strdup_printf (_ ("The server %s is an IPv4 address"), gateway)
                : g_strdup_printf (_ ("The server %s is an IPv6 address; xl2tpd reaches "
                                      "IPv4 servers only"),
                                   gateway);
      fix = v4 ? NULL : g_strdup (_ ("set the server's IPv4 address or name (gateway)"));
      check = l2tp_check_list_add (list, "gateway", v4 ? L2TP_CHECK_OK : L2TP_CHECK_FAIL,
                                   text, fix);
      l2tp_check_add_fact (check, "gateway", gateway);
      return;
    }
  /* As the service resolves it: IPv4 only. */
  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name_with_flags (
      resolver, gateway, G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY, NULL, &error);
  if (!addresses)
    {
      text = g_strdup_printf (_ ("The server name %s does not resolve to an IPv4 "
                                 "address: %s"),
                              gateway, error->message);
      fix = g_strdup_printf (_ ("check the name (gateway) and this machine's DNS: "
                                "resolvectl query %s"),
                             gateway);
      check = l2tp_check_list_add (list, "gateway", L2TP_CHECK_FAIL, text, fix);
      l2tp_check_add_fact (check, "gateway", gateway);
      return;
    }
  address = g_inet_address_to_string (addresses->data);
  g_resolver_free_addresses (addresses);
  text = g_strdup_printf (_ ("The server name %s resolves to %s"), gateway, address);
  check = l2tp_check_list_add (list, "gateway", L2TP_CHECK_OK, text, NULL);
  l2tp_check_add_fact (check, "gateway", gateway);
  l2tp_check_add_fact (check, "address", address);
}

void
l2tp_diagnose_last_failure (L2tpCheckList *list, const char *state_dir,
                            NMConnection *connection)
{
  const char *id = nm_connection_get_id (connection);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpFailureRecord) record
      = l2tp_failure_record_load (state_dir, nm_connection_get_uuid (connection), &error);
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;
  L2tpCheck *check;

  if (!record && !error)
    {
      text = g_strdup_printf (_ ("No failed connect of \"%s\" is on record (a successful "
                                 "connect clears it)"),
                              id);
      l2tp_check_list_add (list, "last-failure", L2TP_CHECK_OK, text, NULL);
      return;
    }
  if (!record)
    {
      text = g_strdup_printf (_ ("The last failure of \"%s\" cannot be read: %s"), id,
                              error->message);
      l2tp_check_list_add (list, "last-failure", L2TP_CHECK_UNKNOWN, text,
                           g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES)
                               ? _ ("run diagnose as root (sudo nm-l2tp-ipsec diagnose)")
                               : NULL);
      return;
    }
  local = g_date_time_to_local (record->time);
  when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
  iso = g_date_time_format_iso8601 (record->time);
  text = g_strdup_printf (_ ("The last connect of \"%s\" failed (%s)"), id, when);
  /* The service's message names the layer, what happened and the fix
   * (src/common/failure.c): it is the fix of this line. */
  check = l2tp_check_list_add (list, "last-failure", L2TP_CHECK_FAIL, text,
                               record->message);
  l2tp_check_add_fact (check, "time", iso);
  l2tp_check_add_fact (check, "layer", record->layer);
  l2tp_check_add_fact (check, "code", record->code);
  l2tp_check_add_fact (check, "message", record->message);
}
