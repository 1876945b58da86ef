/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "editor-routing.h"

#include <glib/gi18n-lib.h>

#include "editor-widgets.h"

struct _L2tpRouting
{
  GtkBuilder *builder;
  L2tpEditorValues *values;
  NMConnection *connection; /* weak: the host's */
  gulong connection_changed_id;
  gboolean seen_never_default; /* the connection's, when last looked at */
  gboolean following;          /* the radios follow the connection */
  void (*changed) (gpointer);
  gpointer user_data;
};

static const struct
{
  const char *check;
  L2tpKeyId id;
} bool_fields[] = {
  { "dhcp_inform_check", L2TP_KEY_DHCP_INFORM },
  { "classful_route_check", L2TP_KEY_CLASSFUL_ROUTE },
};

static GtkWidget *
get (L2tpRouting *routing, const char *id)
{
  return l2tp_widgets_get (routing->builder, id);
}

/* The class route adds nothing when all traffic goes through the tunnel. */
static void
update_state (L2tpRouting *routing)
{
  gtk_widget_set_sensitive (get (routing, "classful_route_check"),
                            l2tp_editor_values_get_never_default (routing->values));
}

static void
office_toggled (GtkWidget *office, L2tpRouting *routing)
{
  l2tp_editor_values_set_never_default (routing->values,
                                        l2tp_widgets_toggle_get (office));
  update_state (routing);
  if (!routing->following)
    routing->changed (routing->user_data);
}

static void
show_choice (L2tpRouting *routing)
{
  gboolean office = l2tp_editor_values_get_never_default (routing->values);

  l2tp_widgets_toggle_set (
      get (routing, office ? "route_office_radio" : "route_all_radio"), TRUE);
  update_state (routing);
}

/* "Also routed: 192.168.0.0/24, 10.1.0.0/16", or nothing. */
static void
show_routes (L2tpRouting *routing, NMConnection *connection)
{
  NMSettingIPConfig *s_ip4 = nm_connection_get_setting_ip4_config (connection);
  guint n = s_ip4 ? nm_setting_ip_config_get_num_routes (s_ip4) : 0;
  GtkWidget *label = get (routing, "routes_label");
  g_autoptr (GString) list = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      NMIPRoute *route = nm_setting_ip_config_get_route (s_ip4, i);

      g_string_append_printf (list, "%s%s/%u", i ? ", " : "",
                              nm_ip_route_get_dest (route),
                              nm_ip_route_get_prefix (route));
    }
  if (n > 0)
    text = g_strdup_printf (_ ("Also routed: %s"), list->str);
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  l2tp_widgets_set_shown (label, n > 0);
}

/* Someone else (the IPv4 tab) changed ipv4.never-default: the choice shown
 * follows, so saving writes what the connection now says. Our own save
 * writes what is shown, and so changes nothing here. */
static void
connection_changed (NMConnection *connection, L2tpRouting *routing)
{
  gboolean now = l2tp_editor_connection_never_default (connection);

  show_routes (routing, connection);
  if (now == routing->seen_never_default)
    return;
  routing->seen_never_default = now;
  if (now == l2tp_editor_values_get_never_default (routing->values))
    return;
  routing->following = TRUE;
  l2tp_editor_values_set_never_default (routing->values, now);
  show_choice (routing);
  routing->following = FALSE;
}

L2tpRouting *
l2tp_routing_new (GtkBuilder *builder, L2tpEditorValues *values, NMConnection *connection,
                  void (*changed) (gpointer), gpointer user_data)
{
  L2tpRouting *routing;

  g_return_val_if_fail (NM_IS_CONNECTION (connection), NULL);

  routing = g_new0 (L2tpRouting, 1);
  routing->builder = g_object_ref (builder);
  routing->values = l2tp_editor_values_ref (values);
  routing->changed = changed;
  routing->user_data = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (bool_fields); i++)
    l2tp_widgets_toggle_set (get (routing, bool_fields[i].check),
                             l2tp_editor_values_get_bool (values, bool_fields[i].id));
  for (guint i = 0; i < G_N_ELEMENTS (bool_fields); i++)
    g_signal_connect_swapped (get (routing, bool_fields[i].check), "toggled",
                              G_CALLBACK (changed), user_data);
  show_choice (routing);
  g_signal_connect (get (routing, "route_office_radio"), "toggled",
                    G_CALLBACK (office_toggled), routing);
  show_routes (routing, connection);

  routing->connection = connection;
  routing->seen_never_default = l2tp_editor_connection_never_default (connection);
  g_object_add_weak_pointer (G_OBJECT (connection), (gpointer *) &routing->connection);
  routing->connection_changed_id = g_signal_connect (
      connection, "changed", G_CALLBACK (connection_changed), routing);
  return routing;
}

void
l2tp_routing_save (L2tpRouting *routing)
{
  g_return_if_fail (routing != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bool_fields); i++)
    l2tp_editor_values_set_bool (
        routing->values, bool_fields[i].id,
        l2tp_widgets_toggle_get (get (routing, bool_fields[i].check)));
}

void
l2tp_routing_free (L2tpRouting *routing)
{
  if (!routing)
    return;
  if (routing->connection)
    {
      g_signal_handler_disconnect (routing->connection, routing->connection_changed_id);
      g_object_remove_weak_pointer (G_OBJECT (routing->connection),
                                    (gpointer *) &routing->connection);
    }
  g_signal_handlers_disconnect_by_data (get (routing, "route_office_radio"), routing);
  g_clear_object (&routing->builder);
  l2tp_editor_values_unref (routing->values);
  g_free (routing);
}
