/* SPDX-License-Identifier: GPL-2.0-or-later */
/* strongSwan configuration for one connection: VICI messages for charon and
 * the equivalent swanctl.conf text (golden tests, debugging). */
#pragma once

#include "render.h"
#include "vici-message.h"

G_BEGIN_DECLS

/* The "load-conn" message: one section named ctx->name. */
ViciMessage *l2tp_render_swanctl_conn (const L2tpConfig *cfg,
                                       const L2tpRenderContext *ctx, GError **error);

/* The "load-shared" message with the pre-shared key (machine-auth-type psk).
 * With certificates there is no shared key: the service loads the machine
 * key with "load-key" instead. */
ViciMessage *l2tp_render_swanctl_secret (const L2tpConfig *cfg,
                                         const L2tpRenderContext *ctx, GError **error);

/* swanctl.conf text: connections { ... } secrets { ... }, with the secret as
 * swanctl reads it back (quoted text or 0s + base64). */
char *l2tp_render_swanctl_conf (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                                GError **error);

G_END_DECLS
