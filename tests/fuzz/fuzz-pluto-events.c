/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pluto's lines (l2tp_pluto_event_parse): the input is one line, read for
 * the connection "lab".
 *
 * INVARIANTS: a line over L2TP_PLUTO_LINE_MAX bytes (one trailing '\n'
 * aside), not UTF-8 or holding a control is refused; an event's @message
 * and @detail are UTF-8 without controls or hidden characters, within
 * their caps, its @state a state name; a line is never both "lab"'s and
 * "la"'s or "lab2"'s; its fields belong to its kind (a proposal to an
 * SA's coming up, of the right shape and spellable; SPIs to a child's; a
 * PFS group to a Quick Mode's start; a serial on a state's line); the
 * same line as a C string, with a '\n' after it, or with the quoted name
 * "lab" replaced by a real connection's name reads the same. */
#include <string.h>

#include "fuzz-common.h"
#include "pluto-events.h"
#include "proposals.h"
#include "text-clean.h"

#define LONG_NAME "nm-l2tp-ipsec-2afc9815-be08-42a2-aeba-6788c6ded6a9"

static gboolean
line_acceptable (const uint8_t *data, size_t size)
{
  if (size > 0 && data[size - 1] == '\n')
    size--;
  if (size > L2TP_PLUTO_LINE_MAX
      || !g_utf8_validate_len ((const char *) data, size, NULL))
    return FALSE;
  for (size_t i = 0; i < size; i++)
    if (data[i] < 0x20 || data[i] == 0x7f)
      return FALSE;
  return TRUE;
}

static void
check_text (const char *what, const char *text, gsize max)
{
  const char *p;

  if (strlen (text) > max + 3)
    fuzz_fail ("%s is %zu bytes", what, strlen (text));
  if (!g_utf8_validate (text, -1, NULL))
    fuzz_fail ("%s is not UTF-8", what);
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || l2tp_text_char_is_hidden (c))
        fuzz_fail ("%s holds U+%04X", what, c);
    }
}

static gboolean
is_aead (L2tpEncryption enc)
{
  return enc == L2TP_ENC_AES128_GCM16 || enc == L2TP_ENC_AES192_GCM16
         || enc == L2TP_ENC_AES256_GCM16;
}

static void
check_event (const L2tpPlutoEvent *ev)
{
  gboolean child = ev->kind == L2TP_PLUTO_EVENT_CHILD_UP;

  if (g_str_equal (l2tp_pluto_event_kind_to_string (ev->kind), "?"))
    fuzz_fail ("kind %d has no name", ev->kind);
  if (!ev->message)
    fuzz_fail ("no message");
  check_text ("the message", ev->message, L2TP_TEXT_CLEAN_LINE_MAX);
  if (ev->detail)
    check_text ("the detail", ev->detail, L2TP_PLUTO_DETAIL_MAX);
  if (ev->state
      && (!g_str_has_prefix (ev->state, "STATE_") || strlen (ev->state) > 40
          || strspn (ev->state, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
                 != strlen (ev->state)))
    fuzz_fail ("state \"%s\"", ev->state);
  if (ev->whack_code < -1 || ev->whack_code > 99999)
    fuzz_fail ("whack code %d", ev->whack_code);
  if (ev->has_proposal)
    {
      g_autofree char *text = NULL;
      const L2tpProposal *p = &ev->proposal;

      if (ev->kind != L2TP_PLUTO_EVENT_IKE_UP && !child)
        fuzz_fail ("a proposal on a %s", l2tp_pluto_event_kind_to_string (ev->kind));
      if (p->enc == L2TP_ENC_NONE || (child && p->dh != L2TP_DH_NONE)
          || (!child && (p->dh == L2TP_DH_NONE || p->integ == L2TP_INTEG_NONE))
          || (child && (p->integ == L2TP_INTEG_NONE) != is_aead (p->enc)))
        fuzz_fail ("a proposal of the wrong shape");
      text = l2tp_proposal_to_strongswan (child ? L2TP_PROPOSAL_ESP : L2TP_PROPOSAL_IKE,
                                          p);
      if (!text || !text[0])
        fuzz_fail ("a proposal that cannot be spelled");
    }
  if ((ev->has_spis || ev->transport_mode || ev->encap != L2TP_PLUTO_ENCAP_NONE)
      && !child)
    fuzz_fail ("ESP fields on a %s", l2tp_pluto_event_kind_to_string (ev->kind));
  if (!ev->has_spis && (ev->spi_in || ev->spi_out || ev->encap))
    fuzz_fail ("SPIs without has_spis");
  if (ev->has_pfs_group && ev->kind != L2TP_PLUTO_EVENT_QUICK_MODE_START)
    fuzz_fail ("a PFS group on a %s", l2tp_pluto_event_kind_to_string (ev->kind));
  if (ev->related_serial != 0 && ev->kind != L2TP_PLUTO_EVENT_QUICK_MODE_START
      && ev->kind != L2TP_PLUTO_EVENT_PEER_DELETE
      && ev->kind != L2TP_PLUTO_EVENT_MAIN_MODE_START)
    fuzz_fail ("a related serial on a %s", l2tp_pluto_event_kind_to_string (ev->kind));
  if ((ev->deleted != L2TP_PLUTO_SA_NONE) != (ev->kind == L2TP_PLUTO_EVENT_PEER_DELETE))
    fuzz_fail ("deleted %d on a %s", ev->deleted,
               l2tp_pluto_event_kind_to_string (ev->kind));
  if (ev->serial == 0
      && (ev->kind == L2TP_PLUTO_EVENT_IKE_UP || child
          || ev->kind == L2TP_PLUTO_EVENT_TIMEOUT || ev->kind == L2TP_PLUTO_EVENT_NOTIFY))
    fuzz_fail ("a %s without a serial", l2tp_pluto_event_kind_to_string (ev->kind));
}

/* Everything an event says, for comparing two readings. */
static char *
fields (const L2tpPlutoEvent *ev)
{
  if (!ev)
    return g_strdup ("(none)");
  return g_strdup_printf (
      "%d %d %u %s %u %d %d/%d/%d %d %d %d %08x %08x %d %d %d %d %d %d "
      "%d %d [%s] [%s]",
      ev->kind, ev->whack_code, ev->serial, ev->state ? ev->state : "-",
      ev->related_serial, ev->has_proposal, ev->proposal.enc, ev->proposal.integ,
      ev->proposal.dh, ev->has_pfs_group, ev->pfs_group, ev->has_spis, ev->spi_out,
      ev->spi_in, ev->transport_mode, ev->encap, ev->hint, ev->notify, ev->deleted,
      ev->sends_delete, ev->auth_excuse, ev->error_number, ev->message,
      ev->detail ? ev->detail : "-");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (L2tpPlutoEvent) ev
      = l2tp_pluto_event_parse ((const char *) data, (gssize) size, "lab");
  g_autoptr (L2tpPlutoEvent) shorter
      = l2tp_pluto_event_parse ((const char *) data, (gssize) size, "la");
  g_autoptr (L2tpPlutoEvent) longer
      = l2tp_pluto_event_parse ((const char *) data, (gssize) size, "lab2");
  g_autofree char *text = fuzz_text (data, size);
  g_autofree char *got = fields (ev);

  if (ev && !line_acceptable (data, size))
    fuzz_fail ("a line that must be refused gave an event");
  if (ev && (shorter || longer))
    fuzz_fail ("one line is \"lab\"'s and \"%s\"'s", shorter ? "la" : "lab2");
  if (!ev)
    return 0;
  check_event (ev);

  /* As a C string, and with its '\n'. */
  if (text)
    {
      g_autoptr (L2tpPlutoEvent) again = l2tp_pluto_event_parse (text, -1, "lab");
      g_autofree char *got_again = fields (again);
      g_autofree char *with_newline = NULL;
      g_autoptr (L2tpPlutoEvent) nl = NULL;
      g_autofree char *got_nl = NULL;

      if (strcmp (got, got_again) != 0)
        fuzz_fail ("as a C string: %s, not %s", got_again, got);
      if (size == 0 || data[size - 1] != '\n')
        {
          with_newline = g_strconcat (text, "\n", NULL);
          nl = l2tp_pluto_event_parse (with_newline, -1, "lab");
          got_nl = fields (nl);
          if (strcmp (got, got_nl) != 0)
            fuzz_fail ("with a newline: %s, not %s", got_nl, got);
        }
    }

  /* Under a real connection's name (the revival names it again). */
  if (text && ev->kind != L2TP_PLUTO_EVENT_REVIVAL_STARTED)
    {
      g_auto (GStrv) parts = g_strsplit (text, "\"lab\"", 2);
      g_autofree char *renamed = g_strjoinv ("\"" LONG_NAME "\"", parts);
      g_autoptr (L2tpPlutoEvent) other = NULL;
      g_autofree char *got_other = NULL;

      if (strlen (renamed) <= L2TP_PLUTO_LINE_MAX)
        {
          other = l2tp_pluto_event_parse (renamed, -1, LONG_NAME);
          got_other = fields (other);
          if (strcmp (got, got_other) != 0)
            fuzz_fail ("renamed: %s, not %s", got_other, got);
        }
    }
  return 0;
}
