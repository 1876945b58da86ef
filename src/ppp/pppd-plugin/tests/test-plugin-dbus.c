/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The built nm-l2tp-ipsec-pppd-plugin.so, dlopen()ed into a fake pppd
 * (fake-pppd.c), talking over a real private dbus-daemon to a fake service
 * that exports the interface from src/ppp/l2tp-ppp-interface.xml.
 *
 *   test-plugin-dbus PLUGIN.so
 */
#include "fake-pppd.h" /* first: pppd's "bool" */

#include <arpa/inet.h>
#include <dlfcn.h>
#include <string.h>

#include "fake-service.h"

#define SERVICE_NAME   "org.freedesktop.NetworkManager.l2tp"
#define POP_TIMEOUT_MS 5000

static FakeService *service;
static const char *plugin_path;
static void *plugin;

static guint32
ip (const char *text)
{
  struct in_addr a;

  g_assert_cmpint (inet_pton (AF_INET, text, &a), ==, 1);
  return a.s_addr;
}

/* The next call the service saw: its method must be METHOD; returns params as text. */
static char *
pop_call (const char *method)
{
  g_autoptr (GVariant) call = fake_service_pop_call (service, POP_TIMEOUT_MS);
  g_autoptr (GVariant) params = NULL;
  const char *name;

  g_assert_nonnull (call);
  g_variant_get (call, "(&sv)", &name, &params);
  g_assert_cmpstr (name, ==, method);
  return g_variant_print (params, TRUE);
}

static void
assert_no_pending_call (void)
{
  g_autoptr (GVariant) call = fake_service_pop_call (service, 0);

  if (call)
    g_error ("unexpected call %s", g_variant_print (call, TRUE));
}

static int
set_bus_name (const char *value)
{
  option_t *opt = fake_pppd_options ();
  char *argv[] = { (char *) value, NULL };

  /* pppd's own dispatch for o_special options. */
  return ((int (*) (char **)) opt->addr) (argv);
}

static void
test_loaded (void)
{
  const char *version = dlsym (plugin, "pppd_version");
  option_t *opt = fake_pppd_options ();

  g_assert_cmpstr (version, ==, VERSION);
  g_assert_nonnull (opt);
  g_assert_cmpstr (opt[0].name, ==, "nm-l2tp-ipsec-bus-name");
  g_assert_cmpint (opt[0].type, ==, o_special);
  g_assert_cmphex (opt[0].flags & OPT_PRIV, ==, OPT_PRIV); /* only root's options files */
  g_assert_null (opt[1].name);

  g_assert_nonnull (pap_passwd_hook);
  g_assert_nonnull (chap_passwd_hook);
  g_assert_cmpint (pap_check_hook (), ==, 1);
  g_assert_cmpint (chap_check_hook (), ==, 1);
  g_assert_cmpuint (fake_pppd_notifier_count (phasechange), ==, 1);
  g_assert_cmpuint (fake_pppd_notifier_count (exitnotify), ==, 1);
  g_assert_cmpuint (fake_pppd_notifier_count (ip_up_notifier), ==, 1);
  g_assert_cmpuint (fake_pppd_notifier_count (ipv6_up_notifier), ==, 1);
  g_assert_true (fake_pppd_log_contains ("info: nm-l2tp-ipsec: plugin initialized"));
}

/* Before the option is given (must run first): fail cleanly, call nobody. */
static void
test_without_bus_name (void)
{
  char user[MAXNAMELEN] = "alice";
  char passwd[MAXSECRETLEN] = "";

  fake_pppd_log_clear ();
  g_assert_cmpint (pap_passwd_hook (user, passwd), ==, 0);
  g_assert_cmpint (chap_passwd_hook (user, passwd), ==, -1);
  g_assert_cmpstr (passwd, ==, "");
  g_assert_true (fake_pppd_log_contains ("option nm-l2tp-ipsec-bus-name was not given"));
  g_assert_cmpuint (fake_service_count_calls (service, "NeedSecrets"), ==, 0);
}

static void
test_bus_name_option (void)
{
  static const char *const bad[] = {
    "",
    "bad..name",
    "1org.example",
    "org",
    "org.example.",
    "org..example",
    "org/example.x",
    ":",
    "org.exa mple",
    "org.example\n.x",
  };
  g_autofree char *too_long = g_strnfill (256, 'a');
  gsize i;

  too_long[3] = '.';
  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      fake_pppd_log_clear ();
      g_assert_cmpint (set_bus_name (bad[i]), ==, 0);
      g_assert_true (fake_pppd_log_contains ("option_error: nm-l2tp-ipsec-bus-name: '"));
      g_assert_true (fake_pppd_log_contains ("' is not a valid D-Bus name"));
    }
  g_assert_cmpint (set_bus_name (too_long), ==, 0);

  g_assert_cmpint (set_bus_name (":1.42"), ==, 1);
  g_assert_cmpint (set_bus_name ("org.freedesktop.NetworkManager.l2tp.Connection_3"), ==,
                   1);
  /* The last one given wins, as for any pppd option. */
  g_assert_cmpint (set_bus_name (SERVICE_NAME), ==, 1);
}

static void
test_secrets_probe (void)
{
  char user[MAXNAMELEN] = "alice";

  /* auth_reset() asks "will there be a password?" with passwd == NULL. */
  g_assert_cmpint (pap_passwd_hook (user, NULL), ==, 1);
  g_assert_cmpint (chap_passwd_hook (user, NULL), ==, 1);
  g_assert_cmpuint (fake_service_count_calls (service, "NeedSecrets"), ==, 0);
  g_assert_cmpstr (user, ==, "alice");
}

static void
check_secrets_hook (int (*hook) (char *, char *))
{
  char user[MAXNAMELEN] = "from-options";
  char passwd[MAXSECRETLEN] = "";
  g_autofree char *params = NULL;

  fake_pppd_log_clear ();
  fake_service_set_secrets (service, "CORP\\alice", "s3cret pass\"word");
  g_assert_cmpint (hook (user, passwd), ==, 1);
  g_assert_cmpstr (user, ==, "CORP\\alice");
  g_assert_cmpstr (passwd, ==, "s3cret pass\"word");
  params = pop_call ("NeedSecrets");
  g_assert_cmpstr (params, ==, "()");
  g_assert_false (fake_pppd_log_contains ("s3cret"));

  /* An empty user name from the service keeps pppd's "user" option. */
  strcpy (user, "from-options");
  memset (passwd, 0, sizeof passwd);
  fake_service_set_secrets (service, "", "pw2");
  g_assert_cmpint (hook (user, passwd), ==, 1);
  g_assert_cmpstr (user, ==, "from-options");
  g_assert_cmpstr (passwd, ==, "pw2");
  g_free (pop_call ("NeedSecrets"));
}

static void
test_secrets_pap (void)
{
  check_secrets_hook (pap_passwd_hook);
}

static void
test_secrets_chap (void)
{
  check_secrets_hook (chap_passwd_hook);
}

/* pppd's buffers hold MAXSECRETLEN - 1 bytes: that fits, one more is refused. */
static void
test_secrets_limits (void)
{
  char user[MAXNAMELEN] = "alice";
  char passwd[MAXSECRETLEN] = "";
  g_autofree char *longest = g_strnfill (MAXSECRETLEN - 1, 'p');
  g_autofree char *too_long = g_strnfill (MAXSECRETLEN, 'q');
  g_autofree char *long_user = g_strnfill (MAXNAMELEN, 'u');

  fake_service_set_secrets (service, NULL, longest);
  g_assert_cmpint (pap_passwd_hook (user, passwd), ==, 1);
  g_assert_cmpstr (passwd, ==, longest);
  g_free (pop_call ("NeedSecrets"));

  memset (passwd, 0, sizeof passwd);
  fake_pppd_log_clear ();
  fake_service_set_secrets (service, NULL, too_long);
  g_assert_cmpint (pap_passwd_hook (user, passwd), ==, 0);
  g_assert_cmpint (chap_passwd_hook (user, passwd), ==, -1);
  g_assert_cmpstr (passwd, ==, "");
  g_assert_true (fake_pppd_log_contains (
      "error: nm-l2tp-ipsec: could not get the password: NeedSecrets: the password is "
      "longer than pppd's limit of 255 bytes"));
  g_assert_false (fake_pppd_log_contains ("qqqq"));
  g_free (pop_call ("NeedSecrets"));
  g_free (pop_call ("NeedSecrets"));

  fake_service_set_secrets (service, long_user, "pw");
  g_assert_cmpint (pap_passwd_hook (user, passwd), ==, 0);
  g_assert_cmpstr (user, ==, "alice");
  g_assert_cmpstr (passwd, ==, "");
  g_assert_true (
      fake_pppd_log_contains ("the user name is longer than pppd's limit of 255"));
  g_free (pop_call ("NeedSecrets"));

  fake_service_set_secrets (service, "alice", "");
  g_assert_cmpint (pap_passwd_hook (user, passwd), ==, 0);
  g_assert_true (fake_pppd_log_contains ("the service sent no password"));
  g_free (pop_call ("NeedSecrets"));
}

static void
test_secrets_service_error (void)
{
  char user[MAXNAMELEN] = "alice";
  char passwd[MAXSECRETLEN] = "";

  fake_pppd_log_clear ();
  fake_service_set_secrets (service, NULL, NULL);
  g_assert_cmpint (pap_passwd_hook (user, passwd), ==, 0);
  g_assert_cmpint (chap_passwd_hook (user, passwd), ==, -1);
  g_assert_cmpstr (passwd, ==, "");
  g_assert_true (fake_pppd_log_contains ("no password stored for this test"));
  g_free (pop_call ("NeedSecrets"));
  g_free (pop_call ("NeedSecrets"));
}

static void
test_phase_changes (void)
{
  static const int phases[]
      = { PHASE_SERIALCONN, PHASE_ESTABLISH, PHASE_AUTHENTICATE, PHASE_NETWORK,
          PHASE_RUNNING,    PHASE_TERMINATE, PHASE_DISCONNECT,   PHASE_DEAD };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (phases); i++)
    fake_pppd_notify (phasechange, phases[i]);
  for (i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      g_autofree char *params = pop_call ("SetState");
      g_autofree char *expected = g_strdup_printf ("(uint32 %d,)", phases[i]);

      g_assert_cmpstr (params, ==, expected);
    }
  assert_no_pending_call ();
}

static void
test_ip4_config (void)
{
  g_autofree char *params = NULL;
  g_autofree char *expected = NULL;

  memset (&ipcp_gotoptions[0], 0, sizeof ipcp_gotoptions[0]);
  memset (&ipcp_hisoptions[0], 0, sizeof ipcp_hisoptions[0]);
  ipcp_gotoptions[0].ouraddr = ip ("192.0.2.10");
  ipcp_gotoptions[0].hisaddr = ip ("192.0.2.99"); /* ignored: the peer told us */
  ipcp_hisoptions[0].hisaddr = ip ("192.0.2.1");
  ipcp_gotoptions[0].dnsaddr[0] = ip ("198.51.100.53");
  ipcp_gotoptions[0].dnsaddr[1] = ip ("198.51.100.54");
  ipcp_gotoptions[0].winsaddr[1] = ip ("198.51.100.137"); /* [0] not negotiated */
  strcpy (ifname, "ppp7");
  ifunit = 7;
  fake_pppd_mtu = 1400;

  fake_pppd_notify (ip_up_notifier, 0);
  params = pop_call ("SetIp4Config");
  expected = g_strdup_printf (
      "({'address': <uint32 %u>, 'peer': <uint32 %u>, 'prefix': <uint32 32>, "
      "'dns': <[uint32 %u, %u]>, 'nbns': <[uint32 %u]>, 'mtu': <uint32 1400>, "
      "'tundev': <'ppp7'>},)",
      ip ("192.0.2.10"), ip ("192.0.2.1"), ip ("198.51.100.53"), ip ("198.51.100.54"),
      ip ("198.51.100.137"));
  g_assert_cmpstr (params, ==, expected);
}

/* No DNS/WINS negotiated, MTU unknown, peer silent about its address. */
static void
test_ip4_config_minimal (void)
{
  g_autofree char *params = NULL;
  g_autofree char *expected = NULL;

  memset (&ipcp_gotoptions[0], 0, sizeof ipcp_gotoptions[0]);
  memset (&ipcp_hisoptions[0], 0, sizeof ipcp_hisoptions[0]);
  ipcp_gotoptions[0].ouraddr = ip ("10.8.0.2");
  ipcp_gotoptions[0].hisaddr = ip ("10.8.0.1");
  strcpy (ifname, "ppp0");
  fake_pppd_mtu = -1;

  fake_pppd_notify (ip_up_notifier, 0);
  params = pop_call ("SetIp4Config");
  expected = g_strdup_printf ("({'address': <uint32 %u>, 'peer': <uint32 %u>, "
                              "'prefix': <uint32 32>, 'tundev': <'ppp0'>},)",
                              ip ("10.8.0.2"), ip ("10.8.0.1"));
  g_assert_cmpstr (params, ==, expected);
}

static void
test_ip6_config (void)
{
  static const guint8 ours[8] = { 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 };
  static const guint8 theirs[8] = { 0x0a, 0x00, 0x27, 0xff, 0xfe, 0x00, 0x00, 0x01 };
  g_autoptr (GVariant) call = NULL;
  g_autoptr (GVariant) params = NULL;
  g_autoptr (GVariant) config = NULL;
  guint64 iid = 0, peer_iid = 0;
  const char *tundev = NULL;
  guint8 bytes[8];

  memcpy (ipv6cp_gotoptions[0].ourid.e8, ours, 8);
  memcpy (ipv6cp_hisoptions[0].hisid.e8, theirs, 8);
  strcpy (ifname, "ppp3");

  fake_pppd_notify (ipv6_up_notifier, 0);
  call = fake_service_pop_call (service, POP_TIMEOUT_MS);
  g_assert_nonnull (call);
  g_variant_get (call, "(&sv)", NULL, &params);
  g_assert_cmpstr (g_variant_get_type_string (params), ==, "(a{sv})");
  config = g_variant_get_child_value (params, 0);
  g_assert_cmpuint (g_variant_n_children (config), ==, 3);
  g_assert_true (g_variant_lookup (config, "iid", "t", &iid));
  g_assert_true (g_variant_lookup (config, "peer-iid", "t", &peer_iid));
  g_assert_true (g_variant_lookup (config, "tundev", "&s", &tundev));
  /* The documented convention: the guint64 holds the identifier's bytes in wire order. */
  memcpy (bytes, &iid, 8);
  g_assert_cmpmem (bytes, 8, ours, 8);
  memcpy (bytes, &peer_iid, 8);
  g_assert_cmpmem (bytes, 8, theirs, 8);
  g_assert_cmpstr (tundev, ==, "ppp3");
}

/* pppd's die(): exitnotify carries the status; reported once. */
static void
test_exit_status (void)
{
  g_autofree char *params = NULL;

  fake_pppd_notify (exitnotify, EXIT_AUTH_TOPEER_FAILED);
  params = pop_call ("SetExitStatus");
  g_assert_cmpstr (
      params, ==,
      "(uint32 19, 'authentication to the peer failed (user name or password "
      "refused)')");
  fake_pppd_notify (exitnotify, EXIT_AUTH_TOPEER_FAILED);
  g_assert_cmpuint (fake_service_count_calls (service, "SetExitStatus"), ==, 1);
  assert_no_pending_call ();
}

static void
test_ip_down (void)
{
  g_autofree char *params = NULL;

  g_assert_cmpuint (fake_pppd_notifier_count (ip_down_notifier), ==, 1);
  fake_pppd_notify (ip_down_notifier, 0);
  params = pop_call ("IpDown");
  g_assert_cmpstr (params, ==, "()");
  assert_no_pending_call ();
}

/* A received frame as pppd hands it to snoop_recv_hook. */
static void
receive_frame (const guint8 *frame, gsize len)
{
  g_autofree guint8 *copy = g_memdup2 (frame, len);

  g_assert_nonnull (snoop_recv_hook);
  snoop_recv_hook (copy, (int) len);
}

static void
test_peer_mppe_request (void)
{
  /* CCP Configure-Request id 1: MPPE (18) stateless 128-bit. */
  static const guint8 ccp[] = { 0xff, 0x03, 0x80, 0xfd, 0x01, 0x01, 0x00,
                                0x0a, 0x12, 0x06, 0x01, 0x00, 0x00, 0x40 };
  /* LCP Echo-Request: nothing to report. */
  static const guint8 echo[]
      = { 0xff, 0x03, 0xc0, 0x21, 0x09, 0x00, 0x00, 0x08, 0x2f, 0x44, 0x95, 0x05 };
  g_autofree char *params = NULL;

  receive_frame (echo, sizeof (echo));
  receive_frame (ccp, sizeof (ccp));
  params = pop_call ("PeerRequestsMppe");
  g_assert_cmpstr (params, ==, "()");
  /* The server retransmits its request: still one call. */
  receive_frame (ccp, sizeof (ccp));
  g_assert_cmpuint (fake_service_count_calls (service, "PeerRequestsMppe"), ==, 1);
  assert_no_pending_call ();
  g_assert_true (fake_pppd_log_contains ("the server asks for MPPE encryption"));
}

static void
test_peer_terminated (void)
{
  /* LCP Terminate-Request with a newline and a tab in the server's text. */
  static const guint8 term[]
      = { 0xff, 0x03, 0xc0, 0x21, 0x05, 0x02, 0x00, 0x0f, 'M', 'P',
          'P',  'E',  '\n', 'n',  'o',  '\t', 'w',  'a',  'y', 'x' };
  g_autofree char *params = NULL;

  receive_frame (term, sizeof (term));
  params = pop_call ("PeerTerminated");
  /* The length field (15) ends the text before the trailing "x". */
  /* Controls escaped (shared/text-clean.h); GVariant text doubles '\\'. */
  g_assert_cmpstr (params, ==, "('MPPE\\\\x0ano\\\\x09way',)");
  receive_frame (term, sizeof (term));
  g_assert_cmpuint (fake_service_count_calls (service, "PeerTerminated"), ==, 1);
  assert_no_pending_call ();
}

/* Every method of the XML was called and accepted with the XML's signature. */
static void
test_interface_covered (void)
{
  static const char *const methods[]
      = { "NeedSecrets",   "SetState",         "SetIp4Config",   "SetIp6Config",
          "SetExitStatus", "PeerRequestsMppe", "PeerTerminated", "IpDown" };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (methods); i++)
    g_assert_cmpuint (fake_service_count_calls (service, methods[i]), >, 0);
  g_assert_false (fake_pppd_log_contains ("error: nm-l2tp-ipsec: could not report"));
  g_assert_false (fake_pppd_log_contains ("error: nm-l2tp-ipsec: could not send"));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  void (*plugin_init) (void);
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    g_error ("usage: %s PLUGIN.so", argv[0]);
  plugin_path = argv[1];

  service = fake_service_start (SERVICE_NAME, &error);
  g_assert_no_error (error);

  /* RTLD_NOW: every pppd symbol the plugin needs must resolve in this program. */
  plugin = dlopen (plugin_path, RTLD_NOW | RTLD_LOCAL);
  if (!plugin)
    g_error ("dlopen: %s", dlerror ());
  plugin_init = (void (*) (void)) dlsym (plugin, "plugin_init");
  g_assert_nonnull (plugin_init);
  plugin_init ();

  g_test_add_func ("/pppd-plugin/loaded", test_loaded);
  g_test_add_func ("/pppd-plugin/without-bus-name", test_without_bus_name);
  g_test_add_func ("/pppd-plugin/bus-name-option", test_bus_name_option);
  g_test_add_func ("/pppd-plugin/secrets-probe", test_secrets_probe);
  g_test_add_func ("/pppd-plugin/secrets-pap", test_secrets_pap);
  g_test_add_func ("/pppd-plugin/secrets-chap", test_secrets_chap);
  g_test_add_func ("/pppd-plugin/secrets-limits", test_secrets_limits);
  g_test_add_func ("/pppd-plugin/secrets-service-error", test_secrets_service_error);
  g_test_add_func ("/pppd-plugin/phase-changes", test_phase_changes);
  g_test_add_func ("/pppd-plugin/ip4-config", test_ip4_config);
  g_test_add_func ("/pppd-plugin/ip4-config-minimal", test_ip4_config_minimal);
  g_test_add_func ("/pppd-plugin/ip6-config", test_ip6_config);
  g_test_add_func ("/pppd-plugin/exit-status", test_exit_status);
  g_test_add_func ("/pppd-plugin/ip-down", test_ip_down);
  g_test_add_func ("/pppd-plugin/peer-mppe-request", test_peer_mppe_request);
  g_test_add_func ("/pppd-plugin/peer-terminated", test_peer_terminated);
  g_test_add_func ("/pppd-plugin/interface-covered", test_interface_covered);

  ret = g_test_run ();
  fake_service_stop (service);
  return ret;
}
