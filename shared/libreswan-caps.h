/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What one libreswan build can do in IKEv1 and IKEv2, read from what `pluto
 * --selftest` prints: its version line ("Starting Pluto (Libreswan Version
 * 4.10 IKEv2 IKEv1 XFRM ...)") and its algorithm table, where each row says
 * in which IKEv1 exchanges the algorithm is usable ("IKEv1: IKE ESP AH").
 * Builds differ: Debian's 4.10 has no MODP-768/1024 and no ECP group for
 * PFS, a build with USE_DH2 has MODP-1024, 5.x spells IKEv1 differently.
 * Read from the binary, not assumed from a version number. */
#pragma once

#include <glib.h>

#include "proposals.h"

G_BEGIN_DECLS

#define L2TP_LIBRESWAN_CAPS_ERROR (l2tp_libreswan_caps_error_quark ())
GQuark l2tp_libreswan_caps_error_quark (void);

typedef enum
{
  L2TP_LIBRESWAN_CAPS_ERROR_UNREADABLE, /* no version line or no algorithm table */
} L2tpLibreswanCapsError;

typedef struct _L2tpLibreswanCaps L2tpLibreswanCaps;

typedef enum
{
  L2TP_LIBRESWAN_IKEV1,
  L2TP_LIBRESWAN_IKEV2,
} L2tpLibreswanIke;

/* @text: pluto --selftest's output (stdout and stderr); other lines are
 * skipped. Rows of algorithms this project does not model are ignored. */
L2tpLibreswanCaps *l2tp_libreswan_caps_parse (const char *text, GError **error);
void l2tp_libreswan_caps_free (L2tpLibreswanCaps *caps);

/* "4.10"; major and minor as numbers. */
const char *l2tp_libreswan_caps_get_version (const L2tpLibreswanCaps *caps);
guint l2tp_libreswan_caps_get_major (const L2tpLibreswanCaps *caps);
/* The build has that IKE version at all (its version line lists it). */
gboolean l2tp_libreswan_caps_has (const L2tpLibreswanCaps *caps, L2tpLibreswanIke ike);
/* ipsec.conf's IKEv1 switch: "keyexchange=ikev1" from 5.0 on (4.x refuses
 * that value), "ikev2=no" before. */
const char *l2tp_libreswan_caps_ikev1_option (const L2tpLibreswanCaps *caps);

/* TRUE when this build can offer @proposal with @ike for the IKE SA (IKE)
 * or the IPsec SA (ESP; a DH group there is the PFS group). */
gboolean l2tp_libreswan_caps_can (const L2tpLibreswanCaps *caps, L2tpLibreswanIke ike,
                                  L2tpProposalKind kind, const L2tpProposal *proposal);
/* A copy of @set with what this build can offer, in order; NULL when none. */
L2tpProposalSet *l2tp_libreswan_caps_filter (const L2tpLibreswanCaps *caps,
                                             L2tpLibreswanIke ike,
                                             const L2tpProposalSet *set);
/* For messages: what of @set this build lacks, as distinct algorithm names
 * ("modp1024, 3des"), or NULL when it can do all of @set. */
char *l2tp_libreswan_caps_missing (const L2tpLibreswanCaps *caps, L2tpLibreswanIke ike,
                                   const L2tpProposalSet *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpLibreswanCaps, l2tp_libreswan_caps_free)

G_END_DECLS
