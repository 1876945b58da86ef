/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/reask.h"

#include <glib/gi18n-lib.h>

#include "shared/text-clean.h"
#include "src/service/need-secrets.h"

const char *
l2tp_reask_secret (const L2tpConfig *cfg, L2tpFailure failure, gboolean interactive)
{
  g_return_val_if_fail (cfg != NULL, NULL);

  if (!interactive)
    return NULL;
  switch (failure)
    {
    case L2TP_FAILURE_PPP_AUTH:
      if (l2tp_config_user_tls (cfg)
          || !l2tp_secret_from_agent (cfg, L2TP_KEY_PASSWORD_FLAGS))
        return NULL;
      return "password";
    case L2TP_FAILURE_PSK_MISMATCH:
      if (!l2tp_config_ipsec_enabled (cfg) || l2tp_config_machine_tls (cfg)
          || !l2tp_secret_from_agent (cfg, L2TP_KEY_IPSEC_PSK_FLAGS))
        return NULL;
      return "ipsec-psk";
    default:
      return NULL;
    }
}

char *
l2tp_reask_message (L2tpFailure failure, const char *user)
{
  g_autofree char *name = user ? l2tp_text_clean (user, 256) : NULL;

  switch (failure)
    {
    case L2TP_FAILURE_PPP_AUTH:
      if (name && *name)
        return g_strdup_printf (_ ("The server refused the password of user %s. "
                                   "Enter the password again."),
                                name);
      return g_strdup (_ ("The server refused the password. Enter the password again."));
    case L2TP_FAILURE_PSK_MISMATCH:
      return g_strdup (_ ("The pre-shared key does not match the server's. "
                          "Enter the pre-shared key again."));
    default:
      g_return_val_if_reached (NULL);
    }
}
