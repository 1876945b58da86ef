/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/connect-private.h"

#include <glib/gi18n-lib.h>

#include "src/common/log.h"
#include "src/ipsec/probe-engine.h"
#include "src/service/plan-walk.h"

/* ---- ipsec ------------------------------------------------------------ */

/* What the server chose, for the plan (remembered once connected). */
static void
tell_plan_chosen (L2tpConnect *c, L2tpAnswerKind kind, const L2tpProposal *chosen)
{
  gboolean ike = kind == L2TP_ANSWER_IKE_UP;
  g_autofree char *text
      = l2tp_proposal_to_strongswan (ike ? L2TP_PROPOSAL_IKE : L2TP_PROPOSAL_ESP, chosen);
  L2tpAnswer answer = { kind, *chosen };

  if (c->stopping || c->failed)
    return;
  l2tp_log_info ("plan: the server chose %s %s", ike ? "IKE" : "ESP", text);
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

  /* charon holds the key now (or held it before): our copy goes. */
  c->ctx.machine_key = NULL;
  l2tp_connection_files_forget (c->files, L2TP_FILE_MACHINE_KEY);
  if (c->step == STEP_IPSEC)
    l2tp_connect_step_enter (c, STEP_L2TP);
}

static void follow_plan (L2tpConnect *c, L2tpPlanStep next, int code);

/* ---- the probe: every Phase 1 round refused ---------------------------- */

static gboolean
probe_over (gpointer user_data)
{
  L2tpConnect *c = user_data;
  g_autoptr (ProbeEngine) engine = g_steal_pointer (&c->probe);
  g_autoptr (L2tpProposalSet) accepted = l2tp_proposal_set_new (L2TP_PROPOSAL_IKE);
  g_autoptr (GArray) transforms = probe_engine_get_accepted (engine);
  L2tpAnswer answer = { L2TP_ANSWER_IKE_PROBED, .accepted = accepted };
  g_autofree char *found = NULL;

  c->probe_idle = 0;
  /* Each accepted in an offer of its own. */
  for (guint i = 0; i < transforms->len; i++)
    l2tp_proposal_set_add (accepted, &g_array_index (transforms, L2tpProposal, i));
  found = l2tp_proposal_set_summary (accepted);
  l2tp_log_notice ("plan: the probe found %u Phase 1 transforms the server accepts%s%s "
                   "(%.1f s)",
                   l2tp_proposal_set_get_length (accepted), *found ? ": " : "", found,
                   probe_engine_get_elapsed_us (engine) / 1e6);
  follow_plan (c, l2tp_plan_answer (c->plan, &answer), L2TP_FAILURE_IKE_NO_PROPOSAL);
  return G_SOURCE_REMOVE;
}

/* From the engine's own callbacks: the engine is freed from the main loop. */
static void
on_probe_done (gpointer user_data)
{
  L2tpConnect *c = user_data;

  c->probe_idle = g_idle_add (probe_over, c);
}

static void
probe_start (L2tpConnect *c)
{
  g_autoptr (GInetAddress) server = g_inet_address_new_from_string (c->gateway_addr);
  g_autoptr (GError) error = NULL;

  l2tp_log_notice (
      "plan: the server refused every Phase 1 round; probing it for the "
      "transforms it accepts, in groups of first Main Mode messages, each one "
      "accepted confirmed alone (never past the first message)");
  c->probe
      = server ? probe_engine_new (server, PROBE_ENGINE_DEFAULT_WINDOW, &error) : NULL;
  if (!c->probe)
    {
      l2tp_log_warn ("plan: cannot probe: %s", error ? error->message : c->gateway_addr);
      follow_plan (c, l2tp_plan_answer (c->plan, &(L2tpAnswer){ L2TP_ANSWER_IKE_PROBED }),
                   L2TP_FAILURE_IKE_NO_PROPOSAL);
      return;
    }
  l2tp_connect_restart_step_timer (c);
  probe_engine_start (c->probe, on_probe_done, c);
}

void
l2tp_connect_ipsec_stop_probe (L2tpConnect *c)
{
  g_clear_handle_id (&c->probe_idle, g_source_remove);
  g_clear_pointer (&c->probe, probe_engine_free);
}

/* ---- NO_PROPOSAL_CHOSEN: the plan's next offer ------------------------- */

static void
follow_plan (L2tpConnect *c, L2tpPlanStep next, int code)
{
  g_autofree char *offered = NULL;

  switch (next)
    {
    case L2TP_PLAN_FAILED:
      offered = l2tp_plan_describe_offered (c->plan);
      l2tp_connect_fail_with (c, code, offered, NULL);
      return;
    case L2TP_PLAN_PROBE:
      probe_start (c);
      return;
    case L2TP_PLAN_NEW_IKE:
    case L2TP_PLAN_NEW_ESP:
      break;
    default:
      g_return_if_reached ();
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
}

/* TRUE when the plan takes the failure on. */
static gboolean
ipsec_retry (L2tpConnect *c, const GError *error)
{
  L2tpAnswer answer = { 0 };

  if (error->code == L2TP_FAILURE_IKE_NO_PROPOSAL)
    answer.kind = L2TP_ANSWER_IKE_REFUSED;
  else if (error->code == L2TP_FAILURE_ESP_NO_PROPOSAL)
    answer.kind = L2TP_ANSWER_ESP_REFUSED;
  else
    return FALSE;
  follow_plan (c, l2tp_plan_answer (c->plan, &answer), error->code);
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
  if (!c->stopping && !c->failed
      && (ipsec_retry (c, error) || l2tp_connect_reask_psk (c, error)))
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
  /* A PSK typed again comes with NewSecrets. */
  c->ipsec = c->backend->session_new (l2tp_connect_secrets (c), &c->ctx, &c->diag,
                                      &ipsec_events, c);
  c->backend->up (c->ipsec);
}
