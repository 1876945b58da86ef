/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — NetworkManager: running, this plugin registered
 * for the service type org.freedesktop.NetworkManager.l2tp through its
 * .name file (and no second plugin claiming it), and the connection asked
 * about, by name or uuid, as this user sees it. */
#pragma once

#include <NetworkManager.h>

#include "diagnose-check.h"

G_BEGIN_DECLS

/* The "networkmanager" check; the client when NetworkManager runs. */
NMClient *l2tp_diagnose_networkmanager (L2tpCheckList *list);

/* The "vpn-plugin" check over the .name files in @dirs (NULL-terminated:
 * where NetworkManager and libnm look, see diagnose-nm.c). */
void l2tp_diagnose_vpn_plugin (L2tpCheckList *list, const char *const *dirs);
/* NM_VPN_PLUGIN_DIR (libnm's override), then the two NetworkManager reads:
 * libnm's vpnservicedir (/usr/lib/NetworkManager/VPN) and
 * /etc/NetworkManager/VPN. */
GStrv l2tp_diagnose_vpn_plugin_dirs (void);

/* The "connection" check; the connection (a reference) when it is one of
 * ours. @client may be NULL (NetworkManager not running). */
NMConnection *l2tp_diagnose_find_connection (L2tpCheckList *list, NMClient *client,
                                             const char *name_or_uuid);

G_END_DECLS
