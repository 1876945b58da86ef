/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The details pluto 4.10 logs when an SA is up (ipsec_doi.c
 * jam_parent_sa_details, jam_child_sa_details), read into our proposal
 * model: algorithm names as pluto spells them ("fqn" of its ike_alg
 * tables, with "_KEYLEN" after a cipher). */
#include "pluto-events-private.h"

#include "libreswan-names.h"

/* ---- names of algorithms ------------------------------------------------ */

static const Name ike_ciphers[] = {
  { "AES_CBC_128", L2TP_ENC_AES128 },
  { "AES_CBC_192", L2TP_ENC_AES192 },
  { "AES_CBC_256", L2TP_ENC_AES256 },
  { "AES_GCM_16_128", L2TP_ENC_AES128_GCM16 },
  { "AES_GCM_16_192", L2TP_ENC_AES192_GCM16 },
  { "AES_GCM_16_256", L2TP_ENC_AES256_GCM16 },
  /* The IKE SA's key length is printed when set; an ESP one only when it
   * is not the cipher's one length (ipsec_doi.c). */
  { "3DES_CBC", L2TP_ENC_3DES },
  { "3DES_CBC_192", L2TP_ENC_3DES },
};

/* IKEv1's "integ=" is the PRF. */
static const Name ike_prfs[] = {
  { "HMAC_MD5", L2TP_INTEG_MD5 },         { "HMAC_SHA1", L2TP_INTEG_SHA1 },
  { "HMAC_SHA2_256", L2TP_INTEG_SHA256 }, { "HMAC_SHA2_384", L2TP_INTEG_SHA384 },
  { "HMAC_SHA2_512", L2TP_INTEG_SHA512 },
};

static gboolean
is_aead (L2tpEncryption enc)
{
  return enc == L2TP_ENC_AES128_GCM16 || enc == L2TP_ENC_AES192_GCM16
         || enc == L2TP_ENC_AES256_GCM16;
}

/* ---- the SA details in braces ------------------------------------------- */

/* The line goes on with "{…}" and ends with the '}': @s becomes the inside.
 * The inside holds no brace. */
static gboolean
enter_braces (Scan *s)
{
  if (!eat (s, "{") || at_end (s) || s->end[-1] != '}')
    return FALSE;
  s->end--;
  return memchr (s->p, '{', left (s)) == NULL && memchr (s->p, '}', left (s)) == NULL;
}

/* The next space-separated token of the inside, or FALSE at its end. */
static gboolean
next_token (Scan *s, Scan *token)
{
  const char *space;

  while (!at_end (s) && *s->p == ' ')
    s->p++;
  if (at_end (s))
    return FALSE;
  space = memchr (s->p, ' ', left (s));
  token->p = s->p;
  token->end = space ? space : s->end;
  s->p = token->end;
  return TRUE;
}

/* A "key=VALUE" token's value as a word; FALSE for another key. */
static gboolean
token_value (Scan token, const char *key, char value[L2TP_PLUTO_WORD_MAX + 1])
{
  return eat (&token, key) && eat_word (&token, FALSE, L2TP_PLUTO_WORD_MAX, value)
         && at_end (&token);
}

/* "{auth=PRESHARED_KEY cipher=AES_CBC_128 integ=HMAC_SHA2_256 group=MODP2048}" */
gboolean
l2tp_pluto_read_ike_details (Scan *s, L2tpPlutoEvent *ev)
{
  char cipher[L2TP_PLUTO_WORD_MAX + 1] = "", prf[L2TP_PLUTO_WORD_MAX + 1] = "";
  char group[L2TP_PLUTO_WORD_MAX + 1] = "", value[L2TP_PLUTO_WORD_MAX + 1];
  Scan token;
  int enc, integ;
  L2tpDhGroup dh;

  if (!enter_braces (s))
    return FALSE;
  while (next_token (s, &token))
    {
      if (token_value (token, "cipher=", value))
        g_strlcpy (cipher, value, sizeof cipher);
      else if (token_value (token, "integ=", value))
        g_strlcpy (prf, value, sizeof prf);
      else if (token_value (token, "group=", value))
        g_strlcpy (group, value, sizeof group);
    }
  if (lookup (ike_ciphers, G_N_ELEMENTS (ike_ciphers), cipher, &enc)
      && lookup (ike_prfs, G_N_ELEMENTS (ike_prfs), prf, &integ)
      && l2tp_libreswan_group_by_name (group, &dh))
    {
      ev->has_proposal = TRUE;
      ev->proposal = (L2tpProposal){ enc, integ, dh };
    }
  return TRUE;
}

/* "AES_CBC_128-HMAC_SHA2_256_128", "AES_GCM_16_256-NONE" */
static gboolean
read_xfrm (Scan token, L2tpProposal *out)
{
  char cipher[L2TP_PLUTO_WORD_MAX + 1], integ_name[L2TP_PLUTO_WORD_MAX + 1];
  int enc;
  L2tpIntegrity integ;

  if (!eat (&token, "xfrm=") || !eat_word (&token, FALSE, L2TP_PLUTO_WORD_MAX, cipher)
      || !eat (&token, "-") || !eat_word (&token, FALSE, L2TP_PLUTO_WORD_MAX, integ_name)
      || !at_end (&token))
    return FALSE;
  if (!lookup (ike_ciphers, G_N_ELEMENTS (ike_ciphers), cipher, &enc)
      || !l2tp_libreswan_esp_integ_by_name (integ_name, &integ)
      || (integ == L2TP_INTEG_NONE) != is_aead (enc))
    return FALSE;
  *out = (L2tpProposal){ enc, integ, L2TP_DH_NONE };
  return TRUE;
}

/* "ESP[inUDP|inTCP][/ESN][/TFC]=>0x…" */
static gboolean
read_spi_out (Scan token, L2tpPlutoEvent *ev)
{
  if (!eat (&token, "ESP"))
    return FALSE;
  ev->encap = eat (&token, "inUDP")   ? L2TP_PLUTO_ENCAP_UDP
              : eat (&token, "inTCP") ? L2TP_PLUTO_ENCAP_TCP
                                      : L2TP_PLUTO_ENCAP_NONE;
  eat (&token, "/ESN");
  eat (&token, "/TFC");
  return eat (&token, "=>") && eat_hex32 (&token, TRUE, &ev->spi_out) && at_end (&token);
}

/* "<0x…", right after the outbound SPI */
static gboolean
read_spi_in (Scan token, L2tpPlutoEvent *ev)
{
  return eat (&token, "<") && eat_hex32 (&token, TRUE, &ev->spi_in) && at_end (&token);
}

/* "transport mode {ESP=>0x… <0x… xfrm=… DPD=passive}" */
gboolean
l2tp_pluto_read_child_details (Scan *s, L2tpPlutoEvent *ev)
{
  gboolean after_out = FALSE;
  L2tpProposal p;
  Scan token;

  if (eat (s, "transport mode "))
    ev->transport_mode = TRUE;
  else if (!eat (s, "tunnel mode "))
    return FALSE;
  if (!enter_braces (s))
    return FALSE;
  while (next_token (s, &token))
    {
      gboolean out_now = FALSE;

      if (!ev->has_spis && !after_out && starts_with (token, "ESP"))
        out_now = read_spi_out (token, ev);
      else if (after_out && starts_with (token, "<"))
        ev->has_spis = read_spi_in (token, ev);
      else if (!ev->has_proposal && read_xfrm (token, &p))
        {
          ev->has_proposal = TRUE;
          ev->proposal = p;
        }
      after_out = out_now;
    }
  if (!ev->has_spis)
    {
      ev->spi_out = ev->spi_in = 0;
      ev->encap = L2TP_PLUTO_ENCAP_NONE;
    }
  return TRUE;
}
