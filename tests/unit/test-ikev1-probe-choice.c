/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/ikev1-probe-packet.c with groups: offers of several
 * transforms in one proposal (bytes, size), the server's choice among them
 * read from real charon answers (fixtures/ikev1-probe/charon-default-group-*)
 * and from crafted ones, and hostile choices (not offered, more than one
 * transform or proposal, the offer echoed back). */
#include "shared/ikev1-probe-packet.h"
#include "shared/ikev1-probe-plan.h"

#include <string.h>

#include "hex-bytes.h"

static const guint8 cookie[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const guint8 rcookie[8] = { 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7 };

/* Offsets in a first message built here: the SA payload follows the
 * header, its proposal the DOI and situation, its first transform the
 * proposal's 8 bytes. */
#define AT_PROPOSAL       (L2TP_IKEV1_HEADER_LEN + 4 + 8)
#define AT_PROPOSAL_COUNT (AT_PROPOSAL + 7)
#define AT_TRANSFORM      (AT_PROPOSAL + 8)
#define AT_TRANSFORM_NUM  (AT_TRANSFORM + 4)

static GArray *
plan (void)
{
  static GArray *p;

  if (!p)
    p = l2tp_ikev1_probe_plan_new ();
  return p;
}

static const L2tpProposal *
plan_at (guint i)
{
  return &g_array_index (plan (), L2tpProposal, i);
}

static char *
name_of (const L2tpProposal *t)
{
  return l2tp_ikev1_transform_to_string (t);
}

/* A copy of @bytes to patch. */
static GByteArray *
copy_of (GBytes *bytes)
{
  GByteArray *b = g_byte_array_new ();
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);

  g_byte_array_append (b, d, len);
  return b;
}

/* An exact-size heap copy, so ASan sees any read past the end. */
static L2tpIkev1Answer *
parse (const guint8 *data, gsize len, const L2tpProposal *offered, guint n,
       GError **error)
{
  g_autofree guint8 *copy = g_memdup2 (data, len);

  return l2tp_ikev1_probe_parse (copy, len, cookie, offered, n, error);
}

/* What a responder answers when it chooses @t: our one-transform first
 * message of it with a responder cookie, its transform numbered @number. */
static GByteArray *
answer_choosing (const L2tpProposal *t, guint number)
{
  g_autoptr (GBytes) built = l2tp_ikev1_probe_build (cookie, t, 1, 0, NULL);
  GByteArray *b = copy_of (built);

  memcpy (b->data + 8, rcookie, 8);
  b->data[AT_TRANSFORM_NUM] = number;
  return b;
}

/*****************************************************************************/
/* Building groups */

static void
test_build_two (void)
{
  L2tpProposal t[2]
      = { *plan_at (0), { L2TP_ENC_3DES, L2TP_INTEG_MD5, L2TP_DH_MODP768 } };
  g_autoptr (GBytes) packet = l2tp_ikev1_probe_build (cookie, t, 2, 0, NULL);
  g_autoptr (GBytes) want
      = hex_bytes ("0102030405060708 0000000000000000"
                   "01 10 02 00 00000000 000000e4" /* SA next, Main Mode, 228 bytes */
                   "0d000058 00000001 00000001"    /* SA */
                   "0000004c 01 01 00 02" /* proposal 1, ISAKMP, no SPI, 2 transforms */
                   "03000024 01 01 0000"  /* transform 1, another follows */
                   "80010007 800e0100 80020002 80030001 80040002 800b0001 800c7080"
                   "00000020 02 01 0000" /* transform 2, the last */
                   "80010005 80020001 80030001 80040001 800b0001 800c7080"
                   "0d000014 4a131c81070358455c5728f20e95452f"
                   "0d000014 7d9419a65310ca6f2c179d9215529d56"
                   "0d000014 cd60464335df21f87cfdb2fc68b6a448"
                   "0d000014 90cb80913ebb696e086381b5ec427b1f"
                   "0d000014 afcad71368a1f1c96b8696fc77570100"
                   "0000000c 09002689dfd6b712");

  g_assert_nonnull (packet);
  g_assert_true (g_bytes_equal (packet, want));
}

/* Every group the plan starts with fits one datagram of under 1200 bytes
 * and says what it holds: count, numbers, chained transform payloads. */
static void
test_build_sizes (void)
{
  guint largest = 0;

  for (guint g = 0; g < plan ()->len; g += L2TP_IKEV1_PROBE_MAX_TRANSFORMS)
    {
      guint n = MIN (L2TP_IKEV1_PROBE_MAX_TRANSFORMS, plan ()->len - g);
      g_autoptr (GBytes) packet
          = l2tp_ikev1_probe_build (cookie, plan_at (g), n, 0, NULL);
      gsize len;
      const guint8 *d = g_bytes_get_data (packet, &len);
      gsize at = AT_TRANSFORM;

      g_assert_nonnull (packet);
      largest = MAX (largest, len);
      g_assert_cmpuint (d[AT_PROPOSAL_COUNT], ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpuint (at + 8, <=, len);
          g_assert_cmpuint (d[at], ==, i + 1 < n ? 3 : 0);
          g_assert_cmpuint (d[at + 4], ==, i + 1);
          at += (d[at + 2] << 8) | d[at + 3];
        }
    }
  /* 24 AES transforms (36 bytes each, with the key length) at most. */
  g_assert_cmpuint (largest, <=, 28 + 12 + 8 + 24 * 36 + 112);
  g_assert_cmpuint (largest, <, 1200);

  {
    L2tpProposal bad[2]
        = { *plan_at (0), { L2TP_ENC_AES128_GCM16, L2TP_INTEG_NONE, L2TP_DH_MODP2048 } };
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) packet = l2tp_ikev1_probe_build (cookie, bad, 2, 0, &error);

    g_assert_null (packet);
    g_assert_error (error, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_UNSUPPORTED);
  }
}

/*****************************************************************************/
/* charon's choices */

typedef struct
{
  const char *name;
  guint first, count;          /* the plan's transforms offered ... */
  const char *const *excluded; /* ... without these */
  const char *chosen;          /* NULL: NO_PROPOSAL_CHOSEN */
  guint number;                /* the transform number charon answered with */
} GroupFixture;

static const char *const chosen_three[]
    = { "aes128-sha256-modp2048", "aes256-sha256-modp2048", "aes128-sha1-modp2048",
        NULL };
static const char *const chosen_four[]
    = { "aes128-sha256-modp2048", "aes256-sha256-modp2048", "aes128-sha1-modp2048",
        "aes256-sha1-modp2048", NULL };
static const char *const none[] = { NULL };

static const GroupFixture group_fixtures[] = {
  { "charon-default-group-chose-aes128-sha256-modp2048", 0, 24, none,
    "aes128-sha256-modp2048", 16 },
  { "charon-default-group-rest-chose-aes256-sha1-modp2048", 0, 24, chosen_three,
    "aes256-sha1-modp2048", 2 },
  { "charon-default-group-refused", 24, 24, none, NULL, 0 },
  { "charon-default-group-rest-refused", 0, 24, chosen_four, NULL, 0 },
};

static GBytes *
read_fixture (const char *name, const char *suffix)
{
  g_autofree char *file = g_strconcat (name, suffix, NULL);
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "fixtures", "ikev1-probe", file, NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return hex_bytes (text);
}

static void
test_group_fixture (gconstpointer data)
{
  const GroupFixture *f = data;
  g_autoptr (GBytes) request = read_fixture (f->name, ".request.hex");
  g_autoptr (GBytes) answer_bytes = read_fixture (f->name, ".answer.hex");
  g_autoptr (GArray) offered = g_array_new (FALSE, FALSE, sizeof (L2tpProposal));
  g_autoptr (GBytes) built = NULL;
  g_autoptr (L2tpIkev1Answer) answer = NULL;
  g_autoptr (GError) error = NULL;
  const guint8 *req = g_bytes_get_data (request, NULL);
  gsize len;
  const guint8 *d = g_bytes_get_data (answer_bytes, &len);

  for (guint i = f->first; i < f->first + f->count; i++)
    {
      g_autofree char *name = name_of (plan_at (i));

      if (!g_strv_contains (f->excluded, name))
        g_array_append_val (offered, *plan_at (i));
    }
  /* Our builder gives the captured request's very bytes. */
  built = l2tp_ikev1_probe_build (req, (L2tpProposal *) offered->data, offered->len, 0,
                                  NULL);
  g_assert_true (g_bytes_equal (built, request));

  answer = l2tp_ikev1_probe_parse (d, len, req, (L2tpProposal *) offered->data,
                                   offered->len, &error);
  g_assert_no_error (error);
  if (f->chosen)
    {
      g_autofree char *chosen = name_of (&answer->accepted);
      g_autofree char *at
          = name_of (&g_array_index (offered, L2tpProposal, answer->chosen));

      g_assert_cmpint (answer->kind, ==, L2TP_IKEV1_ANSWER_ACCEPTED);
      g_assert_cmpstr (chosen, ==, f->chosen);
      g_assert_cmpstr (at, ==, f->chosen);
      /* charon numbers its choice as it was numbered in the offer. */
      g_assert_cmpuint (answer->chosen + 1, ==, f->number);
      g_assert_cmpuint (d[AT_TRANSFORM_NUM], ==, f->number);

      /* The same answer to an offer without that transform: not offered. */
      {
        g_autoptr (GError) e2 = NULL;
        g_autoptr (L2tpIkev1Answer) a2 = NULL;
        g_autoptr (GArray) rest = g_array_copy (offered);

        g_array_remove_index (rest, answer->chosen);
        a2 = l2tp_ikev1_probe_parse (d, len, req, (L2tpProposal *) rest->data, rest->len,
                                     &e2);
        g_assert_null (a2);
        g_assert_error (e2, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_NOT_OFFERED);
      }
    }
  else
    {
      g_assert_cmpint (answer->kind, ==, L2TP_IKEV1_ANSWER_NOTIFY);
      g_assert_cmpuint (answer->notify_type, ==, L2TP_IKEV1_NOTIFY_NO_PROPOSAL_CHOSEN);
    }
}

/*****************************************************************************/
/* Crafted choices */

/* Each position of a group, numbered right, numbered 1, numbered beyond
 * the group: the attributes say which transform it is. */
static void
test_choice_by_attributes (void)
{
  const guint numbers[] = { 0 /* its own */, 1, 99, 0xff };

  for (guint g = 0; g < plan ()->len; g += L2TP_IKEV1_PROBE_MAX_TRANSFORMS)
    for (guint i = 0; i < L2TP_IKEV1_PROBE_MAX_TRANSFORMS; i++)
      for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
        {
          g_autoptr (GByteArray) b
              = answer_choosing (plan_at (g + i), numbers[k] ? numbers[k] : i + 1);
          g_autoptr (GError) error = NULL;
          g_autoptr (L2tpIkev1Answer) a = parse (b->data, b->len, plan_at (g),
                                                 L2TP_IKEV1_PROBE_MAX_TRANSFORMS, &error);

          g_assert_no_error (error);
          g_assert_cmpint (a->kind, ==, L2TP_IKEV1_ANSWER_ACCEPTED);
          g_assert_cmpuint (a->chosen, ==, i);
          g_assert_cmpmem (&a->accepted, sizeof a->accepted, plan_at (g + i),
                           sizeof a->accepted);
        }
}

/* A single offer reads as before: chosen is 0. */
static void
test_choice_single (void)
{
  g_autoptr (GByteArray) b = answer_choosing (plan_at (7), 1);
  g_autoptr (L2tpIkev1Answer) a = parse (b->data, b->len, plan_at (7), 1, NULL);

  g_assert_nonnull (a);
  g_assert_cmpuint (a->chosen, ==, 0);
}

static void
assert_error (GByteArray *b, const L2tpProposal *offered, guint n, int code,
              const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpIkev1Answer) a = parse (b->data, b->len, offered, n, &error);

  g_assert_null (a);
  g_assert_error (error, L2TP_IKEV1_PROBE_ERROR, code);
  if (message_part && !strstr (error->message, message_part))
    g_error ("'%s' does not say '%s'", error->message, message_part);
}

static void
test_choice_hostile (void)
{
  /* A transform of another group, or of none offered. */
  {
    g_autoptr (GByteArray) b = answer_choosing (plan_at (0), 1);

    assert_error (b, plan_at (24), 24, L2TP_IKEV1_PROBE_ERROR_NOT_OFFERED, "not offered");
    assert_error (b, NULL, 0, L2TP_IKEV1_PROBE_ERROR_NOT_OFFERED, "not offered");
  }
  /* Same attributes but for one: key length, hash, group, cipher. */
  {
    const L2tpProposal near[] = {
      { L2TP_ENC_AES128, L2TP_INTEG_SHA1, L2TP_DH_MODP1024 },
      { L2TP_ENC_AES256, L2TP_INTEG_SHA256, L2TP_DH_MODP1024 },
      { L2TP_ENC_AES256, L2TP_INTEG_SHA1, L2TP_DH_MODP2048 },
      { L2TP_ENC_3DES, L2TP_INTEG_SHA1, L2TP_DH_MODP1024 },
    };
    const L2tpProposal chosen = { L2TP_ENC_AES256, L2TP_INTEG_SHA1, L2TP_DH_MODP1024 };
    g_autoptr (GByteArray) b = answer_choosing (&chosen, 1);

    assert_error (b, near, G_N_ELEMENTS (near), L2TP_IKEV1_PROBE_ERROR_NOT_OFFERED, NULL);
  }
  /* The whole offer echoed back: it does not say which. */
  {
    g_autoptr (GBytes) built = l2tp_ikev1_probe_build (cookie, plan_at (0), 24, 0, NULL);
    g_autoptr (GByteArray) b = copy_of (built);

    memcpy (b->data + 8, rcookie, 8);
    assert_error (b, plan_at (0), 24, L2TP_IKEV1_PROBE_ERROR_MALFORMED,
                  "holds 24 transforms");
    /* ... nor when the count says one. */
    b->data[AT_PROPOSAL_COUNT] = 1;
    assert_error (b, plan_at (0), 24, L2TP_IKEV1_PROBE_ERROR_MALFORMED,
                  "followed by another payload (3)");
  }
  /* Two proposals. */
  {
    g_autoptr (GByteArray) b = answer_choosing (plan_at (3), 4);

    b->data[AT_PROPOSAL] = 2;
    assert_error (b, plan_at (0), 24, L2TP_IKEV1_PROBE_ERROR_MALFORMED,
                  "more than one proposal");
  }
  /* Unusable Main Mode replies still name the SA to abandon. */
  {
    g_autoptr (GByteArray) b = answer_choosing (plan_at (3), 4);
    guint8 r[8];

    b->data[AT_PROPOSAL] = 2;
    g_assert_true (l2tp_ikev1_probe_peek_responder (b->data, b->len, r));
    g_assert_cmpmem (r, 8, rcookie, 8);
    g_assert_false (l2tp_ikev1_probe_peek_responder (b->data, 27, r));
    b->data[18] = 5; /* Informational */
    g_assert_false (l2tp_ikev1_probe_peek_responder (b->data, b->len, r));
    b->data[18] = 2;
    memset (b->data + 8, 0, 8); /* our own request */
    g_assert_false (l2tp_ikev1_probe_peek_responder (b->data, b->len, r));
  }
  /* Well-formed otherwise: the cookie check still comes first. */
  {
    g_autoptr (GByteArray) b = answer_choosing (plan_at (3), 4);

    b->data[0] ^= 1;
    assert_error (b, plan_at (0), 24, L2TP_IKEV1_PROBE_ERROR_NOT_OURS, NULL);
  }
}

/* Every prefix of charon's group answers is refused; every byte changed
 * gives an answer or an error, never both or neither, and an answer only
 * ever names an offered transform. */
static void
test_choice_mutations (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (group_fixtures); f++)
    {
      g_autoptr (GBytes) bytes = read_fixture (group_fixtures[f].name, ".answer.hex");
      g_autoptr (GByteArray) m = copy_of (bytes);
      gsize len;
      const guint8 *d = g_bytes_get_data (bytes, &len);
      guint8 their_cookie[8];

      memcpy (their_cookie, d, 8);
      for (gsize cut = 0; cut < len; cut++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (L2tpIkev1Answer) a
              = l2tp_ikev1_probe_parse (d, cut, their_cookie, plan_at (0), 48, &error);

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

              m->data[i] = values[v];
              a = l2tp_ikev1_probe_parse (m->data, len, their_cookie, plan_at (0), 48,
                                          &error);
              g_assert_true ((a == NULL) != (error == NULL));
              if (a && a->kind == L2TP_IKEV1_ANSWER_ACCEPTED)
                {
                  g_assert_cmpuint (a->chosen, <, 48);
                  g_assert_cmpmem (&a->accepted, sizeof a->accepted, plan_at (a->chosen),
                                   sizeof a->accepted);
                }
              m->data[i] = d[i];
            }
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ikev1-probe/group/build/two", test_build_two);
  g_test_add_func ("/ikev1-probe/group/build/sizes", test_build_sizes);
  for (guint i = 0; i < G_N_ELEMENTS (group_fixtures); i++)
    {
      g_autofree char *path
          = g_strdup_printf ("/ikev1-probe/group/charon/%s", group_fixtures[i].name);

      g_test_add_data_func (path, &group_fixtures[i], test_group_fixture);
    }
  g_test_add_func ("/ikev1-probe/group/choice/by-attributes", test_choice_by_attributes);
  g_test_add_func ("/ikev1-probe/group/choice/single", test_choice_single);
  g_test_add_func ("/ikev1-probe/group/choice/hostile", test_choice_hostile);
  g_test_add_func ("/ikev1-probe/group/choice/mutations", test_choice_mutations);
  return g_test_run ();
}
