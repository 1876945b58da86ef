/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Windows phone book (rasphone.pbk): one [Entry Name] section per connection,
 * key=value lines. An L2TP entry has Type=2 (VPN) and VpnStrategy=3 (L2TP
 * only) or 4 (L2TP first), or no strategy and an L2TP device; the server is
 * its PhoneNumber. Windows keeps the pre-shared key and the user's
 * credentials outside the file, so the import leaves them for the user. */
#pragma once

#include "profile.h"

G_BEGIN_DECLS

/* TRUE when the buffer looks like a phone book (a section with VpnStrategy,
 * PhoneNumber or Type). */
gboolean l2tp_import_pbk_sniff (const char *buffer, gsize length);

/* The first L2TP entry, sanitized, with notes for what the file cannot say;
 * NULL and an error naming the line, entry and key otherwise. */
L2tpProfile *l2tp_import_pbk (const char *buffer, gsize length, GError **error);

G_END_DECLS
