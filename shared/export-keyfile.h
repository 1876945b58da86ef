/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writing a profile in the keyfile .conf format that import-keyfile.h reads
 * (and the long-standing NetworkManager-l2tp plugin reads too). */
#pragma once

#include "profile.h"

G_BEGIN_DECLS

/* Sanitizes the profile in place, then returns the file's text, or NULL and
 * an error naming the key. Secrets are included: write the file 0600. Every
 * boolean is written, "no" as false, so defaults that are "yes" (ipsec-pfs)
 * survive a round trip. */
char *l2tp_export_keyfile (L2tpProfile *profile, GError **error);

G_END_DECLS
