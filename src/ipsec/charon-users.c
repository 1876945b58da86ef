/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/ipsec/charon-users.h"

#include <unistd.h>

#include "src/common/runtime-dir.h"

int
l2tp_charon_dir_lock (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, L2TP_CHARON_LOCK_FILE, NULL);

  return l2tp_runtime_lock (path);
}

void
l2tp_charon_dir_unlock (int *fd)
{
  /* The file itself goes with the private charon's (charon.c). */
  l2tp_runtime_unlock (fd, NULL);
}

char *
l2tp_charon_user_marker (const char *dir)
{
  g_autofree char *name
      = g_strdup_printf (L2TP_CHARON_USER_PREFIX "%ld", (long) getpid ());

  return g_build_filename (dir, name, NULL);
}

guint
l2tp_charon_count_other_users (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *mine = l2tp_charon_user_marker (dir);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *stamp = NULL;

      if (!g_str_has_prefix (name, L2TP_CHARON_USER_PREFIX) || g_str_equal (path, mine))
        continue;
      if (g_file_get_contents (path, &stamp, NULL, NULL)
          && l2tp_runtime_stamp_alive (stamp))
        n++;
      else
        unlink (path);
    }
  return n;
}
