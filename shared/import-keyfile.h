/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The keyfile .conf of the long-standing NetworkManager-l2tp plugin:
 *
 *   # org.freedesktop.NetworkManager.l2tp
 *   [connection]
 *   id=Office
 *   [vpn]
 *   gateway=vpn.example.com      vpn.data and vpn.secrets keys, booleans
 *   refuse-eap=true              as true/false
 *   [ip4]
 *   method=auto                  plus dns, dns-search, routes (lists) and
 *   never-default=true           four booleans
 */
#pragma once

#include "profile.h"

G_BEGIN_DECLS

/* TRUE when the buffer looks like such a file (it has a [vpn] group). */
gboolean l2tp_import_keyfile_sniff (const char *buffer, gsize length);

/* A sanitized profile, or NULL and an error naming the line or the key. */
L2tpProfile *l2tp_import_keyfile (const char *buffer, gsize length, GError **error);

G_END_DECLS
