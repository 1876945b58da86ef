/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One connection attempt's state, shared by the pipeline (connect.c) and
 * its layers' handlers (connect-ipsec.c, connect-ppp.c). Private to them. */
#pragma once

#include "shared/negotiation-plan.h"
#include "shared/render.h"
#include "src/common/failure.h"
#include "src/common/runtime-claim.h"
#include "src/ipsec/ipsec-backend.h"
#include "src/ipsec/probe-engine.h"
#include "src/l2tp/l2tp-port.h"
#include "src/l2tp/socket-watch.h"
#include "src/l2tp/xl2tpd.h"
#include "src/ppp/dhcp-inform-client.h"
#include "src/ppp/ppp-listener.h"
#include "src/service/connection-files.h"
#include "src/service/connect.h"

G_BEGIN_DECLS

typedef enum
{
  STEP_NONE,
  STEP_PREFLIGHT,
  STEP_IPSEC,
  STEP_L2TP,
  STEP_PPP,
  STEP_CONNECTED,
} Step;

struct _L2tpConnect
{
  L2tpConfig *cfg;
  L2tpConfig *secrets; /* newer secrets from NetworkManager, or NULL */
  char *uuid;
  char *bus_name;
  GDBusConnection *bus;
  gboolean never_default;
  char *runtime_root;
  GStrv file_users; /* NULL: a shared connection */
  L2tpConnectEvents events;
  gpointer user_data;

  char *id;
  char *name;
  L2tpRuntimeClaim *claim; /* this process's turn at the connection */
  const char *dir;         /* the claim's runtime directory */
  char *gateway_addr;
  char *local_addr;
  char *pppd_plugin;
  L2tpPort port;
  L2tpConnectionFiles *files; /* read in preflight; ctx points into it */
  char *ppp_copies[3];        /* pppd's copies of user-ca, -cert, -key */
  gboolean ppp_copies_written;
  L2tpRenderContext ctx;
  L2tpDiagnosis diag;

  Step step;
  guint begin_id;
  guint step_timer;
  GCancellable *cancellable;
  const IpsecBackend *backend;
  IpsecSession *ipsec;
  L2tpXl2tpd *xl2tpd;
  L2tpSocketWatch *socket_watch; /* another user's socket on our L2TP address:port */
  /* The cleartext guard (src/l2tp/cleartext-guard.h), IPsec connections only. */
  GCancellable *guard_cancellable; /* cancelled only when c is freed */
  gboolean guard;                  /* installed or being installed: removed last */
  gboolean guard_pending;          /* its install's nft still runs */
  gboolean guard_awaited;          /* the teardown's end waits for that install */
  gboolean l2tp_waits_guard;       /* the L2TP step starts once it is in */
  L2tpPppListener *ppp;
  GVariant *ip6_config;
  GVariant *ip4_sent;         /* the IPv4 configuration NetworkManager has */
  L2tpDhcpInformClient *dhcp; /* asking the server for its routes */
  L2tpPlan *plan;             /* what to offer, and next (negotiation-plan.h) */
  ProbeEngine *probe;         /* every Phase 1 round refused: what does it accept? */
  guint probe_idle;
  gboolean peer_wants_mppe; /* the server's CCP asked for MPPE in this PPP attempt */
  gboolean ppp_retrying;    /* L2TP ending before a new PPP attempt is under way */
  gboolean failed;
  gboolean stopping;

  /* Asking the person again (connect-reask.c) */
  gboolean interactive;      /* ConnectInteractive: NetworkManager may re-ask */
  const char *reasking;      /* the secret asked again, until NewSecrets */
  guint reasks;              /* how often, this attempt */
  GError *reask_failure;     /* the refusal, if the answer never comes */
  guint reask_idle;          /* the IPsec session's teardown, from the main loop */
  gboolean ipsec_restarting; /* that teardown runs: IPsec again with the new PSK */
};

/* connect.c */
void l2tp_connect_fail (L2tpConnect *c, const GError *error);
void l2tp_connect_fail_with (L2tpConnect *c, L2tpFailure failure, const char *a,
                             const char *b);
void l2tp_connect_step_enter (L2tpConnect *c, Step step);
/* The current step's whole time again (a new offer of the plan). */
void l2tp_connect_restart_step_timer (L2tpConnect *c);
/* Going down: the IPsec SAs, then xl2tpd and the files. */
void l2tp_connect_stop_ipsec (L2tpConnect *c);

/* The secrets to use now: NetworkManager's newest (NewSecrets) or the
 * connection's. The whole connection's config either way. */
L2tpConfig *l2tp_connect_secrets (L2tpConnect *c);

/* connect-ipsec.c: the IPsec step with the plan's offers. */
void l2tp_connect_ipsec_start (L2tpConnect *c);
/* Stopping or freed: a probe under way ends, its answer never comes. */
void l2tp_connect_ipsec_stop_probe (L2tpConnect *c);

/* connect-ppp.c: the pppd plugin's reports; PPP again inside the SAs. */
extern const L2tpPppEvents l2tp_connect_ppp_events;
/* PPP or L2TP ended before IPCP: TRUE when the plan starts PPP again (or
 * fails for a reason of its own); FALSE leaves the end to the caller. */
gboolean l2tp_connect_ppp_retry (L2tpConnect *c);
/* L2TP and PPP again inside the SAs (xl2tpd is gone). */
void l2tp_connect_ppp_again (L2tpConnect *c);

/* connect-reask.c: a refused password or PSK typed again (interactive).
 * Each TRUE when the person is being asked; the attempt goes on when
 * NewSecrets comes (l2tp_connect_reask_answered). */
gboolean l2tp_connect_reask_password (L2tpConnect *c);
gboolean l2tp_connect_reask_psk (L2tpConnect *c, const GError *error);
void l2tp_connect_reask_answered (L2tpConnect *c);
/* Stopping or freed: nothing asked goes on. */
void l2tp_connect_reask_clear (L2tpConnect *c);

G_END_DECLS
