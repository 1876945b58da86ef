/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The cleartext guard as nftables text: for the lifetime of a connection, a
 * kernel rule that drops our L2TP 5-tuple whenever no IPsec SA carries it,
 * whatever charon does with its policies (a crash, a rekey gone wrong, an
 * unload before xl2tpd is quiet).
 *
 * One table per connection, `inet nm-l2tp-ipsec-<runtime id>` (the name of
 * our charon conn and xl2tpd [lac] too), so a table left by a crashed
 * service is found by its name:
 *   output: local:port -> server:1701 udp whose route has no xfrm bundle
 *           (`rt ipsec missing`: the packet would leave unencrypted) is dropped;
 *   input:  server:1701 -> local:port udp that did not come out of ESP
 *           (`meta ipsec missing`: no secpath) is dropped.
 * The ESP packets themselves (protocol 50, or UDP 4500 with NAT-T) never
 * match; L2TP inside them passes both rules. Each rule counts its drops.
 *
 * Pure: the text for `nft -f -`, never a value of the caller copied into it.
 * Addresses are parsed and printed again in their canonical form, the id
 * must be of l2tp_runtime_id()'s alphabet.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define L2TP_GUARD_ERROR (l2tp_guard_error_quark ())
GQuark l2tp_guard_error_quark (void);

#define L2TP_GUARD_TABLE_PREFIX "nm-l2tp-ipsec-"
#define L2TP_GUARD_FAMILY       "inet"
#define L2TP_GUARD_SERVER_PORT  1701
/* The rules' comments, also how l2tp_guard_counts_parse() finds them. */
#define L2TP_GUARD_OUT_COMMENT "L2TP to the server outside IPsec"
#define L2TP_GUARD_IN_COMMENT  "L2TP from the server outside IPsec"

typedef struct
{
  const char *id;          /* the connection's runtime id: [A-Za-z0-9-], 1-64 bytes */
  const char *local_addr;  /* our address towards the server */
  guint16 local_port;      /* our L2TP port: 1701 or the ephemeral one */
  const char *server_addr; /* the server, same family; its port is 1701 */
} L2tpGuardTuple;

/* "nm-l2tp-ipsec-<id>", or NULL and an error when id is not a runtime id. */
char *l2tp_guard_table_name (const char *id, GError **error);

/* The whole `nft -f -` text that creates the guard, replacing a table of the
 * same name in the same transaction. NULL and an error naming the field. */
char *l2tp_render_guard (const L2tpGuardTuple *tuple, GError **error);

/* The `nft -f -` text that removes the guard of id; fine when it is absent
 * (nft 1.0.6 has no "destroy": the table is declared, then deleted). */
char *l2tp_render_guard_removal (const char *id, GError **error);

/* The runtime ids of our guards in the text of `nft list tables`, in order;
 * tables of other names or families, and names that are not ours exactly,
 * are not. Never NULL. */
GPtrArray *l2tp_guard_ids_parse (const char *list_tables);

typedef struct
{
  guint64 out_packets; /* dropped on the way out: L2TP that would have left in clear */
  guint64 in_packets;  /* dropped on the way in: L2TP that came in clear */
} L2tpGuardCounts;

/* The two rules' counters in the text of `nft list table inet NAME`.
 * FALSE when either rule is not there. */
gboolean l2tp_guard_counts_parse (const char *list_table, L2tpGuardCounts *counts);

G_END_DECLS
