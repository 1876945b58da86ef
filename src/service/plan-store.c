/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/plan-store.h"

#include <glib/gstdio.h>
#include <string.h>

#include "src/common/failure-record.h"
#include "src/common/log.h"

static char *
plan_path (const char *state_dir, const char *uuid)
{
  return l2tp_state_file (state_dir, uuid, ".plan");
}

const char *
l2tp_plan_store_dir (void)
{
  return l2tp_state_dir ();
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
  if (!l2tp_state_dir_make (state_dir, error))
    return FALSE;
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

typedef struct
{
  char *state_dir;
  char *uuid;
} PruneItem;

static void
prune_item_free (PruneItem *item)
{
  g_free (item->state_dir);
  g_free (item->uuid);
  g_free (item);
}

static void
on_connection_by_uuid (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PruneItem *item = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) answer
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_autofree char *remote = error ? g_dbus_error_get_remote_error (error) : NULL;

  if (g_strcmp0 (remote, "org.freedesktop.NetworkManager.Settings.InvalidConnection")
      == 0)
    {
      l2tp_plan_store_forget (item->state_dir, item->uuid);
      l2tp_failure_record_forget (item->state_dir, item->uuid);
    }
  prune_item_free (item);
}

void
l2tp_plan_store_prune (GDBusConnection *bus, const char *state_dir)
{
  g_autoptr (GDir) dir = g_dir_open (state_dir, 0, NULL);
  const char *name;

  if (!dir || !bus)
    return;
  while ((name = g_dir_read_name (dir)))
    {
      PruneItem *item;
      const char *suffix = NULL;

      /* What is kept per connection: its plan, its last failure (a uuid
       * with both is asked about twice, harmlessly). */
      if (g_str_has_suffix (name, ".plan"))
        suffix = ".plan";
      else if (g_str_has_suffix (name, L2TP_FAILURE_RECORD_SUFFIX))
        suffix = L2TP_FAILURE_RECORD_SUFFIX;
      else
        continue;
      item = g_new0 (PruneItem, 1);
      item->state_dir = g_strdup (state_dir);
      item->uuid = g_strndup (name, strlen (name) - strlen (suffix));
      if (!l2tp_state_uuid_is_safe (item->uuid))
        {
          prune_item_free (item);
          continue;
        }
      g_dbus_connection_call (bus, "org.freedesktop.NetworkManager",
                              "/org/freedesktop/NetworkManager/Settings",
                              "org.freedesktop.NetworkManager.Settings",
                              "GetConnectionByUuid", g_variant_new ("(s)", item->uuid),
                              G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                              on_connection_by_uuid, item);
    }
}
