/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec probe — sending the offers and matching the answers.
 *
 * One unbound-port UDP socket sends to the server's port 500 (and 4500,
 * with the 4-byte non-ESP marker of RFC 3948); answers come back to it from
 * either. Every offer has its own initiator cookie, which is how an answer
 * finds its offer; anything else is ignored. What the offers hold, one
 * transform or a group, comes from shared/ikev1-probe-groups.c, which every
 * answer (or silence) is reported to.
 *
 * Pacing: at most `window` offers are unanswered at a time. strongSwan's
 * charon counts, per client address, every Main Mode first message it has
 * queued but not yet processed plus every accepted one it keeps half-open,
 * and drops new ones silently from charon.block_threshold (5) on
 * (receiver.c, ike_sa_manager.c). So the window stays below that, and an
 * accepted offer is abandoned at once with an unprotected error Notify,
 * which makes charon drop the half-open SA while in Main Mode
 * (informational.c) instead of keeping it for its 30 s half-open timeout.
 * Until charon got to that Notify the SA still counts (and with groups,
 * acceptances are frequent): offers in flight and abandoned SAs together
 * stay within HALF_OPEN_BUDGET. An abandoned SA counts until an offer sent
 * after its Notify is answered, or the quickest round trip seen passed.
 *
 * Silence: an offer is sent again once after the retransmission timeout
 * and counts as unanswered after a second one. The timeout starts at 1 s
 * and follows the slowest answer seen (three times it, 250 ms to 3 s: an
 * early retransmission doubles a busy server's work, as a refused offer's
 * SA is gone and its copy is processed afresh). The whole probe ends after
 * 60 s whatever happens.
 * When nothing at all answered the first window's offers on either port,
 * the host is silent and the probe ends (within ~2 s). When a server that
 * did answer refusals stops answering for a whole window, it ends too: the
 * server limits us (half-open SAs, rate); the report says after how many
 * accepted offers.
 */
#include "src/ipsec/probe-engine.h"

#include <string.h>
#include <sys/random.h>

#include "shared/ikev1-probe-groups.h"
#include "shared/ikev1-probe-packet.h"
#include "shared/ikev1-probe-plan.h"

#define INITIAL_RTO_US (1000 * 1000)
#define MIN_RTO_US     (250 * 1000)
#define MAX_RTO_US     (3000 * 1000)
#define TIME_LIMIT_S   60
#define MAX_TRIES      2
#define MAX_DATAGRAM   4096
/* Below charon.block_threshold (5) half-open SAs per client. */
#define HALF_OPEN_BUDGET 4

struct _ProbeEngine
{
  GSocket *socket;
  GInetAddress *address;
  GSocketAddress *to[2]; /* 500, 4500 */
  guint window;

  GArray *plan; /* L2tpProposal */
  L2tpProbeGroups *groups;
  GPtrArray *probes;     /* Probe*, in the order sent */
  GHashTable *by_cookie; /* guint64 -> Probe* */
  Probe *natt_check[2];

  guint16 scan_port;
  guint in_flight;
  guint natt_done;
  guint silent_in_a_row;
  guint scan_silent;
  guint accepted;
  gboolean answered[2];
  gboolean refusals_answered;
  gint64 rto_us;
  gint64 max_rtt_us;
  gint64 min_rtt_us;
  GArray *abandoned; /* gint64: when the Notify of an SA maybe still half-open went */

  GPtrArray *vendor_ids;
  gint64 start_us;
  gint64 end_us;
  guint accepted_before_stop;

  GMainLoop *loop;
  GSource *io;
  GSource *timer;
  GSource *limit;
  gboolean over;
  ProbeEnd end;

  ProbeProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify on_done; /* probe_engine_start's */
  gpointer on_done_data;
};

static guint
port_slot (guint16 port)
{
  return port == 4500 ? 1 : 0;
}

static void
probe_free (Probe *p)
{
  g_clear_pointer (&p->offered, g_array_unref);
  g_clear_pointer (&p->packet, g_bytes_unref);
  g_free (p->error);
  g_free (p);
}

static guint64
cookie_key (const guint8 *cookie)
{
  guint64 k;

  memcpy (&k, cookie, sizeof k);
  return k;
}

/* A fresh random cookie, unique in this run. */
static void
new_cookie (ProbeEngine *e, Probe *p)
{
  do
    {
      if (getrandom (p->cookie, sizeof p->cookie, 0) != sizeof p->cookie)
        for (guint i = 0; i < sizeof p->cookie; i++)
          p->cookie[i] = g_random_int_range (0, 256);
    }
  while (cookie_key (p->cookie) == 0
         || g_hash_table_contains (e->by_cookie, &(guint64){ cookie_key (p->cookie) }));
  g_clear_pointer (&p->packet, g_bytes_unref);
  {
    guint64 *key = g_new (guint64, 1);

    *key = cookie_key (p->cookie);
    g_hash_table_insert (e->by_cookie, key, p);
  }
}

static Probe *
probe_new (ProbeEngine *e, ProbeKind kind, const L2tpProposal *transforms, guint n,
           guint16 port)
{
  Probe *p = g_new0 (Probe, 1);

  p->kind = kind;
  p->offered = g_array_sized_new (FALSE, FALSE, sizeof (L2tpProposal), n);
  g_array_append_vals (p->offered, transforms, n);
  p->transform = transforms[0];
  p->port = port;
  p->rtt_us = -1;
  new_cookie (e, p);
  g_ptr_array_add (e->probes, p);
  return p;
}

/* The probe for an offer of the groups. */
static Probe *
probe_for_offer (ProbeEngine *e, const L2tpProbeOffer *o)
{
  L2tpProposal t[L2TP_IKEV1_PROBE_MAX_TRANSFORMS];
  Probe *p;

  g_assert (o->n >= 1 && o->n <= G_N_ELEMENTS (t));
  for (guint i = 0; i < o->n; i++)
    t[i] = g_array_index (e->plan, L2tpProposal, o->indices[i]);
  p = probe_new (e, o->confirmation ? PROBE_KIND_CONFIRMATION : PROBE_KIND_SCAN, t, o->n,
                 e->scan_port);
  p->offer_id = o->id;
  return p;
}

ProbeEngine *
probe_engine_new (GInetAddress *address, guint window, GError **error)
{
  g_autoptr (ProbeEngine) e = g_new0 (ProbeEngine, 1);
  g_autoptr (GInetAddress) any = NULL;
  g_autoptr (GSocketAddress) local = NULL;
  GSocketFamily family = g_inet_address_get_family (address);

  e->address = g_object_ref (address);
  e->window = CLAMP (window, 1, 64);
  e->rto_us = INITIAL_RTO_US;
  e->scan_port = 500;
  e->plan = l2tp_ikev1_probe_plan_new ();
  e->groups = l2tp_probe_groups_new (e->plan->len, L2TP_IKEV1_PROBE_MAX_TRANSFORMS);
  e->probes = g_ptr_array_new_with_free_func ((GDestroyNotify) probe_free);
  e->by_cookie = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  e->vendor_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  e->abandoned = g_array_new (FALSE, FALSE, sizeof (gint64));
  e->to[0] = g_inet_socket_address_new (address, 500);
  e->to[1] = g_inet_socket_address_new (address, 4500);

  e->socket = g_socket_new (family, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, error);
  if (!e->socket)
    return NULL;
  g_socket_set_blocking (e->socket, FALSE);
  any = g_inet_address_new_any (family);
  local = g_inet_socket_address_new (any, 0);
  if (!g_socket_bind (e->socket, local, FALSE, error))
    return NULL;

  e->natt_check[0] = probe_new (e, PROBE_KIND_NATT_CHECK,
                                &g_array_index (e->plan, L2tpProposal, 0), 1, 4500);
  return g_steal_pointer (&e);
}

void
probe_engine_free (ProbeEngine *e)
{
  if (!e)
    return;
  if (e->io)
    g_source_destroy (e->io);
  if (e->timer)
    g_source_destroy (e->timer);
  if (e->limit)
    g_source_destroy (e->limit);
  g_clear_pointer (&e->io, g_source_unref);
  g_clear_pointer (&e->timer, g_source_unref);
  g_clear_pointer (&e->limit, g_source_unref);
  g_clear_pointer (&e->loop, g_main_loop_unref);
  if (e->socket)
    g_socket_close (e->socket, NULL);
  g_clear_object (&e->socket);
  g_clear_object (&e->address);
  g_clear_object (&e->to[0]);
  g_clear_object (&e->to[1]);
  g_clear_pointer (&e->probes, g_ptr_array_unref);
  g_clear_pointer (&e->groups, l2tp_probe_groups_free);
  g_clear_pointer (&e->plan, g_array_unref);
  g_clear_pointer (&e->by_cookie, g_hash_table_unref);
  g_clear_pointer (&e->vendor_ids, g_ptr_array_unref);
  g_clear_pointer (&e->abandoned, g_array_unref);
  g_free (e);
}

void
probe_engine_set_progress (ProbeEngine *e, ProbeProgressFunc func, gpointer user_data)
{
  e->progress = func;
  e->progress_data = user_data;
}

static gboolean
send_datagram (ProbeEngine *e, guint16 port, GBytes *packet)
{
  g_autoptr (GError) error = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (packet, &len);
  g_autofree guint8 *framed = NULL;

  if (port == 4500)
    {
      /* RFC 3948: four zero bytes tell IKE from ESP on port 4500. */
      framed = g_malloc0 (len + 4);
      memcpy (framed + 4, data, len);
      data = framed;
      len += 4;
    }
  if (g_socket_send_to (e->socket, e->to[port_slot (port)], (const char *) data, len,
                        NULL, &error)
      < 0)
    {
      g_debug ("send to port %u: %s", port, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
send_probe (ProbeEngine *e, Probe *p)
{
  if (!p->packet)
    {
      g_autoptr (GError) error = NULL;

      p->packet = l2tp_ikev1_probe_build (
          p->cookie, (const L2tpProposal *) p->offered->data, p->offered->len, 0, &error);
      g_assert_no_error (error); /* the plan holds only what IKEv1 can say */
    }
  if (p->state != PROBE_SENT)
    e->in_flight++;
  p->state = PROBE_SENT;
  p->tries++;
  p->sent_us = g_get_monotonic_time ();
  /* A failed send is silence to the retransmission logic. */
  send_datagram (e, p->port, p->packet);
}

static void finish (ProbeEngine *e, ProbeEnd end);
static void reschedule (ProbeEngine *e);

static gboolean
is_scan (const Probe *p)
{
  return p->kind != PROBE_KIND_NATT_CHECK;
}

static void
probe_ended (ProbeEngine *e, Probe *p, ProbeState state)
{
  gboolean was_sent = p->state == PROBE_SENT;
  guint n_natt = e->natt_check[1] ? 2 : 1;

  p->state = state;
  if (was_sent)
    e->in_flight--;
  if (!is_scan (p))
    e->natt_done++;
  if (e->progress)
    e->progress (p, l2tp_probe_groups_count_decided (e->groups) + e->natt_done,
                 e->plan->len + n_natt, e->progress_data);
}

/* The first transform accepted on port 500, alone or from a group. */
static Probe *
first_accepted (ProbeEngine *e)
{
  for (guint i = 0; i < e->probes->len; i++)
    {
      Probe *p = e->probes->pdata[i];

      if (is_scan (p) && p->port == 500 && p->state == PROBE_ACCEPTED)
        return p;
    }
  return NULL;
}

/* The offer of @p got no answer on 500 while the scan is on 4500 now. */
static void
offer_again (ProbeEngine *e, Probe *p)
{
  if (l2tp_probe_groups_offer_again (e->groups, p->offer_id))
    p->again = TRUE;
}

/* Port 500 silent for a whole window while 4500 answers: scan on 4500.
 * The offers sent in vain stay in the results as unanswered on 500. */
static void
switch_scan_to_4500 (ProbeEngine *e)
{
  e->scan_port = 4500;
  for (guint i = 0; i < e->probes->len; i++)
    {
      Probe *p = e->probes->pdata[i];

      if (is_scan (p) && p->state == PROBE_SILENT)
        offer_again (e, p);
    }
  e->scan_silent = 0;
  e->silent_in_a_row = 0;
}

/* How long an abandoned SA may still count on the server. */
static gint64
abandon_hold_us (ProbeEngine *e)
{
  return e->min_rtt_us > 0 ? e->min_rtt_us : MIN_RTO_US;
}

/* Forgets abandoned SAs whose Notify came before @sent_us (an answer to
 * an offer sent then came), or older than the hold. */
static void
forget_abandoned (ProbeEngine *e, gint64 sent_us)
{
  gint64 old = g_get_monotonic_time () - abandon_hold_us (e);

  for (guint i = e->abandoned->len; i-- > 0;)
    {
      gint64 at = g_array_index (e->abandoned, gint64, i);

      if (at < sent_us || at <= old)
        g_array_remove_index_fast (e->abandoned, i);
    }
}

/* Room for one more offer: the window, and the server's half-open limit. */
static gboolean
room (ProbeEngine *e)
{
  return e->in_flight < e->window
         && e->in_flight + e->abandoned->len < MAX (e->window, HALF_OPEN_BUDGET);
}

/* Decides what comes next after any event. */
static void
advance (ProbeEngine *e)
{
  gboolean any_answer = e->answered[0] || e->answered[1];
  guint n_groups = l2tp_probe_groups_count_groups (e->groups);
  const L2tpProbeOffer *o;
  Probe *p;

  if (e->over)
    return;

  /* The NAT-T check takes a place in the first window too. */
  if (!any_answer && e->natt_check[0]->state == PROBE_SILENT
      && e->scan_silent + 1 >= MIN (e->window, n_groups + 1))
    {
      finish (e, PROBE_END_NO_ANSWER);
      return;
    }
  if (e->scan_port == 500 && !e->answered[0] && e->answered[1]
      && e->scan_silent >= MIN (e->window, n_groups))
    switch_scan_to_4500 (e);
  if (e->refusals_answered && e->silent_in_a_row >= MAX (e->window, 3))
    {
      e->accepted_before_stop = e->accepted;
      finish (e, PROBE_END_STOPPED);
      return;
    }

  if (e->natt_check[0]->state == PROBE_WAITING)
    send_probe (e, e->natt_check[0]);
  forget_abandoned (e, G_MININT64);
  while (room (e) && (o = l2tp_probe_groups_next (e->groups)))
    send_probe (e, probe_for_offer (e, o));

  if (e->in_flight > 0 || !l2tp_probe_groups_finished (e->groups))
    {
      reschedule (e);
      return;
    }
  /* Nothing awaited and nothing to offer: the scan is over. A NAT-T check
   * that got silence is repeated with a transform the server accepted, in
   * case it only ignores refusals. */
  if (!e->answered[1] && !e->natt_check[1] && (p = first_accepted (e))
      && memcmp (&p->transform, &e->natt_check[0]->transform, sizeof p->transform) != 0)
    {
      e->natt_check[1] = probe_new (e, PROBE_KIND_NATT_CHECK, &p->transform, 1, 4500);
      send_probe (e, e->natt_check[1]);
      reschedule (e);
      return;
    }
  finish (e, PROBE_END_DONE);
}

static gboolean
on_timer (gpointer user_data)
{
  ProbeEngine *e = user_data;
  gint64 now = g_get_monotonic_time ();

  g_clear_pointer (&e->timer, g_source_unref);
  for (guint i = 0; i < e->probes->len; i++)
    {
      Probe *p = e->probes->pdata[i];

      if (p->state != PROBE_SENT || now < p->sent_us + e->rto_us)
        continue;
      if (p->tries < MAX_TRIES)
        {
          send_probe (e, p);
          continue;
        }
      if (is_scan (p))
        {
          l2tp_probe_groups_unanswered (e->groups, p->offer_id);
          e->scan_silent++;
          e->silent_in_a_row++;
        }
      probe_ended (e, p, PROBE_SILENT);
      if (is_scan (p) && p->port != e->scan_port)
        offer_again (e, p);
    }
  advance (e);
  return G_SOURCE_REMOVE;
}

static void
reschedule (ProbeEngine *e)
{
  gint64 next = G_MAXINT64, now = g_get_monotonic_time ();

  for (guint i = 0; i < e->probes->len; i++)
    {
      Probe *p = e->probes->pdata[i];

      if (p->state == PROBE_SENT)
        next = MIN (next, p->sent_us + e->rto_us);
    }
  /* Offers waiting for abandoned SAs to go. */
  for (guint i = 0; i < e->abandoned->len; i++)
    next = MIN (next, g_array_index (e->abandoned, gint64, i) + abandon_hold_us (e));
  if (e->timer)
    {
      g_source_destroy (e->timer);
      g_clear_pointer (&e->timer, g_source_unref);
    }
  if (next == G_MAXINT64)
    return;
  e->timer = g_timeout_source_new (next > now ? (guint) ((next - now + 999) / 1000) : 0);
  g_source_set_callback (e->timer, on_timer, e, NULL);
  g_source_attach (e->timer, g_main_loop_get_context (e->loop));
}

static void
add_vendor_ids (ProbeEngine *e, GPtrArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < e->vendor_ids->len && !seen; j++)
        seen = g_bytes_equal (ids->pdata[i], e->vendor_ids->pdata[j]);
      if (!seen)
        g_ptr_array_add (e->vendor_ids, g_bytes_ref (ids->pdata[i]));
    }
}

/* The server keeps an accepted offer half-open; tell it we are done. */
static void
abandon (ProbeEngine *e, Probe *p, const guint8 *responder_cookie)
{
  g_autoptr (GBytes) notify = NULL;
  guint32 message_id = 0;

  while (message_id == 0)
    if (getrandom (&message_id, sizeof message_id, 0) != sizeof message_id)
      message_id = g_random_int ();
  notify = l2tp_ikev1_probe_build_notify (p->cookie, responder_cookie, message_id,
                                          L2TP_IKEV1_NOTIFY_PROBE_DONE);
  send_datagram (e, p->port, notify);
  {
    gint64 now = g_get_monotonic_time ();

    g_array_append_val (e->abandoned, now);
  }
}

/* An answer that cannot be used: for the groups, one that says nothing
 * sure about each transform offered. */
static void
answer_unreadable (ProbeEngine *e, Probe *p, const char *message)
{
  p->error = g_strdup (message);
  if (is_scan (p))
    l2tp_probe_groups_unreadable (e->groups, p->offer_id);
  probe_ended (e, p, PROBE_MALFORMED);
}

static void
handle_answer (ProbeEngine *e, Probe *p, const L2tpIkev1Answer *answer)
{
  g_autoptr (GError) error = NULL;

  add_vendor_ids (e, answer->vendor_ids);
  if (answer->kind == L2TP_IKEV1_ANSWER_NOTIFY)
    {
      p->notify_type = answer->notify_type;
      e->refusals_answered = TRUE;
      if (is_scan (p))
        l2tp_probe_groups_refused (e->groups, p->offer_id, answer->notify_type);
      probe_ended (e, p, PROBE_REFUSED);
      return;
    }
  abandon (e, p, answer->responder_cookie);
  if (is_scan (p)
      && !l2tp_probe_groups_accepted (e->groups, p->offer_id, answer->chosen, &error))
    {
      /* The groups count it as unreadable already. */
      p->error
          = g_strdup (error ? error->message : "an answer to an offer already answered");
      probe_ended (e, p, PROBE_MALFORMED);
      return;
    }
  p->transform = g_array_index (p->offered, L2tpProposal, answer->chosen);
  e->accepted++;
  probe_ended (e, p, PROBE_ACCEPTED);
}

static void
handle_datagram (ProbeEngine *e, const guint8 *data, gsize len, guint16 from_port)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpIkev1Answer) answer = NULL;
  guint8 cookie[8], responder[8];
  guint64 key;
  Probe *p;
  gint64 now = g_get_monotonic_time ();

  if (from_port == 4500)
    {
      /* IKE on 4500 follows the non-ESP marker; anything else is ESP or a
       * keepalive, never an answer. */
      if (len < 4 || memcmp (data, "\0\0\0\0", 4) != 0)
        return;
      data += 4;
      len -= 4;
    }
  if (!l2tp_ikev1_probe_peek_cookie (data, len, cookie))
    return;
  key = cookie_key (cookie);
  p = g_hash_table_lookup (e->by_cookie, &key);
  if (!p || p->port != from_port)
    return;
  answer = l2tp_ikev1_probe_parse (data, len, p->cookie,
                                   (const L2tpProposal *) p->offered->data,
                                   p->offered->len, &error);
  if (!answer
      && g_error_matches (error, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_NOT_OURS))
    return;
  /* A Main Mode reply we cannot use (unreadable, or choosing what we did
   * not offer) left a half-open SA on the server too. */
  if (!answer && l2tp_ikev1_probe_peek_responder (data, len, responder))
    abandon (e, p, responder);
  /* A late answer to an offer already counted silent still counts, unless
   * its transforms went out again on the other port. */
  if ((p->state != PROBE_SENT && p->state != PROBE_SILENT) || p->again)
    {
      if (answer && answer->kind == L2TP_IKEV1_ANSWER_ACCEPTED)
        abandon (e, p, answer->responder_cookie);
      return;
    }
  if (p->state == PROBE_SILENT)
    {
      if (is_scan (p))
        e->scan_silent--;
      else
        e->natt_done--;
    }
  else if (p->tries == 1)
    {
      p->rtt_us = now - p->sent_us;
      e->max_rtt_us = MAX (e->max_rtt_us, p->rtt_us);
      e->min_rtt_us = e->min_rtt_us ? MIN (e->min_rtt_us, p->rtt_us) : MAX (p->rtt_us, 1);
      e->rto_us = CLAMP (3 * e->max_rtt_us, MIN_RTO_US, MAX_RTO_US);
    }
  e->answered[port_slot (from_port)] = TRUE;
  if (is_scan (p))
    e->silent_in_a_row = 0;
  /* The server got to this offer: to the Notifies sent before it too. */
  forget_abandoned (e, p->sent_us);

  if (!answer)
    answer_unreadable (e, p, error->message);
  else
    handle_answer (e, p, answer);
}

static gboolean
on_readable (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  ProbeEngine *e = user_data;
  guint8 buf[MAX_DATAGRAM];

  for (guint n = 0; n < 256; n++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSocketAddress) from = NULL;
      gssize len;
      GInetAddress *addr;

      len = g_socket_receive_from (socket, &from, (char *) buf, sizeof buf, NULL, &error);
      if (len < 0)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            g_debug ("receive: %s", error->message);
          break;
        }
      if (!G_IS_INET_SOCKET_ADDRESS (from))
        continue;
      addr = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (from));
      if (!g_inet_address_equal (addr, e->address))
        continue;
      handle_datagram (e, buf, len,
                       g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (from)));
    }
  advance (e);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_time_limit (gpointer user_data)
{
  ProbeEngine *e = user_data;

  finish (e, PROBE_END_TIME_LIMIT);
  return G_SOURCE_REMOVE;
}

static void
finish (ProbeEngine *e, ProbeEnd end)
{
  if (e->over)
    return;
  e->over = TRUE;
  e->end = end;
  e->end_us = g_get_monotonic_time ();
  l2tp_probe_groups_stop (e->groups);
  for (guint i = 0; i < e->probes->len; i++)
    {
      Probe *p = e->probes->pdata[i];

      if (p->state == PROBE_SENT)
        {
          if (is_scan (p))
            l2tp_probe_groups_unanswered (e->groups, p->offer_id);
          p->state = PROBE_SILENT;
          e->in_flight--;
        }
      else if (p->state == PROBE_WAITING)
        p->state = PROBE_SKIPPED;
    }
  if (e->loop)
    g_main_loop_quit (e->loop);
  if (e->on_done)
    e->on_done (e->on_done_data);
}

void
probe_engine_start (ProbeEngine *e, GDestroyNotify done, gpointer done_data)
{
  GMainContext *context = g_main_context_get_thread_default ();

  g_return_if_fail (!e->io);
  e->on_done = done;
  e->on_done_data = done_data;
  e->io = g_socket_create_source (e->socket, G_IO_IN, NULL);
  g_source_set_callback (e->io, (GSourceFunc) (void (*) (void)) on_readable, e, NULL);
  g_source_attach (e->io, context);
  e->limit = g_timeout_source_new_seconds (TIME_LIMIT_S);
  g_source_set_callback (e->limit, on_time_limit, e, NULL);
  g_source_attach (e->limit, context);

  e->start_us = g_get_monotonic_time ();
  advance (e);
}

ProbeEnd
probe_engine_run (ProbeEngine *e)
{
  g_return_val_if_fail (!e->loop && !e->io, PROBE_END_DONE);
  e->loop = g_main_loop_new (g_main_context_get_thread_default (), FALSE);
  probe_engine_start (e, NULL, NULL);
  if (!e->over)
    g_main_loop_run (e->loop);
  return e->end;
}

GPtrArray *
probe_engine_get_probes (ProbeEngine *e)
{
  return e->probes;
}

const GArray *
probe_engine_get_plan (ProbeEngine *e)
{
  return e->plan;
}

L2tpTransformVerdict
probe_engine_get_verdict (ProbeEngine *e, guint index)
{
  return l2tp_probe_groups_get_verdict (e->groups, index);
}

GArray *
probe_engine_get_accepted (ProbeEngine *e)
{
  GArray *accepted = g_array_new (FALSE, FALSE, sizeof (L2tpProposal));

  for (guint i = 0; i < e->plan->len; i++)
    if (l2tp_probe_groups_get_verdict (e->groups, i) == L2TP_VERDICT_ACCEPTED)
      g_array_append_val (accepted, g_array_index (e->plan, L2tpProposal, i));
  return accepted;
}

gboolean
probe_engine_answered_on (ProbeEngine *e, guint16 port)
{
  return e->answered[port_slot (port)];
}

GPtrArray *
probe_engine_get_vendor_ids (ProbeEngine *e)
{
  return e->vendor_ids;
}

guint
probe_engine_get_accepted_before_stop (ProbeEngine *e)
{
  return e->accepted_before_stop;
}

gint64
probe_engine_get_elapsed_us (ProbeEngine *e)
{
  return (e->end_us ? e->end_us : g_get_monotonic_time ()) - e->start_us;
}
