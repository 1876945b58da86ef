/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "dhcp-packets.h"

#include <string.h>

const DhcpTestPacket dhcp_test_packets[] = {
  { "ack-windows", DHCP_ACK_WINDOWS },
  { "ack-dnsmasq", DHCP_ACK_DNSMASQ },
  { "ack-isc-overload", DHCP_ACK_ISC_OVERLOAD },
  { "nak-message", DHCP_NAK_MESSAGE },
  { NULL, NULL },
};

guint32
dhcp_ip (guint8 a, guint8 b, guint8 c, guint8 d)
{
  guint8 bytes[4] = { a, b, c, d };
  guint32 addr;

  memcpy (&addr, bytes, 4);
  return addr;
}
