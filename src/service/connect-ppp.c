/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/connect-private.h"

#include <glib/gi18n-lib.h>

#include "src/common/failure-record.h"
#include "src/common/log.h"
#include "src/common/state-dir.h"
#include "src/service/nm-ip-config.h"
#include "src/service/plan-walk.h"
#include "src/service/pushed-routes.h"

/* How long the server has to answer the DHCPINFORM (Windows waits about
 * as long); "connected" never waits for it. */
#define DHCP_INFORM_BUDGET_MS 2000

/* ---- ppp: the pppd plugin's reports ----------------------------------- */

static gboolean
ppp_need_secrets (char **user, char **password, gpointer user_data)
{
  L2tpConnect *c = user_data;
  const L2tpConfig *cfg = l2tp_connect_secrets (c);

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

/* The server's answer to our DHCPINFORM, or none within the budget. */
static void
on_dhcp_answer (L2tpDhcpAnswer *answer, gpointer user_data)
{
  L2tpConnect *c = user_data;
  g_autoptr (L2tpDhcpAnswer) owned = answer;
  g_autoptr (GVariant) ip4 = NULL;
  g_autofree char *text = NULL;
  gboolean split;

  g_clear_pointer (&c->dhcp, l2tp_dhcp_inform_client_free);
  if (!answer)
    {
      l2tp_log_info ("dhcp: no usable answer within %u s; the routes stay as they are",
                     DHCP_INFORM_BUDGET_MS / 1000);
      return;
    }
  text = l2tp_dhcp_answer_to_string (answer);
  l2tp_log_notice ("dhcp: the server's routes: %s", text);
  ip4 = g_variant_ref_sink (l2tp_ip4_config_add_answer (c->ip4_sent, answer, &split));
  if (split)
    l2tp_log_notice ("dhcp: only the server's networks go through the tunnel (split "
                     "tunnel); the default route stays as it was");
  g_clear_pointer (&c->ip4_sent, g_variant_unref);
  c->ip4_sent = g_variant_ref (ip4);
  /* NetworkManager applies a new IPv4 configuration of an active VPN in
   * place (no state change). */
  c->events.ip4_config (ip4, c->user_data);
}

static void
dhcp_inform_start (L2tpConnect *c, const char *tundev, GVariant *config)
{
  g_autoptr (GError) error = NULL;
  guint32 local = 0, peer = 0;

  if (!l2tp_config_get_bool (c->cfg, L2TP_KEY_DHCP_INFORM))
    return;
  g_variant_lookup (config, "address", "u", &local);
  g_variant_lookup (config, "peer", "u", &peer);
  l2tp_log_info ("dhcp: asking the server for its routes (DHCPINFORM on %s)", tundev);
  c->dhcp = l2tp_dhcp_inform_client_start (tundev, local, peer, DHCP_INFORM_BUDGET_MS,
                                           on_dhcp_answer, c, &error);
  if (!c->dhcp)
    l2tp_log_warn ("dhcp: cannot ask the server for its routes: %s", error->message);
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
      l2tp_connect_fail_with (c, L2TP_FAILURE_NO_IP_CONFIG, NULL, NULL);
      return;
    }
  g_variant_ref_sink (ip4);
  if (l2tp_config_get_bool (c->cfg, L2TP_KEY_CLASSFUL_ROUTE))
    {
      GVariant *with = g_variant_ref_sink (l2tp_ip4_config_add_classful_route (ip4));

      g_variant_unref (ip4);
      ip4 = with;
    }
  if (!g_variant_lookup (config, "mtu", "u", &mtu))
    mtu = l2tp_config_get_uint (c->cfg, L2TP_KEY_MTU);

  g_clear_handle_id (&c->step_timer, g_source_remove);
  c->step = STEP_CONNECTED;
  l2tp_log_set_device (tundev); /* NM_DEVICE of the lines from here on */
  l2tp_log_notice ("connected: %s on %s", c->name, tundev);
  l2tp_plan_walk_connected (c->plan, c->uuid);
  l2tp_failure_record_forget (l2tp_state_dir (), c->uuid);
  /* set_config first (see nm-ip-config.h). */
  c->events.config (l2tp_nm_config (tundev, c->gateway_addr, mtu, c->ip6_config != NULL),
                    c->user_data);
  c->events.ip4_config (ip4, c->user_data);
  g_clear_pointer (&c->ip4_sent, g_variant_unref);
  c->ip4_sent = g_variant_ref (ip4);
  if (c->ip6_config)
    c->events.ip6_config (c->ip6_config, c->user_data);
  dhcp_inform_start (c, tundev, config);
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
      l2tp_connect_stop_ipsec (c);
      return;
    }
  if (c->reasking)
    return; /* the new password starts L2TP again */
  l2tp_connect_ppp_again (c);
}

void
l2tp_connect_ppp_again (L2tpConnect *c)
{
  l2tp_diagnosis_clear (&c->diag);
  c->peer_wants_mppe = FALSE;
  l2tp_connect_step_enter (c, STEP_L2TP);
}

static void
on_ppp_retry_hung_up (gpointer user_data)
{
  L2tpConnect *c = user_data;

  l2tp_xl2tpd_stop (c->xl2tpd, on_ppp_retry_l2tp_stopped, c);
}

/* PPP and L2TP end in order inside the SAs, which stay up; then
 * on_ppp_retry_l2tp_stopped. */
static void
ppp_end_for_retry (L2tpConnect *c)
{
  c->ppp_retrying = TRUE;
  l2tp_xl2tpd_hangup (c->xl2tpd, on_ppp_retry_hung_up, c);
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
gboolean
l2tp_connect_ppp_retry (L2tpConnect *c)
{
  L2tpAnswer answer
      = { c->peer_wants_mppe ? L2TP_ANSWER_PPP_WANTS_MPPE : L2TP_ANSWER_PPP_ENDED };

  if (c->ppp_retrying || c->stopping || c->failed || c->step != STEP_PPP || !c->xl2tpd)
    return FALSE;
  /* A refused password is final, whatever MPPE does, unless the person
   * types it again. */
  if (!c->peer_wants_mppe && c->diag.failure == L2TP_FAILURE_PPP_AUTH)
    {
      if (!l2tp_connect_reask_password (c))
        return FALSE;
      ppp_end_for_retry (c);
      return TRUE;
    }
  switch (l2tp_plan_answer (c->plan, &answer))
    {
    case L2TP_PLAN_NEW_PPP:
      break;
    case L2TP_PLAN_FAILED:
      if (l2tp_plan_get_failure (c->plan) == L2TP_PLAN_FAILURE_MPPE_NO_MSCHAP)
        {
          l2tp_connect_fail_with (c, L2TP_FAILURE_PPP_MPPE_NO_MSCHAP, NULL, NULL);
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
  l2tp_plan_walk_apply (c->plan, &c->ctx);
  ppp_end_for_retry (c);
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
  if (c->peer_wants_mppe && l2tp_connect_ppp_retry (c))
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
    l2tp_connect_fail_with (c, c->diag.failure, c->diag.detail, NULL);
  else
    l2tp_connect_fail_with (c, L2TP_FAILURE_CONNECTION_LOST,
                            _ ("PPP's IP layer went down"), NULL);
}

static void
ppp_exit_status (guint status, const char *message, gpointer user_data)
{
  L2tpConnect *c = user_data;

  l2tp_log_info ("ppp: pppd is ending with status %u (%s)", status, message);
  if (c->ppp_retrying)
    return;
  l2tp_diagnosis_feed_pppd (&c->diag, status, message);
  if (l2tp_connect_ppp_retry (c))
    return;
  if (c->diag.failure != L2TP_FAILURE_NONE)
    l2tp_connect_fail_with (c, c->diag.failure, c->diag.detail, NULL);
}

const L2tpPppEvents l2tp_connect_ppp_events = {
  .need_secrets = ppp_need_secrets,
  .state = ppp_state,
  .ip4_config = ppp_ip4_config,
  .ip6_config = ppp_ip6_config,
  .ip_down = ppp_ip_down,
  .exit_status = ppp_exit_status,
  .peer_requests_mppe = ppp_peer_requests_mppe,
  .peer_terminated = ppp_peer_terminated,
};
