/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "needed-secrets.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "prompt-text.h"

static gboolean
is (GHashTable *data, L2tpKeyId id, const char *value)
{
  const char *set = g_hash_table_lookup (data, l2tp_key_get (id)->name);

  return g_strcmp0 (set && set[0] ? set : l2tp_key_get (id)->def, value) == 0;
}

static gboolean
has (GHashTable *table, L2tpKeyId id)
{
  const char *value = g_hash_table_lookup (table, l2tp_key_get (id)->name);

  return value && value[0];
}

/* The service's rule for an absent ipsec-enabled (see the key table). */
static gboolean
ipsec_enabled (GHashTable *data, GHashTable *secrets)
{
  if (has (data, L2TP_KEY_IPSEC_ENABLED))
    return is (data, L2TP_KEY_IPSEC_ENABLED, "yes");
  return has (secrets, L2TP_KEY_IPSEC_PSK) || has (data, L2TP_KEY_IPSEC_PSK)
         || has (data, L2TP_KEY_MACHINE_CERT);
}

/* Whether @hints name any secret (a message is no secret's name). */
static gboolean
names_secrets (const char *const *hints)
{
  for (guint i = 0; hints && hints[i]; i++)
    if (!g_str_has_prefix (hints[i], L2TP_PROMPT_MESSAGE_HINT))
      return TRUE;
  return FALSE;
}

static gboolean
named (const char *const *hints, const char *name)
{
  for (guint i = 0; hints && hints[i]; i++)
    if (strcmp (hints[i], name) == 0)
      return TRUE;
  return FALSE;
}

void
l2tp_needed_secret_clear (L2tpNeededSecret *secret)
{
  if (secret->value)
    memset (secret->value, 0, strlen (secret->value));
  g_clear_pointer (&secret->value, g_free);
}

GArray *
l2tp_needed_secrets (GHashTable *data, GHashTable *secrets, const char *const *hints)
{
  gboolean narrowed = names_secrets (hints);
  gboolean user_tls = is (data, L2TP_KEY_USER_AUTH_TYPE, "tls")
                      || is (data, L2TP_KEY_KDE_USE_CERT, "yes");
  gboolean ipsec = ipsec_enabled (data, secrets);
  gboolean machine_tls = is (data, L2TP_KEY_MACHINE_AUTH_TYPE, "tls");
  const struct
  {
    L2tpKeyId id, flags_id;
    gboolean in_use;
    const char *label;
  } candidates[] = {
    { L2TP_KEY_PASSWORD, L2TP_KEY_PASSWORD_FLAGS, !user_tls, _ ("Password") },
    { L2TP_KEY_USER_CERTPASS, L2TP_KEY_USER_CERTPASS_FLAGS, user_tls,
      _ ("User certificate key password") },
    { L2TP_KEY_IPSEC_PSK, L2TP_KEY_IPSEC_PSK_FLAGS, ipsec && !machine_tls,
      _ ("Pre-shared key") },
    { L2TP_KEY_MACHINE_CERTPASS, L2TP_KEY_MACHINE_CERTPASS_FLAGS, ipsec && machine_tls,
      _ ("Machine certificate key password") },
  };
  GArray *needed = g_array_new (FALSE, TRUE, sizeof (L2tpNeededSecret));

  g_return_val_if_fail (data != NULL && secrets != NULL, needed);
  g_array_set_clear_func (needed, (GDestroyNotify) l2tp_needed_secret_clear);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *name = l2tp_key_get (candidates[i].id)->name;
      const char *known = g_hash_table_lookup (secrets, name);
      NMSettingSecretFlags flags = NM_SETTING_SECRET_FLAG_NONE;
      L2tpNeededSecret secret = { 0 };

      nm_vpn_service_plugin_get_secret_flags (data, name, &flags);
      if (!candidates[i].in_use || (narrowed && !named (hints, name))
          || (flags & NM_SETTING_SECRET_FLAG_NOT_REQUIRED))
        continue;
      /* NetworkManager keeps system-owned secrets itself: one it passed in
       * needs nothing from us, and is not ours to print — unless it is
       * asked for again (hints), which means it did not work. */
      if (flags == NM_SETTING_SECRET_FLAG_NONE && known && known[0] && !hints)
        continue;

      secret.id = candidates[i].id;
      secret.label = candidates[i].label;
      secret.flags = flags;
      secret.always_ask = (flags & NM_SETTING_SECRET_FLAG_NOT_SAVED) != 0;
      /* Named by a hint: the service tried the saved value and it was
       * refused, so it is neither reused nor shown again. */
      secret.refused = narrowed;
      if (known && known[0] && !secret.always_ask && !secret.refused)
        secret.value = g_strdup (known);
      g_array_append_val (needed, secret);
    }
  return needed;
}
