/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checking one value against its key's type: the rules every connection,
 * import and editor field passes through. */
#pragma once

#include <glib.h>

#include "settings-table.h"

G_BEGIN_DECLS

/* The value in canonical form, or NULL and an error naming the key. */
char *l2tp_value_canonicalize (const L2tpKey *key, const char *value, GError **error);

/* "0s" + base64 decoded; anything else is the key's text itself. */
GBytes *l2tp_value_decode_psk (const char *psk);

int l2tp_value_compare_indirect (const char *const *a, const char *const *b);

G_END_DECLS
