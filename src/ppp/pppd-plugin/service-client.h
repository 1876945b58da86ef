/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef L2TP_PPP_SERVICE_CLIENT_H
#define L2TP_PPP_SERVICE_CLIENT_H

#include <glib.h>

/*
 * The plugin's side of the private interface org.freedesktop.NetworkManager.l2tp.ppp
 * (src/ppp/l2tp-ppp-interface.xml): blocking calls to nm-l2tp-ipsec-service on
 * the system bus.  Blocking is right here: pppd is single-threaded and calls
 * us at discrete moments (a phase change, authentication, ip-up), and it
 * must not go on before the service has the answer.
 *
 * No pppd symbols in this file; errors come back as GError for the caller
 * to log through pppd.
 */

#define L2TP_PPP_DBUS_PATH      "/org/freedesktop/NetworkManager/l2tp/ppp"
#define L2TP_PPP_DBUS_INTERFACE "org.freedesktop.NetworkManager.l2tp.ppp"

/* The service may have to look the password up; it never prompts from here. */
#define L2TP_PPP_SECRETS_TIMEOUT_MS 10000
#define L2TP_PPP_REPORT_TIMEOUT_MS  5000

/* Checks and remembers the service's bus name (unique or well-known). */
gboolean l2tp_ppp_client_set_bus_name (const char *bus_name, GError **error);
const char *l2tp_ppp_client_get_bus_name (void);

/*
 * NeedSecrets: writes the user name (when the service sends a non-empty one)
 * and the password into the caller's buffers.  A value that does not fit is
 * refused, never cut: a cut password fails in a way nobody could diagnose.
 */
gboolean l2tp_ppp_client_need_secrets (char *user_buf, gsize user_size, char *passwd_buf,
                                       gsize passwd_size, GError **error);

gboolean l2tp_ppp_client_set_state (guint32 phase, GError **error);
/* Both take ownership of a floating config. */
gboolean l2tp_ppp_client_set_ip4_config (GVariant *config, GError **error);
gboolean l2tp_ppp_client_set_ip6_config (GVariant *config, GError **error);
gboolean l2tp_ppp_client_set_exit_status (guint32 status, const char *message,
                                          GError **error);
/* The server's CCP asked for MPPE; the server ended LCP with this text
 * (already made printable by peer-packet.c). */
gboolean l2tp_ppp_client_ip_down (GError **error);
gboolean l2tp_ppp_client_peer_requests_mppe (GError **error);
gboolean l2tp_ppp_client_peer_terminated (const char *reason, GError **error);

#endif
