/* SPDX-License-Identifier: GPL-2.0-or-later */
/* shared/pluto-events.h: every captured libreswan 4.10 line (pluto-lines.h)
 * gives its exact event, under the lab's name and under a real connection
 * name; lines of other connections, names appearing later in the text,
 * cut, overlong, non-UTF-8 and control-character lines give nothing or
 * nothing more. */
#include "shared/pluto-events.h"

#include <stdlib.h>
#include <string.h>

#include "pluto-lines.h"

#define NAME "nm-l2tp-ipsec-2afc9815-be08-42a2-aeba-6788c6ded6a9"
#define IKE                                                                              \
  "IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_128 integ=HMAC_SHA2_256 "       \
  "group=MODP2048}"
#define CHILD                                                                            \
  "IPsec SA established transport mode {ESP=>0xcfde267e <0xc5153eec "                    \
  "xfrm=AES_CBC_128-HMAC_SHA2_256_128 DPD=passive}"

static L2tpPlutoEvent *
parse (const char *line, const char *conn)
{
  return l2tp_pluto_event_parse (line, -1, conn);
}

/* The code of a whack line as the test sees it: digits, then a space. */
static int
whack_code_of (const char *line)
{
  gsize n = strspn (line, "0123456789");

  return n >= 3 && n <= 5 && line[n] == ' ' ? atoi (line) : -1;
}

static char *
describe (L2tpPlutoEventKind kind, int whack, guint serial, const char *state,
          guint related, const char *proposal, gboolean has_pfs, L2tpDhGroup pfs,
          gboolean has_spis, guint32 out, guint32 in, gboolean transport,
          L2tpPlutoEncap encap, L2tpPlutoHint hint, L2tpPlutoNotify notify,
          L2tpPlutoSa deleted, gboolean sends, gboolean excuse, int error,
          const char *detail)
{
  return g_strdup_printf ("%s whack=%d #%u state=%s related=%u proposal=%s pfs=%d/%d "
                          "spis=%d/%08x/%08x transport=%d encap=%d hint=%d notify=%d "
                          "deleted=%d sends=%d excuse=%d errno=%d detail=%s",
                          l2tp_pluto_event_kind_to_string (kind), whack, serial,
                          state ? state : "-", related, proposal ? proposal : "-",
                          has_pfs, pfs, has_spis, out, in, transport, encap, hint, notify,
                          deleted, sends, excuse, error, detail ? detail : "-");
}

static char *
describe_event (const L2tpPlutoEvent *ev)
{
  g_autofree char *proposal = NULL;

  if (!ev)
    return g_strdup ("(none)");
  if (ev->has_proposal)
    proposal = l2tp_proposal_to_strongswan (
        ev->kind == L2TP_PLUTO_EVENT_IKE_UP ? L2TP_PROPOSAL_IKE : L2TP_PROPOSAL_ESP,
        &ev->proposal);
  return describe (ev->kind, ev->whack_code, ev->serial, ev->state, ev->related_serial,
                   proposal, ev->has_pfs_group, ev->pfs_group, ev->has_spis, ev->spi_out,
                   ev->spi_in, ev->transport_mode, ev->encap, ev->hint, ev->notify,
                   ev->deleted, ev->sends_delete, ev->auth_excuse, ev->error_number,
                   ev->detail);
}

static char *
describe_expected (const PlutoLine *l, const char *line)
{
  if (l->not_ours)
    return g_strdup ("(none)");
  return describe (l->kind, whack_code_of (line), l->serial, l->state, l->related_serial,
                   l->proposal, l->has_pfs_group, l->pfs_group,
                   l->spi_out != 0 || l->spi_in != 0, l->spi_out, l->spi_in,
                   l->transport_mode, l->encap, l->hint, l->notify, l->deleted,
                   l->sends_delete, l->auth_excuse, l->error_number, l->detail);
}

/* The message is the line's text after the prefix, unchanged (these lines
 * are plain ASCII). */
static void
assert_message (const L2tpPlutoEvent *ev, const char *line)
{
  gsize n = strlen (line), m;

  if (!ev)
    return;
  g_assert_nonnull (ev->message);
  m = strlen (ev->message);
  g_assert_cmpuint (m + 2, <=, n);
  g_assert_true (g_str_has_suffix (line, ev->message));
  g_assert_cmpint (line[n - m - 2], ==, ':');
  g_assert_cmpint (line[n - m - 1], ==, ' ');
}

static void
assert_line (const PlutoLine *l, const char *line, const char *conn)
{
  g_autoptr (L2tpPlutoEvent) ev = parse (line, conn);
  g_autofree char *got = describe_event (ev);
  g_autofree char *want = describe_expected (l, line);
  g_autofree char *with_newline = g_strconcat (line, "\n", NULL);
  g_autoptr (L2tpPlutoEvent) again
      = l2tp_pluto_event_parse (with_newline, (gssize) strlen (with_newline), conn);
  g_autofree char *got_again = describe_event (again);

  if (g_strcmp0 (got, want) != 0)
    g_error ("%s\n  got  %s\n  want %s", line, got, want);
  assert_message (ev, line);
  g_assert_cmpstr (got_again, ==, got);
}

/* @line with the quoted name "lab" (and 'lab') replaced by @name. */
static char *
renamed (const char *line, const char *name)
{
  g_autofree char *dq = g_strdup_printf ("\"%s\"", name);
  g_autofree char *sq = g_strdup_printf ("'%s'", name);
  g_auto (GStrv) a = g_strsplit (line, "\"lab\"", 2);
  g_autofree char *step = g_strjoinv (dq, a);
  g_auto (GStrv) b = g_strsplit (step, "'lab'", 2);

  return g_strjoinv (sq, b);
}

static void
test_lines (gconstpointer data)
{
  const PlutoLine *lines = data == pluto_lines_real ? pluto_lines_real : pluto_lines_src;
  gsize n = data == pluto_lines_real ? G_N_ELEMENTS (pluto_lines_real)
                                     : G_N_ELEMENTS (pluto_lines_src);

  for (gsize i = 0; i < n; i++)
    assert_line (&lines[i], lines[i].line, lines[i].conn ? lines[i].conn : "lab");
}

/* Under a real connection name; the lab's name, a prefix of ours and ours
 * with one more character then match nothing. */
static void
test_renamed (gconstpointer data)
{
  const PlutoLine *lines = data == pluto_lines_real ? pluto_lines_real : pluto_lines_src;
  gsize n = data == pluto_lines_real ? G_N_ELEMENTS (pluto_lines_real)
                                     : G_N_ELEMENTS (pluto_lines_src);
  static const char *const others[]
      = { "lab", "nm-l2tp-ipsec-2afc", NAME "0",
          "nm-l2tp-ipsec-2afc9815-be08-42a2-aeba-6788c6ded6a",
          "NM-L2TP-IPSEC-2AFC9815-BE08-42A2-AEBA-6788C6DED6A9" };

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *line = NULL;

      if (lines[i].conn)
        continue;
      line = renamed (lines[i].line, NAME);
      assert_line (&lines[i], line, NAME);
      for (guint j = 0; j < G_N_ELEMENTS (others); j++)
        {
          g_autoptr (L2tpPlutoEvent) ev = parse (line, others[j]);

          g_assert_null (ev);
        }
      if (!lines[i].not_ours)
        {
          g_autoptr (L2tpPlutoEvent) ev = parse (lines[i].line, NAME);

          g_assert_null (ev);
        }
    }
}

static void
assert_none (const char *line, const char *conn)
{
  g_autoptr (L2tpPlutoEvent) ev = parse (line, conn);

  if (ev)
    g_error ("%s: gave %s", line, l2tp_pluto_event_kind_to_string (ev->kind));
}

static void
assert_kind (const char *line, const char *conn, L2tpPlutoEventKind kind)
{
  g_autoptr (L2tpPlutoEvent) ev = parse (line, conn);

  if (!ev || ev->kind != kind)
    g_error ("%s: gave %s, want %s", line,
             ev ? l2tp_pluto_event_kind_to_string (ev->kind) : "(none)",
             l2tp_pluto_event_kind_to_string (kind));
}

static void
test_other_connections (void)
{
  static const char *const lines[] = {
    "\"lab2\" #1: " IKE,
    "\"la\" #1: " IKE,
    "\"" NAME "x\" #1: " IKE,
    "\"nm-l2tp-ipsec-2afc\" #1: " IKE,
    "\"lab\"[1] 10.99.0.1 #3: " IKE,
    "| \"lab\" #1: " IKE,
    " \"lab\" #1: " IKE,
    "\"lab\"  #1: " IKE,
    "\"lab\" #: " IKE,
    "\"lab\" #0: " IKE,
    "\"lab\" #-1: " IKE,
    "\"lab\" #4294967296: " IKE,
    "\"lab\" #12345678901: " IKE,
    "\"lab\" #1 " IKE,
    "\"lab\" #1:" IKE,
    "\"lab\":" IKE,
    "\"lab\" " IKE,
    "lab #1: " IKE,
    "'lab' #1: " IKE,
    "\"lab #1: " IKE,
    "\"\"lab\"\" #1: " IKE,
    "\"LAB\" #1: " IKE,
    "",
    "\"lab\"",
    "\"lab\" #1",
    "\"lab\" #1:",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    assert_none (lines[i], "lab");
  assert_none ("\"" NAME "\" #1: " IKE, "nm-l2tp-ipsec-2afc");
  assert_kind ("\"lab\" #4294967295: " IKE, "lab", L2TP_PLUTO_EVENT_IKE_UP);
  assert_kind ("\"lab\" #1: ", "lab", L2TP_PLUTO_EVENT_OTHER);
  assert_kind ("\"lab\": ", "lab", L2TP_PLUTO_EVENT_OTHER);
}

/* Our name, or an event's text, later in a line of another connection or
 * in the peer's ID: never our event. */
static void
test_name_later (void)
{
  static const char *const peer_ids[] = {
    "ID_FQDN: '@\"lab\" #1: " IKE "'", "ID_FQDN: '" IKE "'",
    "ID_FQDN: '\" #1: " IKE "'",       "ID_USER_FQDN: 'x@y' \"lab\" #2: " CHILD,
    "ID_FQDN: 'a'\n\"lab\" #1: " IKE,
  };

  assert_none ("\"other\" #1: Peer ID is ID_FQDN: '\"lab\" #1: " IKE "'", "lab");
  assert_none (
      "\"other\" #1: WARNING: connection lab PSK length of 14 bytes is too short", "lab");
  assert_none ("Dec  4 14:28:03.863706: \"other\" #1: \"lab\" #1: " IKE, "lab");
  assert_none ("004 \"other\" #1: 004 \"lab\" #1: " IKE, "lab");
  assert_none ("ERROR: \"other\": \"lab\": added IKEv1 connection", "lab");
  for (guint i = 0; i < G_N_ELEMENTS (peer_ids); i++)
    {
      g_autofree char *line = g_strdup_printf ("\"lab\" #1: Peer ID is %s", peer_ids[i]);
      g_autoptr (L2tpPlutoEvent) ev = parse (line, "lab");

      /* The last one holds a newline: refused whole. */
      if (strchr (peer_ids[i], '\n'))
        {
          g_assert_null (ev);
          continue;
        }
      g_assert_nonnull (ev);
      g_assert_cmpint (ev->kind, ==, L2TP_PLUTO_EVENT_PEER_ID);
      g_assert_false (ev->has_proposal);
      g_assert_false (ev->has_spis);
      g_assert_cmpstr (ev->detail, ==, peer_ids[i]);
    }
}

/* A name that holds a quote or a control, or is empty, too long or not
 * UTF-8, matches nothing, not even a line spelled to match it. */
static void
test_bad_names (void)
{
  g_autofree char *long_name = g_strnfill (257, 'a');
  g_autofree char *long_line = g_strdup_printf ("\"%s\" #1: %s", long_name, IKE);
  g_autofree char *max_name = g_strnfill (256, 'a');
  g_autofree char *max_line = g_strdup_printf ("\"%s\" #1: %s", max_name, IKE);
  static const struct
  {
    const char *name, *line;
  } bad[] = {
    { "lab\" #1: " IKE "\"", "\"lab\" #1: " IKE "\" #2: sent Main Mode request" },
    { "x\"y", "\"x\"y\" #1: " IKE },
    { "\"lab", "\"\"lab\" #1: " IKE },
    { "", "\"\" #1: " IKE },
    { "la\tb", "\"la\tb\" #1: " IKE },
    { "la\x7f"
      "b",
      "\"la\x7f"
      "b\" #1: " IKE },
    { "la\xff"
      "b",
      "\"la\xff"
      "b\" #1: " IKE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      assert_none (bad[i].line, bad[i].name);
      for (guint j = 0; j < G_N_ELEMENTS (pluto_lines_real); j++)
        assert_none (pluto_lines_real[j].line, bad[i].name);
    }
  assert_none (long_line, long_name);
  assert_kind (max_line, max_name, L2TP_PLUTO_EVENT_IKE_UP);
  /* Bytes that are UTF-8 and not controls are a name like any other. */
  assert_kind ("\"l\xc3\xa4"
               "b\" #1: " IKE,
               "l\xc3\xa4"
               "b",
               L2TP_PLUTO_EVENT_IKE_UP);
}

/* Kinds whose message must end exactly where pluto ends it. */
static gboolean
needs_whole_message (L2tpPlutoEventKind kind)
{
  switch (kind)
    {
    case L2TP_PLUTO_EVENT_OTHER:
    case L2TP_PLUTO_EVENT_ADD_FAILED:
    case L2TP_PLUTO_EVENT_PEER_ID:
    case L2TP_PLUTO_EVENT_KERNEL_ERROR:
    case L2TP_PLUTO_EVENT_NETWORK_ERROR:
    case L2TP_PLUTO_EVENT_TIMEOUT:         /* without its hint, still a timeout */
    case L2TP_PLUTO_EVENT_MAIN_MODE_START: /* "… to replace #N" is optional */
    case L2TP_PLUTO_EVENT_NOTIFY: /* "…: NO_PROPOSAL" is a name too, an unknown one */
      return FALSE;
    default:
      return TRUE;
    }
}

/* Every cut of every line: nothing inside the prefix; after it, never the
 * same event as the whole line when that needs its end, and never a
 * proposal, SPIs or an errno the whole line does not have. */
static void
assert_cuts (const char *line, const char *conn)
{
  g_autoptr (L2tpPlutoEvent) whole = parse (line, conn);
  gsize n = strlen (line);
  gsize start = whole ? n - strlen (whole->message) : n + 1;

  for (gsize cut = 0; cut < n; cut++)
    {
      g_autoptr (L2tpPlutoEvent) ev = l2tp_pluto_event_parse (line, (gssize) cut, conn);

      if (cut < start)
        {
          g_assert_null (ev);
          continue;
        }
      g_assert_nonnull (ev);
      g_assert_cmpuint (ev->serial, ==, whole->serial);
      if (ev->kind == whole->kind && needs_whole_message (ev->kind))
        g_error ("%.*s: a cut line gives %s", (int) cut, line,
                 l2tp_pluto_event_kind_to_string (ev->kind));
      g_assert_false (ev->has_proposal);
      g_assert_false (ev->has_spis);
      if (ev->kind == L2TP_PLUTO_EVENT_NOTIFY && ev->notify != L2TP_PLUTO_NOTIFY_OTHER)
        g_assert_cmpint (ev->notify, ==, whole->notify);
      if (ev->error_number != 0)
        g_error ("%.*s: a cut line gives errno %d", (int) cut, line, ev->error_number);
    }
}

static void
test_truncated (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (pluto_lines_real); i++)
    assert_cuts (pluto_lines_real[i].line,
                 pluto_lines_real[i].conn ? pluto_lines_real[i].conn : "lab");
  for (gsize i = 0; i < G_N_ELEMENTS (pluto_lines_src); i++)
    assert_cuts (pluto_lines_src[i].line, "lab");
}

static void
test_long (void)
{
  GString *huge = g_string_new ("\"lab\" #1: Peer ID is ID_FQDN: '");
  g_autofree char *max = NULL;
  g_autofree char *max_nl = NULL;
  g_autofree char *over = NULL;
  g_autoptr (L2tpPlutoEvent) ev = NULL;
  g_autoptr (L2tpPlutoEvent) ev_nl = NULL;
  g_autofree char *huge_text = NULL;

  while (huge->len < 100 * 1024)
    g_string_append (huge, "IKE SA established ");
  g_string_append (huge, "'");
  huge_text = g_string_free (huge, FALSE);
  assert_none (huge_text, "lab");
  g_assert_null (l2tp_pluto_event_parse (huge_text, (gssize) strlen (huge_text), "lab"));
  /* A 100 KB IKE SA line whose braces hold a proposal: refused too. */
  {
    g_autofree char *pad = g_strnfill (100 * 1024, 'x');
    g_autofree char *line
        = g_strdup_printf ("\"lab\" #1: IKE SA established {auth=%s cipher=AES_CBC_128 "
                           "integ=HMAC_SHA2_256 group=MODP2048}",
                           pad);

    assert_none (line, "lab");
  }

  /* L2TP_PLUTO_LINE_MAX bytes exactly, with or without its '\n'; one more
   * is refused. */
  max = g_strdup_printf ("\"lab\" #1: Peer ID is ID_FQDN: '%0*d'",
                         L2TP_PLUTO_LINE_MAX
                             - (int) strlen ("\"lab\" #1: Peer ID is "
                                             "ID_FQDN: ''"),
                         0);
  g_assert_cmpuint (strlen (max), ==, L2TP_PLUTO_LINE_MAX);
  ev = parse (max, "lab");
  g_assert_nonnull (ev);
  g_assert_cmpint (ev->kind, ==, L2TP_PLUTO_EVENT_PEER_ID);
  /* What is kept is capped: "…" after the budget. */
  g_assert_cmpuint (strlen (ev->detail), <=, L2TP_PLUTO_DETAIL_MAX + 3);
  g_assert_true (g_str_has_suffix (ev->detail, "\xe2\x80\xa6"));
  g_assert_cmpuint (strlen (ev->message), <=, 400 + 3);
  g_assert_true (g_str_has_suffix (ev->message, "\xe2\x80\xa6"));
  max_nl = g_strconcat (max, "\n", NULL);
  ev_nl = parse (max_nl, "lab");
  g_assert_nonnull (ev_nl);
  over = g_strconcat (max, "'", NULL);
  assert_none (over, "lab");
  g_assert_null (l2tp_pluto_event_parse (over, (gssize) strlen (over), "lab"));
}

static void
test_utf8 (void)
{
  static const char *const bad[] = {
    "\"lab\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_128 "
    "integ=HMAC_SHA2_256 group=MODP2048}\xff",
    "\"lab\" #1: Peer ID is ID_FQDN: '\xc0\xaf'",         /* overlong '/' */
    "\"lab\" #1: Peer ID is ID_FQDN: '\xed\xa0\x80'",     /* a surrogate */
    "\"lab\" #1: Peer ID is ID_FQDN: '\xf4\x90\x80\x80'", /* above U+10FFFF */
    "\"lab\" #1: Peer ID is ID_FQDN: '\xe2\x80'",         /* cut short */
    "\x80\"lab\" #1: sent Main Mode request",
    "Dec  4 14:28:03.846924\xa0: \"lab\" #1: sent Main Mode request",
  };
  g_autoptr (L2tpPlutoEvent) ev = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_none (bad[i], "lab");
  /* Valid UTF-8 is kept, what hides or reorders text shown escaped. */
  ev = parse ("\"lab\" #1: Peer ID is ID_FQDN: 'caf\xc3\xa9\xe2\x80\xae"
              "1.0.99.01\xc2\x85'",
              "lab");
  g_assert_nonnull (ev);
  g_assert_cmpint (ev->kind, ==, L2TP_PLUTO_EVENT_PEER_ID);
  g_assert_cmpstr (ev->detail, ==,
                   "ID_FQDN: 'caf\xc3\xa9\\u202e"
                   "1.0.99.01\\u0085'");
  g_assert_cmpstr (ev->message, ==,
                   "Peer ID is ID_FQDN: 'caf\xc3\xa9\\u202e"
                   "1.0.99.01\\u0085'");
}

static void
test_controls (void)
{
  static const char line[] = "\"lab\" #1: sent Main Mode request";
  const gsize n = sizeof line - 1;

  for (guint c = 0; c <= 0x7f; c++)
    {
      /* At the start, inside the prefix, inside the message, at the end. */
      static const gsize at[] = { 0, 3, 14, sizeof line - 1 };

      if (c >= 0x20 && c < 0x7f)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (at); i++)
        {
          g_autofree char *with = g_malloc (n + 2);

          /* One '\n' at the very end is the line's end. */
          if (c == '\n' && at[i] == n)
            continue;
          memcpy (with, line, at[i]);
          with[at[i]] = (char) c;
          memcpy (with + at[i] + 1, line + at[i], n - at[i]);
          with[n + 1] = '\0';
          g_assert_null (l2tp_pluto_event_parse (with, (gssize) (n + 1), "lab"));
        }
    }
  assert_kind ("\"lab\" #1: sent Main Mode request\n", "lab", L2TP_PLUTO_EVENT_PROGRESS);
  assert_none ("\"lab\" #1: sent Main Mode request\r\n", "lab");
  assert_none ("\"lab\" #1: sent Main Mode request\n\n", "lab");
  assert_none ("\"lab\" #1: \x1b[2K" IKE, "lab");
  assert_none ("\"lab\" #1: Peer ID is x\r\"lab\" #1: " IKE, "lab");
}

static void
test_prefixes (void)
{
  static const char *const ok[] = {
    "\"lab\" #1: " IKE,
    "004 \"lab\" #1: " IKE,
    "00004 \"lab\" #1: " IKE,
    "Dec  4 14:22:24.125373: \"lab\" #1: " IKE,
    "Dec 14 04:02:09.000000: \"lab\" #1: " IKE,
    "Jan 31 23:59:59.999999: ERROR: \"lab\" #1: " IKE,
    "FATAL ERROR: \"lab\" #1: " IKE,
    "036 FATAL ERROR: \"lab\" #1: " IKE,
  };
  static const char *const bad[] = {
    "04 \"lab\" #1: " IKE,
    "000004 \"lab\" #1: " IKE,
    "004\"lab\" #1: " IKE,
    "004  \"lab\" #1: " IKE,
    "0x4 \"lab\" #1: " IKE,
    "004 Dec  4 14:22:24.125373: \"lab\" #1: " IKE,
    "Dec  4 14:22:24.125373: 004 \"lab\" #1: " IKE,
    "Dec 4 14:22:24.125373: \"lab\" #1: " IKE,
    "Dec  4 14:22:24: \"lab\" #1: " IKE,
    "Dec  4 14:22:24.12537: \"lab\" #1: " IKE,
    "dec  4 14:22:24.125373: \"lab\" #1: " IKE,
    "Dec  4 14:22:24.125373 \"lab\" #1: " IKE,
    "Dec  4 14:22:24.125373:  \"lab\" #1: " IKE,
    "ERROR: ERROR: \"lab\" #1: " IKE,
    "WARNING: \"lab\" #1: " IKE,
    "error: \"lab\" #1: " IKE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    assert_kind (ok[i], "lab", L2TP_PLUTO_EVENT_IKE_UP);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_none (bad[i], "lab");
  {
    g_autoptr (L2tpPlutoEvent) a = parse ("00004 \"lab\": added IKEv1 connection", "lab");
    g_autoptr (L2tpPlutoEvent) b = parse ("Dec  4 14:22:24.125373: \"lab\": x", "lab");

    g_assert_cmpint (a->whack_code, ==, 4);
    g_assert_cmpint (b->whack_code, ==, -1);
    g_assert_cmpstr (b->message, ==, "x");
  }
}

/* A connection's message on a state's line, or the other way round. */
static void
test_where (void)
{
  assert_kind ("\"lab\": " IKE, "lab", L2TP_PLUTO_EVENT_OTHER);
  assert_kind ("\"lab\": sent Main Mode request", "lab", L2TP_PLUTO_EVENT_OTHER);
  assert_kind ("\"lab\" #1: added IKEv1 connection", "lab", L2TP_PLUTO_EVENT_OTHER);
  assert_kind ("\"lab\" #1: failed to add connection: x", "lab", L2TP_PLUTO_EVENT_OTHER);
  assert_kind ("\"lab\" #1: terminating SAs using this connection", "lab",
               L2TP_PLUTO_EVENT_OTHER);
  assert_kind ("\"lab\": netlink response for Add SA x: y (errno 1)", "lab",
               L2TP_PLUTO_EVENT_KERNEL_ERROR);
  /* The revival names the connection again: it must be ours. */
  assert_kind ("\"lab\": initiating connection 'other' with serial $1 which received a "
               "Delete/Notify but must remain up per local policy",
               "lab", L2TP_PLUTO_EVENT_OTHER);
  assert_kind ("\"lab\": failed to add connection: ", "lab", L2TP_PLUTO_EVENT_OTHER);
  assert_kind ("\"lab\" #1: Peer ID is ", "lab", L2TP_PLUTO_EVENT_OTHER);
}

/* Shapes a line of ours could have but pluto does not write. */
static void
test_odd_details (void)
{
  static const struct
  {
    const char *message;
    L2tpPlutoEventKind kind;
  } odd[] = {
    { "IKE SA established", L2TP_PLUTO_EVENT_OTHER },
    { "IKE SA established cipher=AES_CBC_128", L2TP_PLUTO_EVENT_OTHER },
    { "IKE SA established {cipher=AES_CBC_128 integ=HMAC_SHA1 group=MODP2048",
      L2TP_PLUTO_EVENT_OTHER },
    { "IKE SA established {cipher=AES_CBC_128 integ=HMAC_SHA1 group=MODP2048} x",
      L2TP_PLUTO_EVENT_OTHER },
    { "IKE SA established {cipher={AES_CBC_128} integ=HMAC_SHA1 group=MODP2048}",
      L2TP_PLUTO_EVENT_OTHER },
    { "IPsec SA established sideways mode {ESP=>0x00000001 <0x00000002}",
      L2TP_PLUTO_EVENT_OTHER },
    { "IPsec SA established transport mode ESP=>0x00000001", L2TP_PLUTO_EVENT_OTHER },
    { "sent Main Mode request now", L2TP_PLUTO_EVENT_OTHER },
    { "sent Main Mode", L2TP_PLUTO_EVENT_OTHER },
    { "STATE_MAIN_I1: retransmission; will wait 1.5.5 seconds for response",
      L2TP_PLUTO_EVENT_OTHER },
    { "STATE_MAIN_I1: retransmission; will wait  seconds for response",
      L2TP_PLUTO_EVENT_OTHER },
    { "STATE_main_I1: retransmission; will wait 1 seconds for response",
      L2TP_PLUTO_EVENT_OTHER },
    { "STATE_: retransmission; will wait 1 seconds for response",
      L2TP_PLUTO_EVENT_OTHER },
    { "STATE_MAIN_I1_AND_A_NAME_FAR_TOO_LONG_FOR_ANY_STATE: retransmission; will wait 1 "
      "seconds for response",
      L2TP_PLUTO_EVENT_OTHER },
    { "STATE_MAIN_I1: 20 second timeout exceeded after 12345678901 retransmits",
      L2TP_PLUTO_EVENT_OTHER },
    { "STATE_MAIN_I1: 20 second timeout exceeded after 6 retransmits.  ",
      L2TP_PLUTO_EVENT_OTHER },
    { "STATE_MAIN_I1: 20 second timeout exceeded after 6 retransmits.No",
      L2TP_PLUTO_EVENT_OTHER },
    { "ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=0000000, length=28",
      L2TP_PLUTO_EVENT_OTHER },
    { "ignoring informational payload NO PROPOSAL, msgid=00000000, length=28",
      L2TP_PLUTO_EVENT_OTHER },
    { "received and ignored notification payload: NO_PROPOSAL_CHOSEN x",
      L2TP_PLUTO_EVENT_OTHER },
    { "received and ignored notification payload: ", L2TP_PLUTO_EVENT_OTHER },
    { "received Delete SA(0xcfde267) payload: deleting IPsec State #2",
      L2TP_PLUTO_EVENT_OTHER },
    { "received Delete SA payload: deleting ISAKMP State #", L2TP_PLUTO_EVENT_OTHER },
    { "received Delete SA payload: deleting IPsec State #2", L2TP_PLUTO_EVENT_OTHER },
    { "received 1 malformed payload notifies!", L2TP_PLUTO_EVENT_OTHER },
    { "deleting state (STATE_MAIN_I1) aged 1s and maybe sending notification",
      L2TP_PLUTO_EVENT_OTHER },
    { "deleting state (STATE_MAIN_I1 aged 1s and sending notification",
      L2TP_PLUTO_EVENT_OTHER },
    { "deleting ISAKMP SA but connection is supposed to remain up; schedule",
      L2TP_PLUTO_EVENT_OTHER },
    { "state transition function for STATE_QUICK_I1 had internal error!",
      L2TP_PLUTO_EVENT_OTHER },
    { "initiating Quick Mode IKEv1 {using isakmp# msgid:00000000 proposal=x pfsgroup=no}",
      L2TP_PLUTO_EVENT_OTHER },
    { "initiating Quick Mode IKEv1 {using isakmp#1 msgid:00000000 proposal=x",
      L2TP_PLUTO_EVENT_OTHER },
    { "initiating IKEv1 Main Mode connection to replace", L2TP_PLUTO_EVENT_OTHER },
    { "malformed payload in packet!", L2TP_PLUTO_EVENT_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *line = g_strdup_printf ("\"lab\" #1: %s", odd[i].message);

      assert_kind (line, "lab", odd[i].kind);
    }
}

/* The event is given when a name is unknown or the SPIs unreadable; only
 * what could not be read is missing. */
static void
test_partial_details (void)
{
  static const struct
  {
    const char *message;
    gboolean has_proposal, has_spis;
  } partial[] = {
    { "IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_128 integ=HMAC_SHA2_256 "
      "group=DH99}",
      FALSE, FALSE },
    { "IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_128 integ=HMAC_SHA2_256}",
      FALSE, FALSE },
    { "IKE SA established {}", FALSE, FALSE },
    /* IKEv2's form: prf= as well; integ= is then the integrity. */
    { "IKE SA established {cipher=AES_CBC_256 integ=HMAC_SHA2_256_128 prf=HMAC_SHA2_256 "
      "group=MODP2048}",
      FALSE, FALSE },
    { "IPsec SA established transport mode {ESP=>0xcfde267 <0xc5153eec "
      "xfrm=AES_CBC_128-HMAC_SHA1_96 DPD=passive}",
      TRUE, FALSE },
    { "IPsec SA established transport mode {ESP=>0xcfde267e "
      "xfrm=AES_CBC_128-HMAC_SHA1_96 DPD=passive}",
      TRUE, FALSE },
    { "IPsec SA established transport mode {ESPinSCTP=>0xcfde267e <0xc5153eec "
      "xfrm=AES_CBC_128-HMAC_SHA1_96}",
      TRUE, FALSE },
    { "IPsec SA established transport mode {ESP=>0xcfde267e <0xc5153eec "
      "xfrm=AES_CBC_128-NONE DPD=passive}",
      FALSE, TRUE },
    { "IPsec SA established transport mode {ESP=>0xcfde267e <0xc5153eec "
      "xfrm=AES_GCM_16_128-HMAC_SHA1_96 DPD=passive}",
      FALSE, TRUE },
    { "IPsec SA established transport mode {ESP=>0xcfde267e <0xc5153eec "
      "xfrm=AES_CBC_128-HMAC_SHA1_96-MODP2048 DPD=passive}",
      FALSE, TRUE },
    { "IPsec SA established tunnel mode {AH=>0xcfde267e <0xc5153eec xfrm=HMAC_SHA1_96 "
      "DPD=passive}",
      FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (partial); i++)
    {
      g_autofree char *line = g_strdup_printf ("\"lab\" #1: %s", partial[i].message);
      g_autoptr (L2tpPlutoEvent) ev = parse (line, "lab");

      g_assert_nonnull (ev);
      if (ev->kind != L2TP_PLUTO_EVENT_IKE_UP && ev->kind != L2TP_PLUTO_EVENT_CHILD_UP)
        g_error ("%s: gave %s", line, l2tp_pluto_event_kind_to_string (ev->kind));
      if (ev->has_proposal != partial[i].has_proposal
          || ev->has_spis != partial[i].has_spis)
        g_error ("%s: proposal %d, SPIs %d", line, ev->has_proposal, ev->has_spis);
      if (!ev->has_spis)
        g_assert_true (ev->spi_out == 0 && ev->spi_in == 0);
    }
  /* A kernel error without its errno, an errno too long. */
  {
    g_autoptr (L2tpPlutoEvent) a
        = parse ("\"lab\" #2: netlink response for Add SA x: No such file", "lab");
    g_autoptr (L2tpPlutoEvent) b
        = parse ("\"lab\" #2: netlink response for Add SA x: y (errno 12345)", "lab");
    g_autoptr (L2tpPlutoEvent) c = parse (
        "\"lab\" #1: ERROR: asynchronous network error report on eth0 [errno 1", "lab");

    g_assert_cmpint (a->kind, ==, L2TP_PLUTO_EVENT_KERNEL_ERROR);
    g_assert_cmpint (a->error_number, ==, 0);
    g_assert_cmpint (b->kind, ==, L2TP_PLUTO_EVENT_KERNEL_ERROR);
    g_assert_cmpint (b->error_number, ==, 0);
    g_assert_cmpint (c->kind, ==, L2TP_PLUTO_EVENT_NETWORK_ERROR);
    g_assert_cmpint (c->error_number, ==, 0);
  }
}

static void
test_state_mode (void)
{
  static const char *const main_mode[]
      = { "STATE_MAIN_I1", "STATE_MAIN_I2", "STATE_MAIN_I3", "STATE_MAIN_I4",
          "STATE_MAIN_R0", "STATE_MAIN_R1", "STATE_MAIN_R2", "STATE_MAIN_R3" };
  static const char *const quick_mode[]
      = { "STATE_QUICK_I1", "STATE_QUICK_I2", "STATE_QUICK_R0", "STATE_QUICK_R1",
          "STATE_QUICK_R2" };
  static const char *const neither[] = { "STATE_AGGR_I1",
                                         "STATE_XAUTH_I0",
                                         "STATE_MODE_CFG_I1",
                                         "STATE_V2_PARENT_I1",
                                         "STATE_MAIN_",
                                         "STATE_QUICK_",
                                         "MAIN_I1",
                                         "STATE_MAIN_I1 ",
                                         "state_main_i1",
                                         "STATE_QUICK_I1\n",
                                         "",
                                         "STATE_MAINI1" };

  for (guint i = 0; i < G_N_ELEMENTS (main_mode); i++)
    g_assert_cmpint (l2tp_pluto_state_mode (main_mode[i]), ==, L2TP_PLUTO_MODE_MAIN);
  for (guint i = 0; i < G_N_ELEMENTS (quick_mode); i++)
    g_assert_cmpint (l2tp_pluto_state_mode (quick_mode[i]), ==, L2TP_PLUTO_MODE_QUICK);
  for (guint i = 0; i < G_N_ELEMENTS (neither); i++)
    g_assert_cmpint (l2tp_pluto_state_mode (neither[i]), ==, L2TP_PLUTO_MODE_NONE);
  g_assert_cmpint (l2tp_pluto_state_mode (NULL), ==, L2TP_PLUTO_MODE_NONE);
  /* Every state an event of the fixtures names is Main or Quick Mode. */
  for (guint i = 0; i < G_N_ELEMENTS (pluto_lines_real); i++)
    if (pluto_lines_real[i].state)
      g_assert_cmpint (l2tp_pluto_state_mode (pluto_lines_real[i].state), !=,
                       L2TP_PLUTO_MODE_NONE);
}

static void
test_kind_names (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (int k = L2TP_PLUTO_EVENT_OTHER; k <= L2TP_PLUTO_EVENT_NETWORK_ERROR; k++)
    {
      const char *name = l2tp_pluto_event_kind_to_string (k);

      g_assert_cmpstr (name, !=, "?");
      g_assert_false (g_hash_table_contains (seen, name));
      g_hash_table_add (seen, (gpointer) name);
    }
  g_assert_cmpstr (l2tp_pluto_event_kind_to_string (L2TP_PLUTO_EVENT_NETWORK_ERROR + 1),
                   ==, "?");
  g_assert_cmpstr (l2tp_pluto_event_kind_to_string (L2TP_PLUTO_EVENT_IKE_UP), ==,
                   "ike-up");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/pluto-events/real-lines", pluto_lines_real, test_lines);
  g_test_add_data_func ("/pluto-events/source-lines", pluto_lines_src, test_lines);
  g_test_add_data_func ("/pluto-events/real-lines-renamed", pluto_lines_real,
                        test_renamed);
  g_test_add_data_func ("/pluto-events/source-lines-renamed", pluto_lines_src,
                        test_renamed);
  g_test_add_func ("/pluto-events/other-connections", test_other_connections);
  g_test_add_func ("/pluto-events/name-later", test_name_later);
  g_test_add_func ("/pluto-events/bad-names", test_bad_names);
  g_test_add_func ("/pluto-events/truncated", test_truncated);
  g_test_add_func ("/pluto-events/long", test_long);
  g_test_add_func ("/pluto-events/utf8", test_utf8);
  g_test_add_func ("/pluto-events/controls", test_controls);
  g_test_add_func ("/pluto-events/prefixes", test_prefixes);
  g_test_add_func ("/pluto-events/where", test_where);
  g_test_add_func ("/pluto-events/odd-details", test_odd_details);
  g_test_add_func ("/pluto-events/partial-details", test_partial_details);
  g_test_add_func ("/pluto-events/state-mode", test_state_mode);
  g_test_add_func ("/pluto-events/kind-names", test_kind_names);
  return g_test_run ();
}
