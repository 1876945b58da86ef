/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Between a profile of an import/export file (shared/profile.h) and a libnm
 * connection: the libnm half of import and export. */
#pragma once

#include <NetworkManager.h>

#include "profile.h"

G_BEGIN_DECLS

/* A new, normalized VPN connection from a sanitized profile. fallback_id
 * names it when the file had no name. The error names the setting and key. */
NMConnection *l2tp_profile_to_connection (const L2tpProfile *profile,
                                          const char *fallback_id, GError **error);

/* The profile of an L2TP connection, not yet sanitized; NULL and an error for
 * a connection of another VPN type. */
L2tpProfile *l2tp_profile_from_connection (NMConnection *connection, GError **error);

G_END_DECLS
