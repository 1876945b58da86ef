/* SPDX-License-Identifier: GPL-2.0-or-later */
/* shared/libreswan-caps.c against what Debian's libreswan 4.10 pluto
 * printed for `pluto --selftest` (fixtures/libreswan-4.10-selftest.txt,
 * the lab's cache, December 2026), variants of it that other builds print
 * (MODP-1024 compiled in, 5.x, no IKEv1) and text that is not a table. */
#include <glib.h>
#include <string.h>

#include "libreswan-caps.h"

static char *
fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                 "libreswan-4.10-selftest.txt", NULL);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static L2tpLibreswanCaps *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  L2tpLibreswanCaps *caps = l2tp_libreswan_caps_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (caps);
  return caps;
}

static gboolean
can (const L2tpLibreswanCaps *caps, L2tpProposalKind kind, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProposalSet) set = l2tp_proposal_set_parse (kind, "test", text, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (l2tp_proposal_set_get_length (set), ==, 1);
  return l2tp_libreswan_caps_can (caps, L2TP_LIBRESWAN_IKEV1, kind,
                                  l2tp_proposal_set_get (set, 0));
}

static char *
replace (const char *text, const char *from, const char *to)
{
  g_auto (GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (to, parts);
}

static void
test_debian_4_10 (void)
{
  g_autofree char *text = fixture ();
  g_autoptr (L2tpLibreswanCaps) caps = parse_ok (text);

  g_assert_cmpstr (l2tp_libreswan_caps_get_version (caps), ==, "4.10");
  g_assert_cmpuint (l2tp_libreswan_caps_get_major (caps), ==, 4);
  g_assert_true (l2tp_libreswan_caps_has (caps, L2TP_LIBRESWAN_IKEV1));
  /* 4.10 refuses keyexchange=ikev1 ("invalid value"). */
  g_assert_cmpstr (l2tp_libreswan_caps_ikev1_option (caps), ==, "ikev2=no");

  /* Main Mode. */
  g_assert_true (can (caps, L2TP_PROPOSAL_IKE, "aes128-sha256-modp2048"));
  g_assert_true (can (caps, L2TP_PROPOSAL_IKE, "aes192-sha384-modp3072"));
  g_assert_true (can (caps, L2TP_PROPOSAL_IKE, "aes256-sha512-modp8192"));
  g_assert_true (can (caps, L2TP_PROPOSAL_IKE, "3des-md5-modp1536"));
  g_assert_true (can (caps, L2TP_PROPOSAL_IKE, "aes256-sha384-ecp384"));
  g_assert_true (can (caps, L2TP_PROPOSAL_IKE, "aes128-sha256-curve25519"));
  g_assert_false (can (caps, L2TP_PROPOSAL_IKE, "aes128-sha1-modp1024"));
  g_assert_false (can (caps, L2TP_PROPOSAL_IKE, "3des-sha1-modp768"));
  /* GCM is ESP-only in IKEv1. */
  g_assert_false (can (caps, L2TP_PROPOSAL_IKE, "aes128gcm16-prfsha256-modp2048"));

  /* Quick Mode: the DH group is PFS. */
  g_assert_true (can (caps, L2TP_PROPOSAL_ESP, "aes128-sha1"));
  g_assert_true (can (caps, L2TP_PROPOSAL_ESP, "aes256-sha512"));
  g_assert_true (can (caps, L2TP_PROPOSAL_ESP, "3des-md5"));
  g_assert_true (can (caps, L2TP_PROPOSAL_ESP, "aes256gcm16"));
  g_assert_true (can (caps, L2TP_PROPOSAL_ESP, "aes192gcm16"));
  g_assert_true (can (caps, L2TP_PROPOSAL_ESP, "aes128-sha256-modp2048"));
  g_assert_true (can (caps, L2TP_PROPOSAL_ESP, "aes128-sha1-modp1536"));
  g_assert_false (can (caps, L2TP_PROPOSAL_ESP, "aes128-sha1-modp1024"));
  g_assert_false (can (caps, L2TP_PROPOSAL_ESP, "aes128gcm16-ecp256"));
  g_assert_false (can (caps, L2TP_PROPOSAL_ESP, "aes256-sha384-ecp384"));
}

static void
test_filter_defaults (void)
{
  g_autofree char *text = fixture ();
  g_autoptr (L2tpLibreswanCaps) caps = parse_ok (text);
  g_autoptr (L2tpProposalSet) all = l2tp_proposal_default_ike_all ();
  g_autoptr (L2tpProposalSet) kept
      = l2tp_libreswan_caps_filter (caps, L2TP_LIBRESWAN_IKEV1, all);
  g_autofree char *missing
      = l2tp_libreswan_caps_missing (caps, L2TP_LIBRESWAN_IKEV1, all);
  guint modp_low = 0;

  g_assert_nonnull (kept);
  for (guint i = 0; i < l2tp_proposal_set_get_length (all); i++)
    {
      L2tpDhGroup dh = l2tp_proposal_set_get (all, i)->dh;
      modp_low += dh == L2TP_DH_MODP1024 || dh == L2TP_DH_MODP768;
    }
  g_assert_cmpuint (modp_low, >, 0);
  /* Everything else of the 240 stays, in order. */
  g_assert_cmpuint (l2tp_proposal_set_get_length (kept), ==,
                    l2tp_proposal_set_get_length (all) - modp_low);
  for (guint i = 0; i < l2tp_proposal_set_get_length (kept); i++)
    g_assert_cmpint (l2tp_proposal_set_get (kept, i)->dh, !=, L2TP_DH_MODP1024);
  g_assert_cmpstr (missing, ==, "modp1024");
  g_assert_null (l2tp_libreswan_caps_missing (caps, L2TP_LIBRESWAN_IKEV1, kept));
}

static void
test_filter_nothing_left (void)
{
  g_autofree char *text = fixture ();
  g_autoptr (L2tpLibreswanCaps) caps = parse_ok (text);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProposalSet) old = l2tp_proposal_set_parse (
      L2TP_PROPOSAL_IKE, "ipsec-ike", "3des-sha1-modp1024,3des-md5-modp768", &error);
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  g_assert_null (l2tp_libreswan_caps_filter (caps, L2TP_LIBRESWAN_IKEV1, old));
  missing = l2tp_libreswan_caps_missing (caps, L2TP_LIBRESWAN_IKEV1, old);
  g_assert_cmpstr (missing, ==, "modp1024, modp768");
}

/* A build with USE_DH2 lists MODP1024; pluto --version's line is read too. */
static void
test_modp1024_build (void)
{
  g_autofree char *text = fixture ();
  g_autofree char *with = replace (
      text, "  MODP1536 ",
      "  MODP1024                          IKEv1: IKE ESP AH  IKEv2: IKE ESP AH       "
      "NSS(MODP)    dh2\n  MODP1536 ");
  g_autofree char *versioned = replace (
      with, "Starting Pluto (Libreswan Version 4.10 ",
      "Libreswan 4.10 IKEv2 IKEv1 XFRM\nStarting Pluto (Libreswan Version 9.9 ");
  g_autoptr (L2tpLibreswanCaps) caps = parse_ok (versioned);

  /* The first version line counts. */
  g_assert_cmpstr (l2tp_libreswan_caps_get_version (caps), ==, "4.10");
  g_assert_true (can (caps, L2TP_PROPOSAL_IKE, "aes128-sha1-modp1024"));
  g_assert_true (can (caps, L2TP_PROPOSAL_ESP, "aes128-sha1-modp1024"));
}

static void
test_5x_and_no_ikev1 (void)
{
  g_autofree char *text = fixture ();
  g_autofree char *v5
      = replace (text, "Libreswan Version 4.10 ", "Libreswan Version 5.2 ");
  g_autofree char *no_v1 = replace (text, "4.10 IKEv2 IKEv1 XFRM", "5.3 IKEv2 XFRM");
  g_autoptr (L2tpLibreswanCaps) caps5 = parse_ok (v5);
  g_autoptr (L2tpLibreswanCaps) caps_v2 = parse_ok (no_v1);
  g_autoptr (L2tpProposalSet) set = l2tp_proposal_set_new_default (L2TP_PROPOSAL_IKE);
  g_autofree char *missing = NULL;

  g_assert_cmpuint (l2tp_libreswan_caps_get_major (caps5), ==, 5);
  g_assert_cmpstr (l2tp_libreswan_caps_ikev1_option (caps5), ==, "keyexchange=ikev1");
  g_assert_true (l2tp_libreswan_caps_has (caps5, L2TP_LIBRESWAN_IKEV1));

  g_assert_false (l2tp_libreswan_caps_has (caps_v2, L2TP_LIBRESWAN_IKEV1));
  g_assert_false (can (caps_v2, L2TP_PROPOSAL_IKE, "aes128-sha256-modp2048"));
  g_assert_null (l2tp_libreswan_caps_filter (caps_v2, L2TP_LIBRESWAN_IKEV1, set));
  missing = l2tp_libreswan_caps_missing (caps_v2, L2TP_LIBRESWAN_IKEV1, set);
  g_assert_cmpstr (missing, ==, "IKEv1");
}

/* IKEv2's columns: GCM for the IKE SA, ECP for PFS; still no MODP-1024. */
static void
test_ikev2 (void)
{
  g_autofree char *text = fixture ();
  g_autoptr (L2tpLibreswanCaps) caps = parse_ok (text);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProposalSet) ike = l2tp_proposal_set_parse (
      L2TP_PROPOSAL_IKE, "ipsec-ike", "aes256gcm16-prfsha384-ecp384,aes128-sha1-modp1024",
      &error);
  g_autoptr (L2tpProposalSet) esp = l2tp_proposal_set_parse (
      L2TP_PROPOSAL_ESP, "ipsec-esp", "aes128gcm16-ecp256", &error);
  g_autofree char *missing_ike = NULL;

  g_assert_no_error (error);
  g_assert_true (l2tp_libreswan_caps_has (caps, L2TP_LIBRESWAN_IKEV2));
  g_assert_true (l2tp_libreswan_caps_can (caps, L2TP_LIBRESWAN_IKEV2, L2TP_PROPOSAL_IKE,
                                          l2tp_proposal_set_get (ike, 0)));
  g_assert_false (l2tp_libreswan_caps_can (caps, L2TP_LIBRESWAN_IKEV2, L2TP_PROPOSAL_IKE,
                                           l2tp_proposal_set_get (ike, 1)));
  g_assert_true (l2tp_libreswan_caps_can (caps, L2TP_LIBRESWAN_IKEV2, L2TP_PROPOSAL_ESP,
                                          l2tp_proposal_set_get (esp, 0)));
  /* The same in IKEv1: no GCM IKE SA, no ECP PFS. */
  g_assert_false (l2tp_libreswan_caps_can (caps, L2TP_LIBRESWAN_IKEV1, L2TP_PROPOSAL_IKE,
                                           l2tp_proposal_set_get (ike, 0)));
  g_assert_false (l2tp_libreswan_caps_can (caps, L2TP_LIBRESWAN_IKEV1, L2TP_PROPOSAL_ESP,
                                           l2tp_proposal_set_get (esp, 0)));
  missing_ike = l2tp_libreswan_caps_missing (caps, L2TP_LIBRESWAN_IKEV2, ike);
  g_assert_cmpstr (missing_ike, ==, "modp1024");
}

static void
expect_unreadable (const char *text, const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpLibreswanCaps) caps = l2tp_libreswan_caps_parse (text, &error);

  g_assert_null (caps);
  g_assert_error (error, L2TP_LIBRESWAN_CAPS_ERROR, L2TP_LIBRESWAN_CAPS_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, what));
}

static void
test_hostile (void)
{
  g_autofree char *text = fixture ();
  g_autofree char *table = g_strdup (strstr (text, "Encryption algorithms:"));
  g_autoptr (GString) long_row
      = g_string_new ("Libreswan 4.10 IKEv1\n"
                      "Encryption algorithms:\n  AES_CBC {*128} IKEv1: IKE IKEv2:\n"
                      "Hash algorithms:\n  SHA2_256 IKEv1: IKE IKEv2:\n"
                      "DH algorithms:\n  ");
  g_autoptr (L2tpLibreswanCaps) caps = NULL;

  expect_unreadable ("", "Libreswan Version");
  expect_unreadable ("pluto: FATAL ERROR: NSS: initialization failed\n", "Libreswan");
  expect_unreadable (table, "Libreswan Version");
  expect_unreadable ("Starting Pluto (Libreswan Version 4.10 IKEv2 IKEv1 XFRM) pid:1\n",
                     "no algorithm table");
  expect_unreadable ("Libreswan Version x.y IKEv1\nDH algorithms:\n"
                     "  MODP2048 IKEv1: IKE ESP IKEv2: IKE\n",
                     "Libreswan Version");

  /* A row past the length limit is not read. */
  g_string_append (long_row, "MODP2048 IKEv1: IKE ESP IKEv2: IKE ");
  for (guint i = 0; i < 2000; i++)
    g_string_append (long_row, "ESP ");
  g_string_append (long_row, "\n  MODP3072 IKEv1: IKE IKEv2: IKE\n");
  caps = parse_ok (long_row->str);
  g_assert_true (can (caps, L2TP_PROPOSAL_IKE, "aes128-sha256-modp3072"));
  g_assert_false (can (caps, L2TP_PROPOSAL_IKE, "aes128-sha256-modp2048"));
  g_clear_pointer (&caps, l2tp_libreswan_caps_free);

  /* Odd key sizes, a row without IKEv1:, words after IKEv2: and invalid
   * UTF-8 change nothing they should not. */
  caps = parse_ok ("Libreswan 4.10 IKEv1\n"
                   "Encryption algorithms:\n"
                   "  AES_CBC {abc,*99999,,128} IKEv1: IKE IKEv2: ESP\n"
                   "  3DES_CBC [*192] IKEv2: IKE ESP\n"
                   "  AES_GCM_16 {256} IKEv1: IKEv2: IKE ESP\n"
                   "Hash algorithms:\n"
                   "  SHA2_256 IKEv1: IKE IKEv2: IKE\n"
                   "  SHA1 IKEv1: \xff IKE IKEv2: IKE\n"
                   "Integrity algorithms:\n"
                   "  HMAC_SHA2_256_128 IKEv1: ESP IKEv2:\n"
                   "DH algorithms:\n"
                   "  MODP2048 IKEv1: IKE IKEv2: ESP\n");
  g_assert_true (can (caps, L2TP_PROPOSAL_IKE, "aes128-sha256-modp2048"));
  g_assert_false (can (caps, L2TP_PROPOSAL_IKE, "aes128-sha1-modp2048"));
  g_assert_false (can (caps, L2TP_PROPOSAL_IKE, "3des-sha256-modp2048"));
  g_assert_false (can (caps, L2TP_PROPOSAL_ESP, "aes128-sha256"));
  g_assert_false (can (caps, L2TP_PROPOSAL_ESP, "aes256gcm16"));
  g_assert_false (can (caps, L2TP_PROPOSAL_ESP, "aes128-sha256-modp2048"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/libreswan-caps/debian-4.10", test_debian_4_10);
  g_test_add_func ("/libreswan-caps/filter-defaults", test_filter_defaults);
  g_test_add_func ("/libreswan-caps/filter-nothing-left", test_filter_nothing_left);
  g_test_add_func ("/libreswan-caps/modp1024-build", test_modp1024_build);
  g_test_add_func ("/libreswan-caps/5.x-and-no-ikev1", test_5x_and_no_ikev1);
  g_test_add_func ("/libreswan-caps/ikev2", test_ikev2);
  g_test_add_func ("/libreswan-caps/hostile", test_hostile);
  return g_test_run ();
}
