/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "import-keyfile.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>

#include "config.h"
#include "import-common.h"
#include "profile-ip.h"
#include "settings-table.h"
#include "text-clean.h"

#define GROUP_CONNECTION "connection"
#define GROUP_VPN        "vpn"

/* NetworkManager-l2tp wrote [ip4] until 1.52.2 and [ipv4], [ipv6] since (its
 * git tree had [ip6] for a week before). Either spelling is read; a file with
 * both (our exporter writes [ip4] again for the older plugin) must say the
 * same in each. */
typedef struct
{
  const char *name, *old_name;
  int family;
} IpGroup;

static const IpGroup ip_groups[] = {
  { "ipv4", "ip4", AF_INET },
  { "ipv6", "ip6", AF_INET6 },
};

static const char *const groups[]
    = { GROUP_CONNECTION, GROUP_VPN, "ipv4", "ip4", "ipv6", "ip6", NULL };

static const char *const ip_lists[] = { "dns", "dns-search", "routes", NULL };
static const char *const ip_bools[] = { "ignore-auto-routes", "ignore-auto-dns",
                                        "dhcp-send-hostname", "never-default", NULL };

gboolean
l2tp_import_keyfile_sniff (const char *buffer, gsize length)
{
  gsize pos = 0;
  guint line_no = 0;
  char *line;

  while ((line = l2tp_import_next_line (buffer, MIN (length, 65536), &pos, &line_no)))
    {
      gboolean found = strcmp (g_strstrip (line), "[" GROUP_VPN "]") == 0;
      g_free (line);
      if (found)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_ip_group (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (ip_groups); i++)
    if (strcmp (group, ip_groups[i].name) == 0
        || strcmp (group, ip_groups[i].old_name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
known_key (const char *group, const char *key)
{
  if (strcmp (group, GROUP_CONNECTION) == 0)
    return strcmp (key, "id") == 0;
  if (strcmp (group, GROUP_VPN) == 0)
    return l2tp_key_lookup (key, NULL) != NULL;
  return strcmp (key, "method") == 0 || g_strv_contains (ip_lists, key)
         || g_strv_contains (ip_bools, key);
}

/* Keys only NetworkManager's own keyfiles have. */
static gboolean
is_nmconnection_key (const char *group, const char *key)
{
  return (strcmp (group, GROUP_CONNECTION) == 0
          && (strcmp (key, "uuid") == 0 || strcmp (key, "type") == 0))
         || (strcmp (group, GROUP_VPN) == 0 && strcmp (key, "service-type") == 0);
}

static char *
line_key (const char *group, const char *key)
{
  return g_strdup_printf ("%s\n%s", group, key);
}

/* GKeyFile says what is wrong but not where: walk the lines first, so every
 * error can name its line, and refuse what GKeyFile would quietly accept
 * (unknown groups and keys, a key given twice). Fills lines: group\nkey → line. */
static gboolean
scan_lines (const char *buffer, gsize length, GHashTable *lines, GError **error)
{
  g_autofree char *group = NULL;
  gsize pos = 0;
  guint line_no = 0;
  char *raw;

  while ((raw = l2tp_import_next_line (buffer, length, &pos, &line_no)))
    {
      g_autofree char *line = raw;
      char *text = g_strchug (line);
      char *eq;

      if (*text == '\0' || *text == '#')
        continue;
      if (*text == '[')
        {
          char *close = strchr (text, ']');
          if (!close || close[1] != '\0')
            goto bad_line;
          *close = '\0';
          if (!g_strv_contains (groups, text + 1))
            {
              g_autofree char *shown = l2tp_text_clean (text + 1, 128);
              g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                           _ ("line %u: unknown group [%s]"), line_no, shown);
              return FALSE;
            }
          g_free (group);
          group = g_strdup (text + 1);
          continue;
        }
      eq = strchr (text, '=');
      if (!eq || eq == text || !group)
        goto bad_line;
      *eq = '\0';
      g_strchomp (text);
      if (is_nmconnection_key (group, text))
        {
          g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_NOT_L2TP,
                       _ ("line %u: [%s] %s: this is a NetworkManager .nmconnection "
                          "file, not a NetworkManager-l2tp export; copy it to "
                          "/etc/NetworkManager/system-connections (mode 600) and run "
                          "nmcli connection reload"),
                       line_no, group, text);
          return FALSE;
        }
      if (!known_key (group, text))
        {
          g_autofree char *shown = l2tp_text_clean (text, 128);
          g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: [%s] %s: unknown key"), line_no, group, shown);
          return FALSE;
        }
      if (!g_hash_table_insert (lines, line_key (group, text),
                                GUINT_TO_POINTER (line_no)))
        {
          g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: [%s] %s: given twice"), line_no, group, text);
          return FALSE;
        }
      continue;

    bad_line:
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   group ? _ ("line %u: neither a group, a key=value pair nor a comment")
                         : _ ("line %u: a key before the first [group]"),
                   line_no);
      return FALSE;
    }
  return TRUE;
}

static guint
line_for (GHashTable *lines, const char *group, const char *key)
{
  g_autofree char *lk = line_key (group, key);
  return GPOINTER_TO_UINT (g_hash_table_lookup (lines, lk));
}

static gboolean
fail_at (GError **error, guint line, GError *cause)
{
  g_propagate_prefixed_error (error, cause, _ ("line %u: "), line);
  return FALSE;
}

/* GKeyFile's string escapes: \s \n \t \r \\ and, in a list, \; — nothing
 * else, never a backslash at the end. */
static gboolean
escapes_valid (const char *raw, gboolean list)
{
  for (const char *p = raw; p && *p; p++)
    {
      if (*p != '\\')
        continue;
      p++;
      if (!*p || !(strchr ("sntr\\", *p) || (list && *p == ';')))
        return FALSE;
    }
  return TRUE;
}

/* GLib 2.74 sets its error twice (a warning, fatal in tests) for a bad
 * escape followed by a trailing backslash, in every g_key_file_get_string*
 * call: every value of every group is checked before any is read. */
static gboolean
check_escapes (GKeyFile *kf, GHashTable *lines, GError **error)
{
  for (guint g = 0; groups[g]; g++)
    {
      g_auto (GStrv) keys = g_key_file_get_keys (kf, groups[g], NULL, NULL);

      for (guint i = 0; keys && keys[i]; i++)
        {
          g_autofree char *raw = g_key_file_get_value (kf, groups[g], keys[i], NULL);
          gboolean list = is_ip_group (groups[g]) && g_strv_contains (ip_lists, keys[i]);

          if (!escapes_valid (raw, list))
            {
              g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                           _ ("line %u: [%s] %s: invalid escape sequence in the value"),
                           line_for (lines, groups[g], keys[i]), groups[g], keys[i]);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* One [vpn] key: booleans become the table's yes/no, every value is checked
 * on its own here so the error can name the line. */
static gboolean
take_vpn_key (L2tpProfile *profile, GKeyFile *kf, const char *key, guint line,
              GError **error)
{
  L2tpKeyId id;
  const L2tpKey *k = l2tp_key_lookup (key, &id);
  g_autoptr (GError) local = NULL;
  g_autofree char *value = NULL;

  if (!k) /* scan_lines refused it already; GKeyFile may split lines otherwise */
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   _ ("line %u: [vpn] %s: unknown key"), line, key);
      return FALSE;
    }
  /* On a bad escape GKeyFile returns a value *and* sets the error. */
  value = g_key_file_get_string (kf, GROUP_VPN, key, &local);
  if (local)
    return fail_at (error, line, g_steal_pointer (&local));
  if (value[0] == '\0')
    return TRUE; /* empty means not set, as in vpn.data */
  if (k->type == L2TP_KEY_TYPE_BOOL)
    {
      int b = l2tp_import_parse_bool (value);
      if (b < 0)
        {
          g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: %s: must be true or false"), line, key);
          return FALSE;
        }
      g_free (value);
      value = g_strdup (b ? "yes" : "no");
    }
  if (!l2tp_config_check_value (id, value, &local))
    return fail_at (error, line, g_steal_pointer (&local));
  l2tp_profile_set (profile, key, value);
  if (k->place & L2TP_IN_SECRETS)
    memset (value, 0, strlen (value));
  return TRUE;
}

/* Every key of group a is in group b with the same text. */
static gboolean
same_keys (GKeyFile *kf, GHashTable *lines, const char *a, const char *b, GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (kf, a, NULL, NULL);

  for (guint i = 0; keys && keys[i]; i++)
    {
      g_autofree char *va = g_key_file_get_value (kf, a, keys[i], NULL);
      g_autofree char *vb = g_key_file_get_value (kf, b, keys[i], NULL);

      if (!vb)
        {
          g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: [%s] %s: missing from [%s]; the two groups "
                          "must say the same"),
                       line_for (lines, a, keys[i]), a, keys[i], b);
          return FALSE;
        }
      if (strcmp (va, vb) != 0)
        {
          g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: [%s] %s: not the same as on line %u in [%s]; the "
                          "two groups must say the same"),
                       line_for (lines, a, keys[i]), a, keys[i],
                       line_for (lines, b, keys[i]), b);
          return FALSE;
        }
    }
  return TRUE;
}

/* The spelling of the group to read: *group NULL when the file has neither. */
static gboolean
pick_ip_group (GKeyFile *kf, GHashTable *lines, const IpGroup *g, const char **group,
               GError **error)
{
  gboolean has_new = g_key_file_has_group (kf, g->name);
  gboolean has_old = g_key_file_has_group (kf, g->old_name);

  *group = has_new ? g->name : has_old ? g->old_name : NULL;
  return !(has_new && has_old)
         || (same_keys (kf, lines, g->name, g->old_name, error)
             && same_keys (kf, lines, g->old_name, g->name, error));
}

/* One item of a list, checked as the key wants it. */
static gboolean
check_ip_item (const IpGroup *g, const char *group, const char *key, const char *item,
               GError **error)
{
  g_autofree char *what = g_strdup_printf ("[%s] %s", group, key);

  if (!l2tp_import_check_label (what, item, error))
    return FALSE;
  if (strcmp (key, "dns") == 0 && !l2tp_ip_check_address (g->family, item, error))
    return g_prefix_error (error, "%s: ", what), FALSE;
  if (strcmp (key, "routes") == 0)
    {
      g_autoptr (L2tpIpRoute) route = l2tp_ip_route_parse (g->family, item, error);
      if (!route)
        return g_prefix_error (error, "%s: ", what), FALSE;
    }
  return TRUE;
}

static gboolean
take_ip_list (GKeyFile *kf, const IpGroup *g, const char *group, const char *key,
              guint line, GPtrArray *list, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_auto (GStrv) items = g_key_file_get_string_list (kf, group, key, NULL, &local);

  if (!items)
    return fail_at (error, line, g_steal_pointer (&local));
  for (guint j = 0; items[j]; j++)
    {
      char *item = g_strstrip (items[j]);

      if (!item[0])
        continue;
      if (list->len == L2TP_IP_LIST_MAX)
        {
          g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: [%s] %s: more than %u items"), line, group, key,
                       L2TP_IP_LIST_MAX);
          return FALSE;
        }
      if (!check_ip_item (g, group, key, item, error))
        return g_prefix_error (error, _ ("line %u: "), line), FALSE;
      g_ptr_array_add (list, g_strdup (item));
    }
  return TRUE;
}

static gboolean
take_ip (GKeyFile *kf, GHashTable *lines, const IpGroup *g, L2tpProfileIp *ip,
         GError **error)
{
  L2tpTristate *bools[] = { &ip->ignore_auto_routes, &ip->ignore_auto_dns,
                            &ip->dhcp_send_hostname, &ip->never_default };
  GPtrArray *lists[] = { ip->dns, ip->dns_search, ip->routes };
  g_autoptr (GError) local = NULL;
  const char *group;

  if (!pick_ip_group (kf, lines, g, &group, error))
    return FALSE;
  if (!group)
    return TRUE;
  if (g_key_file_has_key (kf, group, "method", NULL))
    {
      guint line = line_for (lines, group, "method");

      ip->method = g_key_file_get_string (kf, group, "method", &local);
      if (local)
        return fail_at (error, line, g_steal_pointer (&local));
      if (!l2tp_ip_check_method (g->family, ip->method, error))
        return g_prefix_error (error, _ ("line %u: [%s] method: "), line, group), FALSE;
    }
  for (guint i = 0; ip_lists[i]; i++)
    if (g_key_file_has_key (kf, group, ip_lists[i], NULL)
        && !take_ip_list (kf, g, group, ip_lists[i], line_for (lines, group, ip_lists[i]),
                          lists[i], error))
      return FALSE;
  for (guint i = 0; ip_bools[i]; i++)
    {
      g_autofree char *value = g_key_file_get_string (kf, group, ip_bools[i], NULL);
      int b;

      if (!value)
        continue;
      b = l2tp_import_parse_bool (value);
      if (b < 0)
        {
          g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                       _ ("line %u: [%s] %s: must be true or false"),
                       line_for (lines, group, ip_bools[i]), group, ip_bools[i]);
          return FALSE;
        }
      *bools[i] = b ? L2TP_YES : L2TP_NO;
    }
  return TRUE;
}

/* NetworkManager-l2tp 1.20 and later keep the PSK out of their exports. The
 * agent asks for it at the first connect; the note says why. Flags 0x2 and
 * 0x4 (NMSettingSecretFlags): asked every time anyway, or not needed. */
static void
note_missing_psk (L2tpProfile *profile)
{
  g_autoptr (L2tpConfig) cfg = l2tp_config_new (profile->data, profile->secrets, NULL);

  if (cfg && l2tp_config_ipsec_enabled (cfg) && !l2tp_config_machine_tls (cfg)
      && !l2tp_config_is_set (cfg, L2TP_KEY_IPSEC_PSK)
      && !(l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_PSK_FLAGS) & 0x6))
    l2tp_profile_add_note (profile,
                           _ ("The file has no pre-shared key (NetworkManager-l2tp 1.20 "
                              "and later leave it out of their exports): it is asked "
                              "for at the first connect."));
}

static L2tpProfile *
import_keyfile (const char *buffer, gsize length, GError **error)
{
  g_autoptr (L2tpProfile) profile = l2tp_profile_new ();
  g_autoptr (GHashTable) lines = NULL;
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_auto (GStrv) keys = NULL;

  if (!l2tp_import_check_text (buffer, length, error))
    return NULL;
  lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!scan_lines (buffer, length, lines, error))
    return NULL;
  if (!g_key_file_load_from_data (kf, buffer, length, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX, "%s",
                   local->message);
      return NULL;
    }
  if (!check_escapes (kf, lines, error))
    return NULL;
  if (!g_key_file_has_group (kf, GROUP_VPN))
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_NOT_L2TP,
                   _ ("no [vpn] group: not an L2TP connection file"));
      return NULL;
    }

  if (g_key_file_has_key (kf, GROUP_CONNECTION, "id", NULL))
    {
      profile->id = g_key_file_get_string (kf, GROUP_CONNECTION, "id", &local);
      if (local)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local), _ ("line %u: "),
                                      line_for (lines, GROUP_CONNECTION, "id"));
          return NULL;
        }
    }
  if (profile->id && !l2tp_import_check_label ("[connection] id", profile->id, error))
    {
      g_prefix_error (error, _ ("line %u: "), line_for (lines, GROUP_CONNECTION, "id"));
      return NULL;
    }

  keys = g_key_file_get_keys (kf, GROUP_VPN, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++)
    if (!take_vpn_key (profile, kf, keys[i], line_for (lines, GROUP_VPN, keys[i]), error))
      return NULL;
  if (!take_ip (kf, lines, &ip_groups[0], &profile->ip4, error)
      || !take_ip (kf, lines, &ip_groups[1], &profile->ip6, error)
      || !l2tp_profile_sanitize (profile, error))
    return NULL;
  note_missing_psk (profile);
  return g_steal_pointer (&profile);
}

L2tpProfile *
l2tp_import_keyfile (const char *buffer, gsize length, GError **error)
{
  L2tpProfile *profile;

  g_return_val_if_fail (buffer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  profile = import_keyfile (buffer, length, error);
  return profile ? profile : l2tp_import_failed (error);
}
