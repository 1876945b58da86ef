/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The keyfile .conf of the long-standing NetworkManager-l2tp plugin:
 *
 *   # org.freedesktop.NetworkManager.l2tp
 *   [connection]
 *   id=Office
 *   [vpn]
 *   gateway=vpn.example.com      vpn.data and vpn.secrets keys, booleans
 *   refuse-eap=true              as true/false
 *   [ipv4]                       [ip4] before NetworkManager-l2tp 1.52.2;
 *   method=auto                  plus dns, dns-search, routes (lists) and
 *   never-default=true           four booleans (shared/profile-ip.h)
 *   [ipv6]                       the same keys ([ip6] in its git tree a while)
 *
 * The PSK is in [vpn] only in files of NetworkManager-l2tp 1.8 and older (and
 * ours); 1.20 and later export no secrets.
 */
#pragma once

#include "profile.h"

G_BEGIN_DECLS

/* TRUE when the buffer looks like such a file (it has a [vpn] group). */
gboolean l2tp_import_keyfile_sniff (const char *buffer, gsize length);

/* A sanitized profile, or NULL and an error naming the line or the key. */
L2tpProfile *l2tp_import_keyfile (const char *buffer, gsize length, GError **error);

G_END_DECLS
