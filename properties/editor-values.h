/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The editor's working copy of vpn.data and vpn.secrets, and of
 * ipv4.never-default (the main page's routing choice).
 *
 * It starts as a copy of the connection's tables, so keys the editor does not
 * show survive a save untouched. The main page and the dialogs replace only
 * the keys they manage; saving checks the whole result with the same
 * l2tp_config_new() the service uses, so nothing the service would refuse is
 * saved. GTK-free: both editors and the tests share it. */
#pragma once

#include <NetworkManager.h>

#include "settings-table.h"

G_BEGIN_DECLS

typedef struct _L2tpEditorValues L2tpEditorValues;

/* A copy of @connection's vpn.data and vpn.secrets (both empty when it has no
 * VPN setting). A connection without any vpn.data counts as new. */
L2tpEditorValues *l2tp_editor_values_new (NMConnection *connection);
L2tpEditorValues *l2tp_editor_values_ref (L2tpEditorValues *values);
void l2tp_editor_values_unref (L2tpEditorValues *values);

gboolean l2tp_editor_values_is_new (const L2tpEditorValues *values);

/* What the connection says for @id (secrets first for secret keys, then the
 * legacy copy in vpn.data, then a deprecated alias: ipsec-gateway-id, KDE
 * Plasma's cert-ca, cert-pub, cert-key, and use-cert=yes as
 * user-auth-type tls), or NULL. */
const char *l2tp_editor_values_get (const L2tpEditorValues *values, L2tpKeyId id);
/* As above, falling back to the table's default. */
const char *l2tp_editor_values_get_effective (const L2tpEditorValues *values,
                                              L2tpKeyId id);
gboolean l2tp_editor_values_get_bool (const L2tpEditorValues *values, L2tpKeyId id);
guint l2tp_editor_values_get_uint (const L2tpEditorValues *values, L2tpKeyId id);
NMSettingSecretFlags l2tp_editor_values_get_flags (const L2tpEditorValues *values,
                                                   L2tpKeyId flags_id);
/* ipsec-enabled as the service reads it, absent key included. */
gboolean l2tp_editor_values_ipsec_enabled (const L2tpEditorValues *values);

/* Replaces @id. NULL or "" removes it; so does the table's default, so a
 * profile only carries what differs from it. A secret key also drops its
 * legacy copy in vpn.data, and a key with a deprecated alias the alias. */
void l2tp_editor_values_set (L2tpEditorValues *values, L2tpKeyId id, const char *value);
void l2tp_editor_values_set_bool (L2tpEditorValues *values, L2tpKeyId id, gboolean on);
void l2tp_editor_values_set_uint (L2tpEditorValues *values, L2tpKeyId id, guint value);
/* A secret with its *-flags key: the secret is kept only when the flags say
 * NetworkManager or the agent stores it. */
void l2tp_editor_values_set_secret (L2tpEditorValues *values, L2tpKeyId secret_id,
                                    L2tpKeyId flags_id, const char *secret,
                                    NMSettingSecretFlags flags);

/* ipv4.never-default: TRUE sends only the routes of the server and of the
 * connection through the tunnel, not the default route. A connection without
 * an ipv4 setting reads as FALSE, as NetworkManager treats it. */
gboolean l2tp_editor_connection_never_default (NMConnection *connection);
gboolean l2tp_editor_values_get_never_default (const L2tpEditorValues *values);
void l2tp_editor_values_set_never_default (L2tpEditorValues *values,
                                           gboolean never_default);

/* Checks the tables as the service would and, if they pass, replaces
 * @connection's vpn.data and vpn.secrets with them and sets its
 * ipv4.never-default (no other ipv4 property; a connection without an ipv4
 * setting gets one with method "auto", as NetworkManager gives a VPN). The
 * error names the key. */
gboolean l2tp_editor_values_save (const L2tpEditorValues *values,
                                  NMConnection *connection, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpEditorValues, l2tp_editor_values_unref)

G_END_DECLS
