/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A sanitized connection: built fresh from the key table at every connect,
 * import and export. The only door from untrusted vpn.data / vpn.secrets into
 * the rest of the program. */
#pragma once

#include <glib.h>

#include "settings-table.h"
#include "proposals.h"

G_BEGIN_DECLS

#define L2TP_CONFIG_ERROR (l2tp_config_error_quark ())
GQuark l2tp_config_error_quark (void);

typedef enum
{
  L2TP_CONFIG_ERROR_UNKNOWN_KEY,
  L2TP_CONFIG_ERROR_INVALID_VALUE,
  L2TP_CONFIG_ERROR_MISSING_KEY,
  L2TP_CONFIG_ERROR_UNSAFE_VALUE, /* a renderer cannot write it safely */
} L2tpConfigError;

typedef struct _L2tpConfig L2tpConfig;

/* data and secrets: key → value (char *). Either may be NULL. Unknown keys,
 * bad values and missing required keys are refused; the error names the key. */
L2tpConfig *l2tp_config_new (GHashTable *data, GHashTable *secrets, GError **error);
/* Only the keys listed, each checked on its own: a value the table refuses
 * counts as not set, every other key (unknown ones too) is not looked at,
 * nothing is required. For a question that depends on a few keys (which
 * secret is missing) when l2tp_config_new() refuses the connection for
 * another key. Never for connecting or rendering: no proposals are parsed
 * (l2tp_config_ike/esp return NULL). */
L2tpConfig *l2tp_config_new_partial (GHashTable *data, GHashTable *secrets,
                                     const L2tpKeyId *keys, gsize n_keys);
L2tpConfig *l2tp_config_ref (L2tpConfig *cfg);
void l2tp_config_unref (L2tpConfig *cfg);

/* The effective value: what the connection says, else the default, else NULL. */
const char *l2tp_config_get (const L2tpConfig *cfg, L2tpKeyId id);
gboolean l2tp_config_is_set (const L2tpConfig *cfg, L2tpKeyId id);
guint l2tp_config_get_uint (const L2tpConfig *cfg, L2tpKeyId id);
gboolean l2tp_config_get_bool (const L2tpConfig *cfg, L2tpKeyId id);

/* Derived values, with the compatibility rules applied. */
gboolean l2tp_config_ipsec_enabled (const L2tpConfig *cfg);
const char *l2tp_config_remote_id (const L2tpConfig *cfg);
gboolean l2tp_config_user_tls (const L2tpConfig *cfg);
gboolean l2tp_config_machine_tls (const L2tpConfig *cfg);
/* PPP user name, with the NT domain prefix when one is set. */
char *l2tp_config_ppp_user (const L2tpConfig *cfg);
/* The pre-shared key's bytes: "0s"+base64 decoded, otherwise the text as is. */
GBytes *l2tp_config_psk (const L2tpConfig *cfg);
const L2tpProposalSet *l2tp_config_ike (const L2tpConfig *cfg);
/* Phase 2 with ipsec-pfs applied (ipsec-pfs=no strips DH groups). */
const L2tpProposalSet *l2tp_config_esp (const L2tpConfig *cfg);

/* Keys as they should be saved back: canonical spellings, only those set. */
GHashTable *l2tp_config_dup_data (const L2tpConfig *cfg);
GHashTable *l2tp_config_dup_secrets (const L2tpConfig *cfg);

/* One key's value checked on its own (the editor uses this as you type). */
gboolean l2tp_config_check_value (L2tpKeyId id, const char *value, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpConfig, l2tp_config_unref)

G_END_DECLS
