/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What charon says an SA negotiated, as a proposal of our model: the
 * encr-alg, encr-keysize, integ-alg, prf-alg and dh-group values of an IKE
 * SA or CHILD_SA section (list-sas, ike-updown, child-updown), in
 * strongSwan's spelling ("AES_CBC", "HMAC_SHA2_256_128", "MODP_2048"). */
#pragma once

#include "proposals.h"
#include "vici-message.h"

G_BEGIN_DECLS

/* FALSE if a value is missing or not one the model has (then *out is
 * untouched): an SA we cannot name is simply not remembered. */
gboolean l2tp_vici_sa_proposal (const ViciNode *sa, L2tpProposalKind kind,
                                L2tpProposal *out);

/* The CHILD_SA section named @child_name under @ike_sa's child-sas, or NULL. */
const ViciNode *l2tp_vici_sa_find_child (const ViciNode *ike_sa, const char *child_name);

G_END_DECLS
