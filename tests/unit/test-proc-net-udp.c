/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/proc-net-udp.c: real /proc/net/udp{,6} text captured on
 * an x86-64 Debian 12 host (kernel 6.18) with exact expected sockets, the same
 * rows as a big-endian machine prints them, and hostile text. */
#include "shared/proc-net-udp.h"

#include <string.h>
#include <sys/socket.h>

/* python3 sockets with SO_REUSEADDR on 192.0.2.2:1701, 127.0.0.1:1701,
 * 0.0.0.0:1701, and 127.0.0.1:40000 connected to 127.0.0.1:1701. The rows
 * end in blanks: the kernel pads IPv4 rows to 127 characters. */
static const char udp_sample[]
    = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   "
      "uid  timeout inode ref pointer drops            \n"
      " 3249: 020200C0:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000     "
      "0 "
      "       0 30933 2 00000000b4533315 0         \n"
      " 3249: 0100007F:06A5 00000000:0000 07 00000000:00000340 00:00000000 00000000     "
      "0 "
      "       0 30932 2 00000000b9571ad2 0         \n"
      " 3249: 00000000:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000     "
      "0 "
      "       0 30931 2 0000000018213045 0         \n"
      " 8780: 0100007F:9C40 0100007F:06A5 01 00000000:00000000 00:00000000 00000000     "
      "0 "
      "       0 30934 2 00000000a361ebad 0         \n";

/* fd00::2:1701, :: :1701 (dual stack), ::1:1701, ::ffff:127.0.0.1:1702, and
 * fd00::2:40001 connected to fd00::2:1701. */
static const char udp6_sample[]
    = "  sl  local_address                         remote_address                        "
      "st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
      " 3249: 000000FD000000000000000002000000:06A5 "
      "00000000000000000000000000000000:0000 "
      "07 00000000:00000340 00:00000000 00000000     0        0 30937 2 00000000156f410d "
      "0\n"
      " 3249: 00000000000000000000000000000000:06A5 "
      "00000000000000000000000000000000:0000 "
      "07 00000000:00000000 00:00000000 00000000     0        0 30936 2 00000000b3e1f181 "
      "0\n"
      " 3249: 00000000000000000000000001000000:06A5 "
      "00000000000000000000000000000000:0000 "
      "07 00000000:00000000 00:00000000 00000000     0        0 30935 2 00000000e9e39ad7 "
      "0\n"
      " 3250: 0000000000000000FFFF00000100007F:06A6 "
      "00000000000000000000000000000000:0000 "
      "07 00000000:00000000 00:00000000 00000000     0        0 30938 2 00000000831dcb89 "
      "0\n"
      " 8781: 000000FD000000000000000002000000:9C41 "
      "000000FD000000000000000002000000:06A5 "
      "01 00000000:00000000 00:00000000 00000000     0        0 30939 2 00000000fb6edf17 "
      "0\n";

/* Both files of a network namespace, concatenated: 10.201.0.1:65535; uid 65534
 * on 192.168.178.21:1701 connected to 203.0.113.7:4500;
 * fe80::a8bb:ccff:fedd:eeff%va:1701; 2001:db8:1:2:3:4:5:6:1701. */
static const char mixed_sample[]
    = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   "
      "uid  timeout inode ref pointer drops            \n"
      " 5632: 0100C90A:FFFF 00000000:0000 07 00000000:00000000 00:00000000 00000000     "
      "0 "
      "       0 104018 2 00000000a399bc7b 0        \n"
      " 7334: 15B2A8C0:06A5 077100CB:1194 01 00000000:00000000 00:00000000 00000000 "
      "65534 "
      "       0 104021 2 000000005f8eecb7 0        \n"
      "  sl  local_address                         remote_address                        "
      "st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
      " 7334: 000080FE00000000FFCCBBA8FFEEDDFE:06A5 "
      "00000000000000000000000000000000:0000 "
      "07 00000000:00000000 00:00000000 00000000     0        0 104019 2 "
      "00000000156f410d 0\n"
      " 7334: B80D0120020001000400030006000500:06A5 "
      "00000000000000000000000000000000:0000 "
      "07 00000000:00000000 00:00000000 00000000     0        0 104017 2 "
      "00000000b3e1f181 0\n";

static const char valid_row[]
    = " 3249: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000  "
      "1000        0 30932 2 00000000b9571ad2 17";

typedef struct
{
  int family;
  const char *local;
  guint16 local_port;
  guint8 remote_first_byte;
  guint16 remote_port;
  guint8 state;
  guint32 uid;
  guint64 inode;
  gboolean wildcard;
} Expected;

static GArray *
parse_le (const char *text, guint *n_malformed)
{
  return l2tp_proc_net_udp_parse_with_byte_order (text, G_LITTLE_ENDIAN, n_malformed);
}

static void
assert_sockets (GArray *sockets, const Expected *expected, guint n_expected)
{
  g_assert_cmpuint (sockets->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const L2tpProcUdpSocket *s = &g_array_index (sockets, L2tpProcUdpSocket, i);
      const Expected *e = &expected[i];

      g_assert_cmpint (s->family, ==, e->family);
      g_assert_cmpstr (s->local_text, ==, e->local);
      g_assert_cmpuint (s->local_port, ==, e->local_port);
      g_assert_cmpuint (s->remote[0], ==, e->remote_first_byte);
      g_assert_cmpuint (s->remote_port, ==, e->remote_port);
      g_assert_cmpuint (s->state, ==, e->state);
      g_assert_cmpuint (s->uid, ==, e->uid);
      g_assert_cmpuint (s->inode, ==, e->inode);
      g_assert_cmpint (l2tp_proc_udp_socket_is_wildcard (s), ==, e->wildcard);
    }
}

static void
test_udp4_sample (void)
{
  static const Expected expected[] = {
    { AF_INET, "192.0.2.2", 1701, 0, 0, 7, 0, 30933, FALSE },
    { AF_INET, "127.0.0.1", 1701, 0, 0, 7, 0, 30932, FALSE },
    { AF_INET, "0.0.0.0", 1701, 0, 0, 7, 0, 30931, TRUE },
    { AF_INET, "127.0.0.1", 40000, 127, 1701, 1, 0, 30934, FALSE },
  };
  guint bad = 99;
  g_autoptr (GArray) sockets = parse_le (udp_sample, &bad);
  const L2tpProcUdpSocket *s;
  static const guint8 loopback[4] = { 127, 0, 0, 1 };

  g_assert_cmpuint (bad, ==, 0);
  assert_sockets (sockets, expected, G_N_ELEMENTS (expected));
  s = &g_array_index (sockets, L2tpProcUdpSocket, 3);
  g_assert_cmpmem (s->local, 4, loopback, 4);
  g_assert_cmpmem (s->remote, 4, loopback, 4);
}

static void
test_udp6_sample (void)
{
  static const Expected expected[] = {
    { AF_INET6, "fd00::2", 1701, 0, 0, 7, 0, 30937, FALSE },
    { AF_INET6, "::", 1701, 0, 0, 7, 0, 30936, TRUE },
    { AF_INET6, "::1", 1701, 0, 0, 7, 0, 30935, FALSE },
    { AF_INET6, "::ffff:127.0.0.1", 1702, 0, 0, 7, 0, 30938, FALSE },
    { AF_INET6, "fd00::2", 40001, 0xfd, 1701, 1, 0, 30939, FALSE },
  };
  static const guint8 fd00_2[16] = { 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };
  guint bad = 99;
  g_autoptr (GArray) sockets = parse_le (udp6_sample, &bad);
  const L2tpProcUdpSocket *s;

  g_assert_cmpuint (bad, ==, 0);
  assert_sockets (sockets, expected, G_N_ELEMENTS (expected));
  s = &g_array_index (sockets, L2tpProcUdpSocket, 4);
  g_assert_cmpmem (s->local, 16, fd00_2, 16);
  g_assert_cmpmem (s->remote, 16, fd00_2, 16);
}

static void
test_mixed_sample (void)
{
  static const Expected expected[] = {
    { AF_INET, "10.201.0.1", 65535, 0, 0, 7, 0, 104018, FALSE },
    { AF_INET, "192.168.178.21", 1701, 203, 4500, 1, 65534, 104021, FALSE },
    { AF_INET6, "fe80::a8bb:ccff:fedd:eeff", 1701, 0, 0, 7, 0, 104019, FALSE },
    { AF_INET6, "2001:db8:1:2:3:4:5:6", 1701, 0, 0, 7, 0, 104017, FALSE },
  };
  static const guint8 remote[4] = { 203, 0, 113, 7 };
  guint bad = 99;
  g_autoptr (GArray) sockets = parse_le (mixed_sample, &bad);

  g_assert_cmpuint (bad, ==, 0);
  assert_sockets (sockets, expected, G_N_ELEMENTS (expected));
  g_assert_cmpmem (g_array_index (sockets, L2tpProcUdpSocket, 1).remote, 4, remote, 4);
}

/* A big-endian kernel prints the words in address order. */
static void
test_big_endian (void)
{
  static const char text[]
      = " 1: 7F000001:06A5 C0000202:1194 01 00000000:00000000 00:00000000 00000000 0 0 7 "
        "2 0000000000000000 0\n"
        " 2: 20010DB8000100020003000400050006:06A5 "
        "00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 "
        "00000000 0 0 8 2 0000000000000000 0\n";
  static const Expected expected[] = {
    { AF_INET, "127.0.0.1", 1701, 192, 4500, 1, 0, 7, FALSE },
    { AF_INET6, "2001:db8:1:2:3:4:5:6", 1701, 0, 0, 7, 0, 8, FALSE },
  };
  guint bad = 99;
  g_autoptr (GArray) sockets
      = l2tp_proc_net_udp_parse_with_byte_order (text, G_BIG_ENDIAN, &bad);
  g_autoptr (GArray) swapped = parse_le (text, NULL);

  g_assert_cmpuint (bad, ==, 0);
  assert_sockets (sockets, expected, G_N_ELEMENTS (expected));
  /* Read with the wrong byte order, each word comes out reversed. */
  g_assert_cmpstr (g_array_index (swapped, L2tpProcUdpSocket, 0).local_text, ==,
                   "1.0.0.127");
  g_assert_cmpstr (g_array_index (swapped, L2tpProcUdpSocket, 1).local_text, ==,
                   "b80d:120:200:100:400:300:600:500");
}

static void
test_host_order (void)
{
  g_autoptr (GArray) host = l2tp_proc_net_udp_parse (udp_sample, NULL);
  g_autoptr (GArray) explicit
      = l2tp_proc_net_udp_parse_with_byte_order (udp_sample, G_BYTE_ORDER, NULL);

  g_assert_cmpuint (host->len, ==, 4);
  g_assert_cmpmem (host->data, host->len * sizeof (L2tpProcUdpSocket), explicit->data,
                   explicit->len * sizeof (L2tpProcUdpSocket));
}

static void
test_edges (void)
{
  guint bad = 99;
  g_autoptr (GArray) empty = parse_le ("", &bad);
  g_autoptr (GArray) blank = NULL;
  g_autoptr (GArray) last = NULL;
  g_autoptr (GArray) high = NULL;
  g_autofree char *no_newline = NULL;
  g_autofree char *max_values = NULL;
  const L2tpProcUdpSocket *s;

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (bad, ==, 0);

  blank = parse_le ("\n\n  \n\t\n   sl  local_address\n", &bad);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (bad, ==, 0);

  /* The last row counts without a newline; uid 1000 and drops 17 as written. */
  no_newline = g_strconcat (udp_sample, valid_row, NULL);
  last = parse_le (no_newline, &bad);
  g_assert_cmpuint (bad, ==, 0);
  g_assert_cmpuint (last->len, ==, 5);
  g_assert_cmpuint (g_array_index (last, L2tpProcUdpSocket, 4).uid, ==, 1000);

  /* The largest uid and inode the kernel can print. */
  max_values = g_strdup (" 0: FFFFFFFF:FFFF 00000000:0000 07 00000000:00000000 "
                         "00:00000000 00000000 4294967295 0 18446744073709551615 2 "
                         "0000000000000000 0\n");
  high = parse_le (max_values, &bad);
  g_assert_cmpuint (bad, ==, 0);
  g_assert_cmpuint (high->len, ==, 1);
  s = &g_array_index (high, L2tpProcUdpSocket, 0);
  g_assert_cmpstr (s->local_text, ==, "255.255.255.255");
  g_assert_cmpuint (s->local_port, ==, 65535);
  g_assert_cmpuint (s->uid, ==, G_MAXUINT32);
  g_assert_cmpuint (s->inode, ==, G_MAXUINT64);
}

/* Each line must be refused on its own, and must not hide its neighbours. */
static void
test_hostile_lines (void)
{
  static const char *const lines[] = {
    /* numbers too big for their field */
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 "
    "4294967296 0 30932 2 0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 "
    "18446744073709551616 2 0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 "
    "99999999999999999999999999999999999999 2 0000000000000000 0",
    /* numbers in shapes the kernel never prints */
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 +5 "
    "2 0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 -1 "
    "2 0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 "
    "0x10 2 0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 -0 0 5 "
    "2 0000000000000000 0",
    /* address and port widths */
    " 1: 0100007F0:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 "
    "2 0000000000000000 0",
    " 1: 0100007:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0",
    " 1: 0000000000000000000000000000001:06A5 "
    "0000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000 0 "
    "0 5 2 0000000000000000 0",
    " 1: 0100007F:106A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 "
    "2 0000000000000000 0",
    " 1: 0100007F:6A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0",
    " 1: 0100007F06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0",
    " 1: 0100007F:06A5: 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 "
    "2 0000000000000000 0",
    " 1: GGGGGGGG:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0",
    " 1: 0100007F:06Z5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0",
    /* IPv4 local with an IPv6 remote */
    " 1: 0100007F:06A5 00000000000000000000000000000000:0000 07 00000000:00000000 "
    "00:00000000 00000000 0 0 5 2 0000000000000000 0",
    /* other fields */
    " 1 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0",
    " x: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 7 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 007 00000000:00000000 00:00000000 00000000 0 0 5 "
    "2 0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 07 00000000-00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 0000000 0 0 5 2 "
    "0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 "
    "2x 0000000000000000 0",
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0 junk",
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 "
    "0000000000000000 0\r",
    /* bytes that are not text */
    " 1: 0100007F:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 "
    "5\xff 2 0000000000000000 0",
    "\xff\xfe\x01\x02 garbage \x7f",
    "::::: :::: ::: : :",
    "1: 2: 3: 4: 5: 6: 7: 8: 9: 10: 11: 12: 13:",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *text
          = g_strconcat (udp_sample, lines[i], "\n", valid_row, "\n", NULL);
      guint bad = 99;
      g_autoptr (GArray) sockets = parse_le (text, &bad);
      g_autofree char *shown = g_strescape (lines[i], NULL);

      g_test_message ("line %u: %s", i, shown);
      g_assert_cmpuint (bad, ==, 1);
      g_assert_cmpuint (sockets->len, ==, 5);
      g_assert_cmpuint (g_array_index (sockets, L2tpProcUdpSocket, 4).inode, ==, 30932);
      g_assert_cmpuint (g_array_index (sockets, L2tpProcUdpSocket, 4).uid, ==, 1000);
    }
}

/* Every cut of a row before its last field is refused: a row cut inside the
 * inode must not pass for a socket with a shorter inode. */
static void
test_truncated_rows (void)
{
  gsize last_field = strrchr (valid_row, ' ') - valid_row;

  for (gsize cut = 0; cut <= last_field; cut++)
    {
      g_autofree char *text = g_strndup (valid_row, cut);
      guint bad = 99;
      g_autoptr (GArray) sockets = parse_le (text, &bad);

      g_assert_cmpuint (sockets->len, ==, 0);
      /* Only blanks (cut 0 and the leading space) are not a line at all. */
      g_assert_cmpuint (bad, ==, cut <= 1 ? 0 : 1);
    }
}

static void
test_long_lines (void)
{
  g_autofree char *long_token = g_strnfill (200000, 'A');
  g_autoptr (GString) many_fields = g_string_new (NULL);
  g_autoptr (GString) text = g_string_new (udp_sample);
  guint bad = 99;
  g_autoptr (GArray) sockets = NULL;

  for (int i = 0; i < 5000; i++)
    g_string_append (many_fields, " 0");
  g_string_append_printf (text, "%s\n%s\n%s %s\n", long_token, many_fields->str,
                          valid_row, many_fields->str);
  sockets = parse_le (text->str, &bad);
  g_assert_cmpuint (bad, ==, 3);
  g_assert_cmpuint (sockets->len, ==, 4);
}

/* Random bytes and random mutations of real rows: never a crash, and every
 * socket that comes out has a family, a printable address and a sane count. */
static void
test_random_garbage (void)
{
  static const char alphabet[] = "0123456789ABCDEFabcdefx: \t\n-+\xff";

  for (int round = 0; round < 3000; round++)
    {
      g_autofree char *text = g_strdup (round % 2 ? udp6_sample : udp_sample);
      gsize len = strlen (text);
      guint lines = 1, bad = 0;
      g_autoptr (GArray) sockets = NULL;

      for (int m = 0; m < 1 + round % 7; m++)
        text[g_test_rand_int_range (0, (gint32) len)]
            = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      for (gsize i = 0; i < len; i++)
        lines += text[i] == '\n';

      sockets = parse_le (text, &bad);
      g_assert_cmpuint (sockets->len + bad, <=, lines);
      for (guint i = 0; i < sockets->len; i++)
        {
          const L2tpProcUdpSocket *s = &g_array_index (sockets, L2tpProcUdpSocket, i);
          g_assert_true (s->family == AF_INET || s->family == AF_INET6);
          g_assert_cmpuint (strlen (s->local_text), >, 0);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/proc-net-udp/udp4-sample", test_udp4_sample);
  g_test_add_func ("/proc-net-udp/udp6-sample", test_udp6_sample);
  g_test_add_func ("/proc-net-udp/mixed-sample", test_mixed_sample);
  g_test_add_func ("/proc-net-udp/big-endian", test_big_endian);
  g_test_add_func ("/proc-net-udp/host-order", test_host_order);
  g_test_add_func ("/proc-net-udp/edges", test_edges);
  g_test_add_func ("/proc-net-udp/hostile-lines", test_hostile_lines);
  g_test_add_func ("/proc-net-udp/truncated-rows", test_truncated_rows);
  g_test_add_func ("/proc-net-udp/long-lines", test_long_lines);
  g_test_add_func ("/proc-net-udp/random-garbage", test_random_garbage);
  return g_test_run ();
}
