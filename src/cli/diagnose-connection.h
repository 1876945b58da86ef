/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose CONNECTION — its settings through the sanitizer
 * the service uses (shared/config.c; without secrets, which this user's
 * NetworkManager client does not get), its server's name resolved, and the
 * last failure the service kept for it (src/common/failure-record.h). */
#pragma once

#include <NetworkManager.h>

#include "diagnose-check.h"
#include "shared/config.h"

G_BEGIN_DECLS

/* The "settings" check; the sanitized config when it passes. */
L2tpConfig *l2tp_diagnose_settings (L2tpCheckList *list, NMConnection *connection);
/* The "gateway" check: an IPv4 address, or a name that resolves to one. */
void l2tp_diagnose_gateway (L2tpCheckList *list, const L2tpConfig *cfg);
/* The "last-failure" check, from @state_dir (l2tp_state_dir ()). */
void l2tp_diagnose_last_failure (L2tpCheckList *list, const char *state_dir,
                                 NMConnection *connection);

G_END_DECLS
