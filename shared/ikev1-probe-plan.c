/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — the probe's transforms and their spelling.
 *
 * Order: each algorithm has a rank by how common it is among L2TP/IPsec
 * servers (Windows, Apple, Android and router defaults offer
 * AES-256/AES-128/3DES with SHA1 and MODP 1024 first, current boxes
 * SHA2-256 with MODP 2048); a transform's weight is the sum of its three
 * ranks, lower first, and ties keep encryption, then hash, then group order.
 */
#include "ikev1-probe-plan.h"

typedef struct
{
  int value;
  const char *name;
} Spelled;

/* Most common first. */
static const Spelled encryptions[] = {
  { L2TP_ENC_AES256, "aes256" },
  { L2TP_ENC_AES128, "aes128" },
  { L2TP_ENC_3DES, "3des" },
  { L2TP_ENC_AES192, "aes192" },
};

static const Spelled integrities[] = {
  { L2TP_INTEG_SHA1, "sha1" },     { L2TP_INTEG_SHA256, "sha256" },
  { L2TP_INTEG_MD5, "md5" },       { L2TP_INTEG_SHA384, "sha384" },
  { L2TP_INTEG_SHA512, "sha512" },
};

static const Spelled groups[] = {
  { L2TP_DH_MODP1024, "modp1024" }, { L2TP_DH_MODP2048, "modp2048" },
  { L2TP_DH_MODP1536, "modp1536" }, { L2TP_DH_ECP256, "ecp256" },
  { L2TP_DH_MODP3072, "modp3072" }, { L2TP_DH_ECP384, "ecp384" },
  { L2TP_DH_MODP4096, "modp4096" }, { L2TP_DH_CURVE25519, "curve25519" },
  { L2TP_DH_ECP521, "ecp521" },     { L2TP_DH_MODP768, "modp768" },
  { L2TP_DH_MODP6144, "modp6144" }, { L2TP_DH_MODP8192, "modp8192" },
};

typedef struct
{
  L2tpProposal p;
  guint weight;
  guint index; /* position in the plain product, the tie breaker */
} Ranked;

static int
compare_ranked (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->weight != y->weight)
    return x->weight < y->weight ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

GArray *
l2tp_ikev1_probe_plan_new (void)
{
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GArray *plan;

  for (guint e = 0; e < G_N_ELEMENTS (encryptions); e++)
    for (guint i = 0; i < G_N_ELEMENTS (integrities); i++)
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          Ranked r = {
            .p = { encryptions[e].value, integrities[i].value, groups[g].value },
            .weight = e + i + g,
            .index = ranked->len,
          };
          g_array_append_val (ranked, r);
        }
  g_array_sort (ranked, compare_ranked);

  plan = g_array_sized_new (FALSE, FALSE, sizeof (L2tpProposal), ranked->len);
  for (guint k = 0; k < ranked->len; k++)
    g_array_append_val (plan, g_array_index (ranked, Ranked, k).p);
  return plan;
}

static const char *
name_of (const Spelled *table, gsize n, int value)
{
  for (gsize i = 0; i < n; i++)
    if (table[i].value == value)
      return table[i].name;
  return NULL;
}

char *
l2tp_ikev1_transform_to_string (const L2tpProposal *transform)
{
  const char *enc, *integ, *dh;

  g_return_val_if_fail (transform != NULL, NULL);
  enc = name_of (encryptions, G_N_ELEMENTS (encryptions), transform->enc);
  integ = name_of (integrities, G_N_ELEMENTS (integrities), transform->integ);
  dh = name_of (groups, G_N_ELEMENTS (groups), transform->dh);
  if (!enc || !integ || !dh)
    return NULL;
  return g_strdup_printf ("%s-%s-%s", enc, integ, dh);
}
