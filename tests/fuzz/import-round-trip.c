/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "import-round-trip.h"

#include <string.h>

#include "config.h"
#include "export-keyfile.h"
#include "import-keyfile.h"

static void
compare_tables (const char *format, const char *what, GHashTable *a, GHashTable *b)
{
  GHashTableIter iter;
  gpointer k, v;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    fuzz_fail ("%s: %s has %u keys, then %u", format, what, g_hash_table_size (a),
               g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      const char *other = g_hash_table_lookup (b, k);

      if (g_strcmp0 (v, other) != 0)
        fuzz_fail ("%s: %s %s changed from '%s' to '%s'", format, what, (const char *) k,
                   (const char *) v, other ? other : "(unset)");
    }
}

static void
compare_lists (const char *format, const char *family, const char *what, GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    fuzz_fail ("%s: %s %s has %u items, then %u", format, family, what, a->len, b->len);
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], b->pdata[i]) != 0)
      fuzz_fail ("%s: %s %s item %u changed from '%s' to '%s'", format, family, what, i,
                 (const char *) a->pdata[i], (const char *) b->pdata[i]);
}

/* always: the exporter writes this setting even when the profile says
 * nothing of it (ipv4), with "auto" for a method not said. */
static void
compare_ip (const char *format, const char *family, const L2tpProfileIp *a,
            const L2tpProfileIp *b, gboolean always)
{
  const char *method = a->method;

  if (!method && (always || l2tp_profile_ip_said (a)))
    method = "auto";
  if (g_strcmp0 (method, b->method) != 0)
    fuzz_fail ("%s: %s method changed from '%s' to '%s'", format, family, a->method,
               b->method);
  compare_lists (format, family, "dns", a->dns, b->dns);
  compare_lists (format, family, "dns-search", a->dns_search, b->dns_search);
  compare_lists (format, family, "routes", a->routes, b->routes);
  if (a->ignore_auto_routes != b->ignore_auto_routes
      || a->ignore_auto_dns != b->ignore_auto_dns
      || a->dhcp_send_hostname != b->dhcp_send_hostname
      || a->never_default != b->never_default)
    fuzz_fail ("%s: an %s yes/no changed", format, family);
}

static void
compare_profiles (const char *format, const L2tpProfile *a, const L2tpProfile *b)
{
  if (g_strcmp0 (a->id, b->id) != 0)
    fuzz_fail ("%s: id changed from '%s' to '%s'", format, a->id, b->id);
  compare_tables (format, "vpn.data", a->data, b->data);
  compare_tables (format, "vpn.secrets", a->secrets, b->secrets);
  compare_ip (format, "ipv4", &a->ip4, &b->ip4, TRUE);
  compare_ip (format, "ipv6", &a->ip6, &b->ip6, FALSE);
}

static void
check_sanitized (const char *format, L2tpProfile *profile)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg = l2tp_config_new (profile->data, profile->secrets, &error);
  g_autoptr (GHashTable) data = NULL;
  g_autoptr (GHashTable) secrets = NULL;

  if (!cfg)
    fuzz_fail ("%s: the imported profile does not sanitize: %s", format, error->message);
  data = l2tp_config_dup_data (cfg);
  secrets = l2tp_config_dup_secrets (cfg);
  compare_tables (format, "sanitized vpn.data", profile->data, data);
  compare_tables (format, "sanitized vpn.secrets", profile->secrets, secrets);
  for (guint i = 0; i < profile->notes->len; i++)
    if (!g_utf8_validate (profile->notes->pdata[i], -1, NULL))
      fuzz_fail ("%s: note %u is not UTF-8", format, i);
}

void
fuzz_import_buffer (const char *format, FuzzSniffFunc sniff, FuzzImportFunc import,
                    const uint8_t *data, size_t size)
{
  /* The importers take a buffer and a length; a copy with no slack lets
   * ASan see a read past the end. */
  g_autofree char *buffer = g_memdup2 (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProfile) profile = NULL;
  g_autoptr (L2tpProfile) again = NULL;
  g_autofree char *exported = NULL;

  (void) sniff (buffer ? buffer : "", size);
  profile = import (buffer ? buffer : "", size, &error);
  fuzz_check_error (format, profile != NULL, error);
  if (!profile)
    return;

  check_sanitized (format, profile);
  exported = l2tp_export_keyfile (profile, &error);
  if (!exported)
    fuzz_fail ("%s: the imported profile does not export: %s", format, error->message);
  if (!l2tp_import_keyfile_sniff (exported, strlen (exported)))
    fuzz_fail ("%s: the export is not recognised as a keyfile:\n%s", format, exported);
  again = l2tp_import_keyfile (exported, strlen (exported), &error);
  if (!again)
    fuzz_fail ("%s: the export does not import again: %s\n---\n%s---", format,
               error->message, exported);
  compare_profiles (format, profile, again);
}
