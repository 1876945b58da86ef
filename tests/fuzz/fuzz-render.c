/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sanitize + render: the input is a connection, every renderer writes it.
 *
 * Input: byte 0 picks the render context (bits below); the rest is a list of
 * "key=value" records separated by NUL bytes (so values may hold newlines,
 * quotes, '#', anything). A record goes where the key table says the key
 * lives (vpn.secrets for secret-only keys, else vpn.data); a leading '+' on
 * the key forces vpn.secrets (ipsec-psk lives in both).
 *
 * When l2tp_config_new() accepts the connection, every renderer of
 * shared/render-*.h runs. INVARIANT: never crash, and never emit a line the
 * template did not produce. Checked against a baseline: the same connection
 * with every free-text value replaced by a harmless value of the same key.
 * Both outputs must read (with the daemon-style readers of
 * tests/unit/render-readers.c) as the same entries with the same names,
 * every value not derived from a replaced one must be equal, and the text
 * must have the same number of lines starting with the same option names.
 * A renderer may refuse the hostile value (with an error), never accept it
 * while refusing the harmless one. */
#include <string.h>

#include "config.h"
#include "fuzz-common.h"
#include "render-libreswan.h"
#include "render-pppd.h"
#include "render-readers.h"
#include "render-swanctl.h"
#include "render-xl2tpd.h"

enum
{
  CTX_GATEWAY_RESOLVED = 1 << 0, /* else the gateway key reaches the output */
  CTX_LOCAL_ADDR = 1 << 1,
  CTX_EPHEMERAL_PORT = 1 << 2,
  CTX_ESP_PFS = 1 << 3,
  CTX_NO_BUS_NAME = 1 << 4,
};

/* Harmless values: valid for their key type, and recognisable in output. */
#define HARMLESS_TEXT "harmless"
#define HARMLESS_IPV4 "192.0.2.99"
#define HARMLESS_IPV6 "2001:db8::99"
static const char *const harmless_markers[]
    = { HARMLESS_TEXT, HARMLESS_IPV4, HARMLESS_IPV6, NULL };

static const char *
harmless_value (const L2tpKey *key, const char *value)
{
  switch (key->type)
    {
    case L2TP_KEY_TYPE_STRING:
      return HARMLESS_TEXT;
    case L2TP_KEY_TYPE_PSK:
      return HARMLESS_TEXT "-psk";
    case L2TP_KEY_TYPE_HOST:
      /* xl2tpd refuses IPv6: keep that property. */
      return strchr (value, ':') ? HARMLESS_IPV6 : HARMLESS_TEXT ".example";
    case L2TP_KEY_TYPE_IPV4:
      return HARMLESS_IPV4;
    case L2TP_KEY_TYPE_PATH:
      return "/" HARMLESS_TEXT "/file.pem";
    case L2TP_KEY_TYPE_IKE_ID:
      return "@" HARMLESS_TEXT ".example";
    default:
      /* Booleans, numbers, enums, proposals: no free text reaches output. */
      return value;
    }
}

static GHashTable *
table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* data/secrets from the records; FALSE if there is nothing to try. */
static gboolean
parse_records (const uint8_t *data, size_t size, GHashTable *vpn_data,
               GHashTable *vpn_secrets)
{
  size_t pos = 0;

  while (pos < size)
    {
      const uint8_t *end = memchr (data + pos, '\0', size - pos);
      size_t len = end ? (size_t) (end - (data + pos)) : size - pos;
      g_autofree char *record = g_strndup ((const char *) data + pos, len);
      char *eq = strchr (record, '=');
      const char *name = record;
      gboolean force_secret = FALSE;
      const L2tpKey *key;

      pos += len + 1;
      if (!eq)
        continue;
      *eq = '\0';
      if (name[0] == '+')
        {
          force_secret = TRUE;
          name++;
        }
      key = l2tp_key_lookup (name, NULL);
      g_hash_table_insert ((force_secret || (key && key->place == L2TP_IN_SECRETS))
                               ? vpn_secrets
                               : vpn_data,
                           g_strdup (name), g_strdup (eq + 1));
    }
  return g_hash_table_size (vpn_data) + g_hash_table_size (vpn_secrets) > 0;
}

static GHashTable *
baseline_table (GHashTable *table)
{
  GHashTable *out = table_new ();
  GHashTableIter iter;
  gpointer k, v;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      const L2tpKey *key = l2tp_key_lookup (k, NULL);
      const char *value = v;

      /* Empty means "not set": keep it so. */
      if (key && value[0])
        value = harmless_value (key, value);
      g_hash_table_insert (out, g_strdup (k), g_strdup (value));
    }
  return out;
}

static void
context_init (L2tpRenderContext *ctx, guint8 flags)
{
  test_context_init (ctx);
  if (!(flags & CTX_GATEWAY_RESOLVED))
    ctx->gateway_addr = NULL;
  if (flags & CTX_LOCAL_ADDR)
    ctx->local_addr = "198.51.100.7";
  if (flags & CTX_EPHEMERAL_PORT)
    ctx->l2tp_port = 40123;
  if (flags & CTX_NO_BUS_NAME)
    ctx->bus_name = NULL;
}

/* ---- outputs ------------------------------------------------------------- */

typedef enum
{
  OUT_PPPD,
  OUT_XL2TPD,
  OUT_LIBRESWAN_CONN,
  OUT_LIBRESWAN_SECRETS,
  OUT_SWANCTL_CONF,
  OUT_VICI_CONN,
  OUT_VICI_SECRET,
  N_OUTPUTS
} Output;

static const char *const output_names[] = {
  "pppd options", "xl2tpd.conf",    "libreswan conn",   "libreswan secrets",
  "swanctl.conf", "VICI load-conn", "VICI load-shared",
};

typedef struct
{
  char *text;       /* text outputs */
  ViciMessage *msg; /* VICI outputs */
  GError *error;
} Rendered;

static void
rendered_clear (Rendered *r)
{
  g_clear_pointer (&r->text, g_free);
  g_clear_pointer (&r->msg, vici_message_free);
  g_clear_error (&r->error);
}

static gboolean
render (Output out, const L2tpConfig *cfg, const L2tpRenderContext *ctx, Rendered *r)
{
  gboolean ok;

  switch (out)
    {
    case OUT_PPPD:
      r->text = l2tp_render_pppd_options (cfg, ctx, &r->error);
      break;
    case OUT_XL2TPD:
      r->text = l2tp_render_xl2tpd_conf (cfg, ctx, &r->error);
      break;
    case OUT_LIBRESWAN_CONN:
      r->text = l2tp_render_libreswan_conn (cfg, ctx, &r->error);
      break;
    case OUT_LIBRESWAN_SECRETS:
      r->text = l2tp_render_libreswan_secrets (cfg, ctx, &r->error);
      break;
    case OUT_SWANCTL_CONF:
      r->text = l2tp_render_swanctl_conf (cfg, ctx, &r->error);
      break;
    case OUT_VICI_CONN:
      r->msg = l2tp_render_swanctl_conn (cfg, ctx, &r->error);
      break;
    case OUT_VICI_SECRET:
      r->msg = l2tp_render_swanctl_secret (cfg, ctx, &r->error);
      break;
    default:
      g_assert_not_reached ();
    }
  ok = r->text != NULL || r->msg != NULL;
  fuzz_check_error (output_names[out], ok, r->error);
  return ok;
}

static GPtrArray *
read_entries (Output out, const Rendered *r, const char *which)
{
  g_autofree char *why = NULL;
  GPtrArray *entries = NULL;

  switch (out)
    {
    case OUT_PPPD:
      entries = reader_pppd (r->text, &why);
      break;
    case OUT_XL2TPD:
      entries = reader_xl2tpd (r->text, &why);
      break;
    case OUT_LIBRESWAN_CONN:
      entries = reader_libreswan_conf (r->text, &why);
      break;
    case OUT_LIBRESWAN_SECRETS:
      entries = reader_libreswan_secrets (r->text, &why);
      break;
    case OUT_SWANCTL_CONF:
      entries = reader_swanctl (r->text, &why);
      break;
    default:
      return reader_vici (r->msg);
    }
  if (!entries)
    fuzz_fail ("%s (%s) does not parse: %s\n---\n%s---", output_names[out], which, why,
               r->text);
  return entries;
}

static gboolean
has_marker (const char *s, gsize len)
{
  for (guint i = 0; harmless_markers[i]; i++)
    {
      gsize n = strlen (harmless_markers[i]);
      for (gsize j = 0; j + n <= len; j++)
        if (memcmp (s + j, harmless_markers[i], n) == 0)
          return TRUE;
    }
  return FALSE;
}

static void
compare_entries (Output out, GPtrArray *base, GPtrArray *got)
{
  if (base->len != got->len)
    fuzz_fail ("%s: %u entries instead of %u", output_names[out], got->len, base->len);
  for (guint i = 0; i < base->len; i++)
    {
      ReaderEntry *b = base->pdata[i], *g = got->pdata[i];
      gsize len;
      const char *value = g_bytes_get_data (b->value, &len);

      if (strcmp (b->name, g->name) != 0)
        fuzz_fail ("%s: entry %u is '%s' instead of '%s'", output_names[out], i, g->name,
                   b->name);
      if (!has_marker (value, len) && !g_bytes_equal (b->value, g->value))
        fuzz_fail ("%s: entry %u (%s) changed although no user text is in it",
                   output_names[out], i, b->name);
    }
}

/* The option or key name a line starts with. */
static char *
line_head (const char *line)
{
  line += strspn (line, " \t");
  return g_strndup (line, strcspn (line, " \t="));
}

static void
compare_lines (Output out, const char *base, const char *got)
{
  g_auto (GStrv) b = g_strsplit (base, "\n", -1);
  g_auto (GStrv) g = g_strsplit (got, "\n", -1);

  if (g_strv_length (b) != g_strv_length (g))
    fuzz_fail ("%s: %u lines instead of %u\n---\n%s---", output_names[out],
               g_strv_length (g), g_strv_length (b), got);
  for (guint i = 0; b[i]; i++)
    {
      g_autofree char *bh = line_head (b[i]);
      g_autofree char *gh = line_head (g[i]);

      if (!has_marker (bh, strlen (bh)) && strcmp (bh, gh) != 0)
        fuzz_fail ("%s: line %u starts with '%s' instead of '%s'", output_names[out],
                   i + 1, gh, bh);
    }
}

/* charon's vici_stringify() takes printable ASCII only; the PSK's "data"
 * and the certificates (certs[], cacerts[]: blobs) are binary on purpose. */
static void
check_vici_ascii (Output out, GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      ReaderEntry *e = entries->pdata[i];
      gsize len;
      const guint8 *d = g_bytes_get_data (e->value, &len);

      if (strcmp (e->name, "data") == 0 || g_str_has_suffix (e->name, "certs[]"))
        continue;
      for (gsize j = 0; j < len; j++)
        if (d[j] < 0x20 || d[j] > 0x7e)
          fuzz_fail ("%s: %s holds byte 0x%02x", output_names[out], e->name, d[j]);
    }
}

static void
check_output (Output out, const L2tpConfig *cfg, const L2tpConfig *base_cfg,
              const L2tpRenderContext *ctx)
{
  Rendered r = { 0 }, b = { 0 };

  if (render (out, cfg, ctx, &r))
    {
      g_autoptr (GPtrArray) got = NULL;
      g_autoptr (GPtrArray) base = NULL;

      if (!render (out, base_cfg, ctx, &b))
        fuzz_fail ("%s: the hostile value was written, the harmless one refused: %s",
                   output_names[out], b.error->message);
      got = read_entries (out, &r, "fuzzed");
      base = read_entries (out, &b, "baseline");
      compare_entries (out, base, got);
      if (r.text)
        compare_lines (out, b.text, r.text);
      else
        check_vici_ascii (out, got);
    }
  rendered_clear (&r);
  rendered_clear (&b);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GHashTable) vpn_data = table_new ();
  g_autoptr (GHashTable) vpn_secrets = table_new ();
  g_autoptr (GHashTable) base_data = NULL;
  g_autoptr (GHashTable) base_secrets = NULL;
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autoptr (L2tpConfig) base_cfg = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProposalSet) esp_offer = NULL;
  L2tpRenderContext ctx;

  if (size < 1 || !parse_records (data + 1, size - 1, vpn_data, vpn_secrets))
    return 0;
  context_init (&ctx, data[0]);

  cfg = l2tp_config_new (vpn_data, vpn_secrets, &error);
  fuzz_check_error ("l2tp_config_new", cfg != NULL, error);
  if (!cfg)
    return 0;
  /* A Quick Mode offer of the plan: the config's set in one PFS group. */
  if (data[0] & CTX_ESP_PFS)
    {
      esp_offer = l2tp_proposal_set_with_dh (l2tp_config_esp (cfg), L2TP_DH_MODP2048);
      ctx.esp_offer = esp_offer;
    }

  /* What the sanitizer hands back must sanitize to itself. */
  {
    g_autoptr (GHashTable) d = l2tp_config_dup_data (cfg);
    g_autoptr (GHashTable) s = l2tp_config_dup_secrets (cfg);
    g_autoptr (L2tpConfig) again = l2tp_config_new (d, s, &error);

    if (!again)
      fuzz_fail ("canonical keys are refused: %s", error->message);
    for (guint id = 0; id < L2TP_KEY_COUNT; id++)
      if (!l2tp_key_get (id)->deprecated
          && g_strcmp0 (l2tp_config_get (cfg, id), l2tp_config_get (again, id)) != 0)
        fuzz_fail ("%s changes when sanitized twice", l2tp_key_get (id)->name);
  }

  base_data = baseline_table (vpn_data);
  base_secrets = baseline_table (vpn_secrets);
  base_cfg = l2tp_config_new (base_data, base_secrets, &error);
  if (!base_cfg)
    fuzz_fail ("the harmless baseline is refused: %s", error->message);

  for (Output out = 0; out < N_OUTPUTS; out++)
    check_output (out, cfg, base_cfg, &ctx);
  return 0;
}
