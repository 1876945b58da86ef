/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The machine's certificates and key (machine-auth-type tls), from the
 * bytes the service read (src/service/connection-files.h): the key
 * decrypted with machine-certpass, since charon's load-key takes it
 * decrypted, and checked against machine-cert; machine-cert and
 * machine-ca checked to be certificates. Errors (L2TP_CONFIG_ERROR) name
 * the setting and the path, never the contents. */
#pragma once

#include <glib.h>

#include "shared/config.h"
#include "shared/private-key.h"
#include "shared/render.h"

G_BEGIN_DECLS

/* From ctx->machine_key, ctx->machine_cert and ctx->machine_ca. */
L2tpPrivateKey *l2tp_machine_key_decode (const L2tpConfig *cfg,
                                         const L2tpRenderContext *ctx, GError **error);

G_END_DECLS
