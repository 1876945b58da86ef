/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-nm.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "shared/settings-table.h"

#define ETC_VPN_DIR      "/etc/NetworkManager/VPN"
#define OUR_LIBNM_PLUGIN "libnm-vpn-plugin-l2tp-ipsec.so"
#define OUR_SERVICE      "nm-l2tp-ipsec-service"
#define OLD_PLUGIN_NAME  "nm-l2tp-service"
/* Where this build installs its .name file. */
#define OUR_NAME_FILE VPNSERVICEDIR "/" OLD_PLUGIN_NAME ".name"

NMClient *
l2tp_diagnose_networkmanager (L2tpCheckList *list)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NMClient) client = nm_client_new (NULL, &error);
  g_autofree char *text = NULL;
  const char *fix = _ ("start it: sudo systemctl start NetworkManager");
  L2tpCheck *check;

  if (!client)
    {
      text = g_strdup_printf (_ ("NetworkManager cannot be reached: %s"), error->message);
      l2tp_check_list_add (list, "networkmanager", L2TP_CHECK_FAIL, text, fix);
      return NULL;
    }
  if (!nm_client_get_nm_running (client))
    {
      l2tp_check_list_add (list, "networkmanager", L2TP_CHECK_FAIL,
                           _ ("NetworkManager is not running"), fix);
      return NULL;
    }
  text = g_strdup_printf (_ ("NetworkManager %s is running"),
                          nm_client_get_version (client) ? nm_client_get_version (client)
                                                         : "?");
  check = l2tp_check_list_add (list, "networkmanager", L2TP_CHECK_OK, text, NULL);
  l2tp_check_add_fact (check, "version", nm_client_get_version (client));
  return g_steal_pointer (&client);
}

GStrv
l2tp_diagnose_vpn_plugin_dirs (void)
{
  g_autoptr (GStrvBuilder) dirs = g_strv_builder_new ();
  const char *user = g_getenv ("NM_VPN_PLUGIN_DIR");

  /* libnm's own order: its override, then lib, then etc. NetworkManager
   * reads the last two; a build with another prefix installs elsewhere. */
  if (user && g_path_is_absolute (user))
    g_strv_builder_add (dirs, user);
  g_strv_builder_add (dirs, NM_VPNSERVICEDIR);
  g_strv_builder_add (dirs, ETC_VPN_DIR);
  return g_strv_builder_end (dirs);
}

static gboolean
claims_service (NMVpnPluginInfo *info)
{
  const char *const *aliases = nm_vpn_plugin_info_get_aliases (info);

  return g_strcmp0 (nm_vpn_plugin_info_get_service (info), L2TP_SERVICE_NAME) == 0
         || (aliases && g_strv_contains (aliases, L2TP_SERVICE_NAME));
}

static gboolean
is_ours (NMVpnPluginInfo *info)
{
  const char *plugin = nm_vpn_plugin_info_get_plugin (info);
  g_autofree char *base = plugin ? g_path_get_basename (plugin) : NULL;

  return g_strcmp0 (base, OUR_LIBNM_PLUGIN) == 0;
}

/* Every .name file in @dirs that claims our service type, each file once
 * (libnm rejects files that are not root's or are writable by others). */
static GPtrArray *
claimants (const char *const *dirs)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint d = 0; dirs[d]; d++)
    {
      g_autoptr (GDir) dir = g_dir_open (dirs[d], 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (dirs[d], name, NULL);
          char *real = NULL;
          NMVpnPluginInfo *info;

          if (!nm_vpn_plugin_info_validate_filename (name))
            continue;
          /* The lab and packagers link one file into both directories. */
          real = realpath (path, NULL);
          if (!real)
            continue;
          if (g_hash_table_contains (seen, real))
            {
              free (real);
              continue;
            }
          g_hash_table_add (seen, g_strdup (real));
          free (real);
          info = nm_vpn_plugin_info_new_from_file (path, NULL);
          if (info && claims_service (info))
            g_ptr_array_add (found, info);
          else if (info)
            g_object_unref (info);
        }
    }
  return found;
}

static char *
describe_info (NMVpnPluginInfo *info)
{
  const char *program = nm_vpn_plugin_info_get_program (info);

  return g_strdup_printf (_ ("%s (service %s)"), nm_vpn_plugin_info_get_filename (info),
                          program ? program : "?");
}

void
l2tp_diagnose_vpn_plugin (L2tpCheckList *list, const char *const *dirs)
{
  g_autoptr (GPtrArray) found = claimants (dirs);
  g_autofree char *where = g_strjoinv (", ", (char **) dirs);
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  L2tpCheckStatus status = L2TP_CHECK_FAIL;
  NMVpnPluginInfo *ours = NULL;
  L2tpCheck *check;

  for (guint i = 0; i < found->len && !ours; i++)
    if (is_ours (found->pdata[i]))
      ours = found->pdata[i];

  if (found->len == 0 && g_file_test (OUR_NAME_FILE, G_FILE_TEST_IS_REGULAR))
    {
      text = g_strdup_printf (_ ("No VPN plugin is registered for %s: this build's %s "
                                 "is not where NetworkManager looks (%s)"),
                              L2TP_SERVICE_NAME, OUR_NAME_FILE, where);
      fix = g_strdup_printf (_ ("link it there: sudo ln -s %s %s/, then: sudo "
                                "systemctl restart NetworkManager"),
                             OUR_NAME_FILE, ETC_VPN_DIR);
    }
  else if (found->len == 0)
    {
      text = g_strdup_printf (_ ("No VPN plugin is registered for %s (no .name file "
                                 "for it in %s)"),
                              L2TP_SERVICE_NAME, where);
      fix = g_strdup_printf (_ ("install nm-l2tp-ipsec (it installs %s.name in %s), "
                                "then: sudo systemctl restart NetworkManager"),
                             OLD_PLUGIN_NAME, NM_VPNSERVICEDIR);
    }
  else if (found->len > 1)
    {
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (names, describe_info (found->pdata[i]));
      g_ptr_array_add (names, NULL);
      {
        g_autofree char *all = g_strjoinv ("; ", (char **) names->pdata);

        text = g_strdup_printf (_ ("%u VPN plugins claim %s: %s"), found->len,
                                L2TP_SERVICE_NAME, all);
      }
      fix = g_strdup (_ ("keep only nm-l2tp-ipsec's: remove the other plugin (e.g. "
                         "sudo apt remove network-manager-l2tp) or its .name file, then: "
                         "sudo systemctl restart NetworkManager"));
    }
  else if (!ours)
    {
      g_autofree char *other = describe_info (found->pdata[0]);

      text = g_strdup_printf (_ ("%s belongs to another VPN plugin: %s"),
                              L2TP_SERVICE_NAME, other);
      fix = g_strdup (_ ("remove it (e.g. sudo apt remove network-manager-l2tp) and "
                         "install nm-l2tp-ipsec, then: sudo systemctl restart "
                         "NetworkManager"));
    }
  else
    {
      const char *program = nm_vpn_plugin_info_get_program (ours);
      g_autofree char *described = describe_info (ours);

      if (!program || !g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
        {
          text = g_strdup_printf (_ ("The VPN plugin file %s names a service program "
                                     "that is not there"),
                                  described);
          fix = g_strdup (_ ("reinstall nm-l2tp-ipsec"));
        }
      else
        {
          status = L2TP_CHECK_OK;
          text = g_strdup_printf (_ ("VPN plugin for %s: %s"), L2TP_SERVICE_NAME,
                                  described);
        }
    }
  check = l2tp_check_list_add (list, "vpn-plugin", status, text, fix);
  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("file-%u", i + 1);

      l2tp_check_add_fact (check, key, nm_vpn_plugin_info_get_filename (found->pdata[i]));
    }
  if (ours)
    l2tp_check_add_fact (check, "program", nm_vpn_plugin_info_get_program (ours));
}

static gboolean
is_l2tp (NMConnection *connection)
{
  NMSettingVpn *vpn = nm_connection_get_setting_vpn (connection);

  return vpn && g_strcmp0 (nm_setting_vpn_get_service_type (vpn), L2TP_SERVICE_NAME) == 0;
}

NMConnection *
l2tp_diagnose_find_connection (L2tpCheckList *list, NMClient *client,
                               const char *name_or_uuid)
{
  g_autoptr (GPtrArray) matches = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  NMConnection *connection = NULL;
  L2tpCheck *check;

  if (!client)
    {
      text = g_strdup_printf (_ ("Cannot look up the connection \"%s\": NetworkManager "
                                 "is not running"),
                              name_or_uuid);
      l2tp_check_list_add (list, "connection", L2TP_CHECK_FAIL, text,
                           _ ("start it: sudo systemctl start NetworkManager"));
      return NULL;
    }
  connection = NM_CONNECTION (nm_client_get_connection_by_uuid (client, name_or_uuid));
  if (connection)
    g_ptr_array_add (matches, connection);
  else
    {
      const GPtrArray *all = nm_client_get_connections (client);

      for (guint i = 0; i < all->len; i++)
        if (g_strcmp0 (nm_connection_get_id (all->pdata[i]), name_or_uuid) == 0)
          g_ptr_array_add (matches, all->pdata[i]);
    }

  if (matches->len == 0)
    {
      text = g_strdup_printf (_ ("No connection \"%s\" that this user can see"),
                              name_or_uuid);
      fix = g_strdup (_ ("list them with: nmcli connection show"));
      l2tp_check_list_add (list, "connection", L2TP_CHECK_FAIL, text, fix);
      return NULL;
    }
  if (matches->len > 1)
    {
      text = g_strdup_printf (_ ("%u connections are named \"%s\""), matches->len,
                              name_or_uuid);
      fix = g_strdup (_ ("give its uuid instead (nmcli -f NAME,UUID connection show)"));
      l2tp_check_list_add (list, "connection", L2TP_CHECK_FAIL, text, fix);
      return NULL;
    }
  connection = matches->pdata[0];
  if (!is_l2tp (connection))
    {
      text = g_strdup_printf (_ ("\"%s\" is not an L2TP VPN connection"),
                              nm_connection_get_id (connection));
      l2tp_check_list_add (list, "connection", L2TP_CHECK_FAIL, text,
                           _ ("name an L2TP connection (nmcli -f NAME,TYPE connection "
                              "show)"));
      return NULL;
    }
  text = g_strdup_printf (_ ("Connection \"%s\" (%s)"), nm_connection_get_id (connection),
                          nm_connection_get_uuid (connection));
  check = l2tp_check_list_add (list, "connection", L2TP_CHECK_OK, text, NULL);
  l2tp_check_add_fact (check, "id", nm_connection_get_id (connection));
  l2tp_check_add_fact (check, "uuid", nm_connection_get_uuid (connection));
  return g_object_ref (connection);
}
