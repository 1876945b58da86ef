/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/connection-settings.h"

#include <glib/gi18n-lib.h>

#include "src/common/failure.h"

static void
add_item (const char *key, const char *value, gpointer table)
{
  g_hash_table_insert (table, g_strdup (key), g_strdup (value));
}

gboolean
l2tp_connection_settings_tables (NMConnection *connection, GHashTable **data,
                                 GHashTable **secrets)
{
  NMSettingVpn *vpn = nm_connection_get_setting_vpn (connection);
  const char *user_name;

  g_return_val_if_fail (data != NULL && *data == NULL, FALSE);
  g_return_val_if_fail (secrets != NULL && *secrets == NULL, FALSE);

  if (!vpn)
    return FALSE;
  *data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  *secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  nm_setting_vpn_foreach_data_item (vpn, add_item, *data);
  nm_setting_vpn_foreach_secret (vpn, add_item, *secrets);
  user_name = nm_setting_vpn_get_user_name (vpn);
  if (!g_hash_table_contains (*data, "user") && user_name)
    g_hash_table_insert (*data, g_strdup ("user"), g_strdup (user_name));
  return TRUE;
}

L2tpConfig *
l2tp_connection_settings_config (NMConnection *connection, GError **error)
{
  g_autoptr (GHashTable) data = NULL;
  g_autoptr (GHashTable) secrets = NULL;
  g_autoptr (GError) local = NULL;
  L2tpConfig *cfg;

  if (!l2tp_connection_settings_tables (connection, &data, &secrets))
    {
      l2tp_failure_set (error, L2TP_FAILURE_BAD_SETTINGS,
                        _ ("the connection has no VPN setting"), NULL);
      return NULL;
    }
  cfg = l2tp_config_new (data, secrets, &local);
  if (!cfg)
    l2tp_failure_set (error, L2TP_FAILURE_BAD_SETTINGS, local->message, NULL);
  return cfg;
}
