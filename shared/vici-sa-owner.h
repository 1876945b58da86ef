/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which SAs of a charon message (ike-updown, child-updown, list-sa) are a
 * connection's own. charon reuses an established IKE SA whose config equals
 * a new conn's, so two of our connections to one server share one IKE SA,
 * named after whichever came first: a CHILD_SA is ours by its name, an IKE
 * SA is ours while it carries our CHILD_SA (or, before that, by its name),
 * and it may be deleted only when it carries no CHILD_SA of anyone else. */
#pragma once

#include <glib.h>

#include "vici-message.h"

G_BEGIN_DECLS

typedef struct
{
  char *ike_id;          /* the IKE SA's "uniqueid" */
  gboolean named_ours;   /* the IKE SA is named name */
  gboolean carries_ours; /* it carries a CHILD_SA named name */
  guint others;          /* CHILD_SAs of other names it carries */
} L2tpViciIkeUse;

/* The IKE SA section of msg that carries a CHILD_SA named name, or NULL. */
const ViciNode *l2tp_vici_sa_carrying (const ViciMessage *msg, const char *name);

/* Appends to uses (of L2tpViciIkeUse, clear with l2tp_vici_ike_use_clear)
 * every IKE SA section of msg that is named name or carries a CHILD_SA
 * named name. Sections without a uniqueid are skipped. */
void l2tp_vici_sa_collect_uses (const ViciMessage *msg, const char *name, GArray *uses);
void l2tp_vici_ike_use_clear (gpointer use);

/* An IKE SA of ours that our teardown may delete: nobody else's CHILD_SA
 * rides on it. */
gboolean l2tp_vici_ike_use_deletable (const L2tpViciIkeUse *use);

G_END_DECLS
