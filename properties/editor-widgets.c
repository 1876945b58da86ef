/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "editor-widgets.h"

#include <glib/gi18n-lib.h>

#include "config.h"

#define RESOURCE_PREFIX "/org/freedesktop/network-manager-l2tp-ipsec/"
#define VALID_KEY       "l2tp-entry-valid"
#define HINT_KEY        "l2tp-entry-hint"
#define KEPT_ROW_KEY    "l2tp-error-row-kept"

GtkBuilder *
l2tp_widgets_builder_new (const char *resource_name)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, resource_name, NULL);

  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  /* Our own resource, compiled in: failing to load it is a build bug. */
  if (!gtk_builder_add_from_resource (builder, path, &error))
    g_error ("%s: %s", path, error->message);
  return g_steal_pointer (&builder);
}

GtkWidget *
l2tp_widgets_get (GtkBuilder *builder, const char *id)
{
  GObject *object = gtk_builder_get_object (builder, id);

  if (!object)
    g_error ("the editor's .ui has no widget '%s'", id);
  return GTK_WIDGET (object);
}

const char *
l2tp_widgets_entry_get_text (GtkWidget *entry)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_editable_get_text (GTK_EDITABLE (entry));
#else
  return gtk_entry_get_text (GTK_ENTRY (entry));
#endif
}

void
l2tp_widgets_entry_set_text (GtkWidget *entry, const char *text)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
#else
  gtk_entry_set_text (GTK_ENTRY (entry), text ? text : "");
#endif
}

gboolean
l2tp_widgets_toggle_get (GtkWidget *toggle)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (toggle));
#else
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));
#endif
}

void
l2tp_widgets_toggle_set (GtkWidget *toggle, gboolean active)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), active);
#else
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), active);
#endif
}

void
l2tp_widgets_box_append (GtkWidget *box, GtkWidget *child)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_box_append (GTK_BOX (box), child);
#else
  gtk_box_pack_start (GTK_BOX (box), child, TRUE, TRUE, 0);
#endif
}

void
l2tp_widgets_show (GtkWidget *widget)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  if (GTK_IS_WINDOW (widget))
    gtk_window_present (GTK_WINDOW (widget));
  else
    gtk_widget_show (widget);
#else
  /* Not show_all: the .ui files say what starts visible (error labels don't). */
  gtk_widget_show (widget);
  if (GTK_IS_WINDOW (widget))
    gtk_window_present (GTK_WINDOW (widget));
#endif
}

void
l2tp_widgets_set_shown (GtkWidget *widget, gboolean shown)
{
#if !GTK_CHECK_VERSION(4, 0, 0)
  gtk_widget_set_no_show_all (widget, TRUE);
#endif
  gtk_widget_set_visible (widget, shown);
}

GtkWindow *
l2tp_widgets_get_window (GtkWidget *widget)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  GtkRoot *root = widget ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
#else
  GtkWidget *top = widget ? gtk_widget_get_toplevel (widget) : NULL;

  return GTK_IS_WINDOW (top) ? GTK_WINDOW (top) : NULL;
#endif
}

void
l2tp_widgets_mark_error (GtkWidget *entry, GtkWidget *label, const char *message)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  if (message)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
#else
  GtkStyleContext *style = gtk_widget_get_style_context (entry);

  if (message)
    gtk_style_context_add_class (style, "error");
  else
    gtk_style_context_remove_class (style, "error");
#endif
  /* Valid again: the entry's own explanation comes back (NULL would also
   * turn off has-tooltip, and with it the icon's tooltip). */
  gtk_widget_set_tooltip_text (
      entry, message ? message : g_object_get_data (G_OBJECT (entry), HINT_KEY));
  if (label)
    {
      gtk_label_set_text (GTK_LABEL (label), message ? message : "");
      if (!g_object_get_data (G_OBJECT (label), KEPT_ROW_KEY))
        l2tp_widgets_set_shown (label, message != NULL);
    }
}

void
l2tp_widgets_set_entry_hint (GtkWidget *entry, const char *hint)
{
  g_object_set_data_full (G_OBJECT (entry), HINT_KEY, g_strdup (hint), g_free);
  if (l2tp_widgets_entry_is_valid (entry))
    gtk_widget_set_tooltip_text (entry, hint);
}

void
l2tp_widgets_keep_error_row (GtkWidget *label)
{
  g_object_set_data (G_OBJECT (label), KEPT_ROW_KEY, GINT_TO_POINTER (TRUE));
  l2tp_widgets_set_shown (label, TRUE);
}

typedef struct
{
  GtkWidget *label;
  L2tpKeyId id;
  GCallback on_change;
  gpointer user_data;
} EntryWatch;

static void
watched_entry_changed (GtkWidget *entry, EntryWatch *watch)
{
  const char *text = l2tp_widgets_entry_get_text (entry);
  g_autoptr (GError) error = NULL;
  gboolean valid = text[0] == '\0' || l2tp_config_check_value (watch->id, text, &error);

  l2tp_widgets_mark_error (entry, watch->label, valid ? NULL : error->message);
  g_object_set_data (G_OBJECT (entry), VALID_KEY, GINT_TO_POINTER (!valid));
  if (watch->on_change)
    ((void (*) (gpointer)) watch->on_change) (watch->user_data);
}

void
l2tp_widgets_watch_entry (GtkWidget *entry, GtkWidget *error_label, L2tpKeyId id,
                          GCallback on_change, gpointer user_data)
{
  EntryWatch *watch = g_new0 (EntryWatch, 1);
#if GTK_CHECK_VERSION(4, 0, 0)
  g_autofree char *hint = g_strdup (gtk_widget_get_tooltip_text (entry));
#else
  g_autofree char *hint = gtk_widget_get_tooltip_text (entry);
#endif

  /* The tooltip the entry has now (its .ui's) is what it says when valid. */
  if (hint && !g_object_get_data (G_OBJECT (entry), HINT_KEY))
    l2tp_widgets_set_entry_hint (entry, hint);
  watch->label = error_label;
  watch->id = id;
  watch->on_change = on_change;
  watch->user_data = user_data;
  g_signal_connect_data (entry, "changed", G_CALLBACK (watched_entry_changed), watch,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  watched_entry_changed (entry, watch);
}

gboolean
l2tp_widgets_entry_is_valid (GtkWidget *entry)
{
  /* Stored inverted so an unwatched entry (no data) reads as valid. */
  return !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), VALID_KEY));
}

void
l2tp_widgets_spin_setup (GtkWidget *spin, const L2tpEditorValues *values, L2tpKeyId id)
{
  const L2tpKey *key = l2tp_key_get (id);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), 1, 10);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (spin), key->min, key->max);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             l2tp_editor_values_get_uint (values, id));
}

guint
l2tp_widgets_spin_get (GtkWidget *spin)
{
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  return (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin));
}

static void
file_chosen (GtkNativeDialog *chooser, int response, GtkWidget *entry)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        l2tp_widgets_entry_set_text (entry, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
browse_clicked (GtkWidget *button, GtkWidget *entry)
{
  const char *title = g_object_get_data (G_OBJECT (button), "l2tp-chooser-title");
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      title, l2tp_widgets_get_window (button), GTK_FILE_CHOOSER_ACTION_OPEN,
      _ ("_Select"), _ ("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), entry);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
l2tp_widgets_setup_file_button (GtkWidget *button, GtkWidget *entry, const char *title)
{
  g_object_set_data_full (G_OBJECT (button), "l2tp-chooser-title", g_strdup (title),
                          g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (browse_clicked), entry);
}

GtkWidget *
l2tp_widgets_dialog_new (GtkWidget *parent, const char *title, GtkWidget *content)
{
  GtkWidget *dialog = gtk_dialog_new_with_buttons (
      title, l2tp_widgets_get_window (parent),
      GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, _ ("_Cancel"),
      GTK_RESPONSE_CANCEL, _ ("_OK"), GTK_RESPONSE_OK, NULL);

  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  gtk_window_set_resizable (GTK_WINDOW (dialog), FALSE);
  l2tp_widgets_box_append (gtk_dialog_get_content_area (GTK_DIALOG (dialog)), content);
  return dialog;
}
