/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text from outside on its way to root's log and to the failure message:
 * xl2tpd's output (read as bytes: one bad byte must not end the reading),
 * the server's StopCCN and LCP Terminate text, charon's words, and any
 * line the service logs. Nothing may arrive with its ESC, C1 or bidi
 * controls intact (shared/text-clean.h says what they become). */
#include <string.h>

#include "src/common/failure.h"
#include "src/common/log.h"
#include "src/l2tp/xl2tpd.h"

/* None of ESC, CSI (U+009B), RLO (U+202E), LRM (U+200E), CR, LF. */
static void
assert_inert (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p++)
    g_assert_false ((guchar) *p < 0x20 || *p == 0x7f);
  g_assert_null (strstr (text, "\xc2\x9b"));
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_null (strstr (text, "\xe2\x80\x8e"));
}

static void
assert_message_inert (const L2tpDiagnosis *diag, const char *must_have)
{
  g_autofree char *message = l2tp_failure_message (diag->failure, diag->detail, NULL);

  assert_inert (message);
  if (!strstr (message, must_have))
    g_error ("expected '%s' in '%s'", must_have, message);
}

/* StopCCN's result text, CDN's, charon's words, the LCP Terminate text. */
static void
test_diagnosis (void)
{
  L2tpDiagnosis stop = { 0 }, cdn = { 0 }, charon = { 0 }, lcp = { 0 };

  l2tp_diagnosis_feed_xl2tpd (&stop, "Connection 7 closed to 10.0.0.1, port 1701 "
                                     "(go \x1b[2J\xc2\x9b"
                                     "31maway\xe2\x80\xae"
                                     "cba)");
  g_assert_cmpint (stop.failure, ==, L2TP_FAILURE_L2TP_REFUSED);
  assert_message_inert (&stop, "go \\x1b[2J\\u009b31maway\\u202ecba");

  l2tp_diagnosis_feed_xl2tpd (&cdn, "Connection 7 closed to 10.0.0.1, port 1701, "
                                    "serial 1 (\xe2\x80\x8e\x1b]0;owned\x07)");
  assert_message_inert (&cdn, "\\u200e\\x1b]0;owned\\x07");

  l2tp_diagnosis_feed_charon (&charon, "authentication of 'evil\x1b[8m' failed\n");
  g_assert_cmpint (charon.failure, ==, L2TP_FAILURE_IKE_AUTH);
  assert_message_inert (&charon, "evil\\x1b[8m");

  l2tp_diagnosis_feed_peer_terminated (&lcp, "bye\xe2\x80\xae\xc2\x9b");
  assert_message_inert (&lcp, "bye\\u202e\\u009b");

  l2tp_diagnosis_clear (&stop);
  l2tp_diagnosis_clear (&cdn);
  l2tp_diagnosis_clear (&charon);
  l2tp_diagnosis_clear (&lcp);
}

/* Words passed straight to the message (charon's errmsg, a GError's text). */
static void
test_message_arguments (void)
{
  g_autofree char *m = l2tp_failure_message (L2TP_FAILURE_IPSEC_FAILED,
                                             "charon: \x1b[1;1H\xe2\x80\xae", NULL);
  g_autofree char *t = l2tp_failure_message (L2TP_FAILURE_TIMEOUT, "ipsec\n",
                                             "4\xc2\x9b"
                                             "5");

  assert_inert (m);
  g_assert_nonnull (strstr (m, "charon: \\x1b[1;1H\\u202e"));
  assert_inert (t);
}

/* Every line the service logs, whatever its arguments. */
static void
test_log_line (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("NM_VPN_LOG_SYSLOG", "0", TRUE);
      g_setenv ("NM_VPN_LOG_LEVEL", "7", TRUE);
      l2tp_log_init (TRUE);
      l2tp_log_notice ("Connect: %s (%s)", "Office\x1b]0;root\x07\xe2\x80\xae",
                       "x\n12:00:00.000 nm-l2tp-ipsec[1] <crit> forged");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*<notice> Connect: Office\\x1b]0;root\\x07\\u202e "
                             "(x\\x0a12:00:00.000 nm-l2tp-ipsec[1] <crit> forged)\n");
  g_test_trap_assert_stderr_unmatched ("*\x1b*");
}

/* xl2tpd's stderr with a byte that is not UTF-8, then lines that matter. */
static void
on_established (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
on_ended (const GError *error, gpointer user_data)
{
}

/* Only so that a reader which stopped cannot hang the test. */
static gboolean
on_give_up (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_xl2tpd_bytes (void)
{
  static const char log[]
      = "xl2tpd[9]: setting up \xff\xfe tunnel\n"
        "xl2tpd[9]: Call established with 10.0.0.1, Local: 1, Remote: 2, Serial: 1\n"
        "xl2tpd[9]: Connection 1 closed to 10.0.0.1, port 1701 (no \x1b[5m\xc0\xaf)\n";
  L2tpDiagnosis diag = { 0 };
  L2tpXl2tpdEvents events = { on_established, on_ended };
  gboolean established = FALSE;
  g_autoptr (GInputStream) stream
      = g_memory_input_stream_new_from_data (log, sizeof log - 1, NULL);
  L2tpXl2tpd *x = l2tp_xl2tpd_new ("/nonexistent", "lac", &diag, &events, &established);
  g_autoptr (GMainContext) ctx = g_main_context_ref_thread_default ();

  gboolean gave_up = FALSE;
  guint guard = g_timeout_add_seconds (20, on_give_up, &gave_up);

  l2tp_xl2tpd_read_log (x, stream);
  while (!gave_up && diag.failure == L2TP_FAILURE_NONE)
    g_main_context_iteration (ctx, TRUE);
  if (!gave_up)
    g_source_remove (guard);
  g_assert_true (established);
  g_assert_cmpint (diag.failure, ==, L2TP_FAILURE_L2TP_REFUSED);
  assert_message_inert (&diag, "no \\x1b[5m\\xc0\\xaf");
  l2tp_xl2tpd_free (x);
  l2tp_diagnosis_clear (&diag);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outside-text/diagnosis", test_diagnosis);
  g_test_add_func ("/outside-text/message-arguments", test_message_arguments);
  g_test_add_func ("/outside-text/log-line", test_log_line);
  g_test_add_func ("/outside-text/xl2tpd-bytes", test_xl2tpd_bytes);
  return g_test_run ();
}
