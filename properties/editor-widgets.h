/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The few places where GTK3 and GTK4 differ, behind one small API, plus the
 * widget helpers that read their limits from the key table. The editor and
 * its dialogs are written once against this file. */
#pragma once

#include <gtk/gtk.h>

#include "editor-values.h"

G_BEGIN_DECLS

/* Object data key under which every GtkBuilder-made part of the editor (the
 * main page and each dialog) carries its GtkBuilder: the ui tests find widgets
 * by their ids through it. */
#define L2TP_EDITOR_BUILDER_KEY "l2tp-editor-builder"

/* Loads one of the editor's .ui resources with the gettext domain set. */
GtkBuilder *l2tp_widgets_builder_new (const char *resource_name);
GtkWidget *l2tp_widgets_get (GtkBuilder *builder, const char *id);

const char *l2tp_widgets_entry_get_text (GtkWidget *entry);
void l2tp_widgets_entry_set_text (GtkWidget *entry, const char *text);
gboolean l2tp_widgets_toggle_get (GtkWidget *toggle);
void l2tp_widgets_toggle_set (GtkWidget *toggle, gboolean active);
void l2tp_widgets_box_append (GtkWidget *box, GtkWidget *child);
void l2tp_widgets_show (GtkWidget *widget);
/* Shows or hides @widget for good: on GTK3 a container's show_all (with
 * which nm-connection-editor shows its pages) leaves it as it is. */
void l2tp_widgets_set_shown (GtkWidget *widget, gboolean shown);
GtkWindow *l2tp_widgets_get_window (GtkWidget *widget);

/* Marks @entry as holding a bad value: error style, @message as tooltip and
 * in @label (may be NULL). NULL @message clears the mark and gives the entry
 * back its hint as tooltip. @label is hidden while empty, unless its row is
 * kept (below). */
void l2tp_widgets_mark_error (GtkWidget *entry, GtkWidget *label, const char *message);
/* What @entry's tooltip says while its value is valid (an error replaces it
 * while not). A watched entry starts with the tooltip of its .ui. */
void l2tp_widgets_set_entry_hint (GtkWidget *entry, const char *hint);
/* @label (an error label) stays shown, empty while there is no error, so the
 * fields below it do not move as an error comes and goes. */
void l2tp_widgets_keep_error_row (GtkWidget *label);

/* Checks @entry as you type against key @id (empty counts as "not set", which
 * is fine here) and marks it. Calls @on_change(@user_data) after each check. */
void l2tp_widgets_watch_entry (GtkWidget *entry, GtkWidget *error_label, L2tpKeyId id,
                               GCallback on_change, gpointer user_data);
/* TRUE unless the last check of a watched entry failed. */
gboolean l2tp_widgets_entry_is_valid (GtkWidget *entry);

/* Range from the table; value from @values (its default when unset). */
void l2tp_widgets_spin_setup (GtkWidget *spin, const L2tpEditorValues *values,
                              L2tpKeyId id);
guint l2tp_widgets_spin_get (GtkWidget *spin);

/* A "Browse…" @button that fills @entry with a chosen file name. */
void l2tp_widgets_setup_file_button (GtkWidget *button, GtkWidget *entry,
                                     const char *title);

/* A modal dialog with Cancel/OK around @content, transient for @parent's
 * window. */
GtkWidget *l2tp_widgets_dialog_new (GtkWidget *parent, const char *title,
                                    GtkWidget *content);

G_END_DECLS
