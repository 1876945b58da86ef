/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/render-guard.c: the exact nftables text of the
 * cleartext guard, the refusal of every value that is not an address, port
 * or runtime id, and the parsers of nft's listings (text of nft 1.0.6). */
#include "shared/render-guard.h"

#include <string.h>

#define ID "3f2c1e4b-0a1b-4c2d-8e3f-0123456789ab"

static const char expected_ipv4[]
    = "table inet nm-l2tp-ipsec-" ID "\n"
      "delete table inet nm-l2tp-ipsec-" ID "\n"
      "table inet nm-l2tp-ipsec-" ID " {\n"
      "\tchain output {\n"
      "\t\ttype filter hook output priority filter; policy accept;\n"
      "\t\tip saddr 192.168.1.20 ip daddr 203.0.113.7 udp sport 1701 udp dport 1701 "
      "rt ipsec missing counter drop comment \"L2TP to the server outside IPsec\"\n"
      "\t}\n"
      "\tchain input {\n"
      "\t\ttype filter hook input priority filter; policy accept;\n"
      "\t\tip saddr 203.0.113.7 ip daddr 192.168.1.20 udp sport 1701 udp dport 1701 "
      "meta ipsec missing counter drop comment \"L2TP from the server outside IPsec\"\n"
      "\t}\n"
      "}\n";

static void
test_ipv4 (void)
{
  L2tpGuardTuple t = { ID, "192.168.1.20", 1701, "203.0.113.7" };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = l2tp_render_guard (&t, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected_ipv4);
}

static void
test_ephemeral_port (void)
{
  L2tpGuardTuple t = { "x0a", "10.0.0.2", 40123, "10.0.0.1" };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = l2tp_render_guard (&t, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\t\tip saddr 10.0.0.2 ip daddr 10.0.0.1 udp sport "
                                  "40123 udp dport 1701 rt ipsec missing counter drop"));
  g_assert_nonnull (strstr (text,
                            "\t\tip saddr 10.0.0.1 ip daddr 10.0.0.2 udp sport "
                            "1701 udp dport 40123 meta ipsec missing counter drop"));
  g_assert_true (g_str_has_prefix (text, "table inet nm-l2tp-ipsec-x0a\n"));
}

/* IPv6, written in a long form: printed canonically. */
static void
test_ipv6_canonical (void)
{
  L2tpGuardTuple t = { "a", "2001:DB8:0:0:0:0:0:2", 1701, "2001:db8::0:1" };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = l2tp_render_guard (&t, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\t\tip6 saddr 2001:db8::2 ip6 daddr 2001:db8::1 udp "
                                  "sport 1701 udp dport 1701 rt ipsec missing"));
  g_assert_nonnull (strstr (text, "\t\tip6 saddr 2001:db8::1 ip6 daddr 2001:db8::2 udp "
                                  "sport 1701 udp dport 1701 meta ipsec missing"));
  g_assert_null (strstr (text, "DB8"));
}

static void
assert_refused (const char *id, const char *local, guint16 port, const char *server,
                const char *part)
{
  L2tpGuardTuple t = { id, local, port, server };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = l2tp_render_guard (&t, &error);

  g_assert_null (text);
  g_assert_error (error, L2TP_GUARD_ERROR, 0);
  g_assert_true (g_str_has_prefix (error->message, "guard: "));
  if (!strstr (error->message, part))
    g_error ("\"%s\" does not say \"%s\"", error->message, part);
}

/* Nothing the caller gives is ever copied into the text unchecked. */
static void
test_hostile (void)
{
  static const char *const bad_addresses[] = {
    NULL,
    "",
    "10.0.0.2; flush ruleset",
    "10.0.0.2\nflush ruleset",
    "10.0.0.2 ",
    " 10.0.0.2",
    "010.0.0.2",
    "10.0.0.256",
    "10.0.0",
    "host.example",
    "fe80::1%eth0",
    "10.0.0.2/24",
    "{ 10.0.0.2, 10.0.0.3 }",
    "@set",
    "$var",
  };
  static const char *const bad_ids[] = {
    NULL,       "",
    "a b",      "a\"b",
    "a;b",      "a\nb",
    "a{",       "../x",
    "a_b",      "a.b",
    "\xc3\xa9", "0123456789012345678901234567890123456789012345678901234567890123x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_addresses); i++)
    {
      assert_refused ("a", bad_addresses[i], 1701, "10.0.0.1",
                      "local address is not an IP address");
      assert_refused ("a", "10.0.0.2", 1701, bad_addresses[i],
                      "server address is not an IP address");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    assert_refused (bad_ids[i], "10.0.0.2", 1701, "10.0.0.1", "runtime id");
  assert_refused ("a", "0.0.0.0", 1701, "10.0.0.1", "local address is the unspecified");
  assert_refused ("a", "10.0.0.2", 1701, "::", "server address is the unspecified");
  assert_refused ("a", "::ffff:10.0.0.2", 1701, "::ffff:10.0.0.1", "IPv4-mapped");
  assert_refused ("a", "10.0.0.2", 1701, "2001:db8::1", "different families");
  assert_refused ("a", "10.0.0.2", 0, "10.0.0.1", "local port is 0");
}

static void
test_id_limits (void)
{
  g_autofree char *longest = g_strnfill (64, 'a');
  g_autofree char *expected = g_strconcat ("nm-l2tp-ipsec-", longest, NULL);
  g_autofree char *name = l2tp_guard_table_name (longest, NULL);

  g_assert_cmpstr (name, ==, expected);
  g_free (name);
  name = l2tp_guard_table_name ("-", NULL);
  g_assert_cmpstr (name, ==, "nm-l2tp-ipsec--");
}

static void
test_removal (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = l2tp_render_guard_removal (ID, &error);
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "table inet nm-l2tp-ipsec-" ID "\n"
                   "delete table inet nm-l2tp-ipsec-" ID "\n");
  bad = l2tp_render_guard_removal ("x\ndelete table inet other", &error);
  g_assert_null (bad);
  g_assert_error (error, L2TP_GUARD_ERROR, 0);
}

/* `nft list tables inet` with ours, another program's, and look-alikes. */
static void
test_ids_parse (void)
{
  static const char listing[] = "table inet filter\n"
                                "table inet nm-l2tp-ipsec-" ID "\n"
                                "table ip nm-l2tp-ipsec-ip-family\n"
                                "table inet nm-l2tp-ipsec-\n"
                                "table inet nm-l2tp-ipsec-a.b\n"
                                "table inet nm-l2tp-ipsec-x0a\n"
                                " table inet nm-l2tp-ipsec-indented\n"
                                "table inet nm-l2tp-ipsec-trailing \n"
                                "table inet lab-server\n";
  g_autoptr (GPtrArray) ids = l2tp_guard_ids_parse (listing);
  g_autoptr (GPtrArray) none = l2tp_guard_ids_parse ("");
  g_autoptr (GPtrArray) null = l2tp_guard_ids_parse (NULL);

  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (ids->pdata[0], ==, ID);
  g_assert_cmpstr (ids->pdata[1], ==, "x0a");
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (null->len, ==, 0);
}

/* `nft list table inet nm-l2tp-ipsec-ID` after drops, as nft 1.0.6 prints it. */
static void
test_counts_parse (void)
{
  static const char listing[]
      = "table inet nm-l2tp-ipsec-" ID " {\n"
        "\tchain output {\n"
        "\t\ttype filter hook output priority filter; policy accept;\n"
        "\t\tip saddr 10.204.0.1 ip daddr 10.204.0.2 udp sport 1701 udp dport 1701 rt "
        "ipsec missing counter packets 3 bytes 87 drop comment \"L2TP to the server "
        "outside IPsec\"\n"
        "\t}\n"
        "\n"
        "\tchain input {\n"
        "\t\ttype filter hook input priority filter; policy accept;\n"
        "\t\tip saddr 10.204.0.2 ip daddr 10.204.0.1 udp sport 1701 udp dport 1701 meta "
        "ipsec missing counter packets 18446744073709551615 bytes 29 drop comment "
        "\"L2TP from the server outside IPsec\"\n"
        "\t}\n"
        "}\n";
  L2tpGuardCounts counts = { 7, 7 };

  g_assert_true (l2tp_guard_counts_parse (listing, &counts));
  g_assert_cmpuint (counts.out_packets, ==, 3);
  g_assert_cmpuint (counts.in_packets, ==, G_MAXUINT64);

  /* One rule gone (not our table any more), no counters, nothing. */
  g_assert_false (l2tp_guard_counts_parse (strstr (listing, "\tchain input"), &counts));
  g_assert_cmpuint (counts.out_packets, ==, 0);
  g_assert_false (l2tp_guard_counts_parse ("\t\tudp dport 1701 counter drop comment "
                                           "\"L2TP to the server outside IPsec\"\n"
                                           "\t\tcounter packets x bytes 1 drop comment "
                                           "\"L2TP from the server outside IPsec\"\n",
                                           &counts));
  g_assert_false (l2tp_guard_counts_parse (NULL, &counts));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render-guard/ipv4", test_ipv4);
  g_test_add_func ("/render-guard/ephemeral-port", test_ephemeral_port);
  g_test_add_func ("/render-guard/ipv6-canonical", test_ipv6_canonical);
  g_test_add_func ("/render-guard/hostile", test_hostile);
  g_test_add_func ("/render-guard/id-limits", test_id_limits);
  g_test_add_func ("/render-guard/removal", test_removal);
  g_test_add_func ("/render-guard/ids-parse", test_ids_parse);
  g_test_add_func ("/render-guard/counts-parse", test_counts_parse);
  return g_test_run ();
}
