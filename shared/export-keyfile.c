/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "export-keyfile.h"

#include <string.h>

#include "settings-table.h"

static void
set_tristate (GKeyFile *kf, const char *key, L2tpTristate value)
{
  if (value != L2TP_UNSET)
    g_key_file_set_boolean (kf, "ip4", key, value == L2TP_YES);
}

static void
set_list (GKeyFile *kf, const char *key, GPtrArray *items)
{
  if (items->len)
    g_key_file_set_string_list (kf, "ip4", key, (const char *const *) items->pdata,
                                items->len);
}

char *
l2tp_export_keyfile (L2tpProfile *profile, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!l2tp_profile_sanitize (profile, error))
    return NULL;

  g_key_file_set_comment (kf, NULL, NULL,
                          " "
                          "org.freedesktop.NetworkManager.l2tp",
                          NULL);
  if (profile->id)
    g_key_file_set_string (kf, "connection", "id", profile->id);

  /* Table order, so the same connection always gives the same file. */
  for (guint i = 0; i < L2TP_KEY_COUNT; i++)
    {
      const L2tpKey *key = l2tp_key_get (i);
      const char *value = g_hash_table_lookup (profile->secrets, key->name);

      if (!value)
        value = g_hash_table_lookup (profile->data, key->name);
      if (!value)
        continue;
      if (key->type == L2TP_KEY_TYPE_BOOL)
        g_key_file_set_boolean (kf, "vpn", key->name, strcmp (value, "yes") == 0);
      else
        g_key_file_set_string (kf, "vpn", key->name, value);
    }

  /* The old plugin's importer refuses a file without [ip4] method. */
  g_key_file_set_string (kf, "ip4", "method",
                         profile->ip4.method ? profile->ip4.method : "auto");
  set_list (kf, "dns", profile->ip4.dns);
  set_list (kf, "dns-search", profile->ip4.dns_search);
  set_list (kf, "routes", profile->ip4.routes);
  set_tristate (kf, "ignore-auto-routes", profile->ip4.ignore_auto_routes);
  set_tristate (kf, "ignore-auto-dns", profile->ip4.ignore_auto_dns);
  set_tristate (kf, "dhcp-send-hostname", profile->ip4.dhcp_send_hostname);
  set_tristate (kf, "never-default", profile->ip4.never_default);

  {
    g_autofree char *text = g_key_file_to_data (kf, NULL, NULL);
    /* GKeyFile leaves the last line open. */
    return g_str_has_suffix (text, "\n") ? g_steal_pointer (&text)
                                         : g_strconcat (text, "\n", NULL);
  }
}
