/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What worked last time, kept per connection (by uuid) in
 * /var/lib/nm-l2tp-ipsec/<uuid>.plan (state-dir.h): files only root can
 * read, written whole or not at all. The text is shared/plan-memory.c's. */
#pragma once

#include <gio/gio.h>

#include "shared/plan-memory.h"
#include "src/common/state-dir.h"

G_BEGIN_DECLS

/* l2tp_state_dir (): L2TP_STATE_DIR, or NM_L2TP_IPSEC_STATE_DIR. */
const char *l2tp_plan_store_dir (void);

/* NULL when there is none, or it cannot be read (said in the log: a
 * broken memory only costs the full plan). */
L2tpPlanMemory *l2tp_plan_store_load (const char *state_dir, const char *uuid);
gboolean l2tp_plan_store_save (const char *state_dir, const char *uuid,
                               const L2tpPlanMemory *memory, GError **error);
void l2tp_plan_store_forget (const char *state_dir, const char *uuid);

/* Asks NetworkManager, over @bus, about every connection something is kept
 * for and removes what it has deleted (its answer names the uuid unknown);
 * any other answer keeps the file. In the background, once per service
 * start: the service does not run while NetworkManager deletes them. */
void l2tp_plan_store_prune (GDBusConnection *bus, const char *state_dir);

G_END_DECLS
