/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "export-keyfile.h"

#include <string.h>

#include "settings-table.h"

/* One ip group: the method always (NetworkManager-l2tp's importer refuses a
 * group without it), the rest when said. */
static void
set_ip (GKeyFile *kf, const char *group, const L2tpProfileIp *ip)
{
  GPtrArray *lists[] = { ip->dns, ip->dns_search, ip->routes };
  const char *const list_keys[] = { "dns", "dns-search", "routes" };
  L2tpTristate bools[] = { ip->ignore_auto_routes, ip->ignore_auto_dns,
                           ip->dhcp_send_hostname, ip->never_default };
  const char *const bool_keys[] = { "ignore-auto-routes", "ignore-auto-dns",
                                    "dhcp-send-hostname", "never-default" };

  g_key_file_set_string (kf, group, "method", ip->method ? ip->method : "auto");
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (lists[i]->len)
      g_key_file_set_string_list (kf, group, list_keys[i],
                                  (const char *const *) lists[i]->pdata, lists[i]->len);
  for (guint i = 0; i < G_N_ELEMENTS (bools); i++)
    if (bools[i] != L2TP_UNSET)
      g_key_file_set_boolean (kf, group, bool_keys[i], bools[i] == L2TP_YES);
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

  /* NetworkManager-l2tp reads [ipv4] since 1.52.2 and [ip4] before, and
   * refuses a file without the one it reads: both, the same. */
  set_ip (kf, "ipv4", &profile->ip4);
  if (l2tp_profile_ip_said (&profile->ip6))
    set_ip (kf, "ipv6", &profile->ip6);
  set_ip (kf, "ip4", &profile->ip4);
  g_key_file_set_comment (kf, "ip4", NULL,
                          " [ipv4] again, for NetworkManager-l2tp before 1.52.2", NULL);

  {
    g_autofree char *text = g_key_file_to_data (kf, NULL, NULL);
    /* GKeyFile leaves the last line open. */
    return g_str_has_suffix (text, "\n") ? g_steal_pointer (&text)
                                         : g_strconcat (text, "\n", NULL);
  }
}
