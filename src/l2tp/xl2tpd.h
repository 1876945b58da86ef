/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One xl2tpd per connection, as LAC, in the connection's runtime directory:
 * xl2tpd.conf, ppp-options, pid file and control pipe there. The service
 * dials over the control pipe once xl2tpd listens, and reads xl2tpd's log
 * from its stderr (-D keeps it in the foreground, logging there). */
#pragma once

#include <gio/gio.h>

#include "src/common/failure.h"

G_BEGIN_DECLS

#define L2TP_XL2TPD_CONF    "xl2tpd.conf"
#define L2TP_XL2TPD_PID     "xl2tpd.pid"
#define L2TP_XL2TPD_CONTROL "control"
#define L2TP_PPP_OPTIONS    "ppp-options"

typedef struct _L2tpXl2tpd L2tpXl2tpd;

typedef struct
{
  /* The L2TP call is up; xl2tpd starts pppd now. */
  void (*established) (gpointer user_data);
  /* The tunnel ended or xl2tpd exited (not after l2tp_xl2tpd_stop()).
   * error is in L2TP_FAILURE_ERROR. */
  void (*ended) (const GError *error, gpointer user_data);
} L2tpXl2tpdEvents;

L2tpXl2tpd *l2tp_xl2tpd_new (const char *runtime_dir, const char *lac_name,
                             L2tpDiagnosis *diag, const L2tpXl2tpdEvents *events,
                             gpointer user_data);
/* Writes both files (0600), starts xl2tpd and dials when it listens.
 * FALSE with an L2TP_FAILURE_ERROR when it cannot even start. */
gboolean l2tp_xl2tpd_start (L2tpXl2tpd *x, const char *conf, const char *ppp_options,
                            GError **error);
/* Teardown, first half: ends pppd (LCP Terminate inside the tunnel), then
 * the tunnel (StopCCN); done runs when xl2tpd says the tunnel is closed.
 * xl2tpd keeps running, so a late packet of the server still finds its
 * socket (no ICMP "port unreachable" in clear) until IPsec is down.
 * No events after this. */
void l2tp_xl2tpd_hangup (L2tpXl2tpd *x, GDestroyNotify done, gpointer done_data);
/* pppd's LCP is over (its plugin reported the disconnect phase): it sends
 * nothing more, so the hang-up goes on with the tunnel without waiting for
 * pppd's ip-down scripts and exit (l2tp_xl2tpd_stop() still waits for it). */
void l2tp_xl2tpd_ppp_link_closed (L2tpXl2tpd *x);
/* Teardown, second half (after l2tp_xl2tpd_hangup() and IPsec down, or
 * alone): ends xl2tpd (SIGTERM, SIGKILL only if ignored) and any pppd it
 * left; done runs when they are gone. No events after this. */
void l2tp_xl2tpd_stop (L2tpXl2tpd *x, GDestroyNotify done, gpointer done_data);
/* Ends xl2tpd and its pppd at once with SIGKILL: they must not send
 * anything any more (the IPsec SA is gone, so it would leave in clear). */
void l2tp_xl2tpd_kill_now (L2tpXl2tpd *x);
void l2tp_xl2tpd_free (L2tpXl2tpd *x);
/* Reads stream as xl2tpd's log (l2tp_xl2tpd_start() passes its stderr),
 * line by line until EOF; for tests, any stream. */
void l2tp_xl2tpd_read_log (L2tpXl2tpd *x, GInputStream *stream);

G_END_DECLS
