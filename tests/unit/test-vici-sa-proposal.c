/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Chosen transforms out of ike-updown / child-updown sections, as charon
 * 5.9.8 sends them (key names and values seen in the lab's service logs). */
#include "shared/vici-sa-proposal.h"

static ViciMessage *
updown (const char *const *kvs, const char *const *child_kvs)
{
  ViciMessage *msg = vici_message_new ();

  vici_message_add_kv_str (msg, "up", "yes");
  vici_message_begin_section (msg, "conn");
  for (guint i = 0; kvs[i]; i += 2)
    vici_message_add_kv_str (msg, kvs[i], kvs[i + 1]);
  if (child_kvs)
    {
      vici_message_begin_section (msg, "child-sas");
      vici_message_begin_section (msg, "conn-7");
      for (guint i = 0; child_kvs[i]; i += 2)
        vici_message_add_kv_str (msg, child_kvs[i], child_kvs[i + 1]);
      vici_message_end_section (msg);
      vici_message_end_section (msg);
    }
  vici_message_end_section (msg);
  return msg;
}

static void
test_ike (void)
{
  static const char *const ike[]
      = { "version",           "1",         "state",
          "ESTABLISHED",       "encr-alg",  "AES_CBC",
          "encr-keysize",      "256",       "integ-alg",
          "HMAC_SHA2_256_128", "prf-alg",   "PRF_HMAC_SHA2_256",
          "dh-group",          "MODP_2048", NULL };
  static const char *const legacy[]
      = { "encr-alg",     "3DES_CBC", "integ-alg", "HMAC_MD5_96", "prf-alg",
          "PRF_HMAC_MD5", "dh-group", "MODP_1024", NULL };
  static const char *const unknown[]
      = { "encr-alg",      "CAMELLIA_CBC", "encr-keysize", "128", "prf-alg",
          "PRF_HMAC_SHA1", "dh-group",     "MODP_2048",    NULL };
  static const char *const no_group[] = { "encr-alg", "AES_CBC", "encr-keysize",
                                          "128",      "prf-alg", "PRF_HMAC_SHA1",
                                          NULL };
  g_autoptr (ViciMessage) a = updown (ike, NULL);
  g_autoptr (ViciMessage) b = updown (legacy, NULL);
  g_autoptr (ViciMessage) c = updown (unknown, NULL);
  g_autoptr (ViciMessage) d = updown (no_group, NULL);
  L2tpProposal p = { 0 };
  L2tpProposal untouched = { L2TP_ENC_AES128, L2TP_INTEG_SHA1, L2TP_DH_MODP1024 };

  g_assert_true (
      l2tp_vici_sa_proposal (vici_message_lookup (a, "conn"), L2TP_PROPOSAL_IKE, &p));
  g_assert_cmpint (p.enc, ==, L2TP_ENC_AES256);
  g_assert_cmpint (p.integ, ==, L2TP_INTEG_SHA256);
  g_assert_cmpint (p.dh, ==, L2TP_DH_MODP2048);
  g_assert_true (
      l2tp_vici_sa_proposal (vici_message_lookup (b, "conn"), L2TP_PROPOSAL_IKE, &p));
  g_assert_cmpint (p.enc, ==, L2TP_ENC_3DES);
  g_assert_cmpint (p.integ, ==, L2TP_INTEG_MD5);
  g_assert_cmpint (p.dh, ==, L2TP_DH_MODP1024);
  p = untouched;
  g_assert_false (
      l2tp_vici_sa_proposal (vici_message_lookup (c, "conn"), L2TP_PROPOSAL_IKE, &p));
  g_assert_false (
      l2tp_vici_sa_proposal (vici_message_lookup (d, "conn"), L2TP_PROPOSAL_IKE, &p));
  g_assert_false (
      l2tp_vici_sa_proposal (vici_message_lookup (a, "up"), L2TP_PROPOSAL_IKE, &p));
  g_assert_false (l2tp_vici_sa_proposal (NULL, L2TP_PROPOSAL_IKE, &p));
  g_assert_cmpint (p.enc, ==, untouched.enc);
}

static void
test_child (void)
{
  static const char *const ike[] = { "encr-alg", "AES_CBC", NULL };
  static const char *const gcm[]
      = { "name", "conn",     "encr-alg", "AES_GCM_16", "encr-keysize",
          "128",  "dh-group", "ECP_384",  NULL };
  static const char *const cbc[]
      = { "name", "conn",      "encr-alg",          "AES_CBC", "encr-keysize",
          "192",  "integ-alg", "HMAC_SHA2_512_256", NULL };
  static const char *const no_integ[]
      = { "name", "conn", "encr-alg", "AES_CBC", "encr-keysize", "128", NULL };
  g_autoptr (ViciMessage) a = updown (ike, gcm);
  g_autoptr (ViciMessage) b = updown (ike, cbc);
  g_autoptr (ViciMessage) c = updown (ike, no_integ);
  const ViciNode *child
      = l2tp_vici_sa_find_child (vici_message_lookup (a, "conn"), "conn");
  L2tpProposal p = { 0 };

  g_assert_nonnull (child);
  g_assert_null (l2tp_vici_sa_find_child (vici_message_lookup (a, "conn"), "other"));
  g_assert_true (l2tp_vici_sa_proposal (child, L2TP_PROPOSAL_ESP, &p));
  g_assert_cmpint (p.enc, ==, L2TP_ENC_AES128_GCM16);
  g_assert_cmpint (p.integ, ==, L2TP_INTEG_NONE);
  g_assert_cmpint (p.dh, ==, L2TP_DH_ECP384);
  child = l2tp_vici_sa_find_child (vici_message_lookup (b, "conn"), "conn");
  g_assert_true (l2tp_vici_sa_proposal (child, L2TP_PROPOSAL_ESP, &p));
  g_assert_cmpint (p.enc, ==, L2TP_ENC_AES192);
  g_assert_cmpint (p.integ, ==, L2TP_INTEG_SHA512);
  g_assert_cmpint (p.dh, ==, L2TP_DH_NONE);
  /* CBC without integrity is not an ESP proposal we make. */
  child = l2tp_vici_sa_find_child (vici_message_lookup (c, "conn"), "conn");
  g_assert_false (l2tp_vici_sa_proposal (child, L2TP_PROPOSAL_ESP, &p));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vici-sa-proposal/ike", test_ike);
  g_test_add_func ("/vici-sa-proposal/child", test_child);
  return g_test_run ();
}
