/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "peer-packet.h"

#include <string.h>

#include "shared/text-clean.h"

/* RFC 1661 (LCP), RFC 1962 (CCP), RFC 3078 (MPPE). */
#define PPP_ADDRESS         0xff
#define PPP_CONTROL         0x03
#define PROTO_LCP           0xc021
#define PROTO_CCP           0x80fd
#define CODE_CONFIGURE_REQ  1
#define CODE_TERMINATE_REQ  5
#define CCP_OPTION_MPPE     18
#define CONTROL_HEADER_SIZE 4 /* code, identifier, length (2) */

/* The text of a Terminate-Request comes from the server: cleaned by the
 * service's own rules (shared/text-clean.h), ellipsis included within
 * L2TP_PEER_REASON_MAX bytes. */
static char *
peer_text (const guint8 *data, gsize len)
{
  return l2tp_text_clean_len ((const char *) data, len, L2TP_PEER_REASON_MAX - 3);
}

static gboolean
asks_for_mppe (const guint8 *options, gsize len)
{
  while (len >= 2)
    {
      guint8 type = options[0], option_len = options[1];

      if (option_len < 2 || option_len > len)
        return FALSE;
      if (type == CCP_OPTION_MPPE)
        return TRUE;
      options += option_len;
      len -= option_len;
    }
  return FALSE;
}

L2tpPeerPacket
l2tp_peer_packet_classify (const guint8 *frame, gsize len, char **reason)
{
  guint16 protocol, packet_len;
  guint8 code;

  g_return_val_if_fail (frame != NULL || len == 0, L2TP_PEER_PACKET_OTHER);
  g_return_val_if_fail (reason == NULL || *reason == NULL, L2TP_PEER_PACKET_OTHER);

  if (len >= 2 && frame[0] == PPP_ADDRESS && frame[1] == PPP_CONTROL)
    {
      frame += 2;
      len -= 2;
    }
  /* LCP and CCP numbers are never sent protocol-field-compressed. */
  if (len < 2 + CONTROL_HEADER_SIZE)
    return L2TP_PEER_PACKET_OTHER;
  protocol = (guint16) (frame[0] << 8 | frame[1]);
  code = frame[2];
  packet_len = (guint16) (frame[4] << 8 | frame[5]);
  frame += 2;
  len -= 2;
  /* The length field covers the header; padding after it is allowed. */
  if (packet_len < CONTROL_HEADER_SIZE || packet_len > len)
    return L2TP_PEER_PACKET_OTHER;

  if (protocol == PROTO_CCP && code == CODE_CONFIGURE_REQ
      && asks_for_mppe (frame + CONTROL_HEADER_SIZE, packet_len - CONTROL_HEADER_SIZE))
    return L2TP_PEER_PACKET_MPPE_REQUEST;
  if (protocol == PROTO_LCP && code == CODE_TERMINATE_REQ)
    {
      if (reason)
        *reason
            = peer_text (frame + CONTROL_HEADER_SIZE, packet_len - CONTROL_HEADER_SIZE);
      return L2TP_PEER_PACKET_TERMINATE;
    }
  return L2TP_PEER_PACKET_OTHER;
}
