/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — IKEv1 Main Mode probe packets: build the first message,
 * read the answer.
 *
 * Wire facts (RFC 2408 ISAKMP, RFC 2409 IKE, IANA "IPSEC registry"):
 * - header: initiator cookie (8), responder cookie (8), next payload (1),
 *   version (1, major in the high nibble), exchange type (1: 2 Identity
 *   Protection = Main Mode, 5 Informational), flags (1, bit 0 encrypted),
 *   message ID (4), length (4, the whole message);
 * - every payload: next payload (1), reserved (1), length (2, with this
 *   4-byte generic header); payload types SA 1, proposal 2, transform 3,
 *   notify 11, vendor ID 13;
 * - SA: DOI (4, 1 = IPsec), situation (4, 1 = identity only), proposals;
 *   proposal: number, protocol (1 = ISAKMP), SPI size, transform count,
 *   SPI, transforms; transform: number, ID (1 = KEY_IKE), 2 reserved,
 *   attributes;
 * - attribute: type (2; high bit set = the 2-byte value follows, else a
 *   2-byte length and that many bytes); IKE attribute types: 1 encryption
 *   (5 3DES-CBC, 7 AES-CBC), 2 hash (1 MD5, 2 SHA, 4 SHA2-256, 5 SHA2-384,
 *   6 SHA2-512), 3 authentication method (1 pre-shared key), 4 group
 *   description (the IANA group numbers of L2tpDhGroup), 11 life type
 *   (1 seconds), 12 life duration, 14 key length (bits);
 * - notify: DOI (4), protocol (1), SPI size (1), type (2), SPI, data.
 */
#include "ikev1-probe-packet.h"

#include <string.h>

#include "ikev1-vendor-id.h"

#define EXCH_ID_PROT       2
#define EXCH_INFORMATIONAL 5
#define FLAG_ENCRYPTED     0x01
#define ISAKMP_VERSION     0x10 /* 1.0 */

#define PL_NONE      0
#define PL_SA        1
#define PL_PROPOSAL  2
#define PL_TRANSFORM 3
#define PL_NOTIFY    11
#define PL_VENDOR_ID 13

#define DOI_IPSEC         1
#define SIT_IDENTITY_ONLY 1
#define PROTO_ISAKMP      1
#define TRANSFORM_KEY_IKE 1
#define AUTH_PSK          1
#define LIFE_TYPE_SECONDS 1

#define ATTR_ENCRYPTION 1
#define ATTR_HASH       2
#define ATTR_AUTH       3
#define ATTR_GROUP      4
#define ATTR_LIFE_TYPE  11
#define ATTR_LIFE_DUR   12
#define ATTR_KEY_LENGTH 14
#define ATTR_TV         0x8000

#define ENC_3DES    5
#define ENC_AES_CBC 7

/* Bounds for hostile answers. */
#define MAX_PAYLOADS   64
#define MAX_ATTRIBUTES 64

G_DEFINE_QUARK (l2tp - ikev1 - probe - error - quark, l2tp_ikev1_probe_error)

void
l2tp_ikev1_answer_free (L2tpIkev1Answer *answer)
{
  if (!answer)
    return;
  g_clear_pointer (&answer->vendor_ids, g_ptr_array_unref);
  g_free (answer);
}

/*****************************************************************************/
/* Building */

static void
put16 (GByteArray *b, guint v)
{
  guint8 d[2] = { (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (b, d, 2);
}

static void
put32 (GByteArray *b, guint32 v)
{
  guint8 d[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (b, d, 4);
}

static void
set16 (GByteArray *b, gsize at, guint v)
{
  b->data[at] = (v >> 8) & 0xff;
  b->data[at + 1] = v & 0xff;
}

static void
set32 (GByteArray *b, gsize at, guint32 v)
{
  b->data[at] = v >> 24;
  b->data[at + 1] = (v >> 16) & 0xff;
  b->data[at + 2] = (v >> 8) & 0xff;
  b->data[at + 3] = v & 0xff;
}

static void
put_tv (GByteArray *b, guint type, guint value)
{
  put16 (b, ATTR_TV | type);
  put16 (b, value);
}

/* Starts a payload; returns its offset for end_payload(). */
static gsize
begin_payload (GByteArray *b, guint8 next)
{
  gsize at = b->len;
  guint8 h[4] = { next, 0, 0, 0 };

  g_byte_array_append (b, h, 4);
  return at;
}

static void
end_payload (GByteArray *b, gsize at)
{
  set16 (b, at + 2, b->len - at);
}

static void
put_header (GByteArray *b, const guint8 *icookie, const guint8 *rcookie, guint8 next,
            guint8 exchange, guint32 message_id)
{
  static const guint8 zero[L2TP_IKEV1_COOKIE_LEN] = { 0 };
  guint8 h[4] = { next, ISAKMP_VERSION, exchange, 0 };

  g_byte_array_append (b, icookie, L2TP_IKEV1_COOKIE_LEN);
  g_byte_array_append (b, rcookie ? rcookie : zero, L2TP_IKEV1_COOKIE_LEN);
  g_byte_array_append (b, h, 4);
  put32 (b, message_id);
  put32 (b, 0); /* length, set at the end */
}

static gboolean
encryption_attrs (L2tpEncryption enc, guint *id, guint *key_bits)
{
  switch (enc)
    {
    case L2TP_ENC_AES128:
      *id = ENC_AES_CBC, *key_bits = 128;
      return TRUE;
    case L2TP_ENC_AES192:
      *id = ENC_AES_CBC, *key_bits = 192;
      return TRUE;
    case L2TP_ENC_AES256:
      *id = ENC_AES_CBC, *key_bits = 256;
      return TRUE;
    case L2TP_ENC_3DES:
      *id = ENC_3DES, *key_bits = 0;
      return TRUE;
    default:
      return FALSE;
    }
}

static const struct
{
  L2tpIntegrity integ;
  guint id;
} hashes[] = {
  { L2TP_INTEG_MD5, 1 },    { L2TP_INTEG_SHA1, 2 },   { L2TP_INTEG_SHA256, 4 },
  { L2TP_INTEG_SHA384, 5 }, { L2TP_INTEG_SHA512, 6 },
};

static const L2tpDhGroup groups[] = {
  L2TP_DH_MODP768,  L2TP_DH_MODP1024, L2TP_DH_MODP1536, L2TP_DH_MODP2048,
  L2TP_DH_MODP3072, L2TP_DH_MODP4096, L2TP_DH_MODP6144, L2TP_DH_MODP8192,
  L2TP_DH_ECP256,   L2TP_DH_ECP384,   L2TP_DH_ECP521,   L2TP_DH_CURVE25519,
};

static gboolean
hash_id (L2tpIntegrity integ, guint *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    if (hashes[i].integ == integ)
      {
        *id = hashes[i].id;
        return TRUE;
      }
  return FALSE;
}

static gboolean
group_known (guint group)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if ((guint) groups[i] == group)
      return TRUE;
  return FALSE;
}

/* One KEY_IKE transform payload, numbered @number. */
static void
put_transform (GByteArray *b, guint number, gboolean last, guint enc_id, guint key_bits,
               guint hash, guint group, guint32 life_seconds)
{
  gsize tr = begin_payload (b, last ? PL_NONE : PL_TRANSFORM);
  guint8 t[4] = { number, TRANSFORM_KEY_IKE, 0, 0 };

  g_byte_array_append (b, t, 4);
  put_tv (b, ATTR_ENCRYPTION, enc_id);
  if (key_bits)
    put_tv (b, ATTR_KEY_LENGTH, key_bits);
  put_tv (b, ATTR_HASH, hash);
  put_tv (b, ATTR_AUTH, AUTH_PSK);
  put_tv (b, ATTR_GROUP, group);
  put_tv (b, ATTR_LIFE_TYPE, LIFE_TYPE_SECONDS);
  if (life_seconds <= 0xffff)
    put_tv (b, ATTR_LIFE_DUR, life_seconds);
  else
    {
      put16 (b, ATTR_LIFE_DUR);
      put16 (b, 4);
      put32 (b, life_seconds);
    }
  end_payload (b, tr);
}

GBytes *
l2tp_ikev1_probe_build (const guint8 cookie[L2TP_IKEV1_COOKIE_LEN],
                        const L2tpProposal *transforms, guint n_transforms,
                        guint32 life_seconds, GError **error)
{
  g_autoptr (GByteArray) b = NULL;
  const L2tpIkev1VendorId *vids;
  guint n_vids;
  gsize sa, proposal;

  g_return_val_if_fail (cookie != NULL, NULL);
  g_return_val_if_fail (transforms != NULL, NULL);
  g_return_val_if_fail (
      n_transforms >= 1 && n_transforms <= L2TP_IKEV1_PROBE_MAX_TRANSFORMS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < n_transforms; i++)
    {
      guint enc_id, key_bits, hash;

      if (!encryption_attrs (transforms[i].enc, &enc_id, &key_bits)
          || !hash_id (transforms[i].integ, &hash) || !group_known (transforms[i].dh))
        {
          g_set_error_literal (error, L2TP_IKEV1_PROBE_ERROR,
                               L2TP_IKEV1_PROBE_ERROR_UNSUPPORTED,
                               "IKEv1 has no transform for this proposal");
          return NULL;
        }
    }
  if (life_seconds == 0)
    life_seconds = L2TP_IKEV1_DEFAULT_LIFE_S;

  vids = l2tp_ikev1_vendor_ids_offered (&n_vids);
  b = g_byte_array_sized_new (256 + 36 * n_transforms);
  put_header (b, cookie, NULL, PL_SA, EXCH_ID_PROT, 0);

  sa = begin_payload (b, n_vids > 0 ? PL_VENDOR_ID : PL_NONE);
  put32 (b, DOI_IPSEC);
  put32 (b, SIT_IDENTITY_ONLY);
  proposal = begin_payload (b, PL_NONE);
  {
    guint8 p[4] = { 1, PROTO_ISAKMP, 0 /* SPI size */, n_transforms };
    g_byte_array_append (b, p, 4);
  }
  for (guint i = 0; i < n_transforms; i++)
    {
      guint enc_id = 0, key_bits = 0, hash = 0;

      encryption_attrs (transforms[i].enc, &enc_id, &key_bits);
      hash_id (transforms[i].integ, &hash);
      put_transform (b, i + 1, i + 1 == n_transforms, enc_id, key_bits, hash,
                     transforms[i].dh, life_seconds);
    }
  end_payload (b, proposal);
  end_payload (b, sa);

  for (guint i = 0; i < n_vids; i++)
    {
      gsize at = begin_payload (b, i + 1 < n_vids ? PL_VENDOR_ID : PL_NONE);

      g_byte_array_append (b, vids[i].data, vids[i].len);
      end_payload (b, at);
    }
  set32 (b, 24, b->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&b));
}

GBytes *
l2tp_ikev1_probe_build_notify (const guint8 cookie[L2TP_IKEV1_COOKIE_LEN],
                               const guint8 responder_cookie[L2TP_IKEV1_COOKIE_LEN],
                               guint32 message_id, guint16 notify_type)
{
  g_autoptr (GByteArray) b = NULL;
  gsize at;

  g_return_val_if_fail (cookie != NULL && responder_cookie != NULL, NULL);
  g_return_val_if_fail (message_id != 0, NULL);

  b = g_byte_array_sized_new (40);
  put_header (b, cookie, responder_cookie, PL_NOTIFY, EXCH_INFORMATIONAL, message_id);
  at = begin_payload (b, PL_NONE);
  put32 (b, DOI_IPSEC);
  {
    guint8 p[2] = { PROTO_ISAKMP, 0 /* SPI size: the cookies name the SA */ };
    g_byte_array_append (b, p, 2);
  }
  put16 (b, notify_type);
  end_payload (b, at);
  set32 (b, 24, b->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&b));
}

/*****************************************************************************/
/* Reading */

static guint
get16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
get32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

G_GNUC_PRINTF (2, 3)
static gboolean
malformed (GError **error, const char *format, ...)
{
  va_list ap;
  g_autofree char *text = NULL;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error_literal (error, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_MALFORMED,
                       text);
  return FALSE;
}

gboolean
l2tp_ikev1_probe_peek_cookie (const guint8 *data, gsize len,
                              guint8 cookie[L2TP_IKEV1_COOKIE_LEN])
{
  g_return_val_if_fail (cookie != NULL, FALSE);
  if (!data || len < L2TP_IKEV1_HEADER_LEN)
    return FALSE;
  memcpy (cookie, data, L2TP_IKEV1_COOKIE_LEN);
  return TRUE;
}

gboolean
l2tp_ikev1_probe_peek_responder (const guint8 *data, gsize len,
                                 guint8 responder_cookie[L2TP_IKEV1_COOKIE_LEN])
{
  static const guint8 zero[L2TP_IKEV1_COOKIE_LEN] = { 0 };

  g_return_val_if_fail (responder_cookie != NULL, FALSE);
  if (!data || len < L2TP_IKEV1_HEADER_LEN || data[18] != EXCH_ID_PROT
      || memcmp (data + 8, zero, L2TP_IKEV1_COOKIE_LEN) == 0)
    return FALSE;
  memcpy (responder_cookie, data + 8, L2TP_IKEV1_COOKIE_LEN);
  return TRUE;
}

/* One attribute at @p (@end bounds it): its type, and its value when it
 * fits 32 bits (longer values are read as "too long" = G_MAXUINT32+). */
static gboolean
read_attribute (const guint8 **p, const guint8 *end, guint *type, guint64 *value,
                GError **error)
{
  guint t;

  if (end - *p < 4)
    return malformed (error, "transform attribute cut short");
  t = get16 (*p);
  if (t & ATTR_TV)
    {
      *type = t & ~ATTR_TV;
      *value = get16 (*p + 2);
      *p += 4;
      return TRUE;
    }
  {
    guint vlen = get16 (*p + 2);

    if ((gsize) (end - *p - 4) < vlen)
      return malformed (error, "transform attribute %u runs past its payload", t);
    *type = t;
    if (vlen == 0 || vlen > 8)
      *value = G_MAXUINT64;
    else
      {
        *value = 0;
        for (guint i = 0; i < vlen; i++)
          *value = (*value << 8) | (*p)[4 + i];
      }
    *p += 4 + vlen;
  }
  return TRUE;
}

static gboolean
encryption_from_attrs (guint enc_id, guint64 key_bits, L2tpEncryption *enc,
                       GError **error)
{
  if (enc_id == ENC_3DES && key_bits == 0)
    {
      *enc = L2TP_ENC_3DES;
      return TRUE;
    }
  if (enc_id == ENC_AES_CBC)
    switch (key_bits)
      {
      case 128:
        *enc = L2TP_ENC_AES128;
        return TRUE;
      case 192:
        *enc = L2TP_ENC_AES192;
        return TRUE;
      case 256:
        *enc = L2TP_ENC_AES256;
        return TRUE;
      default:
        break;
      }
  return malformed (error, "the accepted transform has encryption %u with key length %u",
                    enc_id, (guint) MIN (key_bits, G_MAXUINT));
}

/* The transform payload body (after its generic header). */
static gboolean
parse_transform (const guint8 *p, const guint8 *end, L2tpIkev1Answer *answer,
                 GError **error)
{
  guint enc_id = 0, hash = 0, auth = 0, group = 0, life_type = 0, n = 0;
  guint64 key_bits = 0, life = 0;
  gboolean have_life = FALSE;

  if (end - p < 4)
    return malformed (error, "transform payload cut short");
  if (p[1] != TRANSFORM_KEY_IKE)
    return malformed (error, "the accepted transform is not KEY_IKE (%u)", p[1]);
  p += 4;
  while (p < end)
    {
      guint type = 0;
      guint64 value = 0;

      if (++n > MAX_ATTRIBUTES)
        return malformed (error, "more than %d transform attributes", MAX_ATTRIBUTES);
      if (!read_attribute (&p, end, &type, &value, error))
        return FALSE;
      if (value > G_MAXUINT32
          && (type == ATTR_ENCRYPTION || type == ATTR_KEY_LENGTH || type == ATTR_HASH
              || type == ATTR_AUTH || type == ATTR_GROUP || type == ATTR_LIFE_TYPE))
        return malformed (error, "transform attribute %u has a value of unusual length",
                          type);
      switch (type)
        {
        case ATTR_ENCRYPTION:
          enc_id = value;
          break;
        case ATTR_KEY_LENGTH:
          key_bits = value;
          break;
        case ATTR_HASH:
          hash = value;
          break;
        case ATTR_AUTH:
          auth = value;
          break;
        case ATTR_GROUP:
          group = value;
          break;
        case ATTR_LIFE_TYPE:
          life_type = value;
          have_life = FALSE;
          break;
        case ATTR_LIFE_DUR:
          if (life_type == LIFE_TYPE_SECONDS)
            {
              life = value;
              have_life = TRUE;
            }
          break;
        default:
          break;
        }
    }
  if (!encryption_from_attrs (enc_id, key_bits, &answer->accepted.enc, error))
    return FALSE;
  answer->accepted.integ = L2TP_INTEG_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    if (hashes[i].id == hash)
      answer->accepted.integ = hashes[i].integ;
  if (answer->accepted.integ == L2TP_INTEG_NONE)
    return malformed (error, "the accepted transform has hash %u", hash);
  if (!group_known (group))
    return malformed (error, "the accepted transform has group %u", group);
  answer->accepted.dh = group;
  if (auth != AUTH_PSK)
    return malformed (error, "the accepted transform has authentication method %u", auth);
  answer->life_seconds = have_life ? (guint32) MIN (life, G_MAXUINT32) : 0;
  return TRUE;
}

/* The SA payload body: DOI, situation, one proposal with one transform (a
 * responder chooses one; an answer holding more would not say which). */
static gboolean
parse_sa (const guint8 *p, const guint8 *end, L2tpIkev1Answer *answer, GError **error)
{
  guint plen, tlen, spi_size;
  const guint8 *q;

  if (end - p < 8 + 4)
    return malformed (error, "SA payload cut short");
  if (get32 (p) != DOI_IPSEC)
    return malformed (error, "SA payload with DOI %u", get32 (p));
  p += 8;
  plen = get16 (p + 2);
  if (p[0] == PL_PROPOSAL)
    return malformed (error, "the answer holds more than one proposal");
  if (p[0] != PL_NONE)
    return malformed (error, "SA payload holds payload type %u", p[0]);
  if (plen < 8 || plen > (gsize) (end - p))
    return malformed (error, "proposal payload length %u does not fit its SA", plen);
  end = p + plen;
  if (p[5] != PROTO_ISAKMP)
    return malformed (error, "proposal for protocol %u", p[5]);
  spi_size = p[6];
  if (p[7] < 1)
    return malformed (error, "proposal without a transform");
  if (p[7] > 1)
    return malformed (
        error, "the answer's proposal holds %u transforms, not the one chosen", p[7]);
  q = p + 8 + spi_size;
  if (q + 4 > end)
    return malformed (error, "proposal payload cut short");
  tlen = get16 (q + 2);
  if (q[0] != PL_NONE)
    return malformed (error, "the answer's transform is followed by another payload (%u)",
                      q[0]);
  if (tlen < 8 || tlen > (gsize) (end - q))
    return malformed (error, "transform payload length %u does not fit its proposal",
                      tlen);
  return parse_transform (q + 4, q + tlen, answer, error);
}

static gboolean
parse_notify (const guint8 *p, const guint8 *end, L2tpIkev1Answer *answer, GError **error)
{
  if (end - p < 8)
    return malformed (error, "notify payload cut short");
  answer->notify_type = get16 (p + 6);
  return TRUE;
}

/* Which offered transform the accepted one is: by its attributes, which is
 * what L2tpProposal holds of a transform (the authentication method was
 * checked to be the pre-shared key we offer). */
static gboolean
find_offered (L2tpIkev1Answer *answer, const L2tpProposal *offered, guint n_offered)
{
  for (guint i = 0; i < n_offered; i++)
    if (offered[i].enc == answer->accepted.enc
        && offered[i].integ == answer->accepted.integ
        && offered[i].dh == answer->accepted.dh)
      {
        answer->chosen = i;
        return TRUE;
      }
  return FALSE;
}

L2tpIkev1Answer *
l2tp_ikev1_probe_parse (const guint8 *data, gsize len,
                        const guint8 cookie[L2TP_IKEV1_COOKIE_LEN],
                        const L2tpProposal *offered, guint n_offered, GError **error)
{
  static const guint8 zero[L2TP_IKEV1_COOKIE_LEN] = { 0 };
  g_autoptr (L2tpIkev1Answer) answer = NULL;
  const guint8 *p, *end;
  guint next, exchange, n = 0;
  guint32 total;
  gboolean have_sa = FALSE, have_notify = FALSE;

  g_return_val_if_fail (cookie != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (offered != NULL || n_offered == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < L2TP_IKEV1_HEADER_LEN)
    {
      malformed (error, "%u bytes are too short for an ISAKMP header", (guint) len);
      return NULL;
    }
  if (memcmp (data, cookie, L2TP_IKEV1_COOKIE_LEN) != 0
      || memcmp (data + 8, zero, L2TP_IKEV1_COOKIE_LEN) == 0)
    {
      g_set_error_literal (error, L2TP_IKEV1_PROBE_ERROR, L2TP_IKEV1_PROBE_ERROR_NOT_OURS,
                           "not an answer to this probe");
      return NULL;
    }
  if ((data[17] >> 4) != 1)
    {
      malformed (error, "ISAKMP major version %u", data[17] >> 4);
      return NULL;
    }
  exchange = data[18];
  if (exchange != EXCH_ID_PROT && exchange != EXCH_INFORMATIONAL)
    {
      malformed (error, "exchange type %u is neither Main Mode nor Informational",
                 exchange);
      return NULL;
    }
  if (data[19] & FLAG_ENCRYPTED)
    {
      malformed (error, "the answer is encrypted");
      return NULL;
    }
  total = get32 (data + 24);
  if (total < L2TP_IKEV1_HEADER_LEN || total > len)
    {
      malformed (error, "ISAKMP length %u for a %u byte datagram", total, (guint) len);
      return NULL;
    }

  answer = g_new0 (L2tpIkev1Answer, 1);
  answer->kind
      = exchange == EXCH_ID_PROT ? L2TP_IKEV1_ANSWER_ACCEPTED : L2TP_IKEV1_ANSWER_NOTIFY;
  memcpy (answer->responder_cookie, data + 8, L2TP_IKEV1_COOKIE_LEN);
  answer->vendor_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  next = data[16];
  p = data + L2TP_IKEV1_HEADER_LEN;
  end = data + total;
  while (next != PL_NONE)
    {
      guint type = next, plen;

      if (++n > MAX_PAYLOADS)
        {
          malformed (error, "more than %d payloads", MAX_PAYLOADS);
          return NULL;
        }
      if (end - p < 4)
        {
          malformed (error, "payload %u cut short", type);
          return NULL;
        }
      next = p[0];
      plen = get16 (p + 2);
      if (plen < 4 || plen > (gsize) (end - p))
        {
          malformed (error, "payload %u has length %u, %u bytes are left", type, plen,
                     (guint) (end - p));
          return NULL;
        }
      switch (type)
        {
        case PL_SA:
          if (have_sa || exchange != EXCH_ID_PROT)
            {
              malformed (error, "unexpected SA payload");
              return NULL;
            }
          if (!parse_sa (p + 4, p + plen, answer, error))
            return NULL;
          have_sa = TRUE;
          break;
        case PL_NOTIFY:
          if (!have_notify)
            {
              if (!parse_notify (p + 4, p + plen, answer, error))
                return NULL;
              have_notify = TRUE;
            }
          break;
        case PL_VENDOR_ID:
          g_ptr_array_add (answer->vendor_ids, g_bytes_new (p + 4, plen - 4));
          break;
        default:
          break;
        }
      p += plen;
    }

  if (exchange == EXCH_ID_PROT && !have_sa)
    {
      malformed (error, "Main Mode answer without an SA payload");
      return NULL;
    }
  if (exchange == EXCH_INFORMATIONAL && !have_notify)
    {
      malformed (error, "Informational answer without a notify payload");
      return NULL;
    }
  if (exchange == EXCH_ID_PROT && !find_offered (answer, offered, n_offered))
    {
      g_set_error_literal (error, L2TP_IKEV1_PROBE_ERROR,
                           L2TP_IKEV1_PROBE_ERROR_NOT_OFFERED,
                           "the server chose a transform that was not offered");
      return NULL;
    }
  return g_steal_pointer (&answer);
}

const char *
l2tp_ikev1_notify_name (guint16 notify_type)
{
  /* RFC 2408 section 3.14.1, error types 1-30. */
  static const char *const names[] = {
    NULL,
    "INVALID_PAYLOAD_TYPE",
    "DOI_NOT_SUPPORTED",
    "SITUATION_NOT_SUPPORTED",
    "INVALID_COOKIE",
    "INVALID_MAJOR_VERSION",
    "INVALID_MINOR_VERSION",
    "INVALID_EXCHANGE_TYPE",
    "INVALID_FLAGS",
    "INVALID_MESSAGE_ID",
    "INVALID_PROTOCOL_ID",
    "INVALID_SPI",
    "INVALID_TRANSFORM_ID",
    "ATTRIBUTES_NOT_SUPPORTED",
    "NO_PROPOSAL_CHOSEN",
    "BAD_PROPOSAL_SYNTAX",
    "PAYLOAD_MALFORMED",
    "INVALID_KEY_INFORMATION",
    "INVALID_ID_INFORMATION",
    "INVALID_CERT_ENCODING",
    "INVALID_CERTIFICATE",
    "CERT_TYPE_UNSUPPORTED",
    "INVALID_CERT_AUTHORITY",
    "INVALID_HASH_INFORMATION",
    "AUTHENTICATION_FAILED",
    "INVALID_SIGNATURE",
    "ADDRESS_NOTIFICATION",
    "NOTIFY_SA_LIFETIME",
    "CERTIFICATE_UNAVAILABLE",
    "UNSUPPORTED_EXCHANGE_TYPE",
    "UNEQUAL_PAYLOAD_LENGTHS",
  };

  return notify_type < G_N_ELEMENTS (names) ? names[notify_type] : NULL;
}
