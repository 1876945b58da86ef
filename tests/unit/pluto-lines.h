/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pluto lines of the unit tests (tests/unit/test-pluto-events.c) and the
 * fuzz seeds (tests/fuzz/make-seeds.c), each with the event it must give.
 *
 * pluto_lines_real: captured, byte for byte, in the lab in December 2026:
 * Debian's libreswan 4.10 (4.10-2+deb12u1) as a private pluto in the
 * client's netns against strongSwan 5.9.8's charon, scenarios ok,
 * mm-no-proposal, qm-no-proposal, wrong-psk, no-answer,
 * pfs-required-missing, scenario-nat, scenario-pfs-group5 and add (the
 * raw logs were pluto.log, with logtime, and whack's output of
 * --initiate/--terminate). The connection was "lab" (and "g", "d" in
 * add). That host's kernel has no ESP, so no Quick Mode got further than
 * adding the SA.
 *
 * pluto_lines_src: what the lab could not reach, written from the format
 * strings of libreswan v4.10's source (ipsec_doi.c jam_child_sa_details,
 * ikev1_main.c Delete handling, retransmit.c, revival.c, ikev1.c); the
 * numbers in them are made up. */
#pragma once

#include "shared/pluto-events.h"

G_BEGIN_DECLS

typedef struct
{
  const char *line;
  const char *conn;  /* NULL: "lab" */
  gboolean not_ours; /* another connection's, or pluto's own */
  L2tpPlutoEventKind kind;
  guint serial;
  const char *state;
  guint related_serial;
  const char *proposal; /* strongSwan spelling, NULL: has_proposal FALSE */
  gboolean has_pfs_group;
  L2tpDhGroup pfs_group;
  guint32 spi_out, spi_in; /* both 0: has_spis FALSE */
  gboolean transport_mode;
  L2tpPlutoEncap encap;
  L2tpPlutoHint hint;
  L2tpPlutoNotify notify;
  L2tpPlutoSa deleted;
  gboolean sends_delete;
  gboolean auth_excuse;
  int error_number;
  const char *detail;
} PlutoLine;

#define TS "Dec  4 14:28:03.846924: "

static const PlutoLine pluto_lines_real[] = {
  /* ok/pluto.log */
  { "Dec  4 14:28:03.835366: \"lab\": added IKEv1 connection",
    .kind = L2TP_PLUTO_EVENT_ADDED },
  { "Dec  4 14:28:03.846684: \"lab\" #1: initiating IKEv1 Main Mode connection",
    .kind = L2TP_PLUTO_EVENT_MAIN_MODE_START, .serial = 1 },
  { "Dec  4 14:28:03.846924: \"lab\" #1: sent Main Mode request",
    .kind = L2TP_PLUTO_EVENT_PROGRESS, .serial = 1, .state = "STATE_MAIN_I1" },
  { "Dec  4 14:28:03.848782: \"lab\" #1: WARNING: connection lab PSK length of 14 bytes "
    "is too short for HMAC_SHA2_256 PRF in FIPS mode (16 bytes required)",
    .kind = L2TP_PLUTO_EVENT_OTHER, .serial = 1 },
  { "Dec  4 14:28:03.857481: \"lab\" #1: sent Main Mode I2",
    .kind = L2TP_PLUTO_EVENT_PROGRESS, .serial = 1, .state = "STATE_MAIN_I2" },
  { "Dec  4 14:28:03.863016: \"lab\" #1: sent Main Mode I3",
    .kind = L2TP_PLUTO_EVENT_PROGRESS, .serial = 1, .state = "STATE_MAIN_I3" },
  { "Dec  4 14:28:03.863541: \"lab\" #1: Peer ID is ID_IPV4_ADDR: '10.99.0.1'",
    .kind = L2TP_PLUTO_EVENT_PEER_ID, .serial = 1,
    .detail = "ID_IPV4_ADDR: '10.99.0.1'" },
  { "Dec  4 14:28:03.863706: \"lab\" #1: IKE SA established {auth=PRESHARED_KEY "
    "cipher=AES_CBC_128 integ=HMAC_SHA2_256 group=MODP2048}",
    .kind = L2TP_PLUTO_EVENT_IKE_UP, .serial = 1, .proposal = "aes128-sha256-modp2048" },
  { "Dec  4 14:28:03.863744: \"lab\" #2: initiating Quick Mode "
    "IKEv1+PSK+ENCRYPT+UP+IKE_FRAG_ALLOW+ESN_NO+ESN_YES {using isakmp#1 msgid:21d0cce1 "
    "proposal=AES_CBC_128-HMAC_SHA2_256_128, AES_CBC_256-HMAC_SHA2_256_128, "
    "AES_CBC_128-HMAC_SHA1_96, AES_CBC_256-HMAC_SHA1_96 pfsgroup=no-pfs}",
    .kind = L2TP_PLUTO_EVENT_QUICK_MODE_START, .serial = 2, .related_serial = 1,
    .has_pfs_group = TRUE, .pfs_group = L2TP_DH_NONE },
  { "Dec  4 14:28:03.863896: \"lab\" #2: sent Quick Mode request",
    .kind = L2TP_PLUTO_EVENT_PROGRESS, .serial = 2, .state = "STATE_QUICK_I1" },
  { "Dec  4 14:28:03.864521: ERROR: \"lab\" #2: netlink response for Add SA "
    "esp.caa357ea@10.99.0.1: Protocol not supported (errno 93)",
    .kind = L2TP_PLUTO_EVENT_KERNEL_ERROR, .serial = 2, .error_number = 93,
    .detail = "Add SA esp.caa357ea@10.99.0.1: Protocol not supported (errno 93)" },
  { "Dec  4 14:28:03.864540: \"lab\" #2: setup_half_ipsec_sa() hit fail:",
    .kind = L2TP_PLUTO_EVENT_OTHER, .serial = 2 },
  { "Dec  4 14:28:03.864587: \"lab\" #2: state transition function for STATE_QUICK_I1 "
    "had internal error",
    .kind = L2TP_PLUTO_EVENT_INTERNAL_ERROR, .serial = 2, .state = "STATE_QUICK_I1" },
  { "Dec  4 14:28:03.890294: \"lab\": terminating SAs using this connection",
    .kind = L2TP_PLUTO_EVENT_TERMINATING },
  { "Dec  4 14:28:03.890345: \"lab\" #2: deleting state (STATE_QUICK_I1) aged 0.026609s "
    "and NOT sending notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 2, .state = "STATE_QUICK_I1" },
  { "Dec  4 14:28:03.890379: \"lab\" #1: deleting state (STATE_MAIN_I4) aged 0.04371s "
    "and sending notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 1, .state = "STATE_MAIN_I4",
    .sends_delete = TRUE },
  { "Dec  4 14:28:04.899410: Pluto is shutting down", .not_ours = TRUE },
  { "Dec  4 14:28:03.756896: adding UDP interface eth0 10.99.0.2:500", .not_ours = TRUE },
  /* ok/cli-whack-initiate.log */
  { "002 \"lab\" #1: initiating IKEv1 Main Mode connection",
    .kind = L2TP_PLUTO_EVENT_MAIN_MODE_START, .serial = 1 },
  { "102 \"lab\" #1: sent Main Mode request", .kind = L2TP_PLUTO_EVENT_PROGRESS,
    .serial = 1, .state = "STATE_MAIN_I1" },
  { "104 \"lab\" #1: sent Main Mode I2", .kind = L2TP_PLUTO_EVENT_PROGRESS, .serial = 1,
    .state = "STATE_MAIN_I2" },
  { "106 \"lab\" #1: sent Main Mode I3", .kind = L2TP_PLUTO_EVENT_PROGRESS, .serial = 1,
    .state = "STATE_MAIN_I3" },
  { "002 \"lab\" #1: Peer ID is ID_IPV4_ADDR: '10.99.0.1'",
    .kind = L2TP_PLUTO_EVENT_PEER_ID, .serial = 1,
    .detail = "ID_IPV4_ADDR: '10.99.0.1'" },
  { "004 \"lab\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_128 "
    "integ=HMAC_SHA2_256 group=MODP2048}",
    .kind = L2TP_PLUTO_EVENT_IKE_UP, .serial = 1, .proposal = "aes128-sha256-modp2048" },
  { "115 \"lab\" #2: sent Quick Mode request", .kind = L2TP_PLUTO_EVENT_PROGRESS,
    .serial = 2, .state = "STATE_QUICK_I1" },
  { "003 ERROR: \"lab\" #2: netlink response for Add SA esp.caa357ea@10.99.0.1: Protocol "
    "not supported (errno 93)",
    .kind = L2TP_PLUTO_EVENT_KERNEL_ERROR, .serial = 2, .error_number = 93,
    .detail = "Add SA esp.caa357ea@10.99.0.1: Protocol not supported (errno 93)" },
  { "032 \"lab\" #2: state transition function for STATE_QUICK_I1 had internal error",
    .kind = L2TP_PLUTO_EVENT_INTERNAL_ERROR, .serial = 2, .state = "STATE_QUICK_I1" },
  /* ok/cli-whack-terminate.log */
  { "002 \"lab\": terminating SAs using this connection",
    .kind = L2TP_PLUTO_EVENT_TERMINATING },
  { "002 \"lab\" #1: deleting state (STATE_MAIN_I4) aged 0.04371s and sending "
    "notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 1, .state = "STATE_MAIN_I4",
    .sends_delete = TRUE },
  /* mm-no-proposal/pluto.log and cli-whack-initiate.log */
  { "Dec  4 14:23:07.514144: \"lab\" #1: ignoring informational payload "
    "NO_PROPOSAL_CHOSEN, msgid=00000000, length=28",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1,
    .notify = L2TP_PLUTO_NOTIFY_NO_PROPOSAL_CHOSEN, .detail = "NO_PROPOSAL_CHOSEN" },
  { "Dec  4 14:23:07.514176: \"lab\" #1: received and ignored notification payload: "
    "NO_PROPOSAL_CHOSEN",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1,
    .notify = L2TP_PLUTO_NOTIFY_NO_PROPOSAL_CHOSEN, .detail = "NO_PROPOSAL_CHOSEN" },
  { "Dec  4 14:23:08.012751: \"lab\" #1: STATE_MAIN_I1: retransmission; will wait 0.5 "
    "seconds for response",
    .kind = L2TP_PLUTO_EVENT_RETRANSMIT, .serial = 1, .state = "STATE_MAIN_I1" },
  { "Dec  4 14:23:39.610475: \"lab\" #1: STATE_MAIN_I1: 20 second timeout exceeded after "
    "6 retransmits.  No response (or no acceptable response) to our first IKEv1 message",
    .kind = L2TP_PLUTO_EVENT_TIMEOUT, .serial = 1, .state = "STATE_MAIN_I1",
    .hint = L2TP_PLUTO_HINT_FIRST_MESSAGE },
  { "Dec  4 14:23:39.610675: \"lab\" #1: deleting state (STATE_MAIN_I1) aged 32.09944s "
    "and NOT sending notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 1, .state = "STATE_MAIN_I1" },
  { "Dec  4 14:23:39.610720: \"lab\" #1: deleting ISAKMP SA but connection is supposed "
    "to remain up; schedule EVENT_REVIVE_CONNS",
    .kind = L2TP_PLUTO_EVENT_REVIVAL_SCHEDULED, .serial = 1 },
  { "Dec  4 14:23:39.610756: \"lab\": initiating connection 'lab' with serial $1 which "
    "received a Delete/Notify but must remain up per local policy",
    .kind = L2TP_PLUTO_EVENT_REVIVAL_STARTED },
  { "Dec  4 14:23:39.610795: \"lab\" #2: initiating IKEv1 Main Mode connection",
    .kind = L2TP_PLUTO_EVENT_MAIN_MODE_START, .serial = 2 },
  { "Dec  4 14:23:39.613970: \"lab\" #2: ignoring informational payload "
    "NO_PROPOSAL_CHOSEN, msgid=00000000, length=28",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 2,
    .notify = L2TP_PLUTO_NOTIFY_NO_PROPOSAL_CHOSEN, .detail = "NO_PROPOSAL_CHOSEN" },
  { "003 \"lab\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=28",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1,
    .notify = L2TP_PLUTO_NOTIFY_NO_PROPOSAL_CHOSEN, .detail = "NO_PROPOSAL_CHOSEN" },
  { "003 \"lab\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1,
    .notify = L2TP_PLUTO_NOTIFY_NO_PROPOSAL_CHOSEN, .detail = "NO_PROPOSAL_CHOSEN" },
  { "010 \"lab\" #1: STATE_MAIN_I1: retransmission; will wait 16 seconds for response",
    .kind = L2TP_PLUTO_EVENT_RETRANSMIT, .serial = 1, .state = "STATE_MAIN_I1" },
  { "031 \"lab\" #1: STATE_MAIN_I1: 20 second timeout exceeded after 6 retransmits.  No "
    "response (or no acceptable response) to our first IKEv1 message",
    .kind = L2TP_PLUTO_EVENT_TIMEOUT, .serial = 1, .state = "STATE_MAIN_I1",
    .hint = L2TP_PLUTO_HINT_FIRST_MESSAGE },
  { "002 \"lab\" #1: deleting ISAKMP SA but connection is supposed to remain up; "
    "schedule EVENT_REVIVE_CONNS",
    .kind = L2TP_PLUTO_EVENT_REVIVAL_SCHEDULED, .serial = 1 },
  /* qm-no-proposal/pluto.log and cli-whack-initiate.log */
  { "Dec  4 14:23:41.823834: \"lab\" #2: initiating Quick Mode "
    "IKEv1+PSK+ENCRYPT+UP+IKE_FRAG_ALLOW+ESN_NO+ESN_YES {using isakmp#1 msgid:23179eeb "
    "proposal=AES_CBC_192-HMAC_SHA2_512_256 pfsgroup=no-pfs}",
    .kind = L2TP_PLUTO_EVENT_QUICK_MODE_START, .serial = 2, .related_serial = 1,
    .has_pfs_group = TRUE, .pfs_group = L2TP_DH_NONE },
  /* Quick Mode's NO_PROPOSAL_CHOSEN comes on the ISAKMP SA, #1, log only. */
  { "Dec  4 14:23:41.824731: \"lab\" #1: ignoring informational payload "
    "NO_PROPOSAL_CHOSEN, msgid=00000000, length=16",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1,
    .notify = L2TP_PLUTO_NOTIFY_NO_PROPOSAL_CHOSEN, .detail = "NO_PROPOSAL_CHOSEN" },
  { "Dec  4 14:23:42.327383: \"lab\" #2: STATE_QUICK_I1: retransmission; will wait 0.5 "
    "seconds for response",
    .kind = L2TP_PLUTO_EVENT_RETRANSMIT, .serial = 2, .state = "STATE_QUICK_I1" },
  { "Dec  4 14:24:13.917496: \"lab\" #2: STATE_QUICK_I1: 20 second timeout exceeded "
    "after 6 retransmits.  No acceptable response to our first Quick Mode message: "
    "perhaps peer likes no proposal",
    .kind = L2TP_PLUTO_EVENT_TIMEOUT, .serial = 2, .state = "STATE_QUICK_I1",
    .hint = L2TP_PLUTO_HINT_NO_PROPOSAL },
  { "031 \"lab\" #2: STATE_QUICK_I1: 20 second timeout exceeded after 6 retransmits.  No "
    "acceptable response to our first Quick Mode message: perhaps peer likes no proposal",
    .kind = L2TP_PLUTO_EVENT_TIMEOUT, .serial = 2, .state = "STATE_QUICK_I1",
    .hint = L2TP_PLUTO_HINT_NO_PROPOSAL },
  { "002 \"lab\" #2: deleting state (STATE_QUICK_I1) aged 32.093853s and NOT sending "
    "notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 2, .state = "STATE_QUICK_I1" },
  /* wrong-psk/pluto.log and cli-whack-initiate.log */
  { "Dec  4 14:22:33.170935: \"lab\" #1: 61822-byte length of ISAKMP Hash Payload is "
    "larger than can fit",
    .kind = L2TP_PLUTO_EVENT_OTHER, .serial = 1 },
  { "Dec  4 14:22:33.170960: \"lab\" #1: malformed payload in packet",
    .kind = L2TP_PLUTO_EVENT_MALFORMED, .serial = 1 },
  { "Dec  4 14:22:33.673524: \"lab\" #1: STATE_MAIN_I3: retransmission; will wait 0.5 "
    "seconds for response",
    .kind = L2TP_PLUTO_EVENT_RETRANSMIT, .serial = 1, .state = "STATE_MAIN_I3" },
  { "Dec  4 14:23:05.309496: \"lab\" #1: STATE_MAIN_I3: 20 second timeout exceeded after "
    "6 retransmits.  Possible authentication failure: no acceptable response to our "
    "first encrypted message",
    .kind = L2TP_PLUTO_EVENT_TIMEOUT, .serial = 1, .state = "STATE_MAIN_I3",
    .hint = L2TP_PLUTO_HINT_AUTHENTICATION },
  { "Dec  4 14:23:05.309740: \"lab\" #1: deleting state (STATE_MAIN_I3) aged 32.153513s "
    "and NOT sending notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 1, .state = "STATE_MAIN_I3" },
  { "002 \"lab\" #1: 61822-byte length of ISAKMP Hash Payload is larger than can fit",
    .kind = L2TP_PLUTO_EVENT_OTHER, .serial = 1 },
  { "003 \"lab\" #1: malformed payload in packet", .kind = L2TP_PLUTO_EVENT_MALFORMED,
    .serial = 1 },
  { "031 \"lab\" #1: STATE_MAIN_I3: 20 second timeout exceeded after 6 retransmits.  "
    "Possible authentication failure: no acceptable response to our first encrypted "
    "message",
    .kind = L2TP_PLUTO_EVENT_TIMEOUT, .serial = 1, .state = "STATE_MAIN_I3",
    .hint = L2TP_PLUTO_HINT_AUTHENTICATION },
  /* wrong-psk/cli-whack-terminate.log: the revived attempt is #2 */
  { "002 \"lab\" #2: deleting state (STATE_MAIN_I3) aged 0.034062s and NOT sending "
    "notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 2, .state = "STATE_MAIN_I3" },
  /* no-answer/pluto.log and cli-whack-initiate.log */
  { "Dec  4 14:24:16.116474: WARNING: using a weak secret (PSK)", .not_ours = TRUE },
  { "Dec  4 14:24:19.277637: \"lab\" #1: ERROR: asynchronous network error report on "
    "eth0 (10.99.0.2:500), complainant 10.99.0.2: No route to host [errno 113, origin "
    "ICMP type 3 code 1 (not authenticated)]",
    .kind = L2TP_PLUTO_EVENT_NETWORK_ERROR, .serial = 1, .error_number = 113,
    .detail = "eth0 (10.99.0.2:500), complainant 10.99.0.2: No route to host [errno 113, "
              "origin ICMP type 3 code 1 (not authenticated)]" },
  { "000 \"lab\" #1: ERROR: asynchronous network error report on eth0 (10.99.0.2:500), "
    "complainant 10.99.0.2: No route to host [errno 113, origin ICMP type 3 code 1 (not "
    "authenticated)]",
    .kind = L2TP_PLUTO_EVENT_NETWORK_ERROR, .serial = 1, .error_number = 113,
    .detail = "eth0 (10.99.0.2:500), complainant 10.99.0.2: No route to host [errno 113, "
              "origin ICMP type 3 code 1 (not authenticated)]" },
  { "Dec  4 14:24:24.238575: \"lab\" #1: STATE_MAIN_I1: 8 second timeout exceeded after "
    "4 retransmits.  No response (or no acceptable response) to our first IKEv1 message",
    .kind = L2TP_PLUTO_EVENT_TIMEOUT, .serial = 1, .state = "STATE_MAIN_I1",
    .hint = L2TP_PLUTO_HINT_FIRST_MESSAGE },
  { "Dec  4 14:24:24.238889: \"lab\" #1: deleting state (STATE_MAIN_I1) aged 8.018919s "
    "and NOT sending notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 1, .state = "STATE_MAIN_I1" },
  /* pfs-required-missing/pluto.log */
  { "Dec  4 14:24:26.633086: \"lab\" #1: IKE SA established {auth=PRESHARED_KEY "
    "cipher=AES_CBC_256 integ=HMAC_SHA2_256 group=MODP2048}",
    .kind = L2TP_PLUTO_EVENT_IKE_UP, .serial = 1, .proposal = "aes256-sha256-modp2048" },
  { "Dec  4 14:24:26.633149: \"lab\" #2: initiating Quick Mode "
    "IKEv1+PSK+ENCRYPT+UP+IKE_FRAG_ALLOW+ESN_NO+ESN_YES {using isakmp#1 msgid:384ffb52 "
    "proposal=AES_CBC_256-HMAC_SHA2_256_128 pfsgroup=no-pfs}",
    .kind = L2TP_PLUTO_EVENT_QUICK_MODE_START, .serial = 2, .related_serial = 1,
    .has_pfs_group = TRUE, .pfs_group = L2TP_DH_NONE },
  { "Dec  4 14:24:26.634583: \"lab\" #1: ignoring informational payload "
    "NO_PROPOSAL_CHOSEN, msgid=00000000, length=16",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1,
    .notify = L2TP_PLUTO_NOTIFY_NO_PROPOSAL_CHOSEN, .detail = "NO_PROPOSAL_CHOSEN" },
  /* scenario-nat/pluto.log */
  { "Dec  4 14:26:44.333964: \"lab\" #2: NAT-Traversal: received 2 NAT-OA. Ignored "
    "because peer is not NATed",
    .kind = L2TP_PLUTO_EVENT_OTHER, .serial = 2 },
  { "Dec  4 14:26:44.334012: \"lab\" #2: our client subnet returned doesn't match my "
    "proposal - us: 192.168.77.2/32 vs them: 10.99.0.3/32",
    .kind = L2TP_PLUTO_EVENT_OTHER, .serial = 2 },
  { "Dec  4 14:26:44.334040: \"lab\" #2: Allowing questionable (microsoft) proposal "
    "anyway",
    .kind = L2TP_PLUTO_EVENT_OTHER, .serial = 2 },
  { "Dec  4 14:26:44.334292: ERROR: \"lab\" #2: netlink response for Add SA "
    "esp.cd5e0018@10.99.0.1: Protocol not supported (errno 93)",
    .kind = L2TP_PLUTO_EVENT_KERNEL_ERROR, .serial = 2, .error_number = 93,
    .detail = "Add SA esp.cd5e0018@10.99.0.1: Protocol not supported (errno 93)" },
  { "Dec  4 14:26:44.343157: \"lab\" #1: received Delete SA payload: self-deleting "
    "ISAKMP State #1",
    .kind = L2TP_PLUTO_EVENT_PEER_DELETE, .serial = 1, .related_serial = 1,
    .deleted = L2TP_PLUTO_SA_ISAKMP },
  { "Dec  4 14:26:44.343184: \"lab\" #1: deleting state (STATE_MAIN_I4) aged 0.035216s "
    "and sending notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 1, .state = "STATE_MAIN_I4",
    .sends_delete = TRUE },
  { "Dec  4 14:26:44.343395: \"lab\" #2: reschedule pending IPsec SA - the ISAKMP SA #1 "
    "is going away",
    .kind = L2TP_PLUTO_EVENT_OTHER, .serial = 2 },
  { "Dec  4 14:26:44.343411: \"lab\" #1: deleting ISAKMP SA but connection is supposed "
    "to remain up; schedule EVENT_REVIVE_CONNS",
    .kind = L2TP_PLUTO_EVENT_REVIVAL_SCHEDULED, .serial = 1 },
  { "Dec  4 14:26:44.343549: \"lab\" #3: sent Main Mode request",
    .kind = L2TP_PLUTO_EVENT_PROGRESS, .serial = 3, .state = "STATE_MAIN_I1" },
  { "Dec  4 14:26:44.453820: \"lab\" #3: deleting state (STATE_MAIN_I1) aged 0.110348s "
    "and NOT sending notification",
    .kind = L2TP_PLUTO_EVENT_STATE_DELETED, .serial = 3, .state = "STATE_MAIN_I1" },
  { "Dec  4 14:26:44.453924: shutting down interface lo 127.0.0.1:4500",
    .not_ours = TRUE },
  /* scenario-pfs-group5/cli-whack-initiate.log */
  { "002 \"lab\" #2: initiating Quick Mode "
    "IKEv1+PSK+ENCRYPT+PFS+UP+IKE_FRAG_ALLOW+ESN_NO+ESN_YES {using isakmp#1 "
    "msgid:8577fe3a proposal=AES_CBC_256-HMAC_SHA2_256_128-MODP1536, "
    "AES_CBC_256-HMAC_SHA1_96-MODP1536, AES_CBC_128-HMAC_SHA1_96-MODP1536 "
    "pfsgroup=MODP1536}",
    .kind = L2TP_PLUTO_EVENT_QUICK_MODE_START, .serial = 2, .related_serial = 1,
    .has_pfs_group = TRUE, .pfs_group = L2TP_DH_MODP1536 },
  { "003 ERROR: \"lab\" #2: netlink response for Add SA esp.c5153eec@10.99.0.1: Protocol "
    "not supported (errno 93)",
    .kind = L2TP_PLUTO_EVENT_KERNEL_ERROR, .serial = 2, .error_number = 93,
    .detail = "Add SA esp.c5153eec@10.99.0.1: Protocol not supported (errno 93)" },
  /* add/pluto.log: connections "g" (ike=…;modp1024) and "d" */
  { "Dec  4 14:27:30.098598: \"g\": failed to add connection: IKE DH algorithm "
    "'modp1024' is not supported",
    .conn = "g", .kind = L2TP_PLUTO_EVENT_ADD_FAILED,
    .detail = "IKE DH algorithm 'modp1024' is not supported" },
  { "Dec  4 14:27:30.098598: \"g\": failed to add connection: IKE DH algorithm "
    "'modp1024' is not supported",
    .not_ours = TRUE },
  { "Dec  4 14:27:30.098502: \"g\": terminating SAs using this connection", .conn = "g",
    .kind = L2TP_PLUTO_EVENT_TERMINATING },
  { "Dec  4 14:27:30.201841: \"d\": ignoring ESP DH algorithm MODP2048 as PFS policy is "
    "disabled",
    .conn = "d", .kind = L2TP_PLUTO_EVENT_OTHER },
  { "Dec  4 14:27:30.070440: \"g\": added IKEv1 connection", .not_ours = TRUE },
};

static const PlutoLine pluto_lines_src[] = {
  { "004 \"lab\" #2: IPsec SA established transport mode {ESP=>0xcfde267e <0xc5153eec "
    "xfrm=AES_CBC_128-HMAC_SHA2_256_128 DPD=passive}",
    .kind = L2TP_PLUTO_EVENT_CHILD_UP, .serial = 2, .proposal = "aes128-sha256",
    .spi_out = 0xcfde267e, .spi_in = 0xc5153eec, .transport_mode = TRUE },
  { TS "\"lab\" #2: IPsec SA established transport mode {ESPinUDP=>0x0a1b2c3d "
       "<0xfedcba98 xfrm=AES_CBC_256-HMAC_SHA1_96 NATOA=none NATD=10.99.0.1:4500 "
       "DPD=active}",
    .kind = L2TP_PLUTO_EVENT_CHILD_UP, .serial = 2, .proposal = "aes256-sha1",
    .spi_out = 0x0a1b2c3d, .spi_in = 0xfedcba98, .transport_mode = TRUE,
    .encap = L2TP_PLUTO_ENCAP_UDP },
  { TS "\"lab\" #4: IPsec SA established tunnel mode {ESP/ESN=>0x00000001 <0xffffffff "
       "xfrm=AES_GCM_16_256-NONE DPD=unsupported}",
    .kind = L2TP_PLUTO_EVENT_CHILD_UP, .serial = 4, .proposal = "aes256gcm16",
    .spi_out = 1, .spi_in = 0xffffffff },
  { TS "\"lab\" #2: IPsec SA established transport mode {ESPinTCP/ESN/TFC=>0x12345678 "
       "<0x9abcdef0 xfrm=3DES_CBC-HMAC_MD5_96 DPD=passive}",
    .kind = L2TP_PLUTO_EVENT_CHILD_UP, .serial = 2, .proposal = "3des-md5",
    .spi_out = 0x12345678, .spi_in = 0x9abcdef0, .transport_mode = TRUE,
    .encap = L2TP_PLUTO_ENCAP_TCP },
  /* A cipher the model does not have: the event, no proposal. */
  { TS "\"lab\" #2: IPsec SA established transport mode {ESP=>0xcfde267e <0xc5153eec "
       "xfrm=CAMELLIA_CBC_128-HMAC_SHA2_256_128 DPD=passive}",
    .kind = L2TP_PLUTO_EVENT_CHILD_UP, .serial = 2, .spi_out = 0xcfde267e,
    .spi_in = 0xc5153eec, .transport_mode = TRUE },
  { TS "\"lab\" #1: IKE SA established {auth=PRESHARED_KEY cipher=3DES_CBC_192 "
       "integ=HMAC_SHA1 group=MODP1536}",
    .kind = L2TP_PLUTO_EVENT_IKE_UP, .serial = 1, .proposal = "3des-sha1-modp1536" },
  { TS "\"lab\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_192 "
       "integ=HMAC_SHA2_512 group=DH19}",
    .kind = L2TP_PLUTO_EVENT_IKE_UP, .serial = 1, .proposal = "aes192-sha512-ecp256" },
  { TS "\"lab\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 "
       "integ=HMAC_MD5 group=MODP8192}",
    .kind = L2TP_PLUTO_EVENT_IKE_UP, .serial = 1, .proposal = "aes256-md5-modp8192" },
  { TS "\"lab\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_128 "
       "integ=HMAC_SHA2_384 group=DH31}",
    .kind = L2TP_PLUTO_EVENT_IKE_UP, .serial = 1,
    .proposal = "aes128-sha384-curve25519" },
  { TS "\"lab\" #1: IKE SA established {auth=RSA_SIG cipher=CAMELLIA_CBC_128 "
       "integ=HMAC_SHA2_256 group=MODP2048}",
    .kind = L2TP_PLUTO_EVENT_IKE_UP, .serial = 1 },
  { TS "\"lab\" #1: received Delete SA(0xcfde267e) payload: deleting IPsec State #2",
    .kind = L2TP_PLUTO_EVENT_PEER_DELETE, .serial = 1, .related_serial = 2,
    .deleted = L2TP_PLUTO_SA_IPSEC },
  { TS "\"lab\" #3: received Delete SA payload: deleting ISAKMP State #1",
    .kind = L2TP_PLUTO_EVENT_PEER_DELETE, .serial = 3, .related_serial = 1,
    .deleted = L2TP_PLUTO_SA_ISAKMP },
  { TS "\"lab\" #1: received Delete SA payload: replace IPsec State #2 now",
    .kind = L2TP_PLUTO_EVENT_PEER_DELETE, .serial = 1, .related_serial = 2,
    .deleted = L2TP_PLUTO_SA_IPSEC },
  { TS "\"lab\" #1: deleting ISAKMP SA but connection is supposed to remain up; "
       "EVENT_REVIVE_CONNS already scheduled",
    .kind = L2TP_PLUTO_EVENT_REVIVAL_SCHEDULED, .serial = 1 },
  { TS "\"lab\" #1: STATE_MAIN_I2: max number of retransmissions (12) reached after 16.5 "
       "seconds.  No response (or no acceptable response) to our IKEv1 message",
    .kind = L2TP_PLUTO_EVENT_TIMEOUT, .serial = 1, .state = "STATE_MAIN_I2",
    .hint = L2TP_PLUTO_HINT_OTHER },
  { TS "\"lab\" #5: STATE_QUICK_I1: 60 second timeout exceeded after 8 retransmits",
    .kind = L2TP_PLUTO_EVENT_TIMEOUT, .serial = 5, .state = "STATE_QUICK_I1",
    .hint = L2TP_PLUTO_HINT_NONE },
  { TS "\"lab\" #1: probable authentication failure (mismatch of preshared secrets?): "
       "malformed payload in packet",
    .kind = L2TP_PLUTO_EVENT_MALFORMED, .serial = 1, .auth_excuse = TRUE },
  { TS "\"lab\" #1: received 1 malformed payload notifies",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1,
    .notify = L2TP_PLUTO_NOTIFY_PAYLOAD_MALFORMED, .detail = "PAYLOAD_MALFORMED" },
  { TS "\"lab\" #1: ignoring informational payload INVALID_ID_INFORMATION, "
       "msgid=1a2b3c4d, length=12",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1,
    .notify = L2TP_PLUTO_NOTIFY_INVALID_ID_INFORMATION,
    .detail = "INVALID_ID_INFORMATION" },
  { TS "\"lab\" #1: received and ignored notification payload: AUTHENTICATION_FAILED",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1,
    .notify = L2TP_PLUTO_NOTIFY_AUTHENTICATION_FAILED,
    .detail = "AUTHENTICATION_FAILED" },
  { TS "\"lab\" #1: received and ignored notification payload: UNEQUAL_PAYLOAD_LENGTHS",
    .kind = L2TP_PLUTO_EVENT_NOTIFY, .serial = 1, .notify = L2TP_PLUTO_NOTIFY_OTHER,
    .detail = "UNEQUAL_PAYLOAD_LENGTHS" },
  { TS "\"lab\" #3: initiating IKEv1 Main Mode connection to replace #1",
    .kind = L2TP_PLUTO_EVENT_MAIN_MODE_START, .serial = 3, .related_serial = 1 },
  { TS "\"lab\" #4: initiating Quick Mode IKEv1+PSK+ENCRYPT+UP+IKE_FRAG_ALLOW+ESN_NO "
       "to replace #2 {using isakmp#3 msgid:0000abcd proposal=defaults pfsgroup=DH20}",
    .kind = L2TP_PLUTO_EVENT_QUICK_MODE_START, .serial = 4, .related_serial = 3,
    .has_pfs_group = TRUE, .pfs_group = L2TP_DH_ECP384 },
  /* addconn's refusal as whack shows it: RC_FATAL. */
  { "036 \"lab\": failed to add connection: IKE DH algorithm 'modp1024' is not "
    "supported",
    .kind = L2TP_PLUTO_EVENT_ADD_FAILED,
    .detail = "IKE DH algorithm 'modp1024' is not supported" },
};

#undef TS

G_END_DECLS
