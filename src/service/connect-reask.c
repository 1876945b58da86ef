/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A refused password or pre-shared key, asked again on an interactive
 * connect: NetworkManager shows our message in the secret agent's dialog
 * (the hint "x-vpn-message:") and brings the answer with NewSecrets. A new
 * password needs no new SA: PPP and L2TP start again inside the ones that
 * are up. A new PSK needs a new IKE SA: the session goes and a new one
 * comes, with the same offer (the server accepted it; only the key was
 * wrong). */
#include "src/service/connect-private.h"

#include "src/common/log.h"
#include "src/service/reask.h"

/* For the person to answer (NetworkManager's own agent timeout is 120 s). */
#define REASK_TIMEOUT_S 180
/* Servers lock accounts after a few failures: then the attempt fails. */
#define REASK_MAX 3

static gboolean
on_reask_timeout (gpointer user_data)
{
  L2tpConnect *c = user_data;
  g_autoptr (GError) error = g_steal_pointer (&c->reask_failure);

  c->step_timer = 0;
  l2tp_log_warn ("no new %s within %u s", c->reasking, REASK_TIMEOUT_S);
  c->reasking = NULL;
  l2tp_connect_fail (c, error);
  return G_SOURCE_REMOVE;
}

/* TRUE when the person is asked for the secret that error refused. */
static gboolean
ask (L2tpConnect *c, const GError *error)
{
  const char *secret
      = l2tp_reask_secret (l2tp_connect_secrets (c), error->code, c->interactive);
  const char *hints[] = { secret, NULL };
  g_autofree char *user = NULL;
  g_autofree char *message = NULL;

  if (!secret || c->reasking || c->stopping || c->failed || !c->events.secrets_required)
    return FALSE;
  if (c->reasks >= REASK_MAX)
    {
      l2tp_log_notice ("refused %u times: not asking again", c->reasks);
      return FALSE;
    }
  c->reasks++;
  user = l2tp_config_ppp_user (c->cfg);
  message = l2tp_reask_message (error->code, user);
  l2tp_log_notice ("%s", error->message);
  l2tp_log_notice ("asking for the %s again (%u of %u): %s", secret, c->reasks, REASK_MAX,
                   message);
  c->reasking = secret;
  g_clear_error (&c->reask_failure);
  c->reask_failure = g_error_copy (error);
  g_clear_handle_id (&c->step_timer, g_source_remove);
  c->step_timer = g_timeout_add_seconds (REASK_TIMEOUT_S, on_reask_timeout, c);
  c->events.secrets_required (message, hints, c->user_data);
  return TRUE;
}

gboolean
l2tp_connect_reask_password (L2tpConnect *c)
{
  g_autoptr (GError) error = NULL;

  l2tp_failure_set (&error, L2TP_FAILURE_PPP_AUTH, c->diag.detail, NULL);
  return ask (c, error);
}

static void
ipsec_again (L2tpConnect *c)
{
  l2tp_diagnosis_clear (&c->diag);
  l2tp_connect_step_enter (c, STEP_IPSEC);
}

static void
on_ipsec_down_for_psk (gpointer user_data)
{
  L2tpConnect *c = user_data;

  c->backend->free (c->ipsec);
  c->ipsec = NULL;
  c->ipsec_restarting = FALSE;
  if (c->stopping)
    {
      l2tp_connect_stop_ipsec (c); /* no session: xl2tpd, then files */
      return;
    }
  if (!c->reasking)
    ipsec_again (c);
}

/* Not from inside the session's own failed event. */
static gboolean
ipsec_down_for_psk (gpointer user_data)
{
  L2tpConnect *c = user_data;

  c->reask_idle = 0;
  c->ipsec_restarting = TRUE;
  c->backend->down (c->ipsec, on_ipsec_down_for_psk, c);
  return G_SOURCE_REMOVE;
}

gboolean
l2tp_connect_reask_psk (L2tpConnect *c, const GError *error)
{
  if (c->step != STEP_IPSEC || !c->ipsec || error->code != L2TP_FAILURE_PSK_MISMATCH
      || !ask (c, error))
    return FALSE;
  c->reask_idle = g_idle_add (ipsec_down_for_psk, c);
  return TRUE;
}

void
l2tp_connect_reask_answered (L2tpConnect *c)
{
  const char *secret = g_steal_pointer (&c->reasking);

  g_clear_error (&c->reask_failure);
  if (c->stopping || c->failed)
    return;
  l2tp_log_notice ("a new %s: trying again", secret);
  if (g_str_equal (secret, "password"))
    {
      if (!c->ppp_retrying) /* else once xl2tpd has stopped */
        l2tp_connect_ppp_again (c);
    }
  else if (!c->ipsec_restarting && !c->reask_idle) /* else once the session is gone */
    ipsec_again (c);
}

void
l2tp_connect_reask_clear (L2tpConnect *c)
{
  c->reasking = NULL;
  g_clear_error (&c->reask_failure);
  /* A session that never started going down: the teardown takes it. */
  g_clear_handle_id (&c->reask_idle, g_source_remove);
}
