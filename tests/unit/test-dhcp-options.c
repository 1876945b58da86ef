/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/dhcp-options.c: every route width, the limits of
 * names and addresses, hostile values. Each value is decoded from an
 * exact-size copy, so a read past its end shows in ASan. */
#include "shared/dhcp-options.h"

#include <string.h>

#include "dhcp-packets.h"
#include "hex-bytes.h"

static guint8 *
copy_of (GBytes *b, gsize *len)
{
  return g_memdup2 (g_bytes_get_data (b, len), g_bytes_get_size (b));
}

static void
assert_bad (const GError *error, const char *message)
{
  g_assert_error (error, L2TP_DHCP_ERROR, L2TP_DHCP_ERROR_BAD_OPTION);
  g_assert_cmpstr (error->message, ==, message);
}

/*****************************************************************************/
/* Routes */

/* The routes of @hex as "a.b.c.d/n via g.h.i.j" lines, or NULL and @error. */
static char *
routes (guint code, const char *hex, GError **error)
{
  g_autoptr (GBytes) b = hex_bytes (hex);
  gsize len;
  g_autofree guint8 *value = copy_of (b, &len);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (L2tpDhcpRoute));
  L2tpDhcpRoute before = { dhcp_ip (192, 0, 2, 0), dhcp_ip (192, 0, 2, 1), 24 };
  g_autoptr (GString) s = g_string_new (NULL);

  /* What the array held before stays, also after a refusal. */
  g_array_append_val (out, before);
  if (!l2tp_dhcp_routes_decode (code, value, len, out, error))
    {
      g_assert_cmpuint (out->len, ==, 1);
      return NULL;
    }
  for (guint i = 1; i < out->len; i++)
    {
      const L2tpDhcpRoute *r = &g_array_index (out, L2tpDhcpRoute, i);
      char a[L2TP_DHCP_ADDRESS_BUF], g[L2TP_DHCP_ADDRESS_BUF];

      g_string_append_printf (s, "%s/%u via %s\n",
                              l2tp_dhcp_address_format (r->network, a), r->prefix,
                              l2tp_dhcp_address_format (r->gateway, g));
    }
  return g_strdup (s->str);
}

static void
assert_routes (const char *hex, const char *want)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = routes (121, hex, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, want);
}

static void
assert_routes_refused (guint code, const char *hex, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = routes (code, hex, &error);

  g_assert_null (got);
  assert_bad (error, message);
}

/* Every width from 0 to 32, with all its prefix bits set: ceil(w/8)
 * significant octets, nothing more; one bit more is refused. */
static void
test_routes_widths (void)
{
  for (guint w = 0; w <= 32; w++)
    {
      guint32 mask = w == 0 ? 0 : 0xffffffffu << (32 - w);
      guint sig = (w + 7) / 8;
      g_autoptr (GString) hex = g_string_new (NULL);
      g_autofree char *want = NULL;
      char a[L2TP_DHCP_ADDRESS_BUF];

      g_string_append_printf (hex, "%02x", w);
      for (guint i = 0; i < sig; i++)
        g_string_append_printf (hex, " %02x", (mask >> (24 - 8 * i)) & 0xff);
      g_string_append (hex, " 0a080001");
      want = g_strdup_printf ("%s/%u via 10.8.0.1\n",
                              l2tp_dhcp_address_format (g_htonl (mask), a), w);
      assert_routes (hex->str, want);

      if (w % 8 != 0)
        {
          g_autoptr (GString) bad = g_string_new (NULL);
          g_autofree char *message = NULL;
          guint32 more = mask | (1u << (31 - w));

          g_string_append_printf (bad, "%02x", w);
          for (guint i = 0; i < sig; i++)
            g_string_append_printf (bad, " %02x", (more >> (24 - 8 * i)) & 0xff);
          g_string_append (bad, " 0a080001");
          message = g_strdup_printf (
              "option 121: route at byte 0 (%s/%u) has bits set beyond its prefix",
              l2tp_dhcp_address_format (g_htonl (more), a), w);
          assert_routes_refused (121, bad->str, message);
        }
    }
}

static void
test_routes (void)
{
  assert_routes ("00 0a080001 | 20 c0a80001 00000000 | 01 80 0a080001 | 09 0a80 0a080001",
                 "0.0.0.0/0 via 10.8.0.1\n"
                 "192.168.0.1/32 via 0.0.0.0\n"
                 "128.0.0.0/1 via 10.8.0.1\n"
                 "10.128.0.0/9 via 10.8.0.1\n");
  assert_routes_refused (121, "", "option 121: empty");
  assert_routes_refused (249, "21 0a000000 0a080001",
                         "option 249: route at byte 0 has prefix length 33 (at most 32)");
  assert_routes_refused (
      121, "00 0a080001 ff",
      "option 121: route at byte 5 has prefix length 255 (at most 32)");
  assert_routes_refused (121, "18 c0a8",
                         "option 121: route at byte 0 is cut short (/24 takes 8 bytes, 3 "
                         "are left)");
  assert_routes_refused (
      121, "00 0a080001 00 0a0800",
      "option 121: route at byte 5 is cut short (/0 takes 5 bytes, 4 are "
      "left)");
  assert_routes_refused (121, "08 0a e0000001",
                         "option 121: route at byte 0 (10.0.0.0/8) has router 224.0.0.1, "
                         "not a unicast address");
  assert_routes_refused (121, "08 0a ffffffff",
                         "option 121: route at byte 0 (10.0.0.0/8) has router "
                         "255.255.255.255, not a unicast address");
  assert_routes_refused (121, "08 0a 7f000001",
                         "option 121: route at byte 0 (10.0.0.0/8) has router 127.0.0.1, "
                         "not a unicast address");
}

/*****************************************************************************/
/* Addresses */

static void
test_addresses (void)
{
  static const struct
  {
    const char *hex, *error; /* error NULL: read */
  } cases[] = {
    { "01000000 7effffff 80000000 dfffffff", NULL },
    { "", "option 6: empty" },
    { "0a0800", "option 6: length 3 is not a multiple of 4" },
    { "0a080001 0a", "option 6: length 5 is not a multiple of 4" },
    { "0a080001 00010203", "option 6: 0.1.2.3 at byte 4 is not a unicast address" },
    { "7f000001", "option 6: 127.0.0.1 at byte 0 is not a unicast address" },
    { "e00000fb", "option 6: 224.0.0.251 at byte 0 is not a unicast address" },
    { "ffffffff", "option 6: 255.255.255.255 at byte 0 is not a unicast address" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) b = hex_bytes (cases[i].hex);
      gsize len;
      g_autofree guint8 *value = copy_of (b, &len);
      g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr (GError) error = NULL;
      gboolean ok = l2tp_dhcp_addresses_decode (6, value, len, out, &error);

      if (cases[i].error)
        {
          g_assert_false (ok);
          assert_bad (error, cases[i].error);
          g_assert_cmpuint (out->len, ==, 0);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpmem (out->data, out->len * 4, value, len);
        }
    }
}

static void
test_classful (void)
{
  static const struct
  {
    guint8 a[4];
    gboolean ok;
    guint8 net[4];
    guint prefix;
  } cases[] = {
    { { 10, 8, 0, 2 }, TRUE, { 10, 0, 0, 0 }, 8 },
    { { 1, 2, 3, 4 }, TRUE, { 1, 0, 0, 0 }, 8 },
    { { 126, 255, 255, 255 }, TRUE, { 126, 0, 0, 0 }, 8 },
    { { 128, 0, 1, 1 }, TRUE, { 128, 0, 0, 0 }, 16 },
    { { 172, 16, 5, 4 }, TRUE, { 172, 16, 0, 0 }, 16 },
    { { 191, 255, 1, 1 }, TRUE, { 191, 255, 0, 0 }, 16 },
    { { 192, 168, 1, 7 }, TRUE, { 192, 168, 1, 0 }, 24 },
    { { 223, 1, 2, 3 }, TRUE, { 223, 1, 2, 0 }, 24 },
    { { 224, 0, 0, 1 }, FALSE },
    { { 239, 255, 255, 250 }, FALSE },
    { { 240, 0, 0, 1 }, FALSE },
    { { 255, 255, 255, 255 }, FALSE },
    { { 127, 0, 0, 1 }, FALSE },
    { { 0, 1, 2, 3 }, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint32 addr, network = 0xdeadbeef, want;
      guint prefix = 99;

      memcpy (&addr, cases[i].a, 4);
      memcpy (&want, cases[i].net, 4);
      g_assert_cmpint (l2tp_dhcp_classful_route (addr, &network, &prefix), ==,
                       cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_cmphex (network, ==, want);
          g_assert_cmpuint (prefix, ==, cases[i].prefix);
        }
      else
        {
          g_assert_cmphex (network, ==, 0xdeadbeef);
          g_assert_cmpuint (prefix, ==, 99);
        }
    }
}

/*****************************************************************************/
/* Names */

/* The names of option @code (15 or 119) in @hex, joined by spaces, are
 * @want; or they are refused with @error_message. */
static void
assert_names (guint code, const char *hex, const char *want, const char *error_message)
{
  g_autoptr (GBytes) b = hex_bytes (hex);
  gsize len;
  g_autofree guint8 *value = copy_of (b, &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (code == 15)
    {
      char *name = l2tp_dhcp_domain_decode (value, len, &error);

      if (name)
        g_ptr_array_add (names, name);
      else
        g_clear_pointer (&names, g_ptr_array_unref);
    }
  else
    {
      g_ptr_array_unref (names);
      names = l2tp_dhcp_search_decode (value, len, &error);
    }
  if (error_message)
    {
      g_assert_null (names);
      assert_bad (error, error_message);
      return;
    }
  g_assert_no_error (error);
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (" ", (char **) names->pdata);
  g_assert_cmpstr (joined, ==, want);
}

#define assert_domain(hex, want, message) assert_names (15, hex, want, message)
#define assert_search(hex, want, message) assert_names (119, hex, want, message)

/* @n_labels labels of @label_len 'a's, written with dots, as hex. */
static char *
long_name_hex (guint n_labels, guint label_len)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_labels; i++)
    {
      if (i)
        g_string_append (s, "2e");
      for (guint j = 0; j < label_len; j++)
        g_string_append (s, "61");
    }
  return g_string_free (s, FALSE);
}

static void
test_domain (void)
{
  g_autofree char *max = long_name_hex (4, 63); /* 4 * 63 + 3 = 255 */
  g_autofree char *label64 = long_name_hex (1, 64);
  g_autofree char *n253 = long_name_hex (1, 61);
  g_autofree char *hex253 = NULL, *hex254 = NULL, *want253 = NULL;

  /* 61 + 3 * 64 ("." + 63) = 253 */
  hex253 = g_strdup_printf ("%s 2e%s 2e%s 2e%s", n253, label64 + 2, label64 + 2,
                            label64 + 2);
  hex254 = g_strdup_printf ("61 %s", hex253);
  want253 = g_strnfill (253, 'a');
  for (guint i = 61; i < 253; i += 64)
    want253[i] = '.';

  assert_domain ("636f72702e6578616d706c65", "corp.example", NULL);
  assert_domain ("436f72702d312e4558414d504c45 00", "Corp-1.EXAMPLE", NULL);
  assert_domain ("636f72702e6578616d706c65 00 00", "corp.example", NULL);
  assert_domain ("636f72702e6578616d706c65 2e", "corp.example", NULL);
  assert_domain ("636f72702e6578616d706c65 2e 00", "corp.example", NULL);
  assert_domain ("6c6f63616c", "local", NULL);
  assert_domain (hex253, want253, NULL);

  assert_domain ("", NULL, "option 15: empty");
  assert_domain ("00", NULL, "option 15: empty");
  assert_domain ("2e", NULL, "option 15: empty");
  assert_domain (hex254, NULL, "option 15: a name of 254 characters (at most 253)");
  assert_domain (max, NULL, "option 15: a name of 255 characters (at most 253)");
  assert_domain (label64, NULL, "option 15: label of 64 bytes at byte 0 (at most 63)");
  assert_domain ("636f7270 2e2e 6578616d706c65", NULL,
                 "option 15: empty label at byte 5");
  assert_domain ("2e 636f7270", NULL, "option 15: empty label at byte 0");
  assert_domain ("636f7270 2e2e", NULL, "option 15: empty label at byte 5");
  assert_domain ("2d636f7270", NULL,
                 "option 15: label at byte 0 starts or ends with '-'");
  assert_domain ("636f7270 2e 6578616d706c652d", NULL,
                 "option 15: label at byte 5 starts or ends with '-'");
  /* Bytes that would mean something to resolv.conf, a shell, a terminal. */
  {
    static const guint8 hostile[]
        = { 0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1b, ' ', '"',  '\'', '\\', '#',
            ';',  '_',  '/',  '*',  '$',  '`',  '(', 0x7f, 0x80, 0xc3, 0xff };

    for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
      {
        g_autofree char *hex
            = g_strdup_printf ("636f7270 %02x 6578616d706c65", hostile[i]);
        g_autofree char *message = g_strdup_printf (
            "option 15: 0x%02x at byte 4 is not a letter, digit or '-' of a domain name",
            hostile[i]);

        assert_domain (hex, NULL, message);
      }
  }
}

static void
test_search (void)
{
  g_autoptr (GString) many = g_string_new (NULL);
  g_autofree char *l63 = long_name_hex (1, 63);

  /* A pointer to a pointer: each jump goes further back. */
  assert_search ("01 61 00 | 01 62 c0 00 | 01 63 c0 03 | c0 07", "a b.a c.b.a c.b.a",
                 NULL);
  /* A pointer into the middle of a name. */
  assert_search ("03 777777 04 636f7270 00 | 02 7573 c0 04", "www.corp us.corp", NULL);

  assert_search ("", NULL, "option 119: empty");
  assert_search ("00", NULL, "option 119: empty name at byte 0");
  assert_search ("01 61 00 00", NULL, "option 119: empty name at byte 3");
  assert_search ("01 61", NULL, "option 119: name at byte 0 is cut short");
  assert_search ("05 6162", NULL, "option 119: label at byte 0 is cut short");
  assert_search ("01 61 00 01 62 c0", NULL, "option 119: pointer at byte 5 is cut short");
  /* Forward, to itself, a loop that only points back from where it is. */
  assert_search ("c0 02 01 61 00", NULL,
                 "option 119: pointer at byte 0 to byte 2 does not point before byte 0");
  assert_search ("01 61 00 c0 03", NULL,
                 "option 119: pointer at byte 3 to byte 3 does not point before byte 3");
  assert_search ("02 7879 c0 00", NULL,
                 "option 119: pointer at byte 3 to byte 0 does not point before byte 0");
  /* Forward into a later name; to itself from inside a name. */
  assert_search ("01 61 c0 05 | 01 62 c0 00", NULL,
                 "option 119: pointer at byte 2 to byte 5 does not point before byte 0");
  assert_search ("01 61 00 | 01 62 c0 05 | 01 63 c0 03", NULL,
                 "option 119: pointer at byte 5 to byte 5 does not point before byte 3");
  /* A jump into the second byte of a pointer (c1) reads a pointer there
   * (c1 01: byte 257), which lies before the name but not before the
   * first jump's target: refused. */
  {
    g_autofree char *a63 = long_name_hex (1, 63);
    g_autofree char *a61 = long_name_hex (1, 61);
    g_autofree char *a54 = long_name_hex (1, 54);
    g_autofree char *hex = g_strdup_printf ("3f %s 00 3f %s 00 3d %s 00" /* 0-192 */
                                            "| 01 61 00"                 /* 193: a */
                                            "| c0 c1"                    /* 196: (193) */
                                            "| 01 62 00"                 /* 198: b */
                                            "| 36 %s 00"                 /* 201-256 */
                                            "| 01 63 00"                 /* 257: c */
                                            "| c0 c5",                   /* 260: (197) */
                                            a63, a63, a61, a54);

    assert_search (hex, NULL,
                   "option 119: pointer at byte 197 to byte 257 does not point before "
                   "byte 197");
  }
  /* 0x40 would be a label of 64; 0x40-0xbf are not labels at all. */
  {
    g_autofree char *hex = g_strdup_printf ("40 %s 61 00", l63);

    assert_search (
        hex, NULL,
        "option 119: length octet 0x40 at byte 0 is not a label of 1-63 bytes");
  }
  assert_search ("01 61 00 80 00", NULL,
                 "option 119: length octet 0x80 at byte 3 is not a label of 1-63 bytes");
  assert_search ("03 612e62 00", NULL,
                 "option 119: 0x2e at byte 2 is not a letter, digit or '-' of a domain "
                 "name");
  assert_search ("03 612062 00", NULL,
                 "option 119: 0x20 at byte 2 is not a letter, digit or '-' of a domain "
                 "name");
  assert_search ("03 61620a 00", NULL,
                 "option 119: 0x0a at byte 3 is not a letter, digit or '-' of a domain "
                 "name");
  assert_search ("02 2d61 00", NULL,
                 "option 119: label at byte 1 starts or ends with '-'");
  /* 4 labels of 63: 255 characters. */
  {
    g_autofree char *hex
        = g_strdup_printf ("3f %s 3f %s 3f %s 3f %s 00", l63, l63, l63, l63);

    assert_search (hex, NULL, "option 119: name at byte 0 is longer than 253 characters");
  }
  /* 63 + 63 + 63 + 61 and three dots: 253 characters; one more is too long. */
  {
    g_autofree char *l61 = long_name_hex (1, 61);
    g_autofree char *l62 = long_name_hex (1, 62);
    g_autofree char *ok
        = g_strdup_printf ("3f %s 3f %s 3f %s 3d %s 00", l63, l63, l63, l61);
    g_autofree char *over
        = g_strdup_printf ("3f %s 3f %s 3f %s 3e %s 00", l63, l63, l63, l62);
    g_autofree char *want = g_strnfill (253, 'a');

    want[63] = want[127] = want[191] = '.';
    assert_search (ok, want, NULL);
    assert_search (over, NULL,
                   "option 119: name at byte 0 is longer than 253 characters");
  }
  /* 32 names are read, 33 are not. */
  for (guint i = 0; i < 32; i++)
    g_string_append (many, "01 61 00 ");
  {
    g_autofree char *want = g_strjoinv (
        " ", (char *[]){ "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a",
                         "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a",
                         "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", NULL });

    assert_search (many->str, want, NULL);
  }
  g_string_append (many, "01 62 00");
  assert_search (many->str, NULL, "option 119: more than 32 names");
}

static void
test_address_format (void)
{
  char a[L2TP_DHCP_ADDRESS_BUF];

  g_assert_cmpstr (l2tp_dhcp_address_format (dhcp_ip (255, 255, 255, 255), a), ==,
                   "255.255.255.255");
  g_assert_cmpstr (l2tp_dhcp_address_format (0, a), ==, "0.0.0.0");
  g_assert_cmpstr (l2tp_dhcp_address_format (dhcp_ip (10, 8, 0, 1), a), ==, "10.8.0.1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dhcp-options/routes/widths", test_routes_widths);
  g_test_add_func ("/dhcp-options/routes", test_routes);
  g_test_add_func ("/dhcp-options/addresses", test_addresses);
  g_test_add_func ("/dhcp-options/classful", test_classful);
  g_test_add_func ("/dhcp-options/domain", test_domain);
  g_test_add_func ("/dhcp-options/search", test_search);
  g_test_add_func ("/dhcp-options/address-format", test_address_format);
  return g_test_run ();
}
