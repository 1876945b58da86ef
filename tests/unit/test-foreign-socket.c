/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/foreign-socket.c on /proc/net/udp{,6} text captured
 * on an x86-64 Debian 12 host (kernel 6.18) in a network namespace, the same
 * rows as a big-endian machine prints them, and bad arguments. */
#include "shared/foreign-socket.h"

#include <sys/socket.h>

#include "shared/proc-net-udp.h"

/* Root bound 10.203.0.1:1701 with SO_REUSEADDR, like xl2tpd; then, each with
 * SO_REUSEADDR: uid 1000 on 10.203.0.1:1701 connected to 10.203.0.2:1701,
 * uid 1000 on 10.203.0.1:1701, uid 1000 on 0.0.0.0:1701, uid 1000 on
 * 10.203.0.1:1702, uid 1000 on [::]:1701 (dual stack), uid 65534 on
 * [::ffff:10.203.0.1]:1701. All bound at once, none refused. */
static const char sample[]
    = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   "
      "uid  timeout inode ref pointer drops            \n"
      "10474: 0100CB0A:06A5 0200CB0A:06A5 01 00000000:00000000 00:00000000 00000000  "
      "1000        0 402110 2 000000006a7061e6 0        \n"
      "10474: 0100CB0A:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000  "
      "1000        0 403152 2 000000002cac9110 0        \n"
      "10474: 00000000:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000  "
      "1000        0 403151 2 0000000098888e77 0        \n"
      "10474: 0100CB0A:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000     "
      "0        0 402028 2 00000000176bbef5 0        \n"
      "10475: 0100CB0A:06A6 00000000:0000 07 00000000:00000000 00:00000000 00000000  "
      "1000        0 403153 2 00000000c2797224 0        \n"
      "  sl  local_address                         remote_address                        "
      "st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
      "10474: 00000000000000000000000000000000:06A5 "
      "00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  "
      "1000        0 402109 2 0000000013402a8e 0\n"
      "10474: 0000000000000000FFFF00000100CB0A:06A5 "
      "00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000 "
      "65534        0 403150 2 00000000f2ee8085 0\n";

/* Only root on the address: the service's own sockets (xl2tpd's, and the
 * connected one xl2tpd opens per tunnel for the kernel's L2TP). */
static const char root_only[]
    = "10474: 0100CB0A:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000     "
      "0        0 402028 2 00000000176bbef5 0\n"
      "10474: 0100CB0A:06A5 0200CB0A:06A5 01 00000000:00000000 00:00000000 00000000     "
      "0        0 402029 2 00000000176bbef6 0\n"
      "10474: 00000000:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000  "
      "1000        0 403151 2 0000000098888e77 0\n";

/* The first two rows of sample as a big-endian machine writes them. */
static const char sample_big_endian[]
    = "10474: 0ACB0001:06A5 0ACB0002:06A5 01 00000000:00000000 00:00000000 00000000  "
      "1000        0 402110 2 000000006a7061e6 0\n"
      "10474: 0ACB0001:06A5 00000000:0000 07 00000000:00000000 00:00000000 00000000     "
      "0        0 402028 2 00000000176bbef5 0\n";

/* fd01::1:1701 of root, of uid 1000, and uid 1000 on fd01::3:1701. */
static const char sample6[]
    = "  17: 000001FD000000000000000001000000:06A5 "
      "00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  "
      "   0        0 500001 2 0000000013402a8e 0\n"
      "  17: 000001FD000000000000000001000000:06A5 "
      "00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  "
      "1000        0 500002 2 0000000013402a8f 0\n"
      "  17: 000001FD000000000000000003000000:06A5 "
      "00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  "
      "1000        0 500003 2 0000000013402a90 0\n";

static GArray *
find (const char *text, int byte_order, const char *addr, guint16 port)
{
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  guint malformed = 99;
  GArray *found;

  rows = l2tp_proc_net_udp_parse_with_byte_order (text, byte_order, &malformed);
  g_assert_cmpuint (malformed, ==, 0);
  found = l2tp_foreign_sockets_find (rows, addr, port, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

#define ROW(a, i) (&g_array_index ((a), L2tpProcUdpSocket, (i)))

static void
test_other_users_on_our_address (void)
{
  g_autoptr (GArray) found = find (sample, G_LITTLE_ENDIAN, "10.203.0.1", 1701);

  /* The connected one, the unconnected one and the IPv4-mapped one; not
   * root's, not the wildcard ones, not the one on 1702. */
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpuint (ROW (found, 0)->inode, ==, 402110);
  g_assert_cmpuint (ROW (found, 0)->uid, ==, 1000);
  g_assert_cmpint (ROW (found, 0)->family, ==, AF_INET);
  g_assert_cmpstr (ROW (found, 0)->local_text, ==, "10.203.0.1");
  g_assert_cmpuint (ROW (found, 0)->state, ==, 1);
  g_assert_cmpuint (ROW (found, 1)->inode, ==, 403152);
  g_assert_cmpuint (ROW (found, 2)->inode, ==, 403150);
  g_assert_cmpuint (ROW (found, 2)->uid, ==, 65534);
  g_assert_cmpint (ROW (found, 2)->family, ==, AF_INET6);
  g_assert_cmpstr (ROW (found, 2)->local_text, ==, "::ffff:10.203.0.1");
}

static void
test_other_port_and_address (void)
{
  g_autoptr (GArray) on_1702 = find (sample, G_LITTLE_ENDIAN, "10.203.0.1", 1702);
  g_autoptr (GArray) other_addr = find (sample, G_LITTLE_ENDIAN, "10.203.0.3", 1701);
  g_autoptr (GArray) on_1703 = find (sample, G_LITTLE_ENDIAN, "10.203.0.1", 1703);

  g_assert_cmpuint (on_1702->len, ==, 1);
  g_assert_cmpuint (ROW (on_1702, 0)->inode, ==, 403153);
  /* 10.203.0.3 would go to the wildcard sockets: ours is not there. */
  g_assert_cmpuint (other_addr->len, ==, 0);
  g_assert_cmpuint (on_1703->len, ==, 0);
}

static void
test_root_only (void)
{
  g_autoptr (GArray) found = find (root_only, G_LITTLE_ENDIAN, "10.203.0.1", 1701);

  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_big_endian (void)
{
  g_autoptr (GArray) found = find (sample_big_endian, G_BIG_ENDIAN, "10.203.0.1", 1701);
  g_autoptr (GArray) as_little
      = find (sample_big_endian, G_LITTLE_ENDIAN, "10.203.0.1", 1701);

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (ROW (found, 0)->inode, ==, 402110);
  /* Read in the wrong byte order, the address is 1.0.203.10. */
  g_assert_cmpuint (as_little->len, ==, 0);
}

static void
test_ipv6 (void)
{
  g_autoptr (GArray) found = find (sample6, G_LITTLE_ENDIAN, "fd01::1", 1701);
  g_autoptr (GArray) v4 = find (sample6, G_LITTLE_ENDIAN, "10.203.0.1", 1701);

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (ROW (found, 0)->inode, ==, 500002);
  g_assert_cmpuint (v4->len, ==, 0);
}

static void
test_bad_arguments (void)
{
  static const char *const bad[] = { "",
                                     "10.203.0.1 ",
                                     "10.203.0.1\n",
                                     "host.example",
                                     "10.203.0.1:1701",
                                     "fe80::1%eth0",
                                     "010.203.0.1",
                                     "10.203.0.256" };
  g_autoptr (GArray) rows = l2tp_proc_net_udp_parse (sample, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) found = l2tp_foreign_sockets_find (rows, bad[i], 1701, &error);

      g_assert_null (found);
      g_assert_error (error, L2TP_FOREIGN_SOCKET_ERROR, 0);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GArray) found = l2tp_foreign_sockets_find (rows, "10.203.0.1", 0, &error);

    g_assert_null (found);
    g_assert_error (error, L2TP_FOREIGN_SOCKET_ERROR, 0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/foreign-socket/other-users-on-our-address",
                   test_other_users_on_our_address);
  g_test_add_func ("/foreign-socket/other-port-and-address", test_other_port_and_address);
  g_test_add_func ("/foreign-socket/root-only", test_root_only);
  g_test_add_func ("/foreign-socket/big-endian", test_big_endian);
  g_test_add_func ("/foreign-socket/ipv6", test_ipv6);
  g_test_add_func ("/foreign-socket/bad-arguments", test_bad_arguments);
  return g_test_run ();
}
