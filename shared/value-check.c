/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "value-check.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "config.h"
#include "proposals.h"

static gboolean
fail (GError **error, const L2tpKey *key, const char *reason)
{
  g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE, "%s: %s",
               key->name, reason);
  return FALSE;
}

/* Rules every text value obeys, whatever format it may reach later. */
static gboolean
check_text (const L2tpKey *key, const char *value, GError **error)
{
  gsize len = strlen (value);

  if (key->max && len > key->max)
    {
      g_autofree char *msg = g_strdup_printf (_ ("longer than %u bytes"), key->max);
      return fail (error, key, msg);
    }
  if (!g_utf8_validate (value, len, NULL))
    return fail (error, key, _ ("not valid UTF-8 text"));
  for (const char *p = value; *p; p++)
    {
      guchar c = (guchar) *p;
      if (c < 0x20 || c == 0x7f)
        {
          g_autofree char *msg
              = g_strdup_printf (_ ("contains the control character 0x%02x"), c);
          return fail (error, key, msg);
        }
    }
  return TRUE;
}

/* Letters, digits, '-' and '_' in dot-separated labels of 1 to 63 bytes; a
 * label neither starts nor ends with '-'. */
static gboolean
is_dns_name (const char *s)
{
  g_auto (GStrv) labels = NULL;

  if (*s == '\0' || strlen (s) > 253)
    return FALSE;
  labels = g_strsplit (s, ".", -1);
  for (guint i = 0; labels[i]; i++)
    {
      gsize len = strlen (labels[i]);
      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
      for (const char *p = labels[i]; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
          return FALSE;
    }
  return TRUE;
}

static gboolean
is_ipv4 (const char *s)
{
  guint parts = 0;

  while (TRUE)
    {
      guint n = 0, digits = 0;
      while (g_ascii_isdigit (*s) && digits < 4)
        {
          n = n * 10 + (guint) (*s++ - '0');
          digits++;
        }
      if (digits == 0 || digits > 3 || n > 255)
        return FALSE;
      parts++;
      if (*s == '\0')
        return parts == 4;
      if (*s++ != '.' || parts == 4)
        return FALSE;
    }
}

static gboolean
is_ipv6 (const char *s)
{
  guint colons = 0;

  if (strlen (s) > 45 || !strchr (s, ':'))
    return FALSE;
  for (const char *p = s; *p; p++)
    {
      if (*p == ':')
        colons++;
      else if (!g_ascii_isxdigit (*p) && *p != '.')
        return FALSE;
    }
  return colons >= 2 && colons <= 7 && strstr (s, ":::") == NULL;
}

static gboolean
is_base64 (const char *s)
{
  gsize len = strlen (s);

  if (len == 0 || len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      gboolean pad_ok
          = i >= len - 2 && s[i] == '=' && (i == len - 1 || s[len - 1] == '=');
      if (!g_ascii_isalnum (s[i]) && s[i] != '+' && s[i] != '/' && !pad_ok)
        return FALSE;
    }
  return TRUE;
}

static char *
canonical_uint (const L2tpKey *key, const char *value, GError **error)
{
  guint64 n;
  gsize len = strlen (value);

  if (len == 0 || len > 10)
    return fail (error, key, _ ("not a number")), NULL;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isdigit (*p))
      return fail (error, key, _ ("not a whole number")), NULL;
  n = g_ascii_strtoull (value, NULL, 10);
  if (n < key->min || n > key->max)
    {
      g_autofree char *msg
          = g_strdup_printf (_ ("%s is outside %u to %u"), value, key->min, key->max);
      return fail (error, key, msg), NULL;
    }
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

char *
l2tp_value_canonicalize (const L2tpKey *key, const char *value, GError **error)
{
  g_return_val_if_fail (key != NULL && value != NULL, NULL);

  if (!check_text (key, value, error))
    return NULL;

  switch (key->type)
    {
    case L2TP_KEY_TYPE_STRING:
      return g_strdup (value);
    case L2TP_KEY_TYPE_PSK:
      if (g_str_has_prefix (value, "0s") && !is_base64 (value + 2))
        return fail (error, key, _ ("starts with \"0s\" but the rest is not base64")),
               NULL;
      return g_strdup (value);
    case L2TP_KEY_TYPE_HOST:
      if (!is_ipv4 (value) && !is_ipv6 (value) && !is_dns_name (value))
        return fail (error, key, _ ("not a host name or IP address")), NULL;
      return g_ascii_strdown (value, -1);
    case L2TP_KEY_TYPE_IPV4:
      if (!is_ipv4 (value))
        return fail (error, key, _ ("not an IPv4 address")), NULL;
      return g_strdup (value);
    case L2TP_KEY_TYPE_BOOL:
      if (strcmp (value, "yes") != 0 && strcmp (value, "no") != 0)
        return fail (error, key, _ ("must be \"yes\" or \"no\"")), NULL;
      return g_strdup (value);
    case L2TP_KEY_TYPE_UINT:
    case L2TP_KEY_TYPE_SECRET_FLAGS:
      return canonical_uint (key, value, error);
    case L2TP_KEY_TYPE_ENUM:
      if (!g_strv_contains (key->choices, value))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) key->choices);
          g_autofree char *msg = g_strdup_printf (_ ("must be one of: %s"), list);
          return fail (error, key, msg), NULL;
        }
      return g_strdup (value);
    case L2TP_KEY_TYPE_PATH:
      if (value[0] != '/')
        return fail (error, key, _ ("must be an absolute file name")), NULL;
      return g_strdup (value);
    case L2TP_KEY_TYPE_IKE_ID:
      if (g_ascii_isspace (value[0]) || g_ascii_isspace (value[strlen (value) - 1]))
        return fail (error, key, _ ("must not start or end with a space")), NULL;
      return g_strdup (value);
    case L2TP_KEY_TYPE_IKE_PROPOSALS:
    case L2TP_KEY_TYPE_ESP_PROPOSALS:
      {
        /* Parsed to check every algorithm; the user's own spelling is kept. */
        L2tpProposalKind kind = key->type == L2TP_KEY_TYPE_IKE_PROPOSALS
                                    ? L2TP_PROPOSAL_IKE
                                    : L2TP_PROPOSAL_ESP;
        g_autoptr (GError) parse_error = NULL;
        g_autoptr (L2tpProposalSet) set
            = l2tp_proposal_set_parse (kind, key->name, value, &parse_error);
        if (!set)
          {
            /* One error domain for every refused value. */
            g_set_error_literal (error, L2TP_CONFIG_ERROR,
                                 L2TP_CONFIG_ERROR_INVALID_VALUE, parse_error->message);
            return NULL;
          }
        return g_strdup (value);
      }
    }
  g_return_val_if_reached (NULL);
}

GBytes *
l2tp_value_decode_psk (const char *psk)
{
  if (g_str_has_prefix (psk, "0s") && is_base64 (psk + 2))
    {
      gsize len = 0;
      guchar *raw = g_base64_decode (psk + 2, &len);
      return g_bytes_new_take (raw, len);
    }
  return g_bytes_new (psk, strlen (psk));
}

int
l2tp_value_compare_indirect (const char *const *a, const char *const *b)
{
  return strcmp (*a, *b);
}
