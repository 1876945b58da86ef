/* SPDX-License-Identifier: GPL-2.0-or-later */
/* peer-packet.c: frames as a server sends them, well-formed and not. */
#include <string.h>
#include <glib.h>

#include "../peer-packet.h"

static L2tpPeerPacket
classify (const guint8 *frame, gsize len, char **reason)
{
  return l2tp_peer_packet_classify (frame, len, reason);
}

static void
test_mppe_request (void)
{
  /* As the lab's pppd server sent it: CCP ConfReq <mppe +H -M +S -L -D -C>. */
  static const guint8 with_header[] = { 0xff, 0x03, 0x80, 0xfd, 0x01, 0x01, 0x00,
                                        0x0a, 0x12, 0x06, 0x01, 0x00, 0x00, 0x40 };
  /* Address and control already stripped; deflate (26) before MPPE. */
  static const guint8 second[] = { 0x80, 0xfd, 0x01, 0x07, 0x00, 0x0e, 0x1a, 0x04,
                                   0x78, 0x00, 0x12, 0x06, 0x01, 0x00, 0x00, 0x40 };
  /* Deflate only: CCP without MPPE is not an MPPE request. */
  static const guint8 deflate[]
      = { 0xff, 0x03, 0x80, 0xfd, 0x01, 0x01, 0x00, 0x08, 0x1a, 0x04, 0x78, 0x00 };
  /* A Configure-Ack carrying MPPE answers our request; not theirs. */
  static const guint8 ack[] = { 0xff, 0x03, 0x80, 0xfd, 0x02, 0x01, 0x00,
                                0x0a, 0x12, 0x06, 0x01, 0x00, 0x00, 0x40 };
  char *reason = NULL;

  g_assert_cmpint (classify (with_header, sizeof (with_header), &reason), ==,
                   L2TP_PEER_PACKET_MPPE_REQUEST);
  g_assert_null (reason);
  g_assert_cmpint (classify (second, sizeof (second), NULL), ==,
                   L2TP_PEER_PACKET_MPPE_REQUEST);
  g_assert_cmpint (classify (deflate, sizeof (deflate), NULL), ==,
                   L2TP_PEER_PACKET_OTHER);
  g_assert_cmpint (classify (ack, sizeof (ack), NULL), ==, L2TP_PEER_PACKET_OTHER);
}

static void
test_malformed (void)
{
  /* Length field beyond the frame. */
  static const guint8 long_len[]
      = { 0xff, 0x03, 0x80, 0xfd, 0x01, 0x01, 0x00, 0x40, 0x12, 0x06, 0x01, 0x00 };
  /* Length field below the header size. */
  static const guint8 short_len[] = { 0x80, 0xfd, 0x01, 0x01, 0x00, 0x03, 0x12, 0x06 };
  /* An option whose length runs past the packet hides the MPPE after it. */
  static const guint8 bad_option[] = { 0x80, 0xfd, 0x01, 0x01, 0x00, 0x0c, 0x1a,
                                       0x09, 0x78, 0x00, 0x12, 0x06, 0x01, 0x00 };
  /* A zero option length would loop forever if accepted. */
  static const guint8 zero_option[]
      = { 0x80, 0xfd, 0x01, 0x01, 0x00, 0x08, 0x1a, 0x00, 0x12, 0x02 };
  static const guint8 tiny[] = { 0xff, 0x03, 0xc0, 0x21, 0x05 };

  g_assert_cmpint (classify (long_len, sizeof (long_len), NULL), ==,
                   L2TP_PEER_PACKET_OTHER);
  g_assert_cmpint (classify (short_len, sizeof (short_len), NULL), ==,
                   L2TP_PEER_PACKET_OTHER);
  g_assert_cmpint (classify (bad_option, sizeof (bad_option), NULL), ==,
                   L2TP_PEER_PACKET_OTHER);
  g_assert_cmpint (classify (zero_option, sizeof (zero_option), NULL), ==,
                   L2TP_PEER_PACKET_OTHER);
  g_assert_cmpint (classify (tiny, sizeof (tiny), NULL), ==, L2TP_PEER_PACKET_OTHER);
  g_assert_cmpint (classify (NULL, 0, NULL), ==, L2TP_PEER_PACKET_OTHER);
}

static char *
terminate_reason (const char *text, gsize text_len)
{
  g_autoptr (GByteArray) frame = g_byte_array_new ();
  static const guint8 header[] = { 0xff, 0x03, 0xc0, 0x21, 0x05, 0x02 };
  guint8 len[2] = { (guint8) ((text_len + 4) >> 8), (guint8) (text_len + 4) };
  char *reason = NULL;

  g_byte_array_append (frame, header, sizeof (header));
  g_byte_array_append (frame, len, 2);
  g_byte_array_append (frame, (const guint8 *) text, (guint) text_len);
  g_assert_cmpint (classify (frame->data, frame->len, &reason), ==,
                   L2TP_PEER_PACKET_TERMINATE);
  g_assert_nonnull (reason);
  g_assert_true (g_utf8_validate (reason, -1, NULL));
  return reason;
}

static void
test_terminate (void)
{
  g_autofree char *plain = NULL, *empty = NULL, *controls = NULL, *invalid = NULL;
  g_autofree char *nul = NULL, *utf8 = NULL, *huge = NULL, *huge_utf8 = NULL;
  g_autofree char *c1_bidi = NULL;
  g_autofree char *big = g_strnfill (5000, 'a');
  g_autoptr (GString) many = g_string_new (NULL);

  plain = terminate_reason ("MPPE required but peer negotiation failed", 41);
  g_assert_cmpstr (plain, ==, "MPPE required but peer negotiation failed");
  empty = terminate_reason ("", 0);
  g_assert_cmpstr (empty, ==, "");
  controls = terminate_reason ("a\r\nb\x1b[31m\x7f", 10);
  g_assert_cmpstr (controls, ==, "a\\x0d\\x0ab\\x1b[31m\\x7f");
  /* C1 CSI and a bidi override: shown, not obeyed (shared/text-clean.h). */
  c1_bidi = terminate_reason ("\xc2\x9b"
                              "2Jbye\xe2\x80\xae"
                              "cba",
                              13);
  g_assert_cmpstr (c1_bidi, ==, "\\u009b2Jbye\\u202ecba");
  invalid = terminate_reason ("bad \xff\xfe end", 10);
  g_assert_cmpstr (invalid, ==, "bad \\xff\\xfe end");
  nul = terminate_reason ("a\0b", 3);
  g_assert_cmpuint (strlen (nul), >=, 2);
  g_assert_true (nul[0] == 'a' && nul[strlen (nul) - 1] == 'b');
  g_assert_null (strchr (nul, '\n'));
  utf8 = terminate_reason ("认证失败", strlen ("认证失败"));
  g_assert_cmpstr (utf8, ==, "认证失败");
  huge = terminate_reason (big, 5000);
  g_assert_cmpuint (strlen (huge), ==, L2TP_PEER_REASON_MAX);
  /* Capped on a character boundary, never in the middle of one. */
  for (guint i = 0; i < 100; i++)
    g_string_append (many, "失");
  huge_utf8 = terminate_reason (many->str, many->len);
  g_assert_cmpuint (strlen (huge_utf8), <=, L2TP_PEER_REASON_MAX);
  g_assert_cmpuint (strlen (huge_utf8) % 3, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peer-packet/mppe-request", test_mppe_request);
  g_test_add_func ("/peer-packet/malformed", test_malformed);
  g_test_add_func ("/peer-packet/terminate", test_terminate);
  return g_test_run ();
}
