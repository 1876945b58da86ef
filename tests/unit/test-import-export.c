/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Import and export through the libnm plugin: each format's fixtures give
 * exactly the expected keys, the keyfile format round-trips every key of the
 * table, and hostile files are refused with the line or key named. */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "export-keyfile.h"
#include "import-helpers.h"
#include "import-keyfile.h"
#include "import-mobileconfig.h"
#include "import-pbk.h"
#include "plugin.h"
#include "profile-connection.h"
#include "settings-table.h"

static void
test_keyfile_tplink (void)
{
  g_autoptr (NMConnection) connection = import_fixture ("tplink.conf");
  NMSettingIPConfig *s_ip4 = nm_connection_get_setting_ip4_config (connection);
  NMIPRoute *route;

  assert_import ("tplink.conf", "TP-Link Office",
                 "data: gateway=vpn.example.net, ipsec-enabled=yes, "
                 "ipsec-esp=3des-sha1, ipsec-forceencaps=yes, "
                 "ipsec-ike=3des-sha1-modp1024, lcp-echo-failure=5, "
                 "lcp-echo-interval=30, mru=1400, mtu=1400, no-vj-comp=yes, "
                 "nobsdcomp=yes, nodeflate=yes, refuse-chap=yes, refuse-eap=yes, "
                 "refuse-mschap=yes, refuse-pap=yes, require-mppe=yes, user=alice; "
                 "secrets: ipsec-psk=Tp-Link Shared Key!");
  g_assert_cmpstr (nm_setting_ip_config_get_method (s_ip4), ==, "auto");
  g_assert_cmpuint (nm_setting_ip_config_get_num_dns (s_ip4), ==, 2);
  g_assert_cmpstr (nm_setting_ip_config_get_dns (s_ip4, 1), ==, "8.8.8.8");
  g_assert_cmpstr (nm_setting_ip_config_get_dns_search (s_ip4, 0), ==,
                   "corp.example.net");
  g_assert_cmpuint (nm_setting_ip_config_get_num_routes (s_ip4), ==, 2);
  route = nm_setting_ip_config_get_route (s_ip4, 0);
  g_assert_cmpstr (nm_ip_route_get_dest (route), ==, "192.168.10.0");
  g_assert_cmpuint (nm_ip_route_get_prefix (route), ==, 24);
  g_assert_cmpstr (nm_ip_route_get_next_hop (route), ==, "192.168.0.1");
  g_assert_cmpint (nm_ip_route_get_metric (route), ==, 1);
  g_assert_cmpint (nm_ip_route_get_metric (nm_setting_ip_config_get_route (s_ip4, 1)), ==,
                   -1);
  g_assert_false (nm_setting_ip_config_get_ignore_auto_routes (s_ip4));
  g_assert_true (nm_setting_ip_config_get_ignore_auto_dns (s_ip4));
  g_assert_true (nm_setting_ip_config_get_never_default (s_ip4));
}

static void
test_keyfile_pfs_no (void)
{
  assert_import ("pfs-no.conf", "MikroTik no PFS",
                 "data: domain=CORP, gateway=203.0.113.7, ipsec-enabled=yes, "
                 "ipsec-esp=aes256-sha1,aes128-sha1!, "
                 "ipsec-ike=aes256-sha1-modp2048,aes128-sha1-modp1024!, "
                 "ipsec-ikelifetime=28800, ipsec-pfs=no, ipsec-psk-flags=0, "
                 "ipsec-remote-id=@vpn.example.org, ipsec-salifetime=1800, "
                 "password-flags=1, user=bob; secrets: ipsec-psk=mikrotik-secret");
}

static void
test_keyfile_psk_base64 (void)
{
  assert_import ("psk-base64.conf", "Base64 PSK",
                 "data: gateway=l2tp.example.com, ipsec-enabled=yes; "
                 "secrets: ipsec-psk=0sAAEC/3NlY3JldA==");
}

static void
test_round_trip_fixtures (void)
{
  const char *names[] = { "tplink.conf", "pfs-no.conf", "psk-base64.conf",
                          "two-entries.pbk", "l2tp.mobileconfig" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (NMConnection) connection = import_fixture (names[i]);
      assert_round_trip (connection);
    }
}

/* A value for every key that is not its default, and needs quoting care. */
static const char *
unusual_value (L2tpKeyId id, const L2tpKey *key)
{
  switch (key->type)
    {
    case L2TP_KEY_TYPE_STRING:
      return id == L2TP_KEY_PASSWORD ? "  two leading spaces; \\ # = [x]"
                                     : "Ünïcode; #1 = x";
    case L2TP_KEY_TYPE_PSK:
      return "p$k with ; and # and \\";
    case L2TP_KEY_TYPE_HOST:
      return "vpn.example.org";
    case L2TP_KEY_TYPE_IPV4:
      return "10.9.8.7";
    case L2TP_KEY_TYPE_BOOL:
      return g_strcmp0 (key->def, "yes") == 0 ? "no" : "yes";
    case L2TP_KEY_TYPE_UINT:
      return key->max >= 1400 ? "1280" : "7";
    case L2TP_KEY_TYPE_SECRET_FLAGS:
      return "2";
    case L2TP_KEY_TYPE_ENUM:
      return "tls";
    case L2TP_KEY_TYPE_PATH:
      return "/etc/l2tp certs/x;y.pem";
    case L2TP_KEY_TYPE_IKE_ID:
      return "CN=vpn, O=Example; Inc.";
    case L2TP_KEY_TYPE_IKE_PROPOSALS:
      return "aes256-sha2_256-modp2048,3des-sha1-modp1024!";
    case L2TP_KEY_TYPE_ESP_PROPOSALS:
      return "aes128gcm16,aes256-sha1!";
    }
  g_assert_not_reached ();
}

static void
test_round_trip_every_key (void)
{
  g_autoptr (L2tpProfile) profile = l2tp_profile_new ();
  g_autoptr (NMConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  guint n_keys = 0;

  profile->id = g_strdup ("Every key");
  for (guint i = 0; i < L2TP_KEY_COUNT; i++)
    {
      const L2tpKey *key = l2tp_key_get (i);
      if (key->deprecated)
        continue;
      l2tp_profile_set (profile, key->name, unusual_value (i, key));
      n_keys++;
    }
  profile->ip4.never_default = L2TP_YES;
  g_ptr_array_add (profile->ip4.dns_search, g_strdup ("a.example"));
  g_assert_true (l2tp_profile_sanitize (profile, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (profile->data)
                        + g_hash_table_size (profile->secrets),
                    ==, n_keys);
  connection = l2tp_profile_to_connection (profile, NULL, &error);
  g_assert_no_error (error);
  assert_round_trip (connection);
}

#define PFS_NO_IP                                                                        \
  "method=auto\nignore-auto-routes=false\nignore-auto-dns=false\n"                       \
  "dhcp-send-hostname=true\nnever-default=false\n"

static void
test_export_text (void)
{
  g_autoptr (NMConnection) connection = import_fixture ("pfs-no.conf");
  g_autoptr (L2tpProfile) profile = l2tp_profile_from_connection (connection, NULL);
  g_autofree char *text = l2tp_export_keyfile (profile, NULL);

  /* The old plugin's layout, and "no" written out so a "yes" default can't
   * take its place on import. */
  g_assert_true (g_str_has_prefix (text, "# org.freedesktop.NetworkManager.l2tp\n\n"
                                         "[connection]\nid=MikroTik no PFS\n\n[vpn]\n"
                                         "gateway=203.0.113.7\nuser=bob\n"));
  g_assert_nonnull (strstr (text, "\nipsec-pfs=false\n"));
  g_assert_nonnull (strstr (text, "\nipsec-psk=mikrotik-secret\n"));
  /* [ipv4] for NetworkManager-l2tp 1.52.2 and later, [ip4] for the older. */
  g_assert_nonnull (strstr (text, "\n\n[ipv4]\n" PFS_NO_IP "\n[ipv6]\nmethod=auto\n"));
  g_assert_true (g_str_has_suffix (text, "\n# [ipv4] again, for NetworkManager-l2tp "
                                         "before 1.52.2\n[ip4]\n" PFS_NO_IP));
}

static void
test_export_refused (void)
{
  g_autoptr (NMConnection) connection = import_fixture ("tplink.conf");
  g_autoptr (NMConnection) other = nm_simple_connection_new_clone (connection);
  g_autofree char *dir = g_dir_make_tmp ("l2tp-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.conf", NULL);
  g_autoptr (GError) error = NULL;

  nm_setting_vpn_add_data_item (nm_connection_get_setting_vpn (connection), "mtu",
                                "99999");
  g_assert_false (nm_vpn_editor_plugin_export (plugin_get (), path, connection, &error));
  g_assert_true (g_str_has_prefix (error->message, "mtu: "));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_object_set (nm_connection_get_setting_vpn (other), NM_SETTING_VPN_SERVICE_TYPE,
                "org.freedesktop.NetworkManager.openvpn", NULL);
  g_assert_false (nm_vpn_editor_plugin_export (plugin_get (), path, other, &error));
  g_assert_true (g_str_has_prefix (error->message, "vpn.service-type: "));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

static void
test_pbk (void)
{
  g_autofree char *path = fixture ("two-entries.pbk");
  g_autofree char *contents = NULL;
  g_autofree char *utf16 = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (NMConnection) connection = NULL;
  g_autoptr (NMConnection) from_utf16 = NULL;
  g_autofree char *vpn = NULL, *vpn16 = NULL;
  gsize len = 0, len16 = 0;
  /* IpPrioritizeRemote=0 without DisableClassBasedDefaultRoute=1: Windows
   * routes the class network of its address through the tunnel too. */
  const char *expected = "data: classful-route=yes, gateway=l2tp.example.com, "
                         "ipsec-enabled=yes; secrets: ";

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  connection = l2tp_import_buffer (contents, len, "x", &notes, NULL);
  g_assert_nonnull (connection);
  vpn = dump_vpn (connection);
  g_assert_cmpstr (vpn, ==, expected);
  g_assert_cmpstr (nm_connection_get_id (connection), ==, "Office L2TP");
  g_assert_true (nm_setting_ip_config_get_never_default (
      nm_connection_get_setting_ip4_config (connection)));
  g_assert_cmpstr (nm_setting_ip_config_get_dns_search (
                       nm_connection_get_setting_ip4_config (connection), 0),
                   ==, "corp.example.com");
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (notes->pdata[0], ==,
                   "Imported the entry \"Office L2TP\"; skipped: Office SSTP.");
  g_assert_nonnull (strstr (notes->pdata[1], "pre-shared key"));

  /* Windows may write the phone book as UTF-16LE with a byte order mark. */
  utf16 = g_convert (contents, len, "UTF-16LE", "UTF-8", NULL, &len16, NULL);
  utf16 = g_realloc (utf16, len16 + 2);
  memmove (utf16 + 2, utf16, len16);
  utf16[0] = (char) 0xff;
  utf16[1] = (char) 0xfe;
  from_utf16 = l2tp_import_buffer (utf16, len16 + 2, "x", NULL, NULL);
  g_assert_nonnull (from_utf16);
  vpn16 = dump_vpn (from_utf16);
  g_assert_cmpstr (vpn16, ==, expected);
}

/* The class route follows Windows: only without the default gateway through
 * the tunnel, and not when the phone book turns it off. */
static void
test_pbk_class_route (void)
{
  static const struct
  {
    const char *lines, *expected;
  } cases[] = {
    { "IpPrioritizeRemote=0\nDisableClassBasedDefaultRoute=0\n",
      "data: classful-route=yes, gateway=vpn.example, ipsec-enabled=yes; secrets: " },
    { "IpPrioritizeRemote=0\nDisableClassBasedDefaultRoute=1\n",
      "data: gateway=vpn.example, ipsec-enabled=yes; secrets: " },
    { "IpPrioritizeRemote=1\nDisableClassBasedDefaultRoute=0\n",
      "data: gateway=vpn.example, ipsec-enabled=yes; secrets: " },
    { "", "data: gateway=vpn.example, ipsec-enabled=yes; secrets: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pbk
          = g_strconcat ("[Office]\nType=2\nVpnStrategy=3\n", cases[i].lines,
                         "PhoneNumber=vpn.example\n", NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (NMConnection) connection
          = l2tp_import_buffer (pbk, strlen (pbk), "x", NULL, &error);
      g_autofree char *vpn = NULL;

      g_assert_no_error (error);
      vpn = dump_vpn (connection);
      g_assert_cmpstr (vpn, ==, cases[i].expected);
    }
}

/* The route keys survive export and import, defaults written out included
 * (a profile that says "yes" keeps saying it). */
static void
test_route_keys_round_trip (void)
{
  static const struct
  {
    const char *vpn, *expected, *exported;
  } cases[] = {
    { "dhcp-inform=false\nclassful-route=true\n",
      "data: classful-route=yes, dhcp-inform=no, gateway=a.example; secrets: ",
      "\ndhcp-inform=false\nclassful-route=true\n" },
    { "dhcp-inform=true\nclassful-route=false\n",
      "data: classful-route=no, dhcp-inform=yes, gateway=a.example; secrets: ",
      "\ndhcp-inform=true\nclassful-route=false\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = g_strconcat (
          "[connection]\nid=Routes\n[vpn]\ngateway=a.example\n", cases[i].vpn, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (NMConnection) connection
          = l2tp_import_buffer (file, strlen (file), "x", NULL, &error);
      g_autoptr (L2tpProfile) profile = NULL;
      g_autofree char *vpn = NULL, *text = NULL;

      g_assert_no_error (error);
      vpn = dump_vpn (connection);
      g_assert_cmpstr (vpn, ==, cases[i].expected);
      profile = l2tp_profile_from_connection (connection, NULL);
      text = l2tp_export_keyfile (profile, NULL);
      if (!strstr (text, cases[i].exported))
        g_error ("expected '%s' in the export:\n%s", cases[i].exported, text);
      assert_round_trip (connection);
    }
  REFUSED ("[vpn]\ngateway=a.example\ndhcp-inform=sometimes\n",
           "line 3: dhcp-inform: must be true or false");
  REFUSED ("[vpn]\ngateway=a.example\nclassful-route=2\n",
           "line 3: classful-route: must be true or false");
}

static void
test_pbk_refused (void)
{
  g_autofree char *path = fixture ("pptp-only.pbk");
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  REFUSED (contents, "line 4: [Branch PPTP] VpnStrategy=1: PPTP, not L2TP");
  REFUSED ("[A]\nType=1\nPhoneNumber=5551234\n", "line 2: [A] Type=1: not a VPN entry");
  REFUSED ("[A]\nType=2\nVpnStrategy=3\n", "line 1: [A] has no PhoneNumber");
  REFUSED ("[A]\nType=2\nVpnStrategy=3\nPhoneNumber=bad host;rm -rf\n",
           "line 4: [A] PhoneNumber: gateway: not a host name");
  REFUSED ("[A]\nType=2\nVpnStrategy=3\nthis line has no equals sign\n", "line 4: ");
  REFUSED ("Type=2\n[A]\n", "not an L2TP profile");
}

static void
test_mobileconfig (void)
{
  const char *expected = "data: gateway=vpn.corp.example.com, ipsec-enabled=yes, "
                         "ipsec-group-name=sales-group, user=carol; secrets: "
                         "ipsec-psk=Corporate PSK 2024, password=carol's password";
  const char *names[]
      = { "l2tp.mobileconfig", "l2tp-binary.mobileconfig", "l2tp-signed.mobileconfig" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (NMConnection) connection = import_fixture (names[i]);
      g_autofree char *vpn = dump_vpn (connection);

      g_assert_cmpstr (vpn, ==, expected);
      g_assert_cmpstr (nm_connection_get_id (connection), ==, "Corp L2TP");
      /* OverridePrimary=1: all traffic through the VPN. */
      g_assert_false (nm_setting_ip_config_get_never_default (
          nm_connection_get_setting_ip4_config (connection)));
    }
}

static void
test_mobileconfig_refused (void)
{
  g_autofree char *path = fixture ("ikev2.mobileconfig");
  g_autofree char *contents = NULL;
  const char *head = "<?xml version=\"1.0\"?><plist version=\"1.0\"><dict>"
                     "<key>PayloadContent</key><array><dict>"
                     "<key>PayloadType</key><string>com.apple.vpn.managed</string>"
                     "<key>VPNType</key><string>L2TP</string>";
  const char *tail = "</dict></array></dict></plist>";
  g_autofree char *no_server = g_strconcat (head, "<key>PPP</key><dict/>", tail, NULL);
  g_autofree char *cert = g_strconcat (
      head,
      "<key>PPP</key><dict><key>CommRemoteAddress</key><string>a.example</string></dict>"
      "<key>IPSec</key><dict><key>AuthenticationMethod</key><string>Certificate</string>"
      "</dict>",
      tail, NULL);
  g_autofree char *injected = g_strconcat (
      head,
      "<key>PPP</key><dict><key>CommRemoteAddress</key><string>a.example</string>"
      "<key>AuthName</key><string>eve&#10;plugin /tmp/evil.so</string></dict>",
      tail, NULL);
  g_autofree char *wrong_type = g_strconcat (
      head, "<key>PPP</key><dict><key>CommRemoteAddress</key><integer>7</integer></dict>",
      tail, NULL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  REFUSED (contents, "PayloadContent[1].VPNType: IKEv2, not L2TP");
  REFUSED (no_server, "PPP.CommRemoteAddress: missing");
  REFUSED (cert, "IPSec.AuthenticationMethod: only SharedSecret");
  REFUSED (injected, "PPP.AuthName: user: contains the control character 0x0a");
  REFUSED (wrong_type, "PPP.CommRemoteAddress: not a string");
  REFUSED ("<?xml version=\"1.0\"?><plist><array/></plist>", "not a valid property list");
  REFUSED ("bplist00\xff\xff\xff", "not a valid property list");
  REFUSED ("<?xml version=\"1.0\"?><plist version=\"1.0\"><dict>"
           "<key>EncryptedPayloadContent</key><data>AAAA</data></dict></plist>",
           "EncryptedPayloadContent: the profile is encrypted");
  /* CMS header, but the property list is not in there in one piece. */
  assert_refused ("\x30\x82\x01\x00\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02 <plist",
                  22, (const char *const[]){ "signed profile", NULL });
}

static void
test_keyfile_refused (void)
{
  REFUSED ("[connection]\nid=x\n[vpn]\ngateway=a.example\nfoo=1\n",
           "line 5: [vpn] foo: unknown key");
  REFUSED ("[vpn]\ngateway=a.example\n[ipv5]\nmethod=auto\n",
           "line 3: unknown group [ipv5]");
  REFUSED ("[vpn]\ngateway=a.example\ngateway=b.example\n",
           "line 3: [vpn] gateway: given twice");
  REFUSED ("[vpn]\ngateway=a.example\njunk\n", "line 3: neither a group");
  REFUSED ("[vpn]\ngateway=a.example\nmtu=99999\n",
           "line 3: mtu: 99999 is outside 576 to 1500");
  REFUSED ("[vpn]\ngateway=a.example\nrefuse-pap=maybe\n",
           "line 3: refuse-pap: must be true or false");
  REFUSED ("[vpn]\ngateway=a.example\nuser=eve\\nplugin /tmp/evil.so\n",
           "line 3: user: contains the control character 0x0a");
  REFUSED ("[vpn]\ngateway=a.example\nipsec-ike=aes999-sha1\n", "line 3: ipsec-ike");
  REFUSED ("[vpn]\nuser=alice\n", "gateway: required, but not set");
  REFUSED ("[vpn]\ngateway=a.example\n[ip4]\ndns=1.2.3.4;not-an-ip;\n",
           "line 4: [ip4] dns: not-an-ip: not an IPv4 address");
  REFUSED ("[vpn]\ngateway=a.example\n[ip4]\nroutes=10.0.0.0/8 via;\n",
           "line 4: [ip4] routes: 10.0.0.0/8 via: expected ADDRESS/PREFIX [via GATEWAY]");
  REFUSED ("[vpn]\ngateway=a.example\n[ip4]\nmethod=bogus\n",
           "line 4: [ip4] method: bogus: not one of auto, link-local, manual");
  REFUSED ("[connection]\nid=a\\tb\n[vpn]\ngateway=a.example\n",
           "line 2: [connection] id: contains the control character 0x09");
  assert_refused ("[vpn]\ngateway=a.example\nuser=a\0b\n", 33,
                  (const char *const[]){ "line 3: contains a NUL byte", NULL });
  REFUSED ("[vpn]\ngateway=a.example\nuser=\xff\xfe\n", "line 3: not valid UTF-8");
  REFUSED ("just some text\n", "not an L2TP profile");
  REFUSED ("[connection]\nid=x\nuuid=0b4b1b5e-1b0a-4a59-9d0b-3c9d4b1e2f01\n[vpn]\n",
           "line 3: [connection] uuid: this is a NetworkManager .nmconnection file");
}

static void
test_mobileconfig_psk_bytes (void)
{
  /* Bytes that are not text, and text that would read as "0s" + base64:
   * both kept exactly as "0s" + base64 of the bytes. */
  const char *secrets[][2] = { { "AAEC/3NlY3JldA==", "0sAAEC/3NlY3JldA==" },
                               { "MHNhYmM=", "0sMHNhYmM=" },
                               { "cGxhaW4gdGV4dA==", "plain text" } };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *xml = g_strdup_printf (
          "<?xml version=\"1.0\"?><plist version=\"1.0\"><dict>"
          "<key>PayloadContent</key><array><dict>"
          "<key>PayloadType</key><string>com.apple.vpn.managed</string>"
          "<key>VPNType</key><string>L2TP</string>"
          "<key>PPP</key><dict><key>CommRemoteAddress</key><string>a.example</string>"
          "</dict><key>IPSec</key><dict><key>SharedSecret</key><data>%s</data></dict>"
          "</dict></array></dict></plist>",
          secrets[i][0]);
      g_autoptr (GError) error = NULL;
      g_autoptr (NMConnection) connection
          = l2tp_import_buffer (xml, strlen (xml), "fallback name", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (nm_setting_vpn_get_secret (
                           nm_connection_get_setting_vpn (connection), "ipsec-psk"),
                       ==, secrets[i][1]);
      g_assert_cmpstr (nm_connection_get_id (connection), ==, "fallback name");
    }
}

static void
test_file_limits (void)
{
  g_autofree char *dir = g_dir_make_tmp ("l2tp-import-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.conf", NULL);
  g_autofree char *junk = g_malloc0 (L2TP_IMPORT_MAX_BYTES + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (NMConnection) c1 = NULL, c2 = NULL;

  memset (junk, '#', L2TP_IMPORT_MAX_BYTES);
  g_assert_true (g_file_set_contents (big, junk, L2TP_IMPORT_MAX_BYTES + 1, NULL));
  c1 = nm_vpn_editor_plugin_import (plugin_get (), big, &error);
  g_assert_null (c1);
  g_assert_nonnull (strstr (error->message, "not a regular file of at most"));
  g_clear_error (&error);
  c2 = nm_vpn_editor_plugin_import (plugin_get (), "/dev/zero", &error);
  g_assert_null (c2);
  g_assert_nonnull (strstr (error->message, "/dev/zero: not a regular file"));
  g_unlink (big);
  g_rmdir (dir);
}

/* Random bytes and mutated fixtures: never a crash, never a half result. */
static void
check_survives (const char *buffer, gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NMConnection) connection
      = l2tp_import_buffer (buffer, length, "x", NULL, &error);

  g_assert_true ((connection == NULL) != (error == NULL));
  if (connection)
    {
      NMSettingVpn *s_vpn = nm_connection_get_setting_vpn (connection);
      g_autoptr (GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (L2tpConfig) cfg = NULL;
      guint n = 0;
      const char **keys = nm_setting_vpn_get_data_keys (s_vpn, &n);

      for (guint i = 0; i < n; i++)
        g_hash_table_insert (data, (gpointer) keys[i],
                             (gpointer) nm_setting_vpn_get_data_item (s_vpn, keys[i]));
      g_free (keys);
      keys = nm_setting_vpn_get_secret_keys (s_vpn, &n);
      for (guint i = 0; i < n; i++)
        g_hash_table_insert (secrets, (gpointer) keys[i],
                             (gpointer) nm_setting_vpn_get_secret (s_vpn, keys[i]));
      g_free (keys);
      cfg = l2tp_config_new (data, secrets, &error);
      g_assert_no_error (error);
    }
}

static void
test_hostile_fuzz (void)
{
  const char *names[] = { "tplink.conf", "two-entries.pbk", "l2tp.mobileconfig",
                          "l2tp-binary.mobileconfig", "l2tp-signed.mobileconfig" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240501);
  guint rounds = g_test_slow () ? 20000 : 2000;

  for (guint r = 0; r < rounds; r++)
    {
      gsize len = (gsize) g_rand_int_range (rand, 0, 512);
      g_autofree char *buf = g_malloc (len + 1);
      for (gsize i = 0; i < len; i++)
        buf[i] = (char) g_rand_int_range (rand, 0, 256);
      buf[len] = '\0';
      check_survives (buf, len);
    }
  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autofree char *path = fixture (names[f]);
      g_autofree char *orig = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (path, &orig, &len, NULL));
      for (guint r = 0; r < rounds; r++)
        {
          g_autofree char *buf = g_memdup2 (orig, len);
          guint flips = (guint) g_rand_int_range (rand, 1, 8);
          gsize cut = (gsize) g_rand_int_range (rand, 1, (gint32) len + 1);

          for (guint i = 0; i < flips; i++)
            buf[g_rand_int_range (rand, 0, (gint32) len)]
                ^= (char) (1 << g_rand_int_range (rand, 0, 8));
          check_survives (buf, r % 3 == 0 ? cut : len);
        }
    }
}

static void
test_deep_plist (void)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?><plist version=\"1.0\">");

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "<array>");
  check_survives (xml->str, xml->len);
  g_string_free (xml, TRUE);
}

static void
test_plugin_object (void)
{
  NMVpnEditorPlugin *plugin = plugin_get ();
  g_autofree char *service = NULL;
  g_autoptr (NMConnection) connection = import_fixture ("tplink.conf");
  g_autofree char *suggested
      = nm_vpn_editor_plugin_get_suggested_filename (plugin, connection);
  g_autoptr (GError) error = NULL;
  NMVpnEditor *editor;

  g_object_get (plugin, NM_VPN_EDITOR_PLUGIN_SERVICE, &service, NULL);
  g_assert_cmpstr (service, ==, "org.freedesktop.NetworkManager.l2tp");
  g_assert_cmpint (nm_vpn_editor_plugin_get_capabilities (plugin), ==,
                   NM_VPN_EDITOR_PLUGIN_CAPABILITY_IMPORT
                       | NM_VPN_EDITOR_PLUGIN_CAPABILITY_EXPORT
                       | NM_VPN_EDITOR_PLUGIN_CAPABILITY_IPV6);
  g_assert_cmpstr (suggested, ==, "TP-Link Office.conf");

  /* No GTK in this process: a clear error, no crash. */
  editor = nm_vpn_editor_plugin_get_editor (plugin, connection, &error);
  g_assert_null (editor);
  g_assert_nonnull (strstr (error->message, "GTK 3 or 4"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/keyfile/tplink", test_keyfile_tplink);
  g_test_add_func ("/import/keyfile/pfs-no", test_keyfile_pfs_no);
  g_test_add_func ("/import/keyfile/psk-base64", test_keyfile_psk_base64);
  g_test_add_func ("/import/keyfile/refused", test_keyfile_refused);
  g_test_add_func ("/import/pbk/two-entries", test_pbk);
  g_test_add_func ("/import/pbk/class-route", test_pbk_class_route);
  g_test_add_func ("/import/pbk/refused", test_pbk_refused);
  g_test_add_func ("/import/mobileconfig/xml-binary-signed", test_mobileconfig);
  g_test_add_func ("/import/mobileconfig/refused", test_mobileconfig_refused);
  g_test_add_func ("/import/mobileconfig/psk-bytes", test_mobileconfig_psk_bytes);
  g_test_add_func ("/import/file-limits", test_file_limits);
  g_test_add_func ("/import/hostile/fuzz", test_hostile_fuzz);
  g_test_add_func ("/import/hostile/deep-plist", test_deep_plist);
  g_test_add_func ("/export/text", test_export_text);
  g_test_add_func ("/export/refused", test_export_refused);
  g_test_add_func ("/export/round-trip/fixtures", test_round_trip_fixtures);
  g_test_add_func ("/export/round-trip/every-key", test_round_trip_every_key);
  g_test_add_func ("/export/round-trip/route-keys", test_route_keys_round_trip);
  g_test_add_func ("/plugin/object", test_plugin_object);
  return g_test_run ();
}
