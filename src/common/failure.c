/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/failure.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "shared/text-clean.h"

G_DEFINE_QUARK (l2tp - failure - error - quark, l2tp_failure_error)

/* pppd.h EXIT_* values (the same in pppd 2.4.9 and 2.5). */
enum
{
  PPPD_EXIT_OK = 0,
  PPPD_EXIT_NO_KERNEL_SUPPORT = 4,
  PPPD_EXIT_USER_REQUEST = 5,
  PPPD_EXIT_NEGOTIATION_FAILED = 10,
  PPPD_EXIT_PEER_DEAD = 15,
  PPPD_EXIT_HANGUP = 16,
  PPPD_EXIT_AUTH_TOPEER_FAILED = 19,
};

L2tpLayer
l2tp_failure_layer (L2tpFailure failure)
{
  switch (failure)
    {
    case L2TP_FAILURE_BAD_SETTINGS:
      return L2TP_LAYER_SETTINGS;
    case L2TP_FAILURE_MISSING_PROGRAM:
    case L2TP_FAILURE_NO_IKEV1:
    case L2TP_FAILURE_PORT_BUSY:
    case L2TP_FAILURE_GUARD:
      return L2TP_LAYER_PREFLIGHT;
    case L2TP_FAILURE_CHARON:
    case L2TP_FAILURE_IKE_NO_PROPOSAL:
    case L2TP_FAILURE_PSK_MISMATCH:
    case L2TP_FAILURE_IKE_AUTH:
    case L2TP_FAILURE_IKE_CERT:
    case L2TP_FAILURE_IKE_REMOTE_ID:
    case L2TP_FAILURE_IKE_NO_RESPONSE:
      return L2TP_LAYER_IKE;
    case L2TP_FAILURE_ESP_NO_PROPOSAL:
    case L2TP_FAILURE_KERNEL_NO_ESP:
    case L2TP_FAILURE_IPSEC_FAILED:
      return L2TP_LAYER_IPSEC;
    case L2TP_FAILURE_L2TP_REFUSED:
    case L2TP_FAILURE_L2TP_NO_RESPONSE:
    case L2TP_FAILURE_L2TP_FAILED:
    case L2TP_FAILURE_L2TP_FOREIGN_SOCKET:
      return L2TP_LAYER_L2TP;
    case L2TP_FAILURE_PPP_AUTH:
    case L2TP_FAILURE_PPP_LCP_TIMEOUT:
    case L2TP_FAILURE_PPP_NO_KERNEL:
    case L2TP_FAILURE_PPP_FAILED:
    case L2TP_FAILURE_PPP_PEER_ENDED:
    case L2TP_FAILURE_PPP_MPPE_NO_MSCHAP:
      return L2TP_LAYER_PPP;
    case L2TP_FAILURE_NO_IP_CONFIG:
      return L2TP_LAYER_IP_CONFIG;
    default:
      return L2TP_LAYER_SERVICE;
    }
}

const char *
l2tp_layer_name (L2tpLayer layer)
{
  switch (layer)
    {
    case L2TP_LAYER_SETTINGS:
      return _ ("Settings");
    case L2TP_LAYER_PREFLIGHT:
      return _ ("Before connecting");
    case L2TP_LAYER_IKE:
      return _ ("IPsec (IKE phase 1)");
    case L2TP_LAYER_IPSEC:
      return _ ("IPsec (phase 2)");
    case L2TP_LAYER_L2TP:
      return _ ("L2TP");
    case L2TP_LAYER_PPP:
      return _ ("PPP");
    case L2TP_LAYER_IP_CONFIG:
      return _ ("IP configuration");
    default:
      return _ ("VPN service");
    }
}

NMVpnPluginFailure
l2tp_failure_nm_reason (L2tpFailure failure)
{
  /* NetworkManager turns these three into its words ("Invalid secrets",
   * an invalid IP configuration); any other is its "Unknown reason". A
   * wrong PSK is a wrong secret as much as a wrong password. */
  switch (failure)
    {
    case L2TP_FAILURE_PPP_AUTH:
    case L2TP_FAILURE_PSK_MISMATCH:
    case L2TP_FAILURE_IKE_AUTH:
      return NM_VPN_PLUGIN_FAILURE_LOGIN_FAILED;
    case L2TP_FAILURE_NO_IP_CONFIG:
      return NM_VPN_PLUGIN_FAILURE_BAD_IP_CONFIG;
    default:
      return NM_VPN_PLUGIN_FAILURE_CONNECT_FAILED;
    }
}

#define S(x) ((x) ? (x) : "?")

/* What happened and what fixes it, without the layer. */
static char *
describe (L2tpFailure failure, const char *a, const char *b)
{
  switch (failure)
    {
    case L2TP_FAILURE_BAD_SETTINGS:
      return g_strdup_printf (_ ("%s. Correct this setting of the connection."), S (a));
    case L2TP_FAILURE_MISSING_PROGRAM:
      return g_strdup_printf (_ ("%s is not installed. Install the package %s "
                                 "(apt install %s)."),
                              S (a), S (b), S (b));
    case L2TP_FAILURE_NO_IKEV1:
      return g_strdup_printf (_ ("this strongSwan charon (%s) was built without IKEv1, "
                                 "which L2TP/IPsec needs. Install a strongSwan build "
                                 "with IKEv1 support (configure --enable-ikev1)."),
                              a ? a : _ ("unknown version"));
    case L2TP_FAILURE_CHARON:
      return g_strdup_printf (_ ("the strongSwan daemon charon cannot be used: %s. "
                                 "\"nm-l2tp-ipsec diagnose\" checks its installation "
                                 "and plugins."),
                              S (a));
    case L2TP_FAILURE_PORT_BUSY:
      return g_strdup_printf (_ ("%s, and this connection needs port 1701. Free it "
                                 "(%s) and connect again."),
                              S (a), S (b));
    case L2TP_FAILURE_IKE_NO_PROPOSAL:
      return g_strdup_printf (_ ("the server accepted none of the proposals we offered "
                                 "(%s). Find the ones it accepts with "
                                 "\"nm-l2tp-ipsec probe SERVER\" (or ike-scan) and put "
                                 "them in the Phase 1 algorithms (ipsec-ike)."),
                              S (a));
    case L2TP_FAILURE_ESP_NO_PROPOSAL:
      return g_strdup_printf (_ ("the server accepted none of the ESP proposals we "
                                 "offered (%s). Set the Phase 2 algorithms (ipsec-esp) "
                                 "and Perfect Forward Secrecy (ipsec-pfs) to what the "
                                 "server uses."),
                              S (a));
    case L2TP_FAILURE_PSK_MISMATCH:
      return g_strdup (_ ("the pre-shared key does not match the server's. Check the "
                          "pre-shared key (ipsec-psk)."));
    case L2TP_FAILURE_IKE_AUTH:
      return g_strdup_printf (_ ("authentication failed (%s). Check the pre-shared key "
                                 "or certificates and the remote ID (ipsec-remote-id)."),
                              S (a));
    case L2TP_FAILURE_IKE_CERT:
      return g_strdup_printf (_ ("the certificates did not authenticate (%s). Check "
                                 "that machine-ca is the CA that signed the server's "
                                 "certificate, that machine-cert and machine-key "
                                 "belong together, and the remote ID "
                                 "(ipsec-remote-id)."),
                              S (a));
    case L2TP_FAILURE_IKE_REMOTE_ID:
      return g_strdup_printf (_ ("the server identified itself as %s, which is not the "
                                 "remote ID this connection expects. Set the remote ID "
                                 "(ipsec-remote-id) to %s, or leave it empty."),
                              S (a), S (a));
    case L2TP_FAILURE_IKE_NO_RESPONSE:
      return g_strdup_printf (_ ("no answer from the server %s. It may be down or not "
                                 "run IPsec, or a firewall drops UDP ports 500 and "
                                 "4500 (try ipsec-forceencaps=yes behind NAT)."),
                              S (a));
    case L2TP_FAILURE_KERNEL_NO_ESP:
      return g_strdup (_ ("the kernel refused the IPsec SAs: it lacks ESP support. "
                          "Load the modules (modprobe esp4 xfrm_user) or use a kernel "
                          "with CONFIG_INET_ESP."));
    case L2TP_FAILURE_IPSEC_FAILED:
      return g_strdup_printf (_ ("IPsec could not be established (%s). Check the "
                                 "server's address and IPsec settings; \"nm-l2tp-ipsec "
                                 "diagnose\" checks this computer."),
                              S (a));
    case L2TP_FAILURE_L2TP_REFUSED:
      return g_strdup_printf (_ ("the server refused the L2TP tunnel (%s). Its "
                                 "administrator can tell which L2TP settings it "
                                 "expects."),
                              S (a));
    case L2TP_FAILURE_L2TP_NO_RESPONSE:
      return g_strdup (_ ("the server did not answer L2TP (maximum retries exceeded). "
                          "It may not offer L2TP on UDP port 1701, or accept only "
                          "port 1701 while we use another."));
    case L2TP_FAILURE_L2TP_FAILED:
      return g_strdup_printf (_ ("the L2TP tunnel failed (%s). Connect again; "
                                 "\"nm-l2tp-ipsec diagnose\" checks this computer's "
                                 "side."),
                              S (a));
    case L2TP_FAILURE_L2TP_FOREIGN_SOCKET:
      if (b)
        return g_strdup_printf (_ ("another user's program bound our L2TP address and "
                                   "port (%s), where it could read the server's "
                                   "decrypted L2TP and PPP, so the connection was "
                                   "ended. Stop that program (%s) and connect again."),
                                S (a), b);
      return g_strdup_printf (_ ("another user's program bound our L2TP address and "
                                 "port (%s), where it could read the server's "
                                 "decrypted L2TP and PPP, so the connection was ended. "
                                 "Find it with \"sudo ss -ulpne\", stop it and connect "
                                 "again."),
                              S (a));
    case L2TP_FAILURE_GUARD:
      return g_strdup_printf (_ ("the kernel rule that keeps L2TP inside IPsec could "
                                 "not be put in place (%s). It needs nftables: the nft "
                                 "program (package nftables) and a kernel with "
                                 "nf_tables and XFRM."),
                              S (a));
    case L2TP_FAILURE_PPP_AUTH:
      return g_strdup (_ ("the server refused the user name or password. Check them, "
                          "and the allowed authentication methods."));
    case L2TP_FAILURE_PPP_LCP_TIMEOUT:
      return g_strdup (_ ("the PPP link did not come up (LCP timeout). Try a lower MTU "
                          "and MRU, e.g. 1280."));
    case L2TP_FAILURE_PPP_NO_KERNEL:
      return g_strdup (_ ("this kernel lacks PPP support. Load the modules "
                          "(modprobe ppp_generic l2tp_ppp)."));
    case L2TP_FAILURE_PPP_FAILED:
      return g_strdup_printf (_ ("pppd ended (%s). The PPP options of the connection "
                                 "may not suit this server; its log can tell what it "
                                 "expects."),
                              S (a));
    case L2TP_FAILURE_PPP_PEER_ENDED:
      return g_strdup_printf (_ ("the server ended the PPP link, saying \"%s\". Its "
                                 "log or administrator can tell what it expects."),
                              S (a));
    case L2TP_FAILURE_PPP_MPPE_NO_MSCHAP:
      return g_strdup (_ ("the server requires MPPE encryption inside PPP, which works "
                          "only with MS-CHAP or MS-CHAPv2, and this connection refuses "
                          "both. Allow MS-CHAPv2 (refuse-mschap-v2=no)."));
    case L2TP_FAILURE_NO_IP_CONFIG:
      return g_strdup (_ ("PPP came up, but the server gave no IPv4 address. Its "
                          "address pool may be used up: ask its administrator."));
    case L2TP_FAILURE_TIMEOUT:
      return g_strdup_printf (_ ("%s did not finish within %s seconds. The server or "
                                 "the network may drop packets: try again, and run "
                                 "\"nm-l2tp-ipsec diagnose\" if it keeps failing."),
                              S (a), S (b));
    case L2TP_FAILURE_CONNECTION_LOST:
      return g_strdup_printf (_ ("the connection was lost (%s). Connect again; if it "
                                 "keeps happening, the server's log can tell why."),
                              S (a));
    case L2TP_FAILURE_INTERNAL:
    default:
      return g_strdup_printf (_ ("internal error: %s. Please report it with the "
                                 "service's log (journalctl -t nm-l2tp-ipsec)."),
                              S (a));
    }
}

char *
l2tp_failure_message (L2tpFailure failure, const char *a, const char *b)
{
  /* a and b are often other programs' words (charon's errmsg, a GError). */
  g_autofree char *clean_a = l2tp_text_clean (a, L2TP_TEXT_CLEAN_LINE_MAX);
  g_autofree char *clean_b = l2tp_text_clean (b, L2TP_TEXT_CLEAN_LINE_MAX);
  g_autofree char *text = describe (failure, clean_a, clean_b);

  return g_strdup_printf ("%s: %s", l2tp_layer_name (l2tp_failure_layer (failure)), text);
}

void
l2tp_failure_set (GError **error, L2tpFailure failure, const char *a, const char *b)
{
  g_autofree char *text = l2tp_failure_message (failure, a, b);

  g_set_error_literal (error, L2TP_FAILURE_ERROR, failure, text);
}

L2tpFailure
l2tp_failure_from_pppd_exit (guint status)
{
  switch (status)
    {
    case PPPD_EXIT_OK:
    case PPPD_EXIT_USER_REQUEST:
      return L2TP_FAILURE_NONE;
    case PPPD_EXIT_NO_KERNEL_SUPPORT:
      return L2TP_FAILURE_PPP_NO_KERNEL;
    case PPPD_EXIT_NEGOTIATION_FAILED:
      return L2TP_FAILURE_PPP_LCP_TIMEOUT;
    case PPPD_EXIT_AUTH_TOPEER_FAILED:
      return L2TP_FAILURE_PPP_AUTH;
    case PPPD_EXIT_PEER_DEAD:
    case PPPD_EXIT_HANGUP:
      return L2TP_FAILURE_CONNECTION_LOST;
    default:
      return L2TP_FAILURE_PPP_FAILED;
    }
}

/* ---- diagnosis -------------------------------------------------------- */

/* Generic causes: each only says "it did not work" and yields to a specific one. */
static gboolean
is_generic (L2tpFailure failure)
{
  return failure == L2TP_FAILURE_NONE || failure == L2TP_FAILURE_IKE_NO_RESPONSE
         || failure == L2TP_FAILURE_IPSEC_FAILED || failure == L2TP_FAILURE_L2TP_FAILED
         || failure == L2TP_FAILURE_PPP_FAILED || failure == L2TP_FAILURE_CONNECTION_LOST;
}

/* 0 nothing, 1 generic, 2 the server's own words for ending PPP (more than
 * "connection lost", less than pppd's verdict "authentication failed"),
 * 3 specific. */
static int
weight (L2tpFailure failure)
{
  if (failure == L2TP_FAILURE_NONE)
    return 0;
  if (is_generic (failure))
    return 1;
  return failure == L2TP_FAILURE_PPP_PEER_ENDED ? 2 : 3;
}

/* The first specific cause wins: what follows it is mostly its consequence
 * (a wrong PSK, then "peer not responding"; max retries, then "closed"). */
static void
diagnose (L2tpDiagnosis *diag, L2tpFailure failure, const char *detail)
{
  int current = weight (diag->failure);

  if (current == 3 || (current == 2 && weight (failure) < 3))
    return;
  diag->failure = failure;
  g_free (diag->detail);
  /* Daemon and server words: stored only cleaned. */
  diag->detail = l2tp_text_clean (detail, L2TP_TEXT_CLEAN_LINE_MAX);
}

void
l2tp_diagnosis_clear (L2tpDiagnosis *diag)
{
  g_clear_pointer (&diag->detail, g_free);
  diag->failure = L2TP_FAILURE_NONE;
  diag->ike_established = FALSE;
}

void
l2tp_diagnosis_clear_failure (L2tpDiagnosis *diag)
{
  g_clear_pointer (&diag->detail, g_free);
  diag->failure = L2TP_FAILURE_NONE;
}

static gboolean
has (const char *text, const char *part)
{
  return strstr (text, part) != NULL;
}

void
l2tp_diagnosis_feed_charon (L2tpDiagnosis *diag, const char *msg)
{
  g_return_if_fail (diag != NULL);
  if (!msg)
    return;

  /* Quick Mode runs on an established ISAKMP SA: on one that another
   * connection set up, its establishment was never in our log. */
  if ((g_str_has_prefix (msg, "IKE_SA ") && has (msg, " established between "))
      || g_str_has_prefix (msg, "generating QUICK_MODE request "))
    {
      /* Phase 1 worked: what looked like a phase 1 problem before was not
       * (charon logs "no shared key found" for the first, specific ID
       * lookup even when a wildcard key then matches). */
      diag->ike_established = TRUE;
      if (l2tp_failure_layer (diag->failure) == L2TP_LAYER_IKE)
        {
          diag->failure = L2TP_FAILURE_NONE;
          g_clear_pointer (&diag->detail, g_free);
        }
    }
  else if (has (msg, "IKE version 1 not supported"))
    diagnose (diag, L2TP_FAILURE_NO_IKEV1, NULL);
  else if (has (msg, "NO_PROPOSAL_CHOSEN") || has (msg, "no acceptable proposal found")
           || has (msg, "no matching proposal found"))
    diagnose (diag,
              diag->ike_established ? L2TP_FAILURE_ESP_NO_PROPOSAL
                                    : L2TP_FAILURE_IKE_NO_PROPOSAL,
              NULL);
  /* IKEv1 Main Mode: the server's encrypted ID/HASH does not decrypt with
   * our key; the same key on both sides never produces this. */
  else if (has (msg, "invalid HASH_V1 payload length, decryption failed?"))
    {
      /* Certain, unlike the "no shared key found" of the first, specific
       * key lookup that charon logs before a wildcard key matches. */
      if (diag->failure == L2TP_FAILURE_IKE_AUTH)
        diag->failure = L2TP_FAILURE_NONE;
      diagnose (diag, L2TP_FAILURE_PSK_MISMATCH, NULL);
    }
  /* Main Mode: "IDir 'server-id' does not match to 'ipsec-remote-id'". */
  else if (g_str_has_prefix (msg, "IDir '") && has (msg, "' does not match to '"))
    {
      g_autofree char *id
          = g_strndup (msg + 6, strstr (msg, "' does not match to '") - msg - 6);

      diagnose (diag, L2TP_FAILURE_IKE_REMOTE_ID, id);
    }
  /* Certificates: the server's signature does not verify with a CA we
   * trust, or charon holds no key for our certificate. */
  else if ((has (msg, "no trusted ") && has (msg, " public key found for"))
           || has (msg, "no private key found for"))
    diagnose (diag, L2TP_FAILURE_IKE_CERT, msg);
  else if (has (msg, "AUTHENTICATION_FAILED") || has (msg, "authentication of")
           || has (msg, "no shared key found"))
    {
      if (has (msg, "authentication of") && has (msg, "successful"))
        return;
      diagnose (diag, L2TP_FAILURE_IKE_AUTH, msg);
    }
  else if (has (msg, "giving up after") || has (msg, "peer not responding")
           || has (msg, "sending retransmit"))
    diagnose (diag, L2TP_FAILURE_IKE_NO_RESPONSE, NULL);
  else if (has (msg, "unable to install inbound and outbound IPsec SA")
           || has (msg, "unable to install IPsec policies"))
    diagnose (diag, L2TP_FAILURE_KERNEL_NO_ESP, NULL);
}

void
l2tp_diagnosis_feed_xl2tpd (L2tpDiagnosis *diag, const char *line)
{
  const char *paren;

  g_return_if_fail (diag != NULL);
  if (!line)
    return;

  if (has (line, "maximum retries exceeded") || has (line, "Maximum retries exceeded"))
    diagnose (diag, L2TP_FAILURE_L2TP_NO_RESPONSE, NULL);
  /* "Connection closed to 10.0.0.1, port 1701 (No more sessions), Local: ..."
   * right after dialing: the server sent StopCCN with its reason. */
  else if (has (line, " closed to ") && (paren = strchr (line, '(')))
    {
      g_autofree char *reason = g_strndup (paren + 1, strcspn (paren + 1, ")"));

      /* "..., serial 1 (...)": the server hung up the call (CDN), mostly
       * because its pppd ended; pppd's exit status names the cause. */
      if (has (line, ", serial "))
        diagnose (diag, L2TP_FAILURE_L2TP_FAILED, *reason ? reason : line);
      /* xl2tpd's own verdict after its retries, not the server's answer. */
      else if (g_str_equal (reason, "Timeout"))
        diagnose (diag, L2TP_FAILURE_L2TP_NO_RESPONSE, NULL);
      else
        diagnose (diag, L2TP_FAILURE_L2TP_REFUSED, reason);
    }
  else if (has (line, "Unable to allocate PPPoL2TP socket"))
    diagnose (diag, L2TP_FAILURE_PPP_NO_KERNEL, NULL);
  else if (has (line, "Unable to create tunnel") || has (line, "Unable to find hostname"))
    diagnose (diag, L2TP_FAILURE_L2TP_FAILED, line);
}

void
l2tp_diagnosis_feed_peer_terminated (L2tpDiagnosis *diag, const char *reason)
{
  g_return_if_fail (diag != NULL);
  /* Without text it says no more than pppd's exit status will. */
  if (reason && *reason)
    diagnose (diag, L2TP_FAILURE_PPP_PEER_ENDED, reason);
}

void
l2tp_diagnosis_feed_pppd (L2tpDiagnosis *diag, guint status, const char *message)
{
  L2tpFailure failure = l2tp_failure_from_pppd_exit (status);

  g_return_if_fail (diag != NULL);
  if (failure == L2TP_FAILURE_NONE)
    return;
  /* pppd reports an IPCP failure with the same status as an LCP one. */
  if (failure == L2TP_FAILURE_PPP_LCP_TIMEOUT && message && has (message, "IPCP"))
    failure = L2TP_FAILURE_NO_IP_CONFIG;
  diagnose (diag, failure, message && *message ? message : NULL);
}
