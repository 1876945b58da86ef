/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What worked last time for one connection: the Phase 1 transform and the
 * Phase 2 proposal the server chose (its PFS group included) and whether it
 * demanded MPPE, with the fingerprint of the settings it was found for.
 * Saved by the service as a small key file, root's alone
 * (src/service/plan-store.c); here only its text form, pure. */
#pragma once

#include "proposals.h"

G_BEGIN_DECLS

typedef struct
{
  L2tpProposal ike;
  L2tpProposal esp;
  gboolean mppe;
  char *fingerprint; /* l2tp_plan_fingerprint() of the config it worked for */
} L2tpPlanMemory;

L2tpPlanMemory *l2tp_plan_memory_new (const L2tpProposal *ike, const L2tpProposal *esp,
                                      gboolean mppe, const char *fingerprint);
void l2tp_plan_memory_free (L2tpPlanMemory *memory);

/* A key file: [plan] for=, ike=, esp=, mppe=. */
char *l2tp_plan_memory_to_text (const L2tpPlanMemory *memory);
/* NULL and an error naming the line's key for anything but what
 * to_text writes (the file is ours, but never trusted). */
L2tpPlanMemory *l2tp_plan_memory_from_text (const char *text, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpPlanMemory, l2tp_plan_memory_free)

G_END_DECLS
