/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/ipsec/machine-key.h"

#include <glib/gi18n-lib.h>

#define KEY_NAME(id) (l2tp_key_get (id)->name)

/* The bytes of a file the connection uses; missing ones are a bug of the
 * caller, said with the setting's name. */
static gboolean
file_bytes (const L2tpConfig *cfg, L2tpKeyId id, GBytes *bytes, const guint8 **data,
            gsize *len, GError **error)
{
  if (!bytes)
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
                   _ ("%s: %s: not read by the service"), KEY_NAME (id),
                   l2tp_config_get (cfg, id));
      return FALSE;
    }
  *data = g_bytes_get_data (bytes, len);
  return TRUE;
}

/* The public key ID of a certificate file, or NULL and an error naming it. */
static char *
certificate_id (const L2tpConfig *cfg, L2tpKeyId id, GBytes *bytes, GError **error)
{
  g_autoptr (GError) local = NULL;
  const guint8 *data = NULL;
  char *cert_id;
  gsize len = 0;

  if (!file_bytes (cfg, id, bytes, &data, &len, error))
    return NULL;
  cert_id = l2tp_certificate_key_id (data, len, &local);
  if (!cert_id)
    g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE, "%s: %s: %s",
                 KEY_NAME (id), l2tp_config_get (cfg, id), local->message);
  return cert_id;
}

/* charon signs with whichever private key belongs to machine-cert, loaded
 * by anyone: a machine-key of another certificate must stop here, before
 * anything is loaded. */
static gboolean
key_matches_cert (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                  const L2tpPrivateKey *key, GError **error)
{
  g_autofree char *cert_id = NULL;

  if (!l2tp_config_get (cfg, L2TP_KEY_MACHINE_CERT))
    return TRUE;
  cert_id = certificate_id (cfg, L2TP_KEY_MACHINE_CERT, ctx->machine_cert, error);
  if (!cert_id)
    return FALSE;
  if (g_ascii_strcasecmp (cert_id, l2tp_private_key_get_id (key)) != 0)
    {
      g_set_error (
          error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
          _ ("%s: %s is not the key of the certificate %s (%s)"),
          KEY_NAME (L2TP_KEY_MACHINE_KEY), l2tp_config_get (cfg, L2TP_KEY_MACHINE_KEY),
          l2tp_config_get (cfg, L2TP_KEY_MACHINE_CERT), KEY_NAME (L2TP_KEY_MACHINE_CERT));
      return FALSE;
    }
  return TRUE;
}

/* A CA file that holds no certificate is said now, with its setting's
 * name, not as an authentication failure later. */
static gboolean
check_ca (const L2tpConfig *cfg, const L2tpRenderContext *ctx, GError **error)
{
  g_autofree char *id = NULL;

  if (!l2tp_config_get (cfg, L2TP_KEY_MACHINE_CA))
    return TRUE;
  id = certificate_id (cfg, L2TP_KEY_MACHINE_CA, ctx->machine_ca, error);
  return id != NULL;
}

L2tpPrivateKey *
l2tp_machine_key_decode (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                         GError **error)
{
  const char *name = KEY_NAME (L2TP_KEY_MACHINE_KEY);
  const char *path = l2tp_config_get (cfg, L2TP_KEY_MACHINE_KEY);
  g_autoptr (GError) local = NULL;
  L2tpPrivateKey *key;
  const guint8 *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (cfg != NULL && ctx != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_ca (cfg, ctx, error))
    return NULL;
  if (!path)
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_MISSING_KEY,
                   _ ("%s: required when machine-auth-type is tls"), name);
      return NULL;
    }
  if (!file_bytes (cfg, L2TP_KEY_MACHINE_KEY, ctx->machine_key, &data, &len, error))
    return NULL;
  key = l2tp_private_key_decode (
      data, len, l2tp_config_get (cfg, L2TP_KEY_MACHINE_CERTPASS), &local);
  if (!key)
    {
      gboolean password = g_error_matches (local, L2TP_PRIVATE_KEY_ERROR,
                                           L2TP_PRIVATE_KEY_ERROR_NEEDS_PASSWORD)
                          || g_error_matches (local, L2TP_PRIVATE_KEY_ERROR,
                                              L2TP_PRIVATE_KEY_ERROR_BAD_PASSWORD);

      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
                   "%s: %s: %s%s%s%s", name, path, local->message, password ? " (" : "",
                   password ? KEY_NAME (L2TP_KEY_MACHINE_CERTPASS) : "",
                   password ? ")" : "");
      return NULL;
    }
  if (!key_matches_cert (cfg, ctx, key, error))
    {
      l2tp_private_key_free (key);
      return NULL;
    }
  return key;
}
