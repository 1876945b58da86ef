/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IPsec through strongSwan's charon over VICI.
 *
 * up:   charon (system or private) → our own VICI connection → events
 *       control-log, ike-updown, child-updown → load-shared (PSK) or, with
 *       certificates, get-keys + load-key → load-conn (certificates as
 *       bytes, never a path) → initiate (child and IKE SA named
 *       ctx->name), which answers once the CHILD_SA is installed or failed.
 * down: terminate → unload-conn → unload-shared or unload-key → close →
 *       release charon.
 * Every name we load is ctx->name ("nm-l2tp-ipsec-<uuid>"), so events of
 * other SAs in a shared charon are told apart and nothing else is touched.
 * A private key has no name: it is known by its ID, and one that charon
 * held before we came (loaded by swanctl) is used but never unloaded. */
#include "src/ipsec/strongswan-session.h"

#include <glib/gi18n-lib.h>

#include "src/ipsec/charon-early.h"
#include "src/ipsec/charon.h"
#include "src/ipsec/machine-key.h"
#include "src/common/log.h"
#include "src/common/runtime-dir.h"
#include "shared/private-key.h"
#include "shared/render-common.h"
#include "shared/text-clean.h"
#include "shared/vici-sa-owner.h"
#include "shared/vici-sa-proposal.h"
#include "shared/render-swanctl.h"
#include "src/ipsec/vici-client.h"

static void run_up_step (IpsecSession *s);

static IpsecSession *
session_new (L2tpConfig *cfg, const L2tpRenderContext *ctx, L2tpDiagnosis *diag,
             const IpsecEvents *events, gpointer user_data)
{
  IpsecSession *s = g_new0 (IpsecSession, 1);

  s->cfg = l2tp_config_ref (cfg);
  s->ctx = ctx;
  s->diag = diag;
  s->events = *events;
  s->user_data = user_data;
  s->cancellable = g_cancellable_new ();
  return s;
}

static void
session_free (IpsecSession *s)
{
  if (!s)
    return;
  g_cancellable_cancel (s->cancellable);
  g_clear_object (&s->cancellable);
  if (s->client)
    {
      g_signal_handlers_disconnect_by_data (s->client, s);
      vici_client_close (s->client);
      g_clear_object (&s->client);
    }
  g_clear_pointer (&s->key, l2tp_private_key_free);
  g_clear_pointer (&s->xfrm, l2tp_xfrm_watch_free);
  g_free (s->key_id);
  l2tp_config_unref (s->cfg);
  g_free (s);
}

/* ---- failures --------------------------------------------------------- */

static char *
offered_esp (IpsecSession *s)
{
  g_autoptr (L2tpProposalSet) esp = l2tp_render_esp_offer (s->cfg, s->ctx);

  return l2tp_proposal_set_summary (esp);
}

/* The error of a failed IPsec step, from what charon told us. */
static GError *
diagnosed_error (IpsecSession *s, const char *charon_said)
{
  GError *error = NULL;
  g_autofree char *offer = NULL;

  switch (s->diag->failure)
    {
    case L2TP_FAILURE_NO_IKEV1:
      l2tp_failure_set (&error, s->diag->failure,
                        s->charon ? l2tp_charon_use_get_version (s->charon) : NULL, NULL);
      break;
    case L2TP_FAILURE_IKE_NO_PROPOSAL:
      offer = l2tp_proposal_set_summary (l2tp_render_ike_offer (s->cfg, s->ctx));
      l2tp_failure_set (&error, s->diag->failure, offer, NULL);
      break;
    case L2TP_FAILURE_ESP_NO_PROPOSAL:
      offer = offered_esp (s);
      l2tp_failure_set (&error, s->diag->failure, offer, NULL);
      break;
    case L2TP_FAILURE_IKE_NO_RESPONSE:
      l2tp_failure_set (&error, s->diag->failure, s->ctx->gateway_addr, NULL);
      break;
    case L2TP_FAILURE_NONE:
      l2tp_failure_set (&error, L2TP_FAILURE_IPSEC_FAILED, charon_said, NULL);
      break;
    default:
      l2tp_failure_set (&error, s->diag->failure,
                        s->diag->detail ? s->diag->detail : charon_said, NULL);
      break;
    }
  return error;
}

static void
fail (IpsecSession *s, GError *error)
{
  gboolean was_up = s->is_up;

  s->up_pending = FALSE;
  s->is_up = FALSE;
  g_clear_pointer (&s->xfrm, l2tp_xfrm_watch_free);
  if (s->going_down)
    {
      g_error_free (error);
      l2tp_strongswan_down_continue (s);
      return;
    }
  l2tp_log_debug ("ipsec: %s%s", was_up ? "lost: " : "", error->message);
  s->events.failed (error, s->user_data);
  g_error_free (error);
}

static void
fail_with (IpsecSession *s, L2tpFailure failure, const char *a)
{
  GError *error = NULL;

  l2tp_failure_set (&error, failure, a, NULL);
  fail (s, error);
}

/* ---- events ----------------------------------------------------------- */

/* The IKE SA section of an updown event that is ours: the one carrying our
 * CHILD_SA, whatever its name (another of our connections may have set it
 * up: shared/vici-sa-owner.h); going up, before our CHILD_SA exists, also
 * the one named ours. */
static const ViciNode *
our_sa (IpsecSession *s, const char *event, const ViciMessage *msg, gboolean up)
{
  const ViciNode *sa = l2tp_vici_sa_carrying (msg, s->ctx->name);

  if (!sa && up && g_str_equal (event, "ike-updown"))
    sa = vici_message_lookup (msg, s->ctx->name);
  return sa;
}

static void
report_chosen (IpsecSession *s, gboolean ike, const ViciNode *section, const char *event,
               const ViciMessage *msg)
{
  L2tpProposal chosen;

  if (!l2tp_vici_sa_proposal (section, ike ? L2TP_PROPOSAL_IKE : L2TP_PROPOSAL_ESP,
                              &chosen))
    {
      g_autofree char *text = vici_message_to_swanctl_text (msg, NULL);

      /* Not remembered then; what charon said, to see why. */
      l2tp_log_info ("ipsec: %s names no proposal we know: %s", event, text ? text : "?");
      return;
    }
  if (ike)
    s->ike_reported = TRUE;
  if (ike ? s->events.ike_up != NULL : s->events.child_chosen != NULL)
    (ike ? s->events.ike_up : s->events.child_chosen) (&chosen, s->user_data);
}

static void
on_xfrm_lost (const char *what, gpointer user_data)
{
  IpsecSession *s = user_data;
  g_autofree char *why = NULL;

  if (!s->is_up || s->going_down)
    return;
  /* Not charon's doing: it would have said so with child-updown. */
  why = g_strdup_printf (_ ("%s of the IPsec connection vanished from the kernel"), what);
  l2tp_log_notice ("ipsec: %s", why);
  fail_with (s, L2TP_FAILURE_CONNECTION_LOST, why);
}

/* Once the CHILD_SA is installed and its reqid known (child-updown and
 * initiate's answer come in either order). */
static void
watch_kernel (IpsecSession *s)
{
  g_autoptr (GError) error = NULL;

  if (!s->is_up || !s->reqid || s->xfrm || s->going_down)
    return;
  s->xfrm = l2tp_xfrm_watch_new (s->reqid, on_xfrm_lost, s, &error);
  if (!s->xfrm)
    {
      l2tp_log_warn ("ipsec: %s", error->message);
      return;
    }
  /* What went before the watch began counts too. */
  l2tp_xfrm_watch_check (s->xfrm);
}

/* What the server chose, for the negotiation plan. A CHILD_SA on an IKE SA
 * that was up before (set up by another connection of ours) comes with no
 * ike-updown of its own: its IKE SA section tells the IKE transform. */
static void
on_sa_up (IpsecSession *s, const char *event, const ViciNode *sa, const ViciMessage *msg)
{
  gboolean ike = g_str_equal (event, "ike-updown");

  if (s->going_down)
    return;
  if (!ike && !s->ike_reported)
    report_chosen (s, TRUE, sa, "child-updown", msg);
  if (!ike)
    {
      const ViciNode *child = l2tp_vici_sa_find_child (sa, s->ctx->name);
      const ViciNode *kv = child ? vici_node_lookup (child, "reqid") : NULL;
      const char *reqid = kv && vici_node_get_kind (kv) == VICI_NODE_KEY_VALUE
                              ? vici_node_get_str (kv)
                              : NULL;

      s->reqid = reqid ? (guint32) g_ascii_strtoull (reqid, NULL, 10) : 0;
      watch_kernel (s);
    }
  /* child-updown may come before or after initiate's answer. */
  report_chosen (s, ike, ike ? sa : l2tp_vici_sa_find_child (sa, s->ctx->name), event,
                 msg);
}

static void
on_event (ViciClient *client, const char *name, const ViciMessage *msg,
          gpointer user_data)
{
  IpsecSession *s = user_data;
  const ViciNode *sa;
  gboolean up;

  if (g_str_equal (name, "control-log"))
    {
      const char *raw = vici_message_get_str (msg, "msg");
      g_autofree char *text = NULL;
      g_autofree char *group = NULL;

      /* charon sends control-log only to the client whose initiate or
       * terminate it logs, whatever the IKE SA's name: on an IKE SA that
       * another connection of ours set up (named after it), our Quick
       * Mode's lines carry that other name. */
      if (!raw)
        return;
      /* charon repeats what the server sent (IDs, notify data): cleaned
       * before the log and the diagnosis see it. */
      text = l2tp_text_clean (raw, L2TP_TEXT_CLEAN_LINE_MAX);
      group = l2tp_text_clean (vici_message_get_str (msg, "group") ?: "?", 16);
      l2tp_log_info ("charon: [%s] %s", group, text);
      l2tp_diagnosis_feed_charon (s->diag, text);
      /* A wrong PSK is certain at once; charon itself would retransmit
       * until the step's timeout. The pending initiate is cancelled by the
       * teardown that follows. */
      if (s->diag->failure == L2TP_FAILURE_PSK_MISMATCH && s->up_pending && !s->going_down
          && !s->failed_early)
        {
          g_autoptr (GError) error = NULL;

          s->failed_early = TRUE;
          l2tp_failure_set (&error, L2TP_FAILURE_PSK_MISMATCH, NULL, NULL);
          s->events.failed (error, s->user_data);
        }
      return;
    }
  if (!g_str_equal (name, "ike-updown") && !g_str_equal (name, "child-updown"))
    return;
  /* ike-updown and child-updown carry up = yes only when going up. */
  up = g_strcmp0 (vici_message_get_str (msg, "up"), "yes") == 0;
  sa = our_sa (s, name, msg, up);
  if (!sa)
    return;
  if (up)
    {
      on_sa_up (s, name, sa, msg);
      return;
    }
  l2tp_log_notice ("ipsec: %s: our %s SA went down", name,
                   g_str_equal (name, "ike-updown") ? "IKE" : "CHILD");
  if (s->is_up && !s->going_down)
    fail_with (s, L2TP_FAILURE_CONNECTION_LOST,
               _ ("the IPsec SA was deleted by the server or its dead peer detection"));
}

static void
on_closed (ViciClient *client, const GError *error, gpointer user_data)
{
  IpsecSession *s = user_data;

  if (s->going_down || !error)
    return;
  if (s->is_up)
    fail_with (s, L2TP_FAILURE_CONNECTION_LOST, _ ("charon exited"));
  /* Before up, the pending request fails with this error and reports it. */
}

/* ---- up --------------------------------------------------------------- */

static gboolean
up_cancelled (IpsecSession *s, const GError *error)
{
  if (!s->going_down && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  s->up_pending = FALSE;
  if (s->going_down)
    l2tp_strongswan_down_continue (s);
  return TRUE;
}

static void
on_registered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  IpsecSession *s = user_data;
  g_autoptr (GError) error = NULL;

  if (!vici_client_register_event_finish (VICI_CLIENT (source), result, &error))
    {
      if (!up_cancelled (s, error))
        fail_with (s, L2TP_FAILURE_CHARON, error->message);
      return;
    }
  s->up_step++;
  run_up_step (s);
}

static const char *
up_command (int step)
{
  switch (step)
    {
    case UP_LOAD_SHARED:
      return "load-shared";
    case UP_GET_KEYS:
      return "get-keys";
    case UP_LOAD_KEY:
      return "load-key";
    case UP_LOAD_CONN:
      return "load-conn";
    default:
      return "initiate";
    }
}

/* charon's ID for the key it loaded rules the unload-key going down. */
static void
key_loaded (IpsecSession *s, const ViciMessage *answer)
{
  const char *id = vici_message_get_str (answer, "id");

  if (l2tp_private_key_id_is_valid (id) && g_ascii_strcasecmp (id, s->key_id) != 0)
    {
      l2tp_log_notice ("ipsec: charon gave the machine key the ID %s, not %s", id,
                       s->key_id);
      g_free (s->key_id);
      s->key_id = g_strdup (id);
    }
  l2tp_log_info ("ipsec: machine key %s loaded", s->key_id);
}

static void
on_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  IpsecSession *s = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) answer
      = vici_client_request_finish (VICI_CLIENT (source), result, &error);
  const char *what = up_command (s->up_step);

  if (!answer)
    {
      if (!up_cancelled (s, error))
        fail_with (s, L2TP_FAILURE_CHARON, error->message);
      return;
    }
  if (s->going_down)
    {
      up_cancelled (s, NULL);
      return;
    }
  if (!vici_message_check_success (answer, what, &error))
    {
      l2tp_log_info ("ipsec: %s", error->message);
      if (s->up_step == UP_INITIATE)
        fail (s, diagnosed_error (s, error->message));
      else
        fail_with (s, L2TP_FAILURE_IPSEC_FAILED, error->message);
      return;
    }
  /* The way down unloads the conn and the key by name whatever was loaded
   * (charon answers "not found" for what was not). */
  if (s->up_step == UP_LOAD_KEY)
    key_loaded (s, answer);
  s->up_step++;
  run_up_step (s);
}

static void
request (IpsecSession *s, const char *command, ViciMessage *args)
{
  vici_client_request_async (s->client, command, args, s->cancellable, on_answer, s);
}

/* ---- the machine key (certificates) ----------------------------------- */

/* A key that is no key, does not decrypt or is not machine-cert's, or a file
 * without a certificate: said now by name. charon opens no file (ctx). */
static gboolean
read_machine_key (IpsecSession *s, GError **error)
{
  s->key = l2tp_machine_key_decode (s->cfg, s->ctx, error);
  return s->key != NULL;
}

/* get-keys: a key charon holds already (swanctl loaded it) is not ours. */
static void
on_keys (GObject *source, GAsyncResult *result, gpointer user_data)
{
  IpsecSession *s = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) answer
      = vici_client_request_finish (VICI_CLIENT (source), result, &error);

  if (!answer && up_cancelled (s, error))
    return;
  if (answer && s->going_down)
    {
      up_cancelled (s, NULL);
      return;
    }
  if (!answer)
    l2tp_log_debug ("ipsec: get-keys: %s", error->message);
  else if (l2tp_private_key_list_has (answer, l2tp_private_key_get_id (s->key)))
    {
      l2tp_log_notice ("ipsec: charon holds the machine key %s already; using it "
                       "and leaving it there",
                       l2tp_private_key_get_id (s->key));
      g_clear_pointer (&s->key, l2tp_private_key_free);
    }
  s->up_step++;
  run_up_step (s);
}

static void
send_key (IpsecSession *s)
{
  g_autoptr (L2tpPrivateKey) key = g_steal_pointer (&s->key);
  g_autoptr (ViciMessage) msg = l2tp_private_key_load_message (key);

  /* From now on charon may hold it, whatever becomes of the answer. */
  s->key_id = g_strdup (l2tp_private_key_get_id (key));
  l2tp_log_info ("ipsec: loading the machine key %s (%s)", s->key_id,
                 l2tp_private_key_get_type (key));
  /* Encoded at once: our copies are wiped right after. */
  request (s, "load-key", msg);
  l2tp_private_key_wipe_message (msg);
}

static void
run_up_step (IpsecSession *s)
{
  static const char *const events[] = { "control-log", "ike-updown", "child-updown" };
  g_autoptr (ViciMessage) msg = NULL;
  g_autoptr (GError) error = NULL;

  switch (s->up_step)
    {
    case UP_REGISTER_LOG:
    case UP_REGISTER_IKE:
    case UP_REGISTER_CHILD:
      vici_client_register_event_async (s->client, events[s->up_step], s->cancellable,
                                        on_registered, s);
      return;
    case UP_LOAD_SHARED:
      if (l2tp_config_machine_tls (s->cfg))
        {
          /* Certificates: no shared key, the machine key instead. */
          s->up_step++;
          run_up_step (s);
          return;
        }
      msg = l2tp_render_swanctl_secret (s->cfg, s->ctx, &error);
      if (!msg)
        {
          fail_with (s, L2TP_FAILURE_BAD_SETTINGS, error->message);
          return;
        }
      request (s, "load-shared", msg);
      return;
    case UP_GET_KEYS:
      if (!l2tp_config_machine_tls (s->cfg))
        {
          s->up_step = UP_LOAD_CONN;
          run_up_step (s);
          return;
        }
      if (!read_machine_key (s, &error))
        {
          fail_with (s, L2TP_FAILURE_BAD_SETTINGS, error->message);
          return;
        }
      vici_client_request_async (s->client, "get-keys", NULL, s->cancellable, on_keys, s);
      return;
    case UP_LOAD_KEY:
      if (!s->key)
        {
          s->up_step++;
          run_up_step (s);
          return;
        }
      send_key (s);
      return;
    case UP_LOAD_CONN:
      msg = l2tp_render_swanctl_conn (s->cfg, s->ctx, &error);
      if (!msg)
        {
          fail_with (s, L2TP_FAILURE_BAD_SETTINGS, error->message);
          return;
        }
      request (s, "load-conn", msg);
      return;
    case UP_INITIATE:
      msg = vici_message_new ();
      vici_message_add_kv_str (msg, "child", s->ctx->name);
      vici_message_add_kv_str (msg, "ike", s->ctx->name);
      /* 0: wait until charon is done; the pipeline's step timeout rules. */
      vici_message_add_kv_str (msg, "timeout", "0");
      vici_message_add_kv_str (msg, "init-limits", "no");
      vici_message_add_kv_str (msg, "loglevel", "1");
      l2tp_log_info ("ipsec: initiating %s to %s", s->ctx->name, s->ctx->gateway_addr);
      request (s, "initiate", msg);
      return;
    case UP_DONE:
      s->up_pending = FALSE;
      s->is_up = TRUE;
      l2tp_log_notice ("ipsec: CHILD_SA %s installed", s->ctx->name);
      watch_kernel (s);
      s->events.up (s->user_data);
      return;
    }
}

static void
on_client (GObject *source, GAsyncResult *result, gpointer user_data)
{
  IpsecSession *s = user_data;
  g_autoptr (GError) error = NULL;

  s->client = vici_client_new_finish (result, &error);
  if (!s->client)
    {
      if (!up_cancelled (s, error))
        fail_with (s, L2TP_FAILURE_CHARON, error->message);
      return;
    }
  g_signal_connect (s->client, "event", G_CALLBACK (on_event), s);
  g_signal_connect (s->client, "closed", G_CALLBACK (on_closed), s);
  s->up_step = UP_REGISTER_LOG;
  run_up_step (s);
}

static void
on_charon (GObject *source, GAsyncResult *result, gpointer user_data)
{
  IpsecSession *s = user_data;
  g_autoptr (GError) error = NULL;

  s->charon = l2tp_charon_use_finish (result, &error);
  if (!s->charon)
    {
      if (!up_cancelled (s, error))
        fail (s, g_steal_pointer (&error));
      return;
    }
  if (s->going_down)
    {
      up_cancelled (s, NULL);
      return;
    }
  vici_client_new_async (l2tp_charon_use_get_socket (s->charon), s->cancellable,
                         on_client, s);
}

static void
session_up (IpsecSession *s)
{
  g_return_if_fail (!s->up_pending && !s->going_down);

  s->up_pending = TRUE;
  /* Same process, same user marker: this use stands for the early one. */
  l2tp_charon_early_forget ();
  l2tp_charon_use_async (L2TP_RUNTIME_ROOT, s->cancellable, on_charon, s);
}

/* Offer again: the conn reloaded with the new proposals (charon keeps an
 * IKE SA whose config is unchanged: "updated vici connection"), then a new
 * initiate, which a new Quick Mode on that IKE SA answers. */
static void
session_retry (IpsecSession *s)
{
  g_return_if_fail (!s->up_pending && !s->going_down && !s->is_up && s->client);

  s->up_pending = TRUE;
  s->failed_early = FALSE;
  s->up_step = UP_LOAD_CONN;
  run_up_step (s);
}

const IpsecBackend l2tp_ipsec_strongswan = {
  .name = "strongswan",
  .session_new = session_new,
  .up = session_up,
  .retry = session_retry,
  .down = l2tp_strongswan_session_down,
  .free = session_free,
};
