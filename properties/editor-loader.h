/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Loading the editor: the GTK-free plugin picks the GTK3 or the GTK4 editor
 * library, whichever matches the GTK already in the process, from its own
 * directory, and calls its factory (editor.h). */
#pragma once

#include <NetworkManager.h>

G_BEGIN_DECLS

#define L2TP_EDITOR_LIB_GTK3 "libnm-vpn-plugin-l2tp-ipsec-editor.so"
#define L2TP_EDITOR_LIB_GTK4 "libnm-gtk4-vpn-plugin-l2tp-ipsec-editor.so"

/* 3 or 4 for the GTK loaded in this process, 0 when none is. */
guint l2tp_editor_gtk_version (void);

/* The editor library's file name for that GTK, in the directory of this
 * plugin; NULL and an error when no GTK is loaded. */
char *l2tp_editor_library_path (GError **error);

NMVpnEditor *l2tp_editor_load (NMVpnEditorPlugin *plugin, NMConnection *connection,
                               GError **error);

G_END_DECLS
