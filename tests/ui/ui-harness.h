/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ui tier's harness, shared by the test cases of one toolkit's
 * executable (test-editor.c, test-detect.c): TAP checks, driving widgets,
 * waiting for paints, screenshots, loading the plugin through libnm. */
#pragma once

#include <NetworkManager.h>
#include <gtk/gtk.h>

#if GTK_CHECK_VERSION(4, 0, 0)
#define TOOLKIT "gtk4"
#else
#define TOOLKIT "gtk3"
#endif

#define BUILDER_KEY "l2tp-editor-builder" /* editor.h: test hook */
#define DIALOG_KEY  "l2tp-editor-dialog"

extern guint checks, failures;
extern const char *screenshot_dir; /* NULL: no screenshots */

/* One TAP line ("ok N - gtkN: what"); returns @ok. */
gboolean check (gboolean ok, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* A widget of the main page or of a dialog, by its id in the .ui file. */
GtkWidget *widget_by_id (GObject *holder, const char *id);
void set_text (GtkWidget *entry, const char *text);
const char *get_text (GtkWidget *entry);
void set_toggle (GtkWidget *toggle, gboolean on);
gboolean get_toggle (GtkWidget *toggle);
const char *label_text (GtkWidget *label);
void click (GtkWidget *button);

/* Runs the main loop until *counter reaches @target or 10 s are over. */
gboolean wait_for_count (guint *counter, guint target);
/* Shows @window and waits until it has been painted twice. */
gboolean show_and_wait (GtkWidget *window);
/* SCREENSHOT-DIR/gtkN-NAME.png of @window, when screenshots are on. */
void screenshot (GtkWidget *window, const char *name);

NMVpnEditorPlugin *load_plugin (const char *plugin_path, const char *name_file);
/* A VPN connection of our service type; @data, @secrets: key, value, ..., NULL. */
NMConnection *new_connection (const char *const *data, const char *const *secrets);
/* vpn.data or vpn.secrets must hold exactly @expected (key, value, ..., NULL). */
void check_items (NMConnection *connection, gboolean secrets, const char *const *expected,
                  const char *what);
gboolean update (NMVpnEditor *editor, NMConnection *connection, GError **error);
void check_refused (NMVpnEditor *editor, NMConnection *connection, const char *key);
void check_saved (NMVpnEditor *editor, NMConnection *connection, const char *what);

GtkWidget *new_window (GtkWidget *child);
void destroy_window (GtkWidget *window);
/* The editor in a painted window (*@window). */
NMVpnEditor *new_editor (NMVpnEditorPlugin *plugin, NMConnection *connection,
                         GtkWidget **window);
/* The editor of @connection in a painted window; its main page, or NULL.
 * Its "changed" signals are counted in *@changed (may be NULL). */
GtkWidget *open_page (NMVpnEditorPlugin *plugin, NMConnection *connection,
                      NMVpnEditor **editor, GtkWidget **window, guint *changed);
/* Clicks @button of the main page; the dialog it opened, painted. */
GtkWidget *open_dialog (GtkWidget *page, const char *button);

/* The cases of test-detect.c, test-routing.c, test-layout.c and
 * test-user-cert.c. */
void run_detect_cases (NMVpnEditorPlugin *plugin);
void run_routing_cases (NMVpnEditorPlugin *plugin);
void run_layout_cases (NMVpnEditorPlugin *plugin);
void run_user_cert_cases (NMVpnEditorPlugin *plugin);
