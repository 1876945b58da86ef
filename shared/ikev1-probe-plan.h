/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — what `nm-l2tp-ipsec probe` offers, in which order, and
 * how an accepted transform is spelled for `ipsec-ike`.
 *
 * Every IKEv1 Phase 1 transform of the proposal model: AES-128/192/256-CBC
 * and 3DES × MD5, SHA1, SHA2-256/384/512 × MODP 768-8192, ECP 256/384/521
 * and curve25519, most common first, so a typical server answers its
 * transforms early. Pure. */
#ifndef L2TP_IKEV1_PROBE_PLAN_H
#define L2TP_IKEV1_PROBE_PLAN_H

#include <glib.h>

#include "proposals.h"

G_BEGIN_DECLS

/* The transforms in probing order: a new array of L2tpProposal. */
GArray *l2tp_ikev1_probe_plan_new (void);

/* strongSwan spelling of one IKE transform, e.g. "aes256-sha256-modp2048",
 * as `ipsec-ike` takes it; NULL for one outside the plan's algorithms. */
char *l2tp_ikev1_transform_to_string (const L2tpProposal *transform);

G_END_DECLS

#endif /* L2TP_IKEV1_PROBE_PLAN_H */
