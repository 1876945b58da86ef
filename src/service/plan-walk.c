/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/plan-walk.h"

#include "src/common/log.h"
#include "src/service/plan-store.h"

void
l2tp_plan_walk_apply (const L2tpPlan *plan, L2tpRenderContext *ctx)
{
  const L2tpAttempt *a = l2tp_plan_get_attempt (plan);

  ctx->ike_offer = a->ike;
  ctx->esp_offer = a->esp;
  ctx->ppp_mppe = a->mppe;
}

void
l2tp_plan_walk_log (const L2tpPlan *plan, const char *what)
{
  const L2tpAttempt *a = l2tp_plan_get_attempt (plan);
  g_autofree char *ike = l2tp_proposal_set_summary (a->ike);
  g_autofree char *esp = l2tp_proposal_set_summary (a->esp);

  if (a->remembered)
    l2tp_log_notice ("plan: %s what worked last time: IKE %s, ESP %s%s", what, ike, esp,
                     a->mppe ? ", MPPE" : "");
  else
    l2tp_log_info ("plan: %s IKE round %u of %u (%s), ESP offer %u of %u (%s)%s", what,
                   a->ike_round, a->ike_rounds, ike, a->esp_round, a->esp_rounds, esp,
                   a->mppe ? ", MPPE" : "");
}

L2tpPlan *
l2tp_plan_walk_begin (const L2tpConfig *cfg, const char *uuid, L2tpRenderContext *ctx)
{
  g_autoptr (L2tpPlanMemory) memory = l2tp_plan_store_load (l2tp_plan_store_dir (), uuid);
  L2tpPlan *plan = l2tp_plan_new (cfg, memory);

  if (memory && !l2tp_plan_get_attempt (plan)->remembered)
    l2tp_log_info ("plan: what worked last time was for other settings; not used");
  l2tp_plan_walk_apply (plan, ctx);
  l2tp_plan_walk_log (plan, "offering");
  return plan;
}

void
l2tp_plan_walk_connected (L2tpPlan *plan, const char *uuid)
{
  L2tpAnswer answer = { L2TP_ANSWER_CONNECTED };
  g_autoptr (L2tpPlanMemory) result = NULL;
  g_autoptr (GError) error = NULL;

  l2tp_plan_answer (plan, &answer);
  result = l2tp_plan_get_result (plan);
  if (!result)
    {
      if (l2tp_plan_memory_failed (plan))
        l2tp_plan_store_forget (l2tp_plan_store_dir (), uuid);
      return;
    }
  if (!l2tp_plan_store_save (l2tp_plan_store_dir (), uuid, result, &error))
    l2tp_log_warn ("plan: cannot keep what worked: %s", error->message);
  else
    l2tp_log_info ("plan: kept what worked for the next connect");
}
