/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What proposals.c (parsing, rendering) and proposal-set.c (the container)
 * share about a set; nothing outside shared/proposal*.c includes this. */
#pragma once

#include "proposals.h"

G_BEGIN_DECLS

struct _L2tpProposalSet
{
  L2tpProposalKind kind;
  gboolean strict;
  GArray *items; /* of L2tpProposal */
};

L2tpProposalSet *l2tp_proposal_set_new_private (L2tpProposalKind kind, gboolean strict);

G_END_DECLS
