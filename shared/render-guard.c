/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The cleartext guard as nftables text (see render-guard.h). */
#include "shared/render-guard.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

G_DEFINE_QUARK (l2tp - guard - error - quark, l2tp_guard_error)

/* l2tp_runtime_id()'s alphabet and length (src/common/runtime-dir.h). */
#define ID_MAX   64
#define ID_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"

static gboolean
is_id (const char *id)
{
  gsize len = id ? strlen (id) : 0;

  return len > 0 && len <= ID_MAX && strspn (id, ID_CHARS) == len;
}

char *
l2tp_guard_table_name (const char *id, GError **error)
{
  if (!is_id (id))
    {
      g_set_error_literal (error, L2TP_GUARD_ERROR, 0,
                           "guard: the connection's runtime id must be 1 to 64 "
                           "characters of A-Z, a-z, 0-9 and '-'");
      return NULL;
    }
  return g_strconcat (L2TP_GUARD_TABLE_PREFIX, id, NULL);
}

typedef struct
{
  int family;
  char text[INET6_ADDRSTRLEN];
} Address;

/* One host address, printed again by inet_ntop: nothing of the input text
 * reaches the ruleset. Not the unspecified address, nor an IPv4-mapped IPv6
 * one (the kernel sends IPv4 for it: an ip6 rule would never match). */
static gboolean
parse_address (const char *field, const char *text, Address *out, GError **error)
{
  static const guint8 zero[16] = { 0 };
  static const guint8 v4_mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
  guint8 raw[16];

  if (text && inet_pton (AF_INET, text, raw) == 1)
    out->family = AF_INET;
  else if (text && inet_pton (AF_INET6, text, raw) == 1)
    out->family = AF_INET6;
  else
    {
      g_set_error (error, L2TP_GUARD_ERROR, 0, "guard: %s is not an IP address", field);
      return FALSE;
    }
  if (memcmp (raw, zero, out->family == AF_INET ? 4 : 16) == 0)
    {
      g_set_error (error, L2TP_GUARD_ERROR, 0, "guard: %s is the unspecified address",
                   field);
      return FALSE;
    }
  if (out->family == AF_INET6 && memcmp (raw, v4_mapped, sizeof v4_mapped) == 0)
    {
      g_set_error (error, L2TP_GUARD_ERROR, 0,
                   "guard: %s is an IPv4-mapped IPv6 address; give the IPv4 address",
                   field);
      return FALSE;
    }
  inet_ntop (out->family, raw, out->text, sizeof out->text);
  return TRUE;
}

char *
l2tp_render_guard (const L2tpGuardTuple *t, GError **error)
{
  g_autofree char *table = NULL;
  Address local, server;
  const char *ip;
  GString *out;

  g_return_val_if_fail (t != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  table = l2tp_guard_table_name (t->id, error);
  if (!table || !parse_address ("local address", t->local_addr, &local, error)
      || !parse_address ("server address", t->server_addr, &server, error))
    return NULL;
  if (local.family != server.family)
    {
      g_set_error_literal (error, L2TP_GUARD_ERROR, 0,
                           "guard: the local and the server address are of different "
                           "families");
      return NULL;
    }
  if (t->local_port == 0)
    {
      g_set_error_literal (error, L2TP_GUARD_ERROR, 0, "guard: the local port is 0");
      return NULL;
    }
  ip = local.family == AF_INET ? "ip" : "ip6";

  out = g_string_new (NULL);
  /* Declared, deleted and made again in one transaction: a leftover of the
   * same connection is replaced, and there is never a moment without it. */
  g_string_append_printf (out, "table " L2TP_GUARD_FAMILY " %s\n", table);
  g_string_append_printf (out, "delete table " L2TP_GUARD_FAMILY " %s\n", table);
  g_string_append_printf (out, "table " L2TP_GUARD_FAMILY " %s {\n", table);
  g_string_append (out, "\tchain output {\n"
                        "\t\ttype filter hook output priority filter; policy accept;\n");
  g_string_append_printf (out,
                          "\t\t%s saddr %s %s daddr %s udp sport %u udp dport %u "
                          "rt ipsec missing counter drop comment \"%s\"\n",
                          ip, local.text, ip, server.text, (guint) t->local_port,
                          (guint) L2TP_GUARD_SERVER_PORT, L2TP_GUARD_OUT_COMMENT);
  g_string_append (out, "\t}\n"
                        "\tchain input {\n"
                        "\t\ttype filter hook input priority filter; policy accept;\n");
  g_string_append_printf (out,
                          "\t\t%s saddr %s %s daddr %s udp sport %u udp dport %u "
                          "meta ipsec missing counter drop comment \"%s\"\n",
                          ip, server.text, ip, local.text, (guint) L2TP_GUARD_SERVER_PORT,
                          (guint) t->local_port, L2TP_GUARD_IN_COMMENT);
  g_string_append (out, "\t}\n"
                        "}\n");
  return g_string_free (out, FALSE);
}

char *
l2tp_render_guard_removal (const char *id, GError **error)
{
  g_autofree char *table = l2tp_guard_table_name (id, error);

  if (!table)
    return NULL;
  return g_strdup_printf ("table " L2TP_GUARD_FAMILY " %s\n"
                          "delete table " L2TP_GUARD_FAMILY " %s\n",
                          table, table);
}

GPtrArray *
l2tp_guard_ids_parse (const char *list_tables)
{
  static const char prefix[] = "table " L2TP_GUARD_FAMILY " " L2TP_GUARD_TABLE_PREFIX;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = NULL;

  if (!list_tables)
    return ids;
  lines = g_strsplit (list_tables, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *id;

      if (!g_str_has_prefix (lines[i], prefix))
        continue;
      id = lines[i] + strlen (prefix);
      if (is_id (id))
        g_ptr_array_add (ids, g_strdup (id));
    }
  return ids;
}

/* The packet count of a listed rule line ("... counter packets 3 bytes 120
 * drop comment ..."), or FALSE. */
static gboolean
rule_packets (const char *line, guint64 *packets)
{
  const char *p = strstr (line, " counter packets ");
  g_autofree char *digits = NULL;

  if (!p)
    return FALSE;
  p += strlen (" counter packets ");
  digits = g_strndup (p, strspn (p, "0123456789"));
  return digits[0] != '\0'
         && g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT64, packets, NULL);
}

gboolean
l2tp_guard_counts_parse (const char *list_table, L2tpGuardCounts *counts)
{
  g_auto (GStrv) lines = NULL;
  gboolean have_out = FALSE, have_in = FALSE;

  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  if (!list_table)
    return FALSE;
  lines = g_strsplit (list_table, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];

      if (!have_out && g_str_has_suffix (line, " comment \"" L2TP_GUARD_OUT_COMMENT "\""))
        have_out = rule_packets (line, &counts->out_packets);
      else if (!have_in
               && g_str_has_suffix (line, " comment \"" L2TP_GUARD_IN_COMMENT "\""))
        have_in = rule_packets (line, &counts->in_packets);
    }
  return have_out && have_in;
}
