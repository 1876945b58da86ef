/* SPDX-License-Identifier: GPL-2.0-or-later */
/* shared/text-clean.h, exhaustively: every byte, every code point, the
 * invalid UTF-8 forms, and cuts at every budget. The expected output is
 * computed here from the header's rules, independently of the code. */
#include <string.h>

#include "text-clean.h"

/* Rules 3 and 4 of text-clean.h, written out as ranges. */
static const struct
{
  gunichar first, last;
} hidden[] = {
  { 0x0080, 0x009f }, /* C1 */
  { 0x061c, 0x061c }, /* ALM */
  { 0x200b, 0x200b }, /* zero width space */
  { 0x200e, 0x200f }, /* LRM, RLM */
  { 0x2028, 0x2029 }, /* line, paragraph separator */
  { 0x202a, 0x202e }, /* LRE RLE PDF LRO RLO */
  { 0x2060, 0x2060 }, /* word joiner */
  { 0x2066, 0x2069 }, /* LRI RLI FSI PDI */
  { 0xfeff, 0xfeff }, /* byte order mark */
  { 0xfff9, 0xfffb }, /* interlinear annotation */
};

static gboolean
expect_hidden (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    if (c >= hidden[i].first && c <= hidden[i].last)
      return TRUE;
  return FALSE;
}

/* What one valid character becomes. */
static char *
expect_char (gunichar c)
{
  char buf[8] = "";

  if (c < 0x20 || c == 0x7f)
    return g_strdup_printf ("\\x%02x", c);
  if (expect_hidden (c))
    return g_strdup_printf ("\\u%04x", c);
  g_unichar_to_utf8 (c, buf);
  return g_strdup (buf);
}

static void
assert_clean_len (const char *in, gsize len, gsize max, const char *want)
{
  g_autofree char *got = l2tp_text_clean_len (in, len, max);

  if (g_strcmp0 (got, want) != 0)
    {
      g_autofree char *hex = g_malloc0 (len * 3 + 1);

      for (gsize i = 0; i < len; i++)
        g_snprintf (hex + 3 * i, 4, "%02x ", (guchar) in[i]);
      g_error ("input %s(max %" G_GSIZE_FORMAT "): got '%s', want '%s'", hex, max, got,
               want);
    }
}

#define CLEAN(literal, want) assert_clean_len (literal, sizeof literal - 1, 0, want)

/* The result's promise: valid UTF-8, none of the characters of rules 2-4. */
static void
assert_safe (const char *out)
{
  g_assert_true (g_utf8_validate (out, -1, NULL));
  for (const char *p = out; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (c < 0x20 || c == 0x7f);
      g_assert_false (expect_hidden (c));
    }
}

static void
test_every_byte (void)
{
  for (guint b = 0; b < 256; b++)
    {
      char in[1] = { (char) b };
      g_autofree char *want
          = b < 0x20 || b >= 0x7f ? g_strdup_printf ("\\x%02x", b) : g_strndup (in, 1);

      assert_clean_len (in, 1, 0, want);
    }
}

static void
test_every_code_point (void)
{
  for (gunichar c = 0; c <= 0x10ffff; c++)
    {
      char in[8] = "a";
      g_autofree char *one = NULL;
      g_autofree char *want = NULL;
      gsize n;

      if (c >= 0xd800 && c <= 0xdfff)
        continue; /* surrogates are not characters: test_invalid */
      n = (gsize) g_unichar_to_utf8 (c, in + 1);
      in[n + 1] = 'b';
      one = expect_char (c);
      want = g_strdup_printf ("a%sb", one);
      assert_clean_len (in, n + 2, 0, want);
      /* ...and l2tp_text_char_is_hidden says the same as the header. */
      if (c >= 0x80)
        g_assert_cmpint (l2tp_text_char_is_hidden (c), ==, expect_hidden (c));
    }
}

static void
test_named (void)
{
  /* What the issue showed reaching root's log. */
  CLEAN ("\x1b[2J\x1b]0;owned\x07", "\\x1b[2J\\x1b]0;owned\\x07");
  CLEAN ("a\xc2\x9b"
         "31mb",
         "a\\u009b31mb");
  CLEAN ("user\xe2\x80\xaegnp.exe", "user\\u202egnp.exe");
  CLEAN ("1.2.3.4\xe2\x80\x8f:500", "1.2.3.4\\u200f:500");
  CLEAN ("line\nforged: ok\r", "line\\x0aforged: ok\\x0d");
  CLEAN ("tab\there", "tab\\x09here");
  CLEAN ("del\x7f", "del\\x7f");
  CLEAN ("DOMAIN\\user", "DOMAIN\\user");
  CLEAN ("Büro 办公室 オフィス مكتب", "Büro 办公室 オフィス مكتب");
  CLEAN ("\xd9\x85\xe2\x80\x8c\xd9\x85", "\xd9\x85\xe2\x80\x8c\xd9\x85"); /* ZWNJ kept */
  CLEAN ("\xef\xbb\xbfname", "\\ufeffname");
  CLEAN ("a\0b", "a\\x00b");
  CLEAN ("", "");
  g_assert_null (l2tp_text_clean (NULL, 0));
  {
    g_autofree char *s = l2tp_text_clean ("stops\0here", 0);
    g_assert_cmpstr (s, ==, "stops");
  }
}

static void
test_invalid (void)
{
  /* Overlong forms of '/' and NUL: escaped byte by byte. */
  CLEAN ("\xc0\xaf", "\\xc0\\xaf");
  CLEAN ("\xc1\xbf", "\\xc1\\xbf");
  CLEAN ("\xe0\x80\xaf", "\\xe0\\x80\\xaf");
  CLEAN ("\xf0\x80\x80\xaf", "\\xf0\\x80\\x80\\xaf");
  CLEAN ("\xc0\x80", "\\xc0\\x80");
  /* Encoded surrogates, above U+10FFFF, 5- and 6-byte forms. */
  CLEAN ("\xed\xa0\x80", "\\xed\\xa0\\x80");
  CLEAN ("\xed\xbf\xbf", "\\xed\\xbf\\xbf");
  CLEAN ("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
  CLEAN ("\xf8\x88\x80\x80\x80", "\\xf8\\x88\\x80\\x80\\x80");
  CLEAN ("\xfc\x84\x80\x80\x80\x80", "\\xfc\\x84\\x80\\x80\\x80\\x80");
  /* Truncated, then reading goes on: one bad byte costs only itself. */
  CLEAN ("\xe2\x82"
         "A",
         "\\xe2\\x82A");
  CLEAN ("\xe2\x82", "\\xe2\\x82");
  CLEAN ("\xe2\0\xac", "\\xe2\\x00\\xac");
  CLEAN ("\x80\xbf"
         "ok \xe2\x82\xac",
         "\\x80\\xbfok €");
  CLEAN ("\xfe\xff", "\\xfe\\xff");
  /* Every lead byte followed by every byte: whatever it is, the result is
   * safe and each input byte is either kept or escaped. */
  for (guint a = 0x80; a < 0x100; a++)
    for (guint b = 0; b < 0x100; b++)
      {
        char in[3] = { (char) a, (char) b, 'z' };
        g_autofree char *out = l2tp_text_clean_len (in, 3, 0);

        assert_safe (out);
        g_assert_true (g_str_has_suffix (out, "z"));
      }
}

/* Random bytes: always safe, cleaning twice changes nothing more. */
static void
test_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  for (guint r = 0; r < 20000; r++)
    {
      guint8 buf[64];
      gsize len = (gsize) g_rand_int_range (rand, 0, sizeof buf);
      g_autofree char *out = NULL;
      g_autofree char *again = NULL;

      for (gsize i = 0; i < len; i++)
        /* Bias towards the interesting: C1/bidi lead bytes, controls. */
        buf[i] = (guint8) (g_rand_boolean (rand)
                               ? g_rand_int_range (rand, 0, 256)
                               : "\xc2\xe2\x80\x81\x8e\xaa\xae\x1b\n"[g_rand_int_range (
                                   rand, 0, 9)]);
      out = l2tp_text_clean_len ((const char *) buf, len, 0);
      assert_safe (out);
      again = l2tp_text_clean (out, 0);
      g_assert_cmpstr (again, ==, out);
    }
}

/* A cut keeps whole pieces (a character or an escape), as many as fit. */
static void
test_cut (void)
{
  /* The input as pieces, each with what it becomes. */
  static const char *const in[]
      = { "a", "b", "\xe2\x82\xac", "\x1b", "c", "\xe2\x80\xae", "\xff", "\xe5\x8a\x9e",
          "d" };
  static const char *const out[]
      = { "a", "b", "€", "\\x1b", "c", "\\u202e", "\\xff", "办", "d" };
  g_autoptr (GString) whole_in = g_string_new (NULL);
  g_autoptr (GString) whole_out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (in); i++)
    {
      g_string_append (whole_in, in[i]);
      g_string_append (whole_out, out[i]);
    }
  for (gsize max = 1; max <= whole_out->len + 2; max++)
    {
      g_autoptr (GString) want = g_string_new (NULL);
      gboolean cut = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (out); i++)
        {
          if (want->len + strlen (out[i]) > max)
            {
              cut = TRUE;
              break;
            }
          g_string_append (want, out[i]);
        }
      if (cut)
        g_string_append (want, "…");
      assert_clean_len (whole_in->str, whole_in->len, max, want->str);
      g_assert_cmpuint (strlen (want->str), <=, max + 3);
    }
  assert_clean_len (whole_in->str, whole_in->len, 0, whole_out->str);
  /* Long text: the budget holds. */
  {
    g_autofree char *big = g_strnfill (100000, 'x');
    g_autofree char *s = l2tp_text_clean (big, L2TP_TEXT_CLEAN_LINE_MAX);

    g_assert_cmpuint (strlen (s), ==, L2TP_TEXT_CLEAN_LINE_MAX + 3);
    g_assert_true (g_str_has_suffix (s, "…"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-clean/every-byte", test_every_byte);
  g_test_add_func ("/text-clean/every-code-point", test_every_code_point);
  g_test_add_func ("/text-clean/named", test_named);
  g_test_add_func ("/text-clean/invalid", test_invalid);
  g_test_add_func ("/text-clean/random", test_random);
  g_test_add_func ("/text-clean/cut", test_cut);
  return g_test_run ();
}
