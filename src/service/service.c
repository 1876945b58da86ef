/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/service.h"

#include <glib/gi18n-lib.h>

#include "src/ipsec/charon-early.h"
#include "src/service/connect.h"
#include "src/common/failure-log.h"
#include "src/common/failure-record.h"
#include "src/common/log.h"
#include "src/common/state-dir.h"
#include "src/service/connection-settings.h"
#include "src/service/need-secrets.h"
#include "src/service/plan-store.h"
#include "src/common/runtime-dir.h"
#include "shared/config.h"
#include "shared/text-clean.h"

struct _L2tpService
{
  NMVpnServicePlugin parent;
  L2tpConnect *connect;  /* the current attempt or connection */
  L2tpConnect *stopping; /* the previous one, still tearing down */
  L2tpConnect *queued;   /* started once the previous one is gone */
  gboolean releasing;    /* the charon prepared early, at exit */
  char *bus_name;
};

G_DEFINE_TYPE (L2tpService, l2tp_service, NM_TYPE_VPN_SERVICE_PLUGIN)

enum
{
  SIGNAL_IDLE,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* ---- settings: the only door is l2tp_config_new() --------------------- */

/* The lines from here on are about this connection, unless another one
 * still runs or tears down (its lines keep its UUID until it is done). */
static void
log_for (L2tpService *self, NMConnection *connection)
{
  if (!self->connect && !self->stopping)
    l2tp_log_set_connection (nm_connection_get_uuid (connection));
}

/* charon found or started while NetworkManager still asks for secrets, so
 * that Connect finds it ready: only for a connection with IPsec whose
 * settings the sanitizer took, never for one Connect will refuse, and not
 * once a connection runs (it asks for charon itself). */
static void
prepare_charon (L2tpService *self, const L2tpConfig *cfg)
{
  if (l2tp_config_ipsec_enabled (cfg) && !l2tp_service_is_busy (self))
    l2tp_charon_early_start (L2TP_RUNTIME_ROOT);
}

/* NeedSecrets answers only which secret is missing. Settings the sanitizer
 * refuses are Connect's to refuse, with the key named (an error here would
 * reach the person as NetworkManager's "No valid secrets"); the question
 * is then answered from the keys it depends on alone. */
static gboolean
need_secrets (NMVpnServicePlugin *plugin, NMConnection *connection,
              const char **setting_name, GError **error)
{
  L2tpService *self = L2TP_SERVICE (plugin);
  g_autoptr (GHashTable) data = NULL;
  g_autoptr (GHashTable) secrets = NULL;
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autoptr (GError) refused = NULL;
  const char *missing;

  log_for (self, connection);
  if (!l2tp_connection_settings_tables (connection, &data, &secrets))
    {
      l2tp_log_info ("NeedSecrets: no VPN setting (Connect refuses it): nothing");
      return FALSE;
    }
  cfg = l2tp_config_new (data, secrets, &refused);
  if (cfg)
    {
      missing = l2tp_need_secret (cfg);
      prepare_charon (self, cfg);
    }
  else
    {
      missing = l2tp_need_secret_partial (data, secrets);
      l2tp_log_info ("NeedSecrets: settings refused (Connect says why): %s",
                     refused->message);
    }
  l2tp_log_info ("NeedSecrets: %s", missing ? missing : "nothing");
  if (!missing)
    return FALSE;
  *setting_name = NM_SETTING_VPN_SETTING_NAME;
  return TRUE;
}

/* ---- the pipeline's events -------------------------------------------- */

static void
on_config (GVariant *config, gpointer user_data)
{
  nm_vpn_service_plugin_set_config (user_data, config);
}

static void
on_ip4_config (GVariant *config, gpointer user_data)
{
  nm_vpn_service_plugin_set_ip4_config (user_data, config);
}

static void
on_ip6_config (GVariant *config, gpointer user_data)
{
  nm_vpn_service_plugin_set_ip6_config (user_data, config);
}

static gboolean real_disconnect (NMVpnServicePlugin *plugin, GError **error);

static void
set_state (NMVpnServicePlugin *plugin, NMVpnServiceState state)
{
  /* libnm's set_state behind its writable "state" property: StateChanged */
  g_object_set (plugin, NM_VPN_SERVICE_PLUGIN_STATE, state, NULL);
}

static gboolean
stop_after_failure (gpointer user_data)
{
  NMVpnServicePlugin *plugin = user_data;

  real_disconnect (plugin, NULL);
  set_state (plugin, NM_VPN_SERVICE_STATE_STOPPED);
  return G_SOURCE_REMOVE;
}

/* NetworkManager shows only the reason; the message goes to the log (ours
 * and, for a synchronous Connect error, NetworkManager's). */
static void
on_failed (const GError *error, gpointer user_data)
{
  NMVpnServicePlugin *plugin = user_data;
  NMVpnServiceState state = NM_VPN_SERVICE_STATE_UNKNOWN;

  g_object_get (plugin, NM_VPN_SERVICE_PLUGIN_STATE, &state, NULL);
  if (state != NM_VPN_SERVICE_STATE_STARTING && state != NM_VPN_SERVICE_STATE_STARTED)
    return;
  /* nm_vpn_service_plugin_failure() disconnects at once, and libnm's
   * disconnect while starting sends a Failure "connect-failed" of its own;
   * NetworkManager keeps the last reason, so ours (login-failed,
   * bad-ip-config) would end as "Unknown reason". Stopping first makes that
   * disconnect a no-op; the same steps follow from the main loop (not from
   * inside the pipeline's own callback, which is about to be stopped). */
  set_state (plugin, NM_VPN_SERVICE_STATE_STOPPING);
  nm_vpn_service_plugin_failure (plugin, l2tp_failure_nm_reason (error->code));
  g_idle_add_full (G_PRIORITY_DEFAULT, stop_after_failure, g_object_ref (plugin),
                   g_object_unref);
}

static void start_connect (L2tpService *self, L2tpConnect *c);

static void
on_stopped (gpointer user_data)
{
  L2tpService *self = user_data;

  g_clear_pointer (&self->stopping, l2tp_connect_free);
  if (self->queued)
    {
      L2tpConnect *next = g_steal_pointer (&self->queued);
      start_connect (self, next);
      return;
    }
  /* Not while the early charon is still being released: exiting then
   * would leave it running (a connection that failed before IPsec). */
  if (!l2tp_service_is_busy (self))
    g_signal_emit (self, signals[SIGNAL_IDLE], 0);
}

/* NetworkManager adds the message as the hint "x-vpn-message:" and asks
 * the agent; the answer comes as NewSecrets. */
static void
on_secrets_required (const char *message, const char *const *secrets, gpointer user_data)
{
  nm_vpn_service_plugin_secrets_required (user_data, message, (const char **) secrets);
}

static const L2tpConnectEvents connect_events = {
  .config = on_config,
  .ip4_config = on_ip4_config,
  .ip6_config = on_ip6_config,
  .failed = on_failed,
  .stopped = on_stopped,
  .secrets_required = on_secrets_required,
};

static void
start_connect (L2tpService *self, L2tpConnect *c)
{
  if (self->stopping)
    {
      /* The previous connection is still tearing down (its charon, its
       * port): this one starts when that is done. */
      if (self->queued)
        l2tp_connect_free (self->queued);
      self->queued = c;
      return;
    }
  self->connect = c;
  l2tp_connect_start (c);
}

/* The users of connection.permissions, as whom the connection's files are
 * read; NULL for a shared connection (no permissions), whose files root
 * reads. An entry of another kind than "user" names nobody to read as: a
 * private connection with only such entries gets an empty list, and reads
 * nothing. */
static GStrv
file_users (NMConnection *connection)
{
  NMSettingConnection *s_con = nm_connection_get_setting_connection (connection);
  guint n = s_con ? nm_setting_connection_get_num_permissions (s_con) : 0;
  GPtrArray *users;

  if (n == 0)
    return NULL;
  users = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      const char *type = NULL, *item = NULL;

      if (nm_setting_connection_get_permission (s_con, i, &type, &item, NULL)
          && g_strcmp0 (type, "user") == 0 && item && *item)
        g_ptr_array_add (users, g_strdup (item));
    }
  g_ptr_array_add (users, NULL);
  return (GStrv) g_ptr_array_free (users, FALSE);
}

/* Connect with settings the sanitizer refused: nothing starts, and
 * NetworkManager ends the activation with SERVICE_START_FAILED ("The VPN
 * service failed to start"), its reason for a Connect that returns an
 * error, and logs our message ("failed to connect: 'Settings: mtu: …'").
 * NetworkManager has no reason for bad settings; the only one whose text
 * says "configuration" is IP_CONFIG_INVALID (Failure "bad-ip-config"),
 * and it would be wrong twice: it says the VPN service returned a bad IP
 * configuration, and it takes effect only when the Failure and a
 * StateChanged STOPPED arrive before the Connect reply, after which
 * NetworkManager may drop the failed activation, cancelling the pending
 * Connect call, before it reads the reply that names the key (1.42's
 * nm-vpn-connection.c: main_cancellable). A Failure without STOPPED changes
 * nothing: the error reply sets the reason first. The message also reaches
 * the journal with NM_CONNECTION (nmcli's hint) and the failure record
 * diagnose reads. */
static gboolean
refuse_settings (L2tpService *self, NMConnection *connection, const GError *refused,
                 GError **error)
{
  const char *uuid = nm_connection_get_uuid (connection);

  l2tp_failure_log (refused);
  if (uuid && l2tp_state_uuid_is_safe (uuid))
    l2tp_failure_record_keep (l2tp_state_dir (), uuid, refused);
  if (!l2tp_service_is_busy (self))
    l2tp_log_set_connection (NULL);
  g_set_error_literal (error, NM_VPN_PLUGIN_ERROR, NM_VPN_PLUGIN_ERROR_INVALID_CONNECTION,
                       refused->message);
  return FALSE;
}

static gboolean
connect_as (NMVpnServicePlugin *plugin, NMConnection *connection, gboolean interactive,
            GError **error)
{
  L2tpService *self = L2TP_SERVICE (plugin);
  g_autoptr (GError) refused = NULL;
  g_autoptr (L2tpConfig) cfg = NULL;
  NMSettingIPConfig *ip4 = nm_connection_get_setting_ip4_config (connection);
  g_auto (GStrv) users = file_users (connection);
  L2tpConnectParams params = {
    .uuid = nm_connection_get_uuid (connection),
    .bus_name = self->bus_name,
    .bus = nm_vpn_service_plugin_get_connection (plugin),
    .never_default = ip4 && nm_setting_ip_config_get_never_default (ip4),
    .runtime_root = L2TP_RUNTIME_ROOT,
    .file_users = (const char *const *) users,
    .interactive = interactive,
  };

  if (self->connect)
    {
      g_set_error_literal (error, NM_VPN_PLUGIN_ERROR,
                           NM_VPN_PLUGIN_ERROR_ALREADY_STARTED,
                           _ ("a connection is already active in this service"));
      return FALSE;
    }
  log_for (self, connection);
  {
    /* The connection's name and UUID are the user's text. */
    g_autofree char *id = l2tp_text_clean (nm_connection_get_id (connection), 256);
    g_autofree char *uuid = l2tp_text_clean (params.uuid, 64);

    l2tp_log_notice ("Connect: %s (%s)", id ? id : "", uuid ? uuid : "");
  }
  cfg = l2tp_connection_settings_config (connection, &refused);
  if (!cfg)
    return refuse_settings (self, connection, refused, error);
  if (users)
    {
      g_autofree char *joined = g_strjoinv (", ", users);
      g_autofree char *names = l2tp_text_clean (joined, 256);

      l2tp_log_info ("Connect: private (connection.permissions: %s); its files are "
                     "read as its user",
                     names[0] ? names : "no user");
    }
  start_connect (self, l2tp_connect_new (cfg, &params, &connect_events, self));
  return TRUE;
}

static gboolean
real_connect (NMVpnServicePlugin *plugin, NMConnection *connection, GError **error)
{
  return connect_as (plugin, connection, FALSE, error);
}

/* A refused password or PSK the person typed is asked again
 * (connect-reask.c). */
static gboolean
real_connect_interactive (NMVpnServicePlugin *plugin, NMConnection *connection,
                          GVariant *details, GError **error)
{
  return connect_as (plugin, connection, TRUE, error);
}

static gboolean
real_new_secrets (NMVpnServicePlugin *plugin, NMConnection *connection, GError **error)
{
  L2tpService *self = L2TP_SERVICE (plugin);
  g_autoptr (GError) refused = NULL;
  g_autoptr (L2tpConfig) cfg = l2tp_connection_settings_config (connection, &refused);

  if (!cfg)
    {
      l2tp_failure_log (refused);
      g_set_error_literal (error, NM_VPN_PLUGIN_ERROR,
                           NM_VPN_PLUGIN_ERROR_INVALID_CONNECTION, refused->message);
      return FALSE;
    }
  if (self->connect)
    l2tp_connect_set_config (self->connect, cfg);
  return TRUE;
}

static gboolean
real_disconnect (NMVpnServicePlugin *plugin, GError **error)
{
  L2tpService *self = L2TP_SERVICE (plugin);
  L2tpConnect *c = g_steal_pointer (&self->connect);

  l2tp_log_notice ("Disconnect");
  if (!c)
    {
      if (self->queued)
        g_clear_pointer (&self->queued, l2tp_connect_free);
      return TRUE;
    }
  if (c == self->queued)
    {
      g_clear_pointer (&self->queued, l2tp_connect_free);
      return TRUE;
    }
  self->stopping = c;
  l2tp_connect_stop (c);
  return TRUE;
}

gboolean
l2tp_service_is_busy (L2tpService *self)
{
  return self->connect != NULL || self->stopping != NULL || self->queued != NULL
         || self->releasing;
}

static void
on_early_charon_released (gpointer user_data)
{
  L2tpService *self = user_data;

  self->releasing = FALSE;
  if (!l2tp_service_is_busy (self))
    g_signal_emit (self, signals[SIGNAL_IDLE], 0);
}

void
l2tp_service_shutdown (L2tpService *self)
{
  if (!self->releasing)
    self->releasing = l2tp_charon_early_release (on_early_charon_released, self);
}

static void
l2tp_service_init (L2tpService *self)
{
}

static void
l2tp_service_finalize (GObject *object)
{
  L2tpService *self = L2TP_SERVICE (object);

  g_clear_pointer (&self->connect, l2tp_connect_free);
  g_clear_pointer (&self->stopping, l2tp_connect_free);
  g_clear_pointer (&self->queued, l2tp_connect_free);
  g_free (self->bus_name);
  G_OBJECT_CLASS (l2tp_service_parent_class)->finalize (object);
}

static void
l2tp_service_class_init (L2tpServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  NMVpnServicePluginClass *plugin_class = NM_VPN_SERVICE_PLUGIN_CLASS (klass);

  object_class->finalize = l2tp_service_finalize;
  plugin_class->need_secrets = need_secrets;
  plugin_class->connect = real_connect;
  plugin_class->connect_interactive = real_connect_interactive;
  plugin_class->new_secrets = real_new_secrets;
  plugin_class->disconnect = real_disconnect;

  /* Emitted when the last teardown is complete. */
  signals[SIGNAL_IDLE]
      = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 0);
}

L2tpService *
l2tp_service_new (const char *bus_name, gboolean watch_peer, GError **error)
{
  L2tpService *self = g_initable_new (
      L2TP_TYPE_SERVICE, NULL, error, NM_VPN_SERVICE_PLUGIN_DBUS_SERVICE_NAME, bus_name,
      NM_VPN_SERVICE_PLUGIN_DBUS_WATCH_PEER, watch_peer, NULL);

  if (!self)
    return NULL;
  self->bus_name = g_strdup (bus_name);
  /* charon is not started here: NeedSecrets does it once the connection's
   * settings have passed the sanitizer (prepare_charon). */
  /* Remembered plans of connections NetworkManager has deleted go. */
  l2tp_plan_store_prune (
      nm_vpn_service_plugin_get_connection (NM_VPN_SERVICE_PLUGIN (self)),
      l2tp_plan_store_dir ());
  return self;
}
