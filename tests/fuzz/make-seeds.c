/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writes the seed corpora and dictionaries of the fuzz targets from the unit
 * tests' own inputs, so the seeds follow the code:
 *
 *   make-seeds SOURCE_ROOT OUT_DIR
 *
 * OUT_DIR/<target>/ gets the seeds, OUT_DIR/<target>.dict the dictionary.
 * tests/fuzz/corpus holds the committed result (see tests/fuzz/README.md). */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dhcp-inform.h"
#include "dhcp-packets.h"
#include "export-keyfile.h"
#include "hex-bytes.h"
#include "pluto-lines.h"
#include "render-readers.h"
#include "render-swanctl.h"

static const char *out_dir;

static void
die (const char *what, const GError *error)
{
  fprintf (stderr, "make-seeds: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static void
write_seed (const char *target, const char *name, const void *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (out_dir, target, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    die (dir, NULL);
  if (!g_file_set_contents (path, data, (gssize) len, &error))
    die (path, error);
}

/* A libFuzzer dictionary line: it knows \\, \" and \xNN only. */
static void
append_dict_word (GString *text, const char *word)
{
  g_string_append_c (text, '"');
  for (const guchar *p = (const guchar *) word; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (text, "\\%c", *p);
      else if (*p < 0x20 || *p > 0x7e)
        g_string_append_printf (text, "\\x%02x", *p);
      else
        g_string_append_c (text, (char) *p);
    }
  g_string_append (text, "\"\n");
}

static void
write_dict (const char *target, const char *const *words)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    append_dict_word (text, words[i]);
  {
    g_autofree char *name = g_strconcat (target, ".dict", NULL);
    g_autofree char *path = g_build_filename (out_dir, name, NULL);
    g_autoptr (GError) error = NULL;

    if (!g_file_set_contents (path, text->str, (gssize) text->len, &error))
      die (path, error);
  }
}

/* A dictionary already in libFuzzer's syntax. */
static void
write_dict_raw (const char *target, const char *text)
{
  g_autofree char *name = g_strconcat (target, ".dict", NULL);
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  if (!g_file_set_contents (path, text, -1, &error))
    die (path, error);
}

static GPtrArray *
list_dir (const char *dir, const char *suffix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!d)
    die (dir, NULL);
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_ascii_strcasecmp);
  return names;
}

/* ---- proposals ------------------------------------------------------------- */

static void
proposal_seed (guint8 kind, const char *name, const char *text)
{
  g_autoptr (GByteArray) seed = g_byte_array_new ();

  g_byte_array_append (seed, &kind, 1);
  g_byte_array_append (seed, (const guint8 *) text, (guint) strlen (text));
  write_seed ("proposals", name, seed->data, seed->len);
}

static void
proposal_seeds (GPtrArray *profiles, GPtrArray *names)
{
  static const char *const ike[] = {
    "aes128-sha1-modp2048",
    "3des-sha1-modp1024!",
    "aes256-sha2_256;modp2048",
    "aes128gcm16-prfsha256-ecp256",
    "aes_gcm256-sha2_512;dh20",
    "aes128-aes256-sha1-sha256-modp2048-modp1024",
    " AES256 - SHA384 - ECP_384 , 3des-md5-modp768 ! ",
    "aes192-sha512-curve25519,aes-sha-x25519",
    "des-sha1-modp1024",
    "aes128-sha1",
  };
  static const char *const esp[] = {
    "aes128-sha1",
    "3des-sha1!",
    "aes256-sha2_256;modp2048",
    "aes128gcm16,aes256-sha1-modp1024",
    "aes_gcm128-null",
    "aes256gcm128-ecp521",
    "aes128-sha1-modp1024,aes256-sha256-modp2048",
    "aes128-md5;dh14-dh2",
    "aes128-sha1,,3des-sha1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ike); i++)
    {
      g_autofree char *name = g_strdup_printf ("ike-%02u", i);
      proposal_seed (0, name, ike[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (esp); i++)
    {
      g_autofree char *name = g_strdup_printf ("esp-%02u", i);
      proposal_seed (1, name, esp[i]);
    }
  for (guint i = 0; i < profiles->len; i++)
    {
      TestProfile *p = profiles->pdata[i];
      const char *v;

      if ((v = g_hash_table_lookup (p->data, "ipsec-ike")))
        {
          g_autofree char *name = g_strdup_printf ("ike-%s", (char *) names->pdata[i]);
          proposal_seed (0, name, v);
        }
      if ((v = g_hash_table_lookup (p->data, "ipsec-esp")))
        {
          g_autofree char *name = g_strdup_printf ("esp-%s", (char *) names->pdata[i]);
          proposal_seed (1, name, v);
        }
    }
  for (guint kind = 0; kind < 2; kind++)
    {
      g_autoptr (L2tpProposalSet) set = l2tp_proposal_set_new_default (kind);
      g_autofree char *text = l2tp_proposal_set_to_string (set);
      proposal_seed ((guint8) kind, kind ? "esp-default" : "ike-default", text);
    }
  write_dict_raw ("proposals",
                  "\"aes\"\n\"aes128\"\n\"aes192\"\n\"aes256\"\n\"aes128gcm16\"\n"
                  "\"aes256gcm128\"\n\"aes_gcm192\"\n\"3des\"\n\"des\"\n\"md5\"\n"
                  "\"sha\"\n\"sha1\"\n\"sha2\"\n\"sha256\"\n\"sha2_384\"\n\"sha512\"\n"
                  "\"null\"\n\"prfsha1\"\n\"prfsha384\"\n\"prfmd5\"\n\"modp768\"\n"
                  "\"modp1024\"\n\"modp1536\"\n\"modp2048\"\n\"modp3072\"\n"
                  "\"modp4096\"\n\"modp6144\"\n\"modp8192\"\n\"ecp256\"\n\"ecp_384\"\n"
                  "\"ecp521\"\n\"curve25519\"\n\"x25519\"\n\"dh14\"\n\"dh31\"\n"
                  "\"dh99\"\n\"-\"\n\",\"\n\";\"\n\"!\"\n\" \"\n\"\\x09\"\n");
}

/* ---- sanitize + render ------------------------------------------------------ */

static void
add_records (GByteArray *seed, GHashTable *table, gboolean secret)
{
  g_autoptr (GList) keys
      = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) strcmp);

  for (GList *l = keys; l; l = l->next)
    {
      const char *value = g_hash_table_lookup (table, l->data);

      if (secret)
        g_byte_array_append (seed, (const guint8 *) "+", 1);
      g_byte_array_append (seed, l->data, (guint) strlen (l->data));
      g_byte_array_append (seed, (const guint8 *) "=", 1);
      g_byte_array_append (seed, (const guint8 *) value, (guint) strlen (value) + 1);
    }
}

static void
render_seed (const char *name, guint8 flags, GHashTable *data, GHashTable *secrets)
{
  g_autoptr (GByteArray) seed = g_byte_array_new ();

  g_byte_array_append (seed, &flags, 1);
  add_records (seed, data, FALSE);
  add_records (seed, secrets, TRUE);
  write_seed ("render", name, seed->data, seed->len);
}

/* Context bits as fuzz-render.c reads them. */
static guint8
context_flags (const TestProfile *p)
{
  return (p->ctx.gateway_addr ? 1 : 0) | (p->ctx.local_addr ? 2 : 0)
         | (p->ctx.l2tp_port != 1701 ? 4 : 0) | (p->ctx.esp_offer ? 8 : 0);
}

static void
render_seeds (GPtrArray *profiles, GPtrArray *names)
{
  /* Injection shapes from the hostile-input tests, one key each. */
  static const char *const hostile[][2] = {
    { "user", "x\nplugin /tmp/evil.so" },
    { "ipsec-remote-id", "x\" leftupdown=\"/tmp/evil" },
    { "ipsec-psk", "x\n}\nsecrets {\n" },
    { "domain", "a\\b #c" },
    { "user-cert", "/tmp/a b\"c" },
    { "ipsec-group-name", "%any" },
    { "gateway", "2001:db8::1" },
  };
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < profiles->len; i++)
    {
      TestProfile *p = profiles->pdata[i];
      g_autofree char *unresolved = g_strdup_printf ("%s", (char *) names->pdata[i]);
      g_autofree char *resolved
          = g_strdup_printf ("%s-resolved", (char *) names->pdata[i]);

      render_seed (unresolved, context_flags (p) & ~1, p->data, p->secrets);
      render_seed (resolved, context_flags (p) | 1, p->data, p->secrets);
    }
  for (guint i = 0; i < G_N_ELEMENTS (hostile) && profiles->len; i++)
    {
      TestProfile *p = profiles->pdata[0];
      g_autoptr (GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *name = g_strdup_printf ("hostile-%s", hostile[i][0]);
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, p->data);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (data, k, v);
      g_hash_table_iter_init (&iter, p->secrets);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (secrets, k, v);
      g_hash_table_insert (
          (l2tp_key_lookup (hostile[i][0], NULL)->place == L2TP_IN_SECRETS
           || strcmp (hostile[i][0], "ipsec-psk") == 0)
              ? secrets
              : data,
          (gpointer) hostile[i][0], (gpointer) hostile[i][1]);
      render_seed (name, 0, data, secrets);
    }

  for (guint id = 0; id < L2TP_KEY_COUNT; id++)
    g_ptr_array_add (words, g_strdup_printf ("%s=", l2tp_key_get (id)->name));
  {
    g_autoptr (GString) text = g_string_new (NULL);
    static const char *const extra[]
        = { "\\x00", "+",  "=",   "\\x0a", "\\x0d", "\\\"", "'",    "\\\\",
            "#",     ";",  "[",   "]",     "{",     "}",    ",",    " ",
            "yes",   "no", "tls", "psk",   "0s",    "0x",   "%any", "@" };

    for (guint i = 0; i < words->len; i++)
      append_dict_word (text, words->pdata[i]);
    for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
      g_string_append_printf (text, "\"%s\"\n", extra[i]);
    write_dict_raw ("render", text->str);
  }
}

/* ---- importers ------------------------------------------------------------- */

static void
copy_fixtures (const char *fixtures, const char *suffix, const char *target)
{
  g_autoptr (GPtrArray) files = list_dir (fixtures, suffix);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (fixtures, files->pdata[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr (GError) error = NULL;
      gsize len;

      if (!g_file_get_contents (path, &contents, &len, &error))
        die (path, error);
      write_seed (target, files->pdata[i], contents, len);
    }
}

/* Every profile, exported as the keyfile format. */
static void
keyfile_seeds (GPtrArray *profiles, GPtrArray *names)
{
  static const char *const words[] = { "[connection]",
                                       "[vpn]",
                                       "[ip4]",
                                       "[ipv4]",
                                       "[ipv6]",
                                       "[ip6]",
                                       "via",
                                       "metric",
                                       "2001:db8::/32",
                                       "id=",
                                       "method=",
                                       "dns=",
                                       "routes=",
                                       "dns-search=",
                                       "never-default=",
                                       "true",
                                       "false",
                                       "\\s",
                                       "\\n",
                                       "\\\\",
                                       ";",
                                       "#",
                                       "=",
                                       "ignore-auto-dns=",
                                       "\r\n",
                                       NULL };
  g_autoptr (GPtrArray) dict = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < profiles->len; i++)
    {
      TestProfile *p = profiles->pdata[i];
      g_autoptr (L2tpProfile) profile = l2tp_profile_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *name
          = g_strdup_printf ("export-%s.conf", (char *) names->pdata[i]);
      GHashTableIter iter;
      gpointer k, v;

      profile->id = g_strdup (names->pdata[i]);
      g_hash_table_iter_init (&iter, p->data);
      while (g_hash_table_iter_next (&iter, &k, &v))
        l2tp_profile_set (profile, k, v);
      g_hash_table_iter_init (&iter, p->secrets);
      while (g_hash_table_iter_next (&iter, &k, &v))
        l2tp_profile_set (profile, k, v);
      g_ptr_array_add (profile->ip4.dns, g_strdup ("192.0.2.53"));
      g_ptr_array_add (profile->ip4.routes,
                       g_strdup ("10.1.0.0/16 via 10.0.0.1 metric 5"));
      profile->ip4.never_default = L2TP_YES;
      /* Half of them with an ipv6 setting too. */
      if (i % 2 == 0)
        {
          profile->ip6.method = g_strdup ("auto");
          g_ptr_array_add (profile->ip6.dns, g_strdup ("2001:db8::53"));
          g_ptr_array_add (profile->ip6.routes,
                           g_strdup ("2001:db8:1::/48 via 2001:db8::1 metric 5"));
        }
      text = l2tp_export_keyfile (profile, &error);
      if (!text)
        die (name, error);
      write_seed ("import-keyfile", name, text, strlen (text));
    }
  for (guint i = 0; words[i]; i++)
    g_ptr_array_add (dict, g_strdup (words[i]));
  for (guint id = 0; id < L2TP_KEY_COUNT; id++)
    g_ptr_array_add (dict, g_strdup_printf ("%s=", l2tp_key_get (id)->name));
  g_ptr_array_add (dict, NULL);
  write_dict ("import-keyfile", (const char *const *) dict->pdata);
}

static void
importer_dicts (void)
{
  static const char *const pbk[] = { "[",
                                     "]",
                                     "Type=2",
                                     "Type=",
                                     "VpnStrategy=3",
                                     "VpnStrategy=4",
                                     "VpnStrategy=",
                                     "PhoneNumber=",
                                     "Device=WAN Miniport (L2TP)",
                                     "Device=",
                                     "IpDnsSuffix=",
                                     "IpPrioritizeRemote=",
                                     "DisableClassBasedDefaultRoute=",
                                     "Encoding=1",
                                     "\r\n",
                                     "=",
                                     "\xff\xfe",
                                     NULL };
  static const char *const plist[] = {
    "<key>",
    "</key>",
    "<string>",
    "</string>",
    "<dict>",
    "</dict>",
    "<array>",
    "</array>",
    "<true/>",
    "<false/>",
    "<integer>",
    "<data>",
    "bplist00",
    "PayloadContent",
    "PayloadType",
    "com.apple.vpn.managed",
    "VPNType",
    "L2TP",
    "PPP",
    "IPSec",
    "IPv4",
    "CommRemoteAddress",
    "AuthName",
    "AuthPassword",
    "SharedSecret",
    "LocalIdentifier",
    "KeyID",
    "AuthenticationMethod",
    "OverridePrimary",
    "UserDefinedName",
    "PayloadDisplayName",
    "EncryptedPayloadContent",
    NULL,
  };

  write_dict ("import-pbk", pbk);
  write_dict ("import-mobileconfig", plist);
}

/* ---- VICI ------------------------------------------------------------------- */

static void
vici_seed (const char *name, ViciPacketType type, const char *packet_name,
           const ViciMessage *msg)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) packet = vici_packet_encode (type, packet_name, msg, &error);
  gsize len;
  const guint8 *data;

  if (!packet)
    die (name, error);
  data = g_bytes_get_data (packet, &len);
  /* The payload: what vici_packet_decode() gets after the length prefix. */
  write_seed ("vici", name, data + 4, len - 4);
}

static void
vici_seeds (GPtrArray *profiles, GPtrArray *names)
{
  for (guint i = 0; i < profiles->len; i++)
    {
      TestProfile *p = profiles->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (L2tpConfig) cfg = l2tp_config_new (p->data, p->secrets, &error);
      g_autoptr (ViciMessage) conn = NULL;
      g_autoptr (ViciMessage) secret = NULL;
      g_autofree char *n1 = g_strdup_printf ("load-conn-%s", (char *) names->pdata[i]);
      g_autofree char *n2 = g_strdup_printf ("load-shared-%s", (char *) names->pdata[i]);

      if (!cfg)
        die (names->pdata[i], error);
      conn = l2tp_render_swanctl_conn (cfg, &p->ctx, &error);
      if (!conn)
        die (n1, error);
      vici_seed (n1, VICI_PACKET_CMD_REQUEST, "load-conn", conn);
      secret = l2tp_render_swanctl_secret (cfg, &p->ctx, NULL);
      if (secret)
        vici_seed (n2, VICI_PACKET_CMD_REQUEST, "load-shared", secret);
    }
  {
    g_autoptr (ViciMessage) ok = vici_message_new ();
    g_autoptr (ViciMessage) failed = vici_message_new ();
    g_autoptr (ViciMessage) event = vici_message_new ();
    static const guint8 binary[] = { 0, 1, 0xff, '\n', ',', '"' };

    vici_message_add_kv_str (ok, "success", "yes");
    vici_seed ("response-ok", VICI_PACKET_CMD_RESPONSE, NULL, ok);
    vici_message_add_kv_str (failed, "success", "no");
    vici_message_add_kv_str (failed, "errmsg", "no config named 'x'");
    vici_seed ("response-failed", VICI_PACKET_CMD_RESPONSE, NULL, failed);
    vici_message_add_kv_str (event, "up", "yes");
    vici_message_begin_section (event, "nm-l2tp-ipsec-x");
    vici_message_add_kv_str (event, "state", "ESTABLISHED");
    vici_message_add_kv (event, "raw", binary, sizeof binary);
    vici_message_begin_list (event, "remote-vips");
    vici_message_add_list_item_str (event, "10.0.0.2");
    vici_message_add_list_item (event, binary, sizeof binary);
    vici_message_end_list (event);
    vici_message_begin_section (event, "child-sas");
    vici_message_begin_section (event, "l2tp-1");
    vici_message_add_kv_str (event, "state", "INSTALLED");
    vici_message_end_section (event);
    vici_message_end_section (event);
    vici_message_end_section (event);
    vici_seed ("event-ike-updown", VICI_PACKET_EVENT, "ike-updown", event);
    vici_seed ("event-register", VICI_PACKET_EVENT_REGISTER, "child-updown", NULL);
    vici_seed ("event-confirm", VICI_PACKET_EVENT_CONFIRM, NULL, NULL);
    vici_seed ("cmd-unknown", VICI_PACKET_CMD_UNKNOWN, NULL, NULL);
    vici_seed ("request-empty", VICI_PACKET_CMD_REQUEST, "version", NULL);
  }
}

/* ---- IKEv1 probe answers ----------------------------------------------------- */

/* The charon answers of tests/unit/fixtures/ikev1-probe/ (hex, as on the
 * wire), without the non-ESP marker of UDP 4500. */
static void
ikev1_probe_seeds (const char *fixtures)
{
  g_autofree char *dir = g_build_filename (fixtures, "ikev1-probe", NULL);
  g_autoptr (GPtrArray) files = list_dir (dir, ".answer.hex");

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *hex = NULL;
      g_autofree char *name = g_strndup (file, strlen (file) - strlen (".answer.hex"));
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      g_autoptr (GError) error = NULL;
      guint skip = strstr (file, "udp4500") ? 4 : 0;

      if (!g_file_get_contents (path, &hex, NULL, &error))
        die (path, error);
      for (const char *p = hex; g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]);
           p += 2)
        {
          guint8 v = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);

          g_byte_array_append (bytes, &v, 1);
        }
      if (bytes->len <= skip)
        die (path, NULL);
      write_seed ("ikev1-probe", name, bytes->data + skip, bytes->len - skip);
    }
}

/* ---- DHCPACKs ------------------------------------------------------------------ */

/* The packets of the unit tests (tests/unit/dhcp-packets.h) and our own
 * DHCPINFORM (a BOOTREQUEST: NOT_OURS), with the option codes the parser
 * reads as the dictionary. */
static void
dhcp_inform_seeds (void)
{
  static const guint8 chaddr[L2TP_DHCP_CHADDR_LEN]
      = { 0x02, 0x4c, 0x32, 0x54, 0x50, 0x00 };
  static const guint8 client[4] = { 10, 8, 0, 2 };
  g_autoptr (GBytes) inform = NULL;
  guint32 addr;

  memcpy (&addr, client, 4);
  inform = l2tp_dhcp_inform_build (DHCP_TEST_XID, addr, chaddr);

  for (guint i = 0; dhcp_test_packets[i].name; i++)
    {
      g_autoptr (GBytes) packet = hex_bytes (dhcp_test_packets[i].hex);

      write_seed ("dhcp-inform", dhcp_test_packets[i].name,
                  g_bytes_get_data (packet, NULL), g_bytes_get_size (packet));
    }
  write_seed ("dhcp-inform", "inform", g_bytes_get_data (inform, NULL),
              g_bytes_get_size (inform));
  write_dict_raw ("dhcp-inform",
                  "\"\\x63\\x82\\x53\\x63\"\n" /* magic cookie */
                  "\"\\x35\\x01\\x05\"\n"      /* DHCPACK */
                  "\"\\x35\\x01\\x06\"\n"      /* DHCPNAK */
                  "\"\\x34\\x01\\x03\"\n"      /* overload both */
                  "\"\\x36\\x04\"\n\"\\x06\\x04\"\n\"\\x2c\\x04\"\n"
                  "\"\\x79\"\n\"\\xf9\"\n\"\\x0f\"\n\"\\x77\"\n\"\\x38\"\n"
                  "\"\\xc0\"\n\"\\xff\"\n\"\\x00\"\n\"\\x20\"\n\"\\x3f\"\n\"\\x40\"\n"
                  "\"\\x0a\\x08\\x00\\x01\"\n");
}

/* ---- pluto's lines ---------------------------------------------------------- */

/* The lines of the unit tests (tests/unit/pluto-lines.h), captured and
 * written from libreswan's source, with the message starts as the
 * dictionary. */
static void
pluto_events_seeds (void)
{
  static const char *const words[] = {
    "\"lab\": ",
    "\"lab\" #1: ",
    "\"lab\" #2: ",
    "004 ",
    "031 ",
    "Dec  4 14:28:03.846924: ",
    "ERROR: ",
    "IKE SA established {",
    "auth=PRESHARED_KEY",
    " cipher=AES_CBC_128",
    " cipher=AES_GCM_16_256",
    " integ=HMAC_SHA2_256",
    " group=MODP2048",
    " group=DH19",
    "}",
    "IPsec SA established transport mode {",
    "IPsec SA established tunnel mode {",
    "ESP=>0x",
    "ESPinUDP=>0x",
    "/ESN",
    " <0x",
    " xfrm=",
    "-HMAC_SHA1_96",
    "-NONE",
    " DPD=passive",
    "initiating IKEv1 Main Mode connection",
    " to replace #",
    "initiating Quick Mode IKEv1+PSK {using isakmp#",
    " msgid:",
    " proposal=",
    " pfsgroup=",
    "no-pfs",
    "sent Main Mode request",
    "sent Quick Mode request",
    "Peer ID is ",
    "ignoring informational payload ",
    ", msgid=00000000, length=",
    "received and ignored notification payload: ",
    "NO_PROPOSAL_CHOSEN",
    "received Delete SA(0x",
    ") payload: deleting IPsec State #",
    "received Delete SA payload: self-deleting ISAKMP State #",
    " malformed payload notifies",
    "STATE_MAIN_I1: ",
    "STATE_QUICK_I1: ",
    "retransmission; will wait ",
    " seconds for response",
    " second timeout exceeded after ",
    " retransmits",
    "max number of retransmissions (",
    ") reached after ",
    ".  ",
    "malformed payload in packet",
    "deleting state (",
    ") aged ",
    "s and NOT sending notification",
    "deleting ISAKMP SA but connection is supposed to remain up; ",
    "schedule EVENT_REVIVE_CONNS",
    "initiating connection 'lab' with serial $",
    "netlink response for ",
    " (errno ",
    "state transition function for ",
    "ERROR: asynchronous network error report on ",
    " [errno ",
    ", origin ",
    "failed to add connection: ",
    "added IKEv1 connection",
    "terminating SAs using this connection",
    NULL,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pluto_lines_real); i++)
    {
      g_autofree char *name = g_strdup_printf ("real-%02zu", i);

      write_seed ("pluto-events", name, pluto_lines_real[i].line,
                  strlen (pluto_lines_real[i].line));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (pluto_lines_src); i++)
    {
      g_autofree char *name = g_strdup_printf ("source-%02zu", i);

      write_seed ("pluto-events", name, pluto_lines_src[i].line,
                  strlen (pluto_lines_src[i].line));
    }
  write_dict ("pluto-events", words);
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) profiles
      = g_ptr_array_new_with_free_func ((GDestroyNotify) test_profile_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *profile_dir = NULL;
  g_autofree char *fixtures = NULL;
  g_autoptr (GPtrArray) files = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: make-seeds SOURCE_ROOT OUT_DIR\n");
      return 2;
    }
  out_dir = argv[2];
  profile_dir = g_build_filename (argv[1], "tests", "unit", "profiles", NULL);
  fixtures = g_build_filename (argv[1], "tests", "unit", "fixtures", NULL);
  files = list_dir (profile_dir, ".keys");
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (profile_dir, files->pdata[i], NULL);
      g_autoptr (GError) error = NULL;
      TestProfile *p = test_profile_load (path, &error);
      const char *name = files->pdata[i];

      if (!p)
        die (path, error);
      g_ptr_array_add (profiles, p);
      g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".keys")));
    }

  proposal_seeds (profiles, names);
  render_seeds (profiles, names);
  keyfile_seeds (profiles, names);
  copy_fixtures (fixtures, ".conf", "import-keyfile");
  copy_fixtures (fixtures, ".pbk", "import-pbk");
  copy_fixtures (fixtures, ".mobileconfig", "import-mobileconfig");
  importer_dicts ();
  vici_seeds (profiles, names);
  ikev1_probe_seeds (fixtures);
  dhcp_inform_seeds ();
  pluto_events_seeds ();
  printf ("seeds written to %s\n", out_dir);
  return 0;
}
