/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — IKEv1 Main Mode probe packets (RFC 2408, RFC 2409).
 *
 * The first Main Mode message offering a group of Phase 1 transforms in one
 * proposal (the way `nm-l2tp-ipsec probe` asks a server what it accepts),
 * the answer to it (the server's Main Mode reply with the one transform it
 * chose, matched against those offered, or an Informational with a Notify
 * such as NO_PROPOSAL_CHOSEN), and the unprotected Notify with which the
 * prober abandons an accepted offer.
 *
 * Pure: bytes in, bytes or structs out. The caller passes the cookies and
 * message IDs (its randomness); nothing here reads a clock or a socket. No
 * identity, key exchange, nonce or pre-shared key is ever part of a packet
 * built here: a probe never gets past the first message.
 */
#ifndef L2TP_IKEV1_PROBE_PACKET_H
#define L2TP_IKEV1_PROBE_PACKET_H

#include <glib.h>

#include "proposals.h"

G_BEGIN_DECLS

#define L2TP_IKEV1_COOKIE_LEN     8
#define L2TP_IKEV1_HEADER_LEN     28
#define L2TP_IKEV1_DEFAULT_LIFE_S 28800 /* 8 h, what Windows and strongSwan offer */
/* The most transforms one first message carries. 24 of the longest (AES
 * with its key length, 36 bytes each) and our vendor IDs make 1024 bytes:
 * under the 1280 every IPv6 path carries, so never an IP fragment (IKE
 * fragmentation cannot help a first message: it is agreed by vendor ID). */
#define L2TP_IKEV1_PROBE_MAX_TRANSFORMS 24

/* Notify types of RFC 2408 section 3.14.1 the prober talks about. */
#define L2TP_IKEV1_NOTIFY_NO_PROPOSAL_CHOSEN 14
/* A private-use error (8192-16383; strongSwan names 8192 and 12345): "the prober is done
 * with this offer". Sent unprotected after an accepted offer, so a responder that drops a
 * half-open SA on an error Notify (strongSwan does while in Main Mode)
 * does not keep it until its half-open timeout. */
#define L2TP_IKEV1_NOTIFY_PROBE_DONE 16000

#define L2TP_IKEV1_PROBE_ERROR (l2tp_ikev1_probe_error_quark ())
GQuark l2tp_ikev1_probe_error_quark (void);

typedef enum
{
  L2TP_IKEV1_PROBE_ERROR_UNSUPPORTED, /* a transform IKEv1 cannot express */
  L2TP_IKEV1_PROBE_ERROR_NOT_OURS,    /* ISAKMP, but not an answer to our cookie */
  L2TP_IKEV1_PROBE_ERROR_MALFORMED,   /* not a well-formed answer */
  L2TP_IKEV1_PROBE_ERROR_NOT_OFFERED, /* well-formed, but it chose what we did not offer
                                       */
} L2tpIkev1ProbeError;

typedef enum
{
  L2TP_IKEV1_ANSWER_ACCEPTED, /* Main Mode reply: @accepted holds the transform */
  L2TP_IKEV1_ANSWER_NOTIFY,   /* Informational: @notify_type says why not */
} L2tpIkev1AnswerKind;

typedef struct
{
  L2tpIkev1AnswerKind kind;
  guint8 responder_cookie[L2TP_IKEV1_COOKIE_LEN];
  L2tpProposal accepted; /* ACCEPTED: the transform the answer names */
  guint chosen;          /* ACCEPTED: its position among those offered */
  guint32 life_seconds;  /* ACCEPTED: 0 if the reply names no duration in seconds */
  guint16 notify_type;   /* NOTIFY */
  GPtrArray *vendor_ids; /* of GBytes, in the order received */
} L2tpIkev1Answer;

void l2tp_ikev1_answer_free (L2tpIkev1Answer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpIkev1Answer, l2tp_ikev1_answer_free)

/* The first Main Mode message: ISAKMP header with @cookie (responder cookie
 * zero), an SA payload (DOI IPsec, situation identity only) with one
 * proposal of @n_transforms KEY_IKE transforms (1 to
 * L2TP_IKEV1_PROBE_MAX_TRANSFORMS, numbered from 1 in the order given;
 * pre-shared key authentication, lifetime @life_seconds), then the Vendor
 * IDs of l2tp_ikev1_vendor_ids_offered(). Fails for what IKEv1 has no
 * transform for (AEAD ciphers, no integrity, no group). */
GBytes *l2tp_ikev1_probe_build (const guint8 cookie[L2TP_IKEV1_COOKIE_LEN],
                                const L2tpProposal *transforms, guint n_transforms,
                                guint32 life_seconds, GError **error);

/* An unprotected Informational (message ID @message_id, non-zero) with the
 * Notify @notify_type for the ISAKMP SA of the two cookies. */
GBytes *
l2tp_ikev1_probe_build_notify (const guint8 cookie[L2TP_IKEV1_COOKIE_LEN],
                               const guint8 responder_cookie[L2TP_IKEV1_COOKIE_LEN],
                               guint32 message_id, guint16 notify_type);

/* Reads a datagram that may answer the probe sent with @cookie, which
 * offered @offered (the bytes after a NAT-T non-ESP marker, if it came to
 * port 4500). An acceptance must name exactly one transform; it is matched
 * by its attributes (encryption and key length, hash, group, pre-shared
 * key; not the lifetime, not the transform number, which responders
 * renumber) against @offered, first match wins, and @chosen says which.
 * NOT_OURS: some other initiator cookie, or our own request reflected back
 * (responder cookie zero); the caller ignores it. MALFORMED: the message
 * cannot be read; the error says what is wrong. NOT_OFFERED: a readable
 * acceptance of a transform that is not among @offered. Never reads past
 * @len. */
L2tpIkev1Answer *l2tp_ikev1_probe_parse (const guint8 *data, gsize len,
                                         const guint8 cookie[L2TP_IKEV1_COOKIE_LEN],
                                         const L2tpProposal *offered, guint n_offered,
                                         GError **error);

/* The initiator cookie of an ISAKMP message, to find the probe it answers.
 * FALSE if @len is shorter than a header. */
gboolean l2tp_ikev1_probe_peek_cookie (const guint8 *data, gsize len,
                                       guint8 cookie[L2TP_IKEV1_COOKIE_LEN]);

/* The responder cookie of a Main Mode reply (a message the server keeps a
 * half-open SA for), even one l2tp_ikev1_probe_parse() cannot use. FALSE
 * for anything else (too short, another exchange, no responder cookie). */
gboolean l2tp_ikev1_probe_peek_responder (const guint8 *data, gsize len,
                                          guint8 responder_cookie[L2TP_IKEV1_COOKIE_LEN]);

/* "NO_PROPOSAL_CHOSEN" and the other RFC 2408 error names, or NULL. */
const char *l2tp_ikev1_notify_name (guint16 notify_type);

G_END_DECLS

#endif /* L2TP_IKEV1_PROBE_PACKET_H */
