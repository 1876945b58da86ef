/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — IPsec proposal model.
 *
 * The `ipsec-ike` (Phase 1) and `ipsec-esp` (Phase 2) keys hold algorithm
 * lists in strongSwan or libreswan spelling. They are parsed into a small
 * typed model, validated, and rendered per backend. Nothing is passed through
 * as a string.
 */
#ifndef L2TP_PROPOSALS_H
#define L2TP_PROPOSALS_H

#include <glib.h>

G_BEGIN_DECLS

#define L2TP_PROPOSAL_ERROR (l2tp_proposal_error_quark ())
GQuark l2tp_proposal_error_quark (void);

typedef enum
{
  L2TP_PROPOSAL_ERROR_INVALID,     /* the text cannot be parsed or is incomplete */
  L2TP_PROPOSAL_ERROR_UNSUPPORTED, /* valid, but a backend cannot express it */
} L2tpProposalError;

typedef enum
{
  L2TP_PROPOSAL_IKE, /* Phase 1 / Main Mode: `ipsec-ike` */
  L2TP_PROPOSAL_ESP, /* Phase 2 / Quick Mode: `ipsec-esp` */
} L2tpProposalKind;

/* Encryption algorithm with its key size. */
typedef enum
{
  L2TP_ENC_NONE = 0,
  L2TP_ENC_AES128,
  L2TP_ENC_AES192,
  L2TP_ENC_AES256,
  L2TP_ENC_AES128_GCM16, /* AEAD: no separate integrity algorithm */
  L2TP_ENC_AES192_GCM16,
  L2TP_ENC_AES256_GCM16,
  L2TP_ENC_3DES,
} L2tpEncryption;

/* Integrity (HMAC) algorithm. In an IKE proposal with an AEAD cipher this
 * field names the PRF instead (strongSwan "prfsha256", libreswan
 * "aes_gcm256-sha2_256"). */
typedef enum
{
  L2TP_INTEG_NONE = 0,
  L2TP_INTEG_MD5,
  L2TP_INTEG_SHA1,
  L2TP_INTEG_SHA256,
  L2TP_INTEG_SHA384,
  L2TP_INTEG_SHA512,
} L2tpIntegrity;

/* Diffie-Hellman group; the values are the IANA group numbers. */
typedef enum
{
  L2TP_DH_NONE = 0, /* ESP only: no PFS */
  L2TP_DH_MODP768 = 1,
  L2TP_DH_MODP1024 = 2,
  L2TP_DH_MODP1536 = 5,
  L2TP_DH_MODP2048 = 14,
  L2TP_DH_MODP3072 = 15,
  L2TP_DH_MODP4096 = 16,
  L2TP_DH_MODP6144 = 17,
  L2TP_DH_MODP8192 = 18,
  L2TP_DH_ECP256 = 19,
  L2TP_DH_ECP384 = 20,
  L2TP_DH_ECP521 = 21,
  L2TP_DH_CURVE25519 = 31,
} L2tpDhGroup;

typedef struct
{
  L2tpEncryption enc;
  L2tpIntegrity integ; /* NONE only with an AEAD cipher in ESP */
  L2tpDhGroup dh;      /* IKE: always set; ESP: the PFS group or NONE */
} L2tpProposal;

typedef struct _L2tpProposalSet L2tpProposalSet;

/* Parses @text (the value of key @key_name, used in error messages).
 * Empty text is an error: the caller decides when to use the defaults. */
L2tpProposalSet *l2tp_proposal_set_parse (L2tpProposalKind kind, const char *key_name,
                                          const char *text, GError **error);

/* The set used when the key is empty: for IKE the first Main Mode round
 * (what phones and Windows offer), for ESP the common algorithms without
 * PFS. The negotiation plan (negotiation-plan.h) goes on from there. */
L2tpProposalSet *l2tp_proposal_set_new_default (L2tpProposalKind kind);

/* Every Phase 1 transform the plan may offer when `ipsec-ike` is empty, the
 * default set first, then the rarer ones, most common first. */
L2tpProposalSet *l2tp_proposal_default_ike_all (void);
/* The rarer Phase 2 algorithms (no PFS) offered after the default set. */
L2tpProposalSet *l2tp_proposal_default_esp_rare (void);
/* The PFS groups tried after the IKE SA's own, in order; ends with NONE. */
const L2tpDhGroup *l2tp_proposal_default_pfs_groups (void);

/* An empty, non-strict set, for sets built by the negotiation plan. */
L2tpProposalSet *l2tp_proposal_set_new (L2tpProposalKind kind);
/* Appends @proposal unless an equal one is there; TRUE if it was added. */
gboolean l2tp_proposal_set_add (L2tpProposalSet *set, const L2tpProposal *proposal);
gboolean l2tp_proposal_set_contains (const L2tpProposalSet *set,
                                     const L2tpProposal *proposal);

L2tpProposalSet *l2tp_proposal_set_copy (const L2tpProposalSet *set);
void l2tp_proposal_set_free (L2tpProposalSet *set);
gboolean l2tp_proposal_set_equal (const L2tpProposalSet *a, const L2tpProposalSet *b);

L2tpProposalKind l2tp_proposal_set_get_kind (const L2tpProposalSet *set);
guint l2tp_proposal_set_get_length (const L2tpProposalSet *set);
const L2tpProposal *l2tp_proposal_set_get (const L2tpProposalSet *set, guint index);
gboolean l2tp_proposal_set_is_strict (const L2tpProposalSet *set);

/* TRUE if any proposal carries a DH group (for ESP: PFS is offered). */
gboolean l2tp_proposal_set_has_dh (const L2tpProposalSet *set);

/* ESP: a copy in which every proposal carries @dh; L2TP_DH_NONE removes PFS
 * (what `ipsec-pfs=no` asks for). Duplicates are dropped, order is kept. */
L2tpProposalSet *l2tp_proposal_set_with_dh (const L2tpProposalSet *set, L2tpDhGroup dh);

/* A copy holding only the proposals with (@with_dh TRUE) or without a DH
 * group, in order; NULL if none is left. Splits a mixed ESP set into the two
 * Quick Mode offers a client can actually make (see proposals.c). */
L2tpProposalSet *l2tp_proposal_set_filter_dh (const L2tpProposalSet *set,
                                              gboolean with_dh);

/* swanctl.conf `proposals` / `esp_proposals` value, e.g.
 * "aes256-sha256-modp2048,3des-sha1-modp1024". Never fails. The strict marker
 * is not rendered: swanctl lists are always strict. */
char *l2tp_proposal_set_to_strongswan (const L2tpProposalSet *set);
/* One proposal in the same spelling ("aes256-sha256-modp2048"). */
char *l2tp_proposal_to_strongswan (L2tpProposalKind kind, const L2tpProposal *proposal);

/* libreswan ipsec.conf `ike=` / `phase2alg=` value, e.g.
 * "aes256-sha2_256;modp2048,3des-sha1;modp1024". Refuses an ESP set pluto
 * would not load (PFS groups mixed or different). Write `pfs=yes` exactly
 * when l2tp_proposal_set_has_dh() is TRUE. */
char *l2tp_proposal_set_to_libreswan (const L2tpProposalSet *set, GError **error);

/* One algorithm in strongSwan's spelling ("aes256gcm16", "sha384",
 * "modp1024"), for messages. */
const char *l2tp_encryption_name (L2tpEncryption enc);
const char *l2tp_integrity_name (L2tpIntegrity integ);
const char *l2tp_dh_group_name (L2tpDhGroup dh);

/* For messages: the proposals themselves when there are a few, else
 * "aes256/aes128 × sha256/sha1 × modp2048/modp1024 (22)": every
 * algorithm offered and how many proposals. */
char *l2tp_proposal_set_summary (const L2tpProposalSet *set);

/* Canonical text for the key (what the editor saves back), strongSwan
 * spelling, with a trailing "!" if the set is strict. Parses back to an
 * equal set. */
char *l2tp_proposal_set_to_string (const L2tpProposalSet *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpProposalSet, l2tp_proposal_set_free)

G_END_DECLS

#endif /* L2TP_PROPOSALS_H */
