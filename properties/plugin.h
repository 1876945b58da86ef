/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The GTK-free libnm VPN editor plugin (libnm-vpn-plugin-l2tp-ipsec.so):
 * what nmcli, GNOME Settings, Plasma and nm-connection-editor load through
 * the .name file. It imports and exports files and loads the GTK3 or GTK4
 * editor on demand. */
#pragma once

#include <NetworkManager.h>

G_BEGIN_DECLS

#define L2TP_TYPE_EDITOR_PLUGIN (l2tp_editor_plugin_get_type ())
G_DECLARE_FINAL_TYPE (L2tpEditorPlugin, l2tp_editor_plugin, L2TP, EDITOR_PLUGIN, GObject)

/* Files larger than this are no profile of any format we read. */
#define L2TP_IMPORT_MAX_BYTES (1024 * 1024)

/* Import from a buffer: the format is recognised by content. notes (may be
 * NULL) receives what the user must still do, one sentence each. */
NMConnection *l2tp_import_buffer (const char *buffer, gsize length,
                                  const char *fallback_id, GPtrArray **notes,
                                  GError **error);

G_END_DECLS
