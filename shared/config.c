/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "text-clean.h"
#include "value-check.h"

G_DEFINE_QUARK (l2tp - config - error - quark, l2tp_config_error)

struct _L2tpConfig
{
  gint ref_count;
  char *values[L2TP_KEY_COUNT]; /* canonical text; NULL = not set */
  L2tpProposalSet *ike;
  L2tpProposalSet *esp;
};

static void
config_free (L2tpConfig *cfg)
{
  for (guint i = 0; i < L2TP_KEY_COUNT; i++)
    {
      const L2tpKey *key = l2tp_key_get (i);
      if (cfg->values[i] && (key->place & L2TP_IN_SECRETS))
        memset (cfg->values[i], 0, strlen (cfg->values[i]));
      g_free (cfg->values[i]);
    }
  g_clear_pointer (&cfg->ike, l2tp_proposal_set_free);
  g_clear_pointer (&cfg->esp, l2tp_proposal_set_free);
  g_free (cfg);
}

L2tpConfig *
l2tp_config_ref (L2tpConfig *cfg)
{
  g_return_val_if_fail (cfg != NULL, NULL);
  g_atomic_int_inc (&cfg->ref_count);
  return cfg;
}

void
l2tp_config_unref (L2tpConfig *cfg)
{
  if (cfg && g_atomic_int_dec_and_test (&cfg->ref_count))
    config_free (cfg);
}

gboolean
l2tp_config_check_value (L2tpKeyId id, const char *value, GError **error)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (id < L2TP_KEY_COUNT, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  canonical = l2tp_value_canonicalize (l2tp_key_get (id), value, error);
  return canonical != NULL;
}

/* Take one key=value from the connection into cfg, refusing what the table
 * does not know or allow. */
static gboolean
take_item (L2tpConfig *cfg, const char *name, const char *value, L2tpKeyPlace place,
           GError **error)
{
  L2tpKeyId id;
  const L2tpKey *key;
  char *canonical;

  /* NetworkManager adds the service name as "name" to data in some paths. */
  if (place == L2TP_IN_DATA && strcmp (name, "name") == 0)
    return TRUE;
  /* The old auth dialog sends this token when no secret is needed. */
  if (place == L2TP_IN_SECRETS && strcmp (name, "no-secret") == 0)
    return TRUE;

  key = l2tp_key_lookup (name, &id);
  if (!key || !(key->place & place))
    {
      g_autofree char *shown = l2tp_text_clean (name, 64);
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_UNKNOWN_KEY,
                   place == L2TP_IN_DATA ? _ ("%s: unknown key in vpn.data")
                                         : _ ("%s: unknown key in vpn.secrets"),
                   shown);
      return FALSE;
    }

  /* An empty value means "not set", as NetworkManager-l2tp treated it. */
  if (value == NULL || value[0] == '\0')
    return TRUE;

  canonical = l2tp_value_canonicalize (key, value, error);
  if (!canonical)
    return FALSE;

  /* A key in both places (ipsec-psk): the secret wins over the legacy copy. */
  if (cfg->values[id] && place == L2TP_IN_DATA)
    {
      g_free (canonical);
      return TRUE;
    }
  g_free (cfg->values[id]);
  cfg->values[id] = canonical;
  return TRUE;
}

static gboolean
take_table (L2tpConfig *cfg, GHashTable *table, L2tpKeyPlace place, GError **error)
{
  GHashTableIter iter;
  gpointer k, v;
  g_autoptr (GPtrArray) names = NULL;

  if (!table)
    return TRUE;

  /* Sorted, so the first bad key reported does not depend on hash order. */
  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_ptr_array_add (names, k);
  g_ptr_array_sort (names, (GCompareFunc) l2tp_value_compare_indirect);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      if (!take_item (cfg, name, g_hash_table_lookup (table, name), place, error))
        return FALSE;
    }
  return TRUE;
}

/* Old names map onto current ones, so the rest of the program sees one key. */
static void
apply_aliases (L2tpConfig *cfg)
{
  static const struct
  {
    L2tpKeyId from, to;
  } aliases[] = {
    { L2TP_KEY_IPSEC_GATEWAY_ID, L2TP_KEY_IPSEC_REMOTE_ID },
    { L2TP_KEY_KDE_CERT_CA, L2TP_KEY_USER_CA },
    { L2TP_KEY_KDE_CERT_PUB, L2TP_KEY_USER_CERT },
    { L2TP_KEY_KDE_CERT_KEY, L2TP_KEY_USER_KEY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (cfg->values[aliases[i].from] && !cfg->values[aliases[i].to])
        cfg->values[aliases[i].to] = g_strdup (cfg->values[aliases[i].from]);
    }
  if (g_strcmp0 (cfg->values[L2TP_KEY_KDE_USE_CERT], "yes") == 0
      && !cfg->values[L2TP_KEY_USER_AUTH_TYPE])
    cfg->values[L2TP_KEY_USER_AUTH_TYPE] = g_strdup ("tls");
}

static gboolean
check_required (const L2tpConfig *cfg, GError **error)
{
  for (guint i = 0; i < L2TP_KEY_COUNT; i++)
    {
      const L2tpKey *key = l2tp_key_get (i);
      if (key->required && !cfg->values[i])
        {
          g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_MISSING_KEY,
                       _ ("%s: required, but not set"), key->name);
          return FALSE;
        }
    }
  if (l2tp_config_machine_tls (cfg) && l2tp_config_ipsec_enabled (cfg)
      && !cfg->values[L2TP_KEY_MACHINE_CERT])
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_MISSING_KEY,
                   _ ("%s: required when machine-auth-type is tls"), "machine-cert");
      return FALSE;
    }
  if (l2tp_config_user_tls (cfg) && !cfg->values[L2TP_KEY_USER_CERT])
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_MISSING_KEY,
                   _ ("%s: required when user-auth-type is tls"), "user-cert");
      return FALSE;
    }
  return TRUE;
}

static gboolean
build_proposals (L2tpConfig *cfg, GError **error)
{
  const char *ike = cfg->values[L2TP_KEY_IPSEC_IKE];
  const char *esp = cfg->values[L2TP_KEY_IPSEC_ESP];

  cfg->ike = ike ? l2tp_proposal_set_parse (L2TP_PROPOSAL_IKE, "ipsec-ike", ike, error)
                 : l2tp_proposal_set_new_default (L2TP_PROPOSAL_IKE);
  if (!cfg->ike)
    return FALSE;
  cfg->esp = esp ? l2tp_proposal_set_parse (L2TP_PROPOSAL_ESP, "ipsec-esp", esp, error)
                 : l2tp_proposal_set_new_default (L2TP_PROPOSAL_ESP);
  if (!cfg->esp)
    return FALSE;

  if (!l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_PFS))
    {
      L2tpProposalSet *no_pfs = l2tp_proposal_set_with_dh (cfg->esp, L2TP_DH_NONE);
      l2tp_proposal_set_free (cfg->esp);
      cfg->esp = no_pfs;
    }
  return TRUE;
}

L2tpConfig *
l2tp_config_new (GHashTable *data, GHashTable *secrets, GError **error)
{
  g_autoptr (L2tpConfig) cfg = g_new0 (L2tpConfig, 1);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cfg->ref_count = 1;
  /* Secrets first: they win over legacy copies in vpn.data. */
  if (!take_table (cfg, secrets, L2TP_IN_SECRETS, error)
      || !take_table (cfg, data, L2TP_IN_DATA, error))
    return NULL;

  apply_aliases (cfg);
  if (!check_required (cfg, error) || !build_proposals (cfg, error))
    return NULL;

  return g_steal_pointer (&cfg);
}

/* One key from one table as the table allows it, else nothing. */
static void
take_leniently (L2tpConfig *cfg, L2tpKeyId id, GHashTable *table, L2tpKeyPlace place)
{
  const L2tpKey *key = l2tp_key_get (id);
  const char *value;

  if (!table || !(key->place & place) || cfg->values[id])
    return;
  value = g_hash_table_lookup (table, key->name);
  if (value && value[0] != '\0')
    cfg->values[id] = l2tp_value_canonicalize (key, value, NULL);
}

L2tpConfig *
l2tp_config_new_partial (GHashTable *data, GHashTable *secrets, const L2tpKeyId *keys,
                         gsize n_keys)
{
  L2tpConfig *cfg;

  g_return_val_if_fail (keys != NULL || n_keys == 0, NULL);
  for (gsize i = 0; i < n_keys; i++)
    g_return_val_if_fail (keys[i] < L2TP_KEY_COUNT, NULL);

  cfg = g_new0 (L2tpConfig, 1);
  cfg->ref_count = 1;
  for (gsize i = 0; i < n_keys; i++)
    {
      /* Secrets first, as l2tp_config_new() has it. */
      take_leniently (cfg, keys[i], secrets, L2TP_IN_SECRETS);
      take_leniently (cfg, keys[i], data, L2TP_IN_DATA);
    }
  apply_aliases (cfg);
  return cfg;
}

const char *
l2tp_config_get (const L2tpConfig *cfg, L2tpKeyId id)
{
  g_return_val_if_fail (cfg != NULL, NULL);
  g_return_val_if_fail (id < L2TP_KEY_COUNT, NULL);

  return cfg->values[id] ? cfg->values[id] : l2tp_key_get (id)->def;
}

gboolean
l2tp_config_is_set (const L2tpConfig *cfg, L2tpKeyId id)
{
  g_return_val_if_fail (cfg != NULL, FALSE);
  g_return_val_if_fail (id < L2TP_KEY_COUNT, FALSE);

  return cfg->values[id] != NULL;
}

guint
l2tp_config_get_uint (const L2tpConfig *cfg, L2tpKeyId id)
{
  const char *v = l2tp_config_get (cfg, id);

  /* Canonical already: plain decimal within range. */
  return v ? (guint) g_ascii_strtoull (v, NULL, 10) : 0;
}

gboolean
l2tp_config_get_bool (const L2tpConfig *cfg, L2tpKeyId id)
{
  return g_strcmp0 (l2tp_config_get (cfg, id), "yes") == 0;
}

gboolean
l2tp_config_ipsec_enabled (const L2tpConfig *cfg)
{
  if (cfg->values[L2TP_KEY_IPSEC_ENABLED])
    return l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_ENABLED);
  /* Not said: a PSK or a machine certificate shows what the user meant. */
  return cfg->values[L2TP_KEY_IPSEC_PSK] != NULL
         || (l2tp_config_machine_tls (cfg) && cfg->values[L2TP_KEY_MACHINE_CERT]);
}

const char *
l2tp_config_remote_id (const L2tpConfig *cfg)
{
  return cfg->values[L2TP_KEY_IPSEC_REMOTE_ID];
}

gboolean
l2tp_config_user_tls (const L2tpConfig *cfg)
{
  return g_strcmp0 (l2tp_config_get (cfg, L2TP_KEY_USER_AUTH_TYPE), "tls") == 0;
}

gboolean
l2tp_config_machine_tls (const L2tpConfig *cfg)
{
  return g_strcmp0 (l2tp_config_get (cfg, L2TP_KEY_MACHINE_AUTH_TYPE), "tls") == 0;
}

char *
l2tp_config_ppp_user (const L2tpConfig *cfg)
{
  const char *user = cfg->values[L2TP_KEY_USER];
  const char *domain = cfg->values[L2TP_KEY_DOMAIN];

  if (!user)
    return NULL;
  if (domain)
    return g_strdup_printf ("%s\\%s", domain, user);
  return g_strdup (user);
}

GBytes *
l2tp_config_psk (const L2tpConfig *cfg)
{
  const char *psk = cfg->values[L2TP_KEY_IPSEC_PSK];

  if (!psk)
    return NULL;
  return l2tp_value_decode_psk (psk);
}

const L2tpProposalSet *
l2tp_config_ike (const L2tpConfig *cfg)
{
  return cfg->ike;
}

const L2tpProposalSet *
l2tp_config_esp (const L2tpConfig *cfg)
{
  return cfg->esp;
}

static GHashTable *
dup_place (const L2tpConfig *cfg, L2tpKeyPlace place)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < L2TP_KEY_COUNT; i++)
    {
      const L2tpKey *key = l2tp_key_get (i);

      if (!cfg->values[i] || key->deprecated)
        continue;
      /* The PSK is saved as a secret only, even if it arrived in vpn.data. */
      if (i == L2TP_KEY_IPSEC_PSK ? place != L2TP_IN_SECRETS : !(key->place & place))
        continue;
      g_hash_table_insert (out, (gpointer) key->name, g_strdup (cfg->values[i]));
    }
  return out;
}

GHashTable *
l2tp_config_dup_data (const L2tpConfig *cfg)
{
  return dup_place (cfg, L2TP_IN_DATA);
}

GHashTable *
l2tp_config_dup_secrets (const L2tpConfig *cfg)
{
  return dup_place (cfg, L2TP_IN_SECRETS);
}
