/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libreswan (pluto) configuration for one connection. */
#pragma once

#include "render.h"

G_BEGIN_DECLS

/* An ipsec.conf "conn <ctx->name>" section in the spelling of
 * ctx->libreswan's version (libreswan 5's without it), or NULL and an error
 * naming the key. */
char *l2tp_render_libreswan_conn (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                                  GError **error);

/* The ipsec.secrets line with the pre-shared key. */
char *l2tp_render_libreswan_secrets (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                                     GError **error);

G_END_DECLS
