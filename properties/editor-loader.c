/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _GNU_SOURCE /* dladdr */
#include "editor-loader.h"

#include <dlfcn.h>
#include <glib/gi18n-lib.h>

#include "editor.h"

guint
l2tp_editor_gtk_version (void)
{
  /* gtk_get_major_version exists in both; the others tell them apart if a
   * stripped build lacks it. */
  guint (*major) (void)
      = (guint (*) (void)) dlsym (RTLD_DEFAULT, "gtk_get_major_version");

  if (major)
    return major ();
  if (dlsym (RTLD_DEFAULT, "gtk_box_append"))
    return 4;
  if (dlsym (RTLD_DEFAULT, "gtk_container_add"))
    return 3;
  return 0;
}

char *
l2tp_editor_library_path (GError **error)
{
  Dl_info info = { 0 };
  guint gtk = l2tp_editor_gtk_version ();
  g_autofree char *dir = NULL;

  if (gtk != 3 && gtk != 4)
    {
      g_set_error (error, NM_CONNECTION_ERROR, NM_CONNECTION_ERROR_FAILED,
                   _ ("The L2TP/IPsec editor needs GTK 3 or 4, and this program "
                      "has loaded neither."));
      return NULL;
    }
  if (!dladdr ((void *) l2tp_editor_library_path, &info) || !info.dli_fname)
    {
      g_set_error (error, NM_CONNECTION_ERROR, NM_CONNECTION_ERROR_FAILED,
                   _ ("Cannot find where the L2TP/IPsec plugin was loaded from."));
      return NULL;
    }
  dir = g_path_get_dirname (info.dli_fname);
  return g_build_filename (dir, gtk == 4 ? L2TP_EDITOR_LIB_GTK4 : L2TP_EDITOR_LIB_GTK3,
                           NULL);
}

NMVpnEditor *
l2tp_editor_load (NMVpnEditorPlugin *plugin, NMConnection *connection, GError **error)
{
  /* Loaded once and never unloaded: its GTypes stay registered. */
  static void *handle;
  static L2tpEditorFactory factory;
  g_autofree char *path = NULL;

  g_return_val_if_fail (NM_IS_VPN_EDITOR_PLUGIN (plugin), NULL);
  g_return_val_if_fail (NM_IS_CONNECTION (connection), NULL);

  if (!factory)
    {
      path = l2tp_editor_library_path (error);
      if (!path)
        return NULL;
      handle = dlopen (path, RTLD_LAZY | RTLD_LOCAL);
      if (!handle)
        {
          g_set_error (error, NM_CONNECTION_ERROR, NM_CONNECTION_ERROR_FAILED,
                       _ ("Cannot load the L2TP/IPsec editor %s: %s"), path, dlerror ());
          return NULL;
        }
      factory = (L2tpEditorFactory) dlsym (handle, L2TP_EDITOR_FACTORY_SYMBOL);
      if (!factory)
        {
          g_set_error (error, NM_CONNECTION_ERROR, NM_CONNECTION_ERROR_FAILED,
                       _ ("The L2TP/IPsec editor %s lacks %s: the wrong version is "
                          "installed"),
                       path, L2TP_EDITOR_FACTORY_SYMBOL);
          dlclose (handle);
          handle = NULL;
          return NULL;
        }
    }
  return factory (plugin, connection, error);
}
