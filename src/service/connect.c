/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/connect.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "src/ipsec/charon-early.h"
#include "src/common/failure.h"
#include "src/ipsec/ipsec-backend.h"
#include "src/l2tp/l2tp-port.h"
#include "src/common/log.h"
#include "src/service/nm-ip-config.h"
#include "src/service/plan-walk.h"
#include "src/service/preflight.h"
#include "shared/negotiation-plan.h"
#include "src/ppp/ppp-listener.h"
#include "src/common/runtime-dir.h"
#include "shared/render-pppd.h"
#include "shared/render-xl2tpd.h"
#include "src/l2tp/xl2tpd.h"

/* Each step's own limit, in seconds. IPsec: charon's IKEv1 retransmits
 * alone would take 165 s to give up on a silent server. */
#define PREFLIGHT_TIMEOUT_S 20
#define IPSEC_TIMEOUT_S     45
#define L2TP_TIMEOUT_S      30
#define PPP_TIMEOUT_S       60

typedef enum
{
  STEP_NONE,
  STEP_PREFLIGHT,
  STEP_IPSEC,
  STEP_L2TP,
  STEP_PPP,
  STEP_CONNECTED,
} Step;

static const struct
{
  const char *name;
  guint timeout_s;
} steps[] = {
  [STEP_NONE] = { "none", 0 },
  [STEP_PREFLIGHT]
  = { N_ ("Preparing (name lookup, programs, port)"), PREFLIGHT_TIMEOUT_S },
  [STEP_IPSEC] = { N_ ("IPsec negotiation"), IPSEC_TIMEOUT_S },
  [STEP_L2TP] = { N_ ("The L2TP tunnel"), L2TP_TIMEOUT_S },
  [STEP_PPP] = { N_ ("PPP negotiation"), PPP_TIMEOUT_S },
  [STEP_CONNECTED] = { "connected", 0 },
};

struct _L2tpConnect
{
  L2tpConfig *cfg;
  L2tpConfig *secrets; /* newer secrets from NetworkManager, or NULL */
  char *uuid;
  char *bus_name;
  GDBusConnection *bus;
  gboolean never_default;
  char *runtime_root;
  L2tpConnectEvents events;
  gpointer user_data;

  char *id;
  char *name;
  char *dir;
  char *gateway_addr;
  char *local_addr;
  char *pppd_plugin;
  L2tpPort port;
  L2tpRenderContext ctx;
  L2tpDiagnosis diag;

  Step step;
  guint begin_id;
  guint step_timer;
  GCancellable *cancellable;
  const IpsecBackend *backend;
  IpsecSession *ipsec;
  L2tpXl2tpd *xl2tpd;
  L2tpPppListener *ppp;
  GVariant *ip6_config;
  L2tpPlan *plan;           /* what to offer, and next (negotiation-plan.h) */
  gboolean peer_wants_mppe; /* the server's CCP asked for MPPE in this PPP attempt */
  gboolean ppp_retrying;    /* L2TP ending before a new PPP attempt is under way */
  gboolean failed;
  gboolean stopping;
};

static void step_enter (L2tpConnect *c, Step step);
static void stop_ipsec (L2tpConnect *c);

L2tpConnect *
l2tp_connect_new (L2tpConfig *cfg, const L2tpConnectParams *params,
                  const L2tpConnectEvents *events, gpointer user_data)
{
  L2tpConnect *c = g_new0 (L2tpConnect, 1);

  c->cfg = l2tp_config_ref (cfg);
  c->uuid = g_strdup (params->uuid);
  c->bus_name = g_strdup (params->bus_name);
  c->bus = params->bus ? g_object_ref (params->bus) : NULL;
  c->never_default = params->never_default;
  c->runtime_root = g_strdup (params->runtime_root);
  c->events = *events;
  c->user_data = user_data;
  c->id = l2tp_runtime_id (params->uuid);
  c->name = l2tp_runtime_conn_name (c->id);
  c->cancellable = g_cancellable_new ();
  c->backend = &l2tp_ipsec_strongswan;
  return c;
}

void
l2tp_connect_free (L2tpConnect *c)
{
  if (!c)
    return;
  g_cancellable_cancel (c->cancellable);
  g_clear_handle_id (&c->begin_id, g_source_remove);
  g_clear_handle_id (&c->step_timer, g_source_remove);
  g_clear_pointer (&c->ppp, l2tp_ppp_listener_free);
  g_clear_pointer (&c->xl2tpd, l2tp_xl2tpd_free);
  if (c->ipsec)
    c->backend->free (c->ipsec);
  l2tp_diagnosis_clear (&c->diag);
  g_clear_pointer (&c->ip6_config, g_variant_unref);
  g_clear_pointer (&c->plan, l2tp_plan_free);
  g_clear_object (&c->cancellable);
  g_clear_object (&c->bus);
  l2tp_config_unref (c->cfg);
  if (c->secrets)
    l2tp_config_unref (c->secrets);
  l2tp_port_clear (&c->port);
  g_free (c->uuid);
  g_free (c->bus_name);
  g_free (c->runtime_root);
  g_free (c->id);
  g_free (c->name);
  g_free (c->dir);
  g_free (c->gateway_addr);
  g_free (c->local_addr);
  g_free (c->pppd_plugin);
  g_free (c);
}

void
l2tp_connect_set_config (L2tpConnect *c, L2tpConfig *cfg)
{
  if (c->secrets)
    l2tp_config_unref (c->secrets);
  c->secrets = l2tp_config_ref (cfg);
}

/* ---- failing ---------------------------------------------------------- */

static void
fail (L2tpConnect *c, const GError *error)
{
  if (c->stopping || c->failed)
    return;
  c->failed = TRUE;
  g_clear_handle_id (&c->step_timer, g_source_remove);
  l2tp_log_err ("%s", error->message);
  c->events.failed (error, c->user_data);
}

static void
fail_with (L2tpConnect *c, L2tpFailure failure, const char *a, const char *b)
{
  g_autoptr (GError) error = NULL;

  l2tp_failure_set (&error, failure, a, b);
  fail (c, error);
}

/* A step ran out of time: what the daemons said so far, else the timeout. */
static gboolean
on_step_timeout (gpointer user_data)
{
  L2tpConnect *c = user_data;
  g_autofree char *seconds = g_strdup_printf ("%u", steps[c->step].timeout_s);

  c->step_timer = 0;
  l2tp_log_warn ("step %s: no result within %s s", steps[c->step].name, seconds);
  if (c->diag.failure == L2TP_FAILURE_IKE_NO_RESPONSE)
    fail_with (c, c->diag.failure, c->gateway_addr, NULL);
  else if (c->diag.failure != L2TP_FAILURE_NONE)
    fail_with (c, c->diag.failure, c->diag.detail, NULL);
  else
    fail_with (c, L2TP_FAILURE_TIMEOUT, _ (steps[c->step].name), seconds);
  return G_SOURCE_REMOVE;
}

/* ---- ppp: the pppd plugin's reports ----------------------------------- */

static gboolean
ppp_need_secrets (char **user, char **password, gpointer user_data)
{
  L2tpConnect *c = user_data;
  const L2tpConfig *cfg = c->secrets ? c->secrets : c->cfg;

  *user = l2tp_config_ppp_user (c->cfg);
  *password = g_strdup (l2tp_config_get (cfg, L2TP_KEY_PASSWORD));
  return TRUE;
}

/* pppd.h's PHASE_* (the same in 2.4.9 and 2.5). */
#define PPPD_PHASE_DEAD       0
#define PPPD_PHASE_DISCONNECT 10

static void
ppp_state (guint phase, gpointer user_data)
{
  L2tpConnect *c = user_data;

  l2tp_log_debug ("ppp: pppd phase %u", phase);
  /* LCP is over (Terminate-Ack received, or given up): the tunnel may close
   * while pppd runs its ip-down scripts and exits. */
  if (c->stopping && c->xl2tpd
      && (phase == PPPD_PHASE_DISCONNECT || phase == PPPD_PHASE_DEAD))
    l2tp_xl2tpd_ppp_link_closed (c->xl2tpd);
}

static void
ppp_ip6_config (GVariant *config, gpointer user_data)
{
  L2tpConnect *c = user_data;
  GVariant *ip6 = l2tp_nm_ip6_config (config);

  if (!ip6)
    return;
  g_clear_pointer (&c->ip6_config, g_variant_unref);
  c->ip6_config = g_variant_ref_sink (ip6);
  l2tp_log_info ("ppp: IPv6CP up");
  if (c->step == STEP_CONNECTED)
    l2tp_log_info ("ppp: IPv6 came after IPv4; NetworkManager was told has-ip6=no");
}

static void
ppp_ip4_config (GVariant *config, gpointer user_data)
{
  L2tpConnect *c = user_data;
  g_autoptr (GVariant) ip4 = NULL;
  const char *tundev = NULL;
  guint32 mtu;

  if (c->step != STEP_PPP || c->stopping)
    {
      l2tp_log_warn ("ppp: IPv4 configuration outside the PPP step ignored");
      return;
    }
  ip4 = l2tp_nm_ip4_config (config, c->never_default);
  if (!ip4 || !g_variant_lookup (config, "tundev", "&s", &tundev))
    {
      fail_with (c, L2TP_FAILURE_NO_IP_CONFIG, NULL, NULL);
      return;
    }
  g_variant_ref_sink (ip4);
  if (!g_variant_lookup (config, "mtu", "u", &mtu))
    mtu = l2tp_config_get_uint (c->cfg, L2TP_KEY_MTU);

  g_clear_handle_id (&c->step_timer, g_source_remove);
  c->step = STEP_CONNECTED;
  l2tp_log_notice ("connected: %s on %s", c->name, tundev);
  l2tp_plan_walk_connected (c->plan, c->uuid);
  /* set_config first (see nm-ip-config.h). */
  c->events.config (l2tp_nm_config (tundev, c->gateway_addr, mtu, c->ip6_config != NULL),
                    c->user_data);
  c->events.ip4_config (ip4, c->user_data);
  if (c->ip6_config)
    c->events.ip6_config (c->ip6_config, c->user_data);
}

/* ---- ppp: a new attempt inside the SAs (MPPE) -------------------------- */

static gboolean
settings_choose_mppe (const L2tpConfig *cfg)
{
  return l2tp_config_get_bool (cfg, L2TP_KEY_REQUIRE_MPPE)
         || l2tp_config_get_bool (cfg, L2TP_KEY_REQUIRE_MPPE_40)
         || l2tp_config_get_bool (cfg, L2TP_KEY_REQUIRE_MPPE_128);
}

static void
on_ppp_retry_l2tp_stopped (gpointer user_data)
{
  L2tpConnect *c = user_data;

  g_clear_pointer (&c->xl2tpd, l2tp_xl2tpd_free);
  c->ppp_retrying = FALSE;
  if (c->stopping)
    {
      stop_ipsec (c);
      return;
    }
  l2tp_diagnosis_clear (&c->diag);
  c->peer_wants_mppe = FALSE;
  step_enter (c, STEP_L2TP);
}

static void
on_ppp_retry_hung_up (gpointer user_data)
{
  L2tpConnect *c = user_data;

  l2tp_xl2tpd_stop (c->xl2tpd, on_ppp_retry_l2tp_stopped, c);
}

/*
 * pppd 2.4/2.5 accept MPPE only when their options require it, so the first
 * attempt (for the many servers without MPPE inside IPsec) cannot take it
 * when offered. A server that demands it (MikroTik's use-encryption=
 * required, RRAS's "require encryption") ends PPP; and a remembered demand
 * the server no longer makes makes pppd give up. Either way the plan says
 * whether PPP and L2TP end in order, inside the SAs that stay up, and L2TP
 * starts again with the other MPPE choice. TRUE when the PPP attempt's end
 * is handled here.
 */
static gboolean
ppp_retry (L2tpConnect *c)
{
  L2tpAnswer answer
      = { c->peer_wants_mppe ? L2TP_ANSWER_PPP_WANTS_MPPE : L2TP_ANSWER_PPP_ENDED };

  if (c->ppp_retrying || c->stopping || c->failed || c->step != STEP_PPP || !c->xl2tpd)
    return FALSE;
  /* A refused password is final, whatever MPPE does. */
  if (!c->peer_wants_mppe && c->diag.failure == L2TP_FAILURE_PPP_AUTH)
    return FALSE;
  switch (l2tp_plan_answer (c->plan, &answer))
    {
    case L2TP_PLAN_NEW_PPP:
      break;
    case L2TP_PLAN_FAILED:
      if (l2tp_plan_get_failure (c->plan) == L2TP_PLAN_FAILURE_MPPE_NO_MSCHAP)
        {
          fail_with (c, L2TP_FAILURE_PPP_MPPE_NO_MSCHAP, NULL, NULL);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
  if (c->peer_wants_mppe)
    l2tp_log_notice (
        "ppp: the server requires MPPE encryption inside PPP; connecting the "
        "L2TP tunnel again with MPPE");
  else
    l2tp_log_notice (
        "ppp: PPP ended with the remembered MPPE demand; connecting the L2TP "
        "tunnel again without MPPE");
  c->ppp_retrying = TRUE;
  l2tp_plan_walk_apply (c->plan, &c->ctx);
  l2tp_xl2tpd_hangup (c->xl2tpd, on_ppp_retry_hung_up, c);
  return TRUE;
}

static void
ppp_peer_requests_mppe (gpointer user_data)
{
  L2tpConnect *c = user_data;

  if (c->step != STEP_PPP || c->ppp_retrying)
    return;
  c->peer_wants_mppe = TRUE;
  l2tp_log_info ("ppp: the server asks for MPPE encryption%s",
                 c->ctx.ppp_mppe || settings_choose_mppe (c->cfg)
                     ? ""
                     : ", which pppd refuses unless its options require it");
}

static void
ppp_peer_terminated (const char *reason, gpointer user_data)
{
  L2tpConnect *c = user_data;

  if (c->ppp_retrying)
    return;
  l2tp_log_notice ("ppp: the server ended PPP: \"%s\"", reason);
  if (c->peer_wants_mppe && ppp_retry (c))
    return;
  l2tp_diagnosis_feed_peer_terminated (&c->diag, reason);
}

/* IPCP went down while connected: nothing passes any more; pppd's exit
 * follows (or a renegotiation NetworkManager could not follow anyway). */
static void
ppp_ip_down (gpointer user_data)
{
  L2tpConnect *c = user_data;

  if (c->step != STEP_CONNECTED || c->stopping)
    return;
  l2tp_log_notice ("ppp: IPCP went down");
  /* The server's own words (its Terminate-Request) when it said any. */
  if (c->diag.failure != L2TP_FAILURE_NONE)
    fail_with (c, c->diag.failure, c->diag.detail, NULL);
  else
    fail_with (c, L2TP_FAILURE_CONNECTION_LOST, _ ("PPP's IP layer went down"), NULL);
}

static void
ppp_exit_status (guint status, const char *message, gpointer user_data)
{
  L2tpConnect *c = user_data;

  l2tp_log_info ("ppp: pppd is ending with status %u (%s)", status, message);
  if (c->ppp_retrying)
    return;
  l2tp_diagnosis_feed_pppd (&c->diag, status, message);
  if (ppp_retry (c))
    return;
  if (c->diag.failure != L2TP_FAILURE_NONE)
    fail_with (c, c->diag.failure, c->diag.detail, NULL);
}

static const L2tpPppEvents ppp_events = {
  .need_secrets = ppp_need_secrets,
  .state = ppp_state,
  .ip4_config = ppp_ip4_config,
  .ip6_config = ppp_ip6_config,
  .ip_down = ppp_ip_down,
  .exit_status = ppp_exit_status,
  .peer_requests_mppe = ppp_peer_requests_mppe,
  .peer_terminated = ppp_peer_terminated,
};

/* ---- l2tp ------------------------------------------------------------- */

static void
on_l2tp_established (gpointer user_data)
{
  L2tpConnect *c = user_data;

  if (c->step == STEP_L2TP)
    step_enter (c, STEP_PPP);
}

static void
on_l2tp_ended (const GError *error, gpointer user_data)
{
  L2tpConnect *c = user_data;

  if (c->ppp_retrying || ppp_retry (c))
    return;
  if (c->step == STEP_CONNECTED)
    {
      g_autoptr (GError) lost = NULL;
      l2tp_failure_set (&lost, L2TP_FAILURE_CONNECTION_LOST, error->message, NULL);
      fail (c, lost);
      return;
    }
  /* A server that takes only port 1701 while someone else holds it. */
  if (error->code == L2TP_FAILURE_L2TP_NO_RESPONSE && c->port.holder)
    {
      fail_with (c, L2TP_FAILURE_PORT_BUSY, c->port.holder, c->port.free_command);
      return;
    }
  fail (c, error);
}

static const L2tpXl2tpdEvents xl2tpd_events = {
  .established = on_l2tp_established,
  .ended = on_l2tp_ended,
};

static void
l2tp_start (L2tpConnect *c)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *conf = l2tp_render_xl2tpd_conf (c->cfg, &c->ctx, &error);
  g_autofree char *options
      = conf ? l2tp_render_pppd_options (c->cfg, &c->ctx, &error) : NULL;

  if (!options)
    {
      fail_with (c, L2TP_FAILURE_BAD_SETTINGS, error->message, NULL);
      return;
    }
  c->xl2tpd = l2tp_xl2tpd_new (c->dir, c->name, &c->diag, &xl2tpd_events, c);
  if (!l2tp_xl2tpd_start (c->xl2tpd, conf, options, &error))
    fail (c, error);
}

/* ---- ipsec ------------------------------------------------------------ */

static void
on_ipsec_ike_up (const L2tpProposal *chosen, gpointer user_data)
{
  L2tpConnect *c = user_data;
  L2tpAnswer answer = { L2TP_ANSWER_IKE_UP };
  g_autofree char *text = NULL;

  if (c->step != STEP_IPSEC)
    return;
  if (chosen)
    {
      g_autoptr (L2tpProposalSet) one = l2tp_proposal_set_new (L2TP_PROPOSAL_IKE);

      answer.chosen = *chosen;
      l2tp_proposal_set_add (one, chosen);
      text = l2tp_proposal_set_to_strongswan (one);
    }
  l2tp_log_info ("plan: the server chose IKE %s", text ? text : "(not reported)");
  l2tp_plan_answer (c->plan, &answer);
}

static void
on_ipsec_up (const L2tpProposal *chosen, gpointer user_data)
{
  L2tpConnect *c = user_data;
  L2tpAnswer answer = { L2TP_ANSWER_ESP_UP };

  if (c->step != STEP_IPSEC)
    return;
  if (chosen)
    answer.chosen = *chosen;
  l2tp_plan_answer (c->plan, &answer);
  step_enter (c, STEP_L2TP);
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
      fail_with (c, error->code, offered, NULL);
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
  g_clear_handle_id (&c->step_timer, g_source_remove);
  c->step_timer = g_timeout_add_seconds (steps[STEP_IPSEC].timeout_s, on_step_timeout, c);
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
      fail (c, error);
      return;
    }
  if (!c->stopping && !c->failed && ipsec_retry (c, error))
    return;
  fail (c, error);
}

static const IpsecEvents ipsec_events = {
  .ike_up = on_ipsec_ike_up,
  .up = on_ipsec_up,
  .failed = on_ipsec_failed,
};

static void
ipsec_start (L2tpConnect *c)
{
  c->ipsec = c->backend->session_new (c->cfg, &c->ctx, &c->diag, &ipsec_events, c);
  c->backend->up (c->ipsec);
}

/* ---- preflight -------------------------------------------------------- */

static void
on_preflight (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpPreflight) p = l2tp_preflight_finish (result, &error);
  L2tpConnect *c;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  c = user_data;
  if (!p)
    {
      fail (c, error);
      return;
    }
  c->gateway_addr = g_steal_pointer (&p->gateway_addr);
  c->local_addr = g_steal_pointer (&p->local_addr);
  c->pppd_plugin = g_steal_pointer (&p->pppd_plugin);
  c->port = p->port;
  memset (&p->port, 0, sizeof p->port);

  c->ctx.name = c->name;
  c->ctx.gateway_addr = c->gateway_addr;
  c->ctx.local_addr = c->local_addr;
  c->ctx.l2tp_port = c->port.number;
  c->ctx.runtime_dir = c->dir;
  c->ctx.pppd_plugin = c->pppd_plugin;
  c->ctx.bus_name = c->bus_name;
  c->plan = l2tp_plan_walk_begin (c->cfg, c->uuid, &c->ctx);

  if (l2tp_config_ipsec_enabled (c->cfg))
    step_enter (c, STEP_IPSEC);
  else
    {
      l2tp_charon_early_release (NULL, NULL); /* not needed after all */
      l2tp_log_warn ("IPsec is off for this connection (ipsec-enabled): L2TP and PPP "
                     "travel unencrypted");
      step_enter (c, STEP_L2TP);
    }
}

/* ---- the pipeline ----------------------------------------------------- */

static void
step_enter (L2tpConnect *c, Step step)
{
  if (c->stopping || c->failed)
    return;
  g_clear_handle_id (&c->step_timer, g_source_remove);
  c->step = step;
  l2tp_log_info ("step: %s", steps[step].name);
  if (steps[step].timeout_s)
    c->step_timer = g_timeout_add_seconds (steps[step].timeout_s, on_step_timeout, c);

  switch (step)
    {
    case STEP_PREFLIGHT:
      l2tp_preflight_async (c->cfg, c->cancellable, on_preflight, c);
      break;
    case STEP_IPSEC:
      ipsec_start (c);
      break;
    case STEP_L2TP:
      l2tp_start (c);
      break;
    case STEP_PPP: /* pppd runs; its plugin calls ppp_ip4_config */
    default:
      break;
    }
}

static gboolean
begin (gpointer user_data)
{
  L2tpConnect *c = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *stamp = l2tp_runtime_pid_stamp ();

  c->begin_id = 0;
  c->dir = l2tp_runtime_dir_create (c->runtime_root, c->id, &error);
  if (!c->dir || !l2tp_runtime_write_file (c->dir, L2TP_SERVICE_PID_FILE, stamp, &error))
    {
      fail_with (c, L2TP_FAILURE_INTERNAL, error->message, NULL);
      return G_SOURCE_REMOVE;
    }
  if (c->bus)
    {
      c->ppp = l2tp_ppp_listener_new (c->bus, &ppp_events, c, &error);
      if (!c->ppp)
        {
          fail_with (c, L2TP_FAILURE_INTERNAL, error->message, NULL);
          return G_SOURCE_REMOVE;
        }
    }
  l2tp_log_notice ("connecting %s (runtime directory %s)", c->name, c->dir);
  step_enter (c, STEP_PREFLIGHT);
  return G_SOURCE_REMOVE;
}

void
l2tp_connect_start (L2tpConnect *c)
{
  g_return_if_fail (c->step == STEP_NONE && c->begin_id == 0);

  /* From the main loop, after Connect has returned: a failure found at
   * once (a missing program, an IPv6 gateway) must reach libnm as a
   * Failure of a started connection, not during its Connect call, which
   * libnm would not pass on (NetworkManager then waited for its timeout). */
  c->begin_id = g_idle_add (begin, c);
}

/* ---- stopping: PPP, L2TP, IPsec, xl2tpd, then files ------------------- */

static gboolean
stopped_idle (gpointer user_data)
{
  L2tpConnect *c = user_data;

  c->events.stopped (c->user_data); /* may free c */
  return G_SOURCE_REMOVE;
}

static void
stop_finish (L2tpConnect *c)
{
  g_clear_pointer (&c->ppp, l2tp_ppp_listener_free);
  if (c->dir)
    l2tp_runtime_dir_remove (c->dir);
  l2tp_log_notice ("stopped %s", c->name);
  /* Reported from the main loop: the caller may free c, and we may be deep
   * in one of c's own callbacks here. */
  g_idle_add (stopped_idle, c);
}

static void
on_xl2tpd_stopped (gpointer user_data)
{
  L2tpConnect *c = user_data;

  g_clear_pointer (&c->xl2tpd, l2tp_xl2tpd_free);
  stop_finish (c);
}

/* Last: xl2tpd itself, once no SA can carry anything it would answer. */
static void
stop_xl2tpd (L2tpConnect *c)
{
  if (c->xl2tpd)
    l2tp_xl2tpd_stop (c->xl2tpd, on_xl2tpd_stopped, c);
  else
    stop_finish (c);
}

static void
on_ipsec_down (gpointer user_data)
{
  L2tpConnect *c = user_data;

  c->backend->free (c->ipsec);
  c->ipsec = NULL;
  stop_xl2tpd (c);
}

static void
stop_ipsec (L2tpConnect *c)
{
  if (c->ipsec)
    c->backend->down (c->ipsec, on_ipsec_down, c);
  else
    stop_xl2tpd (c);
}

static void
on_l2tp_hung_up (gpointer user_data)
{
  stop_ipsec (user_data);
}

void
l2tp_connect_stop (L2tpConnect *c)
{
  if (c->stopping)
    return;
  c->stopping = TRUE;
  l2tp_log_info ("stopping %s", c->name);
  g_clear_handle_id (&c->begin_id, g_source_remove);
  g_cancellable_cancel (c->cancellable);
  g_clear_handle_id (&c->step_timer, g_source_remove);
  if (c->ppp_retrying)
    return; /* on_ppp_retry_l2tp_stopped goes on with IPsec */
  /* PPP, then the L2TP tunnel, then the IPsec SAs, and only then xl2tpd:
   * nothing of L2TP or PPP leaves without ESP, and xl2tpd's socket is
   * there for whatever the server still sends inside ESP. */
  if (c->xl2tpd)
    l2tp_xl2tpd_hangup (c->xl2tpd, on_l2tp_hung_up, c);
  else
    stop_ipsec (c);
}
