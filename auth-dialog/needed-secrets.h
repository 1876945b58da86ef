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
} L2tpNeededSecret;

/* The secrets to return, in dialog order. @hints (NULL-terminated, may be
 * NULL) narrows the list to the secrets NetworkManager asked for; hints that
 * name no secret (e.g. "x-vpn-message:…") are ignored. A secret already in
 * @secrets whose flags let NetworkManager keep it (NONE) is not needed. */
GArray *l2tp_needed_secrets (GHashTable *data, GHashTable *secrets,
                             const char *const *hints);

/* The "x-vpn-message:" hint's text, or NULL. */
const char *l2tp_needed_secrets_message (const char *const *hints);

void l2tp_needed_secret_clear (L2tpNeededSecret *secret);

G_END_DECLS
