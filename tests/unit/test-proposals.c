/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/proposals.c */
#include "shared/proposals.h"

#include <string.h>

#define IKE L2TP_PROPOSAL_IKE
#define ESP L2TP_PROPOSAL_ESP

/* Parses @text, which must succeed, and returns its canonical text. */
static char *
canonical (L2tpProposalKind kind, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProposalSet) set = NULL;

  set = l2tp_proposal_set_parse (kind, "ipsec-test", text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  return l2tp_proposal_set_to_string (set);
}

static void
assert_canonical (L2tpProposalKind kind, const char *text, const char *expected)
{
  g_autofree char *got = canonical (kind, text);

  g_assert_cmpstr (got, ==, expected);
}

/* Parsing must fail with exactly @message. */
static void
assert_refused (L2tpProposalKind kind, const char *text, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProposalSet) set = NULL;

  set = l2tp_proposal_set_parse (kind, kind == IKE ? "ipsec-ike" : "ipsec-esp", text,
                                 &error);
  g_assert_null (set);
  g_assert_error (error, L2TP_PROPOSAL_ERROR, L2TP_PROPOSAL_ERROR_INVALID);
  if (message)
    g_assert_cmpstr (error->message, ==, message);
}

static L2tpProposalSet *
parse_ok (L2tpProposalKind kind, const char *text)
{
  g_autoptr (GError) error = NULL;
  L2tpProposalSet *set;

  set = l2tp_proposal_set_parse (kind, "ipsec-test", text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static void
test_parse_basic (void)
{
  g_autoptr (L2tpProposalSet) set = parse_ok (IKE, "aes128-sha1-modp2048");
  g_autofree char *swan = l2tp_proposal_set_to_strongswan (set);
  g_autofree char *libre = l2tp_proposal_set_to_libreswan (set, NULL);
  g_autofree char *text = l2tp_proposal_set_to_string (set);
  const L2tpProposal *p;

  g_assert_cmpuint (l2tp_proposal_set_get_length (set), ==, 1);
  g_assert_cmpint (l2tp_proposal_set_get_kind (set), ==, IKE);
  g_assert_false (l2tp_proposal_set_is_strict (set));
  g_assert_true (l2tp_proposal_set_has_dh (set));
  p = l2tp_proposal_set_get (set, 0);
  g_assert_cmpint (p->enc, ==, L2TP_ENC_AES128);
  g_assert_cmpint (p->integ, ==, L2TP_INTEG_SHA1);
  g_assert_cmpint (p->dh, ==, L2TP_DH_MODP2048);
  g_assert_cmpint (p->dh, ==, 14);
  g_assert_cmpstr (swan, ==, "aes128-sha1-modp2048");
  g_assert_cmpstr (libre, ==, "aes128-sha1;modp2048");
  g_assert_cmpstr (text, ==, "aes128-sha1-modp2048");
}

static void
test_parse_strict (void)
{
  g_autoptr (L2tpProposalSet) set = parse_ok (ESP, "3des-sha1!");
  g_autoptr (L2tpProposalSet) loose = parse_ok (ESP, "3des-sha1");
  g_autofree char *text = l2tp_proposal_set_to_string (set);
  g_autofree char *swan = l2tp_proposal_set_to_strongswan (set);
  g_autofree char *libre = l2tp_proposal_set_to_libreswan (set, NULL);

  g_assert_true (l2tp_proposal_set_is_strict (set));
  g_assert_false (l2tp_proposal_set_is_strict (loose));
  g_assert_false (l2tp_proposal_set_has_dh (set));
  g_assert_false (l2tp_proposal_set_equal (set, loose));
  g_assert_cmpstr (text, ==, "3des-sha1!");
  g_assert_cmpstr (swan, ==, "3des-sha1");
  g_assert_cmpstr (libre, ==, "3des-sha1");

  assert_canonical (IKE, "aes128-sha1-modp2048,3des-sha1-modp1024 ! ",
                    "aes128-sha1-modp2048,3des-sha1-modp1024!");
  assert_canonical (ESP, "aes128-sha1", "aes128-sha1");
}

static void
test_parse_multiple (void)
{
  g_autoptr (L2tpProposalSet) set
      = parse_ok (IKE, "aes256-sha256-modp2048,3des-sha1-modp1024");
  g_autofree char *swan = l2tp_proposal_set_to_strongswan (set);
  g_autofree char *libre = l2tp_proposal_set_to_libreswan (set, NULL);

  g_assert_cmpuint (l2tp_proposal_set_get_length (set), ==, 2);
  g_assert_cmpint (l2tp_proposal_set_get (set, 1)->enc, ==, L2TP_ENC_3DES);
  g_assert_cmpint (l2tp_proposal_set_get (set, 1)->dh, ==, L2TP_DH_MODP1024);
  g_assert_cmpstr (swan, ==, "aes256-sha256-modp2048,3des-sha1-modp1024");
  g_assert_cmpstr (libre, ==, "aes256-sha2_256;modp2048,3des-sha1;modp1024");
}

static void
test_parse_libreswan (void)
{
  g_autoptr (L2tpProposalSet) set = parse_ok (IKE, "aes256-sha2_256;modp2048");
  g_autofree char *libre = l2tp_proposal_set_to_libreswan (set, NULL);

  g_assert_cmpstr (libre, ==, "aes256-sha2_256;modp2048");
  assert_canonical (IKE, "aes256-sha2_256;modp2048", "aes256-sha256-modp2048");
  assert_canonical (IKE, "aes256-sha2_256;modp2048,3des-sha1;modp1024",
                    "aes256-sha256-modp2048,3des-sha1-modp1024");
  assert_canonical (IKE, "aes-sha2;dh14", "aes128-sha256-modp2048");
  assert_canonical (IKE, "3des-sha;dh2", "3des-sha1-modp1024");
  assert_canonical (IKE, "aes256-sha1;ecp_384", "aes256-sha1-ecp384");
  assert_canonical (ESP, "aes128-sha1;modp1024", "aes128-sha1-modp1024");
  assert_canonical (ESP, "aes_gcm256-null", "aes256gcm16");
  assert_canonical (ESP, "aes_gcm128;modp2048", "aes128gcm16-modp2048");
}

static void
test_parse_aes_alias (void)
{
  g_autoptr (L2tpProposalSet) set = parse_ok (ESP, "aes-sha1");

  g_assert_cmpint (l2tp_proposal_set_get (set, 0)->enc, ==, L2TP_ENC_AES128);
  assert_canonical (ESP, "aes-sha1", "aes128-sha1");
  assert_canonical (IKE, "aes-sha1-modp1024", "aes128-sha1-modp1024");
}

static void
test_parse_aead (void)
{
  g_autoptr (L2tpProposalSet) esp = parse_ok (ESP, "aes128gcm16");
  g_autoptr (L2tpProposalSet) ike = parse_ok (IKE, "aes256gcm16-prfsha256-ecp256");
  g_autofree char *esp_libre = l2tp_proposal_set_to_libreswan (esp, NULL);
  g_autofree char *ike_swan = l2tp_proposal_set_to_strongswan (ike);
  g_autofree char *ike_libre = l2tp_proposal_set_to_libreswan (ike, NULL);

  g_assert_cmpint (l2tp_proposal_set_get (esp, 0)->enc, ==, L2TP_ENC_AES128_GCM16);
  g_assert_cmpint (l2tp_proposal_set_get (esp, 0)->integ, ==, L2TP_INTEG_NONE);
  g_assert_cmpint (l2tp_proposal_set_get (ike, 0)->integ, ==, L2TP_INTEG_SHA256);
  g_assert_cmpstr (esp_libre, ==, "aes_gcm128");
  g_assert_cmpstr (ike_swan, ==, "aes256gcm16-prfsha256-ecp256");
  g_assert_cmpstr (ike_libre, ==, "aes_gcm256-sha2_256;ecp_256");

  assert_canonical (ESP, "aes128gcm16", "aes128gcm16");
  assert_canonical (ESP, "AES256GCM128-MODP2048", "aes256gcm16-modp2048");
  assert_canonical (ESP, "aes192gcm16", "aes192gcm16");
  /* In IKE a plain hash next to GCM is the PRF, as in both daemons. */
  assert_canonical (IKE, "aes256gcm16-sha384-ecp384", "aes256gcm16-prfsha384-ecp384");
}

static void
test_parse_spellings (void)
{
  static const struct
  {
    L2tpProposalKind kind;
    const char *in, *out, *libreswan;
  } cases[] = {
    { IKE, "aes256-sha2_512-modp4096", "aes256-sha512-modp4096",
      "aes256-sha2_512;modp4096" },
    { IKE, "aes192-sha384-modp3072", "aes192-sha384-modp3072",
      "aes192-sha2_384;modp3072" },
    { IKE, "aes128-sha2_384-modp1536", "aes128-sha384-modp1536",
      "aes128-sha2_384;modp1536" },
    { IKE, "aes256-sha256-modp6144", "aes256-sha256-modp6144",
      "aes256-sha2_256;modp6144" },
    { IKE, "aes256-sha512-modp8192", "aes256-sha512-modp8192",
      "aes256-sha2_512;modp8192" },
    { IKE, "3des-md5-modp768", "3des-md5-modp768", "3des-md5;modp768" },
    { IKE, "aes128-sha1-ecp256", "aes128-sha1-ecp256", "aes128-sha1;ecp_256" },
    { IKE, "aes256-sha384-ecp_384", "aes256-sha384-ecp384", "aes256-sha2_384;ecp_384" },
    { IKE, "aes256-sha512-ecp521", "aes256-sha512-ecp521", "aes256-sha2_512;ecp_521" },
    { IKE, "aes256-sha256-curve25519", "aes256-sha256-curve25519",
      "aes256-sha2_256;curve25519" },
    { IKE, "aes256-sha256-x25519", "aes256-sha256-curve25519",
      "aes256-sha2_256;curve25519" },
    { IKE, "aes256-sha256-dh31", "aes256-sha256-curve25519",
      "aes256-sha2_256;curve25519" },
    { IKE, "aes256-sha256-dh19", "aes256-sha256-ecp256", "aes256-sha2_256;ecp_256" },
    { IKE, "aes128-sha256;dh5", "aes128-sha256-modp1536", "aes128-sha2_256;modp1536" },
    { ESP, "aes256-sha2_256", "aes256-sha256", "aes256-sha2_256" },
    { ESP, "aes128-md5", "aes128-md5", "aes128-md5" },
    { ESP, "3des-sha512-modp1024", "3des-sha512-modp1024", "3des-sha2_512;modp1024" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (L2tpProposalSet) set = parse_ok (cases[i].kind, cases[i].in);
      g_autofree char *out = l2tp_proposal_set_to_string (set);
      g_autofree char *libre = l2tp_proposal_set_to_libreswan (set, NULL);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpstr (libre, ==, cases[i].libreswan);
    }
}

static void
test_parse_case_and_blanks (void)
{
  assert_canonical (IKE, " AES128 - SHA1 ; MODP2048 ", "aes128-sha1-modp2048");
  assert_canonical (IKE, "Aes256-Sha2_256-Modp2048 , 3DES-SHA1-MODP1024",
                    "aes256-sha256-modp2048,3des-sha1-modp1024");
  assert_canonical (ESP, "\taes128-sha1\t", "aes128-sha1");
}

static void
test_parse_expansion (void)
{
  g_autoptr (L2tpProposalSet) set = parse_ok (IKE, "aes256-aes128-sha256-sha1-modp2048");
  g_autofree char *text = l2tp_proposal_set_to_string (set);

  g_assert_cmpuint (l2tp_proposal_set_get_length (set), ==, 4);
  g_assert_cmpstr (text, ==,
                   "aes256-sha256-modp2048,aes256-sha1-modp2048,"
                   "aes128-sha256-modp2048,aes128-sha1-modp2048");
  /* Duplicates collapse, also across proposals and aliases. */
  assert_canonical (ESP, "aes-aes128-sha1,aes128-sha1,aes-sha", "aes128-sha1");
  /* Algorithm order inside a proposal does not matter. */
  assert_canonical (IKE, "modp2048-sha1-aes128", "aes128-sha1-modp2048");
  assert_canonical (ESP, "aes128-sha1-modp1024-modp2048",
                    "aes128-sha1-modp1024,aes128-sha1-modp2048");
}

static void
test_round_trip (void)
{
  static const struct
  {
    L2tpProposalKind kind;
    const char *text;
  } cases[] = {
    { IKE, "aes128-sha1-modp2048" },
    { IKE, "aes256-sha2_256;modp2048,3des-sha1;modp1024!" },
    { IKE, "aes256gcm16-prfsha256-ecp256" },
    { IKE, "aes-aes256-sha1-md5-modp1024-modp2048-ecp384" },
    { ESP, "3des-sha1!" },
    { ESP, "aes_gcm256-null,aes-sha1;modp1024" },
    { ESP, "aes128gcm16,aes256-sha512-curve25519" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (L2tpProposalSet) first = parse_ok (cases[i].kind, cases[i].text);
      g_autofree char *text = l2tp_proposal_set_to_string (first);
      g_autoptr (L2tpProposalSet) second = parse_ok (cases[i].kind, text);
      g_autofree char *again = l2tp_proposal_set_to_string (second);
      g_autofree char *swan = l2tp_proposal_set_to_strongswan (first);
      g_autoptr (L2tpProposalSet) from_swan = parse_ok (cases[i].kind, swan);
      g_autofree char *libre = l2tp_proposal_set_to_libreswan (first, NULL);
      g_autoptr (L2tpProposalSet) from_libre = NULL;

      g_assert_true (l2tp_proposal_set_equal (first, second));
      g_assert_cmpstr (text, ==, again);
      g_assert_cmpuint (l2tp_proposal_set_get_length (from_swan), ==,
                        l2tp_proposal_set_get_length (first));
      if (libre)
        {
          from_libre = parse_ok (cases[i].kind, libre);
          g_assert_cmpuint (l2tp_proposal_set_get_length (from_libre), ==,
                            l2tp_proposal_set_get_length (first));
        }
    }
}

static void
test_refuse_unknown (void)
{
  assert_refused (IKE, "aes128-shaa1-modp2048",
                  "ipsec-ike: unknown algorithm 'shaa1' in proposal "
                  "'aes128-shaa1-modp2048'");
  assert_refused (ESP, "aes128-sha1,blowfish-sha1",
                  "ipsec-esp: unknown algorithm 'blowfish' in proposal 'blowfish-sha1'");
  assert_refused (IKE, "aes128-sha1-modp2047",
                  "ipsec-ike: unknown algorithm 'modp2047' in proposal "
                  "'aes128-sha1-modp2047'");
  assert_refused (IKE, "aes128-sha1-dh3",
                  "ipsec-ike: unknown algorithm 'dh3' in proposal 'aes128-sha1-dh3'");
  assert_refused (ESP, "aes128-sha1-default",
                  "ipsec-esp: unknown algorithm 'default' in proposal "
                  "'aes128-sha1-default'");
  assert_refused (ESP, "des-sha1",
                  "ipsec-esp: single DES in proposal 'des-sha1' is broken and not "
                  "supported; use aes128 or 3des");
}

static void
test_refuse_incomplete (void)
{
  assert_refused (IKE, "aes128-sha1",
                  "ipsec-ike: proposal 'aes128-sha1' has no DH group, which IKE requires "
                  "(e.g. modp2048)");
  assert_refused (IKE, "sha1-modp2048",
                  "ipsec-ike: proposal 'sha1-modp2048' has no encryption algorithm "
                  "(e.g. aes128)");
  assert_refused (ESP, "aes128",
                  "ipsec-esp: proposal 'aes128' has no integrity algorithm (e.g. sha1)");
  assert_refused (ESP, "aes128gcm16-sha1",
                  "ipsec-esp: proposal 'aes128gcm16-sha1' has a GCM cipher, which takes "
                  "no integrity algorithm");
  assert_refused (IKE, "aes128gcm16-modp2048",
                  "ipsec-ike: proposal 'aes128gcm16-modp2048' has a GCM cipher, which in "
                  "IKE needs a PRF (e.g. prfsha256)");
  assert_refused (IKE, "aes128-sha1-prfsha256-modp2048",
                  "ipsec-ike: proposal 'aes128-sha1-prfsha256-modp2048' has a separate "
                  "PRF, which is only supported with a GCM cipher");
  assert_refused (ESP, "aes128-null",
                  "ipsec-esp: proposal 'aes128-null' has 'null' integrity, which is only "
                  "allowed with a GCM cipher");
  assert_refused (ESP, "aes128-aes128gcm16-sha1",
                  "ipsec-esp: proposal 'aes128-aes128gcm16-sha1' mixes GCM and non-GCM "
                  "ciphers; write them as separate proposals");
  assert_refused (ESP, "aes128-sha1;sha256",
                  "ipsec-esp: only a DH group may follow ';' in proposal "
                  "'aes128-sha1;sha256', not 'sha256'");
  assert_refused (ESP, "aes128-sha1;modp1024;modp2048",
                  "ipsec-esp: more than one ';' in proposal "
                  "'aes128-sha1;modp1024;modp2048'");
}

static void
test_refuse_empty (void)
{
  assert_refused (ESP, "aes128-sha1,,3des-sha1",
                  "ipsec-esp: empty proposal (a comma too many?)");
  assert_refused (ESP, ",aes128-sha1", "ipsec-esp: empty proposal (a comma too many?)");
  assert_refused (ESP, "aes128-sha1,", "ipsec-esp: empty proposal (a comma too many?)");
  assert_refused (ESP, "aes128-sha1, ,3des-sha1",
                  "ipsec-esp: empty proposal (a comma too many?)");
  assert_refused (ESP, "", "ipsec-esp: no proposal given");
  assert_refused (ESP, "   ", "ipsec-esp: no proposal given");
  assert_refused (ESP, NULL, "ipsec-esp: no proposal given");
  assert_refused (ESP, "!", "ipsec-esp: no proposal given");
  assert_refused (ESP, "aes128--sha1",
                  "ipsec-esp: empty algorithm name in proposal 'aes128--sha1'");
  assert_refused (ESP, "aes128-sha1-",
                  "ipsec-esp: empty algorithm name in proposal 'aes128-sha1-'");
  assert_refused (ESP, "aes128-sha1;",
                  "ipsec-esp: empty algorithm name in proposal 'aes128-sha1;'");
}

static void
test_refuse_hostile (void)
{
  g_autofree char *huge = NULL;
  g_autofree char *commas = NULL;
  g_autoptr (GString) long_ok = g_string_new (NULL);

  assert_refused (ESP, "aes128-sha1\nleftupdown=/bin/sh",
                  "ipsec-esp: the value contains a control character (such as a line "
                  "break)");
  assert_refused (ESP, "aes128-sha1\r", NULL);
  assert_refused (ESP, "aes128-sha1\x1b[0m", NULL);
  assert_refused (ESP, "aes128-sha1\x7f", NULL);
  assert_refused (ESP, "aes128-sha1\"",
                  "ipsec-esp: unknown algorithm 'sha1\"' in proposal 'aes128-sha1\"'");
  assert_refused (ESP, "\"aes128-sha1\"", NULL);
  assert_refused (ESP, "aes128-sha1 # comment",
                  "ipsec-esp: unknown algorithm 'sha1 # comment' in proposal "
                  "'aes128-sha1 # comment'");
  assert_refused (ESP, "aes 128-sha1",
                  "ipsec-esp: unknown algorithm 'aes 128' in proposal 'aes 128-sha1'");
  assert_refused (ESP, "aes128-sha1!!",
                  "ipsec-esp: unknown algorithm 'sha1!' in proposal 'aes128-sha1!'");
  assert_refused (ESP, "aes128!-sha1", NULL);
  assert_refused (ESP, "aes128-sha1\xff\xfe", "ipsec-esp: the value is not valid UTF-8");
  assert_refused (ESP,
                  "aes128-sh\xc3\xa4"
                  "1",
                  NULL); /* valid UTF-8, unknown */
  assert_refused (ESP, "aes128-sha1 } include /etc/shadow", NULL);

  huge = g_strnfill (64 * 1024, 'a');
  assert_refused (ESP, huge,
                  "ipsec-esp: the value is too long (65536 bytes, at most 4096)");
  commas = g_strnfill (1000, ',');
  assert_refused (ESP, commas, "ipsec-esp: empty proposal (a comma too many?)");
  g_free (commas);
  commas = g_strnfill (4096, '-');
  assert_refused (ESP, commas, NULL);

  /* Many repeated proposals within the length limit collapse into one. */
  while (long_ok->len < 4000)
    g_string_append (long_ok, "aes128-sha1,");
  g_string_append (long_ok, "aes128-sha1");
  assert_canonical (ESP, long_ok->str, "aes128-sha1");

  /* Too many distinct combinations. */
  assert_refused (IKE,
                  "aes128-aes192-aes256-3des-md5-sha1-sha256-sha384-sha512-modp1024-"
                  "modp2048-modp3072-modp4096",
                  "ipsec-ike: too many proposals (at most 64)");
}

static void
test_default_ike (void)
{
  g_autoptr (L2tpProposalSet) set = l2tp_proposal_set_new_default (IKE);
  g_autoptr (L2tpProposalSet) all = l2tp_proposal_default_ike_all ();
  g_autofree char *text = l2tp_proposal_set_to_string (set);
  g_autofree char *libre = l2tp_proposal_set_to_libreswan (set, NULL);
  g_autoptr (L2tpProposalSet) again = parse_ok (IKE, text);
  guint n = l2tp_proposal_set_get_length (set);

  /* The first round: what phones and Windows offer. */
  g_assert_cmpuint (n, ==, 22);
  g_assert_false (l2tp_proposal_set_is_strict (set));
  g_assert_true (l2tp_proposal_set_equal (set, again));
  g_assert_cmpstr (text, ==,
                   "aes256-sha256-modp2048,aes128-sha256-modp2048,aes256-sha1-modp2048,"
                   "aes128-sha1-modp2048,aes256-sha256-ecp384,aes256-sha1-ecp384,"
                   "aes128-sha256-ecp256,aes128-sha1-ecp256,"
                   "aes256-sha256-modp1536,aes128-sha256-modp1536,aes256-sha1-modp1536,"
                   "aes128-sha1-modp1536,aes256-sha256-modp1024,aes128-sha256-modp1024,"
                   "aes256-sha1-modp1024,aes128-sha1-modp1024,aes256-md5-modp1024,"
                   "aes128-md5-modp1024,3des-sha1-modp2048,3des-sha1-modp1536,"
                   "3des-sha1-modp1024,3des-md5-modp1024");
  g_assert_true (g_str_has_prefix (libre, "aes256-sha2_256;modp2048,"));
  g_assert_true (g_str_has_suffix (libre, ",3des-sha1;modp1024,3des-md5;modp1024"));
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (l2tp_proposal_set_get (set, i)->dh, !=, L2TP_DH_NONE);

  /* Every later round's transform: 4 ciphers x 5 hashes x 8 groups, the
   * first round first, each once, the rarest last. */
  g_assert_cmpuint (l2tp_proposal_set_get_length (all), ==, 4 * 5 * 8);
  for (guint i = 0; i < n; i++)
    g_assert_true (l2tp_proposal_set_contains (set, l2tp_proposal_set_get (all, i)));
  g_assert_cmpint (l2tp_proposal_set_get (all, n)->enc, ==, L2TP_ENC_AES256);
  g_assert_cmpint (l2tp_proposal_set_get (all, n)->integ, ==, L2TP_INTEG_SHA256);
  g_assert_cmpint (l2tp_proposal_set_get (all, n)->dh, ==, L2TP_DH_ECP256);
  g_assert_cmpint (l2tp_proposal_set_get (all, 159)->enc, ==, L2TP_ENC_3DES);
  g_assert_cmpint (l2tp_proposal_set_get (all, 159)->integ, ==, L2TP_INTEG_MD5);
  g_assert_cmpint (l2tp_proposal_set_get (all, 159)->dh, ==, L2TP_DH_ECP521);
}

static void
test_default_esp (void)
{
  g_autoptr (L2tpProposalSet) set = l2tp_proposal_set_new_default (ESP);
  g_autoptr (L2tpProposalSet) rare = l2tp_proposal_default_esp_rare ();
  g_autofree char *text = l2tp_proposal_set_to_string (set);
  g_autofree char *rare_text = l2tp_proposal_set_to_string (rare);
  g_autofree char *libre = l2tp_proposal_set_to_libreswan (set, NULL);
  const L2tpDhGroup *groups = l2tp_proposal_default_pfs_groups ();
  guint ngroups = 0;

  /* Without PFS: the plan adds the groups one Quick Mode at a time. */
  g_assert_cmpuint (l2tp_proposal_set_get_length (set), ==, 16);
  g_assert_false (l2tp_proposal_set_has_dh (set));
  g_assert_false (l2tp_proposal_set_has_dh (rare));
  g_assert_cmpstr (text, ==,
                   "aes256-sha256,aes128-sha256,aes256-sha1,aes128-sha1,aes256gcm16,"
                   "aes128gcm16,aes256-sha384,aes256-sha512,aes192-sha256,aes192-sha1,"
                   "aes192gcm16,3des-sha1,aes256-md5,aes128-md5,3des-md5,aes128-sha384");
  g_assert_cmpstr (rare_text, ==,
                   "aes128-sha512,aes192-sha384,aes192-sha512,aes192-md5,3des-sha256,"
                   "3des-sha384,3des-sha512");
  g_assert_true (g_str_has_prefix (libre, "aes256-sha2_256,aes128-sha2_256,"));
  for (guint i = 0; i < l2tp_proposal_set_get_length (rare); i++)
    g_assert_false (l2tp_proposal_set_contains (set, l2tp_proposal_set_get (rare, i)));
  while (groups[ngroups] != L2TP_DH_NONE)
    ngroups++;
  g_assert_cmpuint (ngroups, ==, 8);
  g_assert_cmpint (groups[0], ==, L2TP_DH_MODP2048);
}

static void
test_pfs_helpers (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProposalSet) esp = parse_ok (ESP, "aes128-sha1,3des-sha1!");
  g_autoptr (L2tpProposalSet) added = l2tp_proposal_set_with_dh (esp, L2TP_DH_MODP1024);
  g_autoptr (L2tpProposalSet) none = l2tp_proposal_set_filter_dh (esp, TRUE);
  g_autoptr (L2tpProposalSet) two
      = parse_ok (ESP, "aes128-sha1-modp1024,3des-sha1-modp2048");
  g_autofree char *added_text = l2tp_proposal_set_to_string (added);
  g_autofree char *added_libre = l2tp_proposal_set_to_libreswan (added, NULL);
  g_autofree char *two_libre = l2tp_proposal_set_to_libreswan (two, &error);
  g_autofree char *two_swan = l2tp_proposal_set_to_strongswan (two);

  g_assert_null (none);
  g_assert_false (l2tp_proposal_set_has_dh (esp));
  g_assert_true (l2tp_proposal_set_has_dh (added));
  g_assert_cmpstr (added_text, ==, "aes128-sha1-modp1024,3des-sha1-modp1024!");
  g_assert_cmpstr (added_libre, ==, "aes128-sha1;modp1024,3des-sha1;modp1024");
  g_assert_cmpstr (two_swan, ==, "aes128-sha1-modp1024,3des-sha1-modp2048");
  g_assert_null (two_libre);
  g_assert_error (error, L2TP_PROPOSAL_ERROR, L2TP_PROPOSAL_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "ipsec-esp: libreswan offers a single PFS group; 'modp1024' and "
                   "'modp2048' differ");
}

static void
test_copy_equal (void)
{
  g_autoptr (L2tpProposalSet) set = parse_ok (IKE, "aes128-sha1-modp2048,3des-md5-dh2!");
  g_autoptr (L2tpProposalSet) copy = l2tp_proposal_set_copy (set);
  g_autoptr (L2tpProposalSet) other
      = parse_ok (ESP, "aes128-sha1-modp2048,3des-md5-dh2!");
  g_autofree char *text = l2tp_proposal_set_to_string (copy);

  g_assert_true (copy != set);
  g_assert_true (l2tp_proposal_set_equal (set, copy));
  g_assert_false (l2tp_proposal_set_equal (set, other)); /* kind differs */
  g_assert_true (l2tp_proposal_set_is_strict (copy));
  g_assert_cmpstr (text, ==, "aes128-sha1-modp2048,3des-md5-modp1024!");
  l2tp_proposal_set_free (NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proposals/parse/basic", test_parse_basic);
  g_test_add_func ("/proposals/parse/strict", test_parse_strict);
  g_test_add_func ("/proposals/parse/multiple", test_parse_multiple);
  g_test_add_func ("/proposals/parse/libreswan", test_parse_libreswan);
  g_test_add_func ("/proposals/parse/aes-alias", test_parse_aes_alias);
  g_test_add_func ("/proposals/parse/aead", test_parse_aead);
  g_test_add_func ("/proposals/parse/spellings", test_parse_spellings);
  g_test_add_func ("/proposals/parse/case-and-blanks", test_parse_case_and_blanks);
  g_test_add_func ("/proposals/parse/expansion", test_parse_expansion);
  g_test_add_func ("/proposals/round-trip", test_round_trip);
  g_test_add_func ("/proposals/refuse/unknown", test_refuse_unknown);
  g_test_add_func ("/proposals/refuse/incomplete", test_refuse_incomplete);
  g_test_add_func ("/proposals/refuse/empty", test_refuse_empty);
  g_test_add_func ("/proposals/refuse/hostile", test_refuse_hostile);
  g_test_add_func ("/proposals/default/ike", test_default_ike);
  g_test_add_func ("/proposals/default/esp", test_default_esp);
  g_test_add_func ("/proposals/pfs-helpers", test_pfs_helpers);
  g_test_add_func ("/proposals/copy-equal", test_copy_equal);

  return g_test_run ();
}
