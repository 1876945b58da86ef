/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The strongSwan backend's way down: only what this connection owns.
 *
 * list-sas → terminate our CHILD_SA → terminate each IKE SA of ours that
 * carries no other CHILD_SA → unload-conn → unload-shared or unload-key →
 * close → a short settle when a private charon would take its port away
 * → release charon.
 * Two of our connections to one server share one IKE SA (charon reuses an
 * equal, established one), so deleting "our" IKE SA by name would take the
 * other connection's CHILD_SA with it and leave that one sending in clear
 * (shared/vici-sa-owner.h says which SAs are ours). The CHILD_SA goes
 * first: charon's IKEv1 keeps the IPsec SAs of a deleted ISAKMP SA. */
#include "src/ipsec/strongswan-session.h"

#include "src/common/log.h"
#include "shared/vici-sa-owner.h"

#define TERMINATE_TIMEOUT_MS 5000
/* IKEv1 deletes are not acknowledged, yet servers still send their last
 * INFORMATIONALs after ours (0.16 s seen in the lab); a private charon that
 * exits at once leaves its closed port answering them with ICMP. */
#define SETTLE_MS 500

typedef enum
{
  DOWN_LIST_REGISTER,
  DOWN_LIST,
  DOWN_TERMINATE_CHILD,
  DOWN_TERMINATE_IKE,
  DOWN_UNLOAD_CONN,
  DOWN_UNLOAD_SHARED,
  DOWN_UNLOAD_KEY,
  DOWN_CLOSE,
  DOWN_SETTLE,
  DOWN_UNUSE,
  DOWN_DONE,
} DownStep;

typedef struct
{
  IpsecSession *s;
  DownStep step;
  gboolean reconnected;
  gboolean listed;      /* list-sas answered: uses is what charon has */
  gboolean deleted_ike; /* a terminate of an IKE SA went out */
  guint settle_id;
  guint next_use; /* DOWN_TERMINATE_IKE: the next of uses to look at */
  gulong list_handler;
  GArray *uses; /* L2tpViciIkeUse */
} DownOp;

static void down_run (DownOp *op);

static void
down_op_free (DownOp *op)
{
  if (op->list_handler && op->s->client)
    g_signal_handler_disconnect (op->s->client, op->list_handler);
  g_clear_handle_id (&op->settle_id, g_source_remove);
  g_array_unref (op->uses);
  g_free (op);
}

static void
next_step (DownOp *op)
{
  op->step++;
  down_run (op);
}

static void
on_down_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  DownOp *op = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ViciMessage) answer
      = vici_client_request_finish (VICI_CLIENT (source), result, &error);

  /* list-sas answers with an empty message once its list-sa events are out. */
  if (op->step == DOWN_LIST && answer)
    op->listed = TRUE;
  /* Nothing to terminate, or already unloaded: fine while going down. */
  else if (!answer || !vici_message_check_success (answer, "down", &error))
    l2tp_log_debug ("ipsec: down step %d: %s", op->step, error->message);
  /* Each IKE SA of ours is its own terminate. */
  if (op->step != DOWN_TERMINATE_IKE)
    op->step++;
  down_run (op);
}

static void
on_unused (GObject *source, GAsyncResult *result, gpointer user_data)
{
  DownOp *op = user_data;

  l2tp_charon_unuse_finish (result);
  next_step (op);
}

static gboolean
on_settled (gpointer user_data)
{
  DownOp *op = user_data;

  op->settle_id = 0;
  next_step (op);
  return G_SOURCE_REMOVE;
}

static void
on_list_sa (ViciClient *client, const char *name, const ViciMessage *msg,
            gpointer user_data)
{
  DownOp *op = user_data;

  l2tp_vici_sa_collect_uses (msg, op->s->ctx->name, op->uses);
}

static void
on_list_registered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  DownOp *op = user_data;
  g_autoptr (GError) error = NULL;

  if (!vici_client_register_event_finish (VICI_CLIENT (source), result, &error))
    {
      /* Without the list, the IKE SA by name as a last resort. */
      l2tp_log_warn ("ipsec: cannot list charon's SAs going down: %s", error->message);
      op->step = DOWN_LIST;
    }
  next_step (op);
}

static void
down_request (DownOp *op, const char *command, const char *key, const char *value)
{
  g_autoptr (ViciMessage) msg = vici_message_new ();

  if (key)
    vici_message_add_kv_str (msg, key, value);
  if (g_str_equal (command, "terminate"))
    {
      vici_message_add_kv_printf (msg, "timeout", "%d", TERMINATE_TIMEOUT_MS);
      vici_message_add_kv_str (msg, "force", "no");
      vici_message_add_kv_str (msg, "loglevel", "-1");
    }
  vici_client_request_async (op->s->client, command, msg, NULL, on_down_answer, op);
}

static void
on_down_client (GObject *source, GAsyncResult *result, gpointer user_data)
{
  DownOp *op = user_data;
  g_autoptr (GError) error = NULL;

  op->s->client = vici_client_new_finish (result, &error);
  if (!op->s->client)
    l2tp_log_warn ("ipsec: cannot reach charon to go down: %s", error->message);
  down_run (op);
}

/* An initiate that was cancelled still holds its VICI connection until
 * charon answers it: against a server that rejects us (a wrong PSK) that
 * is after all of charon's retransmits, minutes. The way down takes a
 * connection of its own; its terminate ends the initiate too. */
static gboolean
down_reconnect (DownOp *op)
{
  IpsecSession *s = op->s;

  if (op->reconnected || s->up_step != UP_INITIATE || !s->charon || !s->client)
    return FALSE;
  op->reconnected = TRUE;
  g_signal_handlers_disconnect_by_data (s->client, s);
  vici_client_close (s->client);
  g_clear_object (&s->client);
  vici_client_new_async (l2tp_charon_use_get_socket (s->charon), NULL, on_down_client,
                         op);
  return TRUE;
}

static gboolean
carries_ours (DownOp *op)
{
  for (guint i = 0; i < op->uses->len; i++)
    if (g_array_index (op->uses, L2tpViciIkeUse, i).carries_ours)
      return TRUE;
  return FALSE;
}

/* The next IKE SA of ours to delete; FALSE when there is none left. */
static gboolean
terminate_next_ike (DownOp *op)
{
  if (!op->listed)
    {
      /* Unknown: what is named ours, as before there was a list. */
      if (op->next_use++ > 0)
        return FALSE;
      op->deleted_ike = TRUE;
      down_request (op, "terminate", "ike", op->s->ctx->name);
      return TRUE;
    }
  while (op->next_use < op->uses->len)
    {
      const L2tpViciIkeUse *use
          = &g_array_index (op->uses, L2tpViciIkeUse, op->next_use++);

      if (!l2tp_vici_ike_use_deletable (use))
        {
          l2tp_log_info ("ipsec: keeping IKE SA #%s: it carries %u CHILD_SA(s) of others",
                         use->ike_id, use->others);
          continue;
        }
      op->deleted_ike = TRUE;
      down_request (op, "terminate", "ike-id", use->ike_id);
      return TRUE;
    }
  return FALSE;
}

static void
down_run (DownOp *op)
{
  IpsecSession *s = op->s;
  gboolean connected = s->client && !vici_client_is_closed (s->client);

  switch (op->step)
    {
    case DOWN_LIST_REGISTER:
      if (connected && down_reconnect (op))
        return;
      connected = s->client && !vici_client_is_closed (s->client);
      if (!connected)
        {
          op->step = DOWN_UNLOAD_CONN;
          down_run (op);
          return;
        }
      op->list_handler
          = g_signal_connect (s->client, "event::list-sa", G_CALLBACK (on_list_sa), op);
      vici_client_register_event_async (s->client, "list-sa", NULL, on_list_registered,
                                        op);
      return;
    case DOWN_LIST:
      if (connected)
        {
          down_request (op, "list-sas", "noblock", "yes");
          return;
        }
      next_step (op);
      return;
    case DOWN_TERMINATE_CHILD:
      if (connected && (!op->listed || carries_ours (op)))
        {
          down_request (op, "terminate", "child", s->ctx->name);
          return;
        }
      next_step (op);
      return;
    case DOWN_TERMINATE_IKE:
      if (connected && terminate_next_ike (op))
        return;
      next_step (op);
      return;
    case DOWN_UNLOAD_CONN:
      if (connected)
        {
          down_request (op, "unload-conn", "name", s->ctx->name);
          return;
        }
      next_step (op);
      return;
    case DOWN_UNLOAD_SHARED:
      if (connected && !l2tp_config_machine_tls (s->cfg))
        {
          down_request (op, "unload-shared", "id", s->ctx->name);
          return;
        }
      next_step (op);
      return;
    case DOWN_UNLOAD_KEY:
      if (connected && s->key_id)
        {
          g_autoptr (ViciMessage) msg = l2tp_private_key_unload_message (s->key_id);

          l2tp_log_info ("ipsec: unloading the machine key %s", s->key_id);
          vici_client_request_async (s->client, "unload-key", msg, NULL, on_down_answer,
                                     op);
          return;
        }
      next_step (op);
      return;
    case DOWN_CLOSE:
      if (s->client)
        {
          if (op->list_handler)
            g_signal_handler_disconnect (s->client, op->list_handler);
          op->list_handler = 0;
          g_signal_handlers_disconnect_by_data (s->client, s);
          vici_client_close (s->client);
          g_clear_object (&s->client);
        }
      next_step (op);
      return;
    case DOWN_SETTLE:
      if (op->deleted_ike && s->charon && l2tp_charon_use_is_private (s->charon))
        {
          op->settle_id = g_timeout_add (SETTLE_MS, on_settled, op);
          return;
        }
      next_step (op);
      return;
    case DOWN_UNUSE:
      if (s->charon)
        {
          l2tp_charon_unuse_async (g_steal_pointer (&s->charon), on_unused, op);
          return;
        }
      next_step (op);
      return;
    case DOWN_DONE:
      l2tp_log_info ("ipsec: %s down", s->ctx->name);
      down_op_free (op);
      if (s->done)
        s->done (s->done_data);
      return;
    }
}

void
l2tp_strongswan_down_continue (IpsecSession *s)
{
  DownOp *op;

  if (s->up_pending || s->down_started)
    return;
  s->down_started = TRUE;
  op = g_new0 (DownOp, 1);
  op->s = s;
  op->uses = g_array_new (FALSE, TRUE, sizeof (L2tpViciIkeUse));
  g_array_set_clear_func (op->uses, l2tp_vici_ike_use_clear);
  op->step = DOWN_LIST_REGISTER;
  down_run (op);
}

void
l2tp_strongswan_session_down (IpsecSession *s, GDestroyNotify done, gpointer done_data)
{
  g_return_if_fail (!s->going_down);

  s->going_down = TRUE;
  s->is_up = FALSE;
  /* Our own terminate deletes what it watches. */
  g_clear_pointer (&s->xfrm, l2tp_xfrm_watch_free);
  s->done = done;
  s->done_data = done_data;
  /* A pending request completes with G_IO_ERROR_CANCELLED and continues here. */
  g_cancellable_cancel (s->cancellable);
  l2tp_strongswan_down_continue (s);
}
