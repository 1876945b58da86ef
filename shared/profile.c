/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "profile.h"

#include <string.h>

#include "config.h"
#include "settings-table.h"
#include "text-clean.h"

G_DEFINE_QUARK (l2tp - import - error - quark, l2tp_import_error)

static void
wipe_free (gpointer value)
{
  char *s = value;

  if (s)
    memset (s, 0, strlen (s));
  g_free (s);
}

static GHashTable *
table_new (GDestroyNotify value_free)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
}

static void
ip_init (L2tpProfileIp *ip)
{
  ip->dns = g_ptr_array_new_with_free_func (g_free);
  ip->dns_search = g_ptr_array_new_with_free_func (g_free);
  ip->routes = g_ptr_array_new_with_free_func (g_free);
  ip->ignore_auto_routes = L2TP_UNSET;
  ip->ignore_auto_dns = L2TP_UNSET;
  ip->dhcp_send_hostname = L2TP_UNSET;
  ip->never_default = L2TP_UNSET;
}

static void
ip_clear (L2tpProfileIp *ip)
{
  g_free (ip->method);
  g_ptr_array_unref (ip->dns);
  g_ptr_array_unref (ip->dns_search);
  g_ptr_array_unref (ip->routes);
}

L2tpProfile *
l2tp_profile_new (void)
{
  L2tpProfile *profile = g_new0 (L2tpProfile, 1);

  profile->data = table_new (g_free);
  profile->secrets = table_new (wipe_free);
  ip_init (&profile->ip4);
  ip_init (&profile->ip6);
  profile->notes = g_ptr_array_new_with_free_func (g_free);
  return profile;
}

void
l2tp_profile_free (L2tpProfile *profile)
{
  if (!profile)
    return;
  g_free (profile->id);
  g_hash_table_unref (profile->data);
  g_hash_table_unref (profile->secrets);
  ip_clear (&profile->ip4);
  ip_clear (&profile->ip6);
  g_ptr_array_unref (profile->notes);
  g_free (profile);
}

void
l2tp_profile_set (L2tpProfile *profile, const char *key, const char *value)
{
  const L2tpKey *k;

  g_return_if_fail (profile != NULL && key != NULL && value != NULL);

  k = l2tp_key_lookup (key, NULL);
  /* Unknown keys go to data, where the sanitizer names and refuses them. */
  if (k && (k->place & L2TP_IN_SECRETS))
    g_hash_table_insert (profile->secrets, g_strdup (key), g_strdup (value));
  else
    g_hash_table_insert (profile->data, g_strdup (key), g_strdup (value));
}

gboolean
l2tp_profile_ip_said (const L2tpProfileIp *ip)
{
  g_return_val_if_fail (ip != NULL, FALSE);
  return ip->method || ip->dns->len || ip->dns_search->len || ip->routes->len
         || ip->ignore_auto_routes != L2TP_UNSET || ip->ignore_auto_dns != L2TP_UNSET
         || ip->dhcp_send_hostname != L2TP_UNSET || ip->never_default != L2TP_UNSET;
}

void
l2tp_profile_add_note (L2tpProfile *profile, const char *note)
{
  g_return_if_fail (profile != NULL && note != NULL);
  /* Notes quote the file (entry names): cleaned like an error. */
  g_ptr_array_add (profile->notes, l2tp_text_clean (note, 1024));
}

static GHashTable *
owned_copy (GHashTable *from, GDestroyNotify value_free)
{
  GHashTable *to = table_new (value_free);
  GHashTableIter iter;
  gpointer k, v;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_hash_table_insert (to, g_strdup (k), g_strdup (v));
  return to;
}

static void
wipe_values (GHashTable *table)
{
  GHashTableIter iter;
  gpointer v;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &v))
    memset (v, 0, strlen (v));
}

gboolean
l2tp_profile_sanitize (L2tpProfile *profile, GError **error)
{
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autoptr (GHashTable) data = NULL;
  g_autoptr (GHashTable) secrets = NULL;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cfg = l2tp_config_new (profile->data, profile->secrets, error);
  if (!cfg)
    return FALSE;

  data = l2tp_config_dup_data (cfg);
  secrets = l2tp_config_dup_secrets (cfg);
  g_hash_table_unref (profile->data);
  g_hash_table_unref (profile->secrets);
  profile->data = owned_copy (data, g_free);
  profile->secrets = owned_copy (secrets, wipe_free);
  /* The sanitizer's copy frees with g_free: wipe the secrets first. */
  wipe_values (secrets);
  return TRUE;
}

guint
l2tp_profile_line_of (const char *buffer, gsize offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset && buffer[i]; i++)
    if (buffer[i] == '\n')
      line++;
  return line;
}
