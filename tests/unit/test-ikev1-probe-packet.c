/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/ikev1-probe-packet.c, ikev1-vendor-id.c and
 * ikev1-probe-plan.c: exact bytes of built packets, answers of a real
 * charon (fixtures/ikev1-probe/), hostile answers. */
#include "shared/ikev1-probe-packet.h"
#include "shared/ikev1-probe-plan.h"
#include "shared/ikev1-vendor-id.h"

#include <string.h>

#include "hex-bytes.h"

static const guint8 cookie[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

static void
assert_bytes (GBytes *got, const char *expected_hex)
{
  g_autoptr (GBytes) want = hex_bytes (expected_hex);
  gsize glen, wlen;
  const guint8 *g = g_bytes_get_data (got, &glen);
  const guint8 *w = g_bytes_get_data (want, &wlen);

  g_assert_cmpmem (g, glen, w, wlen);
}

static L2tpProposal
transform (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProposalSet) set
      = l2tp_proposal_set_parse (L2TP_PROPOSAL_IKE, "ipsec-ike", text, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (l2tp_proposal_set_get_length (set), ==, 1);
  return *l2tp_proposal_set_get (set, 0);
}

/*****************************************************************************/
/* Building */

#define VIDS_HEX                                                                         \
  "0d000014 4a131c81070358455c5728f20e95452f" /* RFC 3947 */                             \
  "0d000014 7d9419a65310ca6f2c179d9215529d56" /* draft-03 */                             \
  "0d000014 cd60464335df21f87cfdb2fc68b6a448" /* draft-02 */                             \
  "0d000014 90cb80913ebb696e086381b5ec427b1f" /* draft-02\n */                           \
  "0d000014 afcad71368a1f1c96b8696fc77570100" /* DPD */                                  \
  "0000000c 09002689dfd6b712"                 /* XAUTH, last */

static void
test_build_aes (void)
{
  L2tpProposal t = transform ("aes256-sha256-modp2048");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) packet = l2tp_ikev1_probe_build (cookie, &t, 1, 0, &error);

  g_assert_no_error (error);
  assert_bytes (packet,
                "0102030405060708 0000000000000000" /* cookies */
                "01 10 02 00 00000000 000000c4" /* SA next, 1.0, Main Mode, 196 bytes */
                "0d000038 00000001 00000001"    /* SA: DOI IPsec, identity only */
                "0000002c 01 01 00 01"          /* proposal 1, ISAKMP, no SPI, 1 */
                "00000024 01 01 0000"           /* transform 1, KEY_IKE */
                "80010007 800e0100"             /* AES-CBC, 256 bits */
                "80020004 80030001 8004000e"    /* SHA2-256, PSK, group 14 */
                "800b0001 800c7080"             /* seconds, 28800 */
                VIDS_HEX);
}

static void
test_build_3des_long_life (void)
{
  L2tpProposal t = transform ("3des-md5-curve25519");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) packet = l2tp_ikev1_probe_build (cookie, &t, 1, 86400, &error);

  g_assert_no_error (error);
  assert_bytes (packet, "0102030405060708 0000000000000000"
                        "01 10 02 00 00000000 000000c4"
                        "0d000038 00000001 00000001"
                        "0000002c 01 01 00 01"
                        "00000024 01 01 0000"
                        "80010005"                   /* 3DES, no key length */
                        "80020001 80030001 8004001f" /* MD5, PSK, group 31 */
                        "800b0001 000c0004 00015180" /* seconds, 86400 as TLV */
                VIDS_HEX);
}

static void
test_build_refused (void)
{
  L2tpProposal gcm = { L2TP_ENC_AES128_GCM16, L2TP_INTEG_SHA256, L2TP_DH_MODP2048 };
  L2tpProposal no_dh = { L2TP_ENC_AES128, L2TP_INTEG_SHA1, L2TP_DH_NONE };
  L2tpProposal no_integ = { L2TP_ENC_AES128, L2TP_INTEG_NONE, L2TP_DH_MODP2048 };
  const L2tpProposal *bad[] = { &gcm, &no_dh, &no_integ };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) packet = l2tp_ikev1_probe_build (cookie, bad[i], 1, 0, &error);

      g_assert_null (packet);
      g_assert_error (error, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_UNSUPPORTED);
    }
}

static void
test_build_notify (void)
{
  static const guint8 rcookie[8] = { 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7 };
  g_autoptr (GBytes) packet = l2tp_ikev1_probe_build_notify (
      cookie, rcookie, 0x11223344, L2TP_IKEV1_NOTIFY_PROBE_DONE);

  assert_bytes (packet, "0102030405060708 a0a1a2a3a4a5a6a7"
                        "0b 10 05 00 11223344 00000028"  /* notify, Informational, 40 */
                        "0000000c 00000001 01 00 3e80"); /* IPsec, ISAKMP, no SPI */
}

/*****************************************************************************/
/* The plan */

static void
test_plan (void)
{
  g_autoptr (GArray) plan = l2tp_ikev1_probe_plan_new ();
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char *const first[] = {
    "aes256-sha1-modp1024", "aes256-sha1-modp2048", "aes256-sha256-modp1024",
    "aes128-sha1-modp1024", "aes256-sha1-modp1536",
  };

  g_assert_cmpuint (plan->len, ==, 4 * 5 * 12);
  for (guint i = 0; i < plan->len; i++)
    {
      const L2tpProposal *p = &g_array_index (plan, L2tpProposal, i);
      g_autofree char *name = l2tp_ikev1_transform_to_string (p);
      L2tpProposal back;
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) packet = NULL;

      g_assert_nonnull (name);
      if (i < G_N_ELEMENTS (first))
        g_assert_cmpstr (name, ==, first[i]);
      /* The spelling is what ipsec-ike takes, and means the same. */
      back = transform (name);
      g_assert_cmpmem (&back, sizeof back, p, sizeof *p);
      g_assert_false (g_hash_table_contains (seen, name));
      packet = l2tp_ikev1_probe_build (cookie, p, 1, 0, &error);
      g_assert_no_error (error);
      g_hash_table_add (seen, g_steal_pointer (&name));
    }
  /* The legacy and the huge come last. */
  {
    g_autofree char *last = l2tp_ikev1_transform_to_string (
        &g_array_index (plan, L2tpProposal, plan->len - 1));
    g_assert_cmpstr (last, ==, "aes192-sha512-modp8192");
  }
}

/*****************************************************************************/
/* Vendor IDs */

static void
assert_md5 (const guint8 *data, gsize len, const char *text)
{
  g_autoptr (GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  guint8 digest[16];
  gsize dlen = sizeof digest;

  g_checksum_update (md5, (const guchar *) text, strlen (text));
  g_checksum_get_digest (md5, digest, &dlen);
  g_assert_cmpmem (data, len, digest, len);
}

static void
test_vendor_ids_offered (void)
{
  guint n;
  const L2tpIkev1VendorId *ids = l2tp_ikev1_vendor_ids_offered (&n);

  g_assert_cmpuint (n, ==, 6);
  assert_md5 (ids[0].data, ids[0].len, "RFC 3947");
  assert_md5 (ids[1].data, ids[1].len, "draft-ietf-ipsec-nat-t-ike-03");
  assert_md5 (ids[2].data, ids[2].len, "draft-ietf-ipsec-nat-t-ike-02");
  assert_md5 (ids[3].data, ids[3].len, "draft-ietf-ipsec-nat-t-ike-02\n");
  /* DPD: RFC 3706's value, the digest of nothing public; XAUTH: a prefix. */
  g_assert_cmpuint (ids[4].len, ==, 16);
  g_assert_cmpuint (ids[4].data[14], ==, 1);
  assert_md5 (ids[5].data, ids[5].len, "draft-ietf-ipsra-isakmp-xauth-06.txt");
  g_assert_cmpuint (ids[5].len, ==, 8);
}

static void
assert_vid (const char *hex, const char *name)
{
  g_autoptr (GBytes) b = hex_bytes (hex);
  gsize len;
  const guint8 *d = g_bytes_get_data (b, &len);
  g_autofree char *got = l2tp_ikev1_vendor_id_describe (d, len);

  g_assert_cmpstr (got, ==, name);
}

static void
test_vendor_id_names (void)
{
  assert_vid ("4a131c81070358455c5728f20e95452f", "RFC 3947 NAT-T");
  assert_vid ("90cb80913ebb696e086381b5ec427b1f", "draft-ietf-ipsec-nat-t-ike-02\\n");
  assert_vid ("afcad71368a1f1c96b8696fc77570100", "DPD (RFC 3706)");
  assert_vid ("afcad71368a1f1c96b8696fc77570200", "DPD (RFC 3706, version 2.0)");
  assert_vid ("09002689dfd6b712", "XAUTH");
  assert_vid ("882fe56d6fd20dbc2251613b2ebe5beb", "strongSwan");
  assert_vid ("12f5f28c457168a9702d9fe274cc0100", "Cisco Unity 1.0");
  assert_vid ("4048b7d56ebce88525e7de7f00d6c2d3", "FRAGMENTATION");
  assert_vid ("4048b7d56ebce88525e7de7f00d6c2d380000000", "FRAGMENTATION");
  assert_vid ("1e2b516905991c7d7c96fcbfb587e461", "MS NT5 ISAKMPOAKLEY");
  assert_vid ("1e2b516905991c7d7c96fcbfb587e46100000009",
              "MS NT5 ISAKMPOAKLEY (Windows version byte 9)");
  assert_vid ("e3a5966a76379fe707228231e5ce8652", "IKE CGA");
  assert_vid ("fb1de3cdf341b7ea16b7e5be0855f120", "MS-Negotiation Discovery Capable");
  assert_vid ("26244d38eddb61b3172a36e3d0cfb819", "Vid-Initial-Contact");
  /* "OE-Libreswan-4.12" */
  assert_vid ("4f452d4c69627265737761 6e2d342e3132", "libreswan 4.12");
  assert_vid ("4f452d4c69627265737761 6e2d", "libreswan");
  assert_vid ("4f452d4c69627265737761 6e2d01", "libreswan");
  assert_vid ("4f45 6e6f4a5a48377a6b", "Openswan/libreswan");
  assert_vid ("deadbeef", "deadbeef");
  assert_vid ("", "");
  /* One byte short or long of a known one is unknown. */
  assert_vid ("4a131c81070358455c5728f20e9545", "4a131c81070358455c5728f20e9545");
  assert_vid ("1e2b516905991c7d7c96fcbfb587e46100", "1e2b516905991c7d7c96fcbfb587e46100");

  {
    static const guint8 md5_vids[][16] = {
      { 0x88, 0x2f, 0xe5, 0x6d, 0x6f, 0xd2, 0x0d, 0xbc, 0x22, 0x51, 0x61, 0x3b, 0x2e,
        0xbe, 0x5b, 0xeb },
    };
    assert_md5 (md5_vids[0], 16, "strongSwan");
  }
}

static void
test_vendor_id_digests (void)
{
  /* The named constants are digests of these texts (see ikev1-vendor-id.c). */
  static const struct
  {
    const char *text, *hex;
    gsize len;
  } digests[] = {
    { "strongSwan", "882fe56d6fd20dbc2251613b2ebe5beb", 16 },
    { "MS NT5 ISAKMPOAKLEY", "1e2b516905991c7d7c96fcbfb587e461", 16 },
    { "FRAGMENTATION", "4048b7d56ebce88525e7de7f00d6c2d3", 16 },
    { "IKE CGA version 1", "e3a5966a76379fe707228231e5ce8652", 16 },
    { "MS-Negotiation Discovery Capable", "fb1de3cdf341b7ea16b7e5be0855f120", 16 },
    { "Vid-Initial-Contact", "26244d38eddb61b3172a36e3d0cfb819", 16 },
    { "CISCO-UNITY", "12f5f28c457168a9702d9fe274cc", 14 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (digests); i++)
    {
      g_autoptr (GBytes) b = hex_bytes (digests[i].hex);
      gsize len;
      const guint8 *d = g_bytes_get_data (b, &len);

      g_assert_cmpuint (len, ==, digests[i].len);
      assert_md5 (d, len, digests[i].text);
    }
}

/*****************************************************************************/
/* Answers of a real charon */

static GBytes *
read_fixture (const char *name, const char *suffix)
{
  g_autofree char *file = g_strconcat (name, suffix, NULL);
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "fixtures", "ikev1-probe", file, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return hex_bytes (text);
}

/* The datagram without the non-ESP marker of port 4500. */
static GBytes *
ike_part (const char *name, GBytes *datagram)
{
  if (!strstr (name, "udp4500"))
    return g_bytes_ref (datagram);
  g_assert_cmpuint (g_bytes_get_size (datagram), >, 4);
  g_assert_cmpmem (g_bytes_get_data (datagram, NULL), 4, "\0\0\0\0", 4);
  return g_bytes_new_from_bytes (datagram, 4, g_bytes_get_size (datagram) - 4);
}

typedef struct
{
  const char *name;
  const char *accepted; /* NULL: refused with NO_PROPOSAL_CHOSEN */
  const char *vendor_ids;
} Fixture;

#define DEFAULT_VIDS "XAUTH, DPD (RFC 3706), RFC 3947 NAT-T"
#define MORE_VIDS    "strongSwan, XAUTH, DPD (RFC 3706), Cisco Unity 1.0, RFC 3947 NAT-T"

static const Fixture fixtures[] = {
  { "charon-default-accepted-aes128-sha1-modp2048", "aes128-sha1-modp2048",
    DEFAULT_VIDS },
  { "charon-default-accepted-aes128-sha256-modp2048", "aes128-sha256-modp2048",
    DEFAULT_VIDS },
  { "charon-default-accepted-aes256-sha1-modp2048", "aes256-sha1-modp2048",
    DEFAULT_VIDS },
  { "charon-default-accepted-aes256-sha256-modp2048", "aes256-sha256-modp2048",
    DEFAULT_VIDS },
  { "charon-default-refused", NULL, "" },
  { "charon-default-refused-udp4500", NULL, "" },
  { "charon-vendor-ids-accepted-3des-md5-modp1024", "3des-md5-modp1024", MORE_VIDS },
  { "charon-vendor-ids-accepted-aes128-sha1-ecp256", "aes128-sha1-ecp256", MORE_VIDS },
  { "charon-vendor-ids-accepted-aes128-sha384-curve25519", "aes128-sha384-curve25519",
    MORE_VIDS },
  { "charon-vendor-ids-accepted-aes192-sha512-ecp521", "aes192-sha512-ecp521",
    MORE_VIDS },
  { "charon-vendor-ids-accepted-aes256-sha256-modp8192", "aes256-sha256-modp8192",
    MORE_VIDS },
  { "charon-vendor-ids-refused", NULL, "" },
  { "charon-vendor-ids-refused-udp4500", NULL, "" },
};

static char *
join_vendor_ids (GPtrArray *ids)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      gsize len;
      const guint8 *d = g_bytes_get_data (ids->pdata[i], &len);
      g_autofree char *name = l2tp_ikev1_vendor_id_describe (d, len);

      g_string_append_printf (s, "%s%s", i ? ", " : "", name);
    }
  return g_string_free (s, FALSE);
}

/* Our builder gives the captured request's very bytes for exactly one
 * transform of the plan: the one the name says, when it says one. */
static void
check_request (const Fixture *f, GBytes *request, guint8 *request_cookie)
{
  g_autoptr (GArray) plan = l2tp_ikev1_probe_plan_new ();
  guint matches = 0;

  g_assert_true (l2tp_ikev1_probe_peek_cookie (
      g_bytes_get_data (request, NULL), g_bytes_get_size (request), request_cookie));
  for (guint i = 0; i < plan->len; i++)
    {
      const L2tpProposal *p = &g_array_index (plan, L2tpProposal, i);
      g_autoptr (GBytes) built = l2tp_ikev1_probe_build (request_cookie, p, 1, 0, NULL);

      if (g_bytes_equal (built, request))
        {
          g_autofree char *name = l2tp_ikev1_transform_to_string (p);

          matches++;
          if (f->accepted)
            g_assert_cmpstr (name, ==, f->accepted);
        }
    }
  g_assert_cmpuint (matches, ==, 1);
}

static void
test_fixture (gconstpointer data)
{
  const Fixture *f = data;
  g_autoptr (GBytes) req_wire = read_fixture (f->name, ".request.hex");
  g_autoptr (GBytes) ans_wire = read_fixture (f->name, ".answer.hex");
  g_autoptr (GBytes) request = ike_part (f->name, req_wire);
  g_autoptr (GBytes) answer_bytes = ike_part (f->name, ans_wire);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpIkev1Answer) answer = NULL;
  g_autofree char *vids = NULL;
  g_autoptr (GArray) plan = NULL;
  guint8 request_cookie[8];
  gsize len;
  const guint8 *d = g_bytes_get_data (answer_bytes, &len);

  check_request (f, request, request_cookie);
  plan = l2tp_ikev1_probe_plan_new ();
  answer = l2tp_ikev1_probe_parse (d, len, request_cookie, (L2tpProposal *) plan->data,
                                   plan->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpmem (answer->responder_cookie, 8, d + 8, 8);
  if (f->accepted)
    {
      L2tpProposal want = transform (f->accepted);

      g_assert_cmpint (answer->kind, ==, L2TP_IKEV1_ANSWER_ACCEPTED);
      g_assert_cmpmem (&answer->accepted, sizeof want, &want, sizeof want);
      g_assert_cmpmem (&g_array_index (plan, L2tpProposal, answer->chosen), sizeof want,
                       &want, sizeof want);
      g_assert_cmpuint (answer->life_seconds, ==, 28800);
    }
  else
    {
      g_assert_cmpint (answer->kind, ==, L2TP_IKEV1_ANSWER_NOTIFY);
      g_assert_cmpuint (answer->notify_type, ==, L2TP_IKEV1_NOTIFY_NO_PROPOSAL_CHOSEN);
      g_assert_cmpstr (l2tp_ikev1_notify_name (answer->notify_type), ==,
                       "NO_PROPOSAL_CHOSEN");
    }
  vids = join_vendor_ids (answer->vendor_ids);
  g_assert_cmpstr (vids, ==, f->vendor_ids);

  /* Somebody else's answer, or our request reflected back: not ours. */
  {
    guint8 other[8];
    g_autoptr (GError) e2 = NULL;
    g_autoptr (GError) e3 = NULL;
    g_autoptr (L2tpIkev1Answer) a2 = NULL;
    g_autoptr (L2tpIkev1Answer) a3 = NULL;

    memcpy (other, request_cookie, 8);
    other[7] ^= 1;
    a2 = l2tp_ikev1_probe_parse (d, len, other, (L2tpProposal *) plan->data, plan->len,
                                 &e2);
    g_assert_null (a2);
    g_assert_error (e2, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_NOT_OURS);
    a3 = l2tp_ikev1_probe_parse (g_bytes_get_data (request, NULL),
                                 g_bytes_get_size (request), request_cookie,
                                 (L2tpProposal *) plan->data, plan->len, &e3);
    g_assert_null (a3);
    g_assert_error (e3, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_NOT_OURS);
  }
}

/*****************************************************************************/
/* Hostile answers */

static L2tpIkev1Answer *
parse_copy (const guint8 *data, gsize len, GError **error)
{
  /* An exact-size heap copy, so ASan sees any read past the end; every
   * transform of the plan offered. */
  g_autofree guint8 *copy = g_memdup2 (data, len);
  g_autoptr (GArray) plan = l2tp_ikev1_probe_plan_new ();

  return l2tp_ikev1_probe_parse (copy, len, data, (L2tpProposal *) plan->data, plan->len,
                                 error);
}

static void
assert_malformed (const char *hex, const char *message_part)
{
  g_autoptr (GBytes) b = hex_bytes (hex);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpIkev1Answer) a
      = parse_copy (g_bytes_get_data (b, NULL), g_bytes_get_size (b), &error);

  g_assert_null (a);
  g_assert_error (error, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_MALFORMED);
  if (message_part && !strstr (error->message, message_part))
    g_error ("'%s' does not say '%s'", error->message, message_part);
}

#define HDR(next, exch, flags, len)                                                      \
  "0102030405060708 a0a1a2a3a4a5a6a7 " next " 10 " exch " " flags " 00000000 " len

static void
test_hostile_handmade (void)
{
  /* Too short for a header; lengths pointing outside the datagram. */
  assert_malformed ("0102030405060708 a0a1a2a3a4a5a6a7 00 10 02", "too short");
  assert_malformed (HDR ("00", "02", "00", "00000100"), "ISAKMP length");
  assert_malformed (HDR ("00", "02", "00", "0000001b"), "ISAKMP length");
  assert_malformed (HDR ("0d", "02", "00", "00000024") "00000010 deadbeef", "length 16");
  /* Zero-length and header-only payloads never stall the walk. */
  assert_malformed (HDR ("0d", "02", "00", "00000020") "0d000000", "length 0");
  assert_malformed (HDR ("0d", "02", "00", "00000020") "0d000003", "length 3");
  assert_malformed (HDR ("0d", "02", "00", "0000001e") "0d00", "cut short");
  /* A chain of 65 empty vendor IDs. */
  {
    g_autoptr (GString) s = g_string_new (HDR ("0d", "02", "00", "00000120"));

    for (guint i = 0; i < 65; i++)
      g_string_append (s, i < 64 ? "0d000004" : "00000004");
    assert_malformed (s->str, "more than 64 payloads");
  }
  /* Main Mode without SA, Informational without notify. */
  assert_malformed (HDR ("0d", "02", "00", "00000020") "00000004", "without an SA");
  assert_malformed (HDR ("00", "05", "00", "0000001c"), "without a notify");
  assert_malformed (HDR ("0b", "05", "00", "00000020") "00000004", "notify payload cut");
  /* Encrypted, other exchanges, other versions. */
  assert_malformed (HDR ("0b", "05", "01", "0000001c"), "encrypted");
  assert_malformed (HDR ("00", "04", "00", "0000001c"), "exchange type 4");
  assert_malformed ("0102030405060708 a0a1a2a3a4a5a6a7 00 20 02 00 00000000 0000001c",
                    "major version 2");
  /* SA payloads whose inner lengths point outside. */
  assert_malformed (
      HDR ("01", "02", "00", "00000030") "00000014 00000001 00000001 00000010 01010001",
      "proposal payload length 16");
  assert_malformed (
      HDR ("01", "02", "00", "00000030") "00000014 00000001 00000001 00000008 01010001",
      "proposal payload cut short");
  assert_malformed (
      HDR ("01", "02", "00",
           "00000038") "0000001c 00000001 00000001 00000010 01010001 00000040 01010000",
      "transform payload length 64");
  assert_malformed (
      HDR ("01", "02", "00",
           "0000003c") "00000020 00000001 00000001 00000014 01010001 0000000c 01010000"
                       "000e0010",
      "runs past");
  assert_malformed (
      HDR ("01", "02", "00",
           "0000003a") "0000001e 00000001 00000001 00000012 01010001 0000000a 01010000"
                       "8001",
      "attribute cut short");
  assert_malformed (
      HDR ("01", "02", "00", "00000030") "00000014 00000001 00000001 00000008 01010000",
      "without a transform");
  assert_malformed (
      HDR ("01", "02", "00", "00000030") "00000014 00000002 00000001 00000008 01010001",
      "DOI 2");
  /* A transform that is not what a probe can be answered with. */
  assert_malformed (
      HDR ("01", "02", "00",
           "0000004c") "00000030 00000001 00000001 00000024 01010001 0000001c 01010000"
                       "80010007 800e0080 80020004 80030003 8004000e",
      "authentication method 3");
  assert_malformed (
      HDR ("01", "02", "00",
           "00000048") "0000002c 00000001 00000001 00000020 01010001 00000018 01010000"
                       "80010001 80020002 80030001 80040002",
      "encryption 1");
  assert_malformed (
      HDR ("01", "02", "00",
           "0000004c") "00000030 00000001 00000001 00000024 01010001 0000001c 01010000"
                       "80010007 800e0080 80020003 80030001 8004000e",
      "hash 3");
  assert_malformed (
      HDR ("01", "02", "00",
           "0000004c") "00000030 00000001 00000001 00000024 01010001 0000001c 01010000"
                       "80010007 800e0080 80020002 80030001 80040016",
      "group 22");
  /* 65 attributes. */
  {
    g_autoptr (GString) s = g_string_new (
        HDR ("01", "02", "00", "0000013c") "00000120 00000001 00000001 00000114 01010001"
                                           "0000010c 01010000");
    for (guint i = 0; i < 65; i++)
      g_string_append (s, "80100000");
    assert_malformed (s->str, "more than 64");
  }
}

static void
test_hostile_ok_edge (void)
{
  /* Long life duration and unknown long attributes are read, not refused. */
  g_autoptr (GBytes) b = hex_bytes (
      HDR ("01", "02", "00", "00000060") "00000044 00000001 00000001 00000038 01010001"
                                         "00000030 01010000"
                                         "80010005 80020002 80030001 80040002"
                                         "800b0001 000c0008 0000000100000000" /* 2^32 s */
                                         "00060004 ffffffff");                /* prime */
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpIkev1Answer) a
      = parse_copy (g_bytes_get_data (b, NULL), g_bytes_get_size (b), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (a->accepted.enc, ==, L2TP_ENC_3DES);
  g_assert_cmpuint (a->life_seconds, ==, G_MAXUINT32);
}

/* Every prefix of every captured answer is refused; every byte changed to
 * a few values gives an answer or an error, never both or neither. */
static void
test_hostile_mutations (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr (GBytes) wire = read_fixture (fixtures[f].name, ".answer.hex");
      g_autoptr (GBytes) ike = ike_part (fixtures[f].name, wire);
      gsize len;
      const guint8 *d = g_bytes_get_data (ike, &len);
      g_autofree guint8 *m = g_memdup2 (d, len);

      for (gsize cut = 0; cut < len; cut++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (L2tpIkev1Answer) a = parse_copy (d, cut, &error);

          g_assert_null (a);
          g_assert_nonnull (error);
        }
      for (gsize i = 16; i < len; i++)
        {
          const guint8 values[] = { 0, 0xff, d[i] ^ 1, d[i] + 1, 4, 0x80 };

          for (guint v = 0; v < G_N_ELEMENTS (values); v++)
            {
              g_autoptr (GError) error = NULL;
              g_autoptr (L2tpIkev1Answer) a = NULL;

              m[i] = values[v];
              a = parse_copy (m, len, &error);
              g_assert_true ((a == NULL) != (error == NULL));
              m[i] = d[i];
            }
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ikev1-probe/build/aes", test_build_aes);
  g_test_add_func ("/ikev1-probe/build/3des-long-life", test_build_3des_long_life);
  g_test_add_func ("/ikev1-probe/build/refused", test_build_refused);
  g_test_add_func ("/ikev1-probe/build/notify", test_build_notify);
  g_test_add_func ("/ikev1-probe/plan", test_plan);
  g_test_add_func ("/ikev1-probe/vendor-id/offered", test_vendor_ids_offered);
  g_test_add_func ("/ikev1-probe/vendor-id/names", test_vendor_id_names);
  g_test_add_func ("/ikev1-probe/vendor-id/digests", test_vendor_id_digests);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path
          = g_strdup_printf ("/ikev1-probe/charon/%s", fixtures[i].name);

      g_test_add_data_func (path, &fixtures[i], test_fixture);
    }
  g_test_add_func ("/ikev1-probe/hostile/handmade", test_hostile_handmade);
  g_test_add_func ("/ikev1-probe/hostile/edge", test_hostile_ok_edge);
  g_test_add_func ("/ikev1-probe/hostile/mutations", test_hostile_mutations);
  return g_test_run ();
}
