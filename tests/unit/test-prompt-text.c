/* SPDX-License-Identifier: GPL-2.0-or-later */
/* auth-dialog/prompt-text.h: the service's x-vpn-message hints and the
 * connection's name made safe to show, and the prompt built from them.
 * Hostile input: line breaks that would add a line to nmcli's prompt or a
 * key to the external-UI key file, terminal escapes, reordering characters,
 * invalid UTF-8, markup, and text far over the budget. */
#include <string.h>

#include "prompt-text.h"

#define ASKS(name)                                                                       \
  "You need to authenticate to access the Virtual Private Network “" name "”."

static void
assert_message (const char *const *hints, const char *want)
{
  g_autofree char *got = l2tp_prompt_hint_message (hints);

  g_assert_cmpstr (got, ==, want);
}

static void
test_no_message (void)
{
  const char *const secrets_only[] = { "password", "ipsec-psk", NULL };
  const char *const empty[] = { "x-vpn-message:", NULL };
  const char *const blank[] = { "x-vpn-message: \r\n\t ", "password", NULL };
  const char *const not_a_prefix[] = { "X-VPN-MESSAGE:shout", "x-vpn-messages", NULL };

  assert_message (NULL, NULL);
  assert_message (secrets_only, NULL);
  assert_message (empty, NULL);
  assert_message (blank, NULL);
  assert_message (not_a_prefix, NULL);
}

static void
test_plain (void)
{
  const char *const plain[] = { "password", "x-vpn-message:Wrong password.", NULL };
  /* Markup is shown, not interpreted: nothing is removed or escaped. */
  const char *const markup[] = { "x-vpn-message:<b>bold</b> &amp; & <span>", NULL };
  const char *const joined[]
      = { "x-vpn-message:One.", "password", "x-vpn-message:Two.", NULL };
  const char *const unicode[] = { "x-vpn-message:密码错误 パスワード", NULL };

  assert_message (plain, "Wrong password.");
  assert_message (markup, "<b>bold</b> &amp; & <span>");
  assert_message (joined, "One. Two.");
  assert_message (unicode, "密码错误 パスワード");
}

static void
test_line_breaks (void)
{
  const char *const breaks[]
      = { "x-vpn-message:\nRefused.\r\n[ipsec-psk]\n\nShouldAsk=true\t\tend\n", NULL };

  assert_message (breaks, "Refused. [ipsec-psk] ShouldAsk=true end");
}

static void
test_controls (void)
{
  const char *const escape[] = { "x-vpn-message:red\x1b[31m bell\x07 del\x7f", NULL };
  const char *const bidi[] = { "x-vpn-message:pay \xe2\x80\xae"
                               "0001",
                               NULL };
  const char *const invalid[] = { "x-vpn-message:bad \xff\xc0\xaf end", NULL };
  const char *const c1[] = { "x-vpn-message:csi \xc2\x9b"
                             "2J",
                             NULL };

  assert_message (escape, "red\\x1b[31m bell\\x07 del\\x7f");
  assert_message (bidi, "pay \\u202e0001");
  assert_message (invalid, "bad \\xff\\xc0\\xaf end");
  assert_message (c1, "csi \\u009b2J");
}

static void
test_budget (void)
{
  g_autofree char *long_text = g_strnfill (5000, 'a');
  g_autofree char *hint = g_strconcat ("x-vpn-message:", long_text, NULL);
  const char *const hints[] = { hint, NULL };
  g_autofree char *got = l2tp_prompt_hint_message (hints);
  g_autofree char *name = l2tp_prompt_clean (long_text, L2TP_PROMPT_NAME_MAX);

  g_assert_cmpuint (strlen (got), ==, L2TP_PROMPT_MESSAGE_MAX + 3);
  g_assert_true (g_str_has_suffix (got, "…"));
  g_assert_cmpuint (strlen (name), ==, L2TP_PROMPT_NAME_MAX + 3);
}

static void
test_description (void)
{
  const char *const message[] = { "password", "x-vpn-message:Wrong password.", NULL };
  const char *const secrets_only[] = { "password", NULL };
  g_autofree char *with = l2tp_prompt_description ("corp-vpn", message);
  g_autofree char *without = l2tp_prompt_description ("corp-vpn", secrets_only);
  g_autofree char *hostile = l2tp_prompt_description ("corp\n[password]\x1b", NULL);
  g_autofree char *unnamed = l2tp_prompt_description (NULL, NULL);

  g_assert_cmpstr (with, ==, "Wrong password.\n\n" ASKS ("corp-vpn"));
  g_assert_cmpstr (without, ==, ASKS ("corp-vpn"));
  g_assert_cmpstr (hostile, ==, ASKS ("corp [password]\\x1b"));
  g_assert_cmpstr (unnamed, ==, ASKS (""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/prompt-text/no-message", test_no_message);
  g_test_add_func ("/prompt-text/plain", test_plain);
  g_test_add_func ("/prompt-text/line-breaks", test_line_breaks);
  g_test_add_func ("/prompt-text/controls", test_controls);
  g_test_add_func ("/prompt-text/budget", test_budget);
  g_test_add_func ("/prompt-text/description", test_description);
  return g_test_run ();
}
