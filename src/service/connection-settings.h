/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A connection as NetworkManager sends it (NeedSecrets, Connect,
 * NewSecrets), on its way into the sanitizer: vpn.data and vpn.secrets,
 * and vpn.user-name as "user" when vpn.data has none (NetworkManager-l2tp
 * kept it there). */
#pragma once

#include <NetworkManager.h>

#include "shared/config.h"

G_BEGIN_DECLS

/* The two tables l2tp_config_new() takes (key -> value, both owned), or
 * FALSE when the connection has no VPN setting. */
gboolean l2tp_connection_settings_tables (NMConnection *connection, GHashTable **data,
                                          GHashTable **secrets);

/* Through the sanitizer: the config, or NULL and an error in
 * L2TP_FAILURE_ERROR (L2TP_FAILURE_BAD_SETTINGS) whose message names the
 * key: "Settings: mtu: 99999 is outside 576 to 1500. Correct this setting
 * of the connection." */
L2tpConfig *l2tp_connection_settings_config (NMConnection *connection, GError **error);

G_END_DECLS
