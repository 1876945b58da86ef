/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The L2TP/IPsec connection editor (NMVpnEditor), built once against GTK3 +
 * libnma and once against GTK4 + libnma-gtk4 from the same source.
 *
 * The GTK-free plugin (libnm-vpn-plugin-l2tp-ipsec.so) dlopens the editor
 * library from its own directory and calls the one exported symbol below. */
#pragma once

#include <NetworkManager.h>

G_BEGIN_DECLS

#define L2TP_EDITOR_FACTORY_SYMBOL "nm_vpn_editor_factory_l2tp_ipsec"

typedef NMVpnEditor *(*L2tpEditorFactory) (NMVpnEditorPlugin *editor_plugin,
                                           NMConnection *connection, GError **error);

/* The only symbol the editor libraries export. @editor_plugin may be NULL. */
NMVpnEditor *nm_vpn_editor_factory_l2tp_ipsec (NMVpnEditorPlugin *editor_plugin,
                                               NMConnection *connection, GError **error);

/* Test hook (tests/ui): the widget from nm_vpn_editor_get_widget() carries
 * its GtkBuilder as object data "l2tp-editor-builder" (widget ids as in
 * editor.ui), and the IPsec or PPP dialog while one is open as object data
 * "l2tp-editor-dialog"; a dialog carries its own "l2tp-editor-builder"
 * (ids as in ipsec-dialog.ui / ppp-dialog.ui). Answering the dialog with
 * gtk_dialog_response() works as the user's OK or Cancel. */
#define L2TP_EDITOR_DIALOG_KEY "l2tp-editor-dialog"

G_END_DECLS
