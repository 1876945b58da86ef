/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "negotiation-plan.h"

/* Bump when the plan's offers change meaning: older memories are dropped. */
#define PLAN_VERSION "plan-1"

struct _L2tpPlan
{
  char *fingerprint;
  gboolean mppe_by_settings; /* require-mppe* set: PPP always requires it */
  gboolean mschap_refused;   /* both MS-CHAP versions refused: no MPPE possible */

  /* Phase 1: rounds of at most L2TP_PLAN_IKE_ROUND_MAX transforms. */
  GPtrArray *ike_rounds;    /* of L2tpProposalSet */
  guint ike_next;           /* the round after the current one */
  L2tpProposalSet *ike_all; /* every transform of the rounds, for the message */

  /* Phase 2: built again when the IKE SA's group is known. */
  L2tpProposalSet *esp_common; /* the config's set; with ipsec-esp empty the default */
  L2tpProposalSet *esp_rare;   /* ipsec-esp empty: the rare algorithms; else NULL */
  gboolean esp_default;        /* ipsec-esp empty */
  gboolean pfs_allowed;        /* ipsec-pfs is not "no" */
  GPtrArray *esp_tried;        /* of L2tpProposalSet, every Quick Mode offered */

  L2tpPlanMemory *memory; /* a usable memory, while its offers are in use */
  L2tpProposalSet *memory_ike, *memory_esp;
  gboolean memory_failed;

  L2tpAttempt attempt;
  L2tpDhGroup ike_group;
  gboolean ike_default; /* ipsec-ike empty: a probe may widen Phase 1 */
  gboolean probed;      /* the probe's answer came */
  gboolean ike_known, esp_known, connected;
  L2tpProposal ike_chosen, esp_chosen;
  L2tpPlanFailure failure;
};

/* ---- Phase 1 ---------------------------------------------------------- */

static void
add_rounds (GPtrArray *rounds, const L2tpProposalSet *set, guint from)
{
  L2tpProposalSet *round = NULL;

  for (guint i = from; i < l2tp_proposal_set_get_length (set); i++)
    {
      if (!round)
        round = l2tp_proposal_set_new (L2TP_PROPOSAL_IKE);
      l2tp_proposal_set_add (round, l2tp_proposal_set_get (set, i));
      if (l2tp_proposal_set_get_length (round) == L2TP_PLAN_IKE_ROUND_MAX)
        g_ptr_array_add (rounds, g_steal_pointer (&round));
    }
  if (round)
    g_ptr_array_add (rounds, round);
}

static void
build_ike_rounds (L2tpPlan *plan, const L2tpConfig *cfg)
{
  plan->ike_rounds
      = g_ptr_array_new_with_free_func ((GDestroyNotify) l2tp_proposal_set_free);
  plan->ike_default = l2tp_config_get (cfg, L2TP_KEY_IPSEC_IKE) == NULL;
  if (!plan->ike_default)
    {
      plan->ike_all = l2tp_proposal_set_copy (l2tp_config_ike (cfg));
      add_rounds (plan->ike_rounds, plan->ike_all, 0);
      return;
    }
  /* The default round as one offer (it fits), then the rest. */
  plan->ike_all = l2tp_proposal_default_ike_all ();
  g_ptr_array_add (plan->ike_rounds, l2tp_proposal_set_copy (l2tp_config_ike (cfg)));
  add_rounds (plan->ike_rounds, plan->ike_all,
              l2tp_proposal_set_get_length (l2tp_config_ike (cfg)));
}

static void
set_ike_round (L2tpPlan *plan, guint index)
{
  plan->attempt.ike = g_ptr_array_index (plan->ike_rounds, index);
  plan->attempt.ike_round = index + 1;
  plan->ike_next = index + 1;
}

/* ---- Phase 2 ---------------------------------------------------------- */

static L2tpProposalSet *
only_group (const L2tpProposalSet *set, L2tpDhGroup dh)
{
  L2tpProposalSet *out = l2tp_proposal_set_new (L2TP_PROPOSAL_ESP);

  for (guint i = 0; i < l2tp_proposal_set_get_length (set); i++)
    {
      const L2tpProposal *p = l2tp_proposal_set_get (set, i);

      if (p->dh == dh)
        l2tp_proposal_set_add (out, p);
    }
  if (l2tp_proposal_set_get_length (out) == 0)
    g_clear_pointer (&out, l2tp_proposal_set_free);
  return out;
}

static void
add_group (GArray *groups, L2tpDhGroup dh)
{
  for (guint i = 0; i < groups->len; i++)
    if (g_array_index (groups, L2tpDhGroup, i) == dh)
      return;
  g_array_append_val (groups, dh);
}

/* The PFS groups in the order Quick Modes offer them: the IKE SA's first
 * when it is one of them. */
static GArray *
pfs_order (const L2tpPlan *plan)
{
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (L2tpDhGroup));
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (L2tpDhGroup));
  gboolean ike_group_is_candidate = FALSE;

  if (plan->esp_default)
    {
      for (const L2tpDhGroup *g = l2tp_proposal_default_pfs_groups (); *g; g++)
        add_group (candidates, *g);
      /* The IKE SA's group is offered even when not in the list. */
      ike_group_is_candidate = plan->ike_group != L2TP_DH_NONE;
    }
  else
    {
      for (guint i = 0; i < l2tp_proposal_set_get_length (plan->esp_common); i++)
        {
          L2tpDhGroup dh = l2tp_proposal_set_get (plan->esp_common, i)->dh;

          if (dh != L2TP_DH_NONE)
            add_group (candidates, dh);
          if (dh != L2TP_DH_NONE && dh == plan->ike_group)
            ike_group_is_candidate = TRUE;
        }
    }
  if (ike_group_is_candidate)
    add_group (groups, plan->ike_group);
  for (guint i = 0; i < candidates->len; i++)
    add_group (groups, g_array_index (candidates, L2tpDhGroup, i));
  g_array_unref (candidates);
  return groups;
}

static void
add_offer (GPtrArray *offers, L2tpProposalSet *set)
{
  if (set)
    g_ptr_array_add (offers, set);
}

/* One algorithm set: without PFS, then in each group. */
static void
add_offers_for (GPtrArray *offers, const L2tpPlan *plan, const L2tpProposalSet *set,
                const GArray *groups)
{
  if (plan->esp_default)
    {
      add_offer (offers, l2tp_proposal_set_copy (set));
      if (!plan->pfs_allowed)
        return;
      for (guint i = 0; i < groups->len; i++)
        add_offer (offers, l2tp_proposal_set_with_dh (
                               set, g_array_index (groups, L2tpDhGroup, i)));
      return;
    }
  add_offer (offers, only_group (set, L2TP_DH_NONE));
  for (guint i = 0; i < groups->len; i++)
    add_offer (offers, only_group (set, g_array_index (groups, L2tpDhGroup, i)));
}

/* Every Quick Mode offer of the plan, in order, for what is known now. */
static GPtrArray *
esp_offers (const L2tpPlan *plan)
{
  GPtrArray *offers
      = g_ptr_array_new_with_free_func ((GDestroyNotify) l2tp_proposal_set_free);
  g_autoptr (GArray) groups = pfs_order (plan);

  add_offers_for (offers, plan, plan->esp_common, groups);
  if (plan->esp_rare)
    add_offers_for (offers, plan, plan->esp_rare, groups);
  return offers;
}

static gboolean
esp_was_tried (const L2tpPlan *plan, const L2tpProposalSet *set)
{
  for (guint i = 0; i < plan->esp_tried->len; i++)
    if (l2tp_proposal_set_equal (g_ptr_array_index (plan->esp_tried, i), set))
      return TRUE;
  return FALSE;
}

/* The first offer not made yet; FALSE when none is left. */
static gboolean
next_esp (L2tpPlan *plan)
{
  g_autoptr (GPtrArray) offers = esp_offers (plan);
  L2tpProposalSet *next = NULL;
  guint left = 0;

  for (guint i = 0; i < offers->len; i++)
    {
      L2tpProposalSet *set = g_ptr_array_index (offers, i);

      if (esp_was_tried (plan, set))
        continue;
      if (!next)
        next = set;
      else
        left++;
    }
  if (!next)
    return FALSE;
  g_ptr_array_add (plan->esp_tried, l2tp_proposal_set_copy (next));
  plan->attempt.esp = g_ptr_array_index (plan->esp_tried, plan->esp_tried->len - 1);
  plan->attempt.esp_round = plan->esp_tried->len;
  plan->attempt.esp_rounds = plan->esp_tried->len + left;
  return TRUE;
}

/* ---- memory ----------------------------------------------------------- */

static L2tpProposalSet *
single (L2tpProposalKind kind, const L2tpProposal *p)
{
  L2tpProposalSet *set = l2tp_proposal_set_new (kind);

  l2tp_proposal_set_add (set, p);
  return set;
}

static gboolean
use_memory (L2tpPlan *plan, const L2tpPlanMemory *memory)
{
  if (!memory || g_strcmp0 (memory->fingerprint, plan->fingerprint) != 0)
    return FALSE;
  /* A memory of something this config would never offer is not used. */
  if (memory->esp.dh != L2TP_DH_NONE && !plan->pfs_allowed)
    return FALSE;
  plan->memory = l2tp_plan_memory_new (&memory->ike, &memory->esp, memory->mppe,
                                       memory->fingerprint);
  plan->memory_ike = single (L2TP_PROPOSAL_IKE, &memory->ike);
  plan->memory_esp = single (L2TP_PROPOSAL_ESP, &memory->esp);
  plan->attempt.ike = plan->memory_ike;
  plan->attempt.ike_round = 0;
  g_ptr_array_add (plan->esp_tried, l2tp_proposal_set_copy (plan->memory_esp));
  plan->attempt.esp = plan->memory_esp;
  plan->attempt.esp_round = 0;
  plan->attempt.mppe = plan->mppe_by_settings || memory->mppe;
  plan->attempt.remembered = TRUE;
  return TRUE;
}

/* The remembered offers were refused: the whole plan from here on. */
static void
forget_memory (L2tpPlan *plan)
{
  if (!plan->attempt.remembered)
    return;
  plan->memory_failed = TRUE;
  plan->attempt.remembered = FALSE;
}

/* ---- the plan --------------------------------------------------------- */

L2tpPlan *
l2tp_plan_new (const L2tpConfig *cfg, const L2tpPlanMemory *memory)
{
  L2tpPlan *plan = g_new0 (L2tpPlan, 1);

  g_return_val_if_fail (cfg != NULL, NULL);

  plan->fingerprint = l2tp_plan_fingerprint (cfg);
  plan->mppe_by_settings = l2tp_config_get_bool (cfg, L2TP_KEY_REQUIRE_MPPE)
                           || l2tp_config_get_bool (cfg, L2TP_KEY_REQUIRE_MPPE_40)
                           || l2tp_config_get_bool (cfg, L2TP_KEY_REQUIRE_MPPE_128);
  plan->mschap_refused = l2tp_config_get_bool (cfg, L2TP_KEY_REFUSE_MSCHAP)
                         && l2tp_config_get_bool (cfg, L2TP_KEY_REFUSE_MSCHAPV2);
  build_ike_rounds (plan, cfg);

  plan->esp_default = l2tp_config_get (cfg, L2TP_KEY_IPSEC_ESP) == NULL;
  plan->pfs_allowed = l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_PFS);
  plan->esp_common = l2tp_proposal_set_copy (l2tp_config_esp (cfg));
  if (plan->esp_default)
    plan->esp_rare = l2tp_proposal_default_esp_rare ();
  plan->esp_tried
      = g_ptr_array_new_with_free_func ((GDestroyNotify) l2tp_proposal_set_free);

  plan->attempt.ike_rounds = plan->ike_rounds->len;
  if (!use_memory (plan, memory))
    {
      set_ike_round (plan, 0);
      plan->attempt.mppe = plan->mppe_by_settings;
      next_esp (plan);
    }
  return plan;
}

void
l2tp_plan_free (L2tpPlan *plan)
{
  if (!plan)
    return;
  g_free (plan->fingerprint);
  g_ptr_array_unref (plan->ike_rounds);
  l2tp_proposal_set_free (plan->ike_all);
  l2tp_proposal_set_free (plan->esp_common);
  if (plan->esp_rare)
    l2tp_proposal_set_free (plan->esp_rare);
  g_ptr_array_unref (plan->esp_tried);
  l2tp_plan_memory_free (plan->memory);
  if (plan->memory_ike)
    l2tp_proposal_set_free (plan->memory_ike);
  if (plan->memory_esp)
    l2tp_proposal_set_free (plan->memory_esp);
  g_free (plan);
}

const L2tpAttempt *
l2tp_plan_get_attempt (const L2tpPlan *plan)
{
  return &plan->attempt;
}

static L2tpPlanStep
failed (L2tpPlan *plan, L2tpPlanFailure failure)
{
  plan->failure = failure;
  return L2TP_PLAN_FAILED;
}

static L2tpPlanStep
on_ike_refused (L2tpPlan *plan)
{
  guint index = plan->attempt.remembered ? 0 : plan->ike_next;

  forget_memory (plan);
  if (index >= plan->ike_rounds->len)
    {
      /* Settings the person chose are not widened behind their back. */
      if (plan->ike_default && !plan->probed)
        return L2TP_PLAN_PROBE;
      return failed (plan, L2TP_PLAN_FAILURE_IKE_REFUSED);
    }
  set_ike_round (plan, index);
  /* A new IKE SA: Phase 2 starts again from its first offer. */
  g_ptr_array_set_size (plan->esp_tried, 0);
  plan->ike_known = FALSE;
  plan->ike_group = L2TP_DH_NONE;
  plan->attempt.mppe = plan->mppe_by_settings;
  next_esp (plan);
  return L2TP_PLAN_NEW_IKE;
}

static L2tpPlanStep
on_esp_refused (L2tpPlan *plan)
{
  forget_memory (plan);
  if (!next_esp (plan))
    return failed (plan, L2TP_PLAN_FAILURE_ESP_REFUSED);
  return L2TP_PLAN_NEW_ESP;
}

static L2tpPlanStep
on_ppp_wants_mppe (L2tpPlan *plan)
{
  if (plan->attempt.mppe)
    return failed (plan, L2TP_PLAN_FAILURE_PPP);
  if (plan->mschap_refused)
    return failed (plan, L2TP_PLAN_FAILURE_MPPE_NO_MSCHAP);
  plan->attempt.mppe = TRUE;
  return L2TP_PLAN_NEW_PPP;
}

/* A remembered MPPE demand the server no longer makes: PPP fails with
 * MPPE required, so once more without. */
static L2tpPlanStep
on_ppp_ended (L2tpPlan *plan)
{
  if (!plan->attempt.mppe || plan->mppe_by_settings || !plan->memory
      || !plan->memory->mppe || plan->memory_failed)
    return failed (plan, L2TP_PLAN_FAILURE_PPP);
  plan->memory_failed = TRUE;
  plan->attempt.remembered = FALSE;
  plan->attempt.mppe = FALSE;
  return L2TP_PLAN_NEW_PPP;
}

/* What the probe found, as the last rounds; nothing found is final. */
static L2tpPlanStep
on_ike_probed (L2tpPlan *plan, const L2tpProposalSet *accepted)
{
  guint first = plan->ike_rounds->len;

  if (plan->probed)
    return L2TP_PLAN_GO_ON;
  plan->probed = TRUE;
  if (!accepted || l2tp_proposal_set_get_length (accepted) == 0)
    return failed (plan, L2TP_PLAN_FAILURE_IKE_REFUSED);
  add_rounds (plan->ike_rounds, accepted, 0);
  for (guint i = 0; i < l2tp_proposal_set_get_length (accepted); i++)
    l2tp_proposal_set_add (plan->ike_all, l2tp_proposal_set_get (accepted, i));
  plan->attempt.ike_rounds = plan->ike_rounds->len;
  plan->ike_next = first;
  return on_ike_refused (plan);
}

L2tpPlanStep
l2tp_plan_answer (L2tpPlan *plan, const L2tpAnswer *answer)
{
  g_return_val_if_fail (plan != NULL && answer != NULL, L2TP_PLAN_FAILED);

  if (plan->failure != L2TP_PLAN_FAILURE_NONE)
    return L2TP_PLAN_FAILED;
  switch (answer->kind)
    {
    case L2TP_ANSWER_IKE_REFUSED:
      return on_ike_refused (plan);
    case L2TP_ANSWER_IKE_UP:
      if (answer->chosen.enc == L2TP_ENC_NONE)
        return L2TP_PLAN_GO_ON; /* not reported: nothing learnt */
      plan->ike_known = TRUE;
      plan->ike_chosen = answer->chosen;
      plan->ike_group = answer->chosen.dh;
      return L2TP_PLAN_GO_ON;
    case L2TP_ANSWER_ESP_REFUSED:
      return on_esp_refused (plan);
    case L2TP_ANSWER_ESP_UP:
      if (answer->chosen.enc == L2TP_ENC_NONE)
        return L2TP_PLAN_GO_ON;
      plan->esp_known = TRUE;
      plan->esp_chosen = answer->chosen;
      return L2TP_PLAN_GO_ON;
    case L2TP_ANSWER_PPP_WANTS_MPPE:
      return on_ppp_wants_mppe (plan);
    case L2TP_ANSWER_PPP_ENDED:
      return on_ppp_ended (plan);
    case L2TP_ANSWER_CONNECTED:
      plan->connected = TRUE;
      return L2TP_PLAN_GO_ON;
    case L2TP_ANSWER_IKE_PROBED:
      return on_ike_probed (plan, answer->accepted);
    }
  g_return_val_if_reached (L2TP_PLAN_FAILED);
}

L2tpPlanFailure
l2tp_plan_get_failure (const L2tpPlan *plan)
{
  return plan->failure;
}

L2tpPlanMemory *
l2tp_plan_get_result (const L2tpPlan *plan)
{
  if (!plan->connected || !plan->ike_known || !plan->esp_known)
    return NULL;
  /* MPPE the settings ask for anyway is not the server's demand. */
  return l2tp_plan_memory_new (&plan->ike_chosen, &plan->esp_chosen,
                               plan->attempt.mppe && !plan->mppe_by_settings,
                               plan->fingerprint);
}

gboolean
l2tp_plan_memory_failed (const L2tpPlan *plan)
{
  return plan->memory_failed;
}

/* ---- telling what was offered ---------------------------------------- */

char *
l2tp_plan_describe_offered (const L2tpPlan *plan)
{
  g_autoptr (L2tpProposalSet) esp = l2tp_proposal_set_new (L2TP_PROPOSAL_ESP);

  if (plan->failure != L2TP_PLAN_FAILURE_ESP_REFUSED)
    return l2tp_proposal_set_summary (plan->ike_all);
  for (guint i = 0; i < plan->esp_tried->len; i++)
    {
      const L2tpProposalSet *set = g_ptr_array_index (plan->esp_tried, i);

      for (guint j = 0; j < l2tp_proposal_set_get_length (set); j++)
        l2tp_proposal_set_add (esp, l2tp_proposal_set_get (set, j));
    }
  return l2tp_proposal_set_summary (esp);
}

/* ---- fingerprint ------------------------------------------------------ */

char *
l2tp_plan_fingerprint (const L2tpConfig *cfg)
{
  static const L2tpKeyId keys[] = {
    L2TP_KEY_GATEWAY,       L2TP_KEY_MACHINE_AUTH_TYPE, L2TP_KEY_IPSEC_IKE,
    L2TP_KEY_IPSEC_ESP,     L2TP_KEY_IPSEC_PFS,         L2TP_KEY_IPSEC_IKEV2,
    L2TP_KEY_REQUIRE_MPPE,  L2TP_KEY_REQUIRE_MPPE_40,   L2TP_KEY_REQUIRE_MPPE_128,
    L2TP_KEY_REFUSE_MSCHAP, L2TP_KEY_REFUSE_MSCHAPV2,
  };
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) PLAN_VERSION, -1);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = l2tp_config_get (cfg, keys[i]);

      /* key=value\n, values free of newlines (the sanitizer's rule). */
      g_checksum_update (sum, (const guchar *) "\n", 1);
      g_checksum_update (sum, (const guchar *) l2tp_key_get (keys[i])->name, -1);
      g_checksum_update (sum, (const guchar *) "=", 1);
      if (value)
        g_checksum_update (sum, (const guchar *) value, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}
