/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plugin.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "editor-loader.h"
#include "export-keyfile.h"
#include "import-keyfile.h"
#include "import-mobileconfig.h"
#include "import-pbk.h"
#include "profile-connection.h"
#include "settings-table.h"

enum
{
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_SERVICE,
};

struct _L2tpEditorPlugin
{
  GObject parent;
};

static void l2tp_editor_plugin_interface_init (NMVpnEditorPluginInterface *iface);

G_DEFINE_TYPE_WITH_CODE (L2tpEditorPlugin, l2tp_editor_plugin, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (NM_TYPE_VPN_EDITOR_PLUGIN,
                                                l2tp_editor_plugin_interface_init))

NMConnection *
l2tp_import_buffer (const char *buffer, gsize length, const char *fallback_id,
                    GPtrArray **notes, GError **error)
{
  g_autoptr (L2tpProfile) profile = NULL;

  g_return_val_if_fail (buffer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Content, not the file name, says the format: files arrive renamed. */
  if (l2tp_import_mobileconfig_sniff (buffer, length))
    profile = l2tp_import_mobileconfig (buffer, length, error);
  else if (l2tp_import_keyfile_sniff (buffer, length))
    profile = l2tp_import_keyfile (buffer, length, error);
  else if (l2tp_import_pbk_sniff (buffer, length))
    profile = l2tp_import_pbk (buffer, length, error);
  else
    g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_NOT_L2TP,
                 _ ("not an L2TP profile: neither a NetworkManager-l2tp .conf, a "
                    "Windows .pbk nor an Apple .mobileconfig"));
  if (!profile)
    return NULL;
  if (notes)
    *notes = g_ptr_array_ref (profile->notes);
  return l2tp_profile_to_connection (profile, fallback_id, error);
}

static gboolean
read_profile_file (const char *path, char **contents, gsize *length, GError **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv), "%s: %s", path,
                   g_strerror (errsv));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > L2TP_IMPORT_MAX_BYTES)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_NOT_L2TP,
                   _ ("%s: not a regular file of at most %u bytes"), path,
                   (guint) L2TP_IMPORT_MAX_BYTES);
      return FALSE;
    }
  return g_file_get_contents (path, contents, length, error);
}

static char *
name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static NMConnection *
import_from_file (NMVpnEditorPlugin *plugin, const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *fallback_id = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  gsize length = 0;
  NMConnection *connection;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_profile_file (path, &contents, &length, error))
    return NULL;
  fallback_id = name_from_path (path);
  connection = l2tp_import_buffer (contents, length, fallback_id, &notes, error);
  /* The file may hold a PSK or password. */
  memset (contents, 0, length);
  if (connection)
    for (guint i = 0; i < notes->len; i++)
      g_message ("%s: %s", nm_connection_get_id (connection),
                 (const char *) notes->pdata[i]);
  return connection;
}

/* nmcli and the editors hand over the connection as NetworkManager shows it:
 * without secrets. Ask for the saved ones, so the export keeps the PSK. */
static NMConnection *
with_saved_secrets (NMConnection *connection)
{
  NMSettingVpn *s_vpn = nm_connection_get_setting_vpn (connection);
  g_autoptr (GVariant) secrets = NULL;
  g_autoptr (GError) error = NULL;
  NMConnection *copy;

  if (!NM_IS_REMOTE_CONNECTION (connection) || !s_vpn
      || nm_setting_vpn_get_num_secrets (s_vpn) > 0)
    return g_object_ref (connection);

  copy = nm_simple_connection_new_clone (connection);
  secrets = nm_remote_connection_get_secrets (NM_REMOTE_CONNECTION (connection),
                                              NM_SETTING_VPN_SETTING_NAME, NULL, &error);
  if (!secrets
      || !nm_connection_update_secrets (copy, NM_SETTING_VPN_SETTING_NAME, secrets,
                                        &error))
    g_message (_ ("%s: exported without its secrets: %s"), nm_connection_get_id (copy),
               error->message);
  return copy;
}

static gboolean
export_to_file (NMVpnEditorPlugin *plugin, const char *path, NMConnection *connection,
                GError **error)
{
  g_autoptr (L2tpProfile) profile = NULL;
  g_autoptr (NMConnection) full = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (NM_IS_CONNECTION (connection), FALSE);

  full = with_saved_secrets (connection);
  profile = l2tp_profile_from_connection (full, error);
  if (!profile)
    return FALSE;
  text = l2tp_export_keyfile (profile, error);
  if (!text)
    return FALSE;
  /* It carries the secrets the connection has: readable by the owner only. */
  ok = g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 error);
  memset (text, 0, strlen (text));
  return ok;
}

static char *
get_suggested_filename (NMVpnEditorPlugin *plugin, NMConnection *connection)
{
  const char *id;
  g_autofree char *safe = NULL;

  g_return_val_if_fail (NM_IS_CONNECTION (connection), NULL);

  id = nm_connection_get_id (connection);
  safe = g_strdup (id && id[0] ? id : "l2tp");
  g_strdelimit (safe, "/\\", '_');
  return g_strconcat (safe, ".conf", NULL);
}

static NMVpnEditorPluginCapability
get_capabilities (NMVpnEditorPlugin *plugin)
{
  return NM_VPN_EDITOR_PLUGIN_CAPABILITY_IMPORT | NM_VPN_EDITOR_PLUGIN_CAPABILITY_EXPORT
         | NM_VPN_EDITOR_PLUGIN_CAPABILITY_IPV6;
}

static NMVpnEditor *
get_editor (NMVpnEditorPlugin *plugin, NMConnection *connection, GError **error)
{
  return l2tp_editor_load (plugin, connection, error);
}

static void
get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, _ ("Layer 2 Tunneling Protocol (L2TP/IPsec)"));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, _ ("L2TP over IPsec, as offered by Windows, macOS, "
                                    "iOS, Android and most routers."));
      break;
    case PROP_SERVICE:
      g_value_set_string (value, L2TP_SERVICE_NAME);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
    }
}

static void
l2tp_editor_plugin_init (L2tpEditorPlugin *plugin)
{
}

static void
l2tp_editor_plugin_class_init (L2tpEditorPluginClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = get_property;
  g_object_class_override_property (object_class, PROP_NAME, NM_VPN_EDITOR_PLUGIN_NAME);
  g_object_class_override_property (object_class, PROP_DESCRIPTION,
                                    NM_VPN_EDITOR_PLUGIN_DESCRIPTION);
  g_object_class_override_property (object_class, PROP_SERVICE,
                                    NM_VPN_EDITOR_PLUGIN_SERVICE);
}

static void
l2tp_editor_plugin_interface_init (NMVpnEditorPluginInterface *iface)
{
  iface->get_editor = get_editor;
  iface->get_capabilities = get_capabilities;
  iface->import_from_file = import_from_file;
  iface->export_to_file = export_to_file;
  iface->get_suggested_filename = get_suggested_filename;
}

G_MODULE_EXPORT NMVpnEditorPlugin *
nm_vpn_editor_plugin_factory (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return g_object_new (L2TP_TYPE_EDITOR_PLUGIN, NULL);
}
