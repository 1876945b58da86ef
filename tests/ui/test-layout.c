/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the editor's fields say and where they are while you type: the
 * entries' tooltips (their hint when valid, the error when not), the main
 * page's fields staying put while the gateway is typed, the IPsec dialog
 * keeping its width while an error shows. */
#include <stdio.h>
#include <string.h>

#include "proposals.h"
#include "ui-harness.h"

/* A connection whose IPsec dialog has something to check. */
static const char *const ipsec_on[] = {
  "gateway", "vpn.example.com", "ipsec-enabled", "yes", NULL,
};

/* @widget's rectangle in @window's coordinates, after the pending layout. */
static GdkRectangle
frame_in (GtkWidget *widget, GtkWidget *window)
{
  GdkRectangle frame = { 0 };

  show_and_wait (window);
#if GTK_CHECK_VERSION(4, 0, 0)
  {
    graphene_rect_t bounds;

    if (gtk_widget_compute_bounds (widget, window, &bounds))
      frame = (GdkRectangle){ (int) bounds.origin.x, (int) bounds.origin.y,
                              (int) bounds.size.width, (int) bounds.size.height };
  }
#else
  {
    GtkAllocation allocation;

    gtk_widget_get_allocation (widget, &allocation);
    gtk_widget_translate_coordinates (widget, window, 0, 0, &frame.x, &frame.y);
    frame.width = allocation.width;
    frame.height = allocation.height;
  }
#endif
  return frame;
}

static gboolean
same_frame (GdkRectangle a, GdkRectangle b)
{
  return a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height;
}

/* Fields below Gateway: they must not move while the gateway is typed. */
static const char *const below_gateway[] = {
  "user_entry",   "password_entry",  "psk_entry",
  "domain_entry", "route_all_radio", "ipsec_button",
};

static void
case_gateway_typing (NMVpnEditorPlugin *plugin)
{
  g_autoptr (NMConnection) connection = new_connection (NULL, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *gateway;
  GdkRectangle before[G_N_ELEMENTS (below_gateway)];
  static const char *const typed[]
      = { "v", "vpn.example.com", "bad host name!", "vpn.example.com", "" };

  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  gateway = widget_by_id (G_OBJECT (page), "gateway_entry");
  for (guint i = 0; i < G_N_ELEMENTS (below_gateway); i++)
    before[i] = frame_in (widget_by_id (G_OBJECT (page), below_gateway[i]), window);

  for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
    {
      gboolean still = TRUE;

      set_text (gateway, typed[t]);
      for (guint i = 0; i < G_N_ELEMENTS (below_gateway); i++)
        {
          GdkRectangle now
              = frame_in (widget_by_id (G_OBJECT (page), below_gateway[i]), window);

          if (!same_frame (now, before[i]))
            {
              still = FALSE;
              printf ("#   %s moved: %d,%d %dx%d -> %d,%d %dx%d\n", below_gateway[i],
                      before[i].x, before[i].y, before[i].width, before[i].height, now.x,
                      now.y, now.width, now.height);
            }
        }
      check (still, "the fields below Gateway stay put after typing \"%s\"", typed[t]);
    }
  destroy_window (window);
}

/* The tooltip of @entry is @expected ("" for none). */
static void G_GNUC_PRINTF (3, 4)
    check_tooltip (GtkWidget *entry, const char *expected, const char *format, ...)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  g_autofree char *tip = g_strdup (gtk_widget_get_tooltip_text (entry));
#else
  g_autofree char *tip = gtk_widget_get_tooltip_text (entry);
#endif
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (!check (g_strcmp0 (tip ? tip : "", expected) == 0, "%s: the tooltip says \"%s\"",
              what, expected))
    printf ("#   got: %s\n", tip ? tip : "(none)");
}

/* Phase 1 and Phase 2 explain their built-in set in the tooltip while the
 * value is valid; an error takes its place while it is not. */
static void
case_proposal_tooltips (NMVpnEditorPlugin *plugin)
{
  static const struct
  {
    const char *entry, *error, *valid, *invalid;
    L2tpProposalKind kind;
  } fields[] = {
    { "ike_entry", "ike_error", "aes256-sha256-modp2048", "aes256-shaXYZ-modp2048",
      L2TP_PROPOSAL_IKE },
    { "esp_entry", "esp_error", "aes256-sha1", "aes999-sha1", L2TP_PROPOSAL_ESP },
  };
  g_autoptr (NMConnection) connection = new_connection (ipsec_on, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *dialog;

  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  dialog = open_dialog (page, "ipsec_button");
  if (!dialog)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *entry = widget_by_id (G_OBJECT (dialog), fields[i].entry);
      GtkWidget *error = widget_by_id (G_OBJECT (dialog), fields[i].error);
      g_autoptr (L2tpProposalSet) set = l2tp_proposal_set_new_default (fields[i].kind);
      g_autofree char *list = l2tp_proposal_set_to_string (set);
      g_autofree char *hint
          = g_strdup_printf ("Empty: the built-in set is offered: %s", list);
      const char *id = fields[i].entry;

      check (gtk_widget_get_has_tooltip (entry), "%s has a tooltip", id);
      check_tooltip (entry, hint, "%s, empty", id);
      set_text (entry, fields[i].valid);
      check_tooltip (entry, hint, "%s \"%s\" (valid)", id, fields[i].valid);
      set_text (entry, fields[i].invalid);
      check (strlen (label_text (error)) > 0, "%s \"%s\": an error is shown", id,
             fields[i].invalid);
      check_tooltip (entry, label_text (error), "%s \"%s\" (invalid)", id,
                     fields[i].invalid);
      set_text (entry, fields[i].valid);
      check_tooltip (entry, hint, "%s fixed again", id);
      set_text (entry, "");
      check_tooltip (entry, hint, "%s empty again", id);
    }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  destroy_window (window);
}

/* Entries with a tooltip in the .ui keep it once checked, and get it back
 * after an error. */
static void
case_gateway_tooltip (NMVpnEditorPlugin *plugin)
{
  static const char *const hint = "The L2TP/IPsec server: a DNS name or an IP address.";
  g_autoptr (NMConnection) connection = new_connection (NULL, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *gateway;

  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  gateway = widget_by_id (G_OBJECT (page), "gateway_entry");
  check_tooltip (gateway, hint, "gateway, empty");
  set_text (gateway, "bad host name!");
  check_tooltip (gateway, label_text (widget_by_id (G_OBJECT (page), "gateway_error")),
                 "gateway \"bad host name!\" (invalid)");
  set_text (gateway, "vpn.example.com");
  check_tooltip (gateway, hint, "gateway \"vpn.example.com\" (valid)");
  destroy_window (window);
}

static int
window_width (GtkWidget *window)
{
  show_and_wait (window);
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_widget_get_width (window);
#else
  return gtk_widget_get_allocated_width (window);
#endif
}

/* The IPsec dialog keeps its width while an error shows under a field. */
static void
case_ipsec_dialog_width (NMVpnEditorPlugin *plugin)
{
  static const struct
  {
    const char *entry, *error, *bad;
  } typos[] = {
    { "ike_entry", "ike_error",
      "aes256-sha256-modp2048,aes128-shaXYZ-modp2048,aes256-sha1-modp1024" },
    { "esp_entry", "esp_error", "aes256-sha1,aes128-sha1,aes999-sha1" },
    { "remote_id_entry", "remote_id_error", " @vpn.example.com" },
    { "group_name_entry", "group_name_error", " corp " },
  };
  g_autoptr (NMConnection) connection = new_connection (ipsec_on, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *dialog;
  int width;

  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  dialog = open_dialog (page, "ipsec_button");
  if (!dialog)
    return;
  width = window_width (dialog);
  for (guint i = 0; i < G_N_ELEMENTS (typos); i++)
    {
      GtkWidget *entry = widget_by_id (G_OBJECT (dialog), typos[i].entry);
      int now;

      set_text (entry, typos[i].bad);
      now = window_width (dialog);
      check (strlen (label_text (widget_by_id (G_OBJECT (dialog), typos[i].error))) > 0
                 && now == width,
             "the IPsec dialog keeps its width (%d px) while %s shows an error (%d px)",
             width, typos[i].entry, now);
      set_text (entry, "");
    }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  destroy_window (window);
}

void
run_layout_cases (NMVpnEditorPlugin *plugin)
{
  case_gateway_typing (plugin);
  case_gateway_tooltip (plugin);
  case_proposal_tooltips (plugin);
  case_ipsec_dialog_width (plugin);
}
