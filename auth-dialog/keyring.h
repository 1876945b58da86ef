/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading secrets the user's agent saved (AGENT_OWNED) from the keyring, under
 * the schema NetworkManager's agents write. Read only: the agent owns them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The saved value of vpn.secrets @key of connection @uuid, or NULL (none
 * saved, or no keyring reachable). Free with l2tp_keyring_free(). */
char *l2tp_keyring_lookup (const char *uuid, const char *key);
void l2tp_keyring_free (char *secret);

G_END_DECLS
