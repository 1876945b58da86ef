/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "vici-sa-proposal.h"

typedef struct
{
  const char *name;
  int value;
} Name;

/* encr-alg + encr-keysize */
static const struct
{
  const char *alg;
  const char *keysize;
  L2tpEncryption value;
} encryptions[] = {
  { "AES_CBC", "128", L2TP_ENC_AES128 },
  { "AES_CBC", "192", L2TP_ENC_AES192 },
  { "AES_CBC", "256", L2TP_ENC_AES256 },
  { "AES_GCM_16", "128", L2TP_ENC_AES128_GCM16 },
  { "AES_GCM_16", "192", L2TP_ENC_AES192_GCM16 },
  { "AES_GCM_16", "256", L2TP_ENC_AES256_GCM16 },
  { "3DES_CBC", NULL, L2TP_ENC_3DES },
};

static const Name integrities[] = {
  { "HMAC_MD5_96", L2TP_INTEG_MD5 },          { "HMAC_SHA1_96", L2TP_INTEG_SHA1 },
  { "HMAC_SHA2_256_128", L2TP_INTEG_SHA256 }, { "HMAC_SHA2_384_192", L2TP_INTEG_SHA384 },
  { "HMAC_SHA2_512_256", L2TP_INTEG_SHA512 },
};

static const Name prfs[] = {
  { "PRF_HMAC_MD5", L2TP_INTEG_MD5 },         { "PRF_HMAC_SHA1", L2TP_INTEG_SHA1 },
  { "PRF_HMAC_SHA2_256", L2TP_INTEG_SHA256 }, { "PRF_HMAC_SHA2_384", L2TP_INTEG_SHA384 },
  { "PRF_HMAC_SHA2_512", L2TP_INTEG_SHA512 },
};

static const Name groups[] = {
  { "MODP_768", L2TP_DH_MODP768 },   { "MODP_1024", L2TP_DH_MODP1024 },
  { "MODP_1536", L2TP_DH_MODP1536 }, { "MODP_2048", L2TP_DH_MODP2048 },
  { "MODP_3072", L2TP_DH_MODP3072 }, { "MODP_4096", L2TP_DH_MODP4096 },
  { "MODP_6144", L2TP_DH_MODP6144 }, { "MODP_8192", L2TP_DH_MODP8192 },
  { "ECP_256", L2TP_DH_ECP256 },     { "ECP_384", L2TP_DH_ECP384 },
  { "ECP_521", L2TP_DH_ECP521 },     { "CURVE_25519", L2TP_DH_CURVE25519 },
};

static const char *
value (const ViciNode *sa, const char *key)
{
  const ViciNode *kv = vici_node_lookup (sa, key);

  return kv && vici_node_get_kind (kv) == VICI_NODE_KEY_VALUE ? vici_node_get_str (kv)
                                                              : NULL;
}

static gboolean
lookup (const Name *table, gsize n, const char *name, int *out)
{
  for (gsize i = 0; name && i < n; i++)
    {
      if (g_str_equal (table[i].name, name))
        {
          *out = table[i].value;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
lookup_encryption (const char *alg, const char *keysize, L2tpEncryption *out)
{
  for (gsize i = 0; alg && i < G_N_ELEMENTS (encryptions); i++)
    {
      if (g_str_equal (encryptions[i].alg, alg)
          && (!encryptions[i].keysize
              || g_strcmp0 (encryptions[i].keysize, keysize) == 0))
        {
          *out = encryptions[i].value;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
l2tp_vici_sa_proposal (const ViciNode *sa, L2tpProposalKind kind, L2tpProposal *out)
{
  L2tpProposal p = { 0 };
  const char *integ, *dh;
  int v;

  g_return_val_if_fail (out != NULL, FALSE);
  if (!sa || vici_node_get_kind (sa) != VICI_NODE_SECTION)
    return FALSE;
  integ = value (sa, "integ-alg");
  dh = value (sa, "dh-group");
  if (!lookup_encryption (value (sa, "encr-alg"), value (sa, "encr-keysize"), &p.enc))
    return FALSE;
  /* IKE: the hash is the PRF's (AEAD ciphers have no integ-alg). */
  if (kind == L2TP_PROPOSAL_IKE)
    {
      if (!lookup (prfs, G_N_ELEMENTS (prfs), value (sa, "prf-alg"), &v))
        return FALSE;
      p.integ = v;
    }
  else if (integ)
    {
      if (!lookup (integrities, G_N_ELEMENTS (integrities), integ, &v))
        return FALSE;
      p.integ = v;
    }
  else if (p.enc != L2TP_ENC_AES128_GCM16 && p.enc != L2TP_ENC_AES192_GCM16
           && p.enc != L2TP_ENC_AES256_GCM16)
    return FALSE;
  if (dh)
    {
      if (!lookup (groups, G_N_ELEMENTS (groups), dh, &v))
        return FALSE;
      p.dh = v;
    }
  else if (kind == L2TP_PROPOSAL_IKE)
    return FALSE;
  *out = p;
  return TRUE;
}

const ViciNode *
l2tp_vici_sa_find_child (const ViciNode *ike_sa, const char *child_name)
{
  const ViciNode *children;

  if (!ike_sa || !child_name)
    return NULL;
  children = vici_node_lookup (ike_sa, "child-sas");
  if (!children || vici_node_get_kind (children) != VICI_NODE_SECTION)
    return NULL;
  for (guint i = 0; i < vici_node_get_n_children (children); i++)
    {
      const ViciNode *child = vici_node_get_child (children, i);

      if (vici_node_get_kind (child) == VICI_NODE_SECTION
          && g_strcmp0 (value (child, "name"), child_name) == 0)
        return child;
    }
  return NULL;
}
