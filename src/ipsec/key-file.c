/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/ipsec/key-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shared/private-key.h"

#define KEY_NAME(id) (l2tp_key_get (id)->name)

static void
set_error (GError **error, int code, const char *key, const char *path, const char *what)
{
  g_set_error (error, G_FILE_ERROR, code, "%s: %s: %s", key, path, what);
}

static void
set_errno (GError **error, const char *key, const char *path, int errsv)
{
  /* O_NOFOLLOW on a symlink fails with ELOOP: say what it means here. */
  set_error (error, g_file_error_from_errno (errsv), key, path,
             errsv == ELOOP ? _ ("is a symbolic link; name the file itself")
                            : g_strerror (errsv));
}

static void
wipe_free (gpointer data)
{
  GByteArray *array = data;

  l2tp_private_key_wipe (array->data, array->len);
  g_byte_array_unref (array);
}

GBytes *
l2tp_key_file_read (const char *key, const char *path, GError **error)
{
  g_autoptr (GByteArray) buf = NULL;
  GByteArray *owned;
  struct stat st;
  gsize len = 0;
  int fd;

  g_return_val_if_fail (key != NULL && path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      set_errno (error, key, path, errno);
      return NULL;
    }
  if (fstat (fd, &st) < 0)
    {
      set_errno (error, key, path, errno);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > L2TP_KEY_FILE_MAX)
    {
      set_error (error, G_FILE_ERROR_INVAL, key, path,
                 S_ISREG (st.st_mode) ? _ ("is too large for a key file")
                                      : _ ("is not a regular file"));
      close (fd);
      return NULL;
    }
  /* One byte more than the limit tells a file that grew since fstat(). */
  buf = g_byte_array_sized_new (L2TP_KEY_FILE_MAX + 1);
  g_byte_array_set_size (buf, L2TP_KEY_FILE_MAX + 1);
  while (len < buf->len)
    {
      ssize_t n = read (fd, buf->data + len, buf->len - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          l2tp_private_key_wipe (buf->data, len);
          close (fd);
          set_errno (error, key, path, errsv);
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
    }
  close (fd);
  if (len > L2TP_KEY_FILE_MAX)
    {
      l2tp_private_key_wipe (buf->data, len);
      set_error (error, G_FILE_ERROR_INVAL, key, path, _ ("is too large for a key file"));
      return NULL;
    }
  g_byte_array_set_size (buf, len);
  owned = g_steal_pointer (&buf);
  return g_bytes_new_with_free_func (owned->data, owned->len, wipe_free, owned);
}

gboolean
l2tp_key_file_check (const char *key, const char *path, GError **error)
{
  struct stat st;

  g_return_val_if_fail (key != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stat (path, &st) < 0)
    {
      set_errno (error, key, path, errno);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_error (error, G_FILE_ERROR_INVAL, key, path, _ ("is not a regular file"));
      return FALSE;
    }
  if (access (path, R_OK) < 0)
    {
      set_errno (error, key, path, errno);
      return FALSE;
    }
  return TRUE;
}

/* A certificate file charon cannot read, or a machine key that is missing,
 * is not a key or does not decrypt: said now with the setting's name, not
 * as an authentication failure later. charon reads the certificates
 * itself; the key we read (as root) and decrypt, since load-key takes it
 * decrypted. */
/* charon signs with whichever private key belongs to machine-cert, loaded
 * by anyone: a machine-key of another certificate must stop here, before
 * anything is loaded. */
static gboolean
key_matches_cert (const L2tpConfig *cfg, const L2tpPrivateKey *key, GError **error)
{
  const char *cert_name = KEY_NAME (L2TP_KEY_MACHINE_CERT);
  const char *cert = l2tp_config_get (cfg, L2TP_KEY_MACHINE_CERT);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *cert_id = NULL;

  if (!cert)
    return TRUE;
  bytes = l2tp_key_file_read (cert_name, cert, error);
  if (!bytes)
    return FALSE;
  cert_id = l2tp_certificate_key_id (g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), &local);
  if (!cert_id)
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
                   "%s: %s: %s", cert_name, cert, local->message);
      return FALSE;
    }
  if (g_ascii_strcasecmp (cert_id, l2tp_private_key_get_id (key)) != 0)
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
                   _ ("%s: %s is not the key of the certificate %s (%s)"),
                   KEY_NAME (L2TP_KEY_MACHINE_KEY),
                   l2tp_config_get (cfg, L2TP_KEY_MACHINE_KEY), cert, cert_name);
      return FALSE;
    }
  return TRUE;
}

L2tpPrivateKey *
l2tp_key_file_read_machine_key (const L2tpConfig *cfg, GError **error)
{
  static const L2tpKeyId files[] = { L2TP_KEY_MACHINE_CA, L2TP_KEY_MACHINE_CERT };
  const char *name = KEY_NAME (L2TP_KEY_MACHINE_KEY);
  const char *path = l2tp_config_get (cfg, L2TP_KEY_MACHINE_KEY);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  L2tpPrivateKey *key;
  const guint8 *data;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      const char *file = l2tp_config_get (cfg, files[i]);

      if (file && !l2tp_key_file_check (KEY_NAME (files[i]), file, error))
        return NULL;
    }
  if (!path)
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_MISSING_KEY,
                   _ ("%s: required when machine-auth-type is tls"), name);
      return NULL;
    }
  bytes = l2tp_key_file_read (name, path, error);
  if (!bytes)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
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
  if (!key_matches_cert (cfg, key, error))
    {
      l2tp_private_key_free (key);
      return NULL;
    }
  return key;
}
