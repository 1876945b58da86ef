/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Hostile files for the importers, called directly (no libnm): escapes
 * GKeyFile mishandles, nesting that would exhaust libplist's stack, and
 * error messages that must not carry the file's control characters. */
#include <string.h>

#include "import-keyfile.h"
#include "import-mobileconfig.h"
#include "import-pbk.h"
#include "plist-nesting.h"

/* GLib's own warnings ("GError set over the top of a previous GError") are
 * counted: an importer must never provoke one. */
static guint glib_warnings;

static void
count_warning (const char *domain, GLogLevelFlags level, const char *message,
               gpointer data)
{
  g_printerr ("%s: %s\n", domain ? domain : "", message);
  glib_warnings++;
}

typedef L2tpProfile *(*ImportFunc) (const char *buffer, gsize length, GError **error);

/* Refused, with every part in the message, and no GLib warning on the way. */
static void
assert_refused (ImportFunc import, const char *buffer, gsize length,
                const char *const *parts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProfile) profile = NULL;
  guint before = glib_warnings;

  profile = import (buffer, length, &error);
  g_assert_null (profile);
  g_assert_nonnull (error);
  g_assert_cmpuint (glib_warnings, ==, before);
  for (guint i = 0; parts[i]; i++)
    if (!strstr (error->message, parts[i]))
      g_error ("expected '%s' in the error, got '%s'", parts[i], error->message);
}

#define REFUSED(import, buffer, ...)                                                     \
  assert_refused (import, buffer, strlen (buffer),                                       \
                  (const char *const[]){ __VA_ARGS__, NULL })

/* A bad escape followed by a trailing backslash made GLib 2.74 set its
 * error twice; [vpn] was checked, [connection] and [ip4] were not. Every
 * ip group's spelling is checked too. */
static void
test_keyfile_escapes (void)
{
  REFUSED (l2tp_import_keyfile, "[connection]\nid=a\\x\\\n[vpn]\ngateway=a.example\n",
           "line 2: [connection] id: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\n[ip4]\nmethod=\\q\\\n",
           "line 4: [ip4] method: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\n[ip4]\ndns=1.2.3.4;\\z\\\n",
           "line 4: [ip4] dns: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\n[ip4]\nnever-default=\\y\\\n",
           "line 4: [ip4] never-default: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\n[ipv6]\ndns=::1;\\z\\\n",
           "line 4: [ipv6] dns: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\n[ipv4]\nmethod=\\q\\\n",
           "line 4: [ipv4] method: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\nuser=\\y\\\n",
           "line 3: [vpn] user: invalid escape sequence");
  /* A list's own separator escape stays allowed. */
  {
    const char *ok = "[vpn]\ngateway=a.example\n[ip4]\ndns-search=a\\;b;c\\s;\n";
    g_autoptr (GError) error = NULL;
    g_autoptr (L2tpProfile) profile = l2tp_import_keyfile (ok, strlen (ok), &error);

    g_assert_no_error (error);
    g_assert_nonnull (profile);
  }
}

/* None of ESC, CSI (U+009B), RLO (U+202E), LRM (U+200E) or a C0 control. */
static void
assert_inert (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      g_error ("control character 0x%02x in '%s'", (guchar) *p, text);
  g_assert_null (strstr (text, "\xc2\x9b"));
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_null (strstr (text, "\xe2\x80\x8e"));
}

static void
assert_refused_inert (ImportFunc import, const char *buffer, const char *part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProfile) profile = import (buffer, strlen (buffer), &error);

  g_assert_null (profile);
  g_assert_nonnull (error);
  assert_inert (error->message);
  if (!strstr (error->message, part))
    g_error ("expected '%s' in the error, got '%s'", part, error->message);
}

/* The file's text in an error or a note: shown, never obeyed
 * (shared/text-clean.h); readable UTF-8 stays readable. */
static void
test_messages_inert (void)
{
  assert_refused_inert (l2tp_import_pbk,
                        "[Office\xc2\x9b"
                        "2J\xe2\x80\xae]\nType=2\nVpnStrategy=3\n",
                        "[Office\\u009b2J\\u202e] has no PhoneNumber");
  assert_refused_inert (l2tp_import_pbk, "[Office]\nType=2\nVpnStrategy=\x1b[5m\n",
                        "VpnStrategy=\\x1b[5m: not a number");
  assert_refused_inert (l2tp_import_pbk,
                        "[Office]\nType=\xe2\x80\x8e"
                        "2\n",
                        "Type=\\u200e2: not a VPN entry");
  assert_refused_inert (l2tp_import_mobileconfig,
                        "<?xml version=\"1.0\"?><plist version=\"1.0\"><dict>"
                        "<key>PayloadContent</key><array><dict>"
                        "<key>PayloadType</key><string>com.apple.vpn.managed</string>"
                        "<key>VPNType</key><string>IKEv2\xe2\x80\xae\xc2\x9b"
                        "2J</string>"
                        "</dict></array></dict></plist>",
                        "VPNType: IKEv2\\u202e\\u009b2J, not L2TP");
  assert_refused_inert (l2tp_import_keyfile, "[vpn]\ngateway=a\n[\xe5\x8a\x9e\x1b[2J]\n",
                        "unknown group [\xe5\x8a\x9e\\x1b[2J]");
  assert_refused_inert (l2tp_import_keyfile, "[vpn]\ngateway=a\nx\xe2\x80\xae=1\n",
                        "[vpn] x\\u202e: unknown key");
  /* A note names the entries it skipped. */
  {
    const char *pbk = "[Office]\nType=2\nVpnStrategy=3\nPhoneNumber=vpn.example\n"
                      "[Old\xe2\x80\xae\xc2\x9b"
                      "2J]\nType=2\nVpnStrategy=1\n";
    g_autoptr (GError) error = NULL;
    g_autoptr (L2tpProfile) profile = l2tp_import_pbk (pbk, strlen (pbk), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (profile->notes->len, >, 0);
    for (guint i = 0; i < profile->notes->len; i++)
      assert_inert (profile->notes->pdata[i]);
  }
}

static void
put_be (GByteArray *out, guint64 v, guint size)
{
  for (guint i = size; i > 0; i--)
    {
      guint8 b = (guint8) (v >> (8 * (i - 1)));
      g_byte_array_append (out, &b, 1);
    }
}

/* A binary property list of depth arrays, each holding the next: about 7
 * bytes a level, 100000 levels in 700 KB. */
static GByteArray *
deep_bplist (guint depth)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 table;

  g_byte_array_append (out, (const guint8 *) "bplist00", 8);
  for (guint i = 0; i < depth; i++)
    {
      guint64 at = out->len;
      guint8 marker = i + 1 < depth ? 0xa1 : 0xa0;

      g_array_append_val (offsets, at);
      g_byte_array_append (out, &marker, 1);
      if (i + 1 < depth)
        put_be (out, i + 1, 3);
    }
  table = out->len;
  for (guint i = 0; i < depth; i++)
    put_be (out, g_array_index (offsets, guint64, i), 3);
  put_be (out, 0, 6); /* unused, sort version */
  put_be (out, 3, 1); /* offset size */
  put_be (out, 3, 1); /* reference size */
  put_be (out, depth, 8);
  put_be (out, 0, 8); /* top object */
  put_be (out, table, 8);
  return out;
}

/* depth arrays, each naming the next one twice: libplist builds 2^depth
 * nodes from a few hundred bytes (2^22: 460 MB). */
static GByteArray *
doubling_bplist (guint depth)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 table;

  g_byte_array_append (out, (const guint8 *) "bplist00", 8);
  for (guint i = 0; i < depth; i++)
    {
      guint64 at = out->len;

      g_array_append_val (offsets, at);
      if (i + 1 < depth)
        {
          put_be (out, 0xa2, 1);
          put_be (out, i + 1, 1);
          put_be (out, i + 1, 1);
        }
      else
        put_be (out, 0xa0, 1);
    }
  table = out->len;
  for (guint i = 0; i < depth; i++)
    put_be (out, g_array_index (offsets, guint64, i), 1);
  put_be (out, 0, 6);
  put_be (out, 1, 1);
  put_be (out, 1, 1);
  put_be (out, depth, 8);
  put_be (out, 0, 8);
  put_be (out, table, 8);
  return out;
}

/* nmcli and GNOME Settings crashed in libplist's recursive parser. */
static void
test_deep_binary_plist (void)
{
  g_autoptr (GByteArray) deep = deep_bplist (100000);
  g_autoptr (GByteArray) shallow = deep_bplist (8);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProfile) profile = NULL;

  g_assert_cmpuint (deep->len, >, 600000);
  profile = l2tp_import_mobileconfig ((const char *) deep->data, deep->len, &error);
  g_assert_null (profile);
  g_assert_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "nested deeper than"));
  g_clear_error (&error);
  /* Shallow nesting reaches the profile check as before. */
  profile = l2tp_import_mobileconfig ((const char *) shallow->data, shallow->len, &error);
  g_assert_null (profile);
  g_assert_nonnull (strstr (error->message, "not a valid property list"));
  g_clear_error (&error);
}

static void
test_doubling_binary_plist (void)
{
  g_autoptr (GByteArray) doubling = doubling_bplist (20);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProfile) profile
      = l2tp_import_mobileconfig ((const char *) doubling->data, doubling->len, &error);

  g_assert_null (profile);
  g_assert_nonnull (strstr (error->message, "more than 100000 elements"));
}

/* XML nesting, closed properly this time, and tags that only look alike. */
static void
test_deep_xml_plist (void)
{
  g_autoptr (GString) xml
      = g_string_new ("<?xml version=\"1.0\"?><plist version=\"1.0\">");
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProfile) profile = NULL;
  const char *flat = "<?xml version=\"1.0\"?><!-- <array><array> --><plist><dict>"
                     "<key>a</key><array/><key>b</key><dictionary/>"
                     "<![CDATA[<dict><dict>]]></dict></plist>";

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, i % 2 ? "<dict><key>k</key>" : "<array>");
  for (guint i = 100000; i > 0; i--)
    g_string_append (xml, (i - 1) % 2 ? "</dict>" : "</array>");
  g_string_append (xml, "</plist>");
  profile = l2tp_import_mobileconfig (xml->str, xml->len, &error);
  g_assert_null (profile);
  g_assert_nonnull (strstr (error->message, "nested deeper than 32 levels"));
  g_clear_error (&error);
  g_assert_true (l2tp_plist_check_nesting (flat, strlen (flat), 2, &error));
  g_assert_no_error (error);
  g_assert_false (l2tp_plist_check_nesting (flat, strlen (flat), 0, &error));
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_handler ("GLib", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL, count_warning,
                     NULL);

  g_test_add_func ("/import/hostile/keyfile-escapes", test_keyfile_escapes);
  g_test_add_func ("/import/hostile/messages-inert", test_messages_inert);
  g_test_add_func ("/import/hostile/deep-binary-plist", test_deep_binary_plist);
  g_test_add_func ("/import/hostile/doubling-binary-plist", test_doubling_binary_plist);
  g_test_add_func ("/import/hostile/deep-xml-plist", test_deep_xml_plist);
  return g_test_run ();
}
