/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — IKEv1 Vendor IDs sent by the prober and named in answers.
 *
 * The values are public facts: MD5 digests of the texts given with each
 * (checked by the unit test), some with version bytes replacing or
 * following the digest's end:
 *   DPD (RFC 3706): the digest's last two bytes are the version, 01 00;
 *   Cisco Unity: MD5("CISCO-UNITY") with its last two bytes the version;
 *   XAUTH: the first 8 bytes of MD5("draft-ietf-ipsra-isakmp-xauth-06.txt");
 *   FRAGMENTATION: the digest, optionally followed by 4 capability bytes;
 *   MS NT5 ISAKMPOAKLEY: the digest, optionally followed by a 4-byte
 *     version whose last byte is the Windows release;
 *   libreswan: the text "OE-Libreswan-" and its version, not hashed
 *     (Openswan sent "OE" and a hash).
 */
#include "ikev1-vendor-id.h"

#include <string.h>

static const guint8 vid_rfc3947[] = { 0x4a, 0x13, 0x1c, 0x81, 0x07, 0x03, 0x58, 0x45,
                                      0x5c, 0x57, 0x28, 0xf2, 0x0e, 0x95, 0x45, 0x2f };
static const guint8 vid_natt_03[] = { 0x7d, 0x94, 0x19, 0xa6, 0x53, 0x10, 0xca, 0x6f,
                                      0x2c, 0x17, 0x9d, 0x92, 0x15, 0x52, 0x9d, 0x56 };
static const guint8 vid_natt_02[] = { 0xcd, 0x60, 0x46, 0x43, 0x35, 0xdf, 0x21, 0xf8,
                                      0x7c, 0xfd, 0xb2, 0xfc, 0x68, 0xb6, 0xa4, 0x48 };
static const guint8 vid_natt_02n[] = { 0x90, 0xcb, 0x80, 0x91, 0x3e, 0xbb, 0x69, 0x6e,
                                       0x08, 0x63, 0x81, 0xb5, 0xec, 0x42, 0x7b, 0x1f };
static const guint8 vid_dpd[] = { 0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9,
                                  0x6b, 0x86, 0x96, 0xfc, 0x77, 0x57, 0x01, 0x00 };
static const guint8 vid_xauth[] = { 0x09, 0x00, 0x26, 0x89, 0xdf, 0xd6, 0xb7, 0x12 };
static const guint8 vid_ms_nt5[] = { 0x1e, 0x2b, 0x51, 0x69, 0x05, 0x99, 0x1c, 0x7d,
                                     0x7c, 0x96, 0xfc, 0xbf, 0xb5, 0x87, 0xe4, 0x61 };
static const guint8 vid_strongswan[] = { 0x88, 0x2f, 0xe5, 0x6d, 0x6f, 0xd2, 0x0d, 0xbc,
                                         0x22, 0x51, 0x61, 0x3b, 0x2e, 0xbe, 0x5b, 0xeb };
static const guint8 vid_cisco_unity[] = { 0x12, 0xf5, 0xf2, 0x8c, 0x45, 0x71, 0x68,
                                          0xa9, 0x70, 0x2d, 0x9f, 0xe2, 0x74, 0xcc };
static const guint8 vid_fragmentation[]
    = { 0x40, 0x48, 0xb7, 0xd5, 0x6e, 0xbc, 0xe8, 0x85,
        0x25, 0xe7, 0xde, 0x7f, 0x00, 0xd6, 0xc2, 0xd3 };
static const guint8 vid_ike_cga[] = { 0xe3, 0xa5, 0x96, 0x6a, 0x76, 0x37, 0x9f, 0xe7,
                                      0x07, 0x22, 0x82, 0x31, 0xe5, 0xce, 0x86, 0x52 };
static const guint8 vid_ms_negdisc[] = { 0xfb, 0x1d, 0xe3, 0xcd, 0xf3, 0x41, 0xb7, 0xea,
                                         0x16, 0xb7, 0xe5, 0xbe, 0x08, 0x55, 0xf1, 0x20 };
static const guint8 vid_initial_contact[]
    = { 0x26, 0x24, 0x4d, 0x38, 0xed, 0xdb, 0x61, 0xb3,
        0x17, 0x2a, 0x36, 0xe3, 0xd0, 0xcf, 0xb8, 0x19 };

#define VID(n, a)                                                                        \
  {                                                                                      \
    n, a, sizeof (a)                                                                     \
  }

/* Sent in every probe: what we would support, so servers answer theirs. */
static const L2tpIkev1VendorId offered[] = {
  VID ("RFC 3947 NAT-T", vid_rfc3947),
  VID ("draft-ietf-ipsec-nat-t-ike-03", vid_natt_03),
  VID ("draft-ietf-ipsec-nat-t-ike-02", vid_natt_02),
  VID ("draft-ietf-ipsec-nat-t-ike-02\\n", vid_natt_02n),
  VID ("DPD (RFC 3706)", vid_dpd),
  VID ("XAUTH", vid_xauth),
};

/* Compared whole. */
static const L2tpIkev1VendorId exact[] = {
  VID ("RFC 3947 NAT-T", vid_rfc3947),
  VID ("draft-ietf-ipsec-nat-t-ike-03", vid_natt_03),
  VID ("draft-ietf-ipsec-nat-t-ike-02", vid_natt_02),
  VID ("draft-ietf-ipsec-nat-t-ike-02\\n", vid_natt_02n),
  VID ("DPD (RFC 3706)", vid_dpd),
  VID ("XAUTH", vid_xauth),
  VID ("strongSwan", vid_strongswan),
  VID ("IKE CGA", vid_ike_cga),
  VID ("MS-Negotiation Discovery Capable", vid_ms_negdisc),
  VID ("Vid-Initial-Contact", vid_initial_contact),
};

const L2tpIkev1VendorId *
l2tp_ikev1_vendor_ids_offered (guint *n_ids)
{
  g_return_val_if_fail (n_ids != NULL, NULL);
  *n_ids = G_N_ELEMENTS (offered);
  return offered;
}

static gboolean
has_prefix (const guint8 *data, gsize len, const guint8 *prefix, gsize prefix_len)
{
  return len >= prefix_len && memcmp (data, prefix, prefix_len) == 0;
}

static char *
to_hex (const guint8 *data, gsize len)
{
  GString *s = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02x", data[i]);
  return g_string_free (s, FALSE);
}

static gboolean
is_printable (const guint8 *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (data[i] < 0x20 || data[i] > 0x7e)
      return FALSE;
  return TRUE;
}

/* libreswan's "OE-Libreswan-VERSION", when VERSION is plain text. */
static char *
describe_libreswan (const guint8 *data, gsize len)
{
  static const char tag[] = "OE-Libreswan-";
  const gsize tag_len = sizeof (tag) - 1;

  if (!has_prefix (data, len, (const guint8 *) tag, tag_len))
    return NULL;
  if (len == tag_len || len > tag_len + 32)
    return g_strdup ("libreswan");
  for (gsize i = tag_len; i < len; i++)
    if (!g_ascii_isalnum (data[i]) && data[i] != '.' && data[i] != '-' && data[i] != '_')
      return g_strdup ("libreswan");
  return g_strdup_printf ("libreswan %.*s", (int) (len - tag_len),
                          (const char *) data + tag_len);
}

char *
l2tp_ikev1_vendor_id_describe (const guint8 *data, gsize len)
{
  char *libreswan;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    if (len == exact[i].len && memcmp (data, exact[i].data, len) == 0)
      return g_strdup (exact[i].name);

  if (len == sizeof (vid_dpd) && has_prefix (data, len, vid_dpd, sizeof (vid_dpd) - 2))
    return g_strdup_printf ("DPD (RFC 3706, version %u.%u)", data[14], data[15]);
  if (len == sizeof (vid_cisco_unity) + 2
      && has_prefix (data, len, vid_cisco_unity, sizeof (vid_cisco_unity)))
    return g_strdup_printf ("Cisco Unity %u.%u", data[14], data[15]);
  if ((len == sizeof (vid_fragmentation) || len == sizeof (vid_fragmentation) + 4)
      && has_prefix (data, len, vid_fragmentation, sizeof (vid_fragmentation)))
    return g_strdup ("FRAGMENTATION");
  if (len == sizeof (vid_ms_nt5))
    {
      if (has_prefix (data, len, vid_ms_nt5, sizeof (vid_ms_nt5)))
        return g_strdup ("MS NT5 ISAKMPOAKLEY");
    }
  else if (len == sizeof (vid_ms_nt5) + 4
           && has_prefix (data, len, vid_ms_nt5, sizeof (vid_ms_nt5)))
    return g_strdup_printf ("MS NT5 ISAKMPOAKLEY (Windows version byte %u)",
                            data[len - 1]);

  libreswan = describe_libreswan (data, len);
  if (libreswan)
    return libreswan;
  if (len >= 4 && data[0] == 'O' && data[1] == 'E' && is_printable (data, len))
    return g_strdup ("Openswan/libreswan");

  return to_hex (data, len);
}
