/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "dhcp-packets.h"

const DhcpTestPacket dhcp_test_packets[] = {
  { "ack-windows", DHCP_ACK_WINDOWS },
  { "ack-dnsmasq", DHCP_ACK_DNSMASQ },
  { "ack-isc-overload", DHCP_ACK_ISC_OVERLOAD },
  { "nak-message", DHCP_NAK_MESSAGE },
  { NULL, NULL },
};
