/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "keyring.h"

#include <libsecret/secret.h>

/* NetworkManager's agents (nm-applet, GNOME Shell) store connection secrets
 * under this schema name and these attributes. */
static const SecretSchema nm_connection_schema = {
  "org.freedesktop.NetworkManager.Connection",
  SECRET_SCHEMA_DONT_MATCH_NAME,
  {
      { "connection-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "setting-name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "setting-key", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
  },
};

char *
l2tp_keyring_lookup (const char *uuid, const char *key)
{
  g_autoptr (GError) error = NULL;
  char *secret;

  g_return_val_if_fail (uuid != NULL && key != NULL, NULL);

  secret = secret_password_lookup_sync (&nm_connection_schema, NULL, &error,
                                        "connection-uuid", uuid, "setting-name", "vpn",
                                        "setting-key", key, NULL);
  /* No keyring is an everyday case (nmcli over ssh): we ask instead. */
  if (error)
    g_debug ("keyring: %s", error->message);
  return secret;
}

void
l2tp_keyring_free (char *secret)
{
  secret_password_free (secret);
}
