/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pppd options file xl2tpd hands to pppd ("file" option). */
#pragma once

#include "render.h"

G_BEGIN_DECLS

/* The whole options file, one option per line, or NULL and an error naming
 * the key whose value pppd could not read back exactly. The password is
 * never written: the pppd plugin asks the service for it over D-Bus. */
char *l2tp_render_pppd_options (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                                GError **error);

G_END_DECLS
