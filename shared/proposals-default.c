/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "proposals.h"

/* The built-in proposals, used when `ipsec-ike` / `ipsec-esp` are empty.
 *
 * Phase 1, first round: what the clients people compare us with offer —
 * Windows 10/11 (AES256/AES128/3DES with SHA-256/SHA-1, DH 14, 2, ECP
 * 384/256), Apple's and Android's racoon-based clients (AES256/AES128/3DES
 * with SHA-256/SHA-1/MD5, DH 14/5/2) — strongest first, ending with the
 * legacy 3DES with SHA-1 or MD5 and modp1024 that consumer routers (TP-Link,
 * Meraki) still require. A server any of those phones connects to accepts
 * one of these, so this round is the fast path.
 *
 * The later rounds (l2tp_proposal_default_ike_all) hold every other
 * combination of AES-128/192/256 and 3DES, SHA-1/256/384/512 and MD5, MODP
 * 1024/1536/2048/3072/4096 and ECP 256/384/521 that IKEv1 servers are
 * configured with, ordered by how rare each part is (see rarity()). The
 * negotiation plan cuts them into Main Mode offers that fit one
 * unfragmented packet (the first Main Mode message cannot use IKE
 * fragmentation).
 *
 * Phase 2: the common algorithms without PFS (Windows RRAS and most routers
 * take no PFS), AES-GCM included; the plan then offers the same with PFS,
 * in the IKE SA's group first and then in each of
 * l2tp_proposal_default_pfs_groups(), then the rare algorithms. One Quick
 * Mode offer carries at most one DH group: strongSwan's IKEv1 initiator
 * (src/libcharon/sa/ikev1/tasks/quick_mode.c) picks ONE group — the IKE SA's
 * if some ESP proposal has it, else the first configured — and silently
 * drops every proposal without it; libreswan refuses to load a phase2alg
 * with mixed groups. So PFS and its group are decided per Quick Mode by the
 * plan, not listed here. Note: SHA-256 in ESP uses 128-bit truncation on
 * Linux (RFC 4868); a server still using the 96-bit "sha2-truncbug" variant
 * accepts the proposal but drops the traffic.
 *
 * `ipsec-pfs`: in NetworkManager-l2tp it is a yes/no key; the editors store
 * "no" from a "Disable PFS" check box. Here "no" removes every DH group from
 * Phase 2 (l2tp_proposal_set_with_dh (esp, L2TP_DH_NONE)), and the plan then
 * never offers PFS.
 */

static const char default_ike[]
    = "aes256-sha256-modp2048,aes128-sha256-modp2048,aes256-sha1-modp2048,"
      "aes128-sha1-modp2048,aes256-sha256-ecp384,aes256-sha1-ecp384,"
      "aes128-sha256-ecp256,aes128-sha1-ecp256,"
      "aes256-sha256-modp1536,aes128-sha256-modp1536,aes256-sha1-modp1536,"
      "aes128-sha1-modp1536,aes256-sha256-modp1024,aes128-sha256-modp1024,"
      "aes256-sha1-modp1024,aes128-sha1-modp1024,aes256-md5-modp1024,aes128-md5-modp1024,"
      "3des-sha1-modp2048,3des-sha1-modp1536,3des-sha1-modp1024,3des-md5-modp1024";

static const char default_esp[]
    = "aes256-sha256,aes128-sha256,aes256-sha1,aes128-sha1,aes256gcm16,aes128gcm16,"
      "aes256-sha384,aes256-sha512,aes192-sha256,aes192-sha1,aes192gcm16,3des-sha1,"
      "aes256-md5,aes128-md5,3des-md5,aes128-sha384";

static const char rare_esp[]
    = "aes128-sha512,aes192-sha384,aes192-sha512,aes192-md5,3des-sha256,3des-sha384,"
      "3des-sha512";

/* The universe of the later Phase 1 rounds, each list in order of use. */
static const L2tpEncryption all_enc[] = {
  L2TP_ENC_AES256,
  L2TP_ENC_AES128,
  L2TP_ENC_AES192,
  L2TP_ENC_3DES,
};
static const L2tpIntegrity all_integ[] = {
  L2TP_INTEG_SHA256, L2TP_INTEG_SHA1, L2TP_INTEG_SHA384,
  L2TP_INTEG_SHA512, L2TP_INTEG_MD5,
};
static const L2tpDhGroup all_dh[] = {
  L2TP_DH_MODP2048, L2TP_DH_ECP256,   L2TP_DH_ECP384,   L2TP_DH_MODP3072,
  L2TP_DH_MODP1536, L2TP_DH_MODP1024, L2TP_DH_MODP4096, L2TP_DH_ECP521,
};

static const L2tpDhGroup pfs_groups[] = {
  L2TP_DH_MODP2048, L2TP_DH_MODP1536, L2TP_DH_MODP1024, L2TP_DH_ECP256, L2TP_DH_ECP384,
  L2TP_DH_MODP3072, L2TP_DH_MODP4096, L2TP_DH_ECP521,   L2TP_DH_NONE,
};

static L2tpProposalSet *
parse_builtin (L2tpProposalKind kind, const char *text)
{
  g_autoptr (GError) error = NULL;
  L2tpProposalSet *set = l2tp_proposal_set_parse (kind, "default", text, &error);

  if (!set)
    g_error ("built-in proposals are invalid: %s", error->message);
  return set;
}

L2tpProposalSet *
l2tp_proposal_set_new_default (L2tpProposalKind kind)
{
  return parse_builtin (kind, kind == L2TP_PROPOSAL_IKE ? default_ike : default_esp);
}

L2tpProposalSet *
l2tp_proposal_default_esp_rare (void)
{
  return parse_builtin (L2TP_PROPOSAL_ESP, rare_esp);
}

const L2tpDhGroup *
l2tp_proposal_default_pfs_groups (void)
{
  return pfs_groups;
}

/* How unusual a transform is: the sum of its parts' places in the lists
 * above, so a server with one uncommon setting (SHA-384, MODP-3072,
 * AES-192) is found in the second round and only odd mixtures come late. */
static guint
rarity (guint enc, guint integ, guint dh)
{
  static const guint dh_weight[] = { 0, 1, 1, 2, 2, 2, 2, 3 };

  G_STATIC_ASSERT (G_N_ELEMENTS (dh_weight) == G_N_ELEMENTS (all_dh));
  return enc + MIN (integ, 3u) + dh_weight[dh];
}

L2tpProposalSet *
l2tp_proposal_default_ike_all (void)
{
  L2tpProposalSet *all = l2tp_proposal_set_new_default (L2TP_PROPOSAL_IKE);
  guint max = (G_N_ELEMENTS (all_enc) - 1) + 3 + 3;

  for (guint score = 0; score <= max; score++)
    for (guint d = 0; d < G_N_ELEMENTS (all_dh); d++)
      for (guint i = 0; i < G_N_ELEMENTS (all_integ); i++)
        for (guint e = 0; e < G_N_ELEMENTS (all_enc); e++)
          {
            L2tpProposal p = { all_enc[e], all_integ[i], all_dh[d] };

            if (rarity (e, i, d) == score)
              l2tp_proposal_set_add (all, &p);
          }
  return all;
}
