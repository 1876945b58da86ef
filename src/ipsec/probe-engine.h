/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The IKEv1 Main Mode prober (nm-l2tp-ipsec probe, and the service when
 * every Phase 1 round was refused) — the network side: one UDP socket on an
 * ephemeral port, the plan's transforms in groups of first Main Mode
 * messages as shared/ikev1-probe-groups.c decides (each message with its
 * own cookie), several in flight, one retransmission on silence. Runs on
 * the thread-default main context; no threads, no sleeps. */
#ifndef L2TP_PROBE_ENGINE_H
#define L2TP_PROBE_ENGINE_H

#include <gio/gio.h>

#include "shared/ikev1-probe-groups.h"
#include "shared/proposals.h"

G_BEGIN_DECLS

typedef enum
{
  PROBE_WAITING,   /* not sent yet */
  PROBE_SENT,      /* on the wire, no answer yet */
  PROBE_ACCEPTED,  /* the server chose the transform */
  PROBE_REFUSED,   /* an Informational with a Notify */
  PROBE_MALFORMED, /* an answer we could not read */
  PROBE_SILENT,    /* no answer to the offer and its retransmission */
  PROBE_SKIPPED,   /* never sent: the probe stopped first */
} ProbeState;

typedef enum
{
  PROBE_KIND_SCAN,         /* transforms of the plan, one or a group */
  PROBE_KIND_CONFIRMATION, /* one transform the server chose from a group */
  PROBE_KIND_NATT_CHECK,   /* one transform to UDP 4500 */
} ProbeKind;

/* One first Main Mode message (an offer) and its answer. */
typedef struct
{
  ProbeKind kind;
  GArray *offered; /* L2tpProposal, in the order sent (the plan's) */
  /* ACCEPTED: the transform the server chose; otherwise the first offered */
  L2tpProposal transform;
  guint16 port; /* 500, or 4500 with the non-ESP marker */
  ProbeState state;
  guint16 notify_type; /* REFUSED */
  char *error;         /* MALFORMED */
  guint tries;
  gint64 rtt_us; /* answer time of the offer answered, -1 unknown */
  /* private */
  guint offer_id; /* SCAN, CONFIRMATION: the groups' offer */
  gboolean again; /* unanswered on 500, its transforms offered again on 4500 */
  guint8 cookie[8];
  gint64 sent_us;
  GBytes *packet;
} Probe;

typedef enum
{
  PROBE_END_DONE,       /* every transform got its verdict */
  PROBE_END_NO_ANSWER,  /* nothing answered on 500 or 4500 */
  PROBE_END_STOPPED,    /* answers, then silence: the server stopped */
  PROBE_END_TIME_LIMIT, /* the overall time limit ran out */
} ProbeEnd;

typedef struct _ProbeEngine ProbeEngine;

/* Called after every probe that ended (answered or silent). @done counts
 * the plan's transforms with a final verdict and the NAT-T checks that
 * ended, @total the plan's transforms and the NAT-T checks. */
typedef void (*ProbeProgressFunc) (const Probe *probe, guint done, guint total,
                                   gpointer user_data);

/* Offers unanswered at a time: measured in the lab against charon, 3 lost
 * none, 4 and more lost offers (its half-open limit counts queued ones). */
#define PROBE_ENGINE_DEFAULT_WINDOW 3

ProbeEngine *probe_engine_new (GInetAddress *address, guint window, GError **error);
void probe_engine_free (ProbeEngine *engine);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProbeEngine, probe_engine_free)

void probe_engine_set_progress (ProbeEngine *engine, ProbeProgressFunc func,
                                gpointer user_data);

/* Runs every probe; returns when it is over (a main loop of its own: for
 * the command-line tool). */
ProbeEnd probe_engine_run (ProbeEngine *engine);
/* The same on the caller's main loop (the service): done runs once it is
 * over. Freeing the engine before stops it, and done never runs. */
void probe_engine_start (ProbeEngine *engine, GDestroyNotify done, gpointer done_data);

/* Results. Every offer sent, in the order sent. */
GPtrArray *probe_engine_get_probes (ProbeEngine *engine);
/* The plan's transforms (L2tpProposal) and what became of each. */
const GArray *probe_engine_get_plan (ProbeEngine *engine);
L2tpTransformVerdict probe_engine_get_verdict (ProbeEngine *engine, guint index);
/* The accepted transforms: each accepted in an offer of its own, in plan
 * order; a new array of L2tpProposal. */
GArray *probe_engine_get_accepted (ProbeEngine *engine);
gboolean probe_engine_answered_on (ProbeEngine *engine, guint16 port);
/* Vendor IDs the server sent, each once, in the order first seen (GBytes). */
GPtrArray *probe_engine_get_vendor_ids (ProbeEngine *engine);
/* How many offers had been accepted when the server stopped answering. */
guint probe_engine_get_accepted_before_stop (ProbeEngine *engine);
gint64 probe_engine_get_elapsed_us (ProbeEngine *engine);

G_END_DECLS

#endif /* L2TP_PROBE_ENGINE_H */
