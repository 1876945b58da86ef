/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "libreswan-names.h"

#include <string.h>

typedef struct
{
  const char *name;
  int value;
} Name;

static const Name esp_integs[] = {
  { "HMAC_MD5_96", L2TP_INTEG_MD5 },          { "HMAC_SHA1_96", L2TP_INTEG_SHA1 },
  { "HMAC_SHA2_256_128", L2TP_INTEG_SHA256 }, { "HMAC_SHA2_384_192", L2TP_INTEG_SHA384 },
  { "HMAC_SHA2_512_256", L2TP_INTEG_SHA512 }, { "NONE", L2TP_INTEG_NONE },
};

/* 4.10 as Debian builds it has no MODP768/1024; named in case one does. */
static const Name groups[] = {
  { "MODP768", L2TP_DH_MODP768 },   { "MODP1024", L2TP_DH_MODP1024 },
  { "MODP1536", L2TP_DH_MODP1536 }, { "MODP2048", L2TP_DH_MODP2048 },
  { "MODP3072", L2TP_DH_MODP3072 }, { "MODP4096", L2TP_DH_MODP4096 },
  { "MODP6144", L2TP_DH_MODP6144 }, { "MODP8192", L2TP_DH_MODP8192 },
  { "DH19", L2TP_DH_ECP256 },       { "DH20", L2TP_DH_ECP384 },
  { "DH21", L2TP_DH_ECP521 },       { "DH31", L2TP_DH_CURVE25519 },
};

static const Name *
find (const Name *table, gsize n, const char *name)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (table[i].name, name) == 0)
      return &table[i];
  return NULL;
}

gboolean
l2tp_libreswan_group_by_name (const char *name, L2tpDhGroup *out)
{
  const Name *n = find (groups, G_N_ELEMENTS (groups), name);

  if (n)
    *out = n->value;
  return n != NULL;
}

gboolean
l2tp_libreswan_esp_integ_by_name (const char *name, L2tpIntegrity *out)
{
  const Name *n = find (esp_integs, G_N_ELEMENTS (esp_integs), name);

  if (n)
    *out = n->value;
  return n != NULL;
}
