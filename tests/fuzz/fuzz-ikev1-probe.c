/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IKEv1 probe answers from the network (l2tp_ikev1_probe_parse). The input
 * is a datagram; its first 8 bytes serve as our cookie, so the parser gets
 * past the cookie check. It is read twice: as the answer to an offer of the
 * whole plan, and to an offer of a group of it (the group and its order
 * taken from the datagram's last bytes, so mutations reach both an
 * offered and a not-offered choice).
 *
 * INVARIANTS: a refusal sets an error, a success none; an answer for
 * another cookie is NOT_OURS; bytes after the ISAKMP length change nothing
 * (the parser never reads past the message); an accepted transform is one
 * of the plan's (spellable for ipsec-ike, buildable as a probe) and is the
 * offered transform at the position the answer names; an answer that the
 * plan's offer accepts is, for the group, accepted the same way or
 * NOT_OFFERED, never another error; every vendor ID gets a UTF-8 name. */
#include <string.h>

#include "fuzz-common.h"
#include "ikev1-probe-packet.h"
#include "ikev1-probe-plan.h"
#include "ikev1-vendor-id.h"

static void
check_answer (const L2tpIkev1Answer *a)
{
  for (guint i = 0; i < a->vendor_ids->len; i++)
    {
      gsize len;
      const guint8 *d = g_bytes_get_data (a->vendor_ids->pdata[i], &len);
      g_autofree char *name = l2tp_ikev1_vendor_id_describe (d, len);

      if (!name || !g_utf8_validate (name, -1, NULL))
        fuzz_fail ("vendor ID %u has no UTF-8 name", i);
    }
  if (a->kind == L2TP_IKEV1_ANSWER_ACCEPTED)
    {
      g_autofree char *name = l2tp_ikev1_transform_to_string (&a->accepted);
      g_autoptr (GBytes) probe = NULL;
      g_autoptr (GError) error = NULL;

      if (!name)
        fuzz_fail ("accepted transform %d/%d/%d has no spelling", a->accepted.enc,
                   a->accepted.integ, a->accepted.dh);
      probe = l2tp_ikev1_probe_build (a->responder_cookie, &a->accepted, 1,
                                      a->life_seconds, &error);
      if (!probe)
        fuzz_fail ("accepted transform %s cannot be offered: %s", name, error->message);
    }
  else if (a->kind != L2TP_IKEV1_ANSWER_NOTIFY)
    fuzz_fail ("answer of kind %d", a->kind);
  (void) l2tp_ikev1_notify_name (a->notify_type);
}

static gboolean
same_answer (const L2tpIkev1Answer *a, const L2tpIkev1Answer *b)
{
  if (a->kind != b->kind || a->notify_type != b->notify_type
      || a->life_seconds != b->life_seconds || a->chosen != b->chosen
      || memcmp (&a->accepted, &b->accepted, sizeof a->accepted) != 0
      || memcmp (a->responder_cookie, b->responder_cookie, 8) != 0
      || a->vendor_ids->len != b->vendor_ids->len)
    return FALSE;
  for (guint i = 0; i < a->vendor_ids->len; i++)
    if (!g_bytes_equal (a->vendor_ids->pdata[i], b->vendor_ids->pdata[i]))
      return FALSE;
  return TRUE;
}

static void
check_chosen (const L2tpIkev1Answer *a, const L2tpProposal *offered, guint n_offered)
{
  if (a->kind != L2TP_IKEV1_ANSWER_ACCEPTED)
    return;
  if (a->chosen >= n_offered
      || memcmp (&offered[a->chosen], &a->accepted, sizeof a->accepted) != 0)
    fuzz_fail ("the answer's choice %u is not the transform it names", a->chosen);
}

/* Up to L2TP_IKEV1_PROBE_MAX_TRANSFORMS plan transforms picked by the
 * datagram's last bytes. */
static guint
pick_group (const GArray *plan, const uint8_t *data, size_t size, L2tpProposal *group)
{
  guint n = 0;

  for (size_t i = size; i > 0 && n < L2TP_IKEV1_PROBE_MAX_TRANSFORMS && size - i < 32;
       i--)
    group[n++] = g_array_index (plan, L2tpProposal, data[i - 1] % plan->len);
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static GArray *plan;
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpIkev1Answer) answer = NULL;
  const L2tpProposal *all;
  L2tpProposal group[L2TP_IKEV1_PROBE_MAX_TRANSFORMS];
  guint n_group;
  guint8 cookie[8] = { 0 };

  if (!plan)
    plan = l2tp_ikev1_probe_plan_new ();
  all = (const L2tpProposal *) plan->data;
  memcpy (cookie, data, MIN (size, sizeof cookie));
  answer = l2tp_ikev1_probe_parse (data, size, cookie, all, plan->len, &error);
  fuzz_check_error ("l2tp_ikev1_probe_parse", answer != NULL, error);
  if (answer)
    check_chosen (answer, all, plan->len);

  /* The same datagram as the answer to a group. */
  n_group = pick_group (plan, data, size, group);
  {
    g_autoptr (GError) eg = NULL;
    g_autoptr (L2tpIkev1Answer) ag
        = l2tp_ikev1_probe_parse (data, size, cookie, group, n_group, &eg);

    fuzz_check_error ("l2tp_ikev1_probe_parse (group)", ag != NULL, eg);
    if (ag)
      check_chosen (ag, group, n_group);
    if (answer && answer->kind == L2TP_IKEV1_ANSWER_ACCEPTED && !ag
        && !g_error_matches (eg, L2TP_IKEV1_PROBE_ERROR,
                             L2TP_IKEV1_PROBE_ERROR_NOT_OFFERED))
      fuzz_fail ("an acceptance readable for the plan is refused for a group: %s",
                 eg->message);
    if (answer && ag
        && (ag->kind != answer->kind
            || memcmp (&ag->accepted, &answer->accepted, sizeof ag->accepted) != 0))
      fuzz_fail ("the group's offer reads the answer differently");
    if (!answer && ag)
      fuzz_fail ("an answer refused for the plan is read for a group");
  }

  if (size >= L2TP_IKEV1_HEADER_LEN)
    {
      g_autoptr (GError) e2 = NULL;
      g_autoptr (L2tpIkev1Answer) other = NULL;

      cookie[0] ^= 0x5a;
      other = l2tp_ikev1_probe_parse (data, size, cookie, all, plan->len, &e2);
      if (other
          || !g_error_matches (e2, L2TP_IKEV1_PROBE_ERROR,
                               L2TP_IKEV1_PROBE_ERROR_NOT_OURS))
        fuzz_fail ("an answer for another cookie is not refused as NOT_OURS");
      cookie[0] ^= 0x5a;
    }
  if (!answer)
    return 0;
  check_answer (answer);

  /* Trailing bytes beyond the ISAKMP length are not part of the message. */
  {
    g_autofree guint8 *longer = g_malloc (size + 16);
    g_autoptr (GError) e3 = NULL;
    g_autoptr (L2tpIkev1Answer) again = NULL;

    memcpy (longer, data, size);
    memset (longer + size, 0x0d, 16);
    again = l2tp_ikev1_probe_parse (longer, size + 16, cookie, all, plan->len, &e3);
    if (!again || !same_answer (answer, again))
      fuzz_fail ("bytes after the message change the answer");
  }
  return 0;
}
