/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ui tier: the editor in a real GTK3 or GTK4 window (built once per
 * toolkit from this file), loaded the way nm-connection-editor and GNOME
 * Settings load it: libnm's loader opens the GTK-free plugin, which dlopens
 * the editor library for the GTK in this process.
 *
 * usage: test-editor-gtkN PLUGIN.so NAME-FILE [SCREENSHOT-DIR]
 * Prints TAP lines; exits non-zero when a check fails. */
#include <NetworkManager.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>

#if GTK_CHECK_VERSION(4, 0, 0)
#define TOOLKIT "gtk4"
#else
#define TOOLKIT "gtk3"
#endif

#define SERVICE      "org.freedesktop.NetworkManager.l2tp"
#define BUILDER_KEY  "l2tp-editor-builder" /* editor.h: test hook */
#define DIALOG_KEY   "l2tp-editor-dialog"
#define WAIT_TIMEOUT 10000 /* ms */

static guint checks, failures;
static const char *screenshot_dir;

static gboolean G_GNUC_PRINTF (2, 3) check (gboolean ok, const char *format, ...)
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

static GtkWidget *
widget_by_id (GObject *holder, const char *id)
{
  GtkBuilder *builder = g_object_get_data (holder, BUILDER_KEY);
  GObject *object = builder ? gtk_builder_get_object (builder, id) : NULL;

  if (!object)
    g_error ("no widget '%s' (test hook missing?)", id);
  return GTK_WIDGET (object);
}

static void
set_text (GtkWidget *entry, const char *text)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
#else
  gtk_entry_set_text (GTK_ENTRY (entry), text);
#endif
}

static const char *
get_text (GtkWidget *entry)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_editable_get_text (GTK_EDITABLE (entry));
#else
  return gtk_entry_get_text (GTK_ENTRY (entry));
#endif
}

static void
set_toggle (GtkWidget *toggle, gboolean on)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), on);
#else
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), on);
#endif
}

static const char *
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
static gboolean
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
static gboolean
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

static void
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

static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
}

/* ---- loading through libnm ------------------------------------------------ */

static NMVpnEditorPlugin *
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

static NMConnection *
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
static void
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

static gboolean
update (NMVpnEditor *editor, NMConnection *connection, GError **error)
{
  return nm_vpn_editor_update_connection (editor, connection, error);
}

static void
count_changed (NMVpnEditor *editor, guint *changed)
{
  (*changed)++;
}

static GtkWidget *
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

static void
destroy_window (GtkWidget *window)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_window_destroy (GTK_WINDOW (window));
#else
  gtk_widget_destroy (window);
#endif
}

static GtkWidget *
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

/* ---- the cases ------------------------------------------------------------ */

static NMVpnEditor *
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
check_refused (NMVpnEditor *editor, NMConnection *connection, const char *key)
{
  g_autoptr (GError) error = NULL;
  gboolean saved = update (editor, connection, &error);

  check (!saved && error && strstr (error->message, key),
         "update_connection refuses %s (%s)", key, error ? error->message : "no error");
}

static void
check_saved (NMVpnEditor *editor, NMConnection *connection, const char *what)
{
  g_autoptr (GError) error = NULL;

  check (update (editor, connection, &error), "%s: update_connection succeeds%s%s", what,
         error ? ": " : "", error ? error->message : "");
}

/* A new connection: the four fields a phone asks for, plus the domain. */
static void
case_new_connection (NMVpnEditorPlugin *plugin)
{
  g_autoptr (NMConnection) connection = new_connection (NULL, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page;
  guint changed = 0;
  static const char *const data[] = {
    "gateway",
    "vpn.example.com",
    "user",
    "alice",
    "domain",
    "CORP",
    "ipsec-enabled",
    "yes",
    "password-flags",
    "1",
    "ipsec-psk-flags",
    "1",
    NULL,
  };
  static const char *const secrets[] = {
    "password", "s3cret pass", "ipsec-psk", "shared key", NULL,
  };

  editor = new_editor (plugin, connection, &window);
  if (!editor)
    return;
  page = GTK_WIDGET (nm_vpn_editor_get_widget (editor));
  g_signal_connect (editor, "changed", G_CALLBACK (count_changed), &changed);

  check_refused (editor, connection, "gateway");
  set_text (widget_by_id (G_OBJECT (page), "gateway_entry"), "vpn.example.com");
  set_text (widget_by_id (G_OBJECT (page), "user_entry"), "alice");
  set_text (widget_by_id (G_OBJECT (page), "password_entry"), "s3cret pass");
  set_text (widget_by_id (G_OBJECT (page), "psk_entry"), "shared key");
  set_text (widget_by_id (G_OBJECT (page), "domain_entry"), "CORP");
  check (changed >= 5, "typing emits \"changed\" (%u times)", changed);
  check (gtk_widget_get_sensitive (widget_by_id (G_OBJECT (page), "psk_entry")),
         "the PSK field is usable on a new connection");

  check_saved (editor, connection, "new connection");
  check_items (connection, FALSE, data, "new connection");
  check_items (connection, TRUE, secrets, "new connection");
  screenshot (window, "main");
  destroy_window (window);
}

/* An old profile: the editor changes only what the user changed, keeps what it
 * does not show, and refuses a Phase 1 typo. */
static void
case_existing_connection (NMVpnEditorPlugin *plugin)
{
  static const char *const old_data[] = {
    "gateway",
    "old.example.com",
    "user",
    "bob",
    "ipsec-enabled",
    "yes",
    "password-flags",
    "0",
    "ipsec-psk-flags",
    "0",
    "ipsec-dpd-delay",
    "20",
    "mrru",
    "1600",
    "xl2tpd-max-retries",
    "7",
    "ipsec-gateway-id",
    "@old.example.com",
    "ipsec-psk",
    "legacy-psk",
    NULL,
  };
  static const char *const old_secrets[] = { "password", "old pass", NULL };
  static const char *const data[] = {
    "gateway",
    "old.example.com",
    "user",
    "bob",
    "ipsec-enabled",
    "yes",
    "password-flags",
    "0",
    "ipsec-psk-flags",
    "0",
    "ipsec-dpd-delay",
    "20",
    "mrru",
    "1600",
    "xl2tpd-max-retries",
    "7",
    "ipsec-remote-id",
    "@vpn.example.com",
    "ipsec-ike",
    "aes256-sha256-modp2048,aes128-sha1-modp2048",
    "ipsec-esp",
    "aes256-sha1",
    "ipsec-pfs",
    "no",
    "ipsec-forceencaps",
    "yes",
    "ipsec-ikelifetime",
    "7200",
    "refuse-pap",
    "yes",
    "refuse-eap",
    "yes",
    "mtu",
    "1300",
    "mru",
    "1280",
    "lcp-echo-interval",
    "5",
    NULL,
  };
  static const char *const secrets[] = {
    "password", "old pass", "ipsec-psk", "legacy-psk", NULL,
  };
  g_autoptr (NMConnection) connection = new_connection (old_data, old_secrets);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *dialog, *ike, *ike_error;
  NMSettingVpn *s_vpn;

  editor = new_editor (plugin, connection, &window);
  if (!editor)
    return;
  page = GTK_WIDGET (nm_vpn_editor_get_widget (editor));

  /* IPsec dialog, first with a typo in Phase 1. */
  dialog = open_dialog (page, "ipsec_button");
  if (!dialog)
    return;
  ike = widget_by_id (G_OBJECT (dialog), "ike_entry");
  ike_error = widget_by_id (G_OBJECT (dialog), "ike_error");
  check (!gtk_widget_get_visible (ike_error),
         "no Phase 1 error shown for an empty field");
  check (strcmp (get_text (widget_by_id (G_OBJECT (dialog), "remote_id_entry")),
                 "@old.example.com")
             == 0,
         "remote ID shows the deprecated ipsec-gateway-id");
  set_text (ike, "aes256-sha256-modp2048,aes128-shaXYZ-modp2048");
  check (gtk_widget_get_visible (ike_error)
             && strstr (label_text (ike_error), "ipsec-ike"),
         "a Phase 1 typo is shown as you type (%s)", label_text (ike_error));
  check (!gtk_widget_get_sensitive (
             gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK)),
         "OK is insensitive while Phase 1 is invalid");
  screenshot (dialog, "ipsec");
  /* Forced through anyway: the save must still refuse it. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  check_refused (editor, connection, "ipsec-ike");

  dialog = open_dialog (page, "ipsec_button");
  if (!dialog)
    return;
  check (gtk_widget_get_visible (widget_by_id (G_OBJECT (dialog), "ike_error")),
         "the reopened dialog shows the stored Phase 1 error at once");
  set_text (widget_by_id (G_OBJECT (dialog), "ike_entry"),
            "aes256-sha256-modp2048,aes128-sha1-modp2048");
  set_text (widget_by_id (G_OBJECT (dialog), "esp_entry"), "aes256-sha1");
  set_text (widget_by_id (G_OBJECT (dialog), "remote_id_entry"), "@vpn.example.com");
  set_toggle (widget_by_id (G_OBJECT (dialog), "pfs_check"), FALSE);
  set_toggle (widget_by_id (G_OBJECT (dialog), "forceencaps_check"), TRUE);
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "ikelifetime_spin")), 7200);
  check (gtk_widget_get_sensitive (
             gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK)),
         "OK is sensitive once every field is valid");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);

  /* PPP dialog: Cancel keeps nothing, OK keeps everything. */
  dialog = open_dialog (page, "ppp_button");
  if (!dialog)
    return;
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "mtu_spin")), 1000);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  dialog = open_dialog (page, "ppp_button");
  if (!dialog)
    return;
  check (!gtk_widget_get_sensitive (widget_by_id (G_OBJECT (dialog), "mppe_check")),
         "MPPE is insensitive while IPsec is on");
  {
    GtkAdjustment *mtu = gtk_spin_button_get_adjustment (
        GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "mtu_spin")));
    check (gtk_adjustment_get_lower (mtu) == 576 && gtk_adjustment_get_upper (mtu) == 1500
               && gtk_adjustment_get_value (mtu) == 1400,
           "MTU spin: 576..1500, 1400 by default (the key table)");
  }
  set_toggle (widget_by_id (G_OBJECT (dialog), "auth_pap_check"), FALSE);
  set_toggle (widget_by_id (G_OBJECT (dialog), "auth_eap_check"), FALSE);
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "mtu_spin")), 1300);
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "mru_spin")), 1280);
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "lcp_interval_spin")), 5);
  screenshot (dialog, "ppp");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  check (g_object_get_data (G_OBJECT (page), DIALOG_KEY) == NULL, "OK closes the dialog");

  check_saved (editor, connection, "old profile");
  check_items (connection, FALSE, data, "old profile");
  check_items (connection, TRUE, secrets, "old profile");
  s_vpn = nm_connection_get_setting_vpn (connection);
  check (g_strcmp0 (nm_setting_vpn_get_data_item (s_vpn, "ipsec-dpd-delay"), "20") == 0
             && g_strcmp0 (nm_setting_vpn_get_data_item (s_vpn, "mrru"), "1600") == 0,
         "keys the editor does not show are kept");
  destroy_window (window);
}

/* A profile the service would refuse cannot be saved unchanged either. */
static void
case_invalid_profile (NMVpnEditorPlugin *plugin)
{
  static const char *const old_data[] = {
    "gateway", "vpn.example.com", "ipsec-enabled", "yes", "ipsec-ike", "aes999-bogus",
    NULL,
  };
  g_autoptr (NMConnection) connection = new_connection (old_data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *dialog;

  editor = new_editor (plugin, connection, &window);
  if (!editor)
    return;
  page = GTK_WIDGET (nm_vpn_editor_get_widget (editor));
  check_refused (editor, connection, "ipsec-ike");
  set_text (widget_by_id (G_OBJECT (page), "gateway_entry"), "bad host name!");
  check (gtk_widget_get_visible (widget_by_id (G_OBJECT (page), "gateway_error")),
         "a bad gateway is shown as you type");
  check_refused (editor, connection, "gateway");

  dialog = open_dialog (page, "ipsec_button");
  if (dialog)
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  destroy_window (window);
}

/* Plain L2TP: no PSK, MPPE available. */
static void
case_mppe_without_ipsec (NMVpnEditorPlugin *plugin)
{
  static const char *const old_data[] = {
    "gateway", "10.0.0.1", "ipsec-enabled", "no", "password-flags", "2", NULL,
  };
  static const char *const data[] = {
    "gateway",
    "10.0.0.1",
    "ipsec-enabled",
    "no",
    "password-flags",
    "2",
    "ipsec-psk-flags",
    "0",
    "require-mppe",
    "yes",
    "require-mppe-128",
    "yes",
    NULL,
  };
  static const char *const secrets[] = { NULL };
  g_autoptr (NMConnection) connection = new_connection (old_data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *dialog;

  editor = new_editor (plugin, connection, &window);
  if (!editor)
    return;
  page = GTK_WIDGET (nm_vpn_editor_get_widget (editor));
  check (!gtk_widget_get_sensitive (widget_by_id (G_OBJECT (page), "psk_entry")),
         "the PSK field is insensitive with IPsec off");

  dialog = open_dialog (page, "ppp_button");
  if (!dialog)
    return;
  check (gtk_widget_get_sensitive (widget_by_id (G_OBJECT (dialog), "mppe_check")),
         "MPPE is available without IPsec");
  set_toggle (widget_by_id (G_OBJECT (dialog), "mppe_check"), TRUE);
  gtk_combo_box_set_active_id (
      GTK_COMBO_BOX (widget_by_id (G_OBJECT (dialog), "mppe_security_combo")), "128");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);

  /* "Ask every time" (flags 2) keeps the password out of vpn.secrets. */
  set_text (widget_by_id (G_OBJECT (page), "password_entry"), "typed");
  check_saved (editor, connection, "plain L2TP");
  check_items (connection, FALSE, data, "plain L2TP");
  check_items (connection, TRUE, secrets, "plain L2TP");
  destroy_window (window);
}

static void
run_cases (NMVpnEditorPlugin *plugin)
{
  case_new_connection (plugin);
  case_existing_connection (plugin);
  case_invalid_profile (plugin);
  case_mppe_without_ipsec (plugin);
}

int
main (int argc, char **argv)
{
  g_autoptr (NMVpnEditorPlugin) plugin = NULL;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s PLUGIN.so NAME-FILE [SCREENSHOT-DIR]\n", argv[0]);
      return 2;
    }
  screenshot_dir = argc > 3 ? argv[3] : NULL;
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_init ();
#else
  gtk_init (NULL, NULL);
#endif

  plugin = load_plugin (argv[1], argv[2]);
  if (plugin)
    run_cases (plugin);

  printf ("1..%u\n", checks);
  return failures ? 1 : 0;
}
