/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The long-standing NetworkManager-l2tp plugin's exports: [ip4] before its
 * 1.52.2 (with the PSK in [vpn] up to 1.8), [ipv4] and [ipv6] since (and no
 * secrets since 1.20). Both import to exactly the expected settings, our
 * export of them imports again unchanged and carries [ipv4], [ipv6] and the
 * same again as [ip4], and a hostile ip group is refused with its line and
 * key named. */
#include <string.h>

#include "export-keyfile.h"
#include "import-helpers.h"
#include "plugin.h"
#include "profile-connection.h"

#define OLD_FIXTURE "nm-l2tp-1.8-ip4.conf"
#define NEW_FIXTURE "nm-l2tp-1.52-ipv4.conf"

static void
assert_route (NMSettingIPConfig *s_ip, guint i, const char *dest, guint prefix,
              const char *via, gint64 metric)
{
  NMIPRoute *route = nm_setting_ip_config_get_route (s_ip, i);

  g_assert_cmpstr (nm_ip_route_get_dest (route), ==, dest);
  g_assert_cmpuint (nm_ip_route_get_prefix (route), ==, prefix);
  g_assert_cmpstr (nm_ip_route_get_next_hop (route), ==, via);
  g_assert_cmpint (nm_ip_route_get_metric (route), ==, metric);
}

/* The four yes/no properties, in the file's order. */
static void
assert_flags (NMSettingIPConfig *s_ip, gboolean ignore_routes, gboolean ignore_dns,
              gboolean send_hostname, gboolean never_default)
{
  g_assert_cmpint (nm_setting_ip_config_get_ignore_auto_routes (s_ip), ==, ignore_routes);
  g_assert_cmpint (nm_setting_ip_config_get_ignore_auto_dns (s_ip), ==, ignore_dns);
  g_assert_cmpint (nm_setting_ip_config_get_dhcp_send_hostname (s_ip), ==, send_hostname);
  g_assert_cmpint (nm_setting_ip_config_get_never_default (s_ip), ==, never_default);
}

/* Exactly these servers and search domains (NULL-terminated). */
static void
assert_dns (NMSettingIPConfig *s_ip, const char *const *servers,
            const char *const *domains)
{
  guint n = g_strv_length ((char **) servers), m = g_strv_length ((char **) domains);

  g_assert_cmpuint (nm_setting_ip_config_get_num_dns (s_ip), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (nm_setting_ip_config_get_dns (s_ip, i), ==, servers[i]);
  g_assert_cmpuint (nm_setting_ip_config_get_num_dns_searches (s_ip), ==, m);
  for (guint i = 0; i < m; i++)
    g_assert_cmpstr (nm_setting_ip_config_get_dns_search (s_ip, i), ==, domains[i]);
}

#define STRV(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NONE      ((const char *const[]){ NULL })

/* The fixture imports with this name, exactly these VPN keys and n_notes
 * notes (through l2tp_import_buffer, which hands them out). */
static NMConnection *
import_checked (const char *name, const char *id, const char *vpn, guint n_notes,
                GPtrArray **notes)
{
  g_autofree char *path = fixture (name);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (NMConnection) connection = NULL;
  gsize len = 0;

  assert_import (name, id, vpn);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  connection = l2tp_import_buffer (contents, len, "x", notes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*notes)->len, ==, n_notes);
  return g_steal_pointer (&connection);
}

static void
test_old_ip4 (void)
{
  g_autoptr (GPtrArray) notes = NULL;
  /* 1.8 kept the PSK in vpn.data; it is a secret here. */
  g_autoptr (NMConnection) connection = import_checked (
      OLD_FIXTURE, "Branch Office",
      "data: gateway=vpn.branch.example.com, ipsec-enabled=yes, "
      "ipsec-esp=aes256-sha1,aes128-sha1, "
      "ipsec-ike=aes256-sha1-modp2048,aes128-sha1-modp2048, "
      "ipsec-ikelifetime=28800, ipsec-remote-id=vpn.branch.example.com, "
      "ipsec-salifetime=3600, lcp-echo-failure=5, lcp-echo-interval=30, "
      "refuse-chap=yes, refuse-eap=yes, refuse-mschap=yes, refuse-pap=yes, "
      "user=dave; secrets: ipsec-psk=Branch PSK; since 2019",
      0, &notes);
  NMSettingIPConfig *s_ip4 = nm_connection_get_setting_ip4_config (connection);
  NMSettingIPConfig *s_ip6 = nm_connection_get_setting_ip6_config (connection);

  g_assert_cmpstr (nm_setting_ip_config_get_method (s_ip4), ==, "auto");
  assert_dns (s_ip4, STRV ("10.20.0.53"), STRV ("branch.example.com"));
  g_assert_cmpuint (nm_setting_ip_config_get_num_routes (s_ip4), ==, 1);
  assert_route (s_ip4, 0, "10.20.0.0", 16, "10.20.0.1", 10);
  assert_flags (s_ip4, FALSE, FALSE, TRUE, TRUE);
  g_assert_cmpuint (nm_setting_ip_config_get_num_addresses (s_ip4), ==, 0);

  /* No IPv6 group: NetworkManager's default for a VPN. */
  g_assert_nonnull (s_ip6);
  g_assert_cmpstr (nm_setting_ip_config_get_method (s_ip6), ==, "auto");
  assert_dns (s_ip6, NONE, NONE);
  g_assert_cmpuint (nm_setting_ip_config_get_num_routes (s_ip6), ==, 0);
  g_assert_false (nm_setting_ip_config_get_never_default (s_ip6));
}

static void
test_new_ipv4_ipv6 (void)
{
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (NMConnection) connection = import_checked (
      NEW_FIXTURE, "Head Office",
      "data: gateway=vpn.example.org, ipsec-enabled=yes, "
      "ipsec-esp=aes256-sha2_256,aes128-sha1, ipsec-forceencaps=yes, "
      "ipsec-group-name=sales, "
      "ipsec-ike=aes256-sha2_256-modp2048,aes128-sha1-modp2048, "
      "ipsec-ikelifetime=28800, ipsec-remote-id=@vpn.example.org, "
      "ipsec-salifetime=3600, lcp-echo-failure=5, lcp-echo-interval=30, "
      "machine-auth-type=psk, mru=1400, mtu=1400, refuse-chap=yes, "
      "refuse-eap=yes, refuse-mschap=yes, refuse-pap=yes, "
      "user-auth-type=password, user=erin; secrets: ",
      1, &notes);
  NMSettingIPConfig *s_ip4 = nm_connection_get_setting_ip4_config (connection);
  NMSettingIPConfig *s_ip6 = nm_connection_get_setting_ip6_config (connection);

  /* 1.20 and later export no secrets: the user is told. */
  g_assert_nonnull (strstr (notes->pdata[0], "no pre-shared key"));

  g_assert_cmpstr (nm_setting_ip_config_get_method (s_ip4), ==, "auto");
  assert_dns (s_ip4, STRV ("10.0.0.53", "10.0.1.53"),
              STRV ("corp.example.org", "example.org"));
  g_assert_cmpuint (nm_setting_ip_config_get_num_routes (s_ip4), ==, 2);
  assert_route (s_ip4, 0, "10.0.0.0", 16, "10.255.0.1", 50);
  assert_route (s_ip4, 1, "172.16.0.0", 12, NULL, -1);
  assert_flags (s_ip4, FALSE, TRUE, TRUE, TRUE);

  g_assert_cmpstr (nm_setting_ip_config_get_method (s_ip6), ==, "auto");
  assert_dns (s_ip6, STRV ("2001:db8:100::53"), STRV ("corp.example.org"));
  g_assert_cmpuint (nm_setting_ip_config_get_num_routes (s_ip6), ==, 1);
  assert_route (s_ip6, 0, "2001:db8:200::", 48, "2001:db8:100::1", 50);
  /* The file has no dhcp-send-hostname for IPv6: NetworkManager's default. */
  assert_flags (s_ip6, FALSE, FALSE, TRUE, TRUE);
}

/* Our export of a connection, through the plugin's own steps. */
static char *
export_text (NMConnection *connection)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProfile) profile = l2tp_profile_from_connection (connection, &error);
  char *text;

  g_assert_no_error (error);
  text = l2tp_export_keyfile (profile, &error);
  g_assert_no_error (error);
  return text;
}

/* Every key of group a is in group b with the same value. */
static void
assert_group_in (GKeyFile *kf, const char *a, const char *b)
{
  g_auto (GStrv) keys = g_key_file_get_keys (kf, a, NULL, NULL);

  g_assert_nonnull (keys);
  for (guint i = 0; keys[i]; i++)
    {
      g_autofree char *va = g_key_file_get_value (kf, a, keys[i], NULL);
      g_autofree char *vb = g_key_file_get_value (kf, b, keys[i], NULL);

      g_assert_cmpstr (va, ==, vb);
    }
}

/* Import → export → import keeps every setting; a second export is the
 * same text; the export has [ipv4] and [ipv6], and [ip4] the same as [ipv4]
 * for the older plugin. */
static void
test_round_trip (void)
{
  const char *names[] = { OLD_FIXTURE, NEW_FIXTURE };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (NMConnection) connection = import_fixture (names[i]);
      g_autoptr (NMConnection) again = NULL;
      g_autoptr (GKeyFile) kf = g_key_file_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *first = NULL, *second = NULL;

      assert_round_trip (connection);
      first = export_text (connection);
      again = l2tp_import_buffer (first, strlen (first), "x", NULL, &error);
      g_assert_no_error (error);
      second = export_text (again);
      g_assert_cmpstr (second, ==, first);

      g_assert_true (g_key_file_load_from_data (kf, first, -1, G_KEY_FILE_NONE, NULL));
      g_assert_true (g_key_file_has_group (kf, "ipv6"));
      g_assert_false (g_key_file_has_group (kf, "ip6"));
      assert_group_in (kf, "ipv4", "ip4");
      assert_group_in (kf, "ip4", "ipv4");
    }
}

/* The same group under either name, or under both alike, gives the same
 * connection. */
static void
test_spellings (void)
{
  const char *head = "[connection]\nid=S\n[vpn]\ngateway=a.example\n";
  const char *v4 = "method=auto\ndns=192.0.2.53;\nroutes=10.9.0.0/16 metric 7;\n"
                   "never-default=true\n";
  const char *v6 = "method=ignore\nnever-default=true\n";
  g_autofree char *base = g_strconcat (head, "[ipv4]\n", v4, "[ipv6]\n", v6, NULL);
  g_autoptr (NMConnection) expected
      = l2tp_import_buffer (base, strlen (base), "x", NULL, NULL);
  char *variants[] = {
    g_strconcat (head, "[ip4]\n", v4, "[ip6]\n", v6, NULL),
    g_strconcat (head, "[ip6]\n", v6, "[ipv4]\n", v4, NULL),
    g_strconcat (head, "[ipv4]\n", v4, "[ipv6]\n", v6, "[ip4]\n", v4, NULL),
    g_strconcat (head, "[ip4]\n", v4, "[ip6]\n", v6, "[ipv6]\n", v6, "[ipv4]\n", v4,
                 NULL),
  };

  g_assert_nonnull (expected);
  g_assert_cmpstr (
      nm_setting_ip_config_get_method (nm_connection_get_setting_ip6_config (expected)),
      ==, "ignore");
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NMConnection) connection
          = l2tp_import_buffer (variants[i], strlen (variants[i]), "x", NULL, &error);

      g_assert_no_error (error);
      g_assert_true (nm_setting_compare (
          NM_SETTING (nm_connection_get_setting_ip4_config (connection)),
          NM_SETTING (nm_connection_get_setting_ip4_config (expected)),
          NM_SETTING_COMPARE_FLAG_EXACT));
      g_assert_true (nm_setting_compare (
          NM_SETTING (nm_connection_get_setting_ip6_config (connection)),
          NM_SETTING (nm_connection_get_setting_ip6_config (expected)),
          NM_SETTING_COMPARE_FLAG_EXACT));
      g_free (variants[i]);
    }
}

#define IP4_HEAD "[vpn]\ngateway=a.example\n[ipv4]\n"
#define IP6_HEAD "[vpn]\ngateway=a.example\n[ipv6]\n"

/* n items for a list, separated by ';'. */
static char *
repeated (const char *item, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%u;", item, i);
  return g_string_free (s, FALSE);
}

static void
test_hostile (void)
{
  g_autofree char *dns64 = repeated ("192.0.2.", 64);
  g_autofree char *dns65 = repeated ("192.0.2.", 65);
  g_autofree char *search65 = repeated ("d", 65);
  g_autofree char *long_name = g_strnfill (256, 'a');
  g_autofree char *ok = g_strconcat (IP4_HEAD "dns=", dns64, "\n", NULL);
  g_autofree char *too_many = g_strconcat (IP4_HEAD "dns=", dns65, "\n", NULL);
  g_autofree char *too_many_search
      = g_strconcat (IP4_HEAD "method=auto\ndns-search=", search65, "\n", NULL);
  g_autofree char *too_long
      = g_strconcat (IP4_HEAD "dns-search=", long_name, ";\n", NULL);
  g_autoptr (NMConnection) ok_connection
      = l2tp_import_buffer (ok, strlen (ok), "x", NULL, NULL);

  g_assert_nonnull (ok_connection);
  REFUSED (too_many, "line 4: [ipv4] dns: more than 64 items");
  REFUSED (too_many_search, "line 5: [ipv4] dns-search: more than 64 items");
  REFUSED (too_long, "line 4: [ipv4] dns-search: must be 1 to 255 bytes long");

  /* Routes. */
  REFUSED (IP4_HEAD "routes=10.0.0.0/33;\n",
           "line 4: [ipv4] routes: 10.0.0.0/33: the prefix must be 0 to 32");
  REFUSED (IP4_HEAD "routes=10.0.0.0/8 via 10.0.0.999;\n",
           "line 4: [ipv4] routes: 10.0.0.0/8 via 10.0.0.999: 10.0.0.999: not an IPv4 "
           "address");
  REFUSED (IP4_HEAD "routes=10.0.0.0/8 metric 5 metric 6;\n",
           "line 4: [ipv4] routes: 10.0.0.0/8 metric 5 metric 6: expected ADDRESS/PREFIX "
           "[via GATEWAY] [metric N]");
  REFUSED (IP4_HEAD "routes=10.0.0.0/8 metric 4294967296;\n",
           "line 4: [ipv4] routes: 10.0.0.0/8 metric 4294967296: expected");
  REFUSED (IP4_HEAD "routes=10.0.0.0/8 via;\n", "line 4: [ipv4] routes: 10.0.0.0/8 via:");
  REFUSED (IP4_HEAD "routes=10.0.0.0/8;;10.1.0.0;\n",
           "line 4: [ipv4] routes: 10.1.0.0: expected ADDRESS/PREFIX");
  REFUSED (IP4_HEAD "routes=2001:db8::/32;\n",
           "line 4: [ipv4] routes: 2001:db8::/32: 2001:db8::: not an IPv4 address");
  REFUSED (IP6_HEAD "method=auto\nroutes=2001:db8::/129;\n",
           "line 5: [ipv6] routes: 2001:db8::/129: the prefix must be 0 to 128");

  /* Control and hidden characters: named, shown escaped, never passed on. */
  REFUSED (IP4_HEAD "dns-search=corp\\texample;\n",
           "line 4: [ipv4] dns-search: contains the control character 0x09");
  REFUSED (IP4_HEAD "dns-search=a\x1b[2Jb;\n",
           "line 4: [ipv4] dns-search: contains the control character 0x1b");
  REFUSED (IP4_HEAD "dns=192.0.2.1\xe2\x80\xae;\n",
           "line 4: [ipv4] dns: 192.0.2.1\\u202e: not an IPv4 address");
  REFUSED (IP4_HEAD "routes=10.0.0.0/8 via 10.0.0.1\\nmetric 1;\n",
           "line 4: [ipv4] routes: contains the control character 0x0a");

  /* Values and keys. */
  REFUSED (IP4_HEAD "method=manual6\n",
           "line 4: [ipv4] method: manual6: not one of auto, link-local, manual, "
           "shared, disabled");
  REFUSED (IP6_HEAD "method=ignore\ndns=192.0.2.1;\n",
           "line 5: [ipv6] dns: 192.0.2.1: not an IPv6 address");
  REFUSED (IP6_HEAD "never-default=perhaps\n",
           "line 4: [ipv6] never-default: must be true or false");
  REFUSED (IP4_HEAD "addresses=192.0.2.7/24;\n", "line 4: [ipv4] addresses: unknown key");
  REFUSED (IP4_HEAD "dns=192.0.2.1;\ndns=192.0.2.2;\n",
           "line 5: [ipv4] dns: given twice");

  /* Both spellings, not saying the same. */
  REFUSED (IP4_HEAD "never-default=true\n[ip4]\nnever-default=false\n",
           "line 4: [ipv4] never-default: not the same as on line 6 in [ip4]");
  REFUSED (IP4_HEAD "method=auto\nnever-default=true\n[ip4]\nmethod=auto\n",
           "line 5: [ipv4] never-default: missing from [ip4]");
  REFUSED ("[vpn]\ngateway=a.example\n[ip6]\nmethod=auto\ndns=::1;\n[ipv6]\n"
           "method=auto\n",
           "line 5: [ip6] dns: missing from [ipv6]");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/nm-l2tp/1.8-ip4", test_old_ip4);
  g_test_add_func ("/import/nm-l2tp/1.52-ipv4-ipv6", test_new_ipv4_ipv6);
  g_test_add_func ("/import/nm-l2tp/round-trip", test_round_trip);
  g_test_add_func ("/import/nm-l2tp/spellings", test_spellings);
  g_test_add_func ("/import/nm-l2tp/hostile", test_hostile);
  return g_test_run ();
}
