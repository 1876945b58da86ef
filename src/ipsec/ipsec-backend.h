/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An IPsec implementation behind a small interface: the connect pipeline
 * neither knows nor cares whether strongSwan (VICI) or, later, libreswan
 * brings the SAs up. */
#pragma once

#include <gio/gio.h>

#include "src/common/failure.h"
#include "shared/render.h"

G_BEGIN_DECLS

typedef struct _IpsecSession IpsecSession;

typedef struct
{
  /* The IKE SA is up (Quick Mode follows): the transform the server chose.
   * Not called when charon does not say. */
  void (*ike_up) (const L2tpProposal *chosen, gpointer user_data);
  /* The server's pick of the Quick Mode offer, before or after up. */
  void (*child_chosen) (const L2tpProposal *chosen, gpointer user_data);
  /* The CHILD_SA is installed: ESP with policies for our exact L2TP port. */
  void (*up) (gpointer user_data);
  /* Before up: the IPsec step failed; after up: the SAs are gone (deleted
   * by the server, dead peer, daemon exited). error is in
   * L2TP_FAILURE_ERROR; its code says why. */
  void (*failed) (const GError *error, gpointer user_data);
} IpsecEvents;

typedef struct
{
  const char *name; /* "strongswan" */
  /* The session keeps a reference on cfg; ctx must outlive it; diag
   * collects the daemon's log. */
  IpsecSession *(*session_new) (L2tpConfig *cfg, const L2tpRenderContext *ctx,
                                L2tpDiagnosis *diag, const IpsecEvents *events,
                                gpointer user_data);
  void (*up) (IpsecSession *session);
  /* After a failure before up (NO_PROPOSAL_CHOSEN): offer again what ctx
   * holds now (ctx->ike_offer, ctx->esp_offer), keeping what is loaded and
   * an IKE SA that is up, so a new Quick Mode needs no new Main Mode. */
  void (*retry) (IpsecSession *session);
  /* Deletes the SAs, unloads what up loaded; done runs when all is gone
   * (also when up never completed). No events after down. */
  void (*down) (IpsecSession *session, GDestroyNotify done, gpointer done_data);
  void (*free) (IpsecSession *session);
} IpsecBackend;

extern const IpsecBackend l2tp_ipsec_strongswan;

G_END_DECLS
