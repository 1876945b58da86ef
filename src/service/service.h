/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec-service's NMVpnServicePlugin: NetworkManager's D-Bus calls
 * (NeedSecrets, Connect, ConnectInteractive, NewSecrets, Disconnect) on one
 * side, one L2tpConnect pipeline at a time on the other. */
#pragma once

#include <NetworkManager.h>

G_BEGIN_DECLS

#define L2TP_TYPE_SERVICE (l2tp_service_get_type ())
G_DECLARE_FINAL_TYPE (L2tpService, l2tp_service, L2TP, SERVICE, NMVpnServicePlugin)

/* watch_peer: quit when NetworkManager leaves the bus (off with --debug). */
L2tpService *l2tp_service_new (const char *bus_name, gboolean watch_peer, GError **error);

/* TRUE while a connection is being torn down (the process must not exit). */
gboolean l2tp_service_is_busy (L2tpService *service);
/* The process is about to exit: ends what was prepared for a connection
 * that never came (charon started early). Busy until that is done, then
 * "idle". */
void l2tp_service_shutdown (L2tpService *service);

G_END_DECLS
