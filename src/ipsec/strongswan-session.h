/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The strongSwan backend's session, shared by its up half
 * (ipsec-strongswan.c) and its down half (strongswan-down.c). */
#pragma once

#include "src/ipsec/charon.h"
#include "src/ipsec/ipsec-backend.h"
#include "src/ipsec/vici-client.h"
#include "src/ipsec/xfrm-watch.h"
#include "shared/private-key.h"

G_BEGIN_DECLS

/* The up sequence, one VICI request after the other. */
typedef enum
{
  UP_REGISTER_LOG,
  UP_REGISTER_IKE,
  UP_REGISTER_CHILD,
  UP_LOAD_SHARED,
  UP_GET_KEYS,
  UP_LOAD_KEY,
  UP_LOAD_CONN,
  UP_INITIATE,
  UP_DONE,
} UpStep;

struct _IpsecSession
{
  L2tpConfig *cfg; /* a reference */
  const L2tpRenderContext *ctx;
  L2tpDiagnosis *diag;
  IpsecEvents events;
  gpointer user_data;

  GCancellable *cancellable; /* the up sequence */
  L2tpCharonUse *charon;
  ViciClient *client;
  L2tpPrivateKey *key; /* decrypted machine key, until load-key is sent */
  char *key_id;        /* its ID, once load-key was sent: unloaded going down */
  int up_step;         /* UpStep */
  gboolean up_pending; /* an up request is on its way */
  gboolean is_up;
  gboolean ike_reported; /* the IKE SA's transform went to events.ike_up */
  guint32 reqid;         /* our CHILD_SA's, from child-updown; 0 before */
  L2tpXfrmWatch *xfrm;   /* the kernel's side of it, while up */
  gboolean failed_early; /* reported from the log, before initiate ended */
  gboolean going_down;
  gboolean down_started;
  GDestroyNotify done;
  gpointer done_data;
};

/* Runs once nothing of the up sequence is in flight any more. */
void l2tp_strongswan_down_continue (IpsecSession *s);
void l2tp_strongswan_session_down (IpsecSession *s, GDestroyNotify done,
                                   gpointer done_data);

G_END_DECLS
