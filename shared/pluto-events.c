/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The line (checked, then its whack code or timestamp and the connection's
 * prefix) and the messages; the scanner is pluto-events-private.h's, the
 * SA details in braces pluto-sa-details.c's. */
#include "pluto-events-private.h"

#include "libreswan-names.h"

#include "text-clean.h"

#define NAME_MAX_BYTES  256
#define STATE_MAX_BYTES 40 /* "STATE_" and the rest: the longest 4.10 name is 21 */

/* "STATE_" and upper-case letters, digits and '_'. */
static gboolean
eat_state (Scan *s, L2tpPlutoEvent *ev)
{
  gsize n = 0;

  if (left (s) < 7 || memcmp (s->p, "STATE_", 6) != 0)
    return FALSE;
  while (n < left (s)
         && (g_ascii_isupper (s->p[n]) || g_ascii_isdigit (s->p[n]) || s->p[n] == '_'))
    if (++n > STATE_MAX_BYTES)
      return FALSE;
  if (n == 6)
    return FALSE;
  g_free (ev->state);
  ev->state = g_strndup (s->p, n);
  s->p += n;
  return TRUE;
}

static char *
clean (const Scan *s, gsize max)
{
  return l2tp_text_clean_len (s->p, left (s), max);
}

/* ---- the messages --------------------------------------------------------- */

/* The rest must be empty. */
static gboolean
read_nothing (Scan *s, L2tpPlutoEvent *ev)
{
  return at_end (s);
}

/* The rest, non-empty, is @detail. */
static gboolean
read_detail (Scan *s, L2tpPlutoEvent *ev)
{
  if (at_end (s))
    return FALSE;
  ev->detail = clean (s, L2TP_PLUTO_DETAIL_MAX);
  return TRUE;
}

static gboolean
read_main_start (Scan *s, L2tpPlutoEvent *ev)
{
  return at_end (s)
         || (eat (s, " to replace #") && eat_uint (s, 10, &ev->related_serial)
             && at_end (s));
}

/* "IKEv1+PSK+… [to replace #N] {using isakmp#N msgid:HHHHHHHH proposal=…
 * pfsgroup=G}" */
static gboolean
read_quick_start (Scan *s, L2tpPlutoEvent *ev)
{
  const char *brace = memchr (s->p, '{', left (s));
  const char *pfs;
  char group[L2TP_PLUTO_WORD_MAX + 1];
  L2tpDhGroup dh;

  if (!brace)
    return FALSE;
  s->p = brace;
  if (!eat (s, "{using isakmp#") || !eat_uint (s, 10, &ev->related_serial)
      || !eat (s, " msgid:") || !eat_hex32 (s, FALSE, NULL) || !eat (s, " proposal=")
      || at_end (s) || s->end[-1] != '}')
    return FALSE;
  /* The proposals are our own config's; the group is the last word. */
  pfs = g_strrstr_len (s->p, (gssize) left (s), " pfsgroup=");
  if (!pfs)
    return TRUE;
  s->p = pfs;
  if (eat (s, " pfsgroup=") && eat_word (s, TRUE, L2TP_PLUTO_WORD_MAX, group)
      && eat_last (s, "}"))
    {
      if (strcmp (group, "no-pfs") == 0)
        {
          ev->has_pfs_group = TRUE;
          ev->pfs_group = L2TP_DH_NONE;
        }
      else if (l2tp_libreswan_group_by_name (group, &dh))
        {
          ev->has_pfs_group = TRUE;
          ev->pfs_group = dh;
        }
    }
  return TRUE;
}

static const Name notifies[] = {
  { "NO_PROPOSAL_CHOSEN", L2TP_PLUTO_NOTIFY_NO_PROPOSAL_CHOSEN },
  { "INVALID_ID_INFORMATION", L2TP_PLUTO_NOTIFY_INVALID_ID_INFORMATION },
  { "AUTHENTICATION_FAILED", L2TP_PLUTO_NOTIFY_AUTHENTICATION_FAILED },
  { "PAYLOAD_MALFORMED", L2TP_PLUTO_NOTIFY_PAYLOAD_MALFORMED },
  { "INVALID_HASH_INFORMATION", L2TP_PLUTO_NOTIFY_INVALID_HASH_INFORMATION },
};

static void
set_notify (L2tpPlutoEvent *ev, const char *name)
{
  int v;

  ev->notify = lookup (notifies, G_N_ELEMENTS (notifies), name, &v)
                   ? (L2tpPlutoNotify) v
                   : L2TP_PLUTO_NOTIFY_OTHER;
  ev->detail = l2tp_text_clean (name, L2TP_PLUTO_DETAIL_MAX);
}

/* "TYPE, msgid=HHHHHHHH, length=N" */
static gboolean
read_ignoring_notify (Scan *s, L2tpPlutoEvent *ev)
{
  char name[L2TP_PLUTO_WORD_MAX + 1];
  guint length;

  if (!eat_word (s, FALSE, L2TP_PLUTO_WORD_MAX, name) || !eat (s, ", msgid=")
      || !eat_hex32 (s, FALSE, NULL) || !eat (s, ", length=") || !eat_uint (s, 5, &length)
      || !at_end (s))
    return FALSE;
  set_notify (ev, name);
  return TRUE;
}

/* "TYPE" */
static gboolean
read_ignored_notify (Scan *s, L2tpPlutoEvent *ev)
{
  char name[L2TP_PLUTO_WORD_MAX + 1];

  if (!eat_word (s, FALSE, L2TP_PLUTO_WORD_MAX, name) || !at_end (s))
    return FALSE;
  set_notify (ev, name);
  return TRUE;
}

/* "N malformed payload notifies" */
static gboolean
read_malformed_notifies (Scan *s, L2tpPlutoEvent *ev)
{
  guint n;

  if (!eat_uint (s, 10, &n) || !eat_last (s, " malformed payload notifies"))
    return FALSE;
  set_notify (ev, "PAYLOAD_MALFORMED");
  return TRUE;
}

/* "STATE_X: retransmission; …" and the two forms of the timeout. */
static gboolean
read_state_message (Scan *s, L2tpPlutoEvent *ev)
{
  guint count;

  /* The start of the message is the start of the state's name. */
  s->p -= strlen ("STATE_");
  if (!eat_state (s, ev) || !eat (s, ": "))
    return FALSE;
  if (eat (s, "retransmission; will wait "))
    {
      ev->kind = L2TP_PLUTO_EVENT_RETRANSMIT;
      return eat_seconds (s) && eat_last (s, " seconds for response");
    }
  if (eat (s, "max number of retransmissions ("))
    {
      if (!eat_uint (s, 10, &count) || !eat (s, ") reached after ") || !eat_seconds (s)
          || !eat (s, " seconds"))
        return FALSE;
    }
  else if (!eat_seconds (s) || !eat (s, " second timeout exceeded after ")
           || !eat_uint (s, 10, &count) || !eat (s, " retransmits"))
    return FALSE;
  ev->kind = L2TP_PLUTO_EVENT_TIMEOUT;
  if (at_end (s))
    ev->hint = L2TP_PLUTO_HINT_NONE;
  else if (!eat (s, ".  ") || at_end (s))
    return FALSE;
  else if (eat_last (s, "No response (or no acceptable response) to our first IKEv1 "
                        "message"))
    ev->hint = L2TP_PLUTO_HINT_FIRST_MESSAGE;
  else if (eat_last (s, "Possible authentication failure: no acceptable response to "
                        "our first encrypted message"))
    ev->hint = L2TP_PLUTO_HINT_AUTHENTICATION;
  else if (eat_last (s, "No acceptable response to our first Quick Mode message: "
                        "perhaps peer likes no proposal"))
    ev->hint = L2TP_PLUTO_HINT_NO_PROPOSAL;
  else
    ev->hint = L2TP_PLUTO_HINT_OTHER;
  return TRUE;
}

static gboolean
read_malformed_excuse (Scan *s, L2tpPlutoEvent *ev)
{
  ev->auth_excuse = TRUE;
  return eat_last (s, "malformed payload in packet");
}

/* "(0xHHHHHHHH) payload: deleting IPsec State #N" */
static gboolean
read_delete_ipsec (Scan *s, L2tpPlutoEvent *ev)
{
  ev->deleted = L2TP_PLUTO_SA_IPSEC;
  return eat_hex32 (s, TRUE, NULL) && eat (s, ") payload: deleting IPsec State #")
         && eat_uint (s, 10, &ev->related_serial) && at_end (s);
}

/* " payload: [self-]deleting ISAKMP State #N", " payload: replace IPsec
 * State #N now" */
static gboolean
read_delete (Scan *s, L2tpPlutoEvent *ev)
{
  if (!eat (s, " payload: "))
    return FALSE;
  if (eat (s, "replace IPsec State #"))
    {
      ev->deleted = L2TP_PLUTO_SA_IPSEC;
      return eat_uint (s, 10, &ev->related_serial) && eat_last (s, " now");
    }
  if (!eat (s, "deleting ISAKMP State #") && !eat (s, "self-deleting ISAKMP State #"))
    return FALSE;
  ev->deleted = L2TP_PLUTO_SA_ISAKMP;
  return eat_uint (s, 10, &ev->related_serial) && at_end (s);
}

/* "STATE_X) aged 0.04371s and [NOT ]sending notification" */
static gboolean
read_state_deleted (Scan *s, L2tpPlutoEvent *ev)
{
  if (!eat_state (s, ev) || !eat (s, ") aged ") || !eat_seconds (s) || !eat (s, "s and "))
    return FALSE;
  ev->sends_delete = !eat (s, "NOT ");
  return eat_last (s, "sending notification");
}

static gboolean
read_revival (Scan *s, L2tpPlutoEvent *ev)
{
  return eat_last (s, "schedule EVENT_REVIVE_CONNS")
         || eat_last (s, "EVENT_REVIVE_CONNS already scheduled");
}

/* "NAME' with serial $N which received a Delete/Notify but must remain up
 * per local policy": NAME must be the connection's, again. */
static gboolean
read_revival_started (Scan *s, L2tpPlutoEvent *ev, const char *connection)
{
  guint serial;

  return eat (s, connection) && eat (s, "' with serial $") && eat_uint (s, 10, &serial)
         && eat_last (s, " which received a Delete/Notify but must remain up per local "
                         "policy");
}

/* The errno at the end, "… (errno N)", when there is one. */
static gboolean
read_kernel_error (Scan *s, L2tpPlutoEvent *ev)
{
  const char *paren;
  Scan tail;
  guint n;

  if (!read_detail (s, ev))
    return FALSE;
  paren = g_strrstr_len (s->p, (gssize) left (s), " (errno ");
  if (paren)
    {
      tail = (Scan){ paren + strlen (" (errno "), s->end };
      if (eat_uint (&tail, 4, &n) && eat_last (&tail, ")"))
        ev->error_number = (int) n;
    }
  return TRUE;
}

/* "… [errno N, origin …]" */
static gboolean
read_network_error (Scan *s, L2tpPlutoEvent *ev)
{
  const char *bracket;
  Scan tail;
  guint n;

  if (!read_detail (s, ev))
    return FALSE;
  bracket = g_strrstr_len (s->p, (gssize) left (s), " [errno ");
  if (bracket && s->end[-1] == ']')
    {
      tail = (Scan){ bracket + strlen (" [errno "), s->end };
      if (eat_uint (&tail, 4, &n) && eat (&tail, ", origin "))
        ev->error_number = (int) n;
    }
  return TRUE;
}

static gboolean
read_internal_error (Scan *s, L2tpPlutoEvent *ev)
{
  return eat_state (s, ev) && eat_last (s, " had internal error");
}

typedef enum
{
  ON_STATE,      /* "\"NAME\" #N: " */
  ON_CONNECTION, /* "\"NAME\": " */
  ON_EITHER,
} Where;

/* Messages by how they start, first match wins: a message that starts so
 * but does not go on as @read wants is OTHER. @kind 0 (OTHER): @read
 * decides. @state: the state a progress message means. */
static const struct
{
  const char *start;
  L2tpPlutoEventKind kind;
  Where where;
  gboolean (*read) (Scan *rest, L2tpPlutoEvent *ev);
  const char *state;
} messages[] = {
  { "added IKEv1 connection", L2TP_PLUTO_EVENT_ADDED, ON_CONNECTION, read_nothing },
  { "failed to add connection: ", L2TP_PLUTO_EVENT_ADD_FAILED, ON_CONNECTION,
    read_detail },
  { "terminating SAs using this connection", L2TP_PLUTO_EVENT_TERMINATING, ON_CONNECTION,
    read_nothing },
  /* read_revival_started needs the name: handled in parse_message(). */
  { "initiating connection '", L2TP_PLUTO_EVENT_REVIVAL_STARTED, ON_CONNECTION, NULL },
  { "initiating IKEv1 Main Mode connection", L2TP_PLUTO_EVENT_MAIN_MODE_START, ON_STATE,
    read_main_start },
  { "initiating Quick Mode ", L2TP_PLUTO_EVENT_QUICK_MODE_START, ON_STATE,
    read_quick_start },
  { "sent Main Mode request", L2TP_PLUTO_EVENT_PROGRESS, ON_STATE, read_nothing,
    "STATE_MAIN_I1" },
  { "sent Main Mode I2", L2TP_PLUTO_EVENT_PROGRESS, ON_STATE, read_nothing,
    "STATE_MAIN_I2" },
  { "sent Main Mode I3", L2TP_PLUTO_EVENT_PROGRESS, ON_STATE, read_nothing,
    "STATE_MAIN_I3" },
  { "sent Quick Mode request", L2TP_PLUTO_EVENT_PROGRESS, ON_STATE, read_nothing,
    "STATE_QUICK_I1" },
  { "Peer ID is ", L2TP_PLUTO_EVENT_PEER_ID, ON_STATE, read_detail },
  { "IKE SA established ", L2TP_PLUTO_EVENT_IKE_UP, ON_STATE,
    l2tp_pluto_read_ike_details },
  { "IPsec SA established ", L2TP_PLUTO_EVENT_CHILD_UP, ON_STATE,
    l2tp_pluto_read_child_details },
  { "ignoring informational payload ", L2TP_PLUTO_EVENT_NOTIFY, ON_STATE,
    read_ignoring_notify },
  { "received and ignored notification payload: ", L2TP_PLUTO_EVENT_NOTIFY, ON_STATE,
    read_ignored_notify },
  { "received Delete SA(", L2TP_PLUTO_EVENT_PEER_DELETE, ON_STATE, read_delete_ipsec },
  { "received Delete SA", L2TP_PLUTO_EVENT_PEER_DELETE, ON_STATE, read_delete },
  { "received ", L2TP_PLUTO_EVENT_NOTIFY, ON_STATE, read_malformed_notifies },
  { "STATE_", L2TP_PLUTO_EVENT_OTHER, ON_STATE, read_state_message },
  { "malformed payload in packet", L2TP_PLUTO_EVENT_MALFORMED, ON_STATE, read_nothing },
  { "probable authentication failure (mismatch of preshared secrets?): ",
    L2TP_PLUTO_EVENT_MALFORMED, ON_STATE, read_malformed_excuse },
  { "deleting state (", L2TP_PLUTO_EVENT_STATE_DELETED, ON_STATE, read_state_deleted },
  { "deleting ISAKMP SA but connection is supposed to remain up; ",
    L2TP_PLUTO_EVENT_REVIVAL_SCHEDULED, ON_STATE, read_revival },
  { "netlink response for ", L2TP_PLUTO_EVENT_KERNEL_ERROR, ON_EITHER,
    read_kernel_error },
  { "state transition function for ", L2TP_PLUTO_EVENT_INTERNAL_ERROR, ON_STATE,
    read_internal_error },
  { "ERROR: asynchronous network error report on ", L2TP_PLUTO_EVENT_NETWORK_ERROR,
    ON_EITHER, read_network_error },
};

/* Clears what a reader that gave up may have set. */
static void
reset_fields (L2tpPlutoEvent *ev)
{
  L2tpPlutoEvent kept
      = { .whack_code = ev->whack_code, .serial = ev->serial, .message = ev->message };

  g_free (ev->state);
  g_free (ev->detail);
  *ev = kept;
}

static void
parse_message (Scan *s, L2tpPlutoEvent *ev, const char *connection)
{
  for (gsize i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      Scan rest = *s;
      gboolean ok;

      if (!eat (&rest, messages[i].start))
        continue;
      if ((messages[i].where == ON_STATE && ev->serial == 0)
          || (messages[i].where == ON_CONNECTION && ev->serial != 0))
        return;
      ev->kind = messages[i].kind;
      if (messages[i].state)
        ev->state = g_strdup (messages[i].state);
      ok = messages[i].read ? messages[i].read (&rest, ev)
                            : read_revival_started (&rest, ev, connection);
      if (!ok)
        reset_fields (ev);
      return;
    }
}

/* ---- the prefix ------------------------------------------------------------- */

/* "Dec  4 14:22:24.125373: " (strftime "%b %e %T", then microseconds). */
static gboolean
eat_timestamp (Scan *s)
{
  static const char shape[] = "Aaa _9 99:99:99.999999: ";
  const gsize n = sizeof shape - 1;

  if (left (s) < n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      char c = s->p[i];
      gboolean ok;

      switch (shape[i])
        {
        case 'A':
          ok = g_ascii_isupper (c);
          break;
        case 'a':
          ok = g_ascii_islower (c);
          break;
        case '_':
          ok = c == ' ' || g_ascii_isdigit (c);
          break;
        case '9':
          ok = g_ascii_isdigit (c);
          break;
        default:
          ok = c == shape[i];
          break;
        }
      if (!ok)
        return FALSE;
    }
  s->p += n;
  return TRUE;
}

/* whack's "%03u ": 3 to 5 digits (200 + a notification type may need 5). */
static gboolean
eat_whack_code (Scan *s, int *code)
{
  gsize n = 0;
  guint v = 0;

  while (n < left (s) && n <= 5 && g_ascii_isdigit (s->p[n]))
    v = v * 10 + (guint) (s->p[n++] - '0');
  if (n < 3 || n > 5 || n >= left (s) || s->p[n] != ' ')
    return FALSE;
  s->p += n + 1;
  *code = (int) v;
  return TRUE;
}

static gboolean
name_ok (const char *name)
{
  gsize n = strnlen (name, NAME_MAX_BYTES + 1);

  if (n == 0 || n > NAME_MAX_BYTES || !g_utf8_validate_len (name, n, NULL))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if ((guchar) name[i] < 0x20 || name[i] == 0x7f || name[i] == '"')
      return FALSE;
  return TRUE;
}

/* One line in, its bytes checked: not too long, UTF-8, no controls. */
static gboolean
line_ok (const char *line, gssize length, Scan *s)
{
  gsize n = length < 0 ? strnlen (line, L2TP_PLUTO_LINE_MAX + 2) : (gsize) length;

  if (n > 0 && line[n - 1] == '\n')
    n--;
  if (n > L2TP_PLUTO_LINE_MAX || !g_utf8_validate_len (line, n, NULL))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if ((guchar) line[i] < 0x20 || line[i] == 0x7f)
      return FALSE;
  *s = (Scan){ line, line + n };
  return TRUE;
}

L2tpPlutoEvent *
l2tp_pluto_event_parse (const char *line, gssize length, const char *connection)
{
  g_autoptr (L2tpPlutoEvent) ev = g_new0 (L2tpPlutoEvent, 1);
  Scan s;

  g_return_val_if_fail (line != NULL || length == 0, NULL);
  g_return_val_if_fail (connection != NULL, NULL);
  if (!name_ok (connection) || !line_ok (line ? line : "", length, &s))
    return NULL;
  ev->whack_code = -1;
  if (!eat_whack_code (&s, &ev->whack_code))
    eat_timestamp (&s);
  if (!eat (&s, "ERROR: "))
    eat (&s, "FATAL ERROR: ");
  if (!eat (&s, "\"") || !eat (&s, connection) || !eat (&s, "\""))
    return NULL;
  if (eat (&s, " #"))
    {
      if (!eat_uint (&s, 10, &ev->serial) || ev->serial == 0)
        return NULL;
    }
  if (!eat (&s, ": "))
    return NULL;
  ev->message = clean (&s, L2TP_TEXT_CLEAN_LINE_MAX);
  parse_message (&s, ev, connection);
  return g_steal_pointer (&ev);
}

void
l2tp_pluto_event_free (L2tpPlutoEvent *event)
{
  if (!event)
    return;
  g_free (event->state);
  g_free (event->message);
  g_free (event->detail);
  g_free (event);
}

const char *
l2tp_pluto_event_kind_to_string (L2tpPlutoEventKind kind)
{
  static const char *const names[] = {
    [L2TP_PLUTO_EVENT_OTHER] = "other",
    [L2TP_PLUTO_EVENT_ADDED] = "added",
    [L2TP_PLUTO_EVENT_ADD_FAILED] = "add-failed",
    [L2TP_PLUTO_EVENT_MAIN_MODE_START] = "main-mode-start",
    [L2TP_PLUTO_EVENT_QUICK_MODE_START] = "quick-mode-start",
    [L2TP_PLUTO_EVENT_PROGRESS] = "progress",
    [L2TP_PLUTO_EVENT_PEER_ID] = "peer-id",
    [L2TP_PLUTO_EVENT_IKE_UP] = "ike-up",
    [L2TP_PLUTO_EVENT_CHILD_UP] = "child-up",
    [L2TP_PLUTO_EVENT_NOTIFY] = "notify",
    [L2TP_PLUTO_EVENT_RETRANSMIT] = "retransmit",
    [L2TP_PLUTO_EVENT_TIMEOUT] = "timeout",
    [L2TP_PLUTO_EVENT_MALFORMED] = "malformed",
    [L2TP_PLUTO_EVENT_PEER_DELETE] = "peer-delete",
    [L2TP_PLUTO_EVENT_STATE_DELETED] = "state-deleted",
    [L2TP_PLUTO_EVENT_REVIVAL_SCHEDULED] = "revival-scheduled",
    [L2TP_PLUTO_EVENT_REVIVAL_STARTED] = "revival-started",
    [L2TP_PLUTO_EVENT_TERMINATING] = "terminating",
    [L2TP_PLUTO_EVENT_KERNEL_ERROR] = "kernel-error",
    [L2TP_PLUTO_EVENT_INTERNAL_ERROR] = "internal-error",
    [L2TP_PLUTO_EVENT_NETWORK_ERROR] = "network-error",
  };

  return (guint) kind < G_N_ELEMENTS (names) && names[kind] ? names[kind] : "?";
}

/* "STATE_" @mode "_" and at least one of A-Z, 0-9, '_'. */
static gboolean
state_of_mode (const char *state, const char *mode)
{
  gsize n = strlen (mode);

  if (strncmp (state, mode, n) != 0 || state[n] == '\0')
    return FALSE;
  for (const char *p = state + n; *p; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

L2tpPlutoMode
l2tp_pluto_state_mode (const char *state)
{
  if (state && state_of_mode (state, "STATE_MAIN_"))
    return L2TP_PLUTO_MODE_MAIN;
  if (state && state_of_mode (state, "STATE_QUICK_"))
    return L2TP_PLUTO_MODE_QUICK;
  return L2TP_PLUTO_MODE_NONE;
}
