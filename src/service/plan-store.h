/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What worked last time, kept per connection (by uuid) in
 * /var/lib/nm-l2tp-ipsec/<uuid>.plan: a directory and files only root can
 * read, written whole or not at all. The text is shared/plan-memory.c's. */
#pragma once

#include "shared/plan-memory.h"

G_BEGIN_DECLS

#define L2TP_STATE_DIR "/var/lib/nm-l2tp-ipsec"

/* NULL when there is none, or it cannot be read (said in the log: a
 * broken memory only costs the full plan). */
L2tpPlanMemory *l2tp_plan_store_load (const char *state_dir, const char *uuid);
gboolean l2tp_plan_store_save (const char *state_dir, const char *uuid,
                               const L2tpPlanMemory *memory, GError **error);
void l2tp_plan_store_forget (const char *state_dir, const char *uuid);

G_END_DECLS
