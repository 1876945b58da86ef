/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/dhcp-inform.c: the exact bytes of the DHCPINFORM,
 * DHCPACKs modelled on Windows Server, dnsmasq and ISC dhcpd
 * (dhcp-packets.h), hostile replies. The option values themselves are
 * tested in test-dhcp-options.c. */
#include "shared/dhcp-inform.h"

#include <string.h>

#include "dhcp-packets.h"
#include "hex-bytes.h"

static const guint8 chaddr[6] = { 0x02, 0x4c, 0x32, 0x54, 0x50, 0x00 };

/* Parsed from an exact-size copy, so a read past the end shows in ASan. */
static L2tpDhcpAnswer *
parse_bytes (GBytes *packet, GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (packet, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);

  return l2tp_dhcp_ack_parse (copy, len, DHCP_TEST_XID, chaddr, error);
}

static L2tpDhcpAnswer *
parse_ok (const char *hex)
{
  g_autoptr (GBytes) packet = hex_bytes (hex);
  g_autoptr (GError) error = NULL;
  L2tpDhcpAnswer *answer = parse_bytes (packet, &error);

  g_assert_no_error (error);
  g_assert_nonnull (answer);
  return answer;
}

static void
assert_refused_bytes (GBytes *packet, L2tpDhcpError code, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpDhcpAnswer) answer = parse_bytes (packet, &error);

  g_assert_null (answer);
  g_assert_error (error, L2TP_DHCP_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_refused (const char *hex, L2tpDhcpError code, const char *message)
{
  g_autoptr (GBytes) packet = hex_bytes (hex);

  assert_refused_bytes (packet, code, message);
}

static void
assert_route (const L2tpDhcpAnswer *a, guint i, guint32 network, guint prefix,
              guint32 gateway)
{
  const L2tpDhcpRoute *r;

  g_assert_cmpuint (i, <, a->routes->len);
  r = &g_array_index (a->routes, L2tpDhcpRoute, i);
  g_assert_cmphex (r->network, ==, network);
  g_assert_cmpuint (r->prefix, ==, prefix);
  g_assert_cmphex (r->gateway, ==, gateway);
}

static void
assert_addresses (const GArray *got, guint n, const guint32 *want)
{
  g_assert_cmpmem (got->data, got->len * sizeof (guint32), want, n * sizeof (guint32));
}

static void
assert_line (const L2tpDhcpAnswer *a, const char *want)
{
  g_autofree char *line = l2tp_dhcp_answer_to_string (a);

  g_assert_cmpstr (line, ==, want);
}

/*****************************************************************************/
/* The DHCPINFORM */

static void
test_build (void)
{
  g_autoptr (GBytes) packet
      = l2tp_dhcp_inform_build (DHCP_TEST_XID, dhcp_ip (10, 8, 0, 2), chaddr);
  g_autoptr (GBytes) want = hex_bytes (
      "01 01 06 00"                        /* BOOTREQUEST, Ethernet, hlen 6, hops 0 */
      "5a17c0de"                           /* xid */
      "0000"                               /* secs */
      "0000"                               /* flags: not broadcast, the ACK is unicast */
      "0a080002"                           /* ciaddr 10.8.0.2 */
      "00000000 00000000 00000000"         /* yiaddr, siaddr, giaddr */
      "024c32545000 {10}"                  /* chaddr, 16 bytes */
      "{64}"                               /* sname */
      "{128}"                              /* file */
      "63825363"                           /* magic cookie */
      "35 01 08"                           /* 53: DHCPINFORM */
      "3d 07 01 024c32545000"              /* 61: client ID, type Ethernet + chaddr */
      "3c 08 4d53465420352e30"             /* 60: vendor class "MSFT 5.0" */
      "4d 0e 525241532e4d6963726f736f6674" /* 77: user class "RRAS.Microsoft" */
      "37 08 01 79 f9 03 06 0f 2c 77"      /* 55: 1, 121, 249, 3, 6, 15, 44, 119 */
      "ff"                                 /* end */
      "{11}");                             /* pad to 300 bytes */

  g_assert_cmpuint (g_bytes_get_size (packet), ==, L2TP_DHCP_BOOTP_MIN);
  g_assert_cmpmem (g_bytes_get_data (packet, NULL), g_bytes_get_size (packet),
                   g_bytes_get_data (want, NULL), g_bytes_get_size (want));
}

/* Our own request, looped back, is not an answer. */
static void
test_build_not_an_answer (void)
{
  g_autoptr (GBytes) packet
      = l2tp_dhcp_inform_build (DHCP_TEST_XID, dhcp_ip (10, 8, 0, 2), chaddr);

  assert_refused_bytes (packet, L2TP_DHCP_ERROR_NOT_OURS, "not a BOOTREPLY (op 1)");
}

/*****************************************************************************/
/* Servers */

static void
test_ack_windows (void)
{
  g_autoptr (L2tpDhcpAnswer) a = parse_ok (DHCP_ACK_WINDOWS);
  const guint32 dns[] = { dhcp_ip (10, 0, 0, 5), dhcp_ip (10, 0, 0, 6) };
  const guint32 nbns[] = { dhcp_ip (10, 0, 0, 7) };

  g_assert_true (a->has_server_id);
  g_assert_cmphex (a->server_id, ==, dhcp_ip (10, 0, 0, 5));
  g_assert_cmpuint (a->routes_option, ==, 249);
  g_assert_false (a->ignored_249);
  g_assert_cmpuint (a->routes->len, ==, 2);
  assert_route (a, 0, dhcp_ip (10, 20, 0, 0), 16, dhcp_ip (10, 8, 0, 1));
  assert_route (a, 1, dhcp_ip (192, 168, 50, 0), 24, dhcp_ip (10, 8, 0, 1));
  g_assert_false (a->has_default);
  assert_addresses (a->dns, 2, dns);
  assert_addresses (a->nbns, 1, nbns);
  g_assert_cmpstr (a->domain, ==, "corp.example");
  g_assert_cmpuint (a->search->len, ==, 0);
  assert_line (a, "server 10.0.0.5; routes (option 249) 10.20.0.0/16 via 10.8.0.1, "
                  "192.168.50.0/24 via 10.8.0.1; DNS 10.0.0.5, 10.0.0.6; NBNS 10.0.0.7; "
                  "domain corp.example");
}

static void
test_ack_dnsmasq (void)
{
  g_autoptr (L2tpDhcpAnswer) a = parse_ok (DHCP_ACK_DNSMASQ);
  const guint32 dns[] = { dhcp_ip (10, 8, 0, 1) };

  g_assert_cmphex (a->server_id, ==, dhcp_ip (10, 8, 0, 1));
  g_assert_cmpuint (a->routes_option, ==, 121);
  g_assert_true (a->ignored_249);
  g_assert_cmpuint (a->routes->len, ==, 3);
  assert_route (a, 0, dhcp_ip (10, 10, 0, 0), 16, 0);
  assert_route (a, 1, dhcp_ip (172, 16, 0, 0), 12, dhcp_ip (10, 8, 0, 1));
  assert_route (a, 2, 0, 0, dhcp_ip (10, 8, 0, 1));
  g_assert_true (a->has_default);
  assert_addresses (a->dns, 1, dns);
  g_assert_cmpuint (a->nbns->len, ==, 0);
  g_assert_cmpstr (a->domain, ==, "vpn.example");
  g_assert_cmpuint (a->search->len, ==, 4);
  g_assert_cmpstr (a->search->pdata[0], ==, "vpn.example");
  g_assert_cmpstr (a->search->pdata[1], ==, "corp.vpn.example");
  g_assert_cmpstr (a->search->pdata[2], ==, "example");
  g_assert_cmpstr (a->search->pdata[3], ==, "us.corp.vpn.example");
  assert_line (a, "server 10.8.0.1; routes (option 121) 10.10.0.0/16 via 0.0.0.0, "
                  "172.16.0.0/12 via 10.8.0.1, 0.0.0.0/0 via 10.8.0.1 (default) "
                  "(option 249 ignored); DNS 10.8.0.1; domain vpn.example; search "
                  "vpn.example, corp.vpn.example, example, us.corp.vpn.example");
}

static void
test_ack_isc_overload (void)
{
  g_autoptr (L2tpDhcpAnswer) a = parse_ok (DHCP_ACK_ISC_OVERLOAD);
  const guint32 dns[] = { dhcp_ip (192, 168, 100, 1), dhcp_ip (8, 8, 8, 8) };
  guint32 gw = dhcp_ip (192, 168, 100, 1);

  g_assert_cmphex (a->server_id, ==, gw);
  g_assert_cmpuint (a->routes_option, ==, 121);
  g_assert_false (a->ignored_249);
  g_assert_cmpuint (a->routes->len, ==, 3);
  assert_route (a, 0, dhcp_ip (192, 168, 10, 0), 24, gw);
  assert_route (a, 1, dhcp_ip (192, 168, 20, 0), 24, gw);
  assert_route (a, 2, dhcp_ip (10, 0, 0, 0), 8, gw);
  g_assert_false (a->has_default);
  assert_addresses (a->dns, 2, dns);
  g_assert_cmpstr (a->domain, ==, "office.example");
  g_assert_cmpuint (a->search->len, ==, 2);
  g_assert_cmpstr (a->search->pdata[0], ==, "office.example");
  g_assert_cmpstr (a->search->pdata[1], ==, "example.org");
  assert_line (a, "server 192.168.100.1; routes (option 121) 192.168.10.0/24 via "
                  "192.168.100.1, 192.168.20.0/24 via 192.168.100.1, 10.0.0.0/8 via "
                  "192.168.100.1; DNS 192.168.100.1, 8.8.8.8; domain office.example; "
                  "search office.example, example.org");
}

/* An ACK with nothing but its type; no end option (the packet's end ends
 * the options); what follows an end option is not read. */
static void
test_ack_bare (void)
{
  g_autoptr (L2tpDhcpAnswer) a = parse_ok (DHCP_REPLY ("00000000") "35 01 05");
  g_autoptr (L2tpDhcpAnswer) b
      = parse_ok (DHCP_REPLY ("00000000") "00 00 35 01 05 ff 79 ff 21 ff");
  g_autoptr (L2tpDhcpAnswer) c
      = parse_ok (DHCP_REPLY ("00000000") "35 01 05 79 05 00 0a080001 ff");

  g_assert_false (a->has_server_id);
  g_assert_cmpuint (a->routes_option, ==, 0);
  g_assert_cmpuint (a->routes->len, ==, 0);
  g_assert_null (a->domain);
  assert_line (a, "no routes");
  assert_line (b, "no routes");
  assert_line (c, "routes (option 121) 0.0.0.0/0 via 10.8.0.1 (default)");
  g_assert_true (c->has_default);
}

/* 53 and 121 each split in instances all over the options field. */
static void
test_ack_split (void)
{
  g_autoptr (L2tpDhcpAnswer) a
      = parse_ok (DHCP_REPLY ("00000000") "79 02 18 c0 35 00 79 06 a80a c0a86401"
                                          "00 35 01 05 ff");

  /* 53 came as "" and "05": one byte, joined. */
  assert_line (a, "routes (option 121) 192.168.10.0/24 via 192.168.100.1");
}

/* Both fields overloaded: file, then sname. */
static void
test_ack_overload_both (void)
{
  g_autoptr (L2tpDhcpAnswer) a
      = parse_ok (DHCP_REPLY_FIXED ("00000000") "0f 04 636f7270 ff {57}" /* sname */
                                                "0f 01 2e 06 04 0a080001 {119}" /* file */
                  DHCP_COOKIE "34 01 03 35 01 05 0f 03 766f6e ff");

  /* "von" + "." (file) + "corp" (sname) */
  assert_line (a, "no routes; DNS 10.8.0.1; domain von.corp");
}

/*****************************************************************************/
/* Hostile replies */

static void
test_hostile_header (void)
{
  /* 239 bytes: one short of a cookie. */
  assert_refused (DHCP_REPLY_FIXED ("00000000") "{64} {128} 638253",
                  L2TP_DHCP_ERROR_MALFORMED,
                  "239 bytes are too short for a DHCP message (at least 240)");
  assert_refused ("", L2TP_DHCP_ERROR_MALFORMED,
                  "0 bytes are too short for a DHCP message (at least 240)");
  assert_refused (DHCP_REPLY_FIXED ("00000000") "{64} {128} 63825364 35 01 05 ff",
                  L2TP_DHCP_ERROR_MALFORMED,
                  "no DHCP magic cookie: a BOOTP reply, not a DHCPACK");
  {
    g_autoptr (GBytes) packet = hex_bytes (DHCP_ACK_WINDOWS);
    g_autoptr (GError) error = NULL;
    g_autoptr (L2tpDhcpAnswer) a
        = l2tp_dhcp_ack_parse (g_bytes_get_data (packet, NULL), g_bytes_get_size (packet),
                               0x5a17c0df, chaddr, &error);

    g_assert_null (a);
    g_assert_error (error, L2TP_DHCP_ERROR, L2TP_DHCP_ERROR_NOT_OURS);
    g_assert_cmpstr (error->message, ==, "transaction ID 0x5a17c0de, not 0x5a17c0df");
  }
  {
    static const guint8 other[6] = { 0x02, 0x4c, 0x32, 0x54, 0x50, 0x01 };
    g_autoptr (GBytes) packet = hex_bytes (DHCP_ACK_WINDOWS);
    g_autoptr (GError) error = NULL;
    g_autoptr (L2tpDhcpAnswer) a
        = l2tp_dhcp_ack_parse (g_bytes_get_data (packet, NULL), g_bytes_get_size (packet),
                               DHCP_TEST_XID, other, &error);

    g_assert_null (a);
    g_assert_error (error, L2TP_DHCP_ERROR, L2TP_DHCP_ERROR_NOT_OURS);
    g_assert_cmpstr (error->message, ==, "another hardware address (chaddr)");
  }
}

static void
test_hostile_message_type (void)
{
  assert_refused (DHCP_NAK_MESSAGE, L2TP_DHCP_ERROR_NAK,
                  "the server answered DHCPNAK: \"wrong subnet\\x0a\\x1b[31m\"");
  assert_refused (DHCP_REPLY ("00000000") "35 01 06 ff", L2TP_DHCP_ERROR_NAK,
                  "the server answered DHCPNAK");
  assert_refused (DHCP_REPLY ("00000000") "35 01 02 ff", L2TP_DHCP_ERROR_MALFORMED,
                  "a DHCPOFFER, not a DHCPACK");
  assert_refused (DHCP_REPLY ("00000000") "35 01 2a ff", L2TP_DHCP_ERROR_MALFORMED,
                  "DHCP message type 42, not a DHCPACK");
  assert_refused (DHCP_REPLY ("00000000") "36 04 0a080001 ff", L2TP_DHCP_ERROR_MALFORMED,
                  "no DHCP message type (option 53): a BOOTP reply, not a DHCPACK");
  /* Two instances are one value of two bytes (RFC 3396). */
  assert_refused (DHCP_REPLY ("00000000") "35 01 05 35 01 05 ff",
                  L2TP_DHCP_ERROR_MALFORMED,
                  "option 53 (message type) of 2 bytes, not 1");
}

static void
test_hostile_option_bounds (void)
{
  assert_refused (DHCP_REPLY ("00000000") "35 01 05 79 10 00", L2TP_DHCP_ERROR_MALFORMED,
                  "option 121 at byte 243 runs past the end of the options field "
                  "(length 16, only 1 left)");
  /* One byte short, at the end of the packet. */
  assert_refused (DHCP_REPLY ("00000000") "35 01 05 0f 02 61", L2TP_DHCP_ERROR_MALFORMED,
                  "option 15 at byte 243 runs past the end of the options field "
                  "(length 2, only 1 left)");
  assert_refused (DHCP_REPLY ("00000000") "35 01 05 79", L2TP_DHCP_ERROR_MALFORMED,
                  "option 121 at byte 243 of the options field has no length");
  /* An option past the end even before 53 is seen. */
  assert_refused (DHCP_REPLY ("00000000") "0f ff 6162", L2TP_DHCP_ERROR_MALFORMED,
                  "option 15 at byte 240 runs past the end of the options field "
                  "(length 255, only 2 left)");
}

static void
test_hostile_overload (void)
{
  assert_refused (DHCP_REPLY ("00000000") "34 01 04 35 01 05 ff",
                  L2TP_DHCP_ERROR_MALFORMED,
                  "option 52 (overload) is not one byte of 1, 2 or 3");
  assert_refused (DHCP_REPLY ("00000000") "34 02 0001 35 01 05 ff",
                  L2TP_DHCP_ERROR_MALFORMED,
                  "option 52 (overload) is not one byte of 1, 2 or 3");
  /* 52 again inside the overloaded file field. */
  assert_refused (DHCP_REPLY_FIXED ("00000000") "{64} 34 01 03 ff {124}" DHCP_COOKIE
                                                "34 01 01 35 01 05 ff",
                  L2TP_DHCP_ERROR_MALFORMED,
                  "option 52 (overload) at byte 108 in the file field");
  /* An option running past the end of the file field, not into sname's
   * neighbour (the cookie). */
  assert_refused (DHCP_REPLY_FIXED ("00000000") "{64} {126} 0f 04" DHCP_COOKIE
                                                "34 01 01 35 01 05 ff",
                  L2TP_DHCP_ERROR_MALFORMED,
                  "option 15 at byte 234 runs past the end of the file field "
                  "(length 4, only 0 left)");
  assert_refused (DHCP_REPLY_FIXED ("00000000") "{63} 0f {128}" DHCP_COOKIE
                                                "34 01 02 35 01 05 ff",
                  L2TP_DHCP_ERROR_MALFORMED,
                  "option 15 at byte 107 of the sname field has no length");
  /* Without 52, the same fields are not read (the golden ISC reply's
   * sname already shows that for sname). */
  {
    g_autoptr (L2tpDhcpAnswer) a = parse_ok (
        DHCP_REPLY_FIXED ("00000000") "{64} 0f 04 {126}" DHCP_COOKIE "35 01 05 ff");

    g_assert_null (a->domain);
  }
}

/* Option values are checked inside the packet too: the whole answer goes. */
static void
test_hostile_values (void)
{
  static const struct
  {
    const char *options, *error;
  } cases[] = {
    { "79 0f 18 c0a80a c0a86401 21 0a000000 0000",
      "option 121: route at byte 8 has prefix length 33 (at most 32)" },
    { "79 07 18 c0a80a c0a864",
      "option 121: route at byte 0 is cut short (/24 takes 8 bytes, 7 are left)" },
    { "f9 08 14 c0a81f c0a86401",
      "option 249: route at byte 0 (192.168.31.0/20) has bits set beyond its prefix" },
    { "77 04 01 61 c0 00",
      "option 119: pointer at byte 2 to byte 0 does not point before byte 0" },
    { "0f 0c 636f7270 20 6578616d706c65",
      "option 15: 0x20 at byte 4 is not a letter, digit or '-' of a domain name" },
    { "06 04 00000000", "option 6: 0.0.0.0 at byte 0 is not a unicast address" },
    { "36 03 0a0800", "option 54: length 3, not 4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hex
          = g_strdup_printf (DHCP_REPLY ("00000000") "35 01 05 %s ff", cases[i].options);

      assert_refused (hex, L2TP_DHCP_ERROR_BAD_OPTION, cases[i].error);
    }
  /* A broken 249 next to a good 121 is not read. */
  {
    g_autoptr (L2tpDhcpAnswer) a
        = parse_ok (DHCP_REPLY ("00000000") "35 01 05 f9 01 21 79 06 08 0a 0a080001 ff");

    g_assert_true (a->ignored_249);
    assert_line (a, "routes (option 121) 10.0.0.0/8 via 10.8.0.1 (option 249 ignored)");
  }
}

/* 64 routes, split over two instances (RFC 3396), are read; 65 are not. */
static void
test_hostile_route_count (void)
{
  for (guint n = 64; n <= 65; n++)
    {
      g_autoptr (GString) routes = g_string_new (NULL);
      g_autoptr (GString) hex = g_string_new (DHCP_REPLY ("00000000") "35 01 05");
      gsize total = n * 6;

      for (guint i = 0; i < n; i++)
        g_string_append (routes, "08 0a 0a 08 00 01 "); /* 10.0.0.0/8 via 10.8.0.1 */
      /* 255 bytes in the first instance, the rest in the second. */
      g_string_append_printf (hex, "79 ff %.*s 79 %02x %s ff", 255 * 3, routes->str,
                              (guint) (total - 255), routes->str + 255 * 3);
      if (n == 64)
        {
          g_autoptr (L2tpDhcpAnswer) a = parse_ok (hex->str);

          g_assert_cmpuint (a->routes->len, ==, 64);
          assert_route (a, 63, dhcp_ip (10, 0, 0, 0), 8, dhcp_ip (10, 8, 0, 1));
        }
      else
        assert_refused (hex->str, L2TP_DHCP_ERROR_BAD_OPTION,
                        "option 121: more than 64 routes");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dhcp-inform/build", test_build);
  g_test_add_func ("/dhcp-inform/build/not-an-answer", test_build_not_an_answer);
  g_test_add_func ("/dhcp-inform/ack/windows", test_ack_windows);
  g_test_add_func ("/dhcp-inform/ack/dnsmasq", test_ack_dnsmasq);
  g_test_add_func ("/dhcp-inform/ack/isc-overload", test_ack_isc_overload);
  g_test_add_func ("/dhcp-inform/ack/bare", test_ack_bare);
  g_test_add_func ("/dhcp-inform/ack/split", test_ack_split);
  g_test_add_func ("/dhcp-inform/ack/overload-both", test_ack_overload_both);
  g_test_add_func ("/dhcp-inform/hostile/header", test_hostile_header);
  g_test_add_func ("/dhcp-inform/hostile/message-type", test_hostile_message_type);
  g_test_add_func ("/dhcp-inform/hostile/option-bounds", test_hostile_option_bounds);
  g_test_add_func ("/dhcp-inform/hostile/overload", test_hostile_overload);
  g_test_add_func ("/dhcp-inform/hostile/values", test_hostile_values);
  g_test_add_func ("/dhcp-inform/hostile/route-count", test_hostile_route_count);
  return g_test_run ();
}
