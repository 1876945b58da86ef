/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Why a connection failed, in one message that names the layer and the fix.
 *
 * Daemon log lines (charon's control-log, xl2tpd's stderr) and pppd's exit
 * status feed an L2tpDiagnosis; when a step fails, its GError in
 * L2TP_FAILURE_ERROR carries the diagnosed failure as code and the user
 * message as text, and l2tp_failure_nm_reason() gives NetworkManager's reason.
 * Pure: no I/O. */
#pragma once

#include <glib.h>
#include <NetworkManager.h>

G_BEGIN_DECLS

#define L2TP_FAILURE_ERROR (l2tp_failure_error_quark ())
GQuark l2tp_failure_error_quark (void);

typedef enum
{
  L2TP_FAILURE_NONE = 0,
  L2TP_FAILURE_INTERNAL,        /* a + text: what went wrong on this machine */
  L2TP_FAILURE_BAD_SETTINGS,    /* a: the settings error (names the key) */
  L2TP_FAILURE_MISSING_PROGRAM, /* a: program path, b: Debian package */
  L2TP_FAILURE_NO_IKEV1,        /* a: charon's version or NULL */
  L2TP_FAILURE_CHARON,          /* a: why charon cannot be used */
  L2TP_FAILURE_PORT_BUSY,       /* a: "UDP port 1701 is held by …", b: the fix */
  L2TP_FAILURE_IKE_NO_PROPOSAL, /* a: what we offered */
  L2TP_FAILURE_ESP_NO_PROPOSAL, /* a: what we offered */
  L2TP_FAILURE_PSK_MISMATCH,
  L2TP_FAILURE_IKE_AUTH,        /* a: charon's words */
  L2TP_FAILURE_IKE_CERT,        /* a: charon's words */
  L2TP_FAILURE_IKE_REMOTE_ID,   /* a: the ID the server gave */
  L2TP_FAILURE_IKE_NO_RESPONSE, /* a: the server */
  L2TP_FAILURE_KERNEL_NO_ESP,
  L2TP_FAILURE_IPSEC_FAILED, /* a: charon's words */
  L2TP_FAILURE_L2TP_REFUSED, /* a: xl2tpd's words */
  L2TP_FAILURE_L2TP_NO_RESPONSE,
  L2TP_FAILURE_L2TP_FAILED, /* a: xl2tpd's words */
  L2TP_FAILURE_PPP_AUTH,
  L2TP_FAILURE_PPP_LCP_TIMEOUT,
  L2TP_FAILURE_PPP_NO_KERNEL,
  L2TP_FAILURE_PPP_FAILED,         /* a: pppd's words */
  L2TP_FAILURE_PPP_PEER_ENDED,     /* a: the server's Terminate-Request text */
  L2TP_FAILURE_PPP_MPPE_NO_MSCHAP, /* the server wants MPPE; MS-CHAP refused here */
  L2TP_FAILURE_NO_IP_CONFIG,
  L2TP_FAILURE_TIMEOUT,             /* a: the step, b: seconds */
  L2TP_FAILURE_CONNECTION_LOST,     /* a: what ended */
  L2TP_FAILURE_L2TP_FOREIGN_SOCKET, /* a: the sockets, b: the command ending them or NULL
                                     */
  L2TP_FAILURE_GUARD,               /* a: why the cleartext guard is not in place */
} L2tpFailure;

typedef enum
{
  L2TP_LAYER_SETTINGS,
  L2TP_LAYER_PREFLIGHT,
  L2TP_LAYER_IKE,   /* IKE phase 1 (Main Mode) */
  L2TP_LAYER_IPSEC, /* phase 2, SAs in the kernel */
  L2TP_LAYER_L2TP,
  L2TP_LAYER_PPP,
  L2TP_LAYER_IP_CONFIG,
  L2TP_LAYER_SERVICE,
} L2tpLayer;

L2tpLayer l2tp_failure_layer (L2tpFailure failure);
const char *l2tp_layer_name (L2tpLayer layer);
NMVpnPluginFailure l2tp_failure_nm_reason (L2tpFailure failure);

/* "<layer>: <what happened>. <the fix>" (a and b as the enum says). */
char *l2tp_failure_message (L2tpFailure failure, const char *a, const char *b);
void l2tp_failure_set (GError **error, L2tpFailure failure, const char *a, const char *b);

/* pppd's exit status (EXIT_* of pppd.h) as a failure; NONE for a clean end. */
L2tpFailure l2tp_failure_from_pppd_exit (guint status);

/* The most telling cause seen so far: a specific diagnosis (a wrong PSK)
 * is not replaced by the generic one that follows it (peer not responding). */
typedef struct
{
  L2tpFailure failure;
  char *detail;
  gboolean ike_established; /* NO_PROPOSAL_CHOSEN after this is phase 2 */
} L2tpDiagnosis;

void l2tp_diagnosis_clear (L2tpDiagnosis *diag);
/* The failure and its detail only: what is known of the SAs stays. */
void l2tp_diagnosis_clear_failure (L2tpDiagnosis *diag);
/* One control-log "msg" from charon (without the "[IKE] " group prefix). */
void l2tp_diagnosis_feed_charon (L2tpDiagnosis *diag, const char *msg);
/* One line xl2tpd wrote to stderr. */
void l2tp_diagnosis_feed_xl2tpd (L2tpDiagnosis *diag, const char *line);
/* The server ended LCP with this text (already printable). */
void l2tp_diagnosis_feed_peer_terminated (L2tpDiagnosis *diag, const char *reason);
/* pppd's exit status and last error, as the pppd plugin reports them. */
void l2tp_diagnosis_feed_pppd (L2tpDiagnosis *diag, guint status, const char *message);

G_END_DECLS
