/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Proposal parser: byte 0 picks the kind (bit 0: 0 = ipsec-ike, 1 =
 * ipsec-esp), the rest is the key's text.
 *
 * Invariants: a refused text sets an L2TP_PROPOSAL_ERROR; an accepted one
 * yields a well-formed set whose three spellings (to_string, strongSwan,
 * libreswan) parse back to the same proposals, and to_string parses back to
 * an equal set (strict marker included) that renders the same text again. */
#include <string.h>

#include "fuzz-common.h"
#include "proposals.h"

static const char *const kind_names[] = { "ipsec-ike", "ipsec-esp" };

static gboolean
is_aead (L2tpEncryption enc)
{
  return enc == L2TP_ENC_AES128_GCM16 || enc == L2TP_ENC_AES192_GCM16
         || enc == L2TP_ENC_AES256_GCM16;
}

static void
check_well_formed (const L2tpProposalSet *set, L2tpProposalKind kind, const char *text)
{
  guint n = l2tp_proposal_set_get_length (set);

  if (l2tp_proposal_set_get_kind (set) != kind)
    fuzz_fail ("'%s': set has the wrong kind", text);
  if (n == 0 || n > 64)
    fuzz_fail ("'%s': %u proposals (expected 1 to 64)", text, n);
  for (guint i = 0; i < n; i++)
    {
      const L2tpProposal *p = l2tp_proposal_set_get (set, i);

      if (p->enc == L2TP_ENC_NONE)
        fuzz_fail ("'%s': proposal %u has no cipher", text, i);
      if (p->integ == L2TP_INTEG_NONE && (kind == L2TP_PROPOSAL_IKE || !is_aead (p->enc)))
        fuzz_fail ("'%s': proposal %u has no integrity/PRF", text, i);
      if (p->integ != L2TP_INTEG_NONE && kind == L2TP_PROPOSAL_ESP && is_aead (p->enc))
        fuzz_fail ("'%s': ESP proposal %u has GCM with integrity", text, i);
      if (kind == L2TP_PROPOSAL_IKE && p->dh == L2TP_DH_NONE)
        fuzz_fail ("'%s': IKE proposal %u has no DH group", text, i);
      for (guint j = 0; j < i; j++)
        if (memcmp (p, l2tp_proposal_set_get (set, j), sizeof *p) == 0)
          fuzz_fail ("'%s': proposals %u and %u are the same", text, j, i);
    }
}

/* Same proposals in the same order; the strict marker is not compared. */
static gboolean
same_items (const L2tpProposalSet *a, const L2tpProposalSet *b)
{
  if (l2tp_proposal_set_get_length (a) != l2tp_proposal_set_get_length (b))
    return FALSE;
  for (guint i = 0; i < l2tp_proposal_set_get_length (a); i++)
    if (memcmp (l2tp_proposal_set_get (a, i), l2tp_proposal_set_get (b, i),
                sizeof (L2tpProposal))
        != 0)
      return FALSE;
  return TRUE;
}

/* Rendered text holds algorithm names and separators only. */
static void
check_charset (const char *what, const char *rendered)
{
  if (strspn (rendered, "abcdefghijklmnopqrstuvwxyz0123456789_-,;!") != strlen (rendered))
    fuzz_fail ("%s '%s' holds an unexpected character", what, rendered);
}

static L2tpProposalSet *
reparse (L2tpProposalKind kind, const char *what, const char *text, const char *rendered)
{
  g_autoptr (GError) error = NULL;
  L2tpProposalSet *again
      = l2tp_proposal_set_parse (kind, kind_names[kind], rendered, &error);

  if (!again)
    fuzz_fail ("'%s': %s '%s' does not parse back: %s", text, what, rendered,
               error->message);
  return again;
}

static void
check_round_trips (const L2tpProposalSet *set, L2tpProposalKind kind, const char *text)
{
  g_autofree char *canonical = l2tp_proposal_set_to_string (set);
  g_autofree char *swan = l2tp_proposal_set_to_strongswan (set);
  g_autoptr (GError) error = NULL;
  g_autofree char *libre = l2tp_proposal_set_to_libreswan (set, &error);
  g_autoptr (L2tpProposalSet) from_canonical = NULL;
  g_autoptr (L2tpProposalSet) from_swan = NULL;
  g_autofree char *canonical2 = NULL;
  g_autofree char *swan2 = NULL;

  check_charset ("to_string", canonical);
  check_charset ("to_strongswan", swan);
  if (strchr (swan, '!') || strchr (swan, ';'))
    fuzz_fail ("'%s': strongSwan text '%s' has '!' or ';'", text, swan);

  from_canonical = reparse (kind, "to_string", text, canonical);
  if (!l2tp_proposal_set_equal (set, from_canonical))
    fuzz_fail ("'%s': to_string '%s' parses to a different set", text, canonical);
  canonical2 = l2tp_proposal_set_to_string (from_canonical);
  if (strcmp (canonical, canonical2) != 0)
    fuzz_fail ("'%s': to_string is not stable: '%s' then '%s'", text, canonical,
               canonical2);

  from_swan = reparse (kind, "to_strongswan", text, swan);
  if (!same_items (set, from_swan) || l2tp_proposal_set_is_strict (from_swan))
    fuzz_fail ("'%s': strongSwan text '%s' parses to different proposals", text, swan);
  swan2 = l2tp_proposal_set_to_strongswan (from_swan);
  if (strcmp (swan, swan2) != 0)
    fuzz_fail ("'%s': to_strongswan is not stable: '%s' then '%s'", text, swan, swan2);

  fuzz_check_error ("to_libreswan", libre != NULL, error);
  if (libre)
    {
      g_autoptr (L2tpProposalSet) from_libre
          = reparse (kind, "to_libreswan", text, libre);
      g_autoptr (GError) error2 = NULL;
      g_autofree char *libre2 = NULL;

      check_charset ("to_libreswan", libre);
      if (!same_items (set, from_libre))
        fuzz_fail ("'%s': libreswan text '%s' parses to different proposals", text,
                   libre);
      libre2 = l2tp_proposal_set_to_libreswan (from_libre, &error2);
      if (g_strcmp0 (libre, libre2) != 0)
        fuzz_fail ("'%s': to_libreswan is not stable: '%s' then '%s'", text, libre,
                   libre2 ? libre2 : error2->message);
    }
  else
    {
      /* Only an ESP set whose proposals do not share one PFS group (or
       * all none) is refused. */
      g_autoptr (L2tpProposalSet) with = l2tp_proposal_set_filter_dh (set, TRUE);
      guint n_with = with ? l2tp_proposal_set_get_length (with) : 0;
      gboolean uniform = TRUE;

      for (guint i = 1; i < n_with; i++)
        uniform = uniform
                  && l2tp_proposal_set_get (with, i)->dh
                         == l2tp_proposal_set_get (with, 0)->dh;
      if (kind != L2TP_PROPOSAL_ESP
          || !g_error_matches (error, L2TP_PROPOSAL_ERROR,
                               L2TP_PROPOSAL_ERROR_UNSUPPORTED)
          || n_with == 0 || (uniform && n_with == l2tp_proposal_set_get_length (set)))
        fuzz_fail ("'%s': libreswan refused '%s' without cause: %s", text, canonical,
                   error->message);
    }
}

/* The set operations the renderers use keep their promises. */
static void
check_set_operations (const L2tpProposalSet *set, L2tpProposalKind kind, const char *text)
{
  g_autoptr (L2tpProposalSet) copy = l2tp_proposal_set_copy (set);
  g_autoptr (L2tpProposalSet) with = l2tp_proposal_set_filter_dh (set, TRUE);
  g_autoptr (L2tpProposalSet) without = l2tp_proposal_set_filter_dh (set, FALSE);
  guint n_with = with ? l2tp_proposal_set_get_length (with) : 0;
  guint n_without = without ? l2tp_proposal_set_get_length (without) : 0;

  if (!l2tp_proposal_set_equal (set, copy))
    fuzz_fail ("'%s': copy is not equal", text);
  if (n_with + n_without != l2tp_proposal_set_get_length (set))
    fuzz_fail ("'%s': filter_dh split %u into %u + %u", text,
               l2tp_proposal_set_get_length (set), n_with, n_without);
  if ((with && !l2tp_proposal_set_has_dh (with))
      || (without && l2tp_proposal_set_has_dh (without))
      || l2tp_proposal_set_has_dh (set) != (n_with > 0))
    fuzz_fail ("'%s': filter_dh/has_dh disagree", text);
  if (kind == L2TP_PROPOSAL_ESP)
    {
      g_autoptr (L2tpProposalSet) no_pfs = l2tp_proposal_set_with_dh (set, L2TP_DH_NONE);
      g_autoptr (L2tpProposalSet) pfs = l2tp_proposal_set_with_dh (set, L2TP_DH_MODP2048);
      g_autoptr (GError) error = NULL;
      g_autofree char *libre = NULL;

      if (l2tp_proposal_set_has_dh (no_pfs) || !l2tp_proposal_set_has_dh (pfs)
          || l2tp_proposal_set_get_length (no_pfs) > l2tp_proposal_set_get_length (set)
          || l2tp_proposal_set_get_length (no_pfs) != l2tp_proposal_set_get_length (pfs))
        fuzz_fail ("'%s': with_dh broke the set", text);
      /* A uniform PFS group is always expressible for libreswan. */
      libre = l2tp_proposal_set_to_libreswan (pfs, &error);
      if (!libre)
        fuzz_fail ("'%s': libreswan refused a uniform PFS set: %s", text, error->message);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  L2tpProposalKind kind;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProposalSet) set = NULL;

  if (size < 1)
    return 0;
  kind = (data[0] & 1) ? L2TP_PROPOSAL_ESP : L2TP_PROPOSAL_IKE;
  text = fuzz_text (data + 1, size - 1);
  if (!text)
    return 0;

  set = l2tp_proposal_set_parse (kind, kind_names[kind], text, &error);
  fuzz_check_error ("l2tp_proposal_set_parse", set != NULL, error);
  if (!set)
    {
      if (error->domain != L2TP_PROPOSAL_ERROR)
        fuzz_fail ("'%s': refused in a foreign error domain", text);
      if (!strstr (error->message, kind_names[kind]))
        fuzz_fail ("'%s': refusal does not name the key: %s", text, error->message);
      return 0;
    }
  check_well_formed (set, kind, text);
  check_round_trips (set, kind, text);
  check_set_operations (set, kind, text);
  return 0;
}
