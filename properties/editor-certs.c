/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "editor-certs.h"

#include <glib/gi18n-lib.h>
#include <nma-ui-utils.h>

#include "editor-widgets.h"

void
l2tp_cert_fields_load (GtkBuilder *builder, const L2tpCertFields *fields,
                       const L2tpEditorValues *values)
{
  GtkWidget *certpass = l2tp_widgets_get (builder, fields->certpass_entry);

  for (guint i = 0; i < G_N_ELEMENTS (fields->files); i++)
    l2tp_widgets_entry_set_text (l2tp_widgets_get (builder, fields->files[i].entry),
                                 l2tp_editor_values_get (values, fields->files[i].id));
  l2tp_widgets_entry_set_text (certpass,
                               l2tp_editor_values_get (values, fields->certpass));
  /* "Not required": a key need not have a password. */
  nma_utils_setup_password_storage (
      certpass, l2tp_editor_values_get_flags (values, fields->certpass_flags), NULL, NULL,
      TRUE, FALSE);
}

void
l2tp_cert_fields_watch (GtkBuilder *builder, const L2tpCertFields *fields,
                        GCallback on_change, gpointer user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields->files); i++)
    {
      const L2tpCertFile *file = &fields->files[i];
      GtkWidget *entry = l2tp_widgets_get (builder, file->entry);

      l2tp_widgets_setup_file_button (l2tp_widgets_get (builder, file->button), entry,
                                      _ (file->title));
      l2tp_widgets_watch_entry (entry, NULL, file->id, on_change, user_data);
    }
  if (on_change)
    g_signal_connect_swapped (l2tp_widgets_get (builder, fields->certpass_entry),
                              "changed", on_change, user_data);
}

gboolean
l2tp_cert_fields_valid (GtkBuilder *builder, const L2tpCertFields *fields)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields->files); i++)
    if (!l2tp_widgets_entry_is_valid (l2tp_widgets_get (builder, fields->files[i].entry)))
      return FALSE;
  return TRUE;
}

void
l2tp_cert_fields_save (GtkBuilder *builder, const L2tpCertFields *fields, gboolean in_use,
                       L2tpEditorValues *values)
{
  GtkWidget *certpass = l2tp_widgets_get (builder, fields->certpass_entry);
  gboolean kept = in_use || fields->kept_unused;

  for (guint i = 0; i < G_N_ELEMENTS (fields->files); i++)
    l2tp_editor_values_set (values, fields->files[i].id,
                            kept ? l2tp_widgets_entry_get_text (
                                l2tp_widgets_get (builder, fields->files[i].entry))
                                 : NULL);
  /* Profiles without certificates get no key password keys. */
  if (in_use || (kept && l2tp_editor_values_get (values, fields->certpass_flags)))
    l2tp_editor_values_set_secret (values, fields->certpass, fields->certpass_flags,
                                   l2tp_widgets_entry_get_text (certpass),
                                   nma_utils_menu_to_secret_flags (certpass));
  else if (!kept)
    {
      l2tp_editor_values_set (values, fields->certpass, NULL);
      l2tp_editor_values_set (values, fields->certpass_flags, NULL);
    }
}
