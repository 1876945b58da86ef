/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The key table and sanitizing: what a connection may say, and how it is
 * refused when it says something else. */
#include <string.h>

#include "config.h"
#include "settings-table.h"
#include "value-check.h"

static GHashTable *
table_new (const char *first_key, ...)
{
  GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list ap;
  const char *k = first_key;

  va_start (ap, first_key);
  while (k)
    {
      const char *v = va_arg (ap, const char *);
      g_hash_table_insert (t, g_strdup (k), g_strdup (v));
      k = va_arg (ap, const char *);
    }
  va_end (ap);
  return t;
}

static L2tpConfig *
config_from (GHashTable *data, GHashTable *secrets, GError **error)
{
  L2tpConfig *cfg = l2tp_config_new (data, secrets, error);
  g_hash_table_unref (data);
  if (secrets)
    g_hash_table_unref (secrets);
  return cfg;
}

static void
assert_refused (GHashTable *data, GHashTable *secrets, const char *key_name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg = config_from (data, secrets, &error);

  if (cfg)
    g_error ("a bad '%s' was accepted", key_name);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, L2TP_CONFIG_ERROR, error->code));
  if (!g_str_has_prefix (error->message, key_name))
    g_error ("expected an error naming '%s', got '%s'", key_name, error->message);
}

static void
test_table_is_consistent (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < L2TP_KEY_COUNT; i++)
    {
      const L2tpKey *key = l2tp_key_get (i);
      L2tpKeyId found;

      g_assert_nonnull (key->name);
      g_assert_nonnull (key->doc);
      g_assert_true (g_hash_table_add (seen, (gpointer) key->name));
      g_assert_true (l2tp_key_lookup (key->name, &found) == key);
      g_assert_cmpuint (found, ==, i);
      if (key->type == L2TP_KEY_TYPE_ENUM)
        g_assert_nonnull (key->choices);
      if (key->type == L2TP_KEY_TYPE_UINT)
        g_assert_cmpuint (key->min, <=, key->max);
      if (l2tp_key_is_text (key))
        g_assert_cmpuint (key->max, >, 0);
      /* Secrets are never written into a daemon's configuration, except
       * the PSK into the IPsec secrets formats. */
      if (key->place == L2TP_IN_SECRETS)
        g_assert_cmpint (key->out, ==, L2TP_OUT_NONE);
      if (key->def)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *canon = l2tp_value_canonicalize (key, key->def, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (canon, ==, key->def);
        }
    }
  g_assert_null (l2tp_key_lookup ("no-such-key", NULL));
}

static void
test_minimal_connection (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg
      = config_from (table_new ("gateway", "VPN.Example.com", NULL), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (l2tp_config_get (cfg, L2TP_KEY_GATEWAY), ==, "vpn.example.com");
  g_assert_cmpuint (l2tp_config_get_uint (cfg, L2TP_KEY_MTU), ==, 1400);
  g_assert_false (l2tp_config_is_set (cfg, L2TP_KEY_MTU));
  g_assert_false (l2tp_config_ipsec_enabled (cfg));
  g_assert_false (l2tp_config_get_bool (cfg, L2TP_KEY_EPHEMERAL_PORT));
  g_assert_null (l2tp_config_ppp_user (cfg));
  g_assert_null (l2tp_config_psk (cfg));
  g_assert_cmpuint (l2tp_proposal_set_get_length (l2tp_config_ike (cfg)), >, 4);
}

/* The four things a phone asks for are enough. */
static void
test_four_fields (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg = config_from (
      table_new ("gateway", "203.0.113.7", "user", "gemfield", NULL),
      table_new ("password", "secret", "ipsec-psk", "office key", NULL), &error);
  g_autoptr (GBytes) psk = NULL;
  g_autofree char *user = NULL;

  g_assert_no_error (error);
  g_assert_true (l2tp_config_ipsec_enabled (cfg));
  psk = l2tp_config_psk (cfg);
  g_assert_cmpmem (g_bytes_get_data (psk, NULL), g_bytes_get_size (psk), "office key",
                   10);
  user = l2tp_config_ppp_user (cfg);
  g_assert_cmpstr (user, ==, "gemfield");
  g_assert_cmpstr (l2tp_config_get (cfg, L2TP_KEY_PASSWORD), ==, "secret");
}

/* Routes: DHCPINFORM on and no class route unless the connection says so;
 * an explicit value is kept, defaults included, and saved back as given. */
static void
test_route_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) plain
      = config_from (table_new ("gateway", "h", NULL), NULL, &error);
  g_autoptr (L2tpConfig) turned = config_from (
      table_new ("gateway", "h", "dhcp-inform", "no", "classful-route", "yes", NULL),
      NULL, &error);
  g_autoptr (GHashTable) saved = NULL;

  g_assert_no_error (error);
  g_assert_true (l2tp_config_get_bool (plain, L2TP_KEY_DHCP_INFORM));
  g_assert_false (l2tp_config_get_bool (plain, L2TP_KEY_CLASSFUL_ROUTE));
  g_assert_false (l2tp_config_is_set (plain, L2TP_KEY_DHCP_INFORM));
  g_assert_false (l2tp_config_is_set (plain, L2TP_KEY_CLASSFUL_ROUTE));
  g_assert_false (l2tp_config_get_bool (turned, L2TP_KEY_DHCP_INFORM));
  g_assert_true (l2tp_config_get_bool (turned, L2TP_KEY_CLASSFUL_ROUTE));

  saved = l2tp_config_dup_data (turned);
  g_assert_cmpstr (g_hash_table_lookup (saved, "dhcp-inform"), ==, "no");
  g_assert_cmpstr (g_hash_table_lookup (saved, "classful-route"), ==, "yes");

  /* Service-only: no daemon's configuration ever sees them. */
  g_assert_cmpint (l2tp_key_get (L2TP_KEY_DHCP_INFORM)->out, ==, L2TP_OUT_NONE);
  g_assert_cmpint (l2tp_key_get (L2TP_KEY_CLASSFUL_ROUTE)->out, ==, L2TP_OUT_NONE);
  g_assert_cmpint (l2tp_key_get (L2TP_KEY_DHCP_INFORM)->place, ==, L2TP_IN_DATA);
  g_assert_cmpint (l2tp_key_get (L2TP_KEY_CLASSFUL_ROUTE)->place, ==, L2TP_IN_DATA);

  /* Data keys: refused as secrets, with the key named. */
  assert_refused (table_new ("gateway", "h", NULL), table_new ("dhcp-inform", "no", NULL),
                  "dhcp-inform");
  assert_refused (table_new ("gateway", "h", NULL),
                  table_new ("classful-route", "yes", NULL), "classful-route");
}

static void
test_missing_gateway (void)
{
  assert_refused (table_new ("user", "bob", NULL), NULL, "gateway");
  assert_refused (table_new ("gateway", "", NULL), NULL, "gateway");
}

static void
test_unknown_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg = NULL;

  assert_refused (table_new ("gateway", "h", "frobnicate", "1", NULL), NULL,
                  "frobnicate");
  /* A data-only key is not accepted as a secret, and the reverse. */
  assert_refused (table_new ("gateway", "h", NULL), table_new ("mtu", "1400", NULL),
                  "mtu");
  assert_refused (table_new ("gateway", "h", "password", "x", NULL), NULL, "password");

  /* A hostile key name is shown escaped, never raw. */
  cfg = config_from (table_new ("gateway", "h", "x\nplugin /tmp/evil.so", "1", NULL),
                     NULL, &error);
  g_assert_null (cfg);
  g_assert_nonnull (strstr (error->message, "x\\x0aplugin"));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_bad_values (void)
{
  static const struct
  {
    const char *key, *value;
  } cases[] = {
    { "gateway", "vpn example.com" },
    { "gateway", "vpn.example.com;reboot" },
    { "gateway", "-"
                 "-" },
    { "gateway", "a..b" },
    { "mtu", "1400x" },
    { "mtu", "-1" },
    { "mtu", "575" },
    { "mtu", "1501" },
    { "mtu", "99999999999999999999" },
    { "mtu", " 1400" },
    { "ipsec-enabled", "true" },
    { "ipsec-enabled", "YES" },
    { "refuse-pap", "1" },
    { "dhcp-inform", "true" },
    { "dhcp-inform", "No" },
    { "dhcp-inform", "0" },
    { "classful-route", "on" },
    { "classful-route", "yes " },
    { "user-auth-type", "kerberos" },
    { "machine-auth-type", "password" },
    { "user-ca", "relative/ca.pem" },
    { "ipsec-ike", "aes128-shaa1-modp2048" },
    { "ipsec-esp", "aes128-sha1,,3des-sha1" },
    { "ipcp-peer-ip", "10.0.0.256" },
    { "ipcp-peer-ip", "10.0.0" },
    { "password-flags", "8" },
    { "ipsec-remote-id", " @vpn" },
    { "user", "bob\n" },
    { "domain", "CORP\r" },
    { "user", "bob\x7f" },
    { "user", "\xff\xfe" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GHashTable) data = table_new ("gateway", "vpn.example.com", NULL);
      g_hash_table_replace (data, g_strdup (cases[i].key), g_strdup (cases[i].value));
      assert_refused (g_steal_pointer (&data), NULL, cases[i].key);
    }
}

static void
test_long_values (void)
{
  g_autofree char *long_user = g_strnfill (65536, 'a');
  g_autofree char *just_fits = g_strnfill (256, 'a');
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg = NULL;

  assert_refused (table_new ("gateway", "h", "user", long_user, NULL), NULL, "user");
  cfg = config_from (table_new ("gateway", "h", "user", just_fits, NULL), NULL, &error);
  g_assert_no_error (error);
}

static void
test_psk_places_and_encodings (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) legacy = NULL;
  g_autoptr (L2tpConfig) both = NULL;
  g_autoptr (L2tpConfig) b64 = NULL;
  g_autoptr (GBytes) psk = NULL;
  g_autoptr (GHashTable) secrets = NULL;
  g_autoptr (GHashTable) data = NULL;

  /* Old profiles carry the PSK in vpn.data. */
  legacy = config_from (
      table_new ("gateway", "h", "ipsec-enabled", "yes", "ipsec-psk", "legacy", NULL),
      NULL, &error);
  g_assert_no_error (error);
  psk = l2tp_config_psk (legacy);
  g_assert_cmpmem (g_bytes_get_data (psk, NULL), g_bytes_get_size (psk), "legacy", 6);
  g_clear_pointer (&psk, g_bytes_unref);

  /* Saving moves it to the secrets. */
  data = l2tp_config_dup_data (legacy);
  secrets = l2tp_config_dup_secrets (legacy);
  g_assert_false (g_hash_table_contains (data, "ipsec-psk"));
  g_assert_cmpstr (g_hash_table_lookup (secrets, "ipsec-psk"), ==, "legacy");

  /* In both places the secret wins. */
  both = config_from (table_new ("gateway", "h", "ipsec-psk", "old", NULL),
                      table_new ("ipsec-psk", "new", NULL), &error);
  g_assert_no_error (error);
  psk = l2tp_config_psk (both);
  g_assert_cmpmem (g_bytes_get_data (psk, NULL), g_bytes_get_size (psk), "new", 3);
  g_clear_pointer (&psk, g_bytes_unref);

  /* "0s" + base64, as ipsec.secrets spells it: "a\"b c" */
  b64 = config_from (table_new ("gateway", "h", NULL),
                     table_new ("ipsec-psk", "0sYSJiIGM=", NULL), &error);
  g_assert_no_error (error);
  psk = l2tp_config_psk (b64);
  g_assert_cmpmem (g_bytes_get_data (psk, NULL), g_bytes_get_size (psk), "a\"b c", 5);

  assert_refused (table_new ("gateway", "h", NULL),
                  table_new ("ipsec-psk", "0s!!!", NULL), "ipsec-psk");
}

static void
test_ipsec_enabled_rules (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) off
      = config_from (table_new ("gateway", "h", "ipsec-enabled", "no", NULL),
                     table_new ("ipsec-psk", "k", NULL), &error);
  g_autoptr (L2tpConfig) on = config_from (
      table_new ("gateway", "h", "ipsec-enabled", "yes", NULL), NULL, &error);

  g_assert_no_error (error);
  g_assert_false (l2tp_config_ipsec_enabled (off));
  g_assert_true (l2tp_config_ipsec_enabled (on));
  assert_refused (table_new ("gateway", "h", "ipsec-enabled", "yes", "machine-auth-type",
                             "tls", NULL),
                  NULL, "machine-cert");
}

static void
test_old_names_map (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg = config_from (
      table_new ("gateway", "h", "ipsec-gateway-id", "@vpn.example.com", "use-cert",
                 "yes", "cert-pub", "/etc/ssl/me.pem", "cert-ca", "/etc/ssl/ca.pem",
                 "cert-key", "/etc/ssl/me.key", NULL),
      NULL, &error);
  g_autoptr (GHashTable) saved = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (l2tp_config_remote_id (cfg), ==, "@vpn.example.com");
  g_assert_true (l2tp_config_user_tls (cfg));
  g_assert_cmpstr (l2tp_config_get (cfg, L2TP_KEY_USER_CERT), ==, "/etc/ssl/me.pem");
  g_assert_cmpstr (l2tp_config_get (cfg, L2TP_KEY_USER_KEY), ==, "/etc/ssl/me.key");

  /* Saved back under the current names only. */
  saved = l2tp_config_dup_data (cfg);
  g_assert_cmpstr (g_hash_table_lookup (saved, "ipsec-remote-id"), ==,
                   "@vpn.example.com");
  g_assert_false (g_hash_table_contains (saved, "ipsec-gateway-id"));
  g_assert_false (g_hash_table_contains (saved, "cert-pub"));
  g_assert_cmpstr (g_hash_table_lookup (saved, "user-cert"), ==, "/etc/ssl/me.pem");
}

static void
test_domain_and_user (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg = config_from (
      table_new ("gateway", "h", "user", "alice", "domain", "CORP", NULL), NULL, &error);
  g_autofree char *user = l2tp_config_ppp_user (cfg);

  g_assert_cmpstr (user, ==, "CORP\\alice");
}

static void
test_pfs_off_strips_groups (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg
      = config_from (table_new ("gateway", "h", "ipsec-esp", "aes128-sha1-modp1024",
                                "ipsec-pfs", "no", NULL),
                     NULL, &error);
  g_autoptr (L2tpConfig) pfs = config_from (
      table_new ("gateway", "h", "ipsec-esp", "aes128-sha1-modp1024", NULL), NULL,
      &error);
  g_autofree char *esp = NULL;

  g_assert_no_error (error);
  g_assert_false (l2tp_proposal_set_has_dh (l2tp_config_esp (cfg)));
  g_assert_true (l2tp_proposal_set_has_dh (l2tp_config_esp (pfs)));
  esp = l2tp_proposal_set_to_strongswan (l2tp_config_esp (cfg));
  g_assert_cmpstr (esp, ==, "aes128-sha1");
  /* The user's spelling is what is saved back. */
  g_assert_cmpstr (l2tp_config_get (cfg, L2TP_KEY_IPSEC_ESP), ==, "aes128-sha1-modp1024");
}

static void
test_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) first = config_from (
      table_new ("gateway", "vpn.example.com", "user", "bob", "ipsec-enabled", "yes",
                 "ipsec-ike", "3des-sha1-modp1024!", "ipsec-pfs", "no", "mtu", "1300",
                 "refuse-pap", "yes", "name", "l2tp", "password-flags", "1", NULL),
      table_new ("password", "pw", "ipsec-psk", "k", NULL), &error);
  g_autoptr (GHashTable) data = l2tp_config_dup_data (first);
  g_autoptr (GHashTable) secrets = l2tp_config_dup_secrets (first);
  g_autoptr (L2tpConfig) second = l2tp_config_new (data, secrets, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < L2TP_KEY_COUNT; i++)
    g_assert_cmpstr (l2tp_config_get (first, i), ==, l2tp_config_get (second, i));
  g_assert_cmpuint (g_hash_table_size (data), ==, 8);
  g_assert_cmpuint (g_hash_table_size (secrets), ==, 2);
}

static void
test_check_value_each_type (void)
{
  static const struct
  {
    L2tpKeyId id;
    const char *value;
    gboolean ok;
  } cases[] = {
    { L2TP_KEY_GATEWAY, "192.0.2.1", TRUE },
    { L2TP_KEY_GATEWAY, "2001:db8::1", TRUE },
    { L2TP_KEY_GATEWAY, "2001:db8:::1", FALSE },
    { L2TP_KEY_GATEWAY, "vpn-1.example.com", TRUE },
    { L2TP_KEY_GATEWAY, "vpn.example.com.", FALSE },
    { L2TP_KEY_IPCP_PEER_IP, "10.1.2.3", TRUE },
    { L2TP_KEY_MTU, "1500", TRUE },
    { L2TP_KEY_LCP_ECHO_FAILURE, "0", TRUE },
    { L2TP_KEY_REFUSE_EAP, "no", TRUE },
    { L2TP_KEY_DHCP_INFORM, "no", TRUE },
    { L2TP_KEY_DHCP_INFORM, "yes", TRUE },
    { L2TP_KEY_DHCP_INFORM, "false", FALSE },
    { L2TP_KEY_CLASSFUL_ROUTE, "yes", TRUE },
    { L2TP_KEY_CLASSFUL_ROUTE, "Y", FALSE },
    { L2TP_KEY_USER_AUTH_TYPE, "tls", TRUE },
    { L2TP_KEY_MACHINE_KEY, "/home/me/key.pem", TRUE },
    { L2TP_KEY_IPSEC_REMOTE_ID, "C=CH, O=Example, CN=vpn", TRUE },
    { L2TP_KEY_IPSEC_IKE, "aes256-sha2_256;modp2048", TRUE },
    { L2TP_KEY_IPSEC_IKE, "aes256-sha256-modp2048 \n", FALSE },
    { L2TP_KEY_USER, "Zhang San 张三", TRUE },
    { L2TP_KEY_USER, "tab\there", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = l2tp_config_check_value (cases[i].id, cases[i].value, &error);
      if (ok != cases[i].ok)
        g_error ("%s=%s: expected %s (%s)", l2tp_key_get (cases[i].id)->name,
                 cases[i].value, cases[i].ok ? "accepted" : "refused",
                 error ? error->message : "");
      if (!ok)
        g_assert_true (
            g_str_has_prefix (error->message, l2tp_key_get (cases[i].id)->name));
    }
}

static char *
settings_doc_table (void)
{
  GString *s = g_string_new ("| key | in | type | default | meaning |\n"
                             "|---|---|---|---|---|\n");

  for (guint i = 0; i < L2TP_KEY_COUNT; i++)
    {
      const L2tpKey *key = l2tp_key_get (i);
      static const char *const type_names[] = {
        [L2TP_KEY_TYPE_STRING] = "text",
        [L2TP_KEY_TYPE_PSK] = "text or 0s+base64",
        [L2TP_KEY_TYPE_HOST] = "host",
        [L2TP_KEY_TYPE_IPV4] = "IPv4 address",
        [L2TP_KEY_TYPE_BOOL] = "yes/no",
        [L2TP_KEY_TYPE_UINT] = "number",
        [L2TP_KEY_TYPE_ENUM] = "choice",
        [L2TP_KEY_TYPE_PATH] = "file",
        [L2TP_KEY_TYPE_IKE_ID] = "IPsec ID",
        [L2TP_KEY_TYPE_IKE_PROPOSALS] = "IKE proposals",
        [L2TP_KEY_TYPE_ESP_PROPOSALS] = "ESP proposals",
        [L2TP_KEY_TYPE_SECRET_FLAGS] = "secret flags",
      };
      g_autofree char *type = NULL;
      const char *place = key->place == (L2TP_IN_DATA | L2TP_IN_SECRETS) ? "secrets, data"
                          : key->place == L2TP_IN_SECRETS                ? "secrets"
                                                                         : "data";

      if (key->type == L2TP_KEY_TYPE_UINT || key->type == L2TP_KEY_TYPE_SECRET_FLAGS)
        type = g_strdup_printf ("%s %u–%u", type_names[key->type], key->min, key->max);
      else if (key->type == L2TP_KEY_TYPE_ENUM)
        type = g_strjoinv (" / ", (char **) key->choices);
      else
        type = g_strdup (type_names[key->type]);

      g_string_append_printf (s, "| `%s` | %s | %s | %s | %s%s |\n", key->name, place,
                              type, key->def ? key->def : "",
                              key->required ? "Required. " : "", key->doc);
    }
  return g_string_free (s, FALSE);
}

/* docs/SETTINGS.md carries the table between two markers; it must say what
 * the code says. L2TP_UPDATE_DOCS=1 rewrites it. */
static void
test_settings_doc_in_step (void)
{
  static const char begin[] = "<!-- key table: begin -->\n";
  static const char end[] = "<!-- key table: end -->";
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "docs", "SETTINGS.md", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *expected = settings_doc_table ();
  g_autoptr (GError) error = NULL;
  const char *b, *e;
  g_autofree char *actual = NULL;

  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);
  b = strstr (doc, begin);
  e = b ? strstr (b, end) : NULL;
  g_assert_nonnull (b);
  g_assert_nonnull (e);
  b += strlen (begin);
  actual = g_strndup (b, e - b);

  if (g_strcmp0 (g_getenv ("L2TP_UPDATE_DOCS"), "1") == 0
      && strcmp (actual, expected) != 0)
    {
      g_autofree char *head = g_strndup (doc, b - doc);
      g_autofree char *updated = g_strconcat (head, expected, e, NULL);
      g_file_set_contents (path, updated, -1, &error);
      g_assert_no_error (error);
      return;
    }
  if (strcmp (actual, expected) != 0)
    g_error ("docs/SETTINGS.md is out of step with the key table; run the test with "
             "L2TP_UPDATE_DOCS=1. Expected:\n%s",
             expected);
}

/* Only the keys asked for, each on its own; nothing else refuses. */
static void
test_partial (void)
{
  static const L2tpKeyId keys[] = { L2TP_KEY_MTU, L2TP_KEY_USER, L2TP_KEY_IPSEC_PSK,
                                    L2TP_KEY_KDE_USE_CERT, L2TP_KEY_USER_AUTH_TYPE };
  g_autoptr (GHashTable) data
      = table_new ("mtu", "99999", "user", "u", "bogus-key", "x", "ipsec-psk", "legacy",
                   "use-cert", "yes", "mru", "1", NULL);
  g_autoptr (GHashTable) secrets = table_new ("ipsec-psk", "secret", NULL);
  g_autoptr (L2tpConfig) cfg
      = l2tp_config_new_partial (data, secrets, keys, G_N_ELEMENTS (keys));
  g_autoptr (L2tpConfig) none = l2tp_config_new_partial (NULL, NULL, NULL, 0);

  g_assert_nonnull (cfg);
  /* refused: not set, its default stands */
  g_assert_false (l2tp_config_is_set (cfg, L2TP_KEY_MTU));
  g_assert_cmpuint (l2tp_config_get_uint (cfg, L2TP_KEY_MTU), ==, 1400);
  g_assert_cmpstr (l2tp_config_get (cfg, L2TP_KEY_USER), ==, "u");
  /* the secret wins, as in l2tp_config_new() */
  g_assert_cmpstr (l2tp_config_get (cfg, L2TP_KEY_IPSEC_PSK), ==, "secret");
  /* not asked for: not looked at (a bad mru, no gateway) */
  g_assert_false (l2tp_config_is_set (cfg, L2TP_KEY_MRU));
  g_assert_false (l2tp_config_is_set (cfg, L2TP_KEY_GATEWAY));
  /* the aliases apply */
  g_assert_true (l2tp_config_user_tls (cfg));
  /* no proposals: never for connecting */
  g_assert_null (l2tp_config_ike (cfg));
  g_assert_null (l2tp_config_esp (cfg));

  g_assert_nonnull (none);
  g_assert_false (l2tp_config_ipsec_enabled (none));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/table-consistent", test_table_is_consistent);
  g_test_add_func ("/settings/minimal", test_minimal_connection);
  g_test_add_func ("/settings/four-fields", test_four_fields);
  g_test_add_func ("/settings/route-keys", test_route_keys);
  g_test_add_func ("/settings/missing-gateway", test_missing_gateway);
  g_test_add_func ("/settings/unknown-keys", test_unknown_keys);
  g_test_add_func ("/settings/bad-values", test_bad_values);
  g_test_add_func ("/settings/long-values", test_long_values);
  g_test_add_func ("/settings/psk", test_psk_places_and_encodings);
  g_test_add_func ("/settings/ipsec-enabled", test_ipsec_enabled_rules);
  g_test_add_func ("/settings/old-names", test_old_names_map);
  g_test_add_func ("/settings/domain-user", test_domain_and_user);
  g_test_add_func ("/settings/pfs-off", test_pfs_off_strips_groups);
  g_test_add_func ("/settings/round-trip", test_round_trip);
  g_test_add_func ("/settings/partial", test_partial);
  g_test_add_func ("/settings/check-value", test_check_value_each_type);
  g_test_add_func ("/settings/doc-in-step", test_settings_doc_in_step);

  return g_test_run ();
}
