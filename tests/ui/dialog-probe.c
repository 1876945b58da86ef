/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Preloaded (LD_PRELOAD) into the real auth dialog by test-auth-dialog, built
 * once per toolkit. The dialog binary has no test hook; this library adds
 * one from outside. Once the password dialog is on screen (mapped and sized
 * for SETTLE_POLLS polls in a row), it writes what the window shows to
 * $L2TP_DIALOG_PROBE_REPORT, a GKeyFile:
 *
 *   [dialog]   Title, Entries (how many entries are shown)
 *   [widget N] Type, Depth, Mapped, X, Y, Width, Height (in the dialog's
 *              coordinates); a label's Text and UseMarkup; an entry's
 *              TextLength (what it showed, before the probe typed)
 *
 * then answers as a person would: types "$L2TP_DIALOG_PROBE_TYPE-N" into
 * the Nth shown entry and presses OK, or presses Cancel when that variable
 * is not set. No dialog within GIVE_UP_POLLS: exit status 3. With
 * $L2TP_DIALOG_PROBE_SCREENSHOT, the window as shown (before typing) is
 * saved there as a PNG first, and [dialog] Screenshot says if it was. */
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_ENV    "L2TP_DIALOG_PROBE_REPORT"
#define TYPE_ENV      "L2TP_DIALOG_PROBE_TYPE"
#define SHOT_ENV      "L2TP_DIALOG_PROBE_SCREENSHOT"
#define DIALOG_TYPE   "NMAVpnPasswordDialog"
#define POLL_MS       100
#define SETTLE_POLLS  3
#define GIVE_UP_POLLS 300

typedef struct
{
  GKeyFile *report;
  GtkWidget *dialog;
  const char *type; /* NULL: nothing typed */
  guint widgets, entries, depth;
} Walk;

static GtkWidget *
find_dialog (void)
{
  GtkWidget *found = NULL;
#if GTK_CHECK_VERSION(4, 0, 0)
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; !found && i < g_list_model_get_n_items (toplevels); i++)
    {
      GObject *item = g_list_model_get_item (toplevels, i);

      /* The list keeps the window alive. */
      g_object_unref (item);
      if (strcmp (G_OBJECT_TYPE_NAME (item), DIALOG_TYPE) == 0)
        found = GTK_WIDGET (item);
    }
#else
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; !found && l; l = l->next)
    if (strcmp (G_OBJECT_TYPE_NAME (l->data), DIALOG_TYPE) == 0)
      found = GTK_WIDGET (l->data);
  g_list_free (toplevels);
#endif
  return found;
}

static int
height_of (GtkWidget *widget)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_widget_get_height (widget);
#else
  return gtk_widget_get_allocated_height (widget);
#endif
}

static int
width_of (GtkWidget *widget)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_widget_get_width (widget);
#else
  return gtk_widget_get_allocated_width (widget);
#endif
}

static gboolean
is_entry (GtkWidget *widget)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  /* Not GTK_IS_EDITABLE: an entry's inner GtkText is one too. */
  return GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget);
#else
  return GTK_IS_ENTRY (widget);
#endif
}

static const char *
entry_text (GtkWidget *entry)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_editable_get_text (GTK_EDITABLE (entry));
#else
  return gtk_entry_get_text (GTK_ENTRY (entry));
#endif
}

static void
type_into (GtkWidget *entry, const char *text)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
#else
  gtk_entry_set_text (GTK_ENTRY (entry), text);
#endif
}

static void
position (Walk *walk, GtkWidget *widget, const char *group)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  double x = -1, y = -1;
#else
  int x = -1, y = -1;
#endif

  if (!gtk_widget_translate_coordinates (widget, walk->dialog, 0, 0, &x, &y))
    x = y = -1;
  g_key_file_set_integer (walk->report, group, "X", (int) x);
  g_key_file_set_integer (walk->report, group, "Y", (int) y);
  g_key_file_set_integer (walk->report, group, "Width", width_of (widget));
  g_key_file_set_integer (walk->report, group, "Height", height_of (widget));
}

static void walk_widget (Walk *walk, GtkWidget *widget);

#if !GTK_CHECK_VERSION(4, 0, 0)
static void
walk_child (GtkWidget *child, gpointer user_data)
{
  walk_widget (user_data, child);
}
#endif

static void
walk_widget (Walk *walk, GtkWidget *widget)
{
  g_autofree char *group = g_strdup_printf ("widget %03u", walk->widgets++);
  gboolean mapped = gtk_widget_get_mapped (widget);

  g_key_file_set_string (walk->report, group, "Type", G_OBJECT_TYPE_NAME (widget));
  g_key_file_set_integer (walk->report, group, "Depth", (int) walk->depth);
  g_key_file_set_boolean (walk->report, group, "Mapped", mapped);
  position (walk, widget, group);
  if (GTK_IS_LABEL (widget))
    {
      g_key_file_set_string (walk->report, group, "Text",
                             gtk_label_get_text (GTK_LABEL (widget)));
      g_key_file_set_boolean (walk->report, group, "UseMarkup",
                              gtk_label_get_use_markup (GTK_LABEL (widget)));
    }
  if (is_entry (widget))
    {
      g_key_file_set_integer (walk->report, group, "TextLength",
                              (int) strlen (entry_text (widget)));
      if (mapped)
        walk->entries++;
      if (mapped && walk->type)
        {
          g_autofree char *typed = g_strdup_printf ("%s-%u", walk->type, walk->entries);

          type_into (widget, typed);
        }
    }

  walk->depth++;
#if GTK_CHECK_VERSION(4, 0, 0)
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (walk, child);
#else
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), walk_child, walk);
#endif
  walk->depth--;
}

static gboolean
save_screenshot (GtkWidget *dialog, const char *path)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  int width = gtk_widget_get_width (dialog), height = gtk_widget_get_height (dialog);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (dialog);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (!node)
    return FALSE;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (dialog)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return texture && gdk_texture_save_to_png (texture, path);
#else
  GdkWindow *window = gtk_widget_get_window (dialog);
  g_autoptr (GdkPixbuf) pixbuf = NULL;

  gdk_display_sync (gdk_window_get_display (window));
  pixbuf = gdk_pixbuf_get_from_window (window, 0, 0, gdk_window_get_width (window),
                                       gdk_window_get_height (window));
  return pixbuf && gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL);
#endif
}

static void
answer (GtkWidget *dialog)
{
  g_autoptr (GKeyFile) report = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  Walk walk = { report, dialog, g_getenv (TYPE_ENV), 0, 0, 0 };
  const char *title = gtk_window_get_title (GTK_WINDOW (dialog));
  const char *shot = g_getenv (SHOT_ENV);

  g_key_file_set_string (report, "dialog", "Title", title ? title : "");
  if (shot)
    g_key_file_set_boolean (report, "dialog", "Screenshot",
                            save_screenshot (dialog, shot));
  walk_widget (&walk, dialog);
  g_key_file_set_integer (report, "dialog", "Entries", (int) walk.entries);
  if (!g_key_file_save_to_file (report, g_getenv (REPORT_ENV), &error))
    g_printerr ("dialog-probe: %s\n", error->message);
  gtk_dialog_response (GTK_DIALOG (dialog),
                       walk.type ? GTK_RESPONSE_OK : GTK_RESPONSE_CANCEL);
}

static gboolean
poll_dialog (gpointer user_data)
{
  static guint polls, settled;
  GtkWidget *dialog = find_dialog ();

  if (dialog && gtk_widget_get_mapped (dialog) && height_of (dialog) > 1)
    settled++;
  else
    settled = 0;
  if (settled >= SETTLE_POLLS)
    {
      answer (dialog);
      return G_SOURCE_REMOVE;
    }
  if (++polls >= GIVE_UP_POLLS)
    {
      g_printerr ("dialog-probe: no password dialog on screen after %d ms\n",
                  GIVE_UP_POLLS * POLL_MS);
      exit (3);
    }
  return G_SOURCE_CONTINUE;
}

/* Runs before the dialog's main(); the timeout fires only once the dialog
 * runs its main loop, that is while the password dialog is up. */
__attribute__ ((constructor)) static void
probe_load (void)
{
  if (g_getenv (REPORT_ENV))
    g_timeout_add (POLL_MS, poll_dialog, NULL);
}
