/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "editor-values.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

struct _L2tpEditorValues
{
  GHashTable *data;    /* key → value, both owned */
  GHashTable *secrets; /* key → value, both owned; values wiped on free */
  gboolean is_new;
  gboolean never_default; /* ipv4.never-default */
};

static void
wipe_secret (gpointer value)
{
  char *text = value;

  if (text)
    memset (text, 0, strlen (text));
  g_free (text);
}

static void
copy_item (const char *key, const char *value, gpointer user_data)
{
  GHashTable *table = user_data;

  g_hash_table_insert (table, g_strdup (key), g_strdup (value));
}

L2tpEditorValues *
l2tp_editor_values_new (NMConnection *connection)
{
  L2tpEditorValues *values = g_atomic_rc_box_new0 (L2tpEditorValues);
  NMSettingVpn *s_vpn = connection ? nm_connection_get_setting_vpn (connection) : NULL;

  values->data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  values->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_secret);
  if (s_vpn)
    {
      nm_setting_vpn_foreach_data_item (s_vpn, copy_item, values->data);
      nm_setting_vpn_foreach_secret (s_vpn, copy_item, values->secrets);
    }
  values->is_new = g_hash_table_size (values->data) == 0;
  values->never_default = connection && l2tp_editor_connection_never_default (connection);
  return values;
}

L2tpEditorValues *
l2tp_editor_values_ref (L2tpEditorValues *values)
{
  g_return_val_if_fail (values != NULL, NULL);
  return g_atomic_rc_box_acquire (values);
}

static void
values_clear (gpointer mem)
{
  L2tpEditorValues *values = mem;

  g_hash_table_unref (values->data);
  g_hash_table_unref (values->secrets);
}

void
l2tp_editor_values_unref (L2tpEditorValues *values)
{
  if (values)
    g_atomic_rc_box_release_full (values, values_clear);
}

gboolean
l2tp_editor_values_is_new (const L2tpEditorValues *values)
{
  g_return_val_if_fail (values != NULL, FALSE);
  return values->is_new;
}

static const char *
non_empty (const char *text)
{
  return text && text[0] ? text : NULL;
}

/* Old names the service still reads (shared/config.c, apply_aliases): the
 * editor shows what they say and, saving the key, drops them. */
static const struct
{
  L2tpKeyId id, old;
} aliases[] = {
  { L2TP_KEY_IPSEC_REMOTE_ID, L2TP_KEY_IPSEC_GATEWAY_ID },
  { L2TP_KEY_USER_CA, L2TP_KEY_KDE_CERT_CA },
  { L2TP_KEY_USER_CERT, L2TP_KEY_KDE_CERT_PUB },
  { L2TP_KEY_USER_KEY, L2TP_KEY_KDE_CERT_KEY },
  { L2TP_KEY_USER_AUTH_TYPE, L2TP_KEY_KDE_USE_CERT }, /* "yes" means tls */
};

static gboolean
old_name_of (L2tpKeyId id, L2tpKeyId *old)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (aliases[i].id == id)
      {
        *old = aliases[i].old;
        return TRUE;
      }
  return FALSE;
}

const char *
l2tp_editor_values_get (const L2tpEditorValues *values, L2tpKeyId id)
{
  const L2tpKey *key;
  const char *value = NULL;
  L2tpKeyId old;

  g_return_val_if_fail (values != NULL, NULL);
  key = l2tp_key_get (id);
  g_return_val_if_fail (key != NULL, NULL);

  if (key->place & L2TP_IN_SECRETS)
    value = non_empty (g_hash_table_lookup (values->secrets, key->name));
  if (!value && (key->place & L2TP_IN_DATA))
    value = non_empty (g_hash_table_lookup (values->data, key->name));
  if (!value && old_name_of (id, &old))
    {
      value = l2tp_editor_values_get (values, old);
      /* KDE Plasma's use-cert=yes: its user certificate, EAP-TLS. */
      if (id == L2TP_KEY_USER_AUTH_TYPE)
        value = g_strcmp0 (value, "yes") == 0 ? "tls" : NULL;
    }
  return value;
}

const char *
l2tp_editor_values_get_effective (const L2tpEditorValues *values, L2tpKeyId id)
{
  const char *value = l2tp_editor_values_get (values, id);

  return value ? value : l2tp_key_get (id)->def;
}

gboolean
l2tp_editor_values_get_bool (const L2tpEditorValues *values, L2tpKeyId id)
{
  return g_strcmp0 (l2tp_editor_values_get_effective (values, id), "yes") == 0;
}

guint
l2tp_editor_values_get_uint (const L2tpEditorValues *values, L2tpKeyId id)
{
  const L2tpKey *key = l2tp_key_get (id);
  const char *text = l2tp_editor_values_get_effective (values, id);
  guint64 number = key->min;

  /* A value out of range shows as the nearest limit; saving checks it anyway. */
  if (text && !g_ascii_string_to_unsigned (text, 10, key->min, key->max, &number, NULL))
    number = strtoull (text, NULL, 10) > key->max ? key->max : key->min;
  return (guint) number;
}

NMSettingSecretFlags
l2tp_editor_values_get_flags (const L2tpEditorValues *values, L2tpKeyId flags_id)
{
  const char *text = l2tp_editor_values_get (values, flags_id);
  guint64 flags = 0;

  g_return_val_if_fail (l2tp_key_get (flags_id)->type == L2TP_KEY_TYPE_SECRET_FLAGS, 0);

  if (!text)
    return values->is_new ? NM_SETTING_SECRET_FLAG_AGENT_OWNED
                          : NM_SETTING_SECRET_FLAG_NONE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, l2tp_key_get (flags_id)->max, &flags,
                                   NULL))
    return NM_SETTING_SECRET_FLAG_NONE;
  return (NMSettingSecretFlags) flags;
}

/* The rule the service applies (see the ipsec-enabled row of the table). */
gboolean
l2tp_editor_values_ipsec_enabled (const L2tpEditorValues *values)
{
  const char *enabled = l2tp_editor_values_get (values, L2TP_KEY_IPSEC_ENABLED);

  if (enabled)
    return strcmp (enabled, "yes") == 0;
  return l2tp_editor_values_get (values, L2TP_KEY_IPSEC_PSK) != NULL
         || l2tp_editor_values_get (values, L2TP_KEY_MACHINE_CERT) != NULL;
}

void
l2tp_editor_values_set (L2tpEditorValues *values, L2tpKeyId id, const char *value)
{
  const L2tpKey *key;
  GHashTable *table;
  L2tpKeyId old;

  g_return_if_fail (values != NULL);
  key = l2tp_key_get (id);
  g_return_if_fail (key != NULL);

  table = (key->place & L2TP_IN_SECRETS) ? values->secrets : values->data;
  /* Old profiles carry the PSK in vpn.data too; it would shadow a cleared one. */
  if (table == values->secrets)
    g_hash_table_remove (values->data, key->name);
  if (old_name_of (id, &old))
    g_hash_table_remove (values->data, l2tp_key_get (old)->name);

  if (!value || !value[0] || g_strcmp0 (value, key->def) == 0)
    g_hash_table_remove (table, key->name);
  else
    g_hash_table_insert (table, g_strdup (key->name), g_strdup (value));
}

void
l2tp_editor_values_set_bool (L2tpEditorValues *values, L2tpKeyId id, gboolean on)
{
  l2tp_editor_values_set (values, id, on ? "yes" : "no");
}

void
l2tp_editor_values_set_uint (L2tpEditorValues *values, L2tpKeyId id, guint value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  l2tp_editor_values_set (values, id, text);
}

void
l2tp_editor_values_set_secret (L2tpEditorValues *values, L2tpKeyId secret_id,
                               L2tpKeyId flags_id, const char *secret,
                               NMSettingSecretFlags flags)
{
  gboolean stored = !(
      flags & (NM_SETTING_SECRET_FLAG_NOT_SAVED | NM_SETTING_SECRET_FLAG_NOT_REQUIRED));

  g_return_if_fail (l2tp_key_get (flags_id)->type == L2TP_KEY_TYPE_SECRET_FLAGS);

  l2tp_editor_values_set_uint (values, flags_id, flags);
  l2tp_editor_values_set (values, secret_id, stored ? secret : NULL);
}

gboolean
l2tp_editor_connection_never_default (NMConnection *connection)
{
  NMSettingIPConfig *s_ip4;

  g_return_val_if_fail (NM_IS_CONNECTION (connection), FALSE);
  s_ip4 = nm_connection_get_setting_ip4_config (connection);
  return s_ip4 && nm_setting_ip_config_get_never_default (s_ip4);
}

gboolean
l2tp_editor_values_get_never_default (const L2tpEditorValues *values)
{
  g_return_val_if_fail (values != NULL, FALSE);
  return values->never_default;
}

void
l2tp_editor_values_set_never_default (L2tpEditorValues *values, gboolean never_default)
{
  g_return_if_fail (values != NULL);
  values->never_default = !!never_default;
}

static void
save_never_default (const L2tpEditorValues *values, NMConnection *connection)
{
  NMSettingIPConfig *s_ip4 = nm_connection_get_setting_ip4_config (connection);

  if (!s_ip4)
    {
      s_ip4 = NM_SETTING_IP_CONFIG (nm_setting_ip4_config_new ());
      g_object_set (s_ip4, NM_SETTING_IP_CONFIG_METHOD, NM_SETTING_IP4_CONFIG_METHOD_AUTO,
                    NULL);
      nm_connection_add_setting (connection, NM_SETTING (s_ip4));
    }
  /* Set only when it differs: the connection editors watch the setting. */
  if (nm_setting_ip_config_get_never_default (s_ip4) != values->never_default)
    g_object_set (s_ip4, NM_SETTING_IP_CONFIG_NEVER_DEFAULT, values->never_default, NULL);
}

gboolean
l2tp_editor_values_save (const L2tpEditorValues *values, NMConnection *connection,
                         GError **error)
{
  g_autoptr (L2tpConfig) cfg = NULL;
  NMSettingVpn *s_vpn;

  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (NM_IS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cfg = l2tp_config_new (values->data, values->secrets, error);
  if (!cfg)
    return FALSE;

  s_vpn = nm_connection_get_setting_vpn (connection);
  if (!s_vpn)
    {
      s_vpn = NM_SETTING_VPN (nm_setting_vpn_new ());
      nm_connection_add_setting (connection, NM_SETTING (s_vpn));
    }
  g_object_set (s_vpn, NM_SETTING_VPN_SERVICE_TYPE, L2TP_SERVICE_NAME,
                NM_SETTING_VPN_DATA, values->data, NM_SETTING_VPN_SECRETS,
                values->secrets, NULL);
  save_never_default (values, connection);
  return TRUE;
}
