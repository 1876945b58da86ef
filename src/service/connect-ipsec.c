/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/connect-private.h"

#include <glib/gi18n-lib.h>

#include "src/common/log.h"
#include "src/service/plan-walk.h"

/* ---- ipsec ------------------------------------------------------------ */

/* What the server chose, for the plan (remembered once connected). */
static void
tell_plan_chosen (L2tpConnect *c, L2tpAnswerKind kind, const L2tpProposal *chosen)
{
  g_autoptr (L2tpProposalSet) one = l2tp_proposal_set_new (
      kind == L2TP_ANSWER_IKE_UP ? L2TP_PROPOSAL_IKE : L2TP_PROPOSAL_ESP);
  g_autofree char *text = NULL;
  L2tpAnswer answer = { kind, *chosen };

  if (c->stopping || c->failed)
    return;
  l2tp_proposal_set_add (one, chosen);
  text = l2tp_proposal_set_to_strongswan (one);
  l2tp_log_info ("plan: the server chose %s %s",
                 kind == L2TP_ANSWER_IKE_UP ? "IKE" : "ESP", text);
  l2tp_plan_answer (c->plan, &answer);
}

static void
on_ipsec_ike_up (const L2tpProposal *chosen, gpointer user_data)
{
  tell_plan_chosen (user_data, L2TP_ANSWER_IKE_UP, chosen);
}

static void
on_ipsec_child_chosen (const L2tpProposal *chosen, gpointer user_data)
{
  tell_plan_chosen (user_data, L2TP_ANSWER_ESP_UP, chosen);
}

static void
on_ipsec_up (gpointer user_data)
{
  L2tpConnect *c = user_data;

  if (c->step == STEP_IPSEC)
    l2tp_connect_step_enter (c, STEP_L2TP);
}

/* NO_PROPOSAL_CHOSEN: the plan's next offer on the same session, or its
 * final word. TRUE when handled. */
static gboolean
ipsec_retry (L2tpConnect *c, const GError *error)
{
  L2tpAnswer answer;
  g_autofree char *offered = NULL;
  L2tpPlanStep next;

  if (error->code == L2TP_FAILURE_IKE_NO_PROPOSAL)
    answer.kind = L2TP_ANSWER_IKE_REFUSED;
  else if (error->code == L2TP_FAILURE_ESP_NO_PROPOSAL)
    answer.kind = L2TP_ANSWER_ESP_REFUSED;
  else
    return FALSE;
  next = l2tp_plan_answer (c->plan, &answer);
  if (next == L2TP_PLAN_FAILED)
    {
      offered = l2tp_plan_describe_offered (c->plan);
      l2tp_connect_fail_with (c, error->code, offered, NULL);
      return TRUE;
    }
  /* The IKE SA of a new Quick Mode is still up: its Phase 2 refusals stay
   * Phase 2. */
  l2tp_diagnosis_clear_failure (&c->diag);
  if (next == L2TP_PLAN_NEW_IKE)
    c->diag.ike_established = FALSE;
  l2tp_plan_walk_apply (c->plan, &c->ctx);
  l2tp_plan_walk_log (c->plan, next == L2TP_PLAN_NEW_IKE
                                   ? "the server refused Phase 1; offering"
                                   : "the server refused Phase 2; offering");
  /* Each offer has the whole step's time. */
  l2tp_connect_restart_step_timer (c);
  c->backend->retry (c->ipsec);
  return TRUE;
}

static void
on_ipsec_failed (const GError *error, gpointer user_data)
{
  L2tpConnect *c = user_data;

  if (c->step == STEP_CONNECTED || c->step > STEP_IPSEC)
    {
      /* The SAs are gone: from now on anything xl2tpd or pppd sent would
       * leave unprotected, so xl2tpd ends at once. */
      if (c->xl2tpd)
        l2tp_xl2tpd_kill_now (c->xl2tpd);
      l2tp_connect_fail (c, error);
      return;
    }
  if (!c->stopping && !c->failed && ipsec_retry (c, error))
    return;
  l2tp_connect_fail (c, error);
}

static const IpsecEvents ipsec_events = {
  .ike_up = on_ipsec_ike_up,
  .child_chosen = on_ipsec_child_chosen,
  .up = on_ipsec_up,
  .failed = on_ipsec_failed,
};

void
l2tp_connect_ipsec_start (L2tpConnect *c)
{
  c->ipsec = c->backend->session_new (c->cfg, &c->ctx, &c->diag, &ipsec_events, c);
  c->backend->up (c->ipsec);
}
