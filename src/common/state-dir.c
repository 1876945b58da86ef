/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/state-dir.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define STATE_DIR_MODE 0711

const char *
l2tp_state_dir (void)
{
  /* For tests of a build tree; the service runs as root, so does whoever
   * sets its environment. */
  const char *override = g_getenv ("NM_L2TP_IPSEC_STATE_DIR");

  return override && g_path_is_absolute (override) ? override : L2TP_STATE_DIR;
}

gboolean
l2tp_state_uuid_is_safe (const char *uuid)
{
  gsize len = uuid ? strlen (uuid) : 0;

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *p = uuid; *p; p++)
    if (!g_ascii_isxdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

char *
l2tp_state_file (const char *state_dir, const char *uuid, const char *suffix)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (state_dir != NULL && suffix != NULL, NULL);

  if (!l2tp_state_uuid_is_safe (uuid))
    return NULL;
  name = g_strconcat (uuid, suffix, NULL);
  return g_build_filename (state_dir, name, NULL);
}

gboolean
l2tp_state_dir_make (const char *state_dir, GError **error)
{
  GStatBuf st;

  if (g_mkdir_with_parents (state_dir, STATE_DIR_MODE) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s",
                   state_dir, g_strerror (saved));
      return FALSE;
    }
  /* The mode the plan store used to give it: the failure records need the
   * directory searchable (their own mode keeps the plans private). */
  if (g_stat (state_dir, &st) == 0 && st.st_uid == geteuid ()
      && (st.st_mode & 07777) == 0700 && g_chmod (state_dir, STATE_DIR_MODE) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s",
                   state_dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
