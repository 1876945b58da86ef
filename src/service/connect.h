/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One connection attempt and its life: a pipeline of asynchronous steps
 *
 *   preflight  programs present, gateway resolved, local address, L2TP port;
 *              the connection's files read (as its user when private)
 *   ipsec      charon: shared key + conn loaded, CHILD_SA installed
 *   l2tp       xl2tpd started in the runtime directory, call established
 *   ppp        pppd (started by xl2tpd) reports IPCP through our pppd plugin
 *
 * each with its own timeout and failure, then the IP configuration for
 * NetworkManager. Nothing blocks, nothing sleeps: every step starts work and
 * returns; an event (a VICI answer, a log line, a D-Bus call, a child's exit,
 * the step's timeout) moves the pipeline on or fails it.
 * Stopping walks back: PPP and L2TP first, then IPsec, then files. */
#pragma once

#include <gio/gio.h>

#include "shared/config.h"

G_BEGIN_DECLS

typedef struct _L2tpConnect L2tpConnect;

typedef struct
{
  /* In this order, once: set_config, then set_ip4_config (and ip6). */
  void (*config) (GVariant *config, gpointer user_data);
  void (*ip4_config) (GVariant *config, gpointer user_data);
  void (*ip6_config) (GVariant *config, gpointer user_data);
  /* The attempt failed, or the established connection was lost. error is
   * in L2TP_FAILURE_ERROR with the user message. Call l2tp_connect_stop(). */
  void (*failed) (const GError *error, gpointer user_data);
  /* After l2tp_connect_stop(): everything is gone. */
  void (*stopped) (gpointer user_data);
  /* Interactive only: ask the person for these secrets again, showing
   * message; l2tp_connect_set_config() brings the answer. */
  void (*secrets_required) (const char *message, const char *const *secrets,
                            gpointer user_data);
} L2tpConnectEvents;

typedef struct
{
  const char *uuid;
  const char *bus_name;     /* the service's name, for the pppd plugin */
  GDBusConnection *bus;     /* where the pppd plugin's interface is exported */
  gboolean never_default;   /* the connection's ipv4.never-default */
  const char *runtime_root; /* L2TP_RUNTIME_ROOT */
  /* NULL: a shared connection, whose files are read as root. Else the
   * users of connection.permissions, as whom its files are read
   * (connection-files.h). */
  const char *const *file_users;
  /* ConnectInteractive: a refused password or PSK the person typed is
   * asked again (secrets_required) instead of failing. */
  gboolean interactive;
} L2tpConnectParams;

L2tpConnect *l2tp_connect_new (L2tpConfig *cfg, const L2tpConnectParams *params,
                               const L2tpConnectEvents *events, gpointer user_data);
void l2tp_connect_start (L2tpConnect *c);
/* New secrets (NewSecrets) for the running attempt: an answer to
 * secrets_required goes on with them. */
void l2tp_connect_set_config (L2tpConnect *c, L2tpConfig *cfg);
/* Idempotent; "stopped" follows once all is torn down. */
void l2tp_connect_stop (L2tpConnect *c);
void l2tp_connect_free (L2tpConnect *c);

G_END_DECLS
