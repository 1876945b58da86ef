/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DHCP packets of the unit tests (tests/unit/test-dhcp-inform.c) and the
 * fuzz seeds (tests/fuzz/make-seeds.c), as hex for hex_bytes(): answers to
 * the DHCPINFORM with transaction ID DHCP_TEST_XID that 10.8.0.2 sent
 * with chaddr 02:4c:32:54:50:00, modelled on what the servers send. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DHCP_TEST_XID    0x5a17c0de
#define DHCP_TEST_CHADDR "024c32545000"

/* op .. chaddr, 44 bytes. */
#define DHCP_REPLY_FIXED(giaddr)                                                         \
  "02 01 06 00"                /* BOOTREPLY, Ethernet, hlen 6, hops 0 */                 \
  "5a17c0de"                   /* xid of the INFORM */                                   \
  "0000 0000"                  /* secs, flags */                                         \
  "0a080002"                   /* ciaddr 10.8.0.2, as sent */                            \
  "00000000 00000000" giaddr   /* yiaddr (none for an INFORM), siaddr, giaddr */         \
      DHCP_TEST_CHADDR " {10}" /* chaddr, as sent */
#define DHCP_COOKIE "63825363"
/* A reply with empty sname and file fields, then the cookie. */
#define DHCP_REPLY(giaddr) DHCP_REPLY_FIXED (giaddr) " {64} {128} " DHCP_COOKIE

/* Microsoft's DHCP server, relayed by RRAS (10.8.0.1): routes in 249 only,
 * WINS, a domain ending in a NUL; options it was not asked for. */
#define DHCP_ACK_WINDOWS                                                                 \
  DHCP_REPLY ("0a080001")                                                                \
  "35 01 05"                          /* 53: DHCPACK */                                  \
  "36 04 0a000005"                    /* 54: server 10.0.0.5 */                          \
  "01 04 ffffff00"                    /* 1: subnet mask, not read */                     \
  "0f 0d 636f72702e6578616d706c65 00" /* 15: "corp.example" and a NUL */                 \
  "06 08 0a000005 0a000006"           /* 6: DNS 10.0.0.5, 10.0.0.6 */                    \
  "2c 04 0a000007"                    /* 44: WINS 10.0.0.7 */                            \
  "2e 01 08"                          /* 46: NetBIOS node type H, not read */            \
  "f9 0f 10 0a14 0a080001"            /* 249: 10.20.0.0/16 via 10.8.0.1, */              \
  "18 c0a832 0a080001"                /* 192.168.50.0/24 via 10.8.0.1 */                 \
  "ff"                                /* end */                                          \
  "{8}"                               /* pad */

/* dnsmasq with --dhcp-option 121, 249 (other routes), 6, 15 and 119,
 * compressed; answering directly. */
#define DHCP_ACK_DNSMASQ                                                                 \
  DHCP_REPLY ("00000000")                                                                \
  "35 01 05"                       /* 53: DHCPACK */                                     \
  "36 04 0a080001"                 /* 54: server 10.8.0.1 */                             \
  "79 13 10 0a0a 00000000"         /* 121: 10.10.0.0/16 on-link, */                      \
  "0c ac10 0a080001"               /* 172.16.0.0/12 via 10.8.0.1, */                     \
  "00 0a080001"                    /* 0.0.0.0/0 via 10.8.0.1 */                          \
  "f9 06 08 0a 0a080001"           /* 249: 10.0.0.0/8, ignored: 121 came */              \
  "06 04 0a080001"                 /* 6: DNS 10.8.0.1 */                                 \
  "0f 0b 76706e2e6578616d706c65"   /* 15: "vpn.example" */                               \
  "77 1b"                          /* 119, 27 bytes: */                                  \
  "03 76706e 07 6578616d706c65 00" /*  0: vpn.example */                                 \
  "04 636f7270 c0 00"              /* 13: corp + (0) */                                  \
  "c0 04"                          /* 20: (4) = example */                               \
  "02 7573 c0 0d"                  /* 22: us + (13) */                                   \
  "ff"                             /* end */

/* ISC dhcpd overloading the file field (52 = 1) for options that did not
 * fit, 121 split in two instances (RFC 3396) in the middle of a router;
 * the sname field holds a name, which must not be read as options. */
#define DHCP_ACK_ISC_OVERLOAD                                                            \
  DHCP_REPLY_FIXED ("00000000")                                                          \
  "6468637031 {59}"                      /* sname "dhcp1" */                             \
  "79 0f 01"                             /* file: 121 goes on: ...1 */                   \
  "18 c0a814 c0a86401"                   /* 192.168.20.0/24 via 192.168.100.1, */        \
  "08 0a c0a86401"                       /* 10.0.0.0/8 via 192.168.100.1 */              \
  "0f 0e 6f66666963652e6578616d706c65"   /* 15: "office.example" */                      \
  "77 1d"                                /* 119, 29 bytes: */                            \
  "06 6f6666696365 07 6578616d706c65 00" /*  office.example */                           \
  "07 6578616d706c65 03 6f7267 00"       /*  example.org */                              \
  "ff {63}"                              /* end, the rest of file */                     \
      DHCP_COOKIE "35 01 05"             /* 53: DHCPACK */                               \
  "36 04 c0a86401"                       /* 54: server 192.168.100.1 */                  \
  "34 01 01"                             /* 52: the file field holds options */          \
  "06 08 c0a86401 08080808"              /* 6: DNS 192.168.100.1, 8.8.8.8 */             \
  "79 07 18 c0a80a c0a864"               /* 121: 192.168.10.0/24 via 192.168.100. */     \
  "ff"                                   /* end */

/* A DHCPNAK with a message holding a newline and a terminal escape. */
#define DHCP_NAK_MESSAGE                                                                 \
  DHCP_REPLY ("00000000")                                                                \
  "35 01 06"                                      /* 53: DHCPNAK */                      \
  "36 04 0a080001"                                /* 54: server 10.8.0.1 */              \
  "38 12 77726f6e6720737562 6e6574 0a 1b5b33316d" /* 56: "wrong subnet\n\e[31m" */       \
  "ff"

typedef struct
{
  const char *name;
  const char *hex;
} DhcpTestPacket;

/* The packets above by name, ended by { NULL, NULL }. */
extern const DhcpTestPacket dhcp_test_packets[];

/* a.b.c.d in network byte order. */
guint32 dhcp_ip (guint8 a, guint8 b, guint8 c, guint8 d);

G_END_DECLS
