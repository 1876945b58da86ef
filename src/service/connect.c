/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/connect-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "shared/render-pppd.h"
#include "shared/render-xl2tpd.h"
#include "src/common/failure-log.h"
#include "src/common/failure-record.h"
#include "src/common/log.h"
#include "src/common/runtime-claim.h"
#include "src/common/runtime-dir.h"
#include "src/common/state-dir.h"
#include "src/ipsec/charon-early.h"
#include "src/l2tp/cleartext-guard.h"
#include "src/service/plan-walk.h"
#include "src/service/preflight.h"

/* Each step's own limit, in seconds. IPsec: charon's IKEv1 retransmits
 * alone would take 165 s to give up on a silent server. */
#define PREFLIGHT_TIMEOUT_S 20
#define IPSEC_TIMEOUT_S     45
#define L2TP_TIMEOUT_S      30
#define PPP_TIMEOUT_S       60
/* For the previous service process of this connection to end its teardown
 * (a quick reconnect): NetworkManager's own limit for a connect. */
#define CLAIM_TIMEOUT_S 60

static const struct
{
  const char *name;
  guint timeout_s;
} steps[] = {
  [STEP_NONE] = { "none", 0 },
  [STEP_PREFLIGHT]
  = { N_ ("Preparing (name lookup, programs, port)"), PREFLIGHT_TIMEOUT_S },
  [STEP_IPSEC] = { N_ ("IPsec negotiation"), IPSEC_TIMEOUT_S },
  [STEP_L2TP] = { N_ ("The L2TP tunnel"), L2TP_TIMEOUT_S },
  [STEP_PPP] = { N_ ("PPP negotiation"), PPP_TIMEOUT_S },
  [STEP_CONNECTED] = { "connected", 0 },
};

L2tpConnect *
l2tp_connect_new (L2tpConfig *cfg, const L2tpConnectParams *params,
                  const L2tpConnectEvents *events, gpointer user_data)
{
  L2tpConnect *c = g_new0 (L2tpConnect, 1);

  c->cfg = l2tp_config_ref (cfg);
  c->uuid = g_strdup (params->uuid);
  c->bus_name = g_strdup (params->bus_name);
  c->bus = params->bus ? g_object_ref (params->bus) : NULL;
  c->never_default = params->never_default;
  c->runtime_root = g_strdup (params->runtime_root);
  c->file_users = params->file_users ? g_strdupv ((char **) params->file_users) : NULL;
  c->interactive = params->interactive;
  c->events = *events;
  c->user_data = user_data;
  c->id = l2tp_runtime_id (params->uuid);
  c->name = l2tp_runtime_conn_name (c->id);
  c->cancellable = g_cancellable_new ();
  c->guard_cancellable = g_cancellable_new ();
  c->backend = &l2tp_ipsec_strongswan;
  return c;
}

void
l2tp_connect_free (L2tpConnect *c)
{
  if (!c)
    return;
  g_cancellable_cancel (c->cancellable);
  g_cancellable_cancel (c->guard_cancellable);
  l2tp_connect_ipsec_stop_probe (c);
  l2tp_connect_reask_clear (c);
  g_clear_handle_id (&c->begin_id, g_source_remove);
  g_clear_handle_id (&c->step_timer, g_source_remove);
  g_clear_pointer (&c->ppp, l2tp_ppp_listener_free);
  g_clear_pointer (&c->socket_watch, l2tp_socket_watch_free);
  g_clear_pointer (&c->xl2tpd, l2tp_xl2tpd_free);
  if (c->ipsec)
    c->backend->free (c->ipsec);
  l2tp_diagnosis_clear (&c->diag);
  g_clear_pointer (&c->ip6_config, g_variant_unref);
  g_clear_pointer (&c->dhcp, l2tp_dhcp_inform_client_free);
  g_clear_pointer (&c->ip4_sent, g_variant_unref);
  g_clear_pointer (&c->plan, l2tp_plan_free);
  g_clear_object (&c->cancellable);
  g_clear_object (&c->guard_cancellable);
  g_clear_object (&c->bus);
  l2tp_config_unref (c->cfg);
  if (c->secrets)
    l2tp_config_unref (c->secrets);
  l2tp_port_clear (&c->port);
  g_free (c->uuid);
  g_free (c->bus_name);
  g_free (c->runtime_root);
  g_strfreev (c->file_users);
  l2tp_connection_files_free (c->files);
  for (guint i = 0; i < G_N_ELEMENTS (c->ppp_copies); i++)
    g_free (c->ppp_copies[i]);
  g_free (c->id);
  g_free (c->name);
  g_clear_pointer (&c->claim, l2tp_runtime_claim_release);
  g_free (c->gateway_addr);
  g_free (c->local_addr);
  g_free (c->pppd_plugin);
  g_free (c);
}

void
l2tp_connect_set_config (L2tpConnect *c, L2tpConfig *cfg)
{
  if (c->secrets)
    l2tp_config_unref (c->secrets); /* an IPsec session keeps its own reference */
  c->secrets = l2tp_config_ref (cfg);
  if (c->reasking)
    l2tp_connect_reask_answered (c);
}

L2tpConfig *
l2tp_connect_secrets (L2tpConnect *c)
{
  return c->secrets ? c->secrets : c->cfg;
}

/* ---- failing ---------------------------------------------------------- */

void
l2tp_connect_fail (L2tpConnect *c, const GError *error)
{
  if (c->stopping || c->failed)
    return;
  c->failed = TRUE;
  g_clear_handle_id (&c->step_timer, g_source_remove);
  l2tp_failure_log (error);
  l2tp_failure_record_keep (l2tp_state_dir (), c->uuid, error);
  c->events.failed (error, c->user_data);
}

void
l2tp_connect_fail_with (L2tpConnect *c, L2tpFailure failure, const char *a, const char *b)
{
  g_autoptr (GError) error = NULL;

  l2tp_failure_set (&error, failure, a, b);
  l2tp_connect_fail (c, error);
}

/* A step ran out of time: what the daemons said so far, else the timeout. */
static gboolean
on_step_timeout (gpointer user_data)
{
  L2tpConnect *c = user_data;
  g_autofree char *seconds = g_strdup_printf ("%u", steps[c->step].timeout_s);

  c->step_timer = 0;
  l2tp_log_warn ("step %s: no result within %s s", steps[c->step].name, seconds);
  if (c->diag.failure == L2TP_FAILURE_IKE_NO_RESPONSE)
    l2tp_connect_fail_with (c, c->diag.failure, c->gateway_addr, NULL);
  else if (c->diag.failure != L2TP_FAILURE_NONE)
    l2tp_connect_fail_with (c, c->diag.failure, c->diag.detail, NULL);
  else
    l2tp_connect_fail_with (c, L2TP_FAILURE_TIMEOUT, _ (steps[c->step].name), seconds);
  return G_SOURCE_REMOVE;
}

/* ---- l2tp ------------------------------------------------------------- */

/* xl2tpd binds with SO_REUSEADDR: another user may bind our address and
 * port too and take the server's decrypted L2TP (shared/foreign-socket.h). */
static void
on_foreign_socket (const char *sockets, const char *fix, gpointer user_data)
{
  L2tpConnect *c = user_data;

  g_clear_pointer (&c->socket_watch, l2tp_socket_watch_free);
  l2tp_connect_fail_with (c, L2TP_FAILURE_L2TP_FOREIGN_SOCKET, sockets, fix);
}

/* TRUE when another user's socket is there (the connection is failing). */
static gboolean
foreign_socket_now (L2tpConnect *c)
{
  return c->socket_watch && l2tp_socket_watch_check_now (c->socket_watch);
}

static void
on_l2tp_established (gpointer user_data)
{
  L2tpConnect *c = user_data;

  if (foreign_socket_now (c))
    return;
  if (c->step == STEP_L2TP)
    l2tp_connect_step_enter (c, STEP_PPP);
}

static void
on_l2tp_ended (const GError *error, gpointer user_data)
{
  L2tpConnect *c = user_data;

  if (c->ppp_retrying || l2tp_connect_ppp_retry (c))
    return;
  if (c->step == STEP_CONNECTED)
    {
      g_autoptr (GError) lost = NULL;
      l2tp_failure_set (&lost, L2TP_FAILURE_CONNECTION_LOST, error->message, NULL);
      l2tp_connect_fail (c, lost);
      return;
    }
  /* A server that takes only port 1701 while someone else holds it. */
  if (error->code == L2TP_FAILURE_L2TP_NO_RESPONSE && c->port.holder)
    {
      l2tp_connect_fail_with (c, L2TP_FAILURE_PORT_BUSY, c->port.holder,
                              c->port.free_command);
      return;
    }
  l2tp_connect_fail (c, error);
}

static const L2tpXl2tpdEvents xl2tpd_events = {
  .established = on_l2tp_established,
  .ended = on_l2tp_ended,
};

/* pppd (root) reads the service's copies of user-ca, -cert and -key in the
 * runtime directory, written once; they go with the directory. */
static gboolean
write_ppp_copies (L2tpConnect *c, GError **error)
{
  if (!c->files || c->ppp_copies_written)
    return TRUE;
  if (!l2tp_connection_files_write_ppp (c->files, c->dir, c->ppp_copies, error))
    return FALSE;
  c->ppp_copies_written = TRUE;
  c->ctx.ppp_ca = c->ppp_copies[0];
  c->ctx.ppp_cert = c->ppp_copies[1];
  c->ctx.ppp_key = c->ppp_copies[2];
  return TRUE;
}

static void
l2tp_start (L2tpConnect *c)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *options = NULL;

  /* The guard is installed while IPsec comes up; no L2TP before it is. */
  if (c->guard_pending)
    {
      c->l2tp_waits_guard = TRUE;
      return;
    }
  if (!write_ppp_copies (c, &error))
    {
      l2tp_connect_fail_with (c, L2TP_FAILURE_INTERNAL, error->message, NULL);
      return;
    }
  conf = l2tp_render_xl2tpd_conf (c->cfg, &c->ctx, &error);
  options = conf ? l2tp_render_pppd_options (c->cfg, &c->ctx, &error) : NULL;
  if (!options)
    {
      l2tp_connect_fail_with (c, L2TP_FAILURE_BAD_SETTINGS, error->message, NULL);
      return;
    }
  /* From before xl2tpd binds until the teardown begins. */
  if (!c->socket_watch)
    c->socket_watch
        = l2tp_socket_watch_new (c->local_addr, c->port.number,
                                 L2TP_SOCKET_WATCH_INTERVAL_S, on_foreign_socket, c);
  if (foreign_socket_now (c))
    return;
  c->xl2tpd = l2tp_xl2tpd_new (c->dir, c->name, &c->diag, &xl2tpd_events, c);
  if (!l2tp_xl2tpd_start (c->xl2tpd, conf, options, &error))
    l2tp_connect_fail (c, error);
}

/* ---- the cleartext guard ---------------------------------------------- */

static void stop_guard (L2tpConnect *c);

static void
on_guard_installed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gboolean installed = l2tp_cleartext_guard_install_finish (result, &error);
  L2tpConnect *c;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* c is gone */
  c = user_data;
  c->guard_pending = FALSE;
  c->guard = installed; /* nft's transaction is all or nothing */
  if (!installed)
    l2tp_cleartext_guard_unmark (c->runtime_root, c->id);
  if (c->stopping)
    {
      if (c->guard_awaited)
        stop_guard (c);
      return;
    }
  if (!installed)
    {
      l2tp_connect_fail (c, error);
      return;
    }
  if (c->l2tp_waits_guard)
    {
      c->l2tp_waits_guard = FALSE;
      if (c->step == STEP_L2TP)
        l2tp_start (c);
    }
}

/* Before any L2TP packet: from here on, none leaves or enters without ESP,
 * whatever charon does, until the very end of the teardown. */
static void
guard_install (L2tpConnect *c)
{
  L2tpGuardTuple tuple = { c->id, c->local_addr, c->port.number, c->gateway_addr };

  c->guard = c->guard_pending = TRUE;
  /* Before nft runs: a service that dies from here on leaves it. */
  l2tp_cleartext_guard_mark (c->runtime_root, c->id);
  l2tp_cleartext_guard_install_async (&tuple, c->guard_cancellable, on_guard_installed,
                                      c);
}

/* ---- preflight -------------------------------------------------------- */

static void on_files (GObject *source, GAsyncResult *result, gpointer user_data);

static void
on_preflight (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpPreflight) p = l2tp_preflight_finish (result, &error);
  L2tpConnect *c;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  c = user_data;
  if (!p)
    {
      l2tp_connect_fail (c, error);
      return;
    }
  c->gateway_addr = g_steal_pointer (&p->gateway_addr);
  c->local_addr = g_steal_pointer (&p->local_addr);
  c->pppd_plugin = g_steal_pointer (&p->pppd_plugin);
  c->port = p->port;
  memset (&p->port, 0, sizeof p->port);

  c->ctx.name = c->name;
  c->ctx.gateway_addr = c->gateway_addr;
  c->ctx.local_addr = c->local_addr;
  c->ctx.l2tp_port = c->port.number;
  c->ctx.runtime_dir = c->dir;
  c->ctx.pppd_plugin = c->pppd_plugin;
  c->ctx.bus_name = c->bus_name;
  l2tp_connection_files_read_async (c->cfg, (const char *const *) c->file_users,
                                    c->cancellable, on_files, c);
}

/* The files the connection names, read (as its user when it is private)
 * before any daemon needs them. */
static void
on_files (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  L2tpConnectionFiles *files = l2tp_connection_files_read_finish (result, &error);
  L2tpConnect *c;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  c = user_data;
  if (!files)
    {
      l2tp_connect_fail_with (c, L2TP_FAILURE_BAD_SETTINGS, error->message, NULL);
      return;
    }
  c->files = files;
  c->ctx.machine_ca = files->bytes[L2TP_FILE_MACHINE_CA];
  c->ctx.machine_cert = files->bytes[L2TP_FILE_MACHINE_CERT];
  c->ctx.machine_key = files->bytes[L2TP_FILE_MACHINE_KEY];
  c->plan = l2tp_plan_walk_begin (c->cfg, c->uuid, &c->ctx);

  if (l2tp_config_ipsec_enabled (c->cfg))
    {
      /* nft takes a while (1.6 s under the lab's TCG): alongside IKE,
       * which it does not touch; the L2TP step waits for it. */
      guard_install (c);
      l2tp_connect_step_enter (c, STEP_IPSEC);
    }
  else
    {
      l2tp_charon_early_release (NULL, NULL); /* not needed after all */
      l2tp_log_warn ("IPsec is off for this connection (ipsec-enabled): L2TP and PPP "
                     "travel unencrypted");
      l2tp_connect_step_enter (c, STEP_L2TP);
    }
}

/* ---- the pipeline ----------------------------------------------------- */

void
l2tp_connect_restart_step_timer (L2tpConnect *c)
{
  g_clear_handle_id (&c->step_timer, g_source_remove);
  if (steps[c->step].timeout_s)
    c->step_timer = g_timeout_add_seconds (steps[c->step].timeout_s, on_step_timeout, c);
}

void
l2tp_connect_step_enter (L2tpConnect *c, Step step)
{
  if (c->stopping || c->failed)
    return;
  g_clear_handle_id (&c->step_timer, g_source_remove);
  c->step = step;
  l2tp_log_info ("step: %s", steps[step].name);
  if (steps[step].timeout_s)
    c->step_timer = g_timeout_add_seconds (steps[step].timeout_s, on_step_timeout, c);

  switch (step)
    {
    case STEP_PREFLIGHT:
      l2tp_preflight_async (c->cfg, c->cancellable, on_preflight, c);
      break;
    case STEP_IPSEC:
      l2tp_connect_ipsec_start (c);
      break;
    case STEP_L2TP:
      l2tp_start (c);
      break;
    case STEP_PPP: /* pppd runs; its plugin calls ppp_ip4_config */
    default:
      break;
    }
}

/* This process alone has the connection now: its directory and names. */
static void
on_claimed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  L2tpRuntimeClaim *claim = l2tp_runtime_claim_finish (result, &error);
  L2tpConnect *c;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* c may be gone */
  c = user_data;
  if (!claim)
    {
      l2tp_connect_fail_with (c, L2TP_FAILURE_INTERNAL, error->message, NULL);
      return;
    }
  c->claim = claim;
  c->dir = l2tp_runtime_claim_get_dir (claim);
  if (c->bus)
    {
      c->ppp = l2tp_ppp_listener_new (c->bus, &l2tp_connect_ppp_events, c, &error);
      if (!c->ppp)
        {
          l2tp_connect_fail_with (c, L2TP_FAILURE_INTERNAL, error->message, NULL);
          return;
        }
    }
  l2tp_log_notice ("connecting %s (runtime directory %s)", c->name, c->dir);
  l2tp_connect_step_enter (c, STEP_PREFLIGHT);
}

static gboolean
begin (gpointer user_data)
{
  L2tpConnect *c = user_data;

  c->begin_id = 0;
  /* A previous service process of this connection may still tear down:
   * its directory and names are its own until it is done. */
  l2tp_runtime_claim_async (c->runtime_root, c->id, CLAIM_TIMEOUT_S, c->cancellable,
                            on_claimed, c);
  return G_SOURCE_REMOVE;
}

void
l2tp_connect_start (L2tpConnect *c)
{
  g_return_if_fail (c->step == STEP_NONE && c->begin_id == 0);

  /* This connection's lines, to its end (stop_done). */
  l2tp_log_set_connection (c->uuid);
  l2tp_log_set_device (NULL);
  /* From the main loop, after Connect has returned: a failure found at
   * once (a missing program, an IPv6 gateway) must reach libnm as a
   * Failure of a started connection, not during its Connect call, which
   * libnm would not pass on (NetworkManager then waited for its timeout). */
  c->begin_id = g_idle_add (begin, c);
}

/* ---- stopping: PPP, L2TP, IPsec, xl2tpd, then files ------------------- */

static gboolean
stopped_idle (gpointer user_data)
{
  L2tpConnect *c = user_data;

  c->events.stopped (c->user_data); /* may free c */
  return G_SOURCE_REMOVE;
}

static void
stop_done (L2tpConnect *c)
{
  /* pppd's copies, zeroed: the key among them. */
  c->ctx.ppp_ca = c->ctx.ppp_cert = c->ctx.ppp_key = NULL;
  l2tp_connection_files_erase_ppp (c->ppp_copies);
  /* The directory goes, and the next process of this connection may go on. */
  c->dir = NULL;
  g_clear_pointer (&c->claim, l2tp_runtime_claim_release);
  l2tp_log_notice ("stopped %s", c->name);
  l2tp_log_set_device (NULL);
  l2tp_log_set_connection (NULL);
  /* Reported from the main loop: the caller may free c, and we may be deep
   * in one of c's own callbacks here. */
  g_idle_add (stopped_idle, c);
}

static void
on_guard_removed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  L2tpConnect *c = user_data;

  /* A failure is logged; the marker stays, the next service start tries
   * again. */
  if (l2tp_cleartext_guard_remove_finish (result, NULL, NULL))
    l2tp_cleartext_guard_unmark (c->runtime_root, c->id);
  stop_done (c);
}

/* The very last: xl2tpd and pppd are gone, the SAs are down. */
static void
stop_guard (L2tpConnect *c)
{
  c->guard_awaited = c->guard_pending; /* on_guard_installed comes back */
  if (c->guard_pending)
    return;
  if (!c->guard)
    {
      stop_done (c);
      return;
    }
  c->guard = FALSE;
  l2tp_cleartext_guard_remove_async (c->id, on_guard_removed, c);
}

static void
stop_finish (L2tpConnect *c)
{
  g_clear_pointer (&c->ppp, l2tp_ppp_listener_free);
  stop_guard (c);
}

static void
on_xl2tpd_stopped (gpointer user_data)
{
  L2tpConnect *c = user_data;

  g_clear_pointer (&c->xl2tpd, l2tp_xl2tpd_free);
  stop_finish (c);
}

/* Last: xl2tpd itself, once no SA can carry anything it would answer. */
static void
stop_xl2tpd (L2tpConnect *c)
{
  if (c->xl2tpd)
    l2tp_xl2tpd_stop (c->xl2tpd, on_xl2tpd_stopped, c);
  else
    stop_finish (c);
}

static void
on_ipsec_down (gpointer user_data)
{
  L2tpConnect *c = user_data;

  c->backend->free (c->ipsec);
  c->ipsec = NULL;
  stop_xl2tpd (c);
}

void
l2tp_connect_stop_ipsec (L2tpConnect *c)
{
  if (c->ipsec)
    c->backend->down (c->ipsec, on_ipsec_down, c);
  else
    stop_xl2tpd (c);
}

static void
on_l2tp_hung_up (gpointer user_data)
{
  l2tp_connect_stop_ipsec (user_data);
}

void
l2tp_connect_stop (L2tpConnect *c)
{
  if (c->stopping)
    return;
  c->stopping = TRUE;
  l2tp_log_info ("stopping %s", c->name);
  g_clear_pointer (&c->socket_watch, l2tp_socket_watch_free);
  g_clear_pointer (&c->dhcp, l2tp_dhcp_inform_client_free);
  g_clear_handle_id (&c->begin_id, g_source_remove);
  g_cancellable_cancel (c->cancellable);
  l2tp_connect_ipsec_stop_probe (c);
  l2tp_connect_reask_clear (c);
  g_clear_handle_id (&c->step_timer, g_source_remove);
  if (c->ppp_retrying)
    return; /* on_ppp_retry_l2tp_stopped goes on with IPsec */
  if (c->ipsec_restarting)
    return; /* the PSK re-ask's teardown goes on with xl2tpd */
  /* PPP, then the L2TP tunnel, then the IPsec SAs, and only then xl2tpd:
   * nothing of L2TP or PPP leaves without ESP, and xl2tpd's socket is
   * there for whatever the server still sends inside ESP. */
  if (c->xl2tpd)
    l2tp_xl2tpd_hangup (c->xl2tpd, on_l2tp_hung_up, c);
  else
    l2tp_connect_stop_ipsec (c);
}
