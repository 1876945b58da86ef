/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ui tier's harness: TAP checks, driving widgets, screenshots, loading
 * the editor through libnm (ui-harness.h). */
#include "ui-harness.h"

#include <stdio.h>
#include <string.h>

#define SERVICE      "org.freedesktop.NetworkManager.l2tp"
#define WAIT_TIMEOUT 10000 /* ms */

guint checks, failures;
const char *screenshot_dir;

gboolean
check (gboolean ok, const char *format, ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  checks++;
  if (!ok)
    failures++;
  printf ("%s %u - %s: %s\n", ok ? "ok" : "not ok", checks, TOOLKIT, what);
  fflush (stdout);
  return ok;
}

/* ---- driving widgets ---------------------------------------------------- */

GtkWidget *
widget_by_id (GObject *holder, const char *id)
{
  GtkBuilder *builder = g_object_get_data (holder, BUILDER_KEY);
  GObject *object = builder ? gtk_builder_get_object (builder, id) : NULL;

  if (!object)
    g_error ("no widget '%s' (test hook missing?)", id);
  return GTK_WIDGET (object);
}

void
set_text (GtkWidget *entry, const char *text)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
#else
  gtk_entry_set_text (GTK_ENTRY (entry), text);
#endif
}

const char *
get_text (GtkWidget *entry)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_editable_get_text (GTK_EDITABLE (entry));
#else
  return gtk_entry_get_text (GTK_ENTRY (entry));
#endif
}

void
set_toggle (GtkWidget *toggle, gboolean on)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), on);
#else
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), on);
#endif
}

gboolean
get_toggle (GtkWidget *toggle)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (toggle));
#else
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));
#endif
}

const char *
label_text (GtkWidget *label)
{
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
timed_out (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *counter reaches target or the time is up. */
gboolean
wait_for_count (guint *counter, guint target)
{
  gboolean expired = FALSE;
  guint timer = g_timeout_add (WAIT_TIMEOUT, timed_out, &expired);

  while (*counter < target && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (timer);
  return *counter >= target;
}

static void
count_paint (GdkFrameClock *clock, guint *painted)
{
  (*painted)++;
}

/* Shows @window and waits until it has been painted twice (laid out, drawn). */
gboolean
show_and_wait (GtkWidget *window)
{
  static guint painted;
  GdkFrameClock *clock;
  gulong id;
  gboolean ok;

#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_window_present (GTK_WINDOW (window));
#else
  gtk_widget_show (window);
#endif
  while (!gtk_widget_get_realized (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  painted = 0;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint), &painted);
  gtk_widget_queue_draw (window);
  ok = wait_for_count (&painted, 1);
  gtk_widget_queue_draw (window);
  ok = ok && wait_for_count (&painted, 2);
  g_signal_handler_disconnect (clock, id);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ok;
}

void
screenshot (GtkWidget *window, const char *name)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  gboolean saved;

  if (!screenshot_dir)
    return;
  show_and_wait (window);
  file = g_strdup_printf ("%s-%s.png", TOOLKIT, name);
  path = g_build_filename (screenshot_dir, file, NULL);
#if GTK_CHECK_VERSION(4, 0, 0)
  {
    int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
    g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
    GtkSnapshot *snapshot = gtk_snapshot_new ();
    g_autoptr (GskRenderNode) node = NULL;
    g_autoptr (GdkTexture) texture = NULL;

    gdk_paintable_snapshot (paintable, snapshot, width, height);
    node = gtk_snapshot_free_to_node (snapshot);
    texture
        = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                       node, &GRAPHENE_RECT_INIT (0, 0, width, height));
    saved = gdk_texture_save_to_png (texture, path);
  }
#else
  {
    GdkWindow *gdk_window = gtk_widget_get_window (window);
    g_autoptr (GdkPixbuf) pixbuf = NULL;

    gdk_display_sync (gdk_window_get_display (gdk_window));
    pixbuf
        = gdk_pixbuf_get_from_window (gdk_window, 0, 0, gdk_window_get_width (gdk_window),
                                      gdk_window_get_height (gdk_window));
    saved = pixbuf && gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL);
  }
#endif
  check (saved, "screenshot %s", path);
}

void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
}

/* ---- loading through libnm ------------------------------------------------ */

NMVpnEditorPlugin *
load_plugin (const char *plugin_path, const char *name_file)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (NMVpnPluginInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  NMVpnEditorPlugin *plugin;

  if (!g_key_file_load_from_file (keyfile, name_file, G_KEY_FILE_NONE, &error))
    g_error ("%s: %s", name_file, error->message);
  /* The build tree's plugin instead of the installed one. */
  g_key_file_set_string (keyfile, "libnm", "plugin", plugin_path);
  info = nm_vpn_plugin_info_new_with_data (name_file, keyfile, &error);
  if (!check (info != NULL, "plugin info from %s%s%s", name_file, error ? ": " : "",
              error ? error->message : ""))
    return NULL;
  /* transfer none: the info owns it, and goes away here. */
  plugin = nm_vpn_plugin_info_load_editor_plugin (info, &error);
  if (plugin)
    g_object_ref (plugin);
  check (plugin != NULL, "libnm loads %s%s%s", plugin_path, error ? ": " : "",
         error ? error->message : "");
  return plugin;
}

NMConnection *
new_connection (const char *const *data, const char *const *secrets)
{
  NMConnection *connection = nm_simple_connection_new ();
  NMSettingConnection *s_con = NM_SETTING_CONNECTION (nm_setting_connection_new ());
  NMSettingVpn *s_vpn = NM_SETTING_VPN (nm_setting_vpn_new ());
  g_autofree char *uuid = nm_utils_uuid_generate ();

  g_object_set (s_con, NM_SETTING_CONNECTION_ID, "corp-vpn", NM_SETTING_CONNECTION_UUID,
                uuid, NM_SETTING_CONNECTION_TYPE, NM_SETTING_VPN_SETTING_NAME, NULL);
  g_object_set (s_vpn, NM_SETTING_VPN_SERVICE_TYPE, SERVICE, NULL);
  for (guint i = 0; data && data[i]; i += 2)
    nm_setting_vpn_add_data_item (s_vpn, data[i], data[i + 1]);
  for (guint i = 0; secrets && secrets[i]; i += 2)
    nm_setting_vpn_add_secret (s_vpn, secrets[i], secrets[i + 1]);
  nm_connection_add_setting (connection, NM_SETTING (s_con));
  nm_connection_add_setting (connection, NM_SETTING (s_vpn));
  return connection;
}

static void
add_item (const char *key, const char *value, gpointer user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s=%s", key, value));
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* vpn.data or vpn.secrets must hold exactly @expected (key, value, ..., NULL). */
void
check_items (NMConnection *connection, gboolean secrets, const char *const *expected,
             const char *what)
{
  NMSettingVpn *s_vpn = nm_connection_get_setting_vpn (connection);
  g_autoptr (GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *got_text = NULL, *want_text = NULL;

  if (secrets)
    nm_setting_vpn_foreach_secret (s_vpn, add_item, got);
  else
    nm_setting_vpn_foreach_data_item (s_vpn, add_item, got);
  for (guint i = 0; expected[i]; i += 2)
    g_ptr_array_add (want, g_strdup_printf ("%s=%s", expected[i], expected[i + 1]));
  g_ptr_array_sort (got, compare_strings);
  g_ptr_array_sort (want, compare_strings);
  g_ptr_array_add (got, NULL);
  g_ptr_array_add (want, NULL);
  got_text = g_strjoinv (" ", (char **) got->pdata);
  want_text = g_strjoinv (" ", (char **) want->pdata);
  if (!check (strcmp (got_text, want_text) == 0, "%s: %s %s", what,
              secrets ? "vpn.secrets" : "vpn.data", want_text))
    printf ("#   got:    %s\n#   wanted: %s\n", got_text, want_text);
}

gboolean
update (NMVpnEditor *editor, NMConnection *connection, GError **error)
{
  return nm_vpn_editor_update_connection (editor, connection, error);
}

GtkWidget *
new_window (GtkWidget *child)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), child);
#else
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);

  gtk_container_add (GTK_CONTAINER (window), child);
  gtk_widget_show_all (child);
#endif
  gtk_window_set_title (GTK_WINDOW (window), "L2TP/IPsec (" TOOLKIT ")");
  gtk_window_set_default_size (GTK_WINDOW (window), 520, -1);
  return window;
}

void
destroy_window (GtkWidget *window)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_window_destroy (GTK_WINDOW (window));
#else
  gtk_widget_destroy (window);
#endif
}

GtkWidget *
open_dialog (GtkWidget *page, const char *button)
{
  GtkWidget *dialog;

  click (widget_by_id (G_OBJECT (page), button));
  dialog = g_object_get_data (G_OBJECT (page), DIALOG_KEY);
  check (GTK_IS_DIALOG (dialog), "%s opens a dialog", button);
  if (dialog)
    show_and_wait (dialog);
  return dialog;
}

NMVpnEditor *
new_editor (NMVpnEditorPlugin *plugin, NMConnection *connection, GtkWidget **window)
{
  g_autoptr (GError) error = NULL;
  NMVpnEditor *editor = nm_vpn_editor_plugin_get_editor (plugin, connection, &error);

  if (!check (editor != NULL, "the plugin makes an editor%s%s", error ? ": " : "",
              error ? error->message : ""))
    return NULL;
  *window = new_window (GTK_WIDGET (nm_vpn_editor_get_widget (editor)));
  check (show_and_wait (*window), "the editor's window is painted");
  return editor;
}

static void
count_changed (NMVpnEditor *editor, guint *changed)
{
  (*changed)++;
}

GtkWidget *
open_page (NMVpnEditorPlugin *plugin, NMConnection *connection, NMVpnEditor **editor,
           GtkWidget **window, guint *changed)
{
  *editor = new_editor (plugin, connection, window);
  if (!*editor)
    return NULL;
  if (changed)
    g_signal_connect (*editor, "changed", G_CALLBACK (count_changed), changed);
  return GTK_WIDGET (nm_vpn_editor_get_widget (*editor));
}

void
check_refused (NMVpnEditor *editor, NMConnection *connection, const char *key)
{
  g_autoptr (GError) error = NULL;
  gboolean saved = update (editor, connection, &error);

  check (!saved && error && strstr (error->message, key),
         "update_connection refuses %s (%s)", key, error ? error->message : "no error");
}

void
check_saved (NMVpnEditor *editor, NMConnection *connection, const char *what)
{
  g_autoptr (GError) error = NULL;

  check (update (editor, connection, &error), "%s: update_connection succeeds%s%s", what,
         error ? ": " : "", error ? error->message : "");
}
