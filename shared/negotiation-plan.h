/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What to offer the server next: negotiation as a plan.
 *
 * Given the config and what worked last time (plan-memory.h), the plan
 * says what the first attempt offers: the Main Mode (Phase 1) set, the
 * Quick Mode (Phase 2) set and whether PPP requires MPPE. Each answer of
 * the server (NO_PROPOSAL_CHOSEN in Main or Quick Mode, the IKE SA's
 * chosen transform, a CCP request for MPPE, PPP ending) moves it on: the
 * attempt goes on as it is, or one layer starts again with new offers, or
 * the plan is over with a failure that says what was offered.
 *
 *   Phase 1   the config's set in rounds that fit one unfragmented Main
 *             Mode packet; with `ipsec-ike` empty, the default round and
 *             then every other transform of l2tp_proposal_default_ike_all,
 *             and when all are refused, what a probe of the server finds
 *             (one transform per Main Mode: groups and ciphers beyond
 *             those, e.g. an old router's modp768).
 *   Phase 2   one DH group per Quick Mode (see proposals-default.c): no
 *             PFS first, then PFS in the IKE SA's group, then the others;
 *             with `ipsec-esp` empty the common algorithms in every group
 *             of l2tp_proposal_default_pfs_groups, then the rare ones.
 *             A new Quick Mode needs no new Main Mode.
 *   PPP       MPPE again with require-mppe when the server asked for it
 *             and ended PPP (pppd accepts MPPE only when required).
 *   Memory    what worked last time is offered alone first; the first
 *             refusal falls back to the whole plan in the same connect.
 *
 * Pure: no I/O, no clock. The service walks it (src/service/connect.c). */
#pragma once

#include "config.h"
#include "plan-memory.h"
#include "proposals.h"

G_BEGIN_DECLS

typedef enum
{
  L2TP_ANSWER_IKE_REFUSED,    /* Main Mode: NO_PROPOSAL_CHOSEN */
  L2TP_ANSWER_IKE_UP,         /* the IKE SA is up; .chosen is its transform */
  L2TP_ANSWER_ESP_REFUSED,    /* Quick Mode: NO_PROPOSAL_CHOSEN */
  L2TP_ANSWER_ESP_UP,         /* the CHILD_SA is installed; .chosen */
  L2TP_ANSWER_PPP_WANTS_MPPE, /* PPP ended after the server's CCP asked for MPPE */
  L2TP_ANSWER_PPP_ENDED,      /* PPP ended otherwise before IPCP was up */
  L2TP_ANSWER_CONNECTED,      /* IPCP is up: the plan worked */
  L2TP_ANSWER_IKE_PROBED,     /* after L2TP_PLAN_PROBE: .accepted (may be NULL) */
} L2tpAnswerKind;

typedef struct
{
  L2tpAnswerKind kind;
  L2tpProposal chosen; /* IKE_UP, ESP_UP: what the server chose (all NONE: unknown) */
  const L2tpProposalSet *accepted; /* IKE_PROBED: the transforms the server accepts */
} L2tpAnswer;

typedef enum
{
  L2TP_PLAN_GO_ON,   /* nothing to change: the attempt goes on */
  L2TP_PLAN_NEW_IKE, /* Main Mode again (a new IKE SA) with the attempt's offers */
  L2TP_PLAN_NEW_ESP, /* Quick Mode again, on the IKE SA that is up */
  L2TP_PLAN_NEW_PPP, /* L2TP and PPP again inside the SAs, with the attempt's mppe */
  L2TP_PLAN_PROBE,   /* every round refused: probe the server, answer IKE_PROBED */
  L2TP_PLAN_FAILED,  /* over: see l2tp_plan_get_failure() */
} L2tpPlanStep;

typedef enum
{
  L2TP_PLAN_FAILURE_NONE,
  L2TP_PLAN_FAILURE_IKE_REFUSED,    /* every Phase 1 round was refused */
  L2TP_PLAN_FAILURE_ESP_REFUSED,    /* every Phase 2 offer was refused */
  L2TP_PLAN_FAILURE_MPPE_NO_MSCHAP, /* MPPE demanded, MS-CHAP refused by the settings */
  L2TP_PLAN_FAILURE_PPP,            /* PPP ended: the caller knows why */
} L2tpPlanFailure;

typedef struct
{
  const L2tpProposalSet *ike;  /* this Main Mode's offer */
  const L2tpProposalSet *esp;  /* this Quick Mode's offer */
  gboolean mppe;               /* PPP requires MPPE (the settings may, too) */
  guint ike_round, ike_rounds; /* 1-based, for the log */
  guint esp_round, esp_rounds;
  gboolean remembered; /* the offers are what worked last time */
} L2tpAttempt;

/* At most this many transforms in one Main Mode offer: with charon's
 * vendor IDs the first message then stays under 1280 bytes. */
#define L2TP_PLAN_IKE_ROUND_MAX 28

typedef struct _L2tpPlan L2tpPlan;

/* @memory (may be NULL) is used only when it was made for this config. */
L2tpPlan *l2tp_plan_new (const L2tpConfig *cfg, const L2tpPlanMemory *memory);
void l2tp_plan_free (L2tpPlan *plan);

const L2tpAttempt *l2tp_plan_get_attempt (const L2tpPlan *plan);
L2tpPlanStep l2tp_plan_answer (L2tpPlan *plan, const L2tpAnswer *answer);

L2tpPlanFailure l2tp_plan_get_failure (const L2tpPlan *plan);
/* Every proposal offered in the refused layer, in strongSwan spelling, for
 * the failure message ("aes256-sha256-modp2048,…"). */
char *l2tp_plan_describe_offered (const L2tpPlan *plan);

/* After L2TP_ANSWER_CONNECTED: what worked, to remember for this config;
 * NULL before, or when the server's choices were not reported. */
L2tpPlanMemory *l2tp_plan_get_result (const L2tpPlan *plan);
/* TRUE once a remembered plan was refused: the memory is stale. */
gboolean l2tp_plan_memory_failed (const L2tpPlan *plan);

/* The settings a remembered plan depends on, as a short digest. */
char *l2tp_plan_fingerprint (const L2tpConfig *cfg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpPlan, l2tp_plan_free)

G_END_DECLS
