/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec probe — sending the offers and matching the answers.
 *
 * One unbound-port UDP socket sends to the server's port 500 (and 4500,
 * with the 4-byte non-ESP marker of RFC 3948); answers come back to it from
 * either. Every offer has its own initiator cookie, which is how an answer
 * finds its offer; anything else is ignored.
 *
 * Pacing: at most `window` offers are unanswered at a time. strongSwan's
 * charon counts, per client address, every Main Mode first message it has
 * queued but not yet processed plus every accepted one it keeps half-open,
 * and drops new ones silently from charon.block_threshold (5) on
 * (receiver.c, ike_sa_manager.c). So the window stays below that, and an
 * accepted offer is abandoned at once with an unprotected error Notify,
 * which makes charon drop the half-open SA while in Main Mode
 * (informational.c) instead of keeping it for its 30 s half-open timeout.
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
#include "probe-engine.h"

#include <string.h>
#include <sys/random.h>

#include "shared/ikev1-probe-packet.h"
#include "shared/ikev1-probe-plan.h"

#define INITIAL_RTO_US (1000 * 1000)
#define MIN_RTO_US     (250 * 1000)
#define MAX_RTO_US     (3000 * 1000)
#define TIME_LIMIT_S   60
#define MAX_TRIES      2
#define MAX_DATAGRAM   4096

struct _ProbeEngine
{
  GSocket *socket;
  GInetAddress *address;
  GSocketAddress *to[2]; /* 500, 4500 */
  guint window;

  GPtrArray *probes; /* Probe*, the scan in plan order, then the NAT-T checks */
  guint n_scan;
  guint next_waiting;
  GHashTable *by_cookie; /* guint64 -> Probe* */
  Probe *natt_check[2];

  guint16 scan_port;
  guint in_flight;
  guint done;
  guint silent_in_a_row;
  guint scan_silent;
  guint accepted;
  gboolean answered[2];
  gboolean refusals_answered;
  gint64 rto_us;
  gint64 max_rtt_us;

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
};

static guint
port_slot (guint16 port)
{
  return port == 4500 ? 1 : 0;
}

static void
probe_free (Probe *p)
{
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
probe_new (ProbeEngine *e, const L2tpProposal *t, guint index, guint16 port)
{
  Probe *p = g_new0 (Probe, 1);

  p->transform = *t;
  p->index = index;
  p->port = port;
  p->rtt_us = -1;
  new_cookie (e, p);
  return p;
}

ProbeEngine *
probe_engine_new (GInetAddress *address, guint window, GError **error)
{
  g_autoptr (ProbeEngine) e = g_new0 (ProbeEngine, 1);
  g_autoptr (GArray) plan = l2tp_ikev1_probe_plan_new ();
  g_autoptr (GInetAddress) any = NULL;
  g_autoptr (GSocketAddress) local = NULL;
  GSocketFamily family = g_inet_address_get_family (address);

  e->address = g_object_ref (address);
  e->window = CLAMP (window, 1, 64);
  e->rto_us = INITIAL_RTO_US;
  e->scan_port = 500;
  e->probes = g_ptr_array_new_with_free_func ((GDestroyNotify) probe_free);
  e->by_cookie = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  e->vendor_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
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

  for (guint i = 0; i < plan->len; i++)
    g_ptr_array_add (e->probes,
                     probe_new (e, &g_array_index (plan, L2tpProposal, i), i, 500));
  e->n_scan = e->probes->len;
  e->natt_check[0]
      = probe_new (e, &g_array_index (plan, L2tpProposal, 0), G_MAXUINT, 4500);
  g_ptr_array_add (e->probes, e->natt_check[0]);
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
  g_clear_pointer (&e->by_cookie, g_hash_table_unref);
  g_clear_pointer (&e->vendor_ids, g_ptr_array_unref);
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

      p->packet = l2tp_ikev1_probe_build (p->cookie, &p->transform, 0, &error);
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

static void
probe_ended (ProbeEngine *e, Probe *p, ProbeState state)
{
  gboolean was_sent = p->state == PROBE_SENT;

  p->state = state;
  if (was_sent)
    e->in_flight--;
  e->done++;
  if (e->progress)
    e->progress (p, e->done, e->probes->len, e->progress_data);
}

static gboolean
is_scan (ProbeEngine *e, Probe *p)
{
  return p->index != G_MAXUINT;
}

static Probe *
first_accepted (ProbeEngine *e)
{
  for (guint i = 0; i < e->n_scan; i++)
    {
      Probe *p = e->probes->pdata[i];

      if (p->state == PROBE_ACCEPTED)
        return p;
    }
  return NULL;
}

/* Port 500 silent for a whole window while 4500 answers: scan on 4500. */
static void
switch_scan_to_4500 (ProbeEngine *e)
{
  e->scan_port = 4500;
  for (guint i = 0; i < e->n_scan; i++)
    {
      Probe *p = e->probes->pdata[i];

      if (p->state == PROBE_SILENT || p->state == PROBE_WAITING)
        {
          if (p->state == PROBE_SILENT)
            e->done--;
          p->state = PROBE_WAITING;
          p->tries = 0;
          p->port = 4500;
        }
    }
  e->next_waiting = 0;
  e->scan_silent = 0;
  e->silent_in_a_row = 0;
}

static Probe *
next_waiting (ProbeEngine *e)
{
  for (; e->next_waiting < e->n_scan; e->next_waiting++)
    {
      Probe *p = e->probes->pdata[e->next_waiting];

      if (p->state == PROBE_WAITING)
        return p;
    }
  return NULL;
}

/* Decides what comes next after any event. */
static void
advance (ProbeEngine *e)
{
  gboolean any_answer = e->answered[0] || e->answered[1];
  Probe *p;

  if (e->over)
    return;

  /* The NAT-T check takes a place in the first window too. */
  if (!any_answer && e->natt_check[0]->state == PROBE_SILENT
      && e->scan_silent + 1 >= MIN (e->window, e->n_scan + 1))
    {
      finish (e, PROBE_END_NO_ANSWER);
      return;
    }
  if (e->scan_port == 500 && !e->answered[0] && e->answered[1]
      && e->scan_silent >= MIN (e->window, e->n_scan))
    switch_scan_to_4500 (e);
  if (e->refusals_answered && e->silent_in_a_row >= MAX (e->window, 3))
    {
      e->accepted_before_stop = e->accepted;
      finish (e, PROBE_END_STOPPED);
      return;
    }

  if (e->natt_check[0]->state == PROBE_WAITING)
    send_probe (e, e->natt_check[0]);
  while (e->in_flight < e->window && (p = next_waiting (e)))
    {
      p->port = e->scan_port;
      send_probe (e, p);
    }

  if (e->in_flight > 0 || next_waiting (e))
    {
      reschedule (e);
      return;
    }
  /* The scan is over. A NAT-T check that got silence is repeated with a
   * transform the server accepted, in case it only ignores refusals. */
  if (!e->answered[1] && !e->natt_check[1] && (p = first_accepted (e)) && p->port == 500
      && memcmp (&p->transform, &e->natt_check[0]->transform, sizeof p->transform) != 0)
    {
      e->natt_check[1] = probe_new (e, &p->transform, G_MAXUINT, 4500);
      g_ptr_array_add (e->probes, e->natt_check[1]);
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
      probe_ended (e, p, PROBE_SILENT);
      if (is_scan (e, p))
        {
          e->scan_silent++;
          e->silent_in_a_row++;
        }
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
}

static void
handle_datagram (ProbeEngine *e, const guint8 *data, gsize len, guint16 from_port)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpIkev1Answer) answer = NULL;
  guint8 cookie[8];
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
  answer = l2tp_ikev1_probe_parse (data, len, p->cookie, &error);
  if (!answer
      && g_error_matches (error, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_NOT_OURS))
    return;
  /* A late answer to an offer already counted silent still counts. */
  if (p->state != PROBE_SENT && p->state != PROBE_SILENT)
    {
      if (answer && answer->kind == L2TP_IKEV1_ANSWER_ACCEPTED)
        abandon (e, p, answer->responder_cookie);
      return;
    }
  if (p->state == PROBE_SILENT)
    {
      e->done--;
      if (is_scan (e, p))
        e->scan_silent--;
    }
  else if (p->tries == 1)
    {
      p->rtt_us = now - p->sent_us;
      e->max_rtt_us = MAX (e->max_rtt_us, p->rtt_us);
      e->rto_us = CLAMP (3 * e->max_rtt_us, MIN_RTO_US, MAX_RTO_US);
    }
  e->answered[port_slot (from_port)] = TRUE;
  if (is_scan (e, p))
    e->silent_in_a_row = 0;

  if (!answer)
    {
      p->error = g_strdup (error->message);
      probe_ended (e, p, PROBE_MALFORMED);
      return;
    }
  add_vendor_ids (e, answer->vendor_ids);
  if (answer->kind == L2TP_IKEV1_ANSWER_NOTIFY)
    {
      p->notify_type = answer->notify_type;
      e->refusals_answered = TRUE;
      probe_ended (e, p, PROBE_REFUSED);
      return;
    }
  abandon (e, p, answer->responder_cookie);
  if (memcmp (&answer->accepted, &p->transform, sizeof p->transform) != 0)
    {
      p->error = g_strdup ("the server chose a transform that was not offered");
      probe_ended (e, p, PROBE_MALFORMED);
      return;
    }
  e->accepted++;
  probe_ended (e, p, PROBE_ACCEPTED);
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
  for (guint i = 0; i < e->probes->len; i++)
    {
      Probe *p = e->probes->pdata[i];

      if (p->state == PROBE_SENT)
        {
          p->state = PROBE_SILENT;
          e->in_flight--;
        }
      else if (p->state == PROBE_WAITING)
        p->state = PROBE_SKIPPED;
    }
  g_main_loop_quit (e->loop);
}

ProbeEnd
probe_engine_run (ProbeEngine *e)
{
  GMainContext *context = g_main_context_get_thread_default ();

  g_return_val_if_fail (!e->loop, PROBE_END_DONE);
  e->loop = g_main_loop_new (context, FALSE);
  e->io = g_socket_create_source (e->socket, G_IO_IN, NULL);
  g_source_set_callback (e->io, (GSourceFunc) (void (*) (void)) on_readable, e, NULL);
  g_source_attach (e->io, context);
  e->limit = g_timeout_source_new_seconds (TIME_LIMIT_S);
  g_source_set_callback (e->limit, on_time_limit, e, NULL);
  g_source_attach (e->limit, context);

  e->start_us = g_get_monotonic_time ();
  advance (e);
  if (!e->over)
    g_main_loop_run (e->loop);
  return e->end;
}

GPtrArray *
probe_engine_get_probes (ProbeEngine *e)
{
  return e->probes;
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
