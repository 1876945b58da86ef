/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small facts every renderer needs; private to the renderers. */
#pragma once

#include "render.h"

G_BEGIN_DECLS

/* The server's address: the resolved one when the service has it, else the
 * gateway key as given (hostile-input tests render without resolving). */
const char *l2tp_render_gateway (const L2tpConfig *cfg, const L2tpRenderContext *ctx);

/* The connection name becomes a section or conn name in every format:
 * [A-Za-z0-9_-], 1 to 79 bytes (xl2tpd's entry names hold 79). */
gboolean l2tp_render_check_name (const L2tpRenderContext *ctx, GError **error);

/* The Phase 1 and Phase 2 sets this attempt offers (see
 * L2tpRenderContext.ike_offer). */
const L2tpProposalSet *l2tp_render_ike_offer (const L2tpConfig *cfg,
                                              const L2tpRenderContext *ctx);
L2tpProposalSet *l2tp_render_esp_offer (const L2tpConfig *cfg,
                                        const L2tpRenderContext *ctx);

/* The name of a key, for error messages. */
#define L2TP_KEY_NAME(id) (l2tp_key_get (id)->name)

G_END_DECLS
