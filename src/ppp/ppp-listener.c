/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/ppp/ppp-listener.h"

#include <string.h>

#include "l2tp-ppp-interface-info.h"
#include "src/common/log.h"
#include "shared/value-check.h"
#include "shared/text-clean.h"

/* The server's words, as much as a log line or a message should carry. */
#define PEER_REASON_SHOW_MAX 200

struct _L2tpPppListener
{
  GDBusConnection *bus;
  guint registration;
  L2tpPppEvents events;
  gpointer user_data;
};

static void
wipe (char *secret)
{
  if (secret)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
need_secrets (L2tpPppListener *l, GDBusMethodInvocation *invocation)
{
  char *user = NULL;
  char *password = NULL;

  if (!l->events.need_secrets (&user, &password, l->user_data))
    {
      g_dbus_method_invocation_return_error_literal (
          invocation, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED, "no secrets for pppd");
      return;
    }
  l2tp_log_info ("ppp: pppd asked for the password (user %s)", user ? user : "");
  g_dbus_method_invocation_return_value (
      invocation, g_variant_new ("(ss)", user ? user : "", password ? password : ""));
  wipe (user);
  wipe (password);
}

static void
on_method_call (GDBusConnection *bus, const char *sender, const char *path,
                const char *interface, const char *method, GVariant *params,
                GDBusMethodInvocation *invocation, gpointer user_data)
{
  L2tpPppListener *l = user_data;

  if (g_str_equal (method, "NeedSecrets"))
    {
      need_secrets (l, invocation);
      return;
    }
  if (g_str_equal (method, "SetState"))
    {
      guint phase;

      g_variant_get (params, "(u)", &phase);
      l->events.state (phase, l->user_data);
    }
  else if (g_str_equal (method, "SetIp4Config") || g_str_equal (method, "SetIp6Config"))
    {
      g_autoptr (GVariant) config = g_variant_get_child_value (params, 0);

      if (method[5] == '4')
        l->events.ip4_config (config, l->user_data);
      else
        l->events.ip6_config (config, l->user_data);
    }
  else if (g_str_equal (method, "SetExitStatus"))
    {
      guint status;
      const char *message;
      g_autofree char *shown = NULL;

      /* pppd's last error may quote the server. */
      g_variant_get (params, "(u&s)", &status, &message);
      shown = l2tp_text_clean (message, L2TP_TEXT_CLEAN_LINE_MAX);
      l->events.exit_status (status, shown, l->user_data);
    }
  else if (g_str_equal (method, "IpDown"))
    l->events.ip_down (l->user_data);
  else if (g_str_equal (method, "PeerRequestsMppe"))
    l->events.peer_requests_mppe (l->user_data);
  else if (g_str_equal (method, "PeerTerminated"))
    {
      const char *reason;
      g_autofree char *shown = NULL;

      /* The plugin cleaned it, but it is the server's text: again here. */
      g_variant_get (params, "(&s)", &reason);
      shown = l2tp_text_clean (reason, PEER_REASON_SHOW_MAX);
      l->events.peer_terminated (shown, l->user_data);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { .method_call = on_method_call };

L2tpPppListener *
l2tp_ppp_listener_new (GDBusConnection *bus, const L2tpPppEvents *events,
                       gpointer user_data, GError **error)
{
  L2tpPppListener *l = g_new0 (L2tpPppListener, 1);

  l->bus = g_object_ref (bus);
  l->events = *events;
  l->user_data = user_data;
  l->registration = g_dbus_connection_register_object (
      bus, L2TP_PPP_OBJECT_PATH,
      (GDBusInterfaceInfo *) &org_freedesktop_network_manager_l2tp_ppp_interface, &vtable,
      l, NULL, error);
  if (!l->registration)
    {
      l2tp_ppp_listener_free (l);
      return NULL;
    }
  return l;
}

void
l2tp_ppp_listener_free (L2tpPppListener *l)
{
  if (!l)
    return;
  if (l->registration)
    g_dbus_connection_unregister_object (l->bus, l->registration);
  g_clear_object (&l->bus);
  g_free (l);
}
