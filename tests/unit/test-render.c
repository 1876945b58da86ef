/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every renderer against golden files, for realistic profiles.
 *
 * tests/unit/profiles/<name>.keys holds a connection ([data], [secrets]) and
 * optional [context] overrides; tests/unit/golden/<name>.<format> is what
 * must come out, byte for byte (or "error: <message>" when the renderer must
 * refuse). The golden files are the specification: review them by eye.
 * L2TP_UPDATE_GOLDEN=1 rewrites them from the current output. */
#include <glib.h>
#include <string.h>

#include "config.h"
#include "libreswan-caps.h"
#include "render-libreswan.h"
#include "render-pppd.h"
#include "render-readers.h"
#include "render-swanctl.h"
#include "render-xl2tpd.h"

/* The same conn for Debian's libreswan 4.10 as its pluto --selftest
 * describes it (fixtures/libreswan-4.10-selftest.txt): ikev2=no, and what
 * that build lacks (MODP-1024, ECP PFS) refused naming the key. */
static char *
render_libreswan_4_10 (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                       GError **error)
{
  static L2tpLibreswanCaps *caps;
  L2tpRenderContext with = *ctx;

  if (!caps)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                     "libreswan-4.10-selftest.txt", NULL);
      g_autofree char *text = NULL;
      g_autoptr (GError) local = NULL;

      g_file_get_contents (path, &text, NULL, &local);
      g_assert_no_error (local);
      caps = l2tp_libreswan_caps_parse (text, &local);
      g_assert_no_error (local);
    }
  with.libreswan = caps;
  return l2tp_render_libreswan_conn (cfg, &with, error);
}

typedef char *(*RenderText) (const L2tpConfig *, const L2tpRenderContext *, GError **);
typedef ViciMessage *(*RenderVici) (const L2tpConfig *, const L2tpRenderContext *,
                                    GError **);

static const struct
{
  const char *ext;
  RenderText text;
  RenderVici vici;
} formats[] = {
  { "pppd", l2tp_render_pppd_options, NULL },
  { "xl2tpd", l2tp_render_xl2tpd_conf, NULL },
  { "libreswan", l2tp_render_libreswan_conn, NULL },
  { "libreswan-secrets", l2tp_render_libreswan_secrets, NULL },
  { "libreswan-4.10", render_libreswan_4_10, NULL },
  { "swanctl", l2tp_render_swanctl_conf, NULL },
  { "vici-conn", NULL, l2tp_render_swanctl_conn },
  { "vici-secret", NULL, l2tp_render_swanctl_secret },
};

static char *
render (guint f, const L2tpConfig *cfg, const L2tpRenderContext *ctx)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  if (formats[f].text)
    text = formats[f].text (cfg, ctx, &error);
  else
    {
      g_autoptr (ViciMessage) msg = formats[f].vici (cfg, ctx, &error);
      if (msg)
        {
          g_autoptr (GBytes) wire = vici_message_encode (msg, &error);
          g_assert_no_error (error);
          text = reader_vici_dump (msg);
        }
    }
  if (!text)
    text = g_strdup_printf ("error: %s\n", error->message);
  return text;
}

/* A message that points at the first differing line. */
static void
compare (const char *golden_path, const char *expected, const char *actual)
{
  g_auto (GStrv) e = NULL;
  g_auto (GStrv) a = NULL;
  guint i = 0;

  if (strcmp (expected, actual) == 0)
    return;
  e = g_strsplit (expected, "\n", -1);
  a = g_strsplit (actual, "\n", -1);
  while (e[i] && a[i] && strcmp (e[i], a[i]) == 0)
    i++;
  g_test_message ("%s differs at line %u:\n  expected: %s\n  actual:   %s\n"
                  "---- actual output ----\n%s----\n(L2TP_UPDATE_GOLDEN=1 rewrites "
                  "the golden files)",
                  golden_path, i + 1, e[i] ? e[i] : "<end of file>",
                  a[i] ? a[i] : "<end of file>", actual);
  g_test_fail ();
}

static void
test_profile (gconstpointer data)
{
  const char *name = data;
  g_autofree char *keys = g_strdup_printf ("%s.keys", name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "profiles", keys, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TestProfile) profile = test_profile_load (path, &error);
  g_autoptr (L2tpConfig) cfg = NULL;
  gboolean update = g_strcmp0 (g_getenv ("L2TP_UPDATE_GOLDEN"), "1") == 0;

  g_assert_no_error (error);
  cfg = l2tp_config_new (profile->data, profile->secrets, &error);
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *actual = render (f, cfg, &profile->ctx);
      g_autofree char *file = g_strdup_printf ("%s.%s", name, formats[f].ext);
      g_autofree char *golden = g_test_build_filename (G_TEST_DIST, "golden", file, NULL);
      g_autofree char *expected = NULL;

      if (update)
        {
          g_file_set_contents (golden, actual, -1, &error);
          g_assert_no_error (error);
          continue;
        }
      if (!g_file_get_contents (golden, &expected, NULL, &error))
        {
          g_test_message ("%s: %s", golden, error->message);
          g_clear_error (&error);
          g_test_fail ();
          continue;
        }
      compare (golden, expected, actual);
    }
}

/* Debian's /etc/ppp/ip-up.d/0000usepeerdns keeps its hands off resolv.conf
 * only for an ipparam matching nm-*-service-* (NetworkManager's own). */
static void
test_ipparam_for_debian_scripts (void)
{
  g_autoptr (GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autofree char *options = NULL;
  g_auto (GStrv) lines = NULL;
  L2tpRenderContext ctx;
  guint found = 0;

  g_hash_table_insert (data, "gateway", "vpn.example.org");
  cfg = l2tp_config_new (data, secrets, &error);
  g_assert_no_error (error);
  test_context_init (&ctx);
  options = l2tp_render_pppd_options (cfg, &ctx, &error);
  g_assert_no_error (error);
  lines = g_strsplit (options, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *value = NULL;

      if (!g_str_has_prefix (lines[i], "ipparam "))
        continue;
      found++;
      value = g_shell_unquote (lines[i] + strlen ("ipparam "), &error);
      g_assert_no_error (error);
      g_assert_true (g_pattern_match_simple ("nm-*-service-*", value));
      /* Still names this connection. */
      g_assert_nonnull (strstr (value, "5f0d7c3e-2b1a-4c8e-9d6f-0a1b2c3d4e5f"));
    }
  g_assert_cmpuint (found, ==, 1);
}

/* No daemon is given a path of the connection: without the service's bytes
 * (charon) or copies (pppd) of a file the settings use, the renderers
 * refuse, naming the key, instead of writing the path. */
static void
test_files_only_as_read (void)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "profiles", "certificates.keys", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TestProfile) profile = test_profile_load (path, &error);
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autoptr (ViciMessage) msg = NULL;
  g_autofree char *options = NULL;
  g_autofree char *conf = NULL;
  L2tpRenderContext ctx;

  g_assert_no_error (error);
  cfg = l2tp_config_new (profile->data, profile->secrets, &error);
  g_assert_no_error (error);

  test_context_init (&ctx);
  ctx.ppp_cert = NULL;
  options = l2tp_render_pppd_options (cfg, &ctx, &error);
  g_assert_null (options);
  g_assert_cmpstr (error->message, ==,
                   "user-cert: the service has no copy of this file for pppd");
  g_clear_error (&error);

  test_context_init (&ctx);
  ctx.machine_cert = NULL;
  msg = l2tp_render_swanctl_conn (cfg, &ctx, &error);
  g_assert_null (msg);
  g_assert_cmpstr (error->message, ==,
                   "machine-cert: the service did not read this file");
  g_clear_error (&error);
  test_context_init (&ctx);
  ctx.machine_ca = NULL;
  msg = l2tp_render_swanctl_conn (cfg, &ctx, &error);
  g_assert_null (msg);
  g_assert_cmpstr (error->message, ==, "machine-ca: the service did not read this file");
  g_clear_error (&error);

  /* swanctl.conf is for swanctl, which reads as its caller: paths stay. */
  conf = l2tp_render_swanctl_conf (cfg, &ctx, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (conf, "/etc/nm-l2tp/ca.pem"));
}

/* A certificate that does not fit in one VICI value is refused by name. */
static void
test_certificate_too_large_for_vici (void)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "profiles", "certificates.keys", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TestProfile) profile = test_profile_load (path, &error);
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autoptr (GBytes) big = g_bytes_new_take (g_malloc0 (70000), 70000);
  g_autoptr (ViciMessage) msg = NULL;
  L2tpRenderContext ctx;

  g_assert_no_error (error);
  cfg = l2tp_config_new (profile->data, profile->secrets, &error);
  g_assert_no_error (error);
  test_context_init (&ctx);
  ctx.machine_cert = big;
  msg = l2tp_render_swanctl_conn (cfg, &ctx, &error);
  g_assert_null (msg);
  g_assert_true (g_str_has_prefix (
      error->message, "machine-cert: /etc/nm-l2tp/host cert.pem: a certificate "
                      "of 70000 bytes does not fit"));
}

/* The fuzzer's vici target found it: an empty secret read back from
 * swanctl text hit a NULL in the reader (g_strndup of no bytes). */
static void
test_reader_swanctl_empty_secret (void)
{
  const char *texts[] = { "secret = \"\"\n", "secret =\n", "a {\n  secret = 0s\n}\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *why = NULL;
      g_autoptr (GPtrArray) read = reader_swanctl (texts[i], &why);
      ReaderEntry *last;

      g_assert_nonnull (read);
      g_assert_null (why);
      last = read->pdata[read->len - 1];
      g_assert_true (g_str_has_suffix (last->name, "secret"));
      g_assert_cmpuint (g_bytes_get_size (last->value), ==, 0);
    }
}

static int
compare_names (const char *const *a, const char *const *b)
{
  return strcmp (*a, *b);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr (GDir) d = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_test_init (&argc, &argv, NULL);

  dir = g_test_build_filename (G_TEST_DIST, "profiles", NULL);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)))
    {
      if (g_str_has_suffix (entry, ".keys"))
        g_ptr_array_add (names, g_strndup (entry, strlen (entry) - 5));
    }
  g_ptr_array_sort (names, (GCompareFunc) compare_names);
  g_assert_cmpuint (names->len, >=, 8);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *test = g_strdup_printf ("/render/%s", (char *) names->pdata[i]);
      g_test_add_data_func (test, names->pdata[i], test_profile);
    }
  g_test_add_func ("/render/pppd-ipparam-debian-scripts",
                   test_ipparam_for_debian_scripts);
  g_test_add_func ("/readers/swanctl-empty-secret", test_reader_swanctl_empty_secret);
  g_test_add_func ("/render/files-only-as-read", test_files_only_as_read);
  g_test_add_func ("/render/certificate-too-large-for-vici",
                   test_certificate_too_large_for_vici);
  return g_test_run ();
}
