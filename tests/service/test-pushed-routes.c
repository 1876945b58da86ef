/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pushed-routes.c: what the server's DHCP answer and the class-based route
 * make of the IPv4 configuration NetworkManager gets. */
#include "src/service/pushed-routes.h"

#include <NetworkManager.h>
#include <arpa/inet.h>

static guint32
addr (const char *text)
{
  struct in_addr a;

  g_assert_cmpint (inet_pton (AF_INET, text, &a), ==, 1);
  return a.s_addr;
}

/* "NET/LEN NET/LEN" of the configuration's routes; "" without. */
static char *
routes_text (GVariant *ip4)
{
  g_autoptr (GVariant) routes = g_variant_lookup_value (
      ip4, NM_VPN_PLUGIN_IP4_CONFIG_ROUTES, G_VARIANT_TYPE ("aau"));
  GString *out = g_string_new (NULL);

  for (gsize i = 0; routes && i < g_variant_n_children (routes); i++)
    {
      g_autoptr (GVariant) r = g_variant_get_child_value (routes, i);
      gsize n;
      const guint32 *v = g_variant_get_fixed_array (r, &n, sizeof (guint32));
      char buf[INET_ADDRSTRLEN];

      g_assert_cmpuint (n, ==, 4);
      g_assert_cmpuint (v[2], ==, 0); /* the device, not a next hop */
      g_string_append_printf (out, "%s%s/%u", out->len ? " " : "",
                              inet_ntop (AF_INET, &v[0], buf, sizeof buf), v[1]);
    }
  return g_string_free (out, FALSE);
}

static char *
addresses_text (GVariant *ip4, const char *key)
{
  g_autoptr (GVariant) list = g_variant_lookup_value (ip4, key, G_VARIANT_TYPE ("au"));
  GString *out = g_string_new (NULL);
  gsize n = 0;
  const guint32 *v = list ? g_variant_get_fixed_array (list, &n, sizeof (guint32)) : NULL;

  for (gsize i = 0; i < n; i++)
    {
      char buf[INET_ADDRSTRLEN];

      g_string_append_printf (out, "%s%s", out->len ? " " : "",
                              inet_ntop (AF_INET, &v[i], buf, sizeof buf));
    }
  return g_string_free (out, FALSE);
}

static GVariant *
base_config (const char *address)
{
  return g_variant_ref_sink (
      g_variant_new_parsed ("{'address': <%u>, 'prefix': <@u 32>, 'dns': <[%u, %u]>}",
                            addr (address), addr ("10.99.50.53"), addr ("10.99.50.54")));
}

static L2tpDhcpAnswer *
answer_new (void)
{
  L2tpDhcpAnswer *a = g_new0 (L2tpDhcpAnswer, 1);

  a->routes = g_array_new (FALSE, FALSE, sizeof (L2tpDhcpRoute));
  a->dns = g_array_new (FALSE, FALSE, sizeof (guint32));
  a->nbns = g_array_new (FALSE, FALSE, sizeof (guint32));
  a->search = g_ptr_array_new_with_free_func (g_free);
  return a;
}

static void
answer_route (L2tpDhcpAnswer *a, const char *network, guint prefix)
{
  L2tpDhcpRoute r
      = { .network = addr (network), .gateway = addr ("10.99.9.1"), .prefix = prefix };

  g_array_append_val (a->routes, r);
  if (prefix == 0)
    a->has_default = TRUE;
}

static void
test_split (void)
{
  g_autoptr (GVariant) ip4 = base_config ("10.99.9.10");
  g_autoptr (L2tpDhcpAnswer) a = answer_new ();
  g_autoptr (GVariant) out = NULL;
  g_autofree char *routes = NULL, *dns = NULL, *nbns = NULL;
  g_autofree const char **domains = NULL;
  g_autoptr (GVariant) dv = NULL;
  guint32 v = 0, wins = addr ("10.99.50.137"), dup = addr ("10.99.50.54"),
          more = addr ("10.99.51.53");
  gboolean split = FALSE, never = FALSE;

  answer_route (a, "10.99.50.0", 24);
  answer_route (a, "10.99.51.0", 24);
  g_array_append_val (a->dns, dup);
  g_array_append_val (a->dns, more);
  g_array_append_val (a->nbns, wins);
  a->domain = g_strdup ("office.lab");
  g_ptr_array_add (a->search, g_strdup ("Office.lab"));
  g_ptr_array_add (a->search, g_strdup ("corp.office.lab"));

  out = g_variant_ref_sink (l2tp_ip4_config_add_answer (ip4, a, &split));
  g_assert_true (split);
  g_assert_true (
      g_variant_lookup (out, NM_VPN_PLUGIN_IP4_CONFIG_NEVER_DEFAULT, "b", &never));
  g_assert_true (never);
  routes = routes_text (out);
  g_assert_cmpstr (routes, ==, "10.99.50.0/24 10.99.51.0/24");
  /* PPP's servers first, the answer's after, each once. */
  dns = addresses_text (out, NM_VPN_PLUGIN_IP4_CONFIG_DNS);
  g_assert_cmpstr (dns, ==, "10.99.50.53 10.99.50.54 10.99.51.53");
  nbns = addresses_text (out, NM_VPN_PLUGIN_IP4_CONFIG_NBNS);
  g_assert_cmpstr (nbns, ==, "10.99.50.137");
  dv = g_variant_lookup_value (out, NM_VPN_PLUGIN_IP4_CONFIG_DOMAINS,
                               G_VARIANT_TYPE ("as"));
  g_assert_nonnull (dv);
  domains = g_variant_get_strv (dv, NULL);
  g_assert_cmpuint (g_strv_length ((char **) domains), ==, 2);
  g_assert_cmpstr (domains[0], ==, "office.lab");
  g_assert_cmpstr (domains[1], ==, "corp.office.lab");
  /* The rest as it was. */
  g_assert_true (g_variant_lookup (out, NM_VPN_PLUGIN_IP4_CONFIG_ADDRESS, "u", &v));
  g_assert_cmpuint (v, ==, addr ("10.99.9.10"));
}

static void
test_pushed_default (void)
{
  g_autoptr (GVariant) ip4 = base_config ("10.99.9.10");
  g_autoptr (L2tpDhcpAnswer) a = answer_new ();
  g_autoptr (GVariant) out = NULL;
  g_autofree char *routes = NULL;
  gboolean split = TRUE;

  answer_route (a, "0.0.0.0", 0);
  answer_route (a, "10.99.50.0", 24);
  out = g_variant_ref_sink (l2tp_ip4_config_add_answer (ip4, a, &split));
  g_assert_false (split);
  g_assert_false (
      g_variant_lookup (out, NM_VPN_PLUGIN_IP4_CONFIG_NEVER_DEFAULT, "b", NULL));
  routes = routes_text (out);
  g_assert_cmpstr (routes, ==, "10.99.50.0/24");
  g_assert_false (g_variant_lookup (out, NM_VPN_PLUGIN_IP4_CONFIG_DOMAINS, "@as", NULL));
}

static void
test_no_routes (void)
{
  g_autoptr (GVariant) ip4 = base_config ("10.99.9.10");
  g_autoptr (L2tpDhcpAnswer) a = answer_new ();
  g_autoptr (GVariant) out = NULL;
  g_autofree char *dns = NULL;
  gboolean split = TRUE;

  a->domain = g_strdup ("office.lab");
  out = g_variant_ref_sink (l2tp_ip4_config_add_answer (ip4, a, &split));
  g_assert_false (split); /* a domain alone says nothing about routing */
  g_assert_false (
      g_variant_lookup (out, NM_VPN_PLUGIN_IP4_CONFIG_NEVER_DEFAULT, "b", NULL));
  dns = addresses_text (out, NM_VPN_PLUGIN_IP4_CONFIG_DNS);
  g_assert_cmpstr (dns, ==, "10.99.50.53 10.99.50.54");
}

static void
test_classful (void)
{
  const struct
  {
    const char *address, *routes;
  } cases[] = {
    { "10.99.9.10", "10.0.0.0/8" },
    { "172.16.5.9", "172.16.0.0/16" },
    { "192.168.0.77", "192.168.0.0/24" },
    { "224.0.0.5", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GVariant) ip4 = base_config (cases[i].address);
      g_autoptr (GVariant) out
          = g_variant_ref_sink (l2tp_ip4_config_add_classful_route (ip4));
      g_autofree char *routes = routes_text (out);

      g_assert_cmpstr (routes, ==, cases[i].routes);
    }
}

static void
test_classful_then_answer (void)
{
  g_autoptr (GVariant) ip4 = base_config ("192.168.0.77");
  g_autoptr (GVariant) with
      = g_variant_ref_sink (l2tp_ip4_config_add_classful_route (ip4));
  g_autoptr (L2tpDhcpAnswer) a = answer_new ();
  g_autoptr (GVariant) out = NULL;
  g_autofree char *routes = NULL;
  gboolean split;

  answer_route (a, "10.20.0.0", 16);
  out = g_variant_ref_sink (l2tp_ip4_config_add_answer (with, a, &split));
  routes = routes_text (out);
  g_assert_cmpstr (routes, ==, "192.168.0.0/24 10.20.0.0/16");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pushed-routes/split", test_split);
  g_test_add_func ("/pushed-routes/pushed-default", test_pushed_default);
  g_test_add_func ("/pushed-routes/no-routes", test_no_routes);
  g_test_add_func ("/pushed-routes/classful", test_classful);
  g_test_add_func ("/pushed-routes/classful-then-answer", test_classful_then_answer);
  return g_test_run ();
}
