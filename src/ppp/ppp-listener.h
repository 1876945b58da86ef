/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The service's side of the private interface org.freedesktop.NetworkManager.l2tp.ppp
 * (l2tp-ppp-interface.xml), exported on the service's own bus connection at
 * /org/freedesktop/NetworkManager/l2tp/ppp for the pppd plugin to call.
 * Only root may talk to the service's names (the D-Bus policy file). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define L2TP_PPP_OBJECT_PATH "/org/freedesktop/NetworkManager/l2tp/ppp"

typedef struct _L2tpPppListener L2tpPppListener;

typedef struct
{
  /* NeedSecrets: fills user and password (newly allocated; the listener
   * wipes and frees them after sending). FALSE: no secrets to give. */
  gboolean (*need_secrets) (char **user, char **password, gpointer user_data);
  void (*state) (guint phase, gpointer user_data);
  void (*ip4_config) (GVariant *config, gpointer user_data);
  void (*ip6_config) (GVariant *config, gpointer user_data);
  void (*ip_down) (gpointer user_data);
  void (*exit_status) (guint status, const char *message, gpointer user_data);
  /* The server's CCP asked for MPPE. */
  void (*peer_requests_mppe) (gpointer user_data);
  /* The server ended LCP; reason is its text, made printable again here. */
  void (*peer_terminated) (const char *reason, gpointer user_data);
} L2tpPppEvents;

L2tpPppListener *l2tp_ppp_listener_new (GDBusConnection *bus, const L2tpPppEvents *events,
                                        gpointer user_data, GError **error);
/* Unexports the object; no events after this. */
void l2tp_ppp_listener_free (L2tpPppListener *listener);

G_END_DECLS
