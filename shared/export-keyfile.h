/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writing a profile in the keyfile .conf format that import-keyfile.h reads
 * (and the long-standing NetworkManager-l2tp plugin reads too: [ipv4] for
 * its 1.52.2 and later, the same again as [ip4] for the older ones, [ipv6]
 * when the profile has an ipv6 setting). */
#pragma once

#include "profile.h"

G_BEGIN_DECLS

/* Sanitizes the profile in place, then returns the file's text, or NULL and
 * an error naming the key. Secrets are included: write the file 0600. Every
 * boolean is written, "no" as false, so defaults that are "yes" (ipsec-pfs)
 * survive a round trip. */
char *l2tp_export_keyfile (L2tpProfile *profile, GError **error);

G_END_DECLS
