/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xl2tpd.conf for one connection, xl2tpd acting as LAC (client). */
#pragma once

#include "render.h"

G_BEGIN_DECLS

/* The whole file, or NULL and an error naming the value xl2tpd could not
 * read back. The control pipe and pid file are command-line options (-C, -p),
 * not part of the file. The service dials with "c <ctx->name>" on the pipe. */
char *l2tp_render_xl2tpd_conf (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                               GError **error);

G_END_DECLS
