/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The connect pipeline's first step: pppd and our pppd plugin present, the
 * gateway resolved (IPv4: xl2tpd reaches no other), the local address that
 * reaches it and the L2TP source port (1701 shared with a holder, or an
 * ephemeral one). Asynchronous: only the name lookup waits. */
#pragma once

#include <gio/gio.h>

#include "shared/config.h"
#include "src/l2tp/l2tp-port.h"

G_BEGIN_DECLS

typedef struct
{
  char *gateway_addr; /* the server, resolved */
  char *local_addr;   /* our address towards it */
  char *pppd_plugin;  /* absolute path of nm-l2tp-ipsec-pppd-plugin.so */
  L2tpPort port;
} L2tpPreflight;

void l2tp_preflight_async (const L2tpConfig *cfg, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data);
/* NULL and an error in L2TP_FAILURE_ERROR naming what is missing. */
L2tpPreflight *l2tp_preflight_finish (GAsyncResult *result, GError **error);
void l2tp_preflight_free (L2tpPreflight *p);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpPreflight, l2tp_preflight_free)

G_END_DECLS
