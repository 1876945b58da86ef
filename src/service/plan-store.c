/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/plan-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "src/common/log.h"

/* NetworkManager's uuids; anything else never becomes a file name. */
static gboolean
uuid_is_safe (const char *uuid)
{
  gsize len = uuid ? strlen (uuid) : 0;

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *p = uuid; *p; p++)
    if (!g_ascii_isxdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static char *
plan_path (const char *state_dir, const char *uuid)
{
  g_autofree char *name = NULL;

  if (!uuid_is_safe (uuid))
    return NULL;
  name = g_strconcat (uuid, ".plan", NULL);
  return g_build_filename (state_dir, name, NULL);
}

L2tpPlanMemory *
l2tp_plan_store_load (const char *state_dir, const char *uuid)
{
  g_autofree char *path = plan_path (state_dir, uuid);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  L2tpPlanMemory *memory;
  GStatBuf st;

  if (!path || g_lstat (path, &st) != 0)
    return NULL;
  /* Ours only: a regular file of root's that nobody else may write. */
  if (!S_ISREG (st.st_mode) || st.st_uid != 0 || (st.st_mode & 0077) || st.st_size > 4096)
    {
      l2tp_log_warn ("plan: ignoring %s (not a private file of root's)", path);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, NULL, &error)
      || !(memory = l2tp_plan_memory_from_text (text, &error)))
    {
      l2tp_log_warn ("plan: ignoring %s: %s", path, error->message);
      return NULL;
    }
  return memory;
}

gboolean
l2tp_plan_store_save (const char *state_dir, const char *uuid,
                      const L2tpPlanMemory *memory, GError **error)
{
  g_autofree char *path = plan_path (state_dir, uuid);
  g_autofree char *text = l2tp_plan_memory_to_text (memory);

  if (!path)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "connection uuid \"%s\"",
                   uuid);
      return FALSE;
    }
  if (g_mkdir_with_parents (state_dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s",
                   state_dir, g_strerror (errno));
      return FALSE;
    }
  /* Written to a temporary file and renamed: whole or not at all. */
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

void
l2tp_plan_store_forget (const char *state_dir, const char *uuid)
{
  g_autofree char *path = plan_path (state_dir, uuid);

  if (path && g_unlink (path) == 0)
    l2tp_log_info ("plan: forgot what worked for %s", uuid);
}
