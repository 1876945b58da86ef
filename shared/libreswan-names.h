/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libreswan's own names of the algorithms both its SA details and its
 * --selftest table print (the "fqn" of its ike_alg tables), onto our
 * proposal model. FALSE for a name the model does not have. */
#pragma once

#include <glib.h>

#include "proposals.h"

G_BEGIN_DECLS

/* "MODP2048", "DH19" (ECP-256), "DH31" (Curve25519). */
gboolean l2tp_libreswan_group_by_name (const char *name, L2tpDhGroup *out);
/* ESP's HMAC with its truncation: "HMAC_SHA2_256_128"; "NONE" (AEAD). */
gboolean l2tp_libreswan_esp_integ_by_name (const char *name, L2tpIntegrity *out);

G_END_DECLS
