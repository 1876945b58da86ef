/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the server says inside PPP that pppd itself does not report to a
 * plugin: that its CCP asks for MPPE, and the text of its LCP
 * Terminate-Request. Pure: a received frame in, a verdict out. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  L2TP_PEER_PACKET_OTHER,
  L2TP_PEER_PACKET_MPPE_REQUEST, /* CCP Configure-Request with the MPPE option */
  L2TP_PEER_PACKET_TERMINATE,    /* LCP Terminate-Request */
} L2tpPeerPacket;

/* Longest Terminate-Request text passed on, in bytes. */
#define L2TP_PEER_REASON_MAX 200

/* frame: as pppd's snoop_recv_hook sees it (address and control bytes
 * 0xff 0x03 first, or already stripped), len bytes. For a Terminate-Request,
 * *reason (when reason is not NULL) is its text cleaned by
 * l2tp_text_clean() (shared/text-clean.h: controls, bidi and invalid UTF-8
 * escaped), at most L2TP_PEER_REASON_MAX bytes, "" when it has none. A short or malformed
 * frame is OTHER. */
L2tpPeerPacket l2tp_peer_packet_classify (const guint8 *frame, gsize len, char **reason);

G_END_DECLS
