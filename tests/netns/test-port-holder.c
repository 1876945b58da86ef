/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Tests of src/port-holder.c and src/local-address.c that need no root: the
 * /proc text helpers, and real sockets of this test process on loopback. */
#include "src/common/local-address.h"
#include "src/l2tp/port-holder.h"

#include <arpa/inet.h>
#include <gio/gio.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void
test_unit_from_cgroup (void)
{
  static const struct
  {
    const char *text;
    const char *unit;
    gboolean user_unit;
  } cases[] = {
    /* cgroup v2 (Debian 12 default) */
    { "0::/system.slice/xl2tpd.service\n", "xl2tpd.service", FALSE },
    { "0::/system.slice/NetworkManager.service\n", "NetworkManager.service", FALSE },
    /* a sub-cgroup inside a service */
    { "0::/system.slice/foo.service/payload\n", "foo.service", FALSE },
    /* template instance, escaped name */
    { "0::/system.slice/system-openvpn\\x2dclient.slice/openvpn-client@corp.service\n",
      "openvpn-client@corp.service", FALSE },
    /* a user's unit, and the user manager itself */
    { "0::/user.slice/user-1000.slice/user@1000.service/app.slice/xl2tpd.service\n",
      "xl2tpd.service", TRUE },
    { "0::/user.slice/user-1000.slice/user@1000.service/init.scope\n", NULL, FALSE },
    { "0::/user.slice/user-1000.slice/user@1000.service\n", NULL, FALSE },
    /* no service: a login session, the root cgroup, a container path */
    { "0::/user.slice/user-0.slice/session-4.scope\n", NULL, FALSE },
    { "0::/\n", NULL, FALSE },
    { "0::/init.scope\n", NULL, FALSE },
    /* cgroup v1 with systemd's named hierarchy; the empty v2 line is ignored */
    { "12:memory:/system.slice/other.service\n"
      "1:name=systemd:/system.slice/xl2tpd.service\n"
      "0::/\n",
      "xl2tpd.service", FALSE },
    /* v2 wins over a v1 controller line */
    { "3:cpu,cpuacct:/system.slice/a.service\n0::/system.slice/b.service\n", "b.service",
      FALSE },
    /* path components that are not unit names */
    { "0::/system.slice/x;rm -rf.service\n", NULL, FALSE },
    { "0::/system.slice/a b.service\n", NULL, FALSE },
    { "0::/system.slice/.service\n", NULL, FALSE },
    { "0::/system.slice/xl2tpd.service.d\n", NULL, FALSE },
    /* garbage */
    { "", NULL, FALSE },
    { "\n\n", NULL, FALSE },
    { "garbage without colons\n", NULL, FALSE },
    { "0:/system.slice/x.service\n", NULL, FALSE },
    { "0::relative/x.service\n", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean user_unit = 99;
      g_autofree char *unit
          = l2tp_port_holder_unit_from_cgroup (cases[i].text, &user_unit);

      g_test_message ("case %u", i);
      g_assert_cmpstr (unit, ==, cases[i].unit);
      g_assert_cmpint (user_unit, ==, cases[i].user_unit);
    }
}

static void
test_cmdline_printable (void)
{
  static const char xl2tpd[] = "/usr/sbin/xl2tpd\0-D\0-c\0/etc/xl2tpd/xl2tpd.conf\0";
  static const char hostile[] = "evil\0\x1b[31mred\n\0\xff\xfe";
  g_autofree char *a
      = l2tp_port_holder_cmdline_printable (xl2tpd, sizeof xl2tpd - 1, 200);
  g_autofree char *b
      = l2tp_port_holder_cmdline_printable (hostile, sizeof hostile - 1, 200);
  g_autofree char *c = l2tp_port_holder_cmdline_printable (xl2tpd, sizeof xl2tpd - 1, 10);
  g_autofree char *d = l2tp_port_holder_cmdline_printable ("", 0, 200);
  g_autofree char *e = l2tp_port_holder_cmdline_printable ("\0\0", 2, 200);

  g_assert_cmpstr (a, ==, "/usr/sbin/xl2tpd -D -c /etc/xl2tpd/xl2tpd.conf");
  g_assert_cmpstr (b, ==, "evil \\x1b[31mred\\x0a \\xff\\xfe");
  g_assert_cmpstr (c, ==, "/usr/sbin/…");
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpstr (e, ==, "");
}

/* A UDP socket of this process on addr, port 0 = any; returns the port. */
static int
bind_udp (int family, const char *addr, guint16 port, gboolean reuse, guint16 *port_out)
{
  struct sockaddr_storage ss = { 0 };
  socklen_t len;
  int one = 1;
  int fd = socket (family, SOCK_DGRAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  if (family == AF_INET)
    {
      struct sockaddr_in *in = (struct sockaddr_in *) &ss;
      in->sin_family = AF_INET;
      in->sin_port = htons (port);
      g_assert_cmpint (inet_pton (AF_INET, addr, &in->sin_addr), ==, 1);
      len = sizeof *in;
    }
  else
    {
      struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) &ss;
      in6->sin6_family = AF_INET6;
      in6->sin6_port = htons (port);
      g_assert_cmpint (inet_pton (AF_INET6, addr, &in6->sin6_addr), ==, 1);
      len = sizeof *in6;
    }
  if (reuse)
    g_assert_cmpint (setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), ==, 0);
  if (bind (fd, (struct sockaddr *) &ss, len) != 0)
    {
      close (fd);
      return -1;
    }
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &ss, &len), ==, 0);
  *port_out = ntohs (family == AF_INET ? ((struct sockaddr_in *) &ss)->sin_port
                                       : ((struct sockaddr_in6 *) &ss)->sin6_port);
  return fd;
}

static char *
own_comm (void)
{
  g_autofree char *comm = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/comm", &comm, NULL, NULL));
  return g_strdup (g_strchomp (comm));
}

static char *
own_unit (void)
{
  g_autofree char *cgroup = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/cgroup", &cgroup, NULL, NULL));
  return l2tp_port_holder_unit_from_cgroup (cgroup, NULL);
}

static void
test_find_own_socket (void)
{
  guint16 port = 0;
  int fd = bind_udp (AF_INET, "127.0.0.1", 0, TRUE, &port);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpPortHolder) holder = l2tp_port_holder_find (port, &error);
  g_autofree char *comm = own_comm ();
  g_autofree char *unit = own_unit ();
  g_autofree char *describe = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *command = NULL;
  g_autofree char *expected_command = NULL;
  const L2tpPortSocket *s;

  g_assert_no_error (error);
  g_assert_nonnull (holder);
  g_assert_false (l2tp_port_holder_is_free (holder));
  g_assert_cmpuint (holder->sockets->len, ==, 1);
  s = holder->sockets->pdata[0];
  g_assert_cmpint (s->family, ==, AF_INET);
  g_assert_cmpstr (s->address, ==, "127.0.0.1");
  g_assert_false (s->wildcard);
  g_assert_cmpuint (s->uid, ==, getuid ());
  g_assert_nonnull (s->process);
  g_assert_cmpuint (s->process->pid, ==, getpid ());
  g_assert_cmpstr (s->process->comm, ==, comm);
  g_assert_cmpstr (s->process->unit, ==, unit);
  g_assert_true (strstr (s->process->cmdline, "test-port-holder") != NULL);

  g_assert_true (l2tp_port_holder_on_address (holder, "127.0.0.1") == s);
  g_assert_null (l2tp_port_holder_on_address (holder, "127.0.0.2"));
  g_assert_null (l2tp_port_holder_on_address (holder, "::1"));
  g_assert_null (l2tp_port_holder_on_address (holder, "not an address"));
  g_assert_null (l2tp_port_holder_wildcard (holder));

  describe = l2tp_port_holder_describe (holder);
  if (unit)
    expected = g_strdup_printf ("UDP port %u is held by %s (pid %u, systemd unit %s) on "
                                "127.0.0.1",
                                port, comm, (guint) getpid (), unit);
  else
    expected = g_strdup_printf ("UDP port %u is held by %s (pid %u) on 127.0.0.1", port,
                                comm, (guint) getpid ());
  g_assert_cmpstr (describe, ==, expected);

  command = l2tp_port_holder_fix_command (holder);
  if (unit && strcmp (unit, "NetworkManager.service") == 0)
    expected_command = NULL;
  else if (unit)
    expected_command = g_strdup_printf ("sudo systemctl stop %s", unit);
  else
    expected_command = g_strdup_printf ("sudo kill %u", (guint) getpid ());
  g_assert_cmpstr (command, ==, expected_command);
  close (fd);
}

/* Two sockets on one port: a wildcard holder and a specific one, as when we
 * share 1701 with a distro xl2tpd; the specific address is found by on_address
 * also in its IPv4-mapped IPv6 form. */
static void
test_find_wildcard_and_specific (void)
{
  guint16 port = 0, again = 0;
  int wild = bind_udp (AF_INET, "0.0.0.0", 0, TRUE, &port);
  int specific = bind_udp (AF_INET, "127.0.0.1", port, TRUE, &again);
  g_autoptr (L2tpPortHolder) holder = NULL;
  g_autofree char *describe = NULL;
  g_auto (GStrv) parts = NULL;
  const L2tpPortSocket *w, *on;

  g_assert_cmpint (specific, >=, 0);
  g_assert_cmpuint (again, ==, port);
  holder = l2tp_port_holder_find (port, NULL);
  g_assert_cmpuint (holder->sockets->len, ==, 2);
  w = l2tp_port_holder_wildcard (holder);
  on = l2tp_port_holder_on_address (holder, "127.0.0.1");
  g_assert_nonnull (w);
  g_assert_nonnull (on);
  g_assert_cmpstr (w->address, ==, "0.0.0.0");
  g_assert_true (w->wildcard);
  g_assert_cmpuint (w->process->pid, ==, getpid ());
  g_assert_cmpuint (on->process->pid, ==, getpid ());
  g_assert_true (w != on);
  g_assert_cmpuint (w->inode, !=, on->inode);
  /* one sentence per socket, in the kernel's order */
  describe = l2tp_port_holder_describe (holder);
  parts = g_strsplit (describe, "; ", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_true (g_str_has_suffix (parts[0], " on 0.0.0.0")
                 || g_str_has_suffix (parts[1], " on 0.0.0.0"));
  g_assert_true (g_str_has_suffix (parts[0], " on 127.0.0.1")
                 || g_str_has_suffix (parts[1], " on 127.0.0.1"));
  close (wild);
  close (specific);
}

static void
test_find_ipv6 (void)
{
  guint16 port = 0, again = 0;
  int any = bind_udp (AF_INET6, "::", 0, TRUE, &port);
  int mapped;
  g_autoptr (L2tpPortHolder) holder = NULL;
  const L2tpPortSocket *on;

  if (any < 0)
    {
      g_test_skip ("no IPv6 here");
      return;
    }
  holder = l2tp_port_holder_find (port, NULL);
  g_assert_cmpuint (holder->sockets->len, ==, 1);
  g_assert_cmpstr (l2tp_port_holder_wildcard (holder)->address, ==, "::");
  g_clear_pointer (&holder, l2tp_port_holder_free);

  /* an IPv6 socket on ::ffff:127.0.0.1 blocks 127.0.0.1 */
  mapped = bind_udp (AF_INET6, "::ffff:127.0.0.1", port, TRUE, &again);
  g_assert_cmpint (mapped, >=, 0);
  holder = l2tp_port_holder_find (port, NULL);
  g_assert_cmpuint (holder->sockets->len, ==, 2);
  on = l2tp_port_holder_on_address (holder, "127.0.0.1");
  g_assert_nonnull (on);
  g_assert_cmpstr (on->address, ==, "::ffff:127.0.0.1");
  g_assert_true (l2tp_port_holder_on_address (holder, "::ffff:127.0.0.1") == on);
  close (mapped);
  close (any);
}

static void
test_find_free_port (void)
{
  guint16 port = 0;
  int fd = bind_udp (AF_INET, "127.0.0.1", 0, FALSE, &port);
  g_autoptr (L2tpPortHolder) holder = NULL;
  g_autofree char *hint = NULL;

  close (fd);
  holder = l2tp_port_holder_find (port, NULL);
  g_assert_true (l2tp_port_holder_is_free (holder));
  g_assert_null (l2tp_port_holder_describe (holder));
  g_assert_null (l2tp_port_holder_fix_command (holder));
  hint = l2tp_port_holder_fix_hint (holder);
  g_assert_null (hint);
}

static void
test_local_address (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *v4 = l2tp_local_address_for_gateway ("127.0.0.1", 1701, &error);
  g_autofree char *bad = NULL;
  g_autofree char *v6 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (v4, ==, "127.0.0.1");

  bad = l2tp_local_address_for_gateway ("vpn.example.com", 1701, &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  v6 = l2tp_local_address_for_gateway ("::1", 1701, &error);
  if (error && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    return; /* no IPv6 */
  g_assert_no_error (error);
  g_assert_cmpstr (v6, ==, "::1");
}

/* The kernel's rules that l2tp_port_can_share relies on, and its subtlety. */
static void
test_can_share (void)
{
  g_autoptr (GError) error = NULL;
  guint16 reuse_port = 0, plain_port = 0, same_port = 0, again = 0;
  int reuse_holder = bind_udp (AF_INET, "0.0.0.0", 0, TRUE, &reuse_port);
  int plain_holder = bind_udp (AF_INET, "0.0.0.0", 0, FALSE, &plain_port);
  int same_holder = bind_udp (AF_INET, "127.0.0.1", 0, TRUE, &same_port);

  /* a wildcard holder with SO_REUSEADDR: sharing works */
  g_assert_true (l2tp_port_can_share ("127.0.0.1", reuse_port, &error));
  g_assert_no_error (error);

  /* a holder without SO_REUSEADDR: refused */
  g_assert_false (l2tp_port_can_share ("127.0.0.1", plain_port, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_clear_error (&error);

  /* the subtlety: a holder on the SAME address with SO_REUSEADDR does not stop
   * the bind either; only the holder list tells (on_address) */
  g_assert_true (l2tp_port_can_share ("127.0.0.1", same_port, &error));
  g_assert_no_error (error);

  /* still bindable after the check: it closed its socket */
  close (bind_udp (AF_INET, "127.0.0.1", reuse_port, TRUE, &again));
  g_assert_cmpuint (again, ==, reuse_port);

  /* an address this host does not have (TEST-NET-3) */
  if (!l2tp_port_can_share ("203.0.113.77", reuse_port, &error))
    {
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "203.0.113.77"));
      g_clear_error (&error);
    }
  g_assert_false (l2tp_port_can_share ("not-an-address", 1701, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  close (reuse_holder);
  close (plain_holder);
  close (same_holder);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/port-holder/unit-from-cgroup", test_unit_from_cgroup);
  g_test_add_func ("/port-holder/cmdline-printable", test_cmdline_printable);
  g_test_add_func ("/port-holder/find-own-socket", test_find_own_socket);
  g_test_add_func ("/port-holder/find-wildcard-and-specific",
                   test_find_wildcard_and_specific);
  g_test_add_func ("/port-holder/find-ipv6", test_find_ipv6);
  g_test_add_func ("/port-holder/find-free-port", test_find_free_port);
  g_test_add_func ("/local-address/towards-gateway", test_local_address);
  g_test_add_func ("/local-address/can-share", test_can_share);
  return g_test_run ();
}
