/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-ip-config.c: the pppd plugin's dictionaries as NetworkManager's. */
#include "src/service/nm-ip-config.h"

#include <arpa/inet.h>
#include <string.h>

static guint32
addr (const char *text)
{
  struct in_addr a;

  g_assert_cmpint (inet_pton (AF_INET, text, &a), ==, 1);
  return a.s_addr;
}

static void
test_config (void)
{
  g_autoptr (GVariant) v4
      = g_variant_ref_sink (l2tp_nm_config ("ppp0", "10.99.0.1", 1400, FALSE));
  g_autoptr (GVariant) name
      = g_variant_ref_sink (l2tp_nm_config ("ppp1", "vpn.example.com", 1280, TRUE));
  guint32 gw = 0, mtu = 0;
  gboolean has4 = FALSE, has6 = TRUE;
  const char *dev = NULL;

  g_assert_true (g_variant_lookup (v4, NM_VPN_PLUGIN_CONFIG_TUNDEV, "&s", &dev));
  g_assert_cmpstr (dev, ==, "ppp0");
  g_assert_true (g_variant_lookup (v4, NM_VPN_PLUGIN_CONFIG_EXT_GATEWAY, "u", &gw));
  g_assert_cmpuint (gw, ==, addr ("10.99.0.1"));
  g_assert_true (g_variant_lookup (v4, NM_VPN_PLUGIN_CONFIG_MTU, "u", &mtu));
  g_assert_cmpuint (mtu, ==, 1400);
  g_assert_true (g_variant_lookup (v4, NM_VPN_PLUGIN_CONFIG_HAS_IP4, "b", &has4));
  g_assert_true (has4);
  g_assert_true (g_variant_lookup (v4, NM_VPN_PLUGIN_CONFIG_HAS_IP6, "b", &has6));
  g_assert_false (has6);
  /* Not an IPv4 literal: no external gateway rather than a wrong one. */
  g_assert_false (g_variant_lookup (name, NM_VPN_PLUGIN_CONFIG_EXT_GATEWAY, "u", &gw));
  g_assert_true (g_variant_lookup (name, NM_VPN_PLUGIN_CONFIG_HAS_IP6, "b", &has6));
  g_assert_true (has6);
}

static void
test_ip4 (void)
{
  g_autoptr (GVariant) ppp = g_variant_ref_sink (g_variant_new_parsed (
      "{'address': <%u>, 'peer': <%u>, 'dns': <[%u, %u]>, 'tundev': <'ppp0'>}",
      addr ("10.99.9.10"), addr ("10.99.9.1"), addr ("10.99.50.53"),
      addr ("10.99.50.54")));
  g_autoptr (GVariant) none
      = g_variant_ref_sink (g_variant_new_parsed ("{'tundev': <'ppp0'>}"));
  g_autoptr (GVariant) ip4 = g_variant_ref_sink (l2tp_nm_ip4_config (ppp, TRUE));
  g_autoptr (GVariant) dns = NULL;
  guint32 v = 0;
  gboolean never = FALSE;

  g_assert_null (l2tp_nm_ip4_config (none, FALSE));
  g_assert_true (g_variant_lookup (ip4, NM_VPN_PLUGIN_IP4_CONFIG_ADDRESS, "u", &v));
  g_assert_cmpuint (v, ==, addr ("10.99.9.10"));
  g_assert_true (g_variant_lookup (ip4, NM_VPN_PLUGIN_IP4_CONFIG_PTP, "u", &v));
  g_assert_cmpuint (v, ==, addr ("10.99.9.1"));
  g_assert_true (g_variant_lookup (ip4, NM_VPN_PLUGIN_IP4_CONFIG_PREFIX, "u", &v));
  g_assert_cmpuint (v, ==, 32);
  dns = g_variant_lookup_value (ip4, NM_VPN_PLUGIN_IP4_CONFIG_DNS, G_VARIANT_TYPE ("au"));
  g_assert_nonnull (dns);
  g_assert_cmpuint (g_variant_n_children (dns), ==, 2);
  g_assert_false (g_variant_lookup (ip4, NM_VPN_PLUGIN_IP4_CONFIG_NBNS, "@au", NULL));
  g_assert_true (
      g_variant_lookup (ip4, NM_VPN_PLUGIN_IP4_CONFIG_NEVER_DEFAULT, "b", &never));
  g_assert_true (never);
}

static void
test_ip6 (void)
{
  guint8 iid_bytes[8] = { 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 };
  guint64 iid;
  g_autoptr (GVariant) ppp = NULL;
  g_autoptr (GVariant) ip6 = NULL;
  g_autoptr (GVariant) address = NULL;
  const guint8 *bytes;
  gsize n = 0;

  memcpy (&iid, iid_bytes, 8);
  ppp = g_variant_ref_sink (g_variant_new_parsed ("{'iid': <%t>}", iid));
  ip6 = g_variant_ref_sink (l2tp_nm_ip6_config (ppp));
  address = g_variant_lookup_value (ip6, NM_VPN_PLUGIN_IP6_CONFIG_ADDRESS,
                                    G_VARIANT_TYPE ("ay"));
  bytes = g_variant_get_fixed_array (address, &n, 1);
  g_assert_cmpuint (n, ==, 16);
  g_assert_cmpuint (bytes[0], ==, 0xfe);
  g_assert_cmpuint (bytes[1], ==, 0x80);
  g_assert_cmpmem (bytes + 8, 8, iid_bytes, 8);
  g_assert_false (g_variant_lookup (ip6, NM_VPN_PLUGIN_IP6_CONFIG_PTP, "@ay", NULL));
  {
    g_autoptr (GVariant) empty = g_variant_ref_sink (g_variant_new_parsed ("@a{sv} {}"));
    g_assert_null (l2tp_nm_ip6_config (empty));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nm-ip-config/config", test_config);
  g_test_add_func ("/nm-ip-config/ip4", test_ip4);
  g_test_add_func ("/nm-ip-config/ip6", test_ip6);
  return g_test_run ();
}
