/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kernel's side of a connection's CHILD_SA, watched: charon does not
 * notice when something else deletes its SAs or policies (`ip xfrm state
 * flush` is one FLUSHSA message, which charon ignores), and the connection
 * would then stall until L2TP times out, or, once the policies are gone,
 * talk in clear. On every deletion the kernel announces, the watch looks
 * again for the connection's ESP SAs (in and out) and its outbound policy,
 * all known by the CHILD_SA's reqid, and says "lost" once they are gone. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint esp_sas;      /* ESP SAs with the reqid, either direction */
  guint out_policies; /* outbound policies with a template of the reqid */
  gboolean deletion;  /* the messages held a deletion or a flush */
} L2tpXfrmCount;

/* Adds what a buffer of netlink messages from NETLINK_XFRM holds for reqid
 * to count (dumps and announcements alike). Returns FALSE at a malformed
 * message (what came before it is counted). Pure. */
gboolean l2tp_xfrm_count (const guint8 *buf, gsize len, guint32 reqid,
                          L2tpXfrmCount *count);

/* What the kernel holds now for reqid (dumps of its SAs and policies). */
gboolean l2tp_xfrm_dump_count (guint32 reqid, L2tpXfrmCount *count, GError **error);

/* The SAs and policy a connection needs are all there. */
gboolean l2tp_xfrm_count_complete (const L2tpXfrmCount *count);

typedef struct _L2tpXfrmWatch L2tpXfrmWatch;

/* what: which part was found missing, for the message. Called once. */
typedef void (*L2tpXfrmLost) (const char *what, gpointer user_data);

/* Starts watching the CHILD_SA with reqid on the thread-default main
 * context; fails (needs CAP_NET_ADMIN) with the reason. lost is not called
 * for what is missing at start: the caller starts it once the SA is up. */
L2tpXfrmWatch *l2tp_xfrm_watch_new (guint32 reqid, L2tpXfrmLost lost, gpointer user_data,
                                    GError **error);
/* Looks now (also what the announcements would trigger). */
void l2tp_xfrm_watch_check (L2tpXfrmWatch *watch);
void l2tp_xfrm_watch_free (L2tpXfrmWatch *watch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpXfrmWatch, l2tp_xfrm_watch_free)

G_END_DECLS
