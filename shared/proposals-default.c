/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "proposals.h"

/* The built-in proposal sets, used when `ipsec-ike` / `ipsec-esp` are empty.
 * Ordered strongest first: responders generally pick the first offer they
 * accept.
 *
 * Phase 1 covers what Windows 10/11 (AES256/AES128/3DES with SHA-256/SHA-1,
 * DH 14, 2, ECP 384/256 — the older plugin's defaults were a merge of the
 * Windows and Apple clients' offers) and Apple's racoon-based clients
 * (AES256/AES128/3DES with SHA-256/SHA-1/MD5, DH 14/5/2) offer, and ends with
 * the legacy 3DES with SHA-1 or MD5 and modp1024 that consumer routers
 * (TP-Link, Meraki) still require. 18 transforms keep the first Main Mode
 * packet near 800 bytes: it cannot use IKE fragmentation, so it must not
 * need IP fragmentation either.
 *
 * Phase 2 holds AES and 3DES with SHA-256, SHA-1 and MD5, first without PFS
 * (Windows RRAS and most routers) and then the same with PFS modp1024
 * (MikroTik's default proposal has pfs-group=modp1024). Note: SHA-256 in ESP
 * uses 128-bit truncation on Linux (RFC 4868); a server still using the
 * 96-bit "sha2-truncbug" variant accepts the proposal but drops the traffic.
 *
 * One Quick Mode offer cannot be both. strongSwan's IKEv1 initiator
 * (src/libcharon/sa/ikev1/tasks/quick_mode.c, build_i() and get_proposals(),
 * read in the 5.x sources): if any ESP proposal has a DH group, charon picks
 * ONE group — the IKE SA's group if some ESP proposal has it, else the first
 * group configured — sends a KE payload for it and offers only the proposals
 * containing that group; proposals without a group are silently dropped. So
 * a mixed list becomes a PFS-only offer, which a server without PFS answers
 * with NO_PROPOSAL_CHOSEN. libreswan (>= 3.25) refuses to load a phase2alg in
 * which only some proposals name a DH group, and a DH group with pfs=no
 * (libreswan issues #384, #200). Hence the default ESP set is mixed on
 * purpose and must not be rendered as one offer: the service offers
 * l2tp_proposal_set_filter_dh (esp, FALSE) first and, if Quick Mode fails
 * with NO_PROPOSAL_CHOSEN, retries with l2tp_proposal_set_filter_dh (esp,
 * TRUE). The lab is to verify both halves against RRAS- and MikroTik-like
 * responders.
 *
 * `ipsec-pfs`: in NetworkManager-l2tp it is a yes/no key; the editors store
 * "no" from a "Disable PFS" check box, and the service only wrote it for
 * libreswan as `pfs=<value>` (absent: libreswan's pfs=yes, which in IKEv1
 * reuses the Phase 1 group when phase2alg names none); strongSwan ignored it.
 * Here "no" maps to l2tp_proposal_set_with_dh (esp, L2TP_DH_NONE).
 */

static const char default_ike[]
    = "aes256-sha256-modp2048,aes128-sha256-modp2048,aes256-sha1-modp2048,"
      "aes128-sha1-modp2048,aes256-sha1-ecp384,aes128-sha1-ecp256,"
      "aes256-sha256-modp1536,aes256-sha1-modp1536,aes128-sha1-modp1536,"
      "aes256-sha256-modp1024,aes256-sha1-modp1024,aes128-sha1-modp1024,"
      "aes256-md5-modp1024,aes128-md5-modp1024,"
      "3des-sha1-modp2048,3des-sha1-modp1536,3des-sha1-modp1024,3des-md5-modp1024";

static const char default_esp[]
    = "aes256-sha256,aes128-sha256,aes256-sha1,aes128-sha1,aes256-md5,aes128-md5,"
      "3des-sha1,3des-md5,"
      "aes256-sha256-modp1024,aes128-sha256-modp1024,aes256-sha1-modp1024,"
      "aes128-sha1-modp1024,aes256-md5-modp1024,aes128-md5-modp1024,"
      "3des-sha1-modp1024,3des-md5-modp1024";

L2tpProposalSet *
l2tp_proposal_set_new_default (L2tpProposalKind kind)
{
  g_autoptr (GError) error = NULL;
  L2tpProposalSet *set;

  set = l2tp_proposal_set_parse (
      kind, "default", kind == L2TP_PROPOSAL_IKE ? default_ike : default_esp, &error);
  if (!set)
    g_error ("built-in proposals are invalid: %s", error->message);
  return set;
}
