/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "render-readers.h"

#include <string.h>

static void
entry_free (gpointer p)
{
  ReaderEntry *e = p;

  g_free (e->name);
  g_bytes_unref (e->value);
  g_free (e);
}

static GPtrArray *
entries_new (void)
{
  return g_ptr_array_new_with_free_func (entry_free);
}

static void
add_entry (GPtrArray *out, const char *name, const void *value, gsize len)
{
  ReaderEntry *e = g_new0 (ReaderEntry, 1);

  e->name = g_strdup (name);
  e->value = g_bytes_new (value, len);
  g_ptr_array_add (out, e);
}

static GPtrArray *
fail (GPtrArray *out, char **why, const char *msg)
{
  g_ptr_array_unref (out);
  *why = g_strdup (msg);
  return NULL;
}

/* ---- pppd: pppd/options.c getword() ------------------------------------ */

GPtrArray *
reader_pppd (const char *text, char **why)
{
  GPtrArray *out = entries_new ();
  const char *p = text;

  for (;;)
    {
      g_autoptr (GByteArray) word = g_byte_array_new ();
      char quoted = 0;
      gboolean comment = FALSE, escape = FALSE;

      /* White space, comments, backslash-newline. */
      for (; *p; p++)
        {
          if (*p == '\n')
            {
              if (escape)
                escape = FALSE;
              comment = FALSE;
              continue;
            }
          if (comment)
            continue;
          if (escape)
            break;
          if (*p == '\\')
            {
              escape = TRUE;
              continue;
            }
          if (*p == '#')
            {
              comment = TRUE;
              continue;
            }
          if (!g_ascii_isspace (*p))
            break;
        }
      if (!*p)
        break;
      while (*p)
        {
          guint8 c;

          if (escape)
            {
              escape = FALSE;
              if (*p == '\n')
                {
                  p++;
                  continue;
                }
              switch (*p)
                {
                case 'a':
                  c = '\a';
                  p++;
                  break;
                case 'b':
                  c = '\b';
                  p++;
                  break;
                case 'f':
                  c = '\f';
                  p++;
                  break;
                case 'n':
                  c = '\n';
                  p++;
                  break;
                case 'r':
                  c = '\r';
                  p++;
                  break;
                case 's':
                  c = ' ';
                  p++;
                  break;
                case 't':
                  c = '\t';
                  p++;
                  break;
                case 'x':
                  {
                    guint v = 0, n = 0;
                    for (p++; n < 2 && g_ascii_isxdigit (*p); n++, p++)
                      v = v * 16 + (guint) g_ascii_xdigit_value (*p);
                    c = (guint8) v;
                  }
                  break;
                default:
                  if (*p >= '0' && *p <= '7')
                    {
                      guint v = 0, n = 0;
                      for (; n < 3 && *p >= '0' && *p <= '7'; n++, p++)
                        v = (v << 3) + (guint) (*p - '0');
                      c = (guint8) v;
                    }
                  else
                    c = (guint8) *p++;
                }
              g_byte_array_append (word, &c, 1);
              continue;
            }
          if (*p == '\\')
            {
              escape = TRUE;
              p++;
              continue;
            }
          if (quoted)
            {
              if (*p == quoted)
                {
                  quoted = 0;
                  p++;
                  continue;
                }
            }
          else if (*p == '"' || *p == '\'')
            {
              quoted = *p++;
              continue;
            }
          else if (g_ascii_isspace (*p) || *p == '#')
            break;
          c = (guint8) *p++;
          g_byte_array_append (word, &c, 1);
        }
      if (quoted)
        return fail (out, why, "quoted word runs to the end of the file");
      if (word->len >= 1024)
        return fail (out, why, "word longer than pppd's MAXWORDLEN");
      add_entry (out, "word", word->data, word->len);
    }
  return out;
}

/* ---- xl2tpd: file.c parse_config() --------------------------------------- */

static gboolean
xl2tpd_space (char c)
{
  return (signed char) c < 33;
}

static char *
xl2tpd_trim (const char *s, gsize len)
{
  while (len && xl2tpd_space (*s))
    s++, len--;
  while (len && xl2tpd_space (s[len - 1]))
    len--;
  return g_strndup (s, len);
}

GPtrArray *
reader_xl2tpd (const char *text, char **why)
{
  GPtrArray *out = entries_new ();
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *section = NULL;

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];
      gsize len = strcspn (line, ";");
      g_autofree char *s = NULL;
      const char *eq;

      if (strlen (line) + 1 > 1023)
        return fail (out, why, "line too long");
      s = xl2tpd_trim (line, len);
      if (!*s)
        continue;
      if (s[0] == '[')
        {
          char *close = strchr (s, ']');
          if (!close)
            return fail (out, why, "no closing bracket");
          g_free (section);
          section = g_strndup (s + 1, (gsize) (close - s - 1));
          add_entry (out, "[section]", section, strlen (section));
          continue;
        }
      if (!section)
        return fail (out, why, "data with no section");
      eq = strchr (s, '=');
      if (!eq)
        return fail (out, why, "no '=' in data");
      {
        g_autofree char *key = xl2tpd_trim (s, (gsize) (eq - s));
        g_autofree char *value = xl2tpd_trim (eq + 1, strlen (eq + 1));
        g_autofree char *name = g_strdup_printf ("%s/%s", section, key);
        add_entry (out, name, value, strlen (value));
      }
    }
  return out;
}

/* ---- libreswan ipsec.conf: lib/libipsecconf/parser.lex ------------------- */

GPtrArray *
reader_libreswan_conf (const char *text, char **why)
{
  GPtrArray *out = entries_new ();
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      const char *p = lines[i];
      const char *start;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0' || *p == '#')
        continue;
      if (p == lines[i])
        {
          /* A section line: "conn <name>". */
          if (!g_str_has_prefix (p, "conn "))
            return fail (out, why, "unknown section line");
          p += 5;
          start = p;
          while (*p && *p != ' ' && *p != '\t' && *p != '"')
            p++;
          value = g_strndup (start, (gsize) (p - start));
          add_entry (out, "conn", value, strlen (value));
          while (*p == ' ' || *p == '\t')
            p++;
          if (*p && *p != '#')
            return fail (out, why, "junk after the conn name");
          continue;
        }
      start = p;
      while (*p && !strchr ("\"= \t", *p))
        p++;
      key = g_strndup (start, (gsize) (p - start));
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p++ != '=')
        return fail (out, why, "no '=' after a key");
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '"')
        {
          const char *end = strchr (p + 1, '"');
          if (!end)
            return fail (out, why, "unterminated quoted value");
          value = g_strndup (p + 1, (gsize) (end - p - 1));
          p = end + 1;
        }
      else if (*p == '{')
        {
          const char *end = strchr (p + 1, '}');
          if (!end || memchr (p, '"', (gsize) (end - p)))
            return fail (out, why, "bad braced value");
          value = g_strndup (p + 1, (gsize) (end - p - 1));
          p = end + 1;
        }
      else
        {
          start = p;
          while (*p && !strchr ("\" \t", *p))
            p++;
          value = g_strndup (start, (gsize) (p - start));
        }
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p && *p != '#')
        return fail (out, why, "junk after a value");
      add_entry (out, key, value, strlen (value));
    }
  return out;
}

/* ---- libreswan ipsec.secrets: lib/libswan/lex.c + secrets.c -------------- */

static gboolean
decode_secret (const char *tok, gboolean quoted, GByteArray *out)
{
  if (!quoted && (g_str_has_prefix (tok, "0s") || g_str_has_prefix (tok, "0S")))
    {
      gsize len = 0;
      g_autofree guchar *raw = g_base64_decode (tok + 2, &len);
      g_byte_array_append (out, raw, (guint) len);
      return TRUE;
    }
  if (!quoted && (g_str_has_prefix (tok, "0x") || g_str_has_prefix (tok, "0X")))
    {
      for (const char *h = tok + 2; h[0] && h[1]; h += 2)
        {
          guint8 b
              = (guint8) (g_ascii_xdigit_value (h[0]) * 16 + g_ascii_xdigit_value (h[1]));
          g_byte_array_append (out, &b, 1);
        }
      return TRUE;
    }
  g_byte_array_append (out, (const guint8 *) tok, (guint) strlen (tok));
  return TRUE;
}

GPtrArray *
reader_libreswan_secrets (const char *text, char **why)
{
  GPtrArray *out = entries_new ();
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  /* Tokens of the record being read: (text, quoted). */
  g_autoptr (GPtrArray) toks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));

  for (guint i = 0;; i++)
    {
      const char *p = lines[i];

      if (p == NULL || (*p && *p != ' ' && *p != '\t' && *p != '#'))
        {
          /* A record boundary: finish the previous record. */
          if (toks->len > 0)
            {
              guint j = 0;
              g_autoptr (GByteArray) secret = g_byte_array_new ();

              for (; j < toks->len && strcmp (toks->pdata[j], ":") != 0; j++)
                add_entry (out, "selector", toks->pdata[j], strlen (toks->pdata[j]));
              if (j + 3 != toks->len
                  || g_ascii_strcasecmp (toks->pdata[j + 1], "PSK") != 0)
                return fail (out, why, "record is not 'selectors : PSK secret'");
              add_entry (out, ":", "", 0);
              add_entry (out, "PSK", "", 0);
              decode_secret (toks->pdata[j + 2], g_array_index (quoted, gboolean, j + 2),
                             secret);
              add_entry (out, "secret", secret->data, secret->len);
              g_ptr_array_set_size (toks, 0);
              g_array_set_size (quoted, 0);
            }
          if (p == NULL)
            break;
        }
      if (strlen (p) + 1 > 2047)
        return fail (out, why, "line longer than libreswan's buffer");
      while (*p)
        {
          const char *start;
          gboolean q = FALSE;

          if (*p == ' ' || *p == '\t')
            {
              p++;
              continue;
            }
          if (*p == '#')
            break;
          if (*p == '"' || *p == '\'' || *p == '`')
            {
              const char *end = strchr (p + 1, *p);
              if (!end)
                return fail (out, why, "unterminated string");
              g_ptr_array_add (toks, g_strndup (p + 1, (gsize) (end - p - 1)));
              p = end + 1;
              q = TRUE;
            }
          else if (p[0] == '0' && p[1] == 't')
            {
              g_ptr_array_add (toks, g_strdup (p));
              p += strlen (p);
            }
          else
            {
              start = p;
              while (*p && *p != ' ' && *p != '\t')
                p++;
              if (p - 1 > start && p[-1] == ':')
                {
                  g_ptr_array_add (toks, g_strndup (start, (gsize) (p - 1 - start)));
                  g_array_append_val (quoted, q);
                  g_ptr_array_add (toks, g_strdup (":"));
                }
              else
                g_ptr_array_add (toks, g_strndup (start, (gsize) (p - start)));
            }
          g_array_append_val (quoted, q);
        }
    }
  return out;
}

/* ---- swanctl.conf: strongSwan settings syntax ---------------------------- */

static void
skip_space (const char **p)
{
  for (;;)
    {
      while (g_ascii_isspace (**p))
        (*p)++;
      if (**p != '#')
        return;
      while (**p && **p != '\n')
        (*p)++;
    }
}

static gboolean
name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

static gboolean
read_section (GPtrArray *out, const char **p, const char *path, gboolean top, char **why)
{
  for (;;)
    {
      const char *start;
      g_autofree char *name = NULL;
      g_autofree char *full = NULL;

      skip_space (p);
      if (**p == '\0')
        {
          if (!top)
            *why = g_strdup ("section not closed");
          return top;
        }
      if (**p == '}')
        {
          (*p)++;
          if (top)
            *why = g_strdup ("unbalanced '}'");
          return !top;
        }
      start = *p;
      while (name_char (**p))
        (*p)++;
      if (*p == start)
        {
          *why = g_strdup_printf ("unexpected character '%c'", **p);
          return FALSE;
        }
      name = g_strndup (start, (gsize) (*p - start));
      full = *path ? g_strdup_printf ("%s/%s", path, name) : g_strdup (name);
      while (**p == ' ' || **p == '\t')
        (*p)++;
      if (**p == '{')
        {
          (*p)++;
          add_entry (out, full, "{", 1);
          if (!read_section (out, p, full, FALSE, why))
            return FALSE;
          continue;
        }
      if (**p != '=')
        {
          *why = g_strdup_printf ("no '=' after %s", name);
          return FALSE;
        }
      (*p)++;
      while (**p == ' ' || **p == '\t')
        (*p)++;
      {
        g_autoptr (GByteArray) v = g_byte_array_new ();

        if (**p == '"')
          {
            for ((*p)++; **p && **p != '"'; (*p)++)
              {
                if (**p == '\\' && (*p)[1])
                  (*p)++;
                if (**p != '\r')
                  g_byte_array_append (v, (const guint8 *) *p, 1);
              }
            if (**p != '"')
              {
                *why = g_strdup ("unterminated string");
                return FALSE;
              }
            (*p)++;
            while (**p == ' ' || **p == '\t')
              (*p)++;
            if (**p && **p != '\n' && **p != '#' && **p != '}')
              {
                *why = g_strdup ("junk after a quoted value");
                return FALSE;
              }
          }
        else
          {
            /* Words of [^#}"\r\n\t ] joined by single spaces. */
            while (**p && !strchr ("#}\"\r\n", **p))
              {
                if (**p == ' ' || **p == '\t')
                  {
                    while (**p == ' ' || **p == '\t')
                      (*p)++;
                    if (**p && !strchr ("#}\"\r\n", **p) && v->len)
                      g_byte_array_append (v, (const guint8 *) " ", 1);
                    continue;
                  }
                g_byte_array_append (v, (const guint8 *) *p, 1);
                (*p)++;
              }
            if (**p == '"')
              {
                *why = g_strdup ("quote inside a bare value");
                return FALSE;
              }
          }
        if (strcmp (name, "secret") == 0)
          {
            g_autoptr (GByteArray) d = g_byte_array_new ();
            /* No bytes read: v->data is NULL, and so would g_strndup be. */
            g_autofree char *s
                = v->len ? g_strndup ((const char *) v->data, v->len) : g_strdup ("");
            decode_secret (s, FALSE, d);
            add_entry (out, full, d->data, d->len);
          }
        else
          add_entry (out, full, v->data, v->len);
      }
    }
}

GPtrArray *
reader_swanctl (const char *text, char **why)
{
  GPtrArray *out = entries_new ();
  const char *p = text;

  if (!read_section (out, &p, "", TRUE, why))
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  return out;
}

/* ---- VICI ----------------------------------------------------------------- */

static void
walk (GPtrArray *out, const ViciNode *section, const char *path)
{
  for (guint i = 0; i < vici_node_get_n_children (section); i++)
    {
      const ViciNode *node = vici_node_get_child (section, i);
      g_autofree char *full
          = *path ? g_strdup_printf ("%s/%s", path, vici_node_get_name (node))
                  : g_strdup (vici_node_get_name (node));
      const guint8 *data;
      gsize len;

      switch (vici_node_get_kind (node))
        {
        case VICI_NODE_SECTION:
          add_entry (out, full, "{", 1);
          walk (out, node, full);
          break;
        case VICI_NODE_KEY_VALUE:
          data = vici_node_get_value (node, &len);
          add_entry (out, full, data, len);
          break;
        case VICI_NODE_LIST:
          for (guint j = 0; j < vici_node_get_n_items (node); j++)
            {
              g_autofree char *item = g_strdup_printf ("%s[]", full);
              data = vici_node_get_item (node, j, &len);
              add_entry (out, item, data, len);
            }
          break;
        }
    }
}

GPtrArray *
reader_vici (const ViciMessage *msg)
{
  GPtrArray *out = entries_new ();

  walk (out, vici_message_get_root (msg), "");
  return out;
}

char *
reader_vici_dump (const ViciMessage *msg)
{
  g_autoptr (GPtrArray) entries = reader_vici (msg);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      ReaderEntry *e = entries->pdata[i];
      gsize len;
      const char *data = g_bytes_get_data (e->value, &len);
      g_autofree char *raw = g_strndup (data, len);
      g_autofree char *esc = NULL;

      if (memchr (data, '\0', len))
        {
          /* Show bytes a NUL would hide. */
          g_autofree char *hex = g_malloc (len * 2 + 1);
          for (gsize j = 0; j < len; j++)
            g_snprintf (hex + 2 * j, 3, "%02x", (guint8) data[j]);
          g_string_append_printf (out, "%s = 0x%s\n", e->name, hex);
          continue;
        }
      esc = g_strescape (raw, NULL);
      g_string_append_printf (out, "%s = %s\n", e->name, esc);
    }
  return g_string_free (out, FALSE);
}

/* ---- profiles --------------------------------------------------------------- */

/* Kept for the whole run (reachable, so no leak for LeakSanitizer). */
static GBytes *test_machine_ca, *test_machine_cert;

void
test_context_init (L2tpRenderContext *ctx)
{
  static const char ca[] = "-----BEGIN CERTIFICATE-----\nCA of the test\n"
                           "-----END CERTIFICATE-----\n";
  static const char cert[] = "-----BEGIN CERTIFICATE-----\nhost of the test\n"
                             "-----END CERTIFICATE-----\n";

  if (!test_machine_ca)
    {
      test_machine_ca = g_bytes_new_static (ca, sizeof ca - 1);
      test_machine_cert = g_bytes_new_static (cert, sizeof cert - 1);
    }
  memset (ctx, 0, sizeof (*ctx));
  ctx->name = "nm-l2tp-ipsec-5f0d7c3e-2b1a-4c8e-9d6f-0a1b2c3d4e5f";
  ctx->gateway_addr = "203.0.113.10";
  ctx->local_addr = NULL;
  ctx->l2tp_port = 1701;
  ctx->runtime_dir = "/run/nm-l2tp-ipsec/5f0d7c3e-2b1a-4c8e-9d6f-0a1b2c3d4e5f";
  ctx->pppd_plugin = "/usr/lib/pppd/2.4.9/nm-l2tp-ipsec-pppd-plugin.so";
  ctx->bus_name = "org.freedesktop.NetworkManager.l2tp.Connection_7";
  /* What the service read of the connection's files (stand-ins: the
   * renderers pass them on, they do not parse them) and pppd's copies. */
  ctx->machine_ca = test_machine_ca;
  ctx->machine_cert = test_machine_cert;
  ctx->ppp_ca = "/run/nm-l2tp-ipsec/5f0d7c3e-2b1a-4c8e-9d6f-0a1b2c3d4e5f/user-ca";
  ctx->ppp_cert = "/run/nm-l2tp-ipsec/5f0d7c3e-2b1a-4c8e-9d6f-0a1b2c3d4e5f/user-cert";
  ctx->ppp_key = "/run/nm-l2tp-ipsec/5f0d7c3e-2b1a-4c8e-9d6f-0a1b2c3d4e5f/user-key";
}

static GHashTable *
load_group (GKeyFile *kf, const char *group)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) keys = g_key_file_get_keys (kf, group, NULL, NULL);

  for (guint i = 0; keys && keys[i]; i++)
    g_hash_table_insert (table, g_strdup (keys[i]),
                         g_key_file_get_string (kf, group, keys[i], NULL));
  return table;
}

TestProfile *
test_profile_load (const char *path, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  TestProfile *p;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, error))
    return NULL;
  p = g_new0 (TestProfile, 1);
  p->data = load_group (kf, "data");
  p->secrets = load_group (kf, "secrets");
  test_context_init (&p->ctx);
  if (g_key_file_has_key (kf, "context", "l2tp-port", NULL))
    p->ctx.l2tp_port
        = (guint16) g_key_file_get_integer (kf, "context", "l2tp-port", NULL);
  if (g_key_file_has_key (kf, "context", "local-addr", NULL))
    p->ctx.local_addr = p->local_addr
        = g_key_file_get_string (kf, "context", "local-addr", NULL);
  if (g_key_file_has_key (kf, "context", "gateway-addr", NULL))
    p->ctx.gateway_addr = p->gateway_addr
        = g_key_file_get_string (kf, "context", "gateway-addr", NULL);
  if (g_key_file_has_key (kf, "context", "esp-offer", NULL))
    {
      g_autofree char *text = g_key_file_get_string (kf, "context", "esp-offer", NULL);

      p->esp_offer
          = l2tp_proposal_set_parse (L2TP_PROPOSAL_ESP, "esp-offer", text, error);
      if (!p->esp_offer)
        {
          test_profile_free (p);
          return NULL;
        }
      p->ctx.esp_offer = p->esp_offer;
    }
  if (g_key_file_has_key (kf, "context", "ppp-mppe", NULL))
    p->ctx.ppp_mppe = g_key_file_get_boolean (kf, "context", "ppp-mppe", NULL);
  return p;
}

void
test_profile_free (TestProfile *p)
{
  if (!p)
    return;
  g_hash_table_unref (p->data);
  g_hash_table_unref (p->secrets);
  g_free (p->local_addr);
  g_free (p->gateway_addr);
  if (p->esp_offer)
    l2tp_proposal_set_free (p->esp_offer);
  g_free (p);
}
