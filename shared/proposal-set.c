/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — the proposal set container: an ordered list of distinct
 * proposals of one kind (proposals.c parses and renders it). */
#include "proposals.h"
#include "proposal-set-private.h"

/*****************************************************************************/
/* Set basics */

L2tpProposalSet *
l2tp_proposal_set_new_private (L2tpProposalKind kind, gboolean strict)
{
  L2tpProposalSet *set = g_new0 (L2tpProposalSet, 1);

  set->kind = kind;
  set->strict = strict;
  set->items = g_array_new (FALSE, TRUE, sizeof (L2tpProposal));
  return set;
}

static gboolean
proposal_equal (const L2tpProposal *a, const L2tpProposal *b)
{
  return a->enc == b->enc && a->integ == b->integ && a->dh == b->dh;
}

L2tpProposalSet *
l2tp_proposal_set_new (L2tpProposalKind kind)
{
  return l2tp_proposal_set_new_private (kind, FALSE);
}

gboolean
l2tp_proposal_set_add (L2tpProposalSet *set, const L2tpProposal *proposal)
{
  g_return_val_if_fail (set != NULL && proposal != NULL, FALSE);

  if (l2tp_proposal_set_contains (set, proposal))
    return FALSE;
  g_array_append_vals (set->items, proposal, 1);
  return TRUE;
}

gboolean
l2tp_proposal_set_contains (const L2tpProposalSet *set, const L2tpProposal *proposal)
{
  g_return_val_if_fail (set != NULL && proposal != NULL, FALSE);

  for (guint i = 0; i < set->items->len; i++)
    {
      if (proposal_equal (&g_array_index (set->items, L2tpProposal, i), proposal))
        return TRUE;
    }
  return FALSE;
}

void
l2tp_proposal_set_free (L2tpProposalSet *set)
{
  if (!set)
    return;
  g_array_unref (set->items);
  g_free (set);
}

L2tpProposalSet *
l2tp_proposal_set_copy (const L2tpProposalSet *set)
{
  L2tpProposalSet *copy;

  g_return_val_if_fail (set != NULL, NULL);

  copy = l2tp_proposal_set_new_private (set->kind, set->strict);
  g_array_append_vals (copy->items, set->items->data, set->items->len);
  return copy;
}

gboolean
l2tp_proposal_set_equal (const L2tpProposalSet *a, const L2tpProposalSet *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->kind != b->kind || a->strict != b->strict || a->items->len != b->items->len)
    return FALSE;
  for (guint i = 0; i < a->items->len; i++)
    {
      if (!proposal_equal (&g_array_index (a->items, L2tpProposal, i),
                           &g_array_index (b->items, L2tpProposal, i)))
        return FALSE;
    }
  return TRUE;
}

L2tpProposalKind
l2tp_proposal_set_get_kind (const L2tpProposalSet *set)
{
  g_return_val_if_fail (set != NULL, L2TP_PROPOSAL_IKE);
  return set->kind;
}

guint
l2tp_proposal_set_get_length (const L2tpProposalSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->items->len;
}

const L2tpProposal *
l2tp_proposal_set_get (const L2tpProposalSet *set, guint index)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (index < set->items->len, NULL);
  return &g_array_index (set->items, L2tpProposal, index);
}

gboolean
l2tp_proposal_set_is_strict (const L2tpProposalSet *set)
{
  g_return_val_if_fail (set != NULL, FALSE);
  return set->strict;
}

gboolean
l2tp_proposal_set_has_dh (const L2tpProposalSet *set)
{
  g_return_val_if_fail (set != NULL, FALSE);

  for (guint i = 0; i < set->items->len; i++)
    {
      if (g_array_index (set->items, L2tpProposal, i).dh != L2TP_DH_NONE)
        return TRUE;
    }
  return FALSE;
}

L2tpProposalSet *
l2tp_proposal_set_with_dh (const L2tpProposalSet *set, L2tpDhGroup dh)
{
  L2tpProposalSet *out;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (set->kind == L2TP_PROPOSAL_ESP || dh != L2TP_DH_NONE, NULL);

  out = l2tp_proposal_set_new_private (set->kind, set->strict);
  for (guint i = 0; i < set->items->len; i++)
    {
      L2tpProposal p = g_array_index (set->items, L2tpProposal, i);

      p.dh = dh;
      l2tp_proposal_set_add (out, &p);
    }
  return out;
}

L2tpProposalSet *
l2tp_proposal_set_filter_dh (const L2tpProposalSet *set, gboolean with_dh)
{
  L2tpProposalSet *out;

  g_return_val_if_fail (set != NULL, NULL);

  out = l2tp_proposal_set_new_private (set->kind, set->strict);
  for (guint i = 0; i < set->items->len; i++)
    {
      const L2tpProposal *p = &g_array_index (set->items, L2tpProposal, i);

      if ((p->dh != L2TP_DH_NONE) == !!with_dh)
        g_array_append_vals (out->items, p, 1);
    }
  if (out->items->len == 0)
    {
      l2tp_proposal_set_free (out);
      return NULL;
    }
  return out;
}
