/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The main page's Routing section in the real editor: "Send all traffic
 * through the VPN" / "Only the office network" read from and written to
 * ipv4.never-default (and nothing else of ipv4), the routes line from
 * ipv4.routes, the route options dhcp-inform and classful-route, and the
 * section following the IPv4 tab's changes of the same connection. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "ui-harness.h"

static const char *const base_data[] = {
  "gateway", "vpn.example.com", "user", "alice", "ipsec-enabled", "yes", NULL,
};
/* What the editor saves of base_data for itself (both *-flags written). */
static const char *const saved_base[] = {
  "gateway", "vpn.example.com", "user", "alice", "ipsec-enabled", "yes", "password-flags",
  "0",       "ipsec-psk-flags", "0",    NULL,
};

/* @data plus @extra (key, value, ..., NULL), one NULL-terminated list. */
static const char **
join_items (const char *const *data, const char *const *extra)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; data[i]; i++)
    g_ptr_array_add (all, (gpointer) data[i]);
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (all, (gpointer) extra[i]);
  g_ptr_array_add (all, NULL);
  return (const char **) g_ptr_array_free (all, FALSE);
}

/* An ipv4 setting as the connection editors keep one: method auto, a DNS
 * server, one route. */
static NMSettingIPConfig *
add_ip4 (NMConnection *connection, gboolean never_default, const char *route_dest,
         guint route_prefix)
{
  NMSettingIPConfig *s_ip4 = NM_SETTING_IP_CONFIG (nm_setting_ip4_config_new ());

  g_object_set (s_ip4, NM_SETTING_IP_CONFIG_METHOD, NM_SETTING_IP4_CONFIG_METHOD_AUTO,
                NM_SETTING_IP_CONFIG_NEVER_DEFAULT, never_default,
                NM_SETTING_IP_CONFIG_IGNORE_AUTO_DNS, TRUE, NULL);
  nm_setting_ip_config_add_dns (s_ip4, "192.168.0.53");
  if (route_dest)
    {
      NMIPRoute *route
          = nm_ip_route_new (AF_INET, route_dest, route_prefix, NULL, -1, NULL);

      nm_setting_ip_config_add_route (s_ip4, route);
      nm_ip_route_unref (route);
    }
  nm_connection_add_setting (connection, NM_SETTING (s_ip4));
  return s_ip4;
}

/* "Only the office network" (@office) or "Send all traffic through the VPN"
 * is chosen, and only it. */
static gboolean
choice_is (GtkWidget *page, gboolean office)
{
  return get_toggle (widget_by_id (G_OBJECT (page), "route_office_radio")) == office
         && get_toggle (widget_by_id (G_OBJECT (page), "route_all_radio")) == !office;
}

static gboolean
routes_line_says (GtkWidget *page, const char *expected)
{
  GtkWidget *label = widget_by_id (G_OBJECT (page), "routes_label");

  if (!expected)
    return !gtk_widget_get_visible (label) && label_text (label)[0] == '\0';
  return gtk_widget_get_visible (label) && strcmp (label_text (label), expected) == 0;
}

/* An office-only connection: shown as such with its route; "Send all
 * traffic" then writes never-default=false and leaves the rest of ipv4. */
static void
case_office_only (NMVpnEditorPlugin *plugin)
{
  g_autoptr (NMConnection) connection = new_connection (base_data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  NMSettingIPConfig *s_ip4 = add_ip4 (connection, TRUE, "192.168.0.0", 24);
  GtkWidget *window = NULL, *page;
  guint changed = 0;

  page = open_page (plugin, connection, &editor, &window, &changed);
  if (!page)
    return;

  check (choice_is (page, TRUE), "never-default=true shows \"Only the office network\"");
  check (routes_line_says (page, "Also routed: 192.168.0.0/24"),
         "the routes line shows the connection's route (%s)",
         label_text (widget_by_id (G_OBJECT (page), "routes_label")));
  check (
      gtk_widget_get_sensitive (widget_by_id (G_OBJECT (page), "classful_route_check")),
      "the class route can be chosen with \"Only the office network\"");
  gtk_expander_set_expanded (
      GTK_EXPANDER (widget_by_id (G_OBJECT (page), "route_options_expander")), TRUE);
  screenshot (window, "main-office");

  check_saved (editor, connection, "office only, unchanged");
  check (nm_setting_ip_config_get_never_default (s_ip4),
         "saved unchanged: never-default stays true");

  set_toggle (widget_by_id (G_OBJECT (page), "route_all_radio"), TRUE);
  check (changed >= 1, "choosing \"Send all traffic\" emits \"changed\" (%u times)",
         changed);
  check (
      !gtk_widget_get_sensitive (widget_by_id (G_OBJECT (page), "classful_route_check")),
      "no class route to choose with all traffic through the VPN");
  check_saved (editor, connection, "send all traffic");
  check (nm_connection_get_setting_ip4_config (connection) == NM_SETTING_IP_CONFIG (s_ip4)
             && !nm_setting_ip_config_get_never_default (s_ip4),
         "\"Send all traffic\" writes never-default=false into the same ipv4 setting");
  check (g_strcmp0 (nm_setting_ip_config_get_method (s_ip4), "auto") == 0
             && nm_setting_ip_config_get_num_routes (s_ip4) == 1
             && nm_setting_ip_config_get_num_dns (s_ip4) == 1
             && nm_setting_ip_config_get_ignore_auto_dns (s_ip4),
         "the other ipv4 properties are left as they were");
  check_items (connection, FALSE, saved_base, "send all traffic");

  set_toggle (widget_by_id (G_OBJECT (page), "route_office_radio"), TRUE);
  check_saved (editor, connection, "office again");
  check (nm_setting_ip_config_get_never_default (s_ip4),
         "\"Only the office network\" writes never-default=true");
  destroy_window (window);
}

/* A new connection has no ipv4 setting: "Send all traffic", no routes line,
 * and saving adds ipv4 with method auto and never-default=false. */
static void
case_no_ip4 (NMVpnEditorPlugin *plugin)
{
  g_autoptr (NMConnection) connection = new_connection (NULL, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page;
  NMSettingIPConfig *s_ip4;

  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  check (choice_is (page, FALSE), "without ipv4: \"Send all traffic through the VPN\"");
  check (routes_line_says (page, NULL), "without ipv4: no routes line");
  check (get_toggle (widget_by_id (G_OBJECT (page), "dhcp_inform_check"))
             && !get_toggle (widget_by_id (G_OBJECT (page), "classful_route_check")),
         "without the keys: DHCPINFORM on, no class route (the table's defaults)");

  set_text (widget_by_id (G_OBJECT (page), "gateway_entry"), "vpn.example.com");
  check_saved (editor, connection, "new connection");
  s_ip4 = nm_connection_get_setting_ip4_config (connection);
  check (s_ip4 && g_strcmp0 (nm_setting_ip_config_get_method (s_ip4), "auto") == 0
             && !nm_setting_ip_config_get_never_default (s_ip4),
         "saving adds ipv4 with method auto and never-default=false");
  check (s_ip4 && nm_setting_ip_config_get_num_routes (s_ip4) == 0
             && nm_setting_ip_config_get_num_dns (s_ip4) == 0,
         "and nothing else in it");
  destroy_window (window);
}

/* The route options: shown as the connection says; a default is saved as
 * the key's absence, a non-default as the key. */
static void
case_route_options (NMVpnEditorPlugin *plugin)
{
  static const char *const turned[]
      = { "dhcp-inform", "no", "classful-route", "yes", NULL };
  g_autofree const char **data = join_items (base_data, turned);
  g_autofree const char **saved = join_items (saved_base, turned);
  g_autoptr (NMConnection) connection = new_connection (data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *dhcp, *classful;

  add_ip4 (connection, TRUE, NULL, 0);
  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  dhcp = widget_by_id (G_OBJECT (page), "dhcp_inform_check");
  classful = widget_by_id (G_OBJECT (page), "classful_route_check");
  check (!get_toggle (dhcp) && get_toggle (classful),
         "dhcp-inform=no, classful-route=yes: DHCPINFORM off, class route on");
  check (routes_line_says (page, NULL), "no ipv4 routes: no routes line");
  check_saved (editor, connection, "route options kept");
  check_items (connection, FALSE, saved, "route options kept");

  set_toggle (dhcp, TRUE);
  set_toggle (classful, FALSE);
  check_saved (editor, connection, "route options back to defaults");
  check_items (connection, FALSE, saved_base, "route options back to defaults");

  set_toggle (dhcp, FALSE);
  set_toggle (classful, TRUE);
  check_saved (editor, connection, "route options turned again");
  check_items (connection, FALSE, saved, "route options turned again");
  destroy_window (window);
}

/* The IPv4 tab changes the same connection: its never-default and routes
 * show here at once, without a "changed" of ours, and are what is saved. */
static void
case_follows_ip4_tab (NMVpnEditorPlugin *plugin)
{
  g_autoptr (NMConnection) connection = new_connection (base_data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  NMSettingIPConfig *s_ip4 = add_ip4 (connection, FALSE, NULL, 0);
  GtkWidget *window = NULL, *page;
  NMIPRoute *route;
  guint changed = 0;

  page = open_page (plugin, connection, &editor, &window, &changed);
  if (!page)
    return;

  g_object_set (s_ip4, NM_SETTING_IP_CONFIG_NEVER_DEFAULT, TRUE, NULL);
  check (choice_is (page, TRUE),
         "never-default set by the IPv4 tab shows \"Only the office network\"");
  route = nm_ip_route_new (AF_INET, "10.20.0.0", 16, NULL, -1, NULL);
  nm_setting_ip_config_add_route (s_ip4, route);
  nm_ip_route_unref (route);
  /* libnm's add_route notifies "routes", and the connection "changed". */
  check (routes_line_says (page, "Also routed: 10.20.0.0/16"),
         "a route added by the IPv4 tab shows at once (%s)",
         label_text (widget_by_id (G_OBJECT (page), "routes_label")));
  check (changed == 0, "following the connection emits no \"changed\" (%u)", changed);

  check_saved (editor, connection, "after the IPv4 tab");
  check (nm_setting_ip_config_get_never_default (s_ip4)
             && nm_setting_ip_config_get_num_routes (s_ip4) == 1,
         "saving keeps the IPv4 tab's never-default and route");
  destroy_window (window);
}

typedef struct
{
  NMConnection *connection;
  NMSettingIPConfig *s_ip4;
  gboolean checkbox; /* the IPv4 page's "Use this connection only for …" */
  guint validations;
} Ip4Page;

/* GNOME Settings on every "changed": each page writes its state into the
 * connection, the VPN page first, then the IPv4 page (never-default too). */
static void
validate_pages (NMVpnEditor *editor, Ip4Page *ip4)
{
  g_autoptr (GError) error = NULL;

  if (++ip4->validations > 10)
    return;
  nm_vpn_editor_update_connection (editor, ip4->connection, &error);
  g_object_set (ip4->s_ip4, NM_SETTING_IP_CONFIG_NEVER_DEFAULT, ip4->checkbox, NULL);
}

/* There the IPv4 page's checkbox decides what is saved: the choice shown
 * follows it rather than claim what will not be saved, and nothing loops. */
static void
case_ip4_page_decides (NMVpnEditorPlugin *plugin)
{
  g_autoptr (NMConnection) connection = new_connection (base_data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  Ip4Page ip4 = { connection, add_ip4 (connection, FALSE, NULL, 0), FALSE, 0 };
  GtkWidget *window = NULL, *page;

  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  g_signal_connect (editor, "changed", G_CALLBACK (validate_pages), &ip4);

  set_toggle (widget_by_id (G_OBJECT (page), "route_office_radio"), TRUE);
  check (ip4.validations == 1, "one choice, one validation (%u)", ip4.validations);
  check (choice_is (page, FALSE) && !nm_setting_ip_config_get_never_default (ip4.s_ip4),
         "the IPv4 page's unticked checkbox wins, and the choice shown follows it");

  ip4.checkbox = TRUE;
  set_toggle (widget_by_id (G_OBJECT (page), "dhcp_inform_check"), FALSE);
  check (choice_is (page, TRUE) && nm_setting_ip_config_get_never_default (ip4.s_ip4),
         "the IPv4 page's ticked checkbox shows \"Only the office network\"");
  check (ip4.validations == 2, "still one validation a change (%u)", ip4.validations);
  destroy_window (window);
}

void
run_routing_cases (NMVpnEditorPlugin *plugin)
{
  case_office_only (plugin);
  case_no_ip4 (plugin);
  case_route_options (plugin);
  case_follows_ip4_tab (plugin);
  case_ip4_page_decides (plugin);
}
