/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libreswan's IKEv1 algorithms as its own binary lists them.
 *
 * A row of the table (pluto 4.x and 5.x, lib/libswan/ike_alg*.c):
 *   "  AES_CBC            {256,192,*128} IKEv1: IKE ESP     IKEv2: ..."
 * the name, for ciphers the key sizes ({...} or [...], '*' the default),
 * then what IKEv1 may use it for. Rows are matched by name; the words
 * after "IKEv1:" up to "IKEv2:" are the only ones read. */
#include "libreswan-caps.h"

#include <string.h>

#include "libreswan-names.h"

G_DEFINE_QUARK (l2tp - libreswan - caps - error - quark, l2tp_libreswan_caps_error)

#define MAX_LINE        1024 /* a row is about 110 bytes; longer is not a row */
#define SLOT(ike, kind) ((ike) *2 + (kind))
#define ESP_BITS        (1u << SLOT (0, L2TP_PROPOSAL_ESP) | 1u << SLOT (1, L2TP_PROPOSAL_ESP))

struct _L2tpLibreswanCaps
{
  char *version;
  guint major;
  gboolean has[2]; /* [L2tpLibreswanIke]: the version line lists it */
  /* Per SLOT (IKE version, kind), a bit per value: L2tpEncryption,
   * L2tpIntegrity, IANA DH group number. */
  guint32 enc[4];
  guint32 integ[4]; /* IKE: the hash; ESP: the HMAC */
  guint64 dh[4];    /* IKE: the IKE SA's group; ESP: the PFS group */
  guint rows;
};

typedef enum
{
  SECTION_NONE,
  SECTION_ENCRYPTION,
  SECTION_HASH,
  SECTION_INTEGRITY,
  SECTION_DH,
} Section;

typedef struct
{
  const char *name;
  int value;
} Row;

/* IKEv1's IKE SA names its hash ("Hash algorithms"); ESP and IKEv2's IKE SA
 * an HMAC ("Integrity algorithms", named as in SA details, like the groups:
 * libreswan-names.h). */
static const Row hash_rows[] = {
  { "MD5", L2TP_INTEG_MD5 },         { "SHA1", L2TP_INTEG_SHA1 },
  { "SHA2_256", L2TP_INTEG_SHA256 }, { "SHA2_384", L2TP_INTEG_SHA384 },
  { "SHA2_512", L2TP_INTEG_SHA512 },
};

static int
row_value (const Row *rows, gsize n, const char *name)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (rows[i].name, name) == 0)
      return rows[i].value;
  return -1;
}

/* "AES_CBC" with key size 128 → L2TP_ENC_AES128; -1 when not modelled. */
static int
cipher_value (const char *name, guint64 bits)
{
  static const struct
  {
    const char *name;
    guint bits;
    L2tpEncryption enc;
  } ciphers[] = {
    { "AES_CBC", 128, L2TP_ENC_AES128 },
    { "AES_CBC", 192, L2TP_ENC_AES192 },
    { "AES_CBC", 256, L2TP_ENC_AES256 },
    { "AES_GCM_16", 128, L2TP_ENC_AES128_GCM16 },
    { "AES_GCM_16", 192, L2TP_ENC_AES192_GCM16 },
    { "AES_GCM_16", 256, L2TP_ENC_AES256_GCM16 },
    { "3DES_CBC", 192, L2TP_ENC_3DES },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (ciphers); i++)
    if (ciphers[i].bits == bits && strcmp (ciphers[i].name, name) == 0)
      return ciphers[i].enc;
  return -1;
}

/* The words after "IKEv1:" up to "IKEv2:", and after "IKEv2:" while they
 * are IKE, ESP or AH: a bit per SLOT. FALSE when the row has no "IKEv1:"
 * (not a row). */
static gboolean
exchange_uses (char **words, guint *uses)
{
  guint i = 0, ike = 0;

  *uses = 0;
  while (words[i] && strcmp (words[i], "IKEv1:") != 0)
    i++;
  if (!words[i])
    return FALSE;
  for (i++; words[i]; i++)
    {
      if (strcmp (words[i], "IKEv2:") == 0 && ike == 0)
        ike = 1;
      else if (strcmp (words[i], "IKE") == 0)
        *uses |= 1u << SLOT (ike, L2TP_PROPOSAL_IKE);
      else if (strcmp (words[i], "ESP") == 0)
        *uses |= 1u << SLOT (ike, L2TP_PROPOSAL_ESP);
      else if (strcmp (words[i], "AH") != 0 && ike == 1)
        break;
    }
  return TRUE;
}

static void
set_bits (guint32 *masks, int value, guint uses)
{
  for (guint k = 0; k < 4; k++)
    if (uses & (1u << k))
      masks[k] |= 1u << value;
}

/* "{256,192,*128}" or "[*192]": each size, the default mark dropped. */
static void
add_cipher_row (L2tpLibreswanCaps *caps, const char *name, const char *sizes, guint uses)
{
  g_auto (GStrv) parts = NULL;

  if (!sizes || (sizes[0] != '{' && sizes[0] != '['))
    return;
  parts = g_strsplit_set (sizes + 1, ",}]", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *digits = parts[i][0] == '*' ? parts[i] + 1 : parts[i];
      guint64 bits;
      int enc;

      if (!g_ascii_string_to_unsigned (digits, 10, 1, 1024, &bits, NULL))
        continue;
      enc = cipher_value (name, bits);
      if (enc >= 0)
        set_bits (caps->enc, enc, uses);
    }
}

static void
add_row (L2tpLibreswanCaps *caps, Section section, char **words)
{
  guint uses;
  int value = -1;

  if (!words[0] || !exchange_uses (words, &uses))
    return;
  caps->rows++;
  switch (section)
    {
    case SECTION_ENCRYPTION:
      add_cipher_row (caps, words[0], words[1], uses);
      return;
    case SECTION_HASH:
      value = row_value (hash_rows, G_N_ELEMENTS (hash_rows), words[0]);
      /* IKEv1's IKE SA names its hash; the rest reads the integrity table. */
      uses &= 1u << SLOT (L2TP_LIBRESWAN_IKEV1, L2TP_PROPOSAL_IKE);
      break;
    case SECTION_INTEGRITY:
      {
        L2tpIntegrity integ;

        if (l2tp_libreswan_esp_integ_by_name (words[0], &integ))
          value = integ;
        uses &= ESP_BITS | 1u << SLOT (L2TP_LIBRESWAN_IKEV2, L2TP_PROPOSAL_IKE);
        break;
      }
    case SECTION_DH:
      {
        L2tpDhGroup dh;

        if (l2tp_libreswan_group_by_name (words[0], &dh))
          for (guint k = 0; k < 4; k++)
            if (uses & (1u << k))
              caps->dh[k] |= G_GUINT64_CONSTANT (1) << dh;
        return;
      }
    case SECTION_NONE:
      return;
    }
  if (value >= 0)
    set_bits (caps->integ, value, uses);
}

static Section
section_of (const char *line)
{
  static const struct
  {
    const char *title;
    Section section;
  } titles[] = {
    { "Encryption algorithms:", SECTION_ENCRYPTION },
    { "Hash algorithms:", SECTION_HASH },
    { "Integrity algorithms:", SECTION_INTEGRITY },
    { "DH algorithms:", SECTION_DH },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    if (strcmp (line, titles[i].title) == 0)
      return titles[i].section;
  return SECTION_NONE;
}

/* "Starting Pluto (Libreswan Version 4.10 IKEv2 IKEv1 XFRM ...) pid:N", or
 * `pluto --version`'s "Libreswan 4.10 IKEv2 IKEv1 ...". */
static gboolean
read_version (L2tpLibreswanCaps *caps, const char *line)
{
  const char *at = strstr (line, "Libreswan Version ");
  g_auto (GStrv) words = NULL;
  g_auto (GStrv) numbers = NULL;
  guint64 major, minor;

  if (at)
    at += strlen ("Libreswan Version ");
  else if (g_str_has_prefix (line, "Libreswan "))
    at = line + strlen ("Libreswan ");
  else
    return FALSE;
  words = g_strsplit_set (at, " )", -1);
  numbers = g_strsplit (words[0], ".", 3);
  if (!numbers[0] || !numbers[1]
      || !g_ascii_string_to_unsigned (numbers[0], 10, 1, 99, &major, NULL)
      || !g_ascii_string_to_unsigned (numbers[1], 10, 0, 999, &minor, NULL))
    return FALSE;
  g_free (caps->version);
  caps->version = g_strdup_printf ("%u.%u", (guint) major, (guint) minor);
  caps->major = major;
  caps->has[L2TP_LIBRESWAN_IKEV1] = caps->has[L2TP_LIBRESWAN_IKEV2] = FALSE;
  for (guint i = 1; words[i] && *words[i] != '('; i++)
    {
      if (strcmp (words[i], "IKEv1") == 0)
        caps->has[L2TP_LIBRESWAN_IKEV1] = TRUE;
      else if (strcmp (words[i], "IKEv2") == 0)
        caps->has[L2TP_LIBRESWAN_IKEV2] = TRUE;
    }
  return TRUE;
}

L2tpLibreswanCaps *
l2tp_libreswan_caps_parse (const char *text, GError **error)
{
  g_autoptr (L2tpLibreswanCaps) caps = g_new0 (L2tpLibreswanCaps, 1);
  g_auto (GStrv) lines = NULL;
  Section section = SECTION_NONE;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];

      if (strlen (line) > MAX_LINE || !g_utf8_validate (line, -1, NULL))
        continue;
      if (line[0] != ' ')
        {
          /* A title, the version line, or anything else: a table ends. */
          section = section_of (line);
          if (!caps->version)
            read_version (caps, line);
          continue;
        }
      if (section != SECTION_NONE)
        {
          g_auto (GStrv) words = g_strsplit_set (line, " \t", -1);
          g_autofree char **packed = g_new0 (char *, g_strv_length (words) + 1);
          guint n = 0;

          for (guint w = 0; words[w]; w++)
            if (*words[w])
              packed[n++] = words[w];
          add_row (caps, section, packed);
        }
    }
  if (!caps->version || caps->rows == 0)
    {
      g_set_error (error, L2TP_LIBRESWAN_CAPS_ERROR, L2TP_LIBRESWAN_CAPS_ERROR_UNREADABLE,
                   "pluto --selftest: %s",
                   !caps->version ? "no \"Libreswan Version\" line"
                                  : "no algorithm table");
      return NULL;
    }
  return g_steal_pointer (&caps);
}

void
l2tp_libreswan_caps_free (L2tpLibreswanCaps *caps)
{
  if (!caps)
    return;
  g_free (caps->version);
  g_free (caps);
}

const char *
l2tp_libreswan_caps_get_version (const L2tpLibreswanCaps *caps)
{
  return caps->version;
}

guint
l2tp_libreswan_caps_get_major (const L2tpLibreswanCaps *caps)
{
  return caps->major;
}

gboolean
l2tp_libreswan_caps_has (const L2tpLibreswanCaps *caps, L2tpLibreswanIke ike)
{
  return caps->has[ike];
}

const char *
l2tp_libreswan_caps_ikev1_option (const L2tpLibreswanCaps *caps)
{
  return caps->major >= 5 ? "keyexchange=ikev1" : "ikev2=no";
}

static gboolean
can_enc (const L2tpLibreswanCaps *caps, guint slot, L2tpEncryption enc)
{
  return (caps->enc[slot] >> enc) & 1;
}

static gboolean
can_integ (const L2tpLibreswanCaps *caps, guint slot, L2tpIntegrity integ)
{
  /* ESP with an AEAD cipher has none; IKE always names a hash. */
  if (integ == L2TP_INTEG_NONE)
    return slot % 2 == L2TP_PROPOSAL_ESP;
  return (caps->integ[slot] >> integ) & 1;
}

static gboolean
can_dh (const L2tpLibreswanCaps *caps, guint slot, L2tpDhGroup dh)
{
  if (dh == L2TP_DH_NONE)
    return slot % 2 == L2TP_PROPOSAL_ESP;
  return (caps->dh[slot] >> dh) & 1;
}

gboolean
l2tp_libreswan_caps_can (const L2tpLibreswanCaps *caps, L2tpLibreswanIke ike,
                         L2tpProposalKind kind, const L2tpProposal *proposal)
{
  guint slot = SLOT (ike, kind);

  g_return_val_if_fail (caps != NULL && proposal != NULL, FALSE);

  return caps->has[ike] && can_enc (caps, slot, proposal->enc)
         && can_integ (caps, slot, proposal->integ) && can_dh (caps, slot, proposal->dh);
}

L2tpProposalSet *
l2tp_libreswan_caps_filter (const L2tpLibreswanCaps *caps, L2tpLibreswanIke ike,
                            const L2tpProposalSet *set)
{
  L2tpProposalKind kind = l2tp_proposal_set_get_kind (set);
  g_autoptr (L2tpProposalSet) kept = l2tp_proposal_set_new (kind);

  for (guint i = 0; i < l2tp_proposal_set_get_length (set); i++)
    {
      const L2tpProposal *p = l2tp_proposal_set_get (set, i);

      if (l2tp_libreswan_caps_can (caps, ike, kind, p))
        l2tp_proposal_set_add (kept, p);
    }
  return l2tp_proposal_set_get_length (kept) ? g_steal_pointer (&kept) : NULL;
}

static void
add_missing (GPtrArray *names, const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (names->pdata[i], name) == 0)
      return;
  g_ptr_array_add (names, (gpointer) name);
}

char *
l2tp_libreswan_caps_missing (const L2tpLibreswanCaps *caps, L2tpLibreswanIke ike,
                             const L2tpProposalSet *set)
{
  guint slot = SLOT (ike, l2tp_proposal_set_get_kind (set));
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  if (!caps->has[ike])
    return g_strdup (ike == L2TP_LIBRESWAN_IKEV1 ? "IKEv1" : "IKEv2");
  for (guint i = 0; i < l2tp_proposal_set_get_length (set); i++)
    {
      const L2tpProposal *p = l2tp_proposal_set_get (set, i);

      if (!can_enc (caps, slot, p->enc))
        add_missing (names, l2tp_encryption_name (p->enc));
      if (!can_integ (caps, slot, p->integ))
        add_missing (names, l2tp_integrity_name (p->integ));
      if (!can_dh (caps, slot, p->dh))
        add_missing (names, l2tp_dh_group_name (p->dh));
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}
