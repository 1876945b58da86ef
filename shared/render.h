/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pure renderers: a sanitized config plus the facts of this connect attempt in,
 * the whole daemon configuration out as text (or a VICI message), or NULL and
 * an error naming the key whose value cannot be written safely. No file I/O,
 * no globals, no clock. */
#pragma once

#include "config.h"

G_BEGIN_DECLS

/* What the service decided for this attempt; none of it comes from the
 * connection's settings directly. */
typedef struct
{
  const char *name;         /* per-connection name, e.g. "nm-l2tp-ipsec-<uuid>" */
  const char *gateway_addr; /* the server's address, resolved */
  const char *local_addr;   /* local address that reaches the server, or NULL */
  guint16 l2tp_port;        /* our L2TP source port: 1701 or the chosen ephemeral port */
  const char *runtime_dir;  /* /run/nm-l2tp-ipsec/<uuid> */
  const char *pppd_plugin;  /* absolute path of nm-l2tp-ipsec-pppd-plugin.so */
  const char *bus_name;     /* the service's D-Bus name, for the pppd plugin to call */
  /* This attempt's Main Mode and Quick Mode offers, from the negotiation
   * plan (negotiation-plan.h). NULL: the config's IKE set, and the config's
   * ESP set without its PFS proposals when it mixes both (one Quick Mode
   * cannot offer both, see proposals-default.c). */
  const L2tpProposalSet *ike_offer;
  const L2tpProposalSet *esp_offer;
  /* The server's CCP asked for MPPE, which pppd accepts only when its
   * options require it: TRUE writes require-mppe (the retry after the first
   * PPP attempt without MPPE). Ignored when the settings choose MPPE. */
  gboolean ppp_mppe;
  /* The connection's files as the service read them (as the connection's
   * user for a private connection, src/service/connection-files.h): no
   * daemon is given a path the connection names. charon gets machine-cert
   * and machine-ca as bytes in load-conn (certs, cacerts); pppd reads the
   * service's copies of user-ca, user-cert and user-key. A renderer refuses
   * a file the connection uses whose bytes or copy are missing here. The
   * swanctl.conf text (for swanctl, which reads as its caller) keeps the
   * paths. machine-key's bytes reach charon decrypted by load-key
   * (private-key.h), never through a renderer. */
  GBytes *machine_ca;
  GBytes *machine_cert;
  GBytes *machine_key;
  const char *ppp_ca;   /* the copy of user-ca, e.g. <runtime_dir>/user-ca */
  const char *ppp_cert; /* of user-cert */
  const char *ppp_key;  /* of user-key */
  /* The libreswan build the conn is for (libreswan-caps.h): its IKEv1
   * spelling, and what it cannot offer is refused naming the key. NULL:
   * libreswan 5 spelling, no algorithm check. */
  const struct _L2tpLibreswanCaps *libreswan;
} L2tpRenderContext;

G_END_DECLS
