/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A connection's settings on their way into the sanitizer: the refusal
 * Connect returns (names the key, in L2TP_FAILURE_ERROR), and the secrets
 * question NeedSecrets answers for settings the sanitizer refuses. */
#include <locale.h>
#include <string.h>

#include "src/common/failure-log.h"
#include "src/common/failure-record.h"
#include "src/service/connection-settings.h"
#include "src/service/need-secrets.h"

/* A VPN connection with "key=value" items in vpn.data and vpn.secrets. */
static NMConnection *
connection (const char *const *data, const char *const *secrets, const char *user_name)
{
  NMConnection *c = nm_simple_connection_new ();
  NMSettingVpn *vpn = NM_SETTING_VPN (nm_setting_vpn_new ());

  g_object_set (vpn, NM_SETTING_VPN_SERVICE_TYPE, "org.freedesktop.NetworkManager.l2tp",
                NM_SETTING_VPN_USER_NAME, user_name, NULL);
  for (guint i = 0; data && data[i]; i++)
    {
      g_auto (GStrv) kv = g_strsplit (data[i], "=", 2);
      nm_setting_vpn_add_data_item (vpn, kv[0], kv[1]);
    }
  for (guint i = 0; secrets && secrets[i]; i++)
    {
      g_auto (GStrv) kv = g_strsplit (secrets[i], "=", 2);
      nm_setting_vpn_add_secret (vpn, kv[0], kv[1]);
    }
  nm_connection_add_setting (c, NM_SETTING (vpn));
  return c;
}

static void
check_refused (const char *const *data, const char *user_name, const char *expected)
{
  g_autoptr (NMConnection) c = connection (data, NULL, user_name);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg = l2tp_connection_settings_config (c, &error);

  g_assert_null (cfg);
  g_assert_error (error, L2TP_FAILURE_ERROR, L2TP_FAILURE_BAD_SETTINGS);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_refused (void)
{
  g_autoptr (NMConnection) good = NULL;
  g_autoptr (NMConnection) none = nm_simple_connection_new ();
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *user = NULL;

  check_refused ((const char *[]){ "gateway=vpn.example.com", "mtu=99999", NULL }, NULL,
                 "Settings: mtu: 99999 is outside 576 to 1500. Correct this setting "
                 "of the connection.");
  check_refused ((const char *[]){ "gateway=vpn.example.com", "user=a\nb", NULL }, NULL,
                 "Settings: user: contains the control character 0x0a. Correct this "
                 "setting of the connection.");
  /* vpn.user-name is the user when vpn.data has none: the same rules */
  check_refused ((const char *[]){ "gateway=vpn.example.com", NULL }, "a\nb",
                 "Settings: user: contains the control character 0x0a. Correct this "
                 "setting of the connection.");
  check_refused ((const char *[]){ "gateway=vpn.example.com", "bogus-key=1", NULL }, NULL,
                 "Settings: bogus-key: unknown key in vpn.data. Correct this setting "
                 "of the connection.");

  cfg = l2tp_connection_settings_config (none, &error);
  g_assert_null (cfg);
  g_assert_error (error, L2TP_FAILURE_ERROR, L2TP_FAILURE_BAD_SETTINGS);
  g_assert_cmpstr (error->message, ==,
                   "Settings: the connection has no VPN setting. "
                   "Correct this setting of the connection.");
  g_clear_error (&error);

  good = connection ((const char *[]){ "gateway=vpn.example.com", "mtu=1400", NULL },
                     NULL, "someone");
  cfg = l2tp_connection_settings_config (good, &error);
  g_assert_no_error (error);
  user = l2tp_config_ppp_user (cfg);
  g_assert_cmpstr (user, ==, "someone");
}

/* NeedSecrets' answer for settings the sanitizer refuses. */
static void
check_need_partial (const char *const *data, const char *const *secrets,
                    const char *expected)
{
  g_autoptr (NMConnection) c = connection (data, secrets, NULL);
  g_autoptr (GHashTable) d = NULL;
  g_autoptr (GHashTable) s = NULL;

  g_assert_true (l2tp_connection_settings_tables (c, &d, &s));
  g_assert_cmpstr (l2tp_need_secret_partial (d, s), ==, expected);
}

static void
test_need_secret_partial (void)
{
  const char *gw = "gateway=vpn.example.com";

  /* a bad key elsewhere does not hide a missing secret, nor invent one */
  check_need_partial ((const char *[]){ gw, "mtu=99999", NULL }, NULL, "password");
  check_need_partial ((const char *[]){ gw, "user=a\nb", "ipsec-enabled=yes", NULL },
                      (const char *[]){ "password=p", NULL }, "ipsec-psk");
  check_need_partial ((const char *[]){ gw, "bogus-key=1", "ipsec-enabled=yes", NULL },
                      (const char *[]){ "password=p", "ipsec-psk=k", NULL }, NULL);
  /* no gateway (required) is not the secrets' question either */
  check_need_partial ((const char *[]){ "mtu=1", NULL },
                      (const char *[]){ "password=p", NULL }, NULL);
  /* the PSK in vpn.data counts, and makes IPsec on, as for a good connection */
  check_need_partial ((const char *[]){ gw, "mtu=99999", "ipsec-psk=k", NULL },
                      (const char *[]){ "password=p", NULL }, NULL);
  check_need_partial ((const char *[]){ gw, "mtu=99999", "password-flags=4", NULL }, NULL,
                      NULL);
  /* the aliases: KDE's certificate switch means no password */
  check_need_partial ((const char *[]){ gw, "mtu=99999", "use-cert=yes", NULL }, NULL,
                      NULL);
  check_need_partial ((const char *[]){ gw, "mtu=0", "user-auth-type=tls",
                                        "user-cert=/c.pem", "user-certpass-flags=1",
                                        NULL },
                      NULL, "user-certpass");
  /* a refused value of a key the answer reads counts as not set: here a
   * password with a newline is asked for again */
  check_need_partial ((const char *[]){ gw, NULL },
                      (const char *[]){ "password=a\nb", NULL }, "password");
  /* and a refused flags value is no flag at all */
  check_need_partial ((const char *[]){ gw, "password-flags=x", NULL }, NULL, "password");
}

static void
test_layer_journal_names (void)
{
  static const struct
  {
    L2tpFailure failure;
    const char *layer, *code;
  } cases[] = {
    { L2TP_FAILURE_BAD_SETTINGS, "preflight", "bad-settings" },
    { L2TP_FAILURE_PORT_BUSY, "preflight", "port-busy" },
    { L2TP_FAILURE_PSK_MISMATCH, "ike", "psk-mismatch" },
    { L2TP_FAILURE_KERNEL_NO_ESP, "esp", "kernel-no-esp" },
    { L2TP_FAILURE_L2TP_REFUSED, "l2tp", "l2tp-refused" },
    { L2TP_FAILURE_PPP_AUTH, "ppp", "ppp-auth" },
    { L2TP_FAILURE_NO_IP_CONFIG, "ip", "no-ip-config" },
    { L2TP_FAILURE_INTERNAL, NULL, "internal" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (l2tp_layer_journal_name (l2tp_failure_layer (cases[i].failure)),
                       ==, cases[i].layer);
      g_assert_cmpstr (l2tp_failure_code_name (cases[i].failure), ==, cases[i].code);
    }
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/connection-settings/refused", test_refused);
  g_test_add_func ("/connection-settings/need-secret-partial", test_need_secret_partial);
  g_test_add_func ("/connection-settings/layer-journal-names", test_layer_journal_names);
  return g_test_run ();
}
