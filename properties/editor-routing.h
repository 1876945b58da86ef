/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The main page's Routing section: "Send all traffic through the VPN" or
 * "Only the office network" (ipv4.never-default), the routes NetworkManager
 * holds for the connection (ipv4.routes, read-only: the connection editor's
 * IPv4 tab edits them), and under "Route options" the checks for
 * dhcp-inform and classful-route.
 *
 * The connection editors' IPv4 tab edits the same connection: its routes and
 * its "Use this connection only for resources on its network" (the same
 * ipv4.never-default) show here as they change, so the two never disagree
 * about what will be saved. */
#pragma once

#include <gtk/gtk.h>

#include "editor-values.h"

G_BEGIN_DECLS

typedef struct _L2tpRouting L2tpRouting;

/* Fills the section of @builder (editor.ui) from @values and @connection and
 * watches @connection. A choice the user makes is put into @values at once
 * and reported by @changed (@user_data); one that follows the connection
 * is not reported (the connection already says it). */
L2tpRouting *l2tp_routing_new (GtkBuilder *builder, L2tpEditorValues *values,
                               NMConnection *connection, void (*changed) (gpointer),
                               gpointer user_data);
/* Puts the checks into @values (the table's defaults are not written). */
void l2tp_routing_save (L2tpRouting *routing);
/* Stops watching the connection. */
void l2tp_routing_free (L2tpRouting *routing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpRouting, l2tp_routing_free)

G_END_DECLS
