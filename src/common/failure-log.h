/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A failure's line in the service's log, at LOG_ERR: its message, and in
 * the journal its layer (L2TP_LAYER) and kind (L2TP_FAILURE, the stable
 * code names of failure-record.h), so that `journalctl NM_CONNECTION=UUID
 * L2TP_LAYER=ike` finds it. */
#pragma once

#include "src/common/failure.h"

G_BEGIN_DECLS

/* The journal's name of a layer: "preflight" (the settings too: they are
 * refused before anything starts), "ike", "esp" (phase 2), "l2tp", "ppp",
 * "ip"; NULL for the service itself (a line of no layer). */
const char *l2tp_layer_journal_name (L2tpLayer layer);

/* error: in L2TP_FAILURE_ERROR (another domain counts as internal). */
void l2tp_failure_log (const GError *error);

G_END_DECLS
