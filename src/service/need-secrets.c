/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/need-secrets.h"

/* NMSettingSecretFlags, spelled out so this file stays free of libnm. */
#define FLAG_AGENT_OWNED  0x1
#define FLAG_NOT_SAVED    0x2
#define FLAG_NOT_REQUIRED 0x4

gboolean
l2tp_secret_from_agent (const L2tpConfig *cfg, L2tpKeyId flags_key)
{
  guint flags = l2tp_config_get_uint (cfg, flags_key);

  return !(flags & FLAG_NOT_REQUIRED) && (flags & (FLAG_AGENT_OWNED | FLAG_NOT_SAVED));
}

static gboolean
missing (const L2tpConfig *cfg, L2tpKeyId secret, L2tpKeyId flags_key,
         gboolean only_if_asked)
{
  if (l2tp_config_get_uint (cfg, flags_key) & FLAG_NOT_REQUIRED)
    return FALSE;
  if (only_if_asked && !l2tp_secret_from_agent (cfg, flags_key))
    return FALSE;
  return !l2tp_config_is_set (cfg, secret);
}

const char *
l2tp_need_secret (const L2tpConfig *cfg)
{
  g_return_val_if_fail (cfg != NULL, NULL);

  if (!l2tp_config_user_tls (cfg)
      && missing (cfg, L2TP_KEY_PASSWORD, L2TP_KEY_PASSWORD_FLAGS, FALSE))
    return "password";
  if (l2tp_config_ipsec_enabled (cfg) && !l2tp_config_machine_tls (cfg)
      && missing (cfg, L2TP_KEY_IPSEC_PSK, L2TP_KEY_IPSEC_PSK_FLAGS, FALSE))
    return "ipsec-psk";
  if (l2tp_config_user_tls (cfg)
      && missing (cfg, L2TP_KEY_USER_CERTPASS, L2TP_KEY_USER_CERTPASS_FLAGS, TRUE))
    return "user-certpass";
  if (l2tp_config_ipsec_enabled (cfg) && l2tp_config_machine_tls (cfg)
      && missing (cfg, L2TP_KEY_MACHINE_CERTPASS, L2TP_KEY_MACHINE_CERTPASS_FLAGS, TRUE))
    return "machine-certpass";
  return NULL;
}

/* Every key l2tp_need_secret() and the config's derived values it calls
 * (l2tp_config_user_tls, l2tp_config_machine_tls, l2tp_config_ipsec_enabled,
 * the aliases) read. */
static const L2tpKeyId asked[] = {
  L2TP_KEY_PASSWORD,
  L2TP_KEY_PASSWORD_FLAGS,
  L2TP_KEY_USER_AUTH_TYPE,
  L2TP_KEY_KDE_USE_CERT,
  L2TP_KEY_USER_CERTPASS,
  L2TP_KEY_USER_CERTPASS_FLAGS,
  L2TP_KEY_IPSEC_ENABLED,
  L2TP_KEY_IPSEC_PSK,
  L2TP_KEY_IPSEC_PSK_FLAGS,
  L2TP_KEY_MACHINE_AUTH_TYPE,
  L2TP_KEY_MACHINE_CERT,
  L2TP_KEY_MACHINE_CERTPASS,
  L2TP_KEY_MACHINE_CERTPASS_FLAGS,
};

const char *
l2tp_need_secret_partial (GHashTable *data, GHashTable *secrets)
{
  g_autoptr (L2tpConfig) cfg
      = l2tp_config_new_partial (data, secrets, asked, G_N_ELEMENTS (asked));

  return l2tp_need_secret (cfg);
}
