/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which secrets a connection needs from the user, decided from vpn.data (the
 * *-flags keys and what is in use), the secrets NetworkManager already passed
 * in, and its hints. No I/O: the keyring and the dialog are the caller's. */
#pragma once

#include <NetworkManager.h>

#include "settings-table.h"

G_BEGIN_DECLS

typedef struct
{
  L2tpKeyId id;
  const char *label; /* translated */
  NMSettingSecretFlags flags;
  char *value;         /* known value (stdin or keyring), or NULL */
  gboolean always_ask; /* NOT_SAVED: never reused without asking */
  gboolean refused;    /* named by a hint: the saved value did not work */
} L2tpNeededSecret;

/* The secrets to return, in dialog order.
 *
 * @hints (NULL-terminated, may be NULL) are NetworkManager's: when a VPN
 * service calls secrets_required (message, names), NetworkManager asks the
 * agent again with those names and "x-vpn-message:MESSAGE" as hints, and
 * without the REQUEST_NEW flag (no --reprompt). Hints that name secrets
 * narrow the list to exactly those, each marked refused: asked for even
 * when saved, with no known value kept. A message alone narrows nothing.
 *
 * Without hints, a secret already in @secrets whose flags let
 * NetworkManager keep it (NONE) is not needed. */
GArray *l2tp_needed_secrets (GHashTable *data, GHashTable *secrets,
                             const char *const *hints);

void l2tp_needed_secret_clear (L2tpNeededSecret *secret);

G_END_DECLS
