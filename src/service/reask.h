/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which refusal the person can fix by typing a secret again, and the
 * words the secret agent shows above the field (NetworkManager carries
 * them as the hint "x-vpn-message:"). Pure: no libnm, no daemons. */
#pragma once

#include "shared/config.h"
#include "src/common/failure.h"

G_BEGIN_DECLS

/* The secret to ask for again after failure, or NULL when the attempt
 * must fail instead: a non-interactive Connect, a failure no secret
 * fixes, or a secret NetworkManager keeps itself (flags 0). Nobody typed
 * such a secret for this activation and, with no agent at all (NetworkManager
 * calls ConnectInteractive then too), NetworkManager would end with "no
 * secrets" in place of the refusal's own reason (login-failed). */
const char *l2tp_reask_secret (const L2tpConfig *cfg, L2tpFailure failure,
                               gboolean interactive);

/* The message for the dialog: what was refused and what to type; user is
 * the PPP user name (may be NULL). */
char *l2tp_reask_message (L2tpFailure failure, const char *user);

G_END_DECLS
