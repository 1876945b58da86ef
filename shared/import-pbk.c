/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "import-pbk.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "config.h"
#include "import-common.h"

/* MS-RRASM 2.2.2.2.11 VpnStrategy values. */
enum
{
  VS_DEFAULT = 0,
  VS_PPTP_ONLY = 1,
  VS_PPTP_FIRST = 2,
  VS_L2TP_ONLY = 3,
  VS_L2TP_FIRST = 4,
  VS_SSTP_ONLY = 5,
  VS_SSTP_FIRST = 6,
  VS_IKEV2_ONLY = 7,
  VS_IKEV2_FIRST = 8,
};
#define RASET_VPN "2"

typedef struct
{
  char *key, *value;
  guint line;
} PbkItem;

typedef struct
{
  char *name;
  guint line;
  GArray *items; /* PbkItem */
} PbkEntry;

static void
item_clear (PbkItem *item)
{
  g_free (item->key);
  g_free (item->value);
}

static void
entry_free (PbkEntry *entry)
{
  g_free (entry->name);
  g_array_unref (entry->items);
  g_free (entry);
}

/* The first non-empty value of key in the entry, or NULL. */
static const PbkItem *
entry_get (const PbkEntry *entry, const char *key)
{
  for (guint i = 0; i < entry->items->len; i++)
    {
      const PbkItem *item = &g_array_index (entry->items, PbkItem, i);
      if (g_ascii_strcasecmp (item->key, key) == 0 && item->value[0])
        return item;
    }
  return NULL;
}

static GPtrArray *
parse_entries (const char *buffer, gsize length, GError **error)
{
  g_autoptr (GPtrArray) entries
      = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  PbkEntry *current = NULL;
  gsize pos = 0;
  guint line_no = 0;
  char *raw;

  while ((raw = l2tp_import_next_line (buffer, length, &pos, &line_no)))
    {
      g_autofree char *line = raw;
      char *text = g_strstrip (line);
      char *eq;
      PbkItem item;

      if (*text == '\0' || *text == ';' || *text == '#')
        continue;
      if (*text == '[' && text[strlen (text) - 1] == ']')
        {
          current = g_new0 (PbkEntry, 1);
          current->name = g_strndup (text + 1, strlen (text) - 2);
          current->line = line_no;
          current->items = g_array_new (FALSE, FALSE, sizeof (PbkItem));
          g_array_set_clear_func (current->items, (GDestroyNotify) item_clear);
          g_ptr_array_add (entries, current);
          continue;
        }
      eq = strchr (text, '=');
      if (!eq || eq == text || !current)
        {
          g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                       current ? _ ("line %u: neither an [entry] nor a key=value line")
                               : _ ("line %u: a key before the first [entry]"),
                       line_no);
          return NULL;
        }
      *eq = '\0';
      item.key = g_strdup (g_strchomp (text));
      item.value = g_strdup (g_strchug (eq + 1));
      item.line = line_no;
      g_array_append_val (current->items, item);
    }
  return g_steal_pointer (&entries);
}

static const char *
strategy_name (guint64 strategy)
{
  switch (strategy)
    {
    case VS_PPTP_ONLY:
    case VS_PPTP_FIRST:
      return "PPTP";
    case VS_SSTP_ONLY:
    case VS_SSTP_FIRST:
      return "SSTP";
    case VS_IKEV2_ONLY:
    case VS_IKEV2_FIRST:
      return "IKEv2";
    default:
      return _ ("an unknown protocol");
    }
}

/* NULL when the entry is L2TP; otherwise why not, naming line and key. */
static char *
why_not_l2tp (const PbkEntry *entry)
{
  const PbkItem *type = entry_get (entry, "Type");
  const PbkItem *strategy = entry_get (entry, "VpnStrategy");
  const PbkItem *device = entry_get (entry, "Device");
  guint64 vs = VS_DEFAULT;

  if (type && strcmp (type->value, RASET_VPN) != 0)
    return g_strdup_printf (_ ("line %u: [%s] Type=%s: not a VPN entry"), type->line,
                            entry->name, type->value);
  if (strategy && !g_ascii_string_to_unsigned (strategy->value, 10, 0, 100, &vs, NULL))
    return g_strdup_printf (_ ("line %u: [%s] VpnStrategy=%s: not a number"),
                            strategy->line, entry->name, strategy->value);
  if (vs == VS_L2TP_ONLY || vs == VS_L2TP_FIRST)
    return NULL;
  if (vs == VS_DEFAULT)
    {
      if (device && strstr (device->value, "L2TP"))
        return NULL;
      return g_strdup_printf (_ ("line %u: [%s] neither VpnStrategy=3 or 4 nor an "
                                 "L2TP Device: not an L2TP entry"),
                              entry->line, entry->name);
    }
  return g_strdup_printf (_ ("line %u: [%s] VpnStrategy=%s: %s, not L2TP"),
                          strategy->line, entry->name, strategy->value,
                          strategy_name (vs));
}

static gboolean
fill_profile (L2tpProfile *profile, const PbkEntry *entry, GError **error)
{
  const PbkItem *server = entry_get (entry, "PhoneNumber");
  const PbkItem *remote_gw = entry_get (entry, "IpPrioritizeRemote");
  const PbkItem *no_class_route = entry_get (entry, "DisableClassBasedDefaultRoute");
  const PbkItem *suffix = entry_get (entry, "IpDnsSuffix");
  g_autoptr (GError) local = NULL;

  if (!l2tp_import_check_label (_ ("entry name"), entry->name, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _ ("line %u: "),
                                  entry->line);
      return FALSE;
    }
  profile->id = g_strdup (entry->name);
  if (!server)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   _ ("line %u: [%s] has no PhoneNumber (the server's address)"),
                   entry->line, entry->name);
      return FALSE;
    }
  if (!l2tp_config_check_value (L2TP_KEY_GATEWAY, server->value, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  _ ("line %u: [%s] PhoneNumber: "), server->line,
                                  entry->name);
      return FALSE;
    }
  l2tp_profile_set (profile, "gateway", server->value);
  /* Windows always protects L2TP with IPsec; never fall back to plain L2TP. */
  l2tp_profile_set (profile, "ipsec-enabled", "yes");
  l2tp_profile_add_note (profile,
                         _ ("Windows does not store the pre-shared key or the user "
                            "name in the phone book: enter them before connecting."));

  /* IpPrioritizeRemote=0: "Use default gateway on remote network" is off. */
  if (remote_gw)
    profile->ip4.never_default = strcmp (remote_gw->value, "0") == 0 ? L2TP_YES : L2TP_NO;
  /* Then Windows also routes the class A/B/C network of the assigned address
   * through the tunnel, unless DisableClassBasedDefaultRoute=1. */
  if (profile->ip4.never_default == L2TP_YES
      && !(no_class_route && strcmp (no_class_route->value, "1") == 0))
    l2tp_profile_set (profile, "classful-route", "yes");
  if (suffix)
    {
      if (!l2tp_import_check_label ("IpDnsSuffix", suffix->value, &local))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                      _ ("line %u: [%s] "), suffix->line, entry->name);
          return FALSE;
        }
      g_ptr_array_add (profile->ip4.dns_search, g_strdup (suffix->value));
    }
  return TRUE;
}

gboolean
l2tp_import_pbk_sniff (const char *buffer, gsize length)
{
  gsize n = MIN (length, 65536);
  g_autofree char *head = NULL;

  if (length >= 2 && (guchar) buffer[0] == 0xff && (guchar) buffer[1] == 0xfe)
    return TRUE; /* UTF-16LE: Windows wrote it */
  head = g_strndup (buffer, n);
  return strstr (head, "\nVpnStrategy=") || strstr (head, "\nPhoneNumber=")
         || strstr (head, "\nType=");
}

/* Phone books are UTF-8, maybe with a byte order mark, or UTF-16LE. */
static char *
to_utf8 (const char *buffer, gsize length, gsize *out_length, GError **error)
{
  if (length >= 2 && (guchar) buffer[0] == 0xff && (guchar) buffer[1] == 0xfe)
    {
      g_autoptr (GError) local = NULL;
      char *text = g_convert (buffer + 2, length - 2, "UTF-8", "UTF-16LE", NULL,
                              out_length, &local);
      if (!text)
        g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                     _ ("not valid UTF-16 text: %s"), local->message);
      return text;
    }
  if (length >= 3 && memcmp (buffer, "\xef\xbb\xbf", 3) == 0)
    {
      buffer += 3;
      length -= 3;
    }
  *out_length = length;
  return g_strndup (buffer, length);
}

static L2tpProfile *
import_pbk (const char *buffer, gsize length, GError **error)
{
  g_autoptr (L2tpProfile) profile = l2tp_profile_new ();
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GString) skipped = g_string_new (NULL);
  g_autofree char *first_reason = NULL;
  g_autofree char *text = NULL;
  const PbkEntry *chosen = NULL;
  gsize text_len = 0;

  text = to_utf8 (buffer, length, &text_len, error);
  if (!text || !l2tp_import_check_text (text, text_len, error))
    return NULL;
  entries = parse_entries (text, text_len, error);
  if (!entries)
    return NULL;
  if (entries->len == 0)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_NOT_L2TP,
                   _ ("no [entry] in the phone book"));
      return NULL;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const PbkEntry *entry = entries->pdata[i];
      g_autofree char *reason = why_not_l2tp (entry);

      if (!reason && !chosen)
        chosen = entry;
      else
        {
          g_string_append_printf (skipped, "%s%s", skipped->len ? ", " : "", entry->name);
          if (reason && !first_reason)
            first_reason = g_steal_pointer (&reason);
        }
    }
  if (!chosen)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_NOT_L2TP, "%s",
                   first_reason);
      return NULL;
    }
  if (skipped->len)
    {
      g_autofree char *note = g_strdup_printf (
          _ ("Imported the entry \"%s\"; skipped: %s."), chosen->name, skipped->str);
      l2tp_profile_add_note (profile, note);
    }
  if (!fill_profile (profile, chosen, error) || !l2tp_profile_sanitize (profile, error))
    return NULL;
  return g_steal_pointer (&profile);
}

L2tpProfile *
l2tp_import_pbk (const char *buffer, gsize length, GError **error)
{
  L2tpProfile *profile;

  g_return_val_if_fail (buffer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  profile = import_pbk (buffer, length, error);
  return profile ? profile : l2tp_import_failed (error);
}
