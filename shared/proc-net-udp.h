/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The text of /proc/net/udp and /proc/net/udp6 as a list of sockets.
 *
 * The kernel prints each row as
 *   sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt
 *   uid timeout inode ref pointer drops
 * with addresses as "HEX:PORT". The port is 4 hex digits in ordinary order;
 * the address is the in-memory address split in 32-bit words, each word
 * printed as a number in the byte order of the machine that wrote the text
 * (so 127.0.0.1 is "0100007F" on x86). IPv6 rows are 4 such words, in address
 * order. This is why the parser needs the writer's byte order.
 *
 * Pure: takes the text, no I/O. Rows that do not have this exact shape are
 * skipped and counted, never trusted.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int family;          /* AF_INET or AF_INET6, from the width of the address */
  guint8 local[16];    /* network byte order; AF_INET uses the first 4 bytes */
  char local_text[48]; /* "0.0.0.0", "::1", "::ffff:127.0.0.1" */
  guint16 local_port;
  guint8 remote[16]; /* all zero unless the socket is connected */
  guint16 remote_port;
  guint8 state; /* 7 (TCP_CLOSE) unbound peer, 1 (TCP_ESTABLISHED) connected */
  guint32 uid;
  guint64 inode; /* matches "socket:[inode]" links in /proc/PID/fd; 0 for kernel */
} L2tpProcUdpSocket;

/* TRUE for 0.0.0.0 and :: (the socket takes datagrams for every local address
 * of its family; a :: socket without IPV6_V6ONLY takes IPv4 ones too). */
gboolean l2tp_proc_udp_socket_is_wildcard (const L2tpProcUdpSocket *sock);

/* Parse text written by a machine of byte order G_LITTLE_ENDIAN or
 * G_BIG_ENDIAN. Rows of both files may be mixed in one text. Returns an array
 * of L2tpProcUdpSocket in text order (never NULL); *n_malformed (may be NULL)
 * is the number of skipped lines. Header lines and blank lines are not rows. */
GArray *l2tp_proc_net_udp_parse_with_byte_order (const char *text, int byte_order,
                                                 guint *n_malformed);

/* The same for text of this machine's own /proc (G_BYTE_ORDER). */
GArray *l2tp_proc_net_udp_parse (const char *text, guint *n_malformed);

G_END_DECLS
