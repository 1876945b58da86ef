/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — what the probe offers next: the plan's transforms in
 * groups, eliminated a group at a time.
 *
 * A first Main Mode message may carry several transforms in its proposal;
 * the server refuses them all in one answer (NO_PROPOSAL_CHOSEN) or
 * chooses one. So the plan goes out in groups of consecutive transforms
 * (most common first). A refused group is done in one round trip. An
 * accepted group names the one transform the server chose: that one is
 * put aside, to be offered alone later (its confirmation: only a
 * one-transform offer accepted makes a transform reported as accepted,
 * whatever the server's way of choosing among several), and the rest of
 * the group is offered again, until it is refused or empty. Once a group
 * had as many transforms chosen as it has left, its rest goes out one
 * transform an offer (cheaper for a server that accepts most of them, and
 * no confirmation needed). A refusal other than NO_PROPOSAL_CHOSEN, or an
 * answer that cannot be read, says nothing sure about each transform of a
 * group: the group is split in halves, unless the server already gave
 * that very answer to a one-transform offer (then it is its way of saying
 * no). An offer without any answer leaves its transforms unanswered.
 *
 * Offers: with n transforms in G groups, a server accepting k of them,
 * fewer than half of any group, takes G + 2k offers; any server at most
 * about 1.5 n + G. Pure: indices in, indices out; several offers may be
 * awaiting answers at a time, answered in any order.
 */
#ifndef L2TP_IKEV1_PROBE_GROUPS_H
#define L2TP_IKEV1_PROBE_GROUPS_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  L2TP_VERDICT_UNTRIED,     /* not offered yet, or to be offered again */
  L2TP_VERDICT_OFFERED,     /* in an offer awaiting its answer */
  L2TP_VERDICT_CHOSEN,      /* chosen from a group: to be offered alone */
  L2TP_VERDICT_ACCEPTED,    /* accepted in an offer of its own */
  L2TP_VERDICT_REFUSED,     /* in an offer the server refused */
  L2TP_VERDICT_UNANSWERED,  /* in an offer that got no answer */
  L2TP_VERDICT_UNREADABLE,  /* the answer to its offer could not be read */
  L2TP_VERDICT_UNCONFIRMED, /* chosen from a group, not accepted alone */
  L2TP_VERDICT_NOT_TRIED,   /* the probe ended first */
} L2tpTransformVerdict;

typedef struct
{
  guint id;
  gboolean confirmation; /* a transform chosen from a group, now alone */
  guint n;
  const guint *indices; /* positions in the plan, ascending: our order */
} L2tpProbeOffer;

typedef struct _L2tpProbeGroups L2tpProbeGroups;

/* @n_transforms of the plan, in groups of at most @group_size. */
L2tpProbeGroups *l2tp_probe_groups_new (guint n_transforms, guint group_size);
void l2tp_probe_groups_free (L2tpProbeGroups *groups);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpProbeGroups, l2tp_probe_groups_free)

/* The next offer to send, or NULL when nothing can be offered until an
 * answer comes (or ever: l2tp_probe_groups_finished()). Owned by @groups,
 * valid until it is freed. */
const L2tpProbeOffer *l2tp_probe_groups_next (L2tpProbeGroups *groups);
const L2tpProbeOffer *l2tp_probe_groups_get_offer (L2tpProbeGroups *groups, guint id);

/* Answers to offer @id, awaited or counted unanswered before (a late
 * answer still counts). An offer already answered, or offered again,
 * ignores them (FALSE). @chosen is the position in the offer of the
 * transform the server chose: FALSE and @error if it is outside it. */
gboolean l2tp_probe_groups_accepted (L2tpProbeGroups *groups, guint id, guint chosen,
                                     GError **error);
gboolean l2tp_probe_groups_refused (L2tpProbeGroups *groups, guint id,
                                    guint16 notify_type);
gboolean l2tp_probe_groups_unreadable (L2tpProbeGroups *groups, guint id);
/* No answer to the offer and its retransmissions. */
gboolean l2tp_probe_groups_unanswered (L2tpProbeGroups *groups, guint id);
/* An unanswered offer's transforms are to be offered again (the probe
 * moves to another port); FALSE if it was not unanswered. */
gboolean l2tp_probe_groups_offer_again (L2tpProbeGroups *groups, guint id);

/* The probe ends: what was never offered, or chosen but not yet offered
 * alone, becomes NOT_TRIED. Awaited offers stay as they are. */
void l2tp_probe_groups_stop (L2tpProbeGroups *groups);

/* Nothing left to offer and no answer awaited. */
gboolean l2tp_probe_groups_finished (L2tpProbeGroups *groups);
L2tpTransformVerdict l2tp_probe_groups_get_verdict (L2tpProbeGroups *groups, guint index);
/* Transforms whose verdict is final (progress). */
guint l2tp_probe_groups_count_decided (L2tpProbeGroups *groups);
guint l2tp_probe_groups_count (L2tpProbeGroups *groups, L2tpTransformVerdict verdict);
/* Offers the plan starts as (one per group). */
guint l2tp_probe_groups_count_groups (L2tpProbeGroups *groups);

#define L2TP_PROBE_GROUPS_ERROR (l2tp_probe_groups_error_quark ())
GQuark l2tp_probe_groups_error_quark (void);

G_END_DECLS

#endif /* L2TP_IKEV1_PROBE_GROUPS_H */
