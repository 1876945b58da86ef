/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "service-client.h"

#include <string.h>
#include <unistd.h>
#include <gio/gio.h>

/* Process-wide: pppd loads the plugin once and serves one link. */
static char *service_bus_name;
static GDBusConnection *bus;
static pid_t bus_pid;

gboolean
l2tp_ppp_client_set_bus_name (const char *bus_name, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bus_name || !g_dbus_is_name (bus_name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "'%s' is not a valid D-Bus name", bus_name ? bus_name : "");
      return FALSE;
    }
  g_free (service_bus_name);
  service_bus_name = g_strdup (bus_name);
  return TRUE;
}

const char *
l2tp_ppp_client_get_bus_name (void)
{
  return service_bus_name;
}

/*
 * Our own connection, made at first use, not the g_bus_get() singleton: no
 * exit-on-close, and it is never shared with anything else pppd may load.
 * GDBus does its I/O on a worker thread that a fork() does not copy, so a
 * connection made before pppd daemonized is dead in the child; refuse
 * instead of hanging.  (The service runs pppd with nodetach.)
 */
static GDBusConnection *
get_bus (GError **error)
{
  g_autofree char *address = NULL;

  if (bus)
    {
      if (bus_pid == getpid ())
        return bus;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the D-Bus connection was opened before pppd forked; run pppd "
                   "with nodetach");
      return NULL;
    }

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SYSTEM, NULL, error);
  if (!address)
    return NULL;
  bus = g_dbus_connection_new_for_address_sync (
      address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, error);
  if (!bus)
    return NULL;
  bus_pid = getpid ();
  return bus;
}

static GVariant *
call_service (const char *method, GVariant *params, const GVariantType *reply_type,
              int timeout_ms, GError **error)
{
  GDBusConnection *connection;
  GVariant *reply;

  if (params)
    g_variant_ref_sink (params);

  if (!service_bus_name)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   "option nm-l2tp-ipsec-bus-name was not given");
      g_clear_pointer (&params, g_variant_unref);
      return NULL;
    }

  connection = get_bus (error);
  if (!connection)
    {
      g_clear_pointer (&params, g_variant_unref);
      return NULL;
    }

  reply = g_dbus_connection_call_sync (
      connection, service_bus_name, L2TP_PPP_DBUS_PATH, L2TP_PPP_DBUS_INTERFACE, method,
      params, reply_type, G_DBUS_CALL_FLAGS_NO_AUTO_START, timeout_ms, NULL, error);
  g_clear_pointer (&params, g_variant_unref);
  if (!reply)
    g_prefix_error (error, "%s: ", method);
  return reply;
}

/*
 * The reply is ours alone (one reference, heap data), so its copy of the
 * password is cleared before it is freed.  GLib's socket read buffer is
 * beyond our reach; the bus is root-only, which is the real protection.
 */
static void
wipe_borrowed (const char *secret)
{
  explicit_bzero ((char *) secret, strlen (secret));
}

/* Copies SRC into DST[size] only if it fits whole. */
static gboolean
copy_whole (char *dst, gsize size, const char *src)
{
  gsize len = strlen (src);

  if (len >= size)
    return FALSE;
  memcpy (dst, src, len + 1);
  return TRUE;
}

gboolean
l2tp_ppp_client_need_secrets (char *user_buf, gsize user_size, char *passwd_buf,
                              gsize passwd_size, GError **error)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) user_v = NULL;
  g_autoptr (GVariant) passwd_v = NULL;
  const char *user;
  const char *passwd;

  g_return_val_if_fail (user_buf != NULL && user_size > 0, FALSE);
  g_return_val_if_fail (passwd_buf != NULL && passwd_size > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reply = call_service ("NeedSecrets", NULL, G_VARIANT_TYPE ("(ss)"),
                        L2TP_PPP_SECRETS_TIMEOUT_MS, error);
  if (!reply)
    return FALSE;

  /* Borrowed pointers into the reply: no extra copy of the password. */
  user_v = g_variant_get_child_value (reply, 0);
  passwd_v = g_variant_get_child_value (reply, 1);
  user = g_variant_get_string (user_v, NULL);
  passwd = g_variant_get_string (passwd_v, NULL);

  if (!passwd[0])
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "NeedSecrets: the service sent no password");
      return FALSE;
    }
  if (user[0] && !copy_whole (user_buf, user_size, user))
    {
      wipe_borrowed (passwd);
      g_set_error (
          error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
          "NeedSecrets: the user name is longer than pppd's limit of %" G_GSIZE_FORMAT
          " bytes",
          user_size - 1);
      return FALSE;
    }
  if (!copy_whole (passwd_buf, passwd_size, passwd))
    {
      g_set_error (
          error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
          "NeedSecrets: the password is longer than pppd's limit of %" G_GSIZE_FORMAT
          " bytes",
          passwd_size - 1);
      wipe_borrowed (passwd);
      return FALSE;
    }
  wipe_borrowed (passwd);
  return TRUE;
}

static gboolean
call_no_reply (const char *method, GVariant *params, GError **error)
{
  g_autoptr (GVariant) reply = NULL;

  reply = call_service (method, params, G_VARIANT_TYPE_UNIT, L2TP_PPP_REPORT_TIMEOUT_MS,
                        error);
  return reply != NULL;
}

gboolean
l2tp_ppp_client_set_state (guint32 phase, GError **error)
{
  return call_no_reply ("SetState", g_variant_new ("(u)", phase), error);
}

gboolean
l2tp_ppp_client_set_ip4_config (GVariant *config, GError **error)
{
  g_return_val_if_fail (config != NULL, FALSE);
  return call_no_reply ("SetIp4Config", g_variant_new ("(@a{sv})", config), error);
}

gboolean
l2tp_ppp_client_set_ip6_config (GVariant *config, GError **error)
{
  g_return_val_if_fail (config != NULL, FALSE);
  return call_no_reply ("SetIp6Config", g_variant_new ("(@a{sv})", config), error);
}

gboolean
l2tp_ppp_client_set_exit_status (guint32 status, const char *message, GError **error)
{
  return call_no_reply ("SetExitStatus",
                        g_variant_new ("(us)", status, message ? message : ""), error);
}

gboolean
l2tp_ppp_client_ip_down (GError **error)
{
  return call_no_reply ("IpDown", NULL, error);
}

gboolean
l2tp_ppp_client_peer_requests_mppe (GError **error)
{
  return call_no_reply ("PeerRequestsMppe", NULL, error);
}

gboolean
l2tp_ppp_client_peer_terminated (const char *reason, GError **error)
{
  return call_no_reply ("PeerTerminated", g_variant_new ("(s)", reason ? reason : ""),
                        error);
}
