/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — IKEv1 Vendor IDs: the ones a probe sends, and names for
 * the ones a server answers with.
 *
 * Most are the MD5 of a text (tests/unit/test-ikev1-probe-packet.c checks
 * each against its text); a few carry a version in their last bytes. */
#ifndef L2TP_IKEV1_VENDOR_ID_H
#define L2TP_IKEV1_VENDOR_ID_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const guint8 *data;
  gsize len;
} L2tpIkev1VendorId;

/* The Vendor IDs a probe offers so that a server names what it supports:
 * NAT-T (RFC 3947, draft-ietf-ipsec-nat-t-ike-03, -02 and -02\n), DPD
 * (RFC 3706) and XAUTH. @n_ids gets their number. */
const L2tpIkev1VendorId *l2tp_ikev1_vendor_ids_offered (guint *n_ids);

/* A name for a Vendor ID a server sent: "RFC 3947 NAT-T", "MS NT5
 * ISAKMPOAKLEY (Windows version byte 9)", "libreswan 4.12", …, or its bytes
 * in hex for an unknown one. */
char *l2tp_ikev1_vendor_id_describe (const guint8 *data, gsize len);

G_END_DECLS

#endif /* L2TP_IKEV1_VENDOR_ID_H */
