/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The negotiation plan (shared/negotiation-plan.h) as the connect pipeline
 * walks it: begun from what worked last time (plan-store.h), its current
 * attempt put into the render context, told in the log, and what worked
 * kept once connected. */
#pragma once

#include "shared/negotiation-plan.h"
#include "shared/render.h"

G_BEGIN_DECLS

L2tpPlan *l2tp_plan_walk_begin (const L2tpConfig *cfg, const char *uuid,
                                L2tpRenderContext *ctx);
/* The attempt's offers (ike_offer, esp_offer, ppp_mppe) into ctx. */
void l2tp_plan_walk_apply (const L2tpPlan *plan, L2tpRenderContext *ctx);
void l2tp_plan_walk_log (const L2tpPlan *plan, const char *what);
/* IPCP is up: what worked is kept; a stale memory that gave way is dropped. */
void l2tp_plan_walk_connected (L2tpPlan *plan, const char *uuid);

G_END_DECLS
