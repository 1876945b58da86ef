/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Hostile values against every renderer, driven by the key table.
 *
 * For every text key and every output format the table says it reaches, each
 * hostile value is put into a minimal valid connection and rendered. The
 * outcome must be EITHER a refusal that names the key, OR output that the
 * daemon's own parser (modelled in render-readers.c) reads as exactly the
 * same entries as with a benign value, the value itself reading back
 * unchanged. A key added to the table is covered without a new test. */
#include <glib.h>
#include <string.h>

#include "config.h"
#include "render-libreswan.h"
#include "render-pppd.h"
#include "render-quote.h"
#include "render-readers.h"
#include "render-swanctl.h"
#include "render-xl2tpd.h"

/* ---- hostile values --------------------------------------------------------- */

static GPtrArray *
hostile_values (void)
{
  static const char *const fixed[] = {
    "a\nb",
    "a\rb",
    "\n",
    "x\nplugin /tmp/evil.so", /* CVE-2018-10900 shape */
    "x\nleftupdown=/tmp/evil",
    "x\" leftupdown=\"/tmp/evil", /* CVE-2024-9050 */
    "x\n\tleftupdown=/tmp/evil",
    "\"",
    "'",
    "\\",
    "\\\"",
    "a\"b",
    "a'b",
    "a\\b",
    "#",
    "#comment",
    "a #b",
    ";",
    "a;b",
    "=",
    "a=b",
    "[",
    "]",
    "[lac x]",
    " ",
    "a b",
    " lead",
    "trail ",
    "a\tb",
    "{",
    "}",
    "a}b",
    ",",
    "a,b",
    "`id`",
    "$(id)",
    "%any",
    "0sAAAA",
    "0x41",
    "0tabc",
    "a:",
    "/tmp/evil.so",
    "\xff\xfe",
    "\xc3\x28",
    "caf\xc3\xa9",
    "x\n}\nsecrets {\n",
    "x\"\n",
    "\\n",
  };
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  GString *big = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (values, g_strdup (fixed[i]));
  for (guint c = 1; c < 0x20; c++)
    g_ptr_array_add (values, g_strdup_printf ("a%cb", c));
  g_ptr_array_add (values, g_strdup ("a\x7f"
                                     "b"));
  while (big->len < 64 * 1024)
    g_string_append (big, "abcdefgh");
  g_ptr_array_add (values, g_string_free (big, FALSE));
  /* Just under and over the limits the formats have. */
  g_ptr_array_add (values, g_strnfill (79, 'a'));
  g_ptr_array_add (values, g_strnfill (80, 'a'));
  g_ptr_array_add (values, g_strnfill (255, 'u'));
  g_ptr_array_add (values, g_strnfill (256, 'u'));
  big = g_string_new ("/");
  while (big->len < 1024)
    g_string_append_c (big, 'p');
  g_ptr_array_add (values, g_string_free (big, FALSE));
  return values;
}

/* A value the key's type accepts, to compare the hostile output with. */
static const char *
benign_value (const L2tpKey *key)
{
  switch (key->type)
    {
    case L2TP_KEY_TYPE_HOST:
      return "benign.example.com";
    case L2TP_KEY_TYPE_IPV4:
      return "192.0.2.99";
    case L2TP_KEY_TYPE_PATH:
      return "/benign/file.pem";
    case L2TP_KEY_TYPE_IKE_ID:
      return "@benign.example.com";
    case L2TP_KEY_TYPE_IKE_PROPOSALS:
      return "aes128-sha1-modp2048";
    case L2TP_KEY_TYPE_ESP_PROPOSALS:
      return "aes128-sha1";
    default:
      return "benign";
    }
}

/* ---- formats -------------------------------------------------------------- */

/* Text to parse and the VICI message (if any) of one format. */
static gboolean
render_format (L2tpOutput out, const L2tpConfig *cfg, const L2tpRenderContext *ctx,
               char **text, ViciMessage **msg, GError **error)
{
  *text = NULL;
  *msg = NULL;
  switch (out)
    {
    case L2TP_OUT_PPPD:
      *text = l2tp_render_pppd_options (cfg, ctx, error);
      break;
    case L2TP_OUT_XL2TPD:
      *text = l2tp_render_xl2tpd_conf (cfg, ctx, error);
      break;
    case L2TP_OUT_LIBRESWAN:
      *text = l2tp_render_libreswan_conn (cfg, ctx, error);
      break;
    case L2TP_OUT_LIBRESWAN_SECRETS:
      *text = l2tp_render_libreswan_secrets (cfg, ctx, error);
      break;
    case L2TP_OUT_SWANCTL:
      *msg = l2tp_render_swanctl_conn (cfg, ctx, error);
      if (*msg)
        *text = l2tp_render_swanctl_conf (cfg, ctx, error);
      break;
    case L2TP_OUT_SWANCTL_SECRETS:
      *text = l2tp_render_swanctl_conf (cfg, ctx, error);
      /* With certificates there is no shared-key message. */
      if (*text && !l2tp_config_machine_tls (cfg))
        *msg = l2tp_render_swanctl_secret (cfg, ctx, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (*text
      && (*msg
          || (out != L2TP_OUT_SWANCTL
              && (out != L2TP_OUT_SWANCTL_SECRETS || l2tp_config_machine_tls (cfg)))))
    return TRUE;
  g_clear_pointer (text, g_free);
  g_clear_pointer (msg, vici_message_free);
  return FALSE;
}

static GPtrArray *
read_format (L2tpOutput out, const char *text, char **why)
{
  switch (out)
    {
    case L2TP_OUT_PPPD:
      return reader_pppd (text, why);
    case L2TP_OUT_XL2TPD:
      return reader_xl2tpd (text, why);
    case L2TP_OUT_LIBRESWAN:
      return reader_libreswan_conf (text, why);
    case L2TP_OUT_LIBRESWAN_SECRETS:
      return reader_libreswan_secrets (text, why);
    default:
      return reader_swanctl (text, why);
    }
}

/* ---- connections ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *const *data; /* key, value, ... NULL */
} Baseline;

static const char *const psk_data[] = {
  "gateway", "vpn.example.com", "user",         "alice", "ipsec-enabled",
  "yes",     "ipsec-psk",       "baseline-psk", NULL,
};
static const char *const tls_data[] = {
  "gateway",
  "vpn.example.com",
  "user",
  "alice",
  "ipsec-enabled",
  "yes",
  "user-auth-type",
  "tls",
  "user-cert",
  "/etc/pki/user.pem",
  "machine-auth-type",
  "tls",
  "machine-cert",
  "/etc/pki/machine.pem",
  NULL,
};
/* KDE Plasma's old key names for EAP-TLS (mapped onto user-*). */
static const char *const kde_data[] = {
  "gateway",   "vpn.example.com", "user", "alice",    "ipsec-enabled",
  "yes",       "use-cert",        "yes",  "cert-pub", "/etc/pki/user.pem",
  "ipsec-psk", "baseline-psk",    NULL,
};
static const Baseline baselines[] = {
  { "psk", psk_data },
  { "tls", tls_data },
  { "kde", kde_data },
};

static L2tpConfig *
make_config (const Baseline *b, const L2tpKey *key, const char *value, GError **error)
{
  g_autoptr (GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; b->data[i]; i += 2)
    g_hash_table_insert (b->data[i] && strcmp (b->data[i], "ipsec-psk") == 0 ? secrets
                                                                             : data,
                         (gpointer) b->data[i], (gpointer) b->data[i + 1]);
  if (key)
    {
      g_hash_table_remove (data, key->name);
      g_hash_table_remove (secrets, key->name);
      g_hash_table_insert ((key->place & L2TP_IN_SECRETS) ? secrets : data,
                           (gpointer) key->name, (gpointer) value);
    }
  return l2tp_config_new (data, secrets, error);
}

static void
context_for_tests (L2tpRenderContext *ctx)
{
  test_context_init (ctx);
  /* Unresolved: the gateway key itself reaches the output. */
  ctx->gateway_addr = NULL;
}

/* The error names the key, or for an old name the key it maps onto. */
static void
assert_names_key (const GError *error, const L2tpKey *key, const L2tpConfig *cfg,
                  const char *where)
{
  guint id = (guint) (key - l2tp_key_get (0));

  if (strstr (error->message, key->name))
    return;
  if (key->deprecated && cfg)
    {
      for (guint i = 0; i < L2TP_KEY_COUNT; i++)
        if (i != id
            && g_strcmp0 (l2tp_config_get (cfg, i), l2tp_config_get (cfg, id)) == 0
            && strstr (error->message, l2tp_key_get (i)->name))
          return;
    }
  g_error ("%s: refusal does not name %s: %s", where, key->name, error->message);
}

static gboolean
bytes_contain (GBytes *hay, const void *needle, gsize len)
{
  gsize hay_len;
  const guint8 *h = g_bytes_get_data (hay, &hay_len);

  if (len == 0)
    return TRUE;
  for (gsize i = 0; i + len <= hay_len; i++)
    if (memcmp (h + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

/* Same entries in the same order; where a value differs, it holds the key's
 * value exactly (proposals are re-spelled, so only the structure counts). */
static void
assert_same_shape (GPtrArray *ref, GPtrArray *got, const L2tpKey *key, GBytes *expect,
                   const char *where)
{
  gboolean proposals = key->type == L2TP_KEY_TYPE_IKE_PROPOSALS
                       || key->type == L2TP_KEY_TYPE_ESP_PROPOSALS;

  if (ref->len != got->len)
    g_error ("%s: %u entries instead of %u (injected?)", where, got->len, ref->len);
  for (guint i = 0; i < ref->len; i++)
    {
      ReaderEntry *r = ref->pdata[i], *g = got->pdata[i];
      gsize len;
      const void *data = g_bytes_get_data (expect, &len);

      if (strcmp (r->name, g->name) != 0)
        g_error ("%s: entry %u is '%s' instead of '%s'", where, i, g->name, r->name);
      if (!proposals && !g_bytes_equal (r->value, g->value)
          && !bytes_contain (g->value, data, len))
        g_error ("%s: %s does not read back the value", where, g->name);
    }
}

static GBytes *
expected_value (const L2tpConfig *cfg, const L2tpKey *key)
{
  L2tpKeyId id = (L2tpKeyId) (key - l2tp_key_get (0));
  const char *value;

  if (id == L2TP_KEY_IPSEC_PSK)
    return l2tp_config_psk (cfg);
  value = l2tp_config_get (cfg, id);
  return g_bytes_new (value, strlen (value));
}

/* How often each outcome happened, to show the test compares real output. */
static guint n_refused, n_written;

static void
check_one (const Baseline *b, const L2tpKey *key, L2tpOutput out, const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpConfig) ref_cfg = make_config (b, key, benign_value (key), &error);
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autofree char *ref_text = NULL, *text = NULL, *why = NULL;
  g_autoptr (ViciMessage) ref_msg = NULL;
  g_autoptr (ViciMessage) msg = NULL;
  g_autoptr (GPtrArray) ref = NULL;
  g_autoptr (GPtrArray) got = NULL;
  g_autoptr (GBytes) expect = NULL;
  g_autofree char *shown = g_strescape (value, NULL);
  g_autofree char *where = g_strdup_printf ("%s/%s/%s=\"%.60s\"", b->name,
                                            l2tp_output_name (out), key->name, shown);

  g_assert_no_error (error);
  {
    L2tpRenderContext ctx;
    context_for_tests (&ctx);
    if (!render_format (out, ref_cfg, &ctx, &ref_text, &ref_msg, &error))
      {
        /* This baseline cannot be written in this format at all (libreswan
         * with certificates): nothing to compare with. */
        g_clear_error (&error);
        return;
      }
    cfg = make_config (b, key, value, &error);
    if (!cfg)
      {
        assert_names_key (error, key, NULL, where);
        n_refused++;
        return;
      }
    if (!render_format (out, cfg, &ctx, &text, &msg, &error))
      {
        assert_names_key (error, key, cfg, where);
        n_refused++;
        return;
      }
  }
  ref = read_format (out, ref_text, &why);
  g_assert_nonnull (ref);
  got = read_format (out, text, &why);
  if (!got)
    g_error ("%s: output does not parse (%s):\n%s", where, why, text);
  n_written++;
  expect = expected_value (cfg, key);
  assert_same_shape (ref, got, key, expect, where);
  if (ref_msg)
    {
      g_autoptr (GPtrArray) vref = reader_vici (ref_msg);
      g_autoptr (GPtrArray) vgot = reader_vici (msg);
      assert_same_shape (vref, vgot, key, expect, where);
      /* charon's vici_stringify() takes printable ASCII only. */
      for (guint i = 0; i < vgot->len; i++)
        {
          ReaderEntry *e = vgot->pdata[i];
          gsize len;
          const guint8 *d = g_bytes_get_data (e->value, &len);
          /* Binary on purpose: the PSK, and certificates (charon parses
           * them as blobs, PEM or DER). */
          if (g_str_has_suffix (e->name, "data") || g_str_has_suffix (e->name, "certs[]"))
            continue;
          for (gsize j = 0; j < len; j++)
            if (d[j] < 0x20 || d[j] > 0x7e)
              g_error ("%s: %s holds a byte charon refuses", where, e->name);
        }
    }
}

static void
test_key_format (gconstpointer data)
{
  guint packed = GPOINTER_TO_UINT (data);
  const L2tpKey *key = l2tp_key_get (packed >> 8);
  L2tpOutput out = (L2tpOutput) (1u << (packed & 0xff));
  g_autoptr (GPtrArray) values = hostile_values ();

  for (guint b = 0; b < G_N_ELEMENTS (baselines); b++)
    for (guint v = 0; v < values->len; v++)
      {
        const char *value = values->pdata[v];
        g_autofree char *path = NULL;

        /* File names must be absolute: make the hostile part reach the
         * renderer instead of stopping at that check. */
        if (key->type == L2TP_KEY_TYPE_PATH && value[0] != '/')
          value = path = g_strconcat ("/", value, NULL);
        check_one (&baselines[b], key, out, value);
      }
  g_test_message ("%s/%s: %u refused, %u written and read back", key->name,
                  l2tp_output_name (out), n_refused, n_written);
  n_refused = n_written = 0;
}

/* The table says where each key goes: a benign value must change that output
 * for at least one baseline. */
static void
test_table_reach (void)
{
  for (guint id = 0; id < L2TP_KEY_COUNT; id++)
    {
      const L2tpKey *key = l2tp_key_get (id);

      if (!l2tp_key_is_text (key))
        continue;
      for (guint bit = 0; bit < L2TP_OUT_ALL_FORMATS; bit++)
        {
          L2tpOutput out = (L2tpOutput) (1u << bit);
          gboolean reached = FALSE;

          if (!(key->out & out))
            continue;
          for (guint b = 0; b < G_N_ELEMENTS (baselines) && !reached; b++)
            {
              g_autoptr (GError) error = NULL;
              g_autoptr (L2tpConfig) base
                  = make_config (&baselines[b], NULL, NULL, &error);
              g_autoptr (L2tpConfig) with
                  = make_config (&baselines[b], key, benign_value (key), &error);
              g_autofree char *t1 = NULL, *t2 = NULL;
              g_autoptr (ViciMessage) m1 = NULL;
              g_autoptr (ViciMessage) m2 = NULL;
              L2tpRenderContext ctx;

              g_assert_no_error (error);
              context_for_tests (&ctx);
              if (!render_format (out, base, &ctx, &t1, &m1, NULL)
                  || !render_format (out, with, &ctx, &t2, &m2, NULL))
                continue;
              reached = strcmp (t1, t2) != 0;
            }
          if (!reached)
            g_error ("%s: the table says it reaches %s, but it does not", key->name,
                     l2tp_output_name (out));
        }
    }
}

/* ---- the per-format helpers, without the sanitizer ---------------------------- */

static void
expect_refusal_or (const char *what, const GError *error, const char *value)
{
  g_autofree char *shown = g_strescape (value, NULL);

  g_assert_nonnull (error);
  g_assert_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_UNSAFE_VALUE);
  if (!g_str_has_prefix (error->message, "k: "))
    g_error ("%s \"%.60s\": message does not start with the key: %s", what, shown,
             error->message);
}

static void
assert_single (GPtrArray *entries, guint index, const void *value, gsize len,
               const char *what)
{
  ReaderEntry *e;

  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >, index);
  e = entries->pdata[index];
  if (g_bytes_get_size (e->value) != len
      || memcmp (g_bytes_get_data (e->value, NULL), value, len) != 0)
    g_error ("%s: value does not read back", what);
}

static void
test_quote_pppd (void)
{
  g_autoptr (GPtrArray) values = hostile_values ();

  for (guint i = 0; i < values->len; i++)
    {
      const char *v = values->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autofree char *q = l2tp_pppd_quote ("k", v, &error);
      g_autofree char *file = NULL, *why = NULL;
      g_autoptr (GPtrArray) words = NULL;

      if (!q)
        {
          expect_refusal_or ("pppd", error, v);
          continue;
        }
      file = g_strdup_printf ("user %s\nnoauth\n", q);
      words = reader_pppd (file, &why);
      g_assert_nonnull (words);
      g_assert_cmpuint (words->len, ==, 3);
      assert_single (words, 1, v, strlen (v), "pppd");
    }
}

static void
test_quote_xl2tpd (void)
{
  g_autoptr (GPtrArray) values = hostile_values ();

  for (guint i = 0; i < values->len; i++)
    {
      const char *v = values->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autofree char *file = NULL, *why = NULL;
      g_autoptr (GPtrArray) entries = NULL;

      if (!l2tp_xl2tpd_check ("k", v, &error))
        {
          expect_refusal_or ("xl2tpd", error, v);
          continue;
        }
      file = g_strdup_printf ("[global]\nk = %s\nport = 1701\n", v);
      entries = reader_xl2tpd (file, &why);
      g_assert_nonnull (entries);
      g_assert_cmpuint (entries->len, ==, 3);
      assert_single (entries, 1, v, strlen (v), "xl2tpd");
    }
}

static void
test_quote_libreswan (void)
{
  g_autoptr (GPtrArray) values = hostile_values ();

  for (guint i = 0; i < values->len; i++)
    {
      const char *v = values->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autofree char *q = l2tp_libreswan_quote ("k", v, &error);
      g_autofree char *file = NULL, *why = NULL;
      g_autoptr (GPtrArray) entries = NULL;

      if (!q)
        {
          expect_refusal_or ("libreswan", error, v);
          continue;
        }
      file = g_strdup_printf ("conn x\n\tk=%s\n\tauto=add\n", q);
      entries = reader_libreswan_conf (file, &why);
      g_assert_nonnull (entries);
      g_assert_cmpuint (entries->len, ==, 3);
      assert_single (entries, 1, v, strlen (v), "libreswan");
    }
}

static void
test_quote_libreswan_secrets (void)
{
  g_autoptr (GPtrArray) values = hostile_values ();

  for (guint i = 0; i < values->len; i++)
    {
      const char *v = values->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autofree char *sel = l2tp_libreswan_selector ("k", v, &error);
      g_autofree char *psk = l2tp_libreswan_psk ((const guint8 *) v, strlen (v));
      g_autofree char *file = NULL, *why = NULL;
      g_autoptr (GPtrArray) entries = NULL;

      /* Any bytes at all can be a PSK. */
      file = g_strdup_printf ("%%any 192.0.2.1 : PSK %s\n", psk);
      entries = reader_libreswan_secrets (file, &why);
      if (strlen (file) < 2000)
        {
          g_assert_nonnull (entries);
          g_assert_cmpuint (entries->len, ==, 5);
          assert_single (entries, 4, v, strlen (v), "libreswan PSK");
        }
      g_clear_pointer (&entries, g_ptr_array_unref);
      g_clear_pointer (&file, g_free);
      g_clear_pointer (&why, g_free);
      if (!sel)
        {
          expect_refusal_or ("libreswan selector", error, v);
          continue;
        }
      file = g_strdup_printf ("%s 192.0.2.1 : PSK \"x\"\n", sel);
      entries = reader_libreswan_secrets (file, &why);
      if (strlen (file) >= 2000)
        continue;
      g_assert_nonnull (entries);
      g_assert_cmpuint (entries->len, ==, 5);
      assert_single (entries, 0, v, strlen (v), "libreswan selector");
    }
}

static void
test_quote_swanctl (void)
{
  g_autoptr (GPtrArray) values = hostile_values ();

  for (guint i = 0; i < values->len; i++)
    {
      const char *v = values->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (ViciMessage) msg = vici_message_new ();
      g_autofree char *psk = l2tp_swanctl_psk_text ((const guint8 *) v, strlen (v));
      g_autofree char *text = NULL, *why = NULL;
      g_autoptr (GPtrArray) entries = NULL;
      gboolean ok = l2tp_swanctl_check ("k", v, TRUE, &error);

      if (!ok)
        expect_refusal_or ("swanctl", error, v);
      g_clear_error (&error);
      vici_message_begin_section (msg, "s");
      if (ok)
        vici_message_add_kv_str (msg, "k", v);
      /* ipsec-psk holds at most 1024 bytes. */
      if (strlen (v) <= 1024)
        vici_message_add_kv_str (msg, "secret", psk);
      vici_message_end_section (msg);
      text = vici_message_to_swanctl_text (msg, &error);
      g_assert_no_error (error);
      entries = reader_swanctl (text, &why);
      g_assert_nonnull (entries);
      g_assert_cmpuint (entries->len, ==,
                        1 + (ok ? 1 : 0) + (strlen (v) <= 1024 ? 1 : 0));
      if (ok)
        assert_single (entries, 1, v, strlen (v), "swanctl");
      if (strlen (v) <= 1024)
        assert_single (entries, ok ? 2 : 1, v, strlen (v), "swanctl secret");
    }
}

/* ---- named regressions ------------------------------------------------------ */

/* NetworkManager-vpnc CVE-2018-10900: a newline in a value added a line of
 * its own to the daemon's configuration, e.g. a pppd plugin to load. */
static void
test_cve_2018_10900 (void)
{
  static const char *const evil[]
      = { "x\nplugin /tmp/evil.so", "x\rplugin /tmp/evil.so", "\\\nplugin /tmp/evil.so" };

  for (guint i = 0; i < G_N_ELEMENTS (evil); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (L2tpConfig) cfg
          = make_config (&baselines[0], l2tp_key_lookup ("user", NULL), evil[i], &error);
      g_autofree char *q = NULL;

      g_assert_null (cfg);
      g_assert_nonnull (strstr (error->message, "user"));
      g_clear_error (&error);
      q = l2tp_pppd_quote ("user", evil[i], &error);
      g_assert_null (q);
      g_assert_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_UNSAFE_VALUE);
      g_assert_true (g_str_has_prefix (error->message, "user: "));
    }
}

/* NetworkManager-libreswan CVE-2024-9050: a value ended its key and started
 * another, leftupdown= running a program as root. */
static void
test_cve_2024_9050 (void)
{
  static const char *const evil[] = {
    "x\nleftupdown=/tmp/evil",
    "x\n\tleftupdown=/tmp/evil",
    "x\" leftupdown=\"/tmp/evil",
    "x\"\tleftupdown=/tmp/evil",
  };

  for (guint i = 0; i < G_N_ELEMENTS (evil); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (L2tpConfig) cfg = make_config (
          &baselines[0], l2tp_key_lookup ("ipsec-remote-id", NULL), evil[i], &error);
      g_autofree char *conn = NULL;
      L2tpRenderContext ctx;

      context_for_tests (&ctx);
      if (cfg)
        conn = l2tp_render_libreswan_conn (cfg, &ctx, &error);
      g_assert_null (conn);
      g_assert_nonnull (strstr (error->message, "ipsec-remote-id"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint id = 0; id < L2TP_KEY_COUNT; id++)
    {
      const L2tpKey *key = l2tp_key_get (id);

      if (!l2tp_key_is_text (key))
        continue;
      for (guint bit = 0; bit < L2TP_OUT_ALL_FORMATS; bit++)
        {
          g_autofree char *path = NULL;

          if (!(key->out & (1u << bit)))
            continue;
          path = g_strdup_printf ("/hostile/%s/%s", key->name,
                                  l2tp_output_name ((L2tpOutput) (1u << bit)));
          g_test_add_data_func (path, GUINT_TO_POINTER ((id << 8) | bit),
                                test_key_format);
        }
    }
  g_test_add_func ("/hostile/table-reach", test_table_reach);
  g_test_add_func ("/quote/pppd", test_quote_pppd);
  g_test_add_func ("/quote/xl2tpd", test_quote_xl2tpd);
  g_test_add_func ("/quote/libreswan", test_quote_libreswan);
  g_test_add_func ("/quote/libreswan-secrets", test_quote_libreswan_secrets);
  g_test_add_func ("/quote/swanctl", test_quote_swanctl);
  g_test_add_func ("/regression/cve-2018-10900", test_cve_2018_10900);
  g_test_add_func ("/regression/cve-2024-9050", test_cve_2024_9050);
  return g_test_run ();
}
