/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — IPsec proposal model: parse, validate, render (the set
 * container itself is proposal-set.c).
 *
 * Accepted spelling (case-insensitive, blanks around tokens ignored):
 *
 *   text      := proposal { "," proposal } [ "!" ]
 *   proposal  := alg { "-" alg } [ ";" dh { "-" dh } ]
 *
 * Algorithms may come in any order, as in strongSwan. Several algorithms of
 * one type in one proposal ("aes128-aes256-sha1-modp2048") stand for every
 * combination, which is what strongSwan makes of them in IKEv1; we expand
 * them into single proposals (cipher outermost) so each backend gets the
 * same list. ';' is libreswan's separator before the DH group.
 *
 * The trailing "!" is the strict marker the older plugin appended for
 * strongSwan's ipsec.conf ("these and no defaults"). It is remembered for
 * to_string(); swanctl lists are strict anyway and libreswan has no such
 * marker, so the renderers do not emit it.
 *
 * Decisions:
 * - Single DES is refused: it is broken, and the clients servers are built
 *   for (Windows, Apple) offer 3DES or AES, so a server accepts one of those.
 * - An IKE proposal without a DH group is refused. strongSwan's proposal
 *   parser refuses it too ("a DH group is mandatory in IKE proposals",
 *   src/libstrongswan/crypto/proposal/proposal.c); only libreswan fills in
 *   its own default groups for "ike=aes-sha1". Such a profile gets a clear
 *   message at save time instead of a different meaning per backend.
 * - An integrity algorithm is required unless the cipher is AEAD (GCM). In
 *   IKE an AEAD cipher needs a PRF instead: "prfsha256", or a plain hash name
 *   which both strongSwan and libreswan read as the PRF there.
 */
#include "proposals.h"
#include "proposal-set-private.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#define MAX_TEXT_LEN  4096 /* our longest list, the IKE default, is 370 bytes */
#define MAX_PROPOSALS 64   /* keeps the Main Mode packet well under 1500 bytes */

G_DEFINE_QUARK (l2tp - proposal - error - quark, l2tp_proposal_error)

/*****************************************************************************/
/* Names */

typedef enum
{
  TOK_ENC,
  TOK_INTEG,
  TOK_PRF,
  TOK_DH,
  TOK_NULL, /* libreswan "aes_gcm-null": explicitly no integrity */
  TOK_DES,  /* known, refused */
} TokenType;

typedef struct
{
  const char *name;
  TokenType type;
  int value;
} Token;

static const Token tokens[] = {
  { "aes", TOK_ENC, L2TP_ENC_AES128 }, /* both daemons: plain aes is aes128 */
  { "aes128", TOK_ENC, L2TP_ENC_AES128 },
  { "aes192", TOK_ENC, L2TP_ENC_AES192 },
  { "aes256", TOK_ENC, L2TP_ENC_AES256 },
  { "aes128gcm16", TOK_ENC, L2TP_ENC_AES128_GCM16 },
  { "aes192gcm16", TOK_ENC, L2TP_ENC_AES192_GCM16 },
  { "aes256gcm16", TOK_ENC, L2TP_ENC_AES256_GCM16 },
  { "aes128gcm128", TOK_ENC, L2TP_ENC_AES128_GCM16 },
  { "aes192gcm128", TOK_ENC, L2TP_ENC_AES192_GCM16 },
  { "aes256gcm128", TOK_ENC, L2TP_ENC_AES256_GCM16 },
  { "aes_gcm128", TOK_ENC, L2TP_ENC_AES128_GCM16 },
  { "aes_gcm192", TOK_ENC, L2TP_ENC_AES192_GCM16 },
  { "aes_gcm256", TOK_ENC, L2TP_ENC_AES256_GCM16 },
  { "3des", TOK_ENC, L2TP_ENC_3DES },
  { "des", TOK_DES, 0 },

  { "md5", TOK_INTEG, L2TP_INTEG_MD5 },
  { "sha", TOK_INTEG, L2TP_INTEG_SHA1 }, /* libreswan */
  { "sha1", TOK_INTEG, L2TP_INTEG_SHA1 },
  { "sha2", TOK_INTEG, L2TP_INTEG_SHA256 }, /* libreswan */
  { "sha256", TOK_INTEG, L2TP_INTEG_SHA256 },
  { "sha2_256", TOK_INTEG, L2TP_INTEG_SHA256 },
  { "sha384", TOK_INTEG, L2TP_INTEG_SHA384 },
  { "sha2_384", TOK_INTEG, L2TP_INTEG_SHA384 },
  { "sha512", TOK_INTEG, L2TP_INTEG_SHA512 },
  { "sha2_512", TOK_INTEG, L2TP_INTEG_SHA512 },
  { "null", TOK_NULL, 0 },

  { "prfmd5", TOK_PRF, L2TP_INTEG_MD5 },
  { "prfsha1", TOK_PRF, L2TP_INTEG_SHA1 },
  { "prfsha256", TOK_PRF, L2TP_INTEG_SHA256 },
  { "prfsha384", TOK_PRF, L2TP_INTEG_SHA384 },
  { "prfsha512", TOK_PRF, L2TP_INTEG_SHA512 },

  { "modp768", TOK_DH, L2TP_DH_MODP768 },
  { "modp1024", TOK_DH, L2TP_DH_MODP1024 },
  { "modp1536", TOK_DH, L2TP_DH_MODP1536 },
  { "modp2048", TOK_DH, L2TP_DH_MODP2048 },
  { "modp3072", TOK_DH, L2TP_DH_MODP3072 },
  { "modp4096", TOK_DH, L2TP_DH_MODP4096 },
  { "modp6144", TOK_DH, L2TP_DH_MODP6144 },
  { "modp8192", TOK_DH, L2TP_DH_MODP8192 },
  { "ecp256", TOK_DH, L2TP_DH_ECP256 },
  { "ecp384", TOK_DH, L2TP_DH_ECP384 },
  { "ecp521", TOK_DH, L2TP_DH_ECP521 },
  { "ecp_256", TOK_DH, L2TP_DH_ECP256 }, /* libreswan */
  { "ecp_384", TOK_DH, L2TP_DH_ECP384 },
  { "ecp_521", TOK_DH, L2TP_DH_ECP521 },
  { "curve25519", TOK_DH, L2TP_DH_CURVE25519 },
  { "x25519", TOK_DH, L2TP_DH_CURVE25519 },
};

/* Canonical spelling per backend. */
typedef struct
{
  int value;
  const char *strongswan;
  const char *libreswan;
} Spelling;

static const Spelling enc_names[] = {
  { L2TP_ENC_AES128, "aes128", "aes128" },
  { L2TP_ENC_AES192, "aes192", "aes192" },
  { L2TP_ENC_AES256, "aes256", "aes256" },
  { L2TP_ENC_AES128_GCM16, "aes128gcm16", "aes_gcm128" },
  { L2TP_ENC_AES192_GCM16, "aes192gcm16", "aes_gcm192" },
  { L2TP_ENC_AES256_GCM16, "aes256gcm16", "aes_gcm256" },
  { L2TP_ENC_3DES, "3des", "3des" },
};

static const Spelling integ_names[] = {
  { L2TP_INTEG_MD5, "md5", "md5" },
  { L2TP_INTEG_SHA1, "sha1", "sha1" },
  { L2TP_INTEG_SHA256, "sha256", "sha2_256" },
  { L2TP_INTEG_SHA384, "sha384", "sha2_384" },
  { L2TP_INTEG_SHA512, "sha512", "sha2_512" },
};

/* libreswan accepts both "ecp256" and "ecp_256"; the older plugin wrote the
 * underscore form for libreswan, which every version takes. */
static const Spelling dh_names[] = {
  { L2TP_DH_MODP768, "modp768", "modp768" },
  { L2TP_DH_MODP1024, "modp1024", "modp1024" },
  { L2TP_DH_MODP1536, "modp1536", "modp1536" },
  { L2TP_DH_MODP2048, "modp2048", "modp2048" },
  { L2TP_DH_MODP3072, "modp3072", "modp3072" },
  { L2TP_DH_MODP4096, "modp4096", "modp4096" },
  { L2TP_DH_MODP6144, "modp6144", "modp6144" },
  { L2TP_DH_MODP8192, "modp8192", "modp8192" },
  { L2TP_DH_ECP256, "ecp256", "ecp_256" },
  { L2TP_DH_ECP384, "ecp384", "ecp_384" },
  { L2TP_DH_ECP521, "ecp521", "ecp_521" },
  { L2TP_DH_CURVE25519, "curve25519", "curve25519" },
};

static const char *
spell (const Spelling *table, gsize n, int value, gboolean libreswan)
{
  for (gsize i = 0; i < n; i++)
    {
      if (table[i].value == value)
        return libreswan ? table[i].libreswan : table[i].strongswan;
    }
  g_return_val_if_reached ("?");
}

#define SPELL(table, value, libreswan)                                                   \
  spell (table, G_N_ELEMENTS (table), (int) (value), libreswan)

const char *
l2tp_encryption_name (L2tpEncryption enc)
{
  return SPELL (enc_names, enc, FALSE);
}

const char *
l2tp_integrity_name (L2tpIntegrity integ)
{
  return SPELL (integ_names, integ, FALSE);
}

const char *
l2tp_dh_group_name (L2tpDhGroup dh)
{
  return SPELL (dh_names, dh, FALSE);
}

static const Token *
lookup_token (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      if (strcmp (tokens[i].name, lower) == 0)
        return &tokens[i];
    }
  return NULL;
}

/* libreswan's "dh14" style: the IANA group number of a group we know. */
static int
lookup_dh_number (const char *name)
{
  guint64 number;

  if (g_ascii_strncasecmp (name, "dh", 2) != 0
      || !g_ascii_string_to_unsigned (name + 2, 10, 1, 99, &number, NULL))
    return L2TP_DH_NONE;
  for (gsize i = 0; i < G_N_ELEMENTS (dh_names); i++)
    {
      if (dh_names[i].value == (int) number)
        return dh_names[i].value;
    }
  return L2TP_DH_NONE;
}

static gboolean
enc_is_aead (L2tpEncryption enc)
{
  return enc == L2TP_ENC_AES128_GCM16 || enc == L2TP_ENC_AES192_GCM16
         || enc == L2TP_ENC_AES256_GCM16;
}

/*****************************************************************************/
/* Parsing */

/* The distinct values of each algorithm type named in one proposal. */
typedef struct
{
  int v[G_N_ELEMENTS (tokens)];
  guint n;
} ValueList;

typedef struct
{
  ValueList enc, integ, prf, dh;
  gboolean null_integ;
} Parts;

static void
values_add (ValueList *list, int value)
{
  for (guint i = 0; i < list->n; i++)
    {
      if (list->v[i] == value)
        return;
    }
  list->v[list->n++] = value;
}

static gboolean fail (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, L2TP_PROPOSAL_ERROR, L2TP_PROPOSAL_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
add_token (Parts *parts, const char *key_name, const char *proposal, char *token,
           gboolean dh_only, GError **error)
{
  Token number_token = { "dh", TOK_DH, 0 };
  const Token *tok;
  int dh_number;

  g_strstrip (token);
  if (!token[0])
    return fail (error, _ ("%s: empty algorithm name in proposal '%s'"), key_name,
                 proposal);
  tok = lookup_token (token);
  if (!tok && (dh_number = lookup_dh_number (token)) != L2TP_DH_NONE)
    {
      number_token.value = dh_number;
      tok = &number_token;
    }
  if (!tok)
    return fail (error, _ ("%s: unknown algorithm '%s' in proposal '%s'"), key_name,
                 token, proposal);
  if (tok->type == TOK_DES)
    return fail (error,
                 _ ("%s: single DES in proposal '%s' is broken and not supported; "
                    "use aes128 or 3des"),
                 key_name, proposal);
  if (dh_only && tok->type != TOK_DH)
    return fail (error,
                 _ ("%s: only a DH group may follow ';' in proposal '%s', not '%s'"),
                 key_name, proposal, token);

  switch (tok->type)
    {
    case TOK_ENC:
      values_add (&parts->enc, tok->value);
      break;
    case TOK_INTEG:
      values_add (&parts->integ, tok->value);
      break;
    case TOK_PRF:
      values_add (&parts->prf, tok->value);
      break;
    case TOK_DH:
      values_add (&parts->dh, tok->value);
      break;
    case TOK_NULL:
      parts->null_integ = TRUE;
      break;
    case TOK_DES:
      g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
add_tokens (Parts *parts, const char *key_name, const char *proposal, const char *text,
            gboolean dh_only, GError **error)
{
  g_auto (GStrv) names = g_strsplit (text, "-", -1);
  char empty[] = "";

  if (!names[0]) /* g_strsplit() gives no field for "" */
    return add_token (parts, key_name, proposal, empty, dh_only, error);
  for (guint i = 0; names[i]; i++)
    {
      if (!add_token (parts, key_name, proposal, names[i], dh_only, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks the algorithms named in one proposal fit together and leaves in
 * parts->integ what goes into L2tpProposal.integ (for AEAD in IKE: the PRF). */
static gboolean
check_parts (Parts *parts, L2tpProposalKind kind, const char *key_name,
             const char *proposal, GError **error)
{
  gboolean ike = kind == L2TP_PROPOSAL_IKE;
  const char *why = NULL;
  guint n_aead = 0;

  for (guint i = 0; i < parts->enc.n; i++)
    n_aead += enc_is_aead (parts->enc.v[i]);

  if (parts->enc.n == 0)
    why = _ ("has no encryption algorithm (e.g. aes128)");
  else if (n_aead > 0 && n_aead < parts->enc.n)
    why = _ ("mixes GCM and non-GCM ciphers; write them as separate proposals");
  else if (n_aead > 0 && !ike && (parts->integ.n || parts->prf.n))
    why = _ ("has a GCM cipher, which takes no integrity algorithm");
  else if (n_aead > 0 && ike && !parts->integ.n && !parts->prf.n)
    why = _ ("has a GCM cipher, which in IKE needs a PRF (e.g. prfsha256)");
  else if (n_aead == 0 && parts->null_integ)
    why = _ ("has 'null' integrity, which is only allowed with a GCM cipher");
  else if (n_aead == 0 && parts->prf.n)
    why = _ ("has a separate PRF, which is only supported with a GCM cipher");
  else if (n_aead == 0 && !parts->integ.n)
    why = _ ("has no integrity algorithm (e.g. sha1)");
  else if (ike && !parts->dh.n)
    why = _ ("has no DH group, which IKE requires (e.g. modp2048)");
  if (why)
    return fail (error, _ ("%s: proposal '%s' %s"), key_name, proposal, why);

  /* AEAD in IKE: hash names and prf names both name the PRF. */
  for (guint i = 0; i < parts->prf.n; i++)
    values_add (&parts->integ, parts->prf.v[i]);
  return TRUE;
}

static gboolean
parse_proposal (L2tpProposalSet *set, const char *key_name, char *proposal,
                GError **error)
{
  Parts parts = { 0 };
  char *semicolon;
  guint n_integ, n_dh;

  g_strstrip (proposal);
  if (!proposal[0])
    return fail (error, _ ("%s: empty proposal (a comma too many?)"), key_name);

  semicolon = strchr (proposal, ';');
  if (semicolon && strchr (semicolon + 1, ';'))
    return fail (error, _ ("%s: more than one ';' in proposal '%s'"), key_name, proposal);
  if (semicolon)
    {
      g_autofree char *head = g_strndup (proposal, semicolon - proposal);

      if (!add_tokens (&parts, key_name, proposal, head, FALSE, error)
          || !add_tokens (&parts, key_name, proposal, semicolon + 1, TRUE, error))
        return FALSE;
    }
  else if (!add_tokens (&parts, key_name, proposal, proposal, FALSE, error))
    return FALSE;

  if (!check_parts (&parts, set->kind, key_name, proposal, error))
    return FALSE;

  n_integ = MAX (parts.integ.n, 1);
  n_dh = MAX (parts.dh.n, 1);
  for (guint e = 0; e < parts.enc.n; e++)
    {
      for (guint i = 0; i < n_integ; i++)
        {
          for (guint d = 0; d < n_dh; d++)
            {
              L2tpProposal p = {
                .enc = parts.enc.v[e],
                .integ = parts.integ.n ? parts.integ.v[i] : L2TP_INTEG_NONE,
                .dh = parts.dh.n ? parts.dh.v[d] : L2TP_DH_NONE,
              };

              l2tp_proposal_set_add (set, &p);
              if (set->items->len > MAX_PROPOSALS)
                return fail (error, _ ("%s: too many proposals (at most %d)"), key_name,
                             MAX_PROPOSALS);
            }
        }
    }
  return TRUE;
}

/* What no proposal text may hold, whatever the algorithms. */
static gboolean
check_text (const char *key_name, const char *text, GError **error)
{
  gsize len = strlen (text);

  if (len > MAX_TEXT_LEN)
    return fail (error, _ ("%s: the value is too long (%lu bytes, at most %d)"), key_name,
                 (unsigned long) len, MAX_TEXT_LEN);
  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, _ ("%s: the value is not valid UTF-8"), key_name);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = text[i];

      if ((c < 0x20 && c != '\t') || c == 0x7f)
        return fail (
            error,
            _ ("%s: the value contains a control character (such as a line break)"),
            key_name);
    }
  return TRUE;
}

L2tpProposalSet *
l2tp_proposal_set_parse (L2tpProposalKind kind, const char *key_name, const char *text,
                         GError **error)
{
  g_autoptr (L2tpProposalSet) set = NULL;
  g_autofree char *copy = NULL;
  g_auto (GStrv) proposals = NULL;
  gsize len;

  g_return_val_if_fail (key_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!text)
    text = "";
  if (!check_text (key_name, text, error))
    return NULL;

  copy = g_strstrip (g_strdup (text));
  set = l2tp_proposal_set_new_private (kind, FALSE);
  len = strlen (copy);
  if (len > 0 && copy[len - 1] == '!')
    {
      set->strict = TRUE;
      copy[len - 1] = '\0';
      g_strstrip (copy);
    }
  if (!copy[0])
    {
      fail (error, _ ("%s: no proposal given"), key_name);
      return NULL;
    }

  proposals = g_strsplit (copy, ",", -1);
  for (guint i = 0; proposals[i]; i++)
    {
      if (!parse_proposal (set, key_name, proposals[i], error))
        return NULL;
    }
  return g_steal_pointer (&set);
}

/*****************************************************************************/
/* Rendering */

static void
append_proposal (GString *out, const L2tpProposal *p, L2tpProposalKind kind,
                 gboolean libreswan)
{
  if (out->len)
    g_string_append_c (out, ',');
  g_string_append (out, SPELL (enc_names, p->enc, libreswan));
  if (p->integ != L2TP_INTEG_NONE)
    {
      g_string_append_c (out, '-');
      if (!libreswan && kind == L2TP_PROPOSAL_IKE && enc_is_aead (p->enc))
        g_string_append (out, "prf");
      g_string_append (out, SPELL (integ_names, p->integ, libreswan));
    }
  if (p->dh != L2TP_DH_NONE)
    {
      g_string_append_c (out, libreswan ? ';' : '-');
      g_string_append (out, SPELL (dh_names, p->dh, libreswan));
    }
}

static char *
render (const L2tpProposalSet *set, gboolean libreswan)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < set->items->len; i++)
    append_proposal (out, &g_array_index (set->items, L2tpProposal, i), set->kind,
                     libreswan);
  return g_string_free (out, FALSE);
}

char *
l2tp_proposal_to_strongswan (L2tpProposalKind kind, const L2tpProposal *proposal)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (proposal != NULL, NULL);
  append_proposal (out, proposal, kind, FALSE);
  return g_string_free (out, FALSE);
}

char *
l2tp_proposal_set_to_strongswan (const L2tpProposalSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);
  return render (set, FALSE);
}

char *
l2tp_proposal_set_to_string (const L2tpProposalSet *set)
{
  char *text;

  g_return_val_if_fail (set != NULL, NULL);

  text = render (set, FALSE);
  if (set->strict)
    {
      char *strict = g_strconcat (text, "!", NULL);

      g_free (text);
      text = strict;
    }
  return text;
}

char *
l2tp_proposal_set_to_libreswan (const L2tpProposalSet *set, GError **error)
{
  const L2tpProposal *first;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* pluto loads an ESP list only if all or none of its proposals name a DH
   * group, and IKEv1 Quick Mode carries a single KE payload. */
  if (set->kind == L2TP_PROPOSAL_ESP && set->items->len > 0)
    {
      first = &g_array_index (set->items, L2tpProposal, 0);
      for (guint i = 1; i < set->items->len; i++)
        {
          const L2tpProposal *p = &g_array_index (set->items, L2tpProposal, i);

          if ((p->dh == L2TP_DH_NONE) != (first->dh == L2TP_DH_NONE))
            {
              g_set_error (error, L2TP_PROPOSAL_ERROR, L2TP_PROPOSAL_ERROR_UNSUPPORTED,
                           _ ("ipsec-esp: libreswan cannot offer proposals with and "
                              "without a PFS group at once; give all of them the same "
                              "group or none"));
              return NULL;
            }
          if (p->dh != first->dh)
            {
              g_set_error (error, L2TP_PROPOSAL_ERROR, L2TP_PROPOSAL_ERROR_UNSUPPORTED,
                           _ ("ipsec-esp: libreswan offers a single PFS group; '%s' and "
                              "'%s' differ"),
                           SPELL (dh_names, first->dh, FALSE),
                           SPELL (dh_names, p->dh, FALSE));
              return NULL;
            }
        }
    }
  return render (set, TRUE);
}

static void
summary_add (GString *part, const char *name)
{
  g_autofree char *bounded = g_strconcat ("/", name, "/", NULL);
  g_autofree char *hay = g_strconcat ("/", part->str, "/", NULL);

  if (strstr (hay, bounded))
    return;
  if (part->len)
    g_string_append_c (part, '/');
  g_string_append (part, name);
}

char *
l2tp_proposal_set_summary (const L2tpProposalSet *set)
{
  g_autoptr (GString) enc = g_string_new (NULL);
  g_autoptr (GString) integ = g_string_new (NULL);
  g_autoptr (GString) dh = g_string_new (NULL);
  GString *out;

  g_return_val_if_fail (set != NULL, NULL);
  if (set->items->len <= 6)
    return render (set, FALSE);
  for (guint i = 0; i < set->items->len; i++)
    {
      const L2tpProposal *p = &g_array_index (set->items, L2tpProposal, i);

      summary_add (enc, SPELL (enc_names, p->enc, FALSE));
      if (p->integ != L2TP_INTEG_NONE)
        summary_add (integ, SPELL (integ_names, p->integ, FALSE));
      summary_add (dh, p->dh != L2TP_DH_NONE ? SPELL (dh_names, p->dh, FALSE) : "no PFS");
    }
  out = g_string_new (enc->str);
  if (integ->len)
    g_string_append_printf (out, " × %s", integ->str);
  if (dh->len)
    g_string_append_printf (out, " × %s", dh->str);
  g_string_append_printf (out, " (%u)", set->items->len);
  return g_string_free (out, FALSE);
}
