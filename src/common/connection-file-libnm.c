/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading as a user through libnm (NetworkManager ≥ 1.56):
 * nm_utils_copy_cert_as_user() runs NetworkManager's helper as the user,
 * which writes what it read to a new root-only file in
 * /run/NetworkManager/cert/ and gives its name. That copy is read here
 * (bounded, as for a file of our own), overwritten with zeros and removed
 * at once, whatever happens.
 *
 * libnm's helper follows symbolic links and does not look at the kind or
 * size of the file before reading it as the user; the copy is then checked
 * as any file. */
#include "src/common/connection-file.h"

#include <NetworkManager.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "shared/text-clean.h"

GBytes *
l2tp_connection_file_read_libnm (const char *key, const char *path, const char *user,
                                 GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *copy = NULL;
  GBytes *bytes;

  g_return_val_if_fail (key != NULL && path != NULL && user != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = nm_utils_copy_cert_as_user (path, user, &local);
  if (!copy)
    {
      /* The helper's words name the path and the reason (errno). */
      g_autofree char *why = l2tp_text_clean (local ? local->message : "?", 512);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   _ ("%s: %s: not readable as user %s (NetworkManager: %s)"), key, path,
                   user, why);
      return NULL;
    }
  bytes = l2tp_connection_file_read_here (key, copy, &local);
  /* tmpfs gives its pages back unwiped: zeroed first. */
  l2tp_connection_file_erase (copy);
  if (!bytes)
    {
      /* Said of the file the connection names, not of the copy. */
      g_autofree char *prefix = g_strdup_printf ("%s: %s: ", key, copy);
      const char *what = g_str_has_prefix (local->message, prefix)
                             ? local->message + strlen (prefix)
                             : local->message;

      g_set_error (error, G_FILE_ERROR, local->code, _ ("%s: %s (read as user %s): %s"),
                   key, path, user, what);
      return NULL;
    }
  return bytes;
}
