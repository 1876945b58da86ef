/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Failure diagnosis from real daemon output (fixtures/: charon's control-log
 * stream as swanctl printed it, xl2tpd's stderr; gen-charon-logs.sh made the
 * charon ones) and the messages and NetworkManager reasons derived. */
#include "src/common/failure.h"

#include <string.h>

static L2tpDiagnosis
feed_file (const char *name, gboolean charon)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  L2tpDiagnosis diag = { 0 };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];

      if (charon)
        {
          /* "[IKE] message": control-log's group, then its msg */
          if (line[0] != '[' || !strstr (line, "] "))
            continue;
          l2tp_diagnosis_feed_charon (&diag, strstr (line, "] ") + 2);
        }
      else
        {
          const char *text_part = strstr (line, "]: ");
          l2tp_diagnosis_feed_xl2tpd (&diag, text_part ? text_part + 3 : line);
        }
    }
  return diag;
}

typedef struct
{
  const char *file;
  gboolean charon;
  L2tpFailure expected;
} Fixture;

static const Fixture fixtures[] = {
  { "charon-psk-mismatch.log", TRUE, L2TP_FAILURE_PSK_MISMATCH },
  { "charon-ike-no-proposal.log", TRUE, L2TP_FAILURE_IKE_NO_PROPOSAL },
  { "charon-esp-no-proposal.log", TRUE, L2TP_FAILURE_ESP_NO_PROPOSAL },
  { "charon-no-response.log", TRUE, L2TP_FAILURE_IKE_NO_RESPONSE },
  { "charon-kernel-no-esp.log", TRUE, L2TP_FAILURE_KERNEL_NO_ESP },
  { "xl2tpd-max-retries.log", FALSE, L2TP_FAILURE_L2TP_NO_RESPONSE },
};

static void
test_fixture (gconstpointer data)
{
  const Fixture *f = data;
  L2tpDiagnosis diag = feed_file (f->file, f->charon);

  g_assert_cmpint (diag.failure, ==, f->expected);
  l2tp_diagnosis_clear (&diag);
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_NONE);
}

static void
test_established_flag (void)
{
  L2tpDiagnosis diag = feed_file ("charon-esp-no-proposal.log", TRUE);

  g_assert_true (diag.ike_established);
  l2tp_diagnosis_clear (&diag);
  diag = feed_file ("charon-ike-no-proposal.log", TRUE);
  g_assert_false (diag.ike_established);
  l2tp_diagnosis_clear (&diag);
}

static void
test_no_ikev1 (void)
{
  L2tpDiagnosis diag = { 0 };
  g_autofree char *msg = NULL;

  /* strongSwan's ike_sa.c logs this when built without IKEv1, before
   * sending anything (the line is taken from its source, not a run). */
  l2tp_diagnosis_feed_charon (&diag, "IKE version 1 not supported");
  l2tp_diagnosis_feed_charon (&diag, "establishing IKE_SA failed, peer not responding");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_NO_IKEV1);
  msg = l2tp_failure_message (diag.failure, "6.0.1", NULL);
  g_assert_cmpstr (msg, ==,
                   "Before connecting: this strongSwan charon (6.0.1) was built without "
                   "IKEv1, which L2TP/IPsec needs. Install a strongSwan build with IKEv1 "
                   "support (configure --enable-ikev1).");
  l2tp_diagnosis_clear (&diag);
}

static void
test_generic_yields (void)
{
  L2tpDiagnosis diag = { 0 };

  /* A generic cause first, a specific one later: the specific one wins. */
  l2tp_diagnosis_feed_charon (&diag,
                              "sending retransmit 1 of request message ID 0, seq 1");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_IKE_NO_RESPONSE);
  l2tp_diagnosis_feed_charon (&diag,
                              "invalid HASH_V1 payload length, decryption failed?");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_PSK_MISMATCH);
  l2tp_diagnosis_feed_charon (&diag, "received NO_PROPOSAL_CHOSEN error notify");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_PSK_MISMATCH);
  l2tp_diagnosis_clear (&diag);

  l2tp_diagnosis_feed_xl2tpd (
      &diag, "Connection 7 closed to 10.0.0.1, port 1701 (No more sessions)");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_L2TP_REFUSED);
  g_assert_cmpstr (diag.detail, ==, "No more sessions");
  l2tp_diagnosis_clear (&diag);
}

/* A Quick Mode on an IKE SA that another of our connections set up: the
 * log never shows that IKE SA's establishment (lab plugin-two-connections,
 * mikrotik-like), yet a refusal now is Phase 2's. Without a Quick Mode, the
 * same refusal is Phase 1's. */
static void
test_quick_mode_on_reused_ike_sa (void)
{
  L2tpDiagnosis diag = { 0 };

  l2tp_diagnosis_feed_charon (&diag, "received NO_PROPOSAL_CHOSEN error notify");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_IKE_NO_PROPOSAL);
  l2tp_diagnosis_clear (&diag);

  l2tp_diagnosis_feed_charon (
      &diag, "generating QUICK_MODE request 3163386385 [ HASH SA No ID ID ]");
  l2tp_diagnosis_feed_charon (&diag, "received NO_PROPOSAL_CHOSEN error notify");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_ESP_NO_PROPOSAL);
  l2tp_diagnosis_clear (&diag);
}

/* Real lines of a run under NetworkManager on a kernel without ESP
 * (tests/dbus): the key lookup miss before the wildcard key matched must not
 * end up as the diagnosis. */
static void
test_phase1_recovered (void)
{
  static const char *const lines[] = {
    "no shared key found for '10.99.0.2'[10.99.0.2] - '%any'[10.99.0.1]",
    "IKE_SA nm-l2tp-ipsec-bec63197-53f7-47c8-ac5f-01a4645b0c7a[1] established between "
    "10.99.0.2[10.99.0.2]...10.99.0.1[10.99.0.1]",
    "selected proposal: ESP:AES_CBC_256/HMAC_SHA2_256_128/NO_EXT_SEQ",
    "received netlink error: Protocol not supported (93)",
    "unable to add SAD entry with SPI c426b3d3 (FAILED)",
    "unable to install inbound and outbound IPsec SA (SAD) in kernel",
  };
  L2tpDiagnosis diag = { 0 };

  l2tp_diagnosis_feed_charon (&diag, lines[0]);
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_IKE_AUTH);
  for (guint i = 1; i < G_N_ELEMENTS (lines); i++)
    l2tp_diagnosis_feed_charon (&diag, lines[i]);
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_KERNEL_NO_ESP);
  g_assert_null (diag.detail);
  l2tp_diagnosis_clear (&diag);
}

/* Seen in the lab: a wrong PSK first logs the (harmless) key look-up miss,
 * then the decryption failure, which must win at once; a refused password
 * ends the call before pppd's exit status names the cause. */
static void
test_lab_sequences (void)
{
  L2tpDiagnosis diag = { 0 };

  l2tp_diagnosis_feed_charon (
      &diag, "no shared key found for '10.99.0.2'[10.99.0.2] - '%any'[10.99.0.1]");
  l2tp_diagnosis_feed_charon (&diag,
                              "invalid HASH_V1 payload length, decryption failed?");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_PSK_MISMATCH);
  /* A wrong secret: NetworkManager's "Invalid secrets", not "Unknown reason". */
  g_assert_cmpint (l2tp_failure_nm_reason (diag.failure), ==,
                   NM_VPN_PLUGIN_FAILURE_LOGIN_FAILED);
  g_assert_cmpint (l2tp_failure_nm_reason (L2TP_FAILURE_IKE_AUTH), ==,
                   NM_VPN_PLUGIN_FAILURE_LOGIN_FAILED);
  g_assert_cmpint (l2tp_failure_nm_reason (L2TP_FAILURE_IKE_REMOTE_ID), ==,
                   NM_VPN_PLUGIN_FAILURE_CONNECT_FAILED);
  l2tp_diagnosis_clear (&diag);

  l2tp_diagnosis_feed_xl2tpd (
      &diag, "control_finish: Connection closed to 10.0.0.1, serial 1 ()");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_L2TP_FAILED);
  l2tp_diagnosis_feed_pppd (&diag, 19, "CHAP authentication failed");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_PPP_AUTH);
  l2tp_diagnosis_clear (&diag);

  /* The mikrotik-like server without MPPE: its CDN, its Terminate-Request
   * text, then pppd's "hung up": the server's words are the message. */
  l2tp_diagnosis_feed_xl2tpd (
      &diag, "control_finish: Connection closed to 10.99.0.1, serial 1 ()");
  l2tp_diagnosis_feed_peer_terminated (&diag,
                                       "MPPE required but peer negotiation failed");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_PPP_PEER_ENDED);
  l2tp_diagnosis_feed_pppd (&diag, 16, "the link was hung up");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_PPP_PEER_ENDED);
  g_assert_cmpstr (diag.detail, ==, "MPPE required but peer negotiation failed");
  l2tp_diagnosis_clear (&diag);

  /* A wrong password: the server's "Authentication failed" yields to
   * pppd's own verdict, which has the better message. */
  l2tp_diagnosis_feed_peer_terminated (&diag, "Authentication failed");
  l2tp_diagnosis_feed_pppd (&diag, 19, "MS-CHAP authentication failed: E=691");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_PPP_AUTH);
  l2tp_diagnosis_clear (&diag);

  /* An empty Terminate-Request says nothing. */
  l2tp_diagnosis_feed_peer_terminated (&diag, "");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_NONE);
}

/* A wrong ipsec-remote-id: Main Mode fails on the server's ID, in phase 1,
 * whatever charon says after it. */
static void
test_remote_id (void)
{
  L2tpDiagnosis diag = { 0 };
  g_autofree char *message = NULL;

  l2tp_diagnosis_feed_charon (&diag,
                              "IDir '10.99.0.1' does not match to 'vpn.example.com'");
  l2tp_diagnosis_feed_charon (&diag, "sending DELETE for IKE_SA nm-l2tp-ipsec-x[1]");
  l2tp_diagnosis_feed_charon (&diag, "establishing connection 'nm-l2tp-ipsec-x' failed");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_IKE_REMOTE_ID);
  g_assert_cmpint (l2tp_failure_layer (diag.failure), ==, L2TP_LAYER_IKE);
  message = l2tp_failure_message (diag.failure, diag.detail, NULL);
  g_assert_cmpstr (
      message, ==,
      "IPsec (IKE phase 1): the server identified itself as 10.99.0.1, which "
      "is not the remote ID this connection expects. Set the remote ID "
      "(ipsec-remote-id) to 10.99.0.1, or leave it empty.");
  l2tp_diagnosis_clear (&diag);
}

static void
test_certificates (void)
{
  L2tpDiagnosis diag = { 0 };
  g_autofree char *message = NULL;

  /* charon 5.9's words when the server's certificate is not from our CA. */
  l2tp_diagnosis_feed_charon (&diag, "no trusted RSA public key found for 'CN=vpn'");
  l2tp_diagnosis_feed_charon (&diag, "received AUTHENTICATION_FAILED error notify");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_IKE_CERT);
  message = l2tp_failure_message (diag.failure, diag.detail, NULL);
  g_assert_true (g_str_has_prefix (
      message, "IPsec (IKE phase 1): the certificates did not authenticate (no trusted "
               "RSA public key found for 'CN=vpn')."));
  g_assert_nonnull (strstr (message, "machine-ca"));
  l2tp_diagnosis_clear (&diag);

  /* Our certificate without its key in charon. */
  l2tp_diagnosis_feed_charon (&diag, "no private key found for 'CN=laptop'");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_IKE_CERT);
  g_assert_cmpint (l2tp_failure_nm_reason (diag.failure), ==,
                   NM_VPN_PLUGIN_FAILURE_CONNECT_FAILED);
  l2tp_diagnosis_clear (&diag);
}

static void
test_pppd (void)
{
  L2tpDiagnosis diag = { 0 };

  g_assert_cmpint (l2tp_failure_from_pppd_exit (0), ==, L2TP_FAILURE_NONE);
  g_assert_cmpint (l2tp_failure_from_pppd_exit (5), ==, L2TP_FAILURE_NONE);
  g_assert_cmpint (l2tp_failure_from_pppd_exit (4), ==, L2TP_FAILURE_PPP_NO_KERNEL);
  g_assert_cmpint (l2tp_failure_from_pppd_exit (10), ==, L2TP_FAILURE_PPP_LCP_TIMEOUT);
  g_assert_cmpint (l2tp_failure_from_pppd_exit (19), ==, L2TP_FAILURE_PPP_AUTH);
  g_assert_cmpint (l2tp_failure_from_pppd_exit (15), ==, L2TP_FAILURE_CONNECTION_LOST);
  g_assert_cmpint (l2tp_failure_from_pppd_exit (1), ==, L2TP_FAILURE_PPP_FAILED);

  l2tp_diagnosis_feed_pppd (&diag, 10, "IPCP: timeout sending Config-Requests");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_NO_IP_CONFIG);
  g_assert_cmpint (l2tp_failure_nm_reason (diag.failure), ==,
                   NM_VPN_PLUGIN_FAILURE_BAD_IP_CONFIG);
  l2tp_diagnosis_clear (&diag);

  l2tp_diagnosis_feed_pppd (&diag, 19, "MS-CHAP authentication failed: E=691");
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_PPP_AUTH);
  g_assert_cmpint (l2tp_failure_nm_reason (diag.failure), ==,
                   NM_VPN_PLUGIN_FAILURE_LOGIN_FAILED);
  l2tp_diagnosis_clear (&diag);
}

static void
test_messages (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *psk = l2tp_failure_message (L2TP_FAILURE_PSK_MISMATCH, NULL, NULL);
  g_autofree char *pkg
      = l2tp_failure_message (L2TP_FAILURE_MISSING_PROGRAM, "/usr/sbin/xl2tpd", "xl2tpd");
  g_autofree char *port = l2tp_failure_message (
      L2TP_FAILURE_PORT_BUSY,
      "UDP port 1701 is held by xl2tpd (pid 812, systemd unit xl2tpd.service) on 0.0.0.0",
      "sudo systemctl stop xl2tpd.service");
  g_autofree char *prop = l2tp_failure_message (L2TP_FAILURE_IKE_NO_PROPOSAL,
                                                "aes256-sha256-modp2048", NULL);

  g_assert_cmpstr (psk, ==,
                   "IPsec (IKE phase 1): the pre-shared key does not match the server's. "
                   "Check the pre-shared key (ipsec-psk).");
  g_assert_cmpstr (pkg, ==,
                   "Before connecting: /usr/sbin/xl2tpd is not installed. Install the "
                   "package xl2tpd (apt install xl2tpd).");
  g_assert_cmpstr (port, ==,
                   "Before connecting: UDP port 1701 is held by xl2tpd (pid 812, systemd "
                   "unit xl2tpd.service) on 0.0.0.0, and this connection needs port "
                   "1701. Free it (sudo systemctl stop xl2tpd.service) and connect "
                   "again.");
  g_assert_nonnull (strstr (prop, "(aes256-sha256-modp2048)"));
  g_assert_nonnull (strstr (prop, "nm-l2tp-ipsec probe"));
  g_assert_true (g_str_has_prefix (prop, "IPsec (IKE phase 1): "));

  l2tp_failure_set (&error, L2TP_FAILURE_PPP_AUTH, NULL, NULL);
  g_assert_error (error, L2TP_FAILURE_ERROR, L2TP_FAILURE_PPP_AUTH);
  g_assert_cmpstr (error->message, ==,
                   "PPP: the server refused the user name or password. Check them, and "
                   "the allowed authentication methods.");
  {
    g_autofree char *peer = l2tp_failure_message (
        L2TP_FAILURE_PPP_PEER_ENDED, "MPPE required but peer negotiation failed", NULL);
    g_autofree char *mschap
        = l2tp_failure_message (L2TP_FAILURE_PPP_MPPE_NO_MSCHAP, NULL, NULL);

    g_assert_cmpstr (peer, ==,
                     "PPP: the server ended the PPP link, saying \"MPPE required but "
                     "peer negotiation failed\". Its log or administrator can tell what "
                     "it expects.");
    g_assert_true (g_str_has_prefix (mschap, "PPP: the server requires MPPE"));
    g_assert_nonnull (strstr (mschap, "refuse-mschap-v2=no"));
  }
  g_assert_cmpint (l2tp_failure_nm_reason (L2TP_FAILURE_IKE_NO_RESPONSE), ==,
                   NM_VPN_PLUGIN_FAILURE_CONNECT_FAILED);
}

/* Another user on our L2TP port; the guard that could not be installed. */
static void
test_foreign_socket_and_guard (void)
{
  g_autofree char *named = l2tp_failure_message (
      L2TP_FAILURE_L2TP_FOREIGN_SOCKET, "uid 1000 (nc, pid 4242) on 10.0.0.2:1701",
      "sudo kill 4242");
  g_autofree char *unnamed = l2tp_failure_message (
      L2TP_FAILURE_L2TP_FOREIGN_SOCKET,
      "uid 1000 (no visible process, socket inode 77) on 10.0.0.2:1701", NULL);
  g_autofree char *guard
      = l2tp_failure_message (L2TP_FAILURE_GUARD,
                              "nft install: Error: Could not process rule: Operation not "
                              "supported",
                              NULL);

  g_assert_cmpstr (named, ==,
                   "L2TP: another user's program bound our L2TP address and port (uid "
                   "1000 (nc, pid 4242) on 10.0.0.2:1701), where it could read the "
                   "server's decrypted L2TP and PPP, so the connection was ended. Stop "
                   "that program (sudo kill 4242) and connect again.");
  g_assert_true (g_str_has_prefix (unnamed, "L2TP: another user's program bound"));
  g_assert_nonnull (strstr (unnamed, "\"sudo ss -ulpne\""));
  g_assert_cmpstr (guard, ==,
                   "Before connecting: the kernel rule that keeps L2TP inside IPsec "
                   "could not be put in place (nft install: Error: Could not process "
                   "rule: Operation not supported). It needs nftables: the nft program "
                   "(package nftables) and a kernel with nf_tables and XFRM.");
  g_assert_cmpint (l2tp_failure_layer (L2TP_FAILURE_L2TP_FOREIGN_SOCKET), ==,
                   L2TP_LAYER_L2TP);
  g_assert_cmpint (l2tp_failure_layer (L2TP_FAILURE_GUARD), ==, L2TP_LAYER_PREFLIGHT);
  g_assert_cmpint (l2tp_failure_nm_reason (L2TP_FAILURE_L2TP_FOREIGN_SOCKET), ==,
                   NM_VPN_PLUGIN_FAILURE_CONNECT_FAILED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *name = g_strdup_printf ("/failure/fixture/%s", fixtures[i].file);
      g_test_add_data_func (name, &fixtures[i], test_fixture);
    }
  g_test_add_func ("/failure/established", test_established_flag);
  g_test_add_func ("/failure/no-ikev1", test_no_ikev1);
  g_test_add_func ("/failure/generic-yields", test_generic_yields);
  g_test_add_func ("/failure/quick-mode-on-reused-ike-sa",
                   test_quick_mode_on_reused_ike_sa);
  g_test_add_func ("/failure/phase1-recovered", test_phase1_recovered);
  g_test_add_func ("/failure/pppd", test_pppd);
  g_test_add_func ("/failure/certificates", test_certificates);
  g_test_add_func ("/failure/remote-id", test_remote_id);
  g_test_add_func ("/failure/lab-sequences", test_lab_sequences);
  g_test_add_func ("/failure/messages", test_messages);
  g_test_add_func ("/failure/foreign-socket-and-guard", test_foreign_socket_and_guard);
  return g_test_run ();
}
