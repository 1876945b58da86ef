/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which secret NetworkManager still has to get for a connection. Pure. */
#pragma once

#include "shared/config.h"

G_BEGIN_DECLS

/* The name of the first secret the connection needs but lacks ("password",
 * "ipsec-psk", "user-certpass", "machine-certpass"), or NULL:
 *  - password, unless user-auth-type is tls or password-flags says
 *    NOT_REQUIRED;
 *  - ipsec-psk, when IPsec is on with machine-auth-type psk, unless
 *    ipsec-psk-flags says NOT_REQUIRED (a copy in vpn.data counts);
 *  - user-certpass / machine-certpass, when that certificate is used and its
 *    flags say the secret is agent-owned or not saved (a system-owned empty
 *    one means an unencrypted key). */
const char *l2tp_need_secret (const L2tpConfig *cfg);
/* The secret whose flags key this is comes from the person, through a
 * secret agent (agent-owned or not saved), and is required. */
gboolean l2tp_secret_from_agent (const L2tpConfig *cfg, L2tpKeyId flags_key);
/* The same answer for a connection the sanitizer refuses (an mtu out of
 * range, a newline in the user name): only the keys the answer depends on
 * are read, each on its own (l2tp_config_new_partial), and one of them that
 * is refused counts as not set. data and secrets: key -> value (char *),
 * either may be NULL. */
const char *l2tp_need_secret_partial (GHashTable *data, GHashTable *secrets);

G_END_DECLS
