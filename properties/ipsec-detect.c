/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ipsec-detect.h"

#include <glib/gi18n-lib.h>

#include "config.h"
#include "editor-widgets.h"
#include "probe-runner.h"

#define DETECT_KEY "l2tp-detect"

/* Owned by the button (object data). No reference to the builder: the
 * dialog holds it, and the builder holds the button. */
typedef struct
{
  GtkBuilder *builder;
  char *gateway;
  GCancellable *running; /* while a probe runs */
} Detect;

static GtkWidget *
get (Detect *d, const char *id)
{
  return l2tp_widgets_get (d->builder, id);
}

/* The dialog is going away: a running probe ends with it, and its result
 * (G_IO_ERROR_CANCELLED) touches nothing. */
static void
detect_stop (GtkWidget *button, Detect *d)
{
  if (d->running)
    g_cancellable_cancel (d->running);
  g_clear_object (&d->running);
  d->builder = NULL;
}

static void
detect_free (Detect *d)
{
  detect_stop (NULL, d);
  g_free (d->gateway);
  g_free (d);
}

static void
show_note (Detect *d, const char *text)
{
  GtkWidget *note = get (d, "detect_note");

  gtk_label_set_text (GTK_LABEL (note), text ? text : "");
  gtk_widget_set_visible (note, text != NULL);
  gtk_widget_set_visible (get (d, "detect_box"),
                          text != NULL
                              || gtk_widget_get_visible (get (d, "detect_progress")));
}

static void
set_running (Detect *d, gboolean running)
{
  GtkWidget *button = get (d, "detect_button");
  GtkWidget *progress = get (d, "detect_progress");

  gtk_button_set_label (GTK_BUTTON (button), running ? _ ("Ca_ncel") : _ ("_Detect"));
  /* Typing into Phase 1 while the probe may overwrite it would be lost. */
  gtk_widget_set_sensitive (get (d, "ike_entry"), !running);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress), 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (progress),
                             running ? _ ("Asking the server…") : NULL);
  gtk_widget_set_visible (progress, running);
  show_note (d, NULL);
}

static void
on_progress (guint done, guint total, gpointer user_data)
{
  Detect *d = user_data;
  GtkProgressBar *bar = GTK_PROGRESS_BAR (get (d, "detect_progress"));
  g_autofree char *text = g_strdup_printf (_ ("Probe %u of %u"), done, total);

  gtk_progress_bar_set_fraction (bar, (double) done / total);
  gtk_progress_bar_set_text (bar, text);
}

/* What the person reads when the server accepted nothing. */
static char *
nothing_accepted_note (const L2tpProbeResult *result, const char *gateway)
{
  switch (result->end)
    {
    case L2TP_PROBE_END_NO_ANSWER:
      return g_strdup_printf (_ ("No answer from %s on UDP 500/4500: no IKEv1 server "
                                 "there, or a firewall drops IKE. Phase 1 unchanged."),
                              gateway);
    case L2TP_PROBE_END_STOPPED:
    case L2TP_PROBE_END_TIME_LIMIT:
      return g_strdup (_ ("The server stopped answering before it accepted any Phase 1 "
                          "proposal. Phase 1 unchanged."));
    case L2TP_PROBE_END_DONE:
      break;
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The server accepted none of the %u Phase 1 "
                                       "proposal offered. Phase 1 unchanged.",
                                       "The server accepted none of the %u Phase 1 "
                                       "proposals offered. Phase 1 unchanged.",
                                       result->offers),
                          result->offers);
}

static char *
accepted_note (const L2tpProbeResult *result)
{
  guint n = g_strv_length (result->accepted);
  g_autofree char *filled = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "The server accepts %u Phase 1 proposal; Phase 1 filled in.",
                   "The server accepts %u Phase 1 proposals; Phase 1 filled in.", n),
      n);

  if (result->end == L2TP_PROBE_END_DONE || result->not_tried == 0)
    return g_steal_pointer (&filled);
  /* TRANSLATORS: %s is the sentence "The server accepts N Phase 1 proposals…" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s It stopped answering with %u proposal not "
                                       "tried: the list may be incomplete.",
                                       "%s It stopped answering with %u proposals not "
                                       "tried: the list may be incomplete.",
                                       result->not_tried),
                          filled, result->not_tried);
}

static void
on_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProbeResult) result = l2tp_probe_run_finish (res, &error);
  g_autofree char *proposals = NULL;
  g_autofree char *note = NULL;
  Detect *d;

  /* Cancelled by the person (already shown) or by the dialog's end: @user_data
   * may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  d = user_data;
  g_clear_object (&d->running);
  set_running (d, FALSE);
  if (!result)
    {
      show_note (d, error->message);
      return;
    }
  proposals = l2tp_probe_result_to_proposals (result);
  if (proposals)
    {
      l2tp_widgets_entry_set_text (get (d, "ike_entry"), proposals);
      note = accepted_note (result);
    }
  else
    note = nothing_accepted_note (result, d->gateway);
  show_note (d, note);
}

static void
detect_clicked (GtkWidget *button, Detect *d)
{
  if (d->running)
    {
      g_cancellable_cancel (d->running);
      g_clear_object (&d->running);
      set_running (d, FALSE);
      show_note (d, _ ("Detection cancelled; Phase 1 unchanged."));
      return;
    }
  d->running = g_cancellable_new ();
  set_running (d, TRUE);
  gtk_widget_set_visible (get (d, "detect_box"), TRUE);
  l2tp_probe_run_async (d->gateway, on_progress, d, d->running, on_done, d);
}

/* IPsec turned off: the button goes insensitive with the rest, so a running
 * probe could no longer be cancelled; it ends here instead. */
static void
ipsec_toggled (GtkWidget *check, GtkWidget *button)
{
  Detect *d = g_object_get_data (G_OBJECT (button), DETECT_KEY);

  if (d && d->running && !l2tp_widgets_toggle_get (check))
    detect_clicked (button, d);
}

void
l2tp_ipsec_detect_setup (GtkBuilder *builder, const char *gateway)
{
  Detect *d = g_new0 (Detect, 1);
  GtkWidget *button;
  gboolean usable;

  g_return_if_fail (GTK_IS_BUILDER (builder));

  d->builder = builder;
  d->gateway = g_strdup (gateway);
  button = get (d, "detect_button");
  g_object_set_data_full (G_OBJECT (button), DETECT_KEY, d, (GDestroyNotify) detect_free);

  usable
      = gateway && *gateway && l2tp_config_check_value (L2TP_KEY_GATEWAY, gateway, NULL);
  gtk_widget_set_sensitive (button, usable);
  if (usable)
    {
      g_autofree char *tip = g_strdup_printf (
          _ ("Ask %s which Phase 1 algorithms it accepts (nm-l2tp-ipsec probe). "
             "No identity and no key are sent."),
          gateway);

      gtk_widget_set_tooltip_text (button, tip);
    }
  else
    gtk_widget_set_tooltip_text (button, _ ("Enter the gateway on the main page first."));
  g_signal_connect (button, "clicked", G_CALLBACK (detect_clicked), d);
  g_signal_connect (button, "destroy", G_CALLBACK (detect_stop), d);
  g_signal_connect_object (get (d, "ipsec_enabled_check"), "toggled",
                           G_CALLBACK (ipsec_toggled), button, 0);
}
