/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — the probe's groups: what to offer next, from the answers.
 *
 * Every transform is in exactly one place: a queued item (to be offered),
 * an offer (awaiting its answer, or unanswered), or a final verdict. The
 * queues, first served first: the rest of a group the server chose from
 * and halves of a split group (they carry on a group already under way),
 * then the confirmations (so a server that stops answering later has its
 * choices confirmed already), then the plan's groups not offered yet.
 */
#include "ikev1-probe-groups.h"

#include "ikev1-probe-packet.h"

G_DEFINE_QUARK (l2tp - probe - groups - error - quark, l2tp_probe_groups_error)

typedef struct
{
  GArray *indices; /* guint, ascending */
  gboolean confirmation;
  guint chosen_before; /* transforms the server chose from this group so far */
} Item;

typedef enum
{
  OFFER_AWAITED,
  OFFER_UNANSWERED,
  OFFER_ANSWERED,
  OFFER_AGAIN, /* unanswered, its transforms queued again */
} OfferState;

typedef struct
{
  L2tpProbeOffer pub;
  GArray *indices;
  guint chosen_before;
  OfferState state;
} Offer;

struct _L2tpProbeGroups
{
  guint n;
  L2tpTransformVerdict *verdict;
  GPtrArray *offers; /* Offer*, by id */
  GQueue rest, confirm, fresh;
  guint n_groups;
  guint awaited;
  /* Answers the server gave to a one-transform offer: its way of saying no. */
  GArray *no_notifies; /* guint16 */
  gboolean unreadable_is_no;
};

static Item *
item_new (gboolean confirmation, guint chosen_before)
{
  Item *item = g_new0 (Item, 1);

  item->indices = g_array_new (FALSE, FALSE, sizeof (guint));
  item->confirmation = confirmation;
  item->chosen_before = chosen_before;
  return item;
}

static void
item_free (Item *item)
{
  g_array_unref (item->indices);
  g_free (item);
}

static void
offer_free (Offer *o)
{
  g_array_unref (o->indices);
  g_free (o);
}

L2tpProbeGroups *
l2tp_probe_groups_new (guint n_transforms, guint group_size)
{
  L2tpProbeGroups *g = g_new0 (L2tpProbeGroups, 1);
  guint n_groups, at = 0;

  g_return_val_if_fail (group_size >= 1, NULL);
  g->n = n_transforms;
  g->verdict = g_new0 (L2tpTransformVerdict, MAX (n_transforms, 1));
  g->offers = g_ptr_array_new_with_free_func ((GDestroyNotify) offer_free);
  g->no_notifies = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_queue_init (&g->rest);
  g_queue_init (&g->confirm);
  g_queue_init (&g->fresh);

  /* Groups of nearly equal size, none above group_size. */
  n_groups = (n_transforms + group_size - 1) / group_size;
  for (guint k = 0; k < n_groups; k++)
    {
      guint size = n_transforms / n_groups + (k < n_transforms % n_groups ? 1 : 0);
      Item *item = item_new (FALSE, 0);

      for (guint i = 0; i < size; i++, at++)
        g_array_append_val (item->indices, at);
      g_queue_push_tail (&g->fresh, item);
    }
  g->n_groups = n_groups;
  return g;
}

void
l2tp_probe_groups_free (L2tpProbeGroups *g)
{
  if (!g)
    return;
  g_queue_clear_full (&g->rest, (GDestroyNotify) item_free);
  g_queue_clear_full (&g->confirm, (GDestroyNotify) item_free);
  g_queue_clear_full (&g->fresh, (GDestroyNotify) item_free);
  g_ptr_array_unref (g->offers);
  g_array_unref (g->no_notifies);
  g_free (g->verdict);
  g_free (g);
}

static void
set_verdicts (L2tpProbeGroups *g, GArray *indices, L2tpTransformVerdict verdict)
{
  for (guint i = 0; i < indices->len; i++)
    g->verdict[g_array_index (indices, guint, i)] = verdict;
}

const L2tpProbeOffer *
l2tp_probe_groups_next (L2tpProbeGroups *g)
{
  Item *item;
  Offer *o;

  item = g_queue_pop_head (&g->rest);
  if (!item)
    item = g_queue_pop_head (&g->confirm);
  if (!item)
    item = g_queue_pop_head (&g->fresh);
  if (!item)
    return NULL;

  o = g_new0 (Offer, 1);
  o->indices = g_array_ref (item->indices);
  o->chosen_before = item->chosen_before;
  o->state = OFFER_AWAITED;
  o->pub.id = g->offers->len;
  o->pub.confirmation = item->confirmation;
  o->pub.n = o->indices->len;
  o->pub.indices = (const guint *) o->indices->data;
  g_ptr_array_add (g->offers, o);
  set_verdicts (g, o->indices, L2TP_VERDICT_OFFERED);
  g->awaited++;
  item_free (item);
  return &o->pub;
}

const L2tpProbeOffer *
l2tp_probe_groups_get_offer (L2tpProbeGroups *g, guint id)
{
  g_return_val_if_fail (id < g->offers->len, NULL);
  return &((Offer *) g->offers->pdata[id])->pub;
}

/* The offer an answer is for, now answered; NULL if it takes none. */
static Offer *
take (L2tpProbeGroups *g, guint id)
{
  Offer *o;

  g_return_val_if_fail (id < g->offers->len, NULL);
  o = g->offers->pdata[id];
  if (o->state == OFFER_AWAITED)
    g->awaited--;
  else if (o->state != OFFER_UNANSWERED)
    return NULL;
  o->state = OFFER_ANSWERED;
  return o;
}

/* Queues @indices[from, to) of @o as an item to carry on with. */
static void
queue_rest (L2tpProbeGroups *g, Offer *o, guint from, guint to, guint skip,
            guint chosen_before)
{
  Item *item = item_new (FALSE, chosen_before);

  for (guint i = from; i < to; i++)
    if (i != skip)
      g_array_append_val (item->indices, g_array_index (o->indices, guint, i));
  if (item->indices->len == 0)
    {
      item_free (item);
      return;
    }
  set_verdicts (g, item->indices, L2TP_VERDICT_UNTRIED);
  g_queue_push_head (&g->rest, item);
}

/* An answer that says nothing sure about each transform of a group. */
static void
split (L2tpProbeGroups *g, Offer *o)
{
  guint half = (o->pub.n + 1) / 2;

  /* Pushed to the head: the first half goes out first. */
  queue_rest (g, o, half, o->pub.n, G_MAXUINT, 0);
  queue_rest (g, o, 0, half, G_MAXUINT, 0);
}

static void
unreadable (L2tpProbeGroups *g, Offer *o)
{
  if (o->pub.n == 1)
    g->unreadable_is_no = TRUE;
  if (o->pub.n == 1 || g->unreadable_is_no)
    set_verdicts (g, o->indices,
                  o->pub.confirmation ? L2TP_VERDICT_UNCONFIRMED
                                      : L2TP_VERDICT_UNREADABLE);
  else
    split (g, o);
}

gboolean
l2tp_probe_groups_accepted (L2tpProbeGroups *g, guint id, guint chosen, GError **error)
{
  Offer *o = take (g, id);
  guint index, chosen_now;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (!o)
    return FALSE;
  if (chosen >= o->pub.n)
    {
      g_set_error (error, L2TP_PROBE_GROUPS_ERROR, 0,
                   "the server chose transform %u of an offer of %u", chosen + 1,
                   o->pub.n);
      /* Counted as an answer that could not be read. */
      unreadable (g, o);
      return FALSE;
    }
  index = g_array_index (o->indices, guint, chosen);
  if (o->pub.n == 1)
    {
      g->verdict[index] = L2TP_VERDICT_ACCEPTED;
      return TRUE;
    }

  g->verdict[index] = L2TP_VERDICT_CHOSEN;
  {
    Item *confirm = item_new (TRUE, 0);

    g_array_append_val (confirm->indices, index);
    g_queue_push_tail (&g->confirm, confirm);
  }
  chosen_now = o->chosen_before + 1;
  if (chosen_now >= o->pub.n - 1)
    {
      /* As many chosen as are left: the rest one at a time, in our order. */
      for (guint i = o->pub.n; i-- > 0;)
        if (i != chosen)
          queue_rest (g, o, i, i + 1, G_MAXUINT, 0);
    }
  else
    queue_rest (g, o, 0, o->pub.n, chosen, chosen_now);
  return TRUE;
}

static gboolean
is_no (L2tpProbeGroups *g, guint16 notify_type)
{
  if (notify_type == L2TP_IKEV1_NOTIFY_NO_PROPOSAL_CHOSEN)
    return TRUE;
  for (guint i = 0; i < g->no_notifies->len; i++)
    if (g_array_index (g->no_notifies, guint16, i) == notify_type)
      return TRUE;
  return FALSE;
}

gboolean
l2tp_probe_groups_refused (L2tpProbeGroups *g, guint id, guint16 notify_type)
{
  Offer *o = take (g, id);

  if (!o)
    return FALSE;
  if (o->pub.n == 1 && !is_no (g, notify_type))
    g_array_append_val (g->no_notifies, notify_type);
  if (o->pub.n == 1 || is_no (g, notify_type))
    set_verdicts (g, o->indices,
                  o->pub.confirmation ? L2TP_VERDICT_UNCONFIRMED : L2TP_VERDICT_REFUSED);
  else
    split (g, o);
  return TRUE;
}

gboolean
l2tp_probe_groups_unreadable (L2tpProbeGroups *g, guint id)
{
  Offer *o = take (g, id);

  if (!o)
    return FALSE;
  unreadable (g, o);
  return TRUE;
}

gboolean
l2tp_probe_groups_unanswered (L2tpProbeGroups *g, guint id)
{
  Offer *o;

  g_return_val_if_fail (id < g->offers->len, FALSE);
  o = g->offers->pdata[id];
  if (o->state != OFFER_AWAITED)
    return FALSE;
  o->state = OFFER_UNANSWERED;
  g->awaited--;
  set_verdicts (g, o->indices, L2TP_VERDICT_UNANSWERED);
  return TRUE;
}

gboolean
l2tp_probe_groups_offer_again (L2tpProbeGroups *g, guint id)
{
  Offer *o;
  Item *item;

  g_return_val_if_fail (id < g->offers->len, FALSE);
  o = g->offers->pdata[id];
  if (o->state != OFFER_UNANSWERED)
    return FALSE;
  o->state = OFFER_AGAIN;
  item = item_new (o->pub.confirmation, o->chosen_before);
  g_array_append_vals (item->indices, o->indices->data, o->indices->len);
  set_verdicts (g, item->indices,
                o->pub.confirmation ? L2TP_VERDICT_CHOSEN : L2TP_VERDICT_UNTRIED);
  g_queue_push_head (o->pub.confirmation ? &g->confirm : &g->rest, item);
  return TRUE;
}

static void
stop_queue (L2tpProbeGroups *g, GQueue *queue)
{
  Item *item;

  while ((item = g_queue_pop_head (queue)))
    {
      if (!item->confirmation)
        set_verdicts (g, item->indices, L2TP_VERDICT_NOT_TRIED);
      item_free (item);
    }
}

void
l2tp_probe_groups_stop (L2tpProbeGroups *g)
{
  stop_queue (g, &g->rest);
  stop_queue (g, &g->confirm);
  stop_queue (g, &g->fresh);
}

gboolean
l2tp_probe_groups_finished (L2tpProbeGroups *g)
{
  return g->awaited == 0 && g_queue_is_empty (&g->rest) && g_queue_is_empty (&g->confirm)
         && g_queue_is_empty (&g->fresh);
}

L2tpTransformVerdict
l2tp_probe_groups_get_verdict (L2tpProbeGroups *g, guint index)
{
  g_return_val_if_fail (index < g->n, L2TP_VERDICT_NOT_TRIED);
  return g->verdict[index];
}

guint
l2tp_probe_groups_count_decided (L2tpProbeGroups *g)
{
  guint n = 0;

  for (guint i = 0; i < g->n; i++)
    n += g->verdict[i] != L2TP_VERDICT_UNTRIED && g->verdict[i] != L2TP_VERDICT_OFFERED
         && g->verdict[i] != L2TP_VERDICT_CHOSEN;
  return n;
}

guint
l2tp_probe_groups_count (L2tpProbeGroups *g, L2tpTransformVerdict verdict)
{
  guint n = 0;

  for (guint i = 0; i < g->n; i++)
    n += g->verdict[i] == verdict;
  return n;
}

guint
l2tp_probe_groups_count_groups (L2tpProbeGroups *g)
{
  return g->n_groups;
}
