/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef L2TP_TEST_FAKE_PPPD_H
#define L2TP_TEST_FAKE_PPPD_H

/*
 * A stand-in for the pppd 2.4 executable: it defines the globals and
 * functions the plugin links against (exported from the test program, the
 * way pppd exports them), records what the plugin registers and logs, and
 * lets a test fire pppd's notifiers.
 */
#include "../pppd-compat.h"

#include <glib.h>

extern int fake_pppd_mtu;

/* The option table the plugin passed to add_options(), or NULL. */
option_t *fake_pppd_options (void);
guint fake_pppd_notifier_count (struct notifier *list);
void fake_pppd_notify (struct notifier *list, int value);

/* Every message the plugin logged through pppd, one per element. */
GPtrArray *fake_pppd_log (void);
gboolean fake_pppd_log_contains (const char *needle);
void fake_pppd_log_clear (void);

#endif
