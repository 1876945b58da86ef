/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — strongSwan's charon: installed and its version,
 * built with IKEv1 (strongSwan 6.1 builds may lack it), and able to do the
 * algorithms of older servers (3DES, MD5, MODP-1024), for the charon the
 * service will use: a system charon (asked over VICI when it lets us) or
 * its own private one (the plugins it loads). */
#pragma once

#include "diagnose-check.h"
#include "diagnose-system-charon.h"

G_BEGIN_DECLS

/* The charon, IKEv1 and algorithm checks, then the system charon's. */
void l2tp_diagnose_charon (L2tpCheckList *list);

/* Whether @data holds IKEv1's code: libcharon's exported IKEv1 task
 * constructors (main_mode_create, quick_mode_create) are in its symbol
 * table only when strongSwan was built with IKEv1. */
gboolean l2tp_diagnose_has_ikev1_symbols (const guint8 *data, gsize len);

/* What a set of charon plugins provides of 3DES, MD5 (hash and HMAC) and
 * MODP-1024: the names missing, NULL if none (diagnose-charon.c). */
typedef enum
{
  L2TP_LEGACY_3DES = 1 << 0,
  L2TP_LEGACY_MD5 = 1 << 1,
  L2TP_LEGACY_MODP1024 = 1 << 2,
  L2TP_LEGACY_ALL = 7,
} L2tpLegacyAlgorithms;

L2tpLegacyAlgorithms l2tp_diagnose_plugins_provide (const char *const *plugins);
L2tpLegacyAlgorithms l2tp_diagnose_vici_algorithms_provide (const ViciMessage *answer);

G_END_DECLS
