/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One line of libreswan 4.10 pluto output as an event of one connection.
 *
 * A line is what pluto writes to stderr or its log file, optionally after
 * a timestamp ("Dec  4 14:22:24.125373: ", logtime=yes, C locale), or what
 * whack prints, after a code of three to five digits and a space ("004 ").
 * Then comes "ERROR: " or "FATAL ERROR: " (optional), the connection's
 * prefix — "\"NAME\": " for a connection, "\"NAME\" #N: " for one of its
 * states — and the message. A line is ours only when NAME is exactly the
 * caller's connection name and the prefix is the line's very start (after
 * the code or timestamp): the name appearing later, as in a Peer ID, a
 * prefix of the name, an instance ("\"NAME\"[1] 10.0.0.1 #3: ") or a debug
 * line ("| …") is not ours.
 *
 * Every line is hostile: pluto copies peer-supplied data (a Peer ID, a
 * notification's type) into them. A line longer than L2TP_PLUTO_LINE_MAX
 * bytes (one trailing '\n' aside), not UTF-8, or holding a C0 control or
 * DEL, is refused. A message is known by the fixed text it starts with and
 * read left to right; only the errno at the end of a kernel or network
 * error and the PFS group at the end of a Quick Mode's start are looked
 * for from the end. Numbers have bounded digits; text that is kept
 * (@message, @detail) went through text-clean.h and is capped.
 *
 * Feed whole lines, up to their '\n': a line cut short can still read as
 * a message with free text at its end (a Peer ID, a reason, a
 * notification's name: "NO_PROPOSAL" is a type we do not know).
 *
 * The texts are libreswan 4.10's (programs/pluto/ikev1*.c, retransmit.c,
 * state.c, revival.c, kernel_xfrm.c, connections.c), seen against
 * strongSwan 5.9.8 in the lab. Pure: no I/O, no state. */
#pragma once

#include <glib.h>

#include "proposals.h"

G_BEGIN_DECLS

#define L2TP_PLUTO_LINE_MAX   4096 /* bytes of a line we read at all */
#define L2TP_PLUTO_DETAIL_MAX 256  /* bytes kept of @detail (then "…") */

typedef enum
{
  L2TP_PLUTO_EVENT_OTHER,            /* ours, but nothing below */
  L2TP_PLUTO_EVENT_ADDED,            /* "added IKEv1 connection" */
  L2TP_PLUTO_EVENT_ADD_FAILED,       /* "failed to add connection: REASON" (addconn
                                        exits 36); @detail is the reason */
  L2TP_PLUTO_EVENT_MAIN_MODE_START,  /* "initiating IKEv1 Main Mode connection"
                                        [" to replace #N": @related_serial] */
  L2TP_PLUTO_EVENT_QUICK_MODE_START, /* "initiating Quick Mode POLICY {using isakmp#N
                                        …}": @related_serial N, @pfs_group */
  L2TP_PLUTO_EVENT_PROGRESS,         /* "sent Main Mode request|I2|I3", "sent Quick Mode
                                        request": @state is the new state */
  L2TP_PLUTO_EVENT_PEER_ID,          /* "Peer ID is TYPE: 'ID'": @detail "TYPE: 'ID'" */
  L2TP_PLUTO_EVENT_IKE_UP,           /* "IKE SA established {auth=… cipher=… integ=…
                                        group=…}" */
  L2TP_PLUTO_EVENT_CHILD_UP,         /* "IPsec SA established transport|tunnel mode
                                        {ESP=>0x… <0x… xfrm=…}" */
  L2TP_PLUTO_EVENT_NOTIFY,           /* a notification from the peer, see below */
  L2TP_PLUTO_EVENT_RETRANSMIT,       /* "STATE: retransmission; will wait S seconds for
                                        response" */
  L2TP_PLUTO_EVENT_TIMEOUT,          /* "STATE: S second timeout exceeded after K
                                        retransmits[.  HINT]" or "STATE: max number of
                                        retransmissions (K) reached after S seconds
                                        [.  HINT]": @hint */
  L2TP_PLUTO_EVENT_MALFORMED,        /* "malformed payload in packet" (what a wrong PSK
                                        gives against strongSwan) */
  L2TP_PLUTO_EVENT_PEER_DELETE,      /* "received Delete SA… payload: …": @deleted,
                                        @related_serial is the state deleted */
  L2TP_PLUTO_EVENT_STATE_DELETED,    /* "deleting state (STATE) aged Ts and [NOT ]sending
                                        notification": @sends_delete */
  L2TP_PLUTO_EVENT_REVIVAL_SCHEDULED, /* "deleting ISAKMP SA but connection is supposed
                                         to remain up; schedule EVENT_REVIVE_CONNS" (or
                                         "EVENT_REVIVE_CONNS already scheduled") */
  L2TP_PLUTO_EVENT_REVIVAL_STARTED,   /* "initiating connection 'NAME' with serial $N
                                         which received a Delete/Notify but must remain
                                         up per local policy" */
  L2TP_PLUTO_EVENT_TERMINATING,       /* "terminating SAs using this connection" */
  L2TP_PLUTO_EVENT_KERNEL_ERROR,      /* "netlink response for OP SA: WHY (errno N)":
                                         @detail "OP SA: WHY (errno N)", @error_number */
  L2TP_PLUTO_EVENT_INTERNAL_ERROR,    /* "state transition function for STATE had
                                         internal error" (follows a kernel error) */
  L2TP_PLUTO_EVENT_NETWORK_ERROR,     /* "ERROR: asynchronous network error report on …
                                         [errno N, origin ICMP …]" (ICMP unreachable):
                                         @detail, @error_number */
} L2tpPlutoEventKind;

/* TIMEOUT: the explanation pluto adds, by the state that timed out. */
typedef enum
{
  L2TP_PLUTO_HINT_NONE,           /* nothing after the count (QUICK_I1 of a rekey) */
  L2TP_PLUTO_HINT_FIRST_MESSAGE,  /* MAIN_I1: "No response (or no acceptable response)
                                     to our first IKEv1 message" */
  L2TP_PLUTO_HINT_AUTHENTICATION, /* MAIN_I3: "Possible authentication failure: no
                                     acceptable response to our first encrypted
                                     message" */
  L2TP_PLUTO_HINT_NO_PROPOSAL,    /* QUICK_I1: "No acceptable response to our first
                                     Quick Mode message: perhaps peer likes no
                                     proposal" */
  L2TP_PLUTO_HINT_OTHER, /* any other text ("… to our IKEv1 message": MAIN_I2) */
} L2tpPlutoHint;

/* NOTIFY: the notification's type. pluto reads an INFORMATIONAL exchange's
 * notification and logs it twice, "ignoring informational payload TYPE,
 * msgid=…, length=N" then "received and ignored notification payload: TYPE"
 * (only the first outside INFORMATIONAL), and the server repeats it for
 * every retransmit: each of these lines is a NOTIFY event, so act on one
 * and ignore the others. A PAYLOAD_MALFORMED in INFORMATIONAL is "received
 * N malformed payload notifies" instead. NO_PROPOSAL_CHOSEN in Quick Mode
 * comes on the ISAKMP SA's serial, not the Quick Mode state's: pluto then
 * times out the Quick Mode with L2TP_PLUTO_HINT_NO_PROPOSAL. */
typedef enum
{
  L2TP_PLUTO_NOTIFY_OTHER, /* @detail has the type's name as pluto wrote it */
  L2TP_PLUTO_NOTIFY_NO_PROPOSAL_CHOSEN,
  L2TP_PLUTO_NOTIFY_INVALID_ID_INFORMATION,
  L2TP_PLUTO_NOTIFY_AUTHENTICATION_FAILED,
  L2TP_PLUTO_NOTIFY_PAYLOAD_MALFORMED,
  L2TP_PLUTO_NOTIFY_INVALID_HASH_INFORMATION,
} L2tpPlutoNotify;

/* PEER_DELETE: what the peer's Delete removed. */
typedef enum
{
  L2TP_PLUTO_SA_NONE,
  L2TP_PLUTO_SA_IPSEC,  /* "deleting IPsec State #N" (or "replace IPsec State #N now") */
  L2TP_PLUTO_SA_ISAKMP, /* "deleting ISAKMP State #N", "self-deleting ISAKMP State #N" */
} L2tpPlutoSa;

/* CHILD_UP: how ESP is carried ("ESP=>", "ESPinUDP=>", "ESPinTCP=>"). */
typedef enum
{
  L2TP_PLUTO_ENCAP_NONE,
  L2TP_PLUTO_ENCAP_UDP, /* NAT-T */
  L2TP_PLUTO_ENCAP_TCP,
} L2tpPlutoEncap;

/* Which exchange a state name belongs to. */
typedef enum
{
  L2TP_PLUTO_MODE_NONE,  /* not a state name, or another exchange (Aggressive
                            Mode, XAUTH, ModeCfg, IKEv2) */
  L2TP_PLUTO_MODE_MAIN,  /* STATE_MAIN_I1 … STATE_MAIN_I4, STATE_MAIN_R0 … R3 */
  L2TP_PLUTO_MODE_QUICK, /* STATE_QUICK_I1, I2, R0, R1, R2 */
} L2tpPlutoMode;

typedef struct
{
  L2tpPlutoEventKind kind;
  int whack_code;       /* the code of a whack line ("031 " is 31); -1 without */
  guint serial;         /* the prefix's #N; 0 on a connection's own line */
  char *state;          /* "STATE_MAIN_I1" when the message names or implies one */
  guint related_serial; /* QUICK_MODE_START: its ISAKMP SA; PEER_DELETE: the state
                           deleted; MAIN_MODE_START: the one replaced; else 0 */

  /* IKE_UP: kind IKE, @integ the PRF ("integ=" of an IKEv1 SA is its PRF).
   * CHILD_UP: kind ESP, @dh NONE: pluto does not log the PFS group of an
   * IKEv1 child (its QUICK_MODE_START's @pfs_group was offered). FALSE
   * when a name is not one of the model's; the event is given all the
   * same. */
  gboolean has_proposal;
  L2tpProposal proposal;

  /* QUICK_MODE_START: "pfsgroup=MODP1536" or NONE for "no-pfs"; FALSE when
   * the line does not say or names a group the model does not have. */
  gboolean has_pfs_group;
  L2tpDhGroup pfs_group;

  /* CHILD_UP */
  gboolean has_spis;
  guint32 spi_out; /* "ESP=>0x…": what we send with */
  guint32 spi_in;  /* "<0x…": what we receive with */
  gboolean transport_mode;
  L2tpPlutoEncap encap;

  L2tpPlutoHint hint;     /* TIMEOUT */
  L2tpPlutoNotify notify; /* NOTIFY */
  L2tpPlutoSa deleted;    /* PEER_DELETE */
  gboolean sends_delete;  /* STATE_DELETED: we send the peer a Delete */
  gboolean auth_excuse;   /* MALFORMED: pluto added "probable authentication failure
                             (mismatch of preshared secrets?)" */
  int error_number;       /* KERNEL_ERROR, NETWORK_ERROR: errno, 0 if not given */

  char *message; /* the message after the prefix, cleaned, at most
                    L2TP_TEXT_CLEAN_LINE_MAX bytes (+ "…"): for a log line */
  char *detail;  /* ADD_FAILED, PEER_ID, NOTIFY, KERNEL_ERROR, NETWORK_ERROR (see
                    above), cleaned, at most L2TP_PLUTO_DETAIL_MAX bytes; else NULL */
} L2tpPlutoEvent;

/* The event of @line (@length bytes, or up to its NUL when -1) for the
 * connection named @connection, or NULL when the line is not ours or is
 * refused. A name that is empty, longer than 256 bytes, not UTF-8, or holds
 * '"' or a control character matches no line. */
L2tpPlutoEvent *l2tp_pluto_event_parse (const char *line, gssize length,
                                        const char *connection);
void l2tp_pluto_event_free (L2tpPlutoEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpPlutoEvent, l2tp_pluto_event_free)

/* "ike-up", "timeout", … for log lines. */
const char *l2tp_pluto_event_kind_to_string (L2tpPlutoEventKind kind);

/* The exchange of a pluto state name (NULL gives NONE). */
L2tpPlutoMode l2tp_pluto_state_mode (const char *state);

G_END_DECLS
