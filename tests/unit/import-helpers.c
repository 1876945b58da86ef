/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "import-helpers.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "plugin.h"
#include "value-check.h"

NMVpnEditorPlugin *
plugin_get (void)
{
  static NMVpnEditorPlugin *plugin;

  if (!plugin)
    {
      g_autoptr (GError) error = NULL;
      plugin = nm_vpn_editor_plugin_factory (&error);
      g_assert_no_error (error);
    }
  return plugin;
}

char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static void
add_line (const char *key, const char *value, gpointer lines)
{
  g_ptr_array_add (lines, g_strdup_printf ("%s=%s", key, value));
}

char *
dump_vpn (NMConnection *connection)
{
  NMSettingVpn *s_vpn = nm_connection_get_setting_vpn (connection);
  g_autoptr (GPtrArray) data = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *d = NULL, *s = NULL;

  g_assert_nonnull (s_vpn);
  g_assert_cmpstr (nm_setting_vpn_get_service_type (s_vpn), ==, L2TP_SERVICE_NAME);
  nm_setting_vpn_foreach_data_item (s_vpn, add_line, data);
  nm_setting_vpn_foreach_secret (s_vpn, add_line, secrets);
  g_ptr_array_sort (data, (GCompareFunc) l2tp_value_compare_indirect);
  g_ptr_array_sort (secrets, (GCompareFunc) l2tp_value_compare_indirect);
  g_ptr_array_add (data, NULL);
  g_ptr_array_add (secrets, NULL);
  d = g_strjoinv (", ", (char **) data->pdata);
  s = g_strjoinv (", ", (char **) secrets->pdata);
  return g_strdup_printf ("data: %s; secrets: %s", d, s);
}

NMConnection *
import_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr (GError) error = NULL;
  NMConnection *connection = nm_vpn_editor_plugin_import (plugin_get (), path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (connection);
  return connection;
}

void
assert_import (const char *name, const char *id, const char *expected_vpn)
{
  g_autoptr (NMConnection) connection = import_fixture (name);
  g_autofree char *vpn = dump_vpn (connection);

  g_assert_cmpstr (nm_connection_get_id (connection), ==, id);
  g_assert_cmpstr (vpn, ==, expected_vpn);
  g_assert_true (nm_connection_verify (connection, NULL));
}

void
assert_refused (const char *buffer, gssize length, const char *const *parts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NMConnection) connection = l2tp_import_buffer (
      buffer, length < 0 ? strlen (buffer) : (gsize) length, "x", NULL, &error);

  if (connection)
    g_error ("accepted: %s", buffer);
  g_assert_nonnull (error);
  for (guint i = 0; parts[i]; i++)
    if (!strstr (error->message, parts[i]))
      g_error ("expected '%s' in the error, got '%s'", parts[i], error->message);
}

void
assert_round_trip (NMConnection *original)
{
  g_autofree char *dir = g_dir_make_tmp ("l2tp-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.conf", NULL);
  g_autofree char *before = dump_vpn (original);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (NMConnection) again = NULL;
  NMSettingIPConfig *ip_a, *ip_b;
  GStatBuf st;

  g_assert_true (nm_vpn_editor_plugin_export (plugin_get (), path, original, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  again = nm_vpn_editor_plugin_import (plugin_get (), path, &error);
  g_assert_no_error (error);
  after = dump_vpn (again);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (nm_connection_get_id (again), ==, nm_connection_get_id (original));

  ip_a = nm_connection_get_setting_ip4_config (original);
  ip_b = nm_connection_get_setting_ip4_config (again);
  g_assert_true (nm_setting_compare (NM_SETTING (ip_a), NM_SETTING (ip_b),
                                     NM_SETTING_COMPARE_FLAG_EXACT));
  ip_a = nm_connection_get_setting_ip6_config (original);
  ip_b = nm_connection_get_setting_ip6_config (again);
  g_assert_true (ip_a && ip_b);
  g_assert_true (nm_setting_compare (NM_SETTING (ip_a), NM_SETTING (ip_b),
                                     NM_SETTING_COMPARE_FLAG_EXACT));
  g_unlink (path);
  g_rmdir (dir);
}
