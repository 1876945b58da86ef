/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — running a program for what it says about itself
 * ("charon --version") and waiting for something with a time limit. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The program's standard output and error together (at most 64 KiB), or
 * NULL and an error (cannot start it, or no end within 5 s: then killed).
 * Its exit status does not matter. Stdin is /dev/null. */
char *l2tp_diagnose_run (const char *const *argv, GError **error);

/* Iterates the thread-default main context until *done or timeout_ms
 * passed; FALSE on the timeout. */
gboolean l2tp_diagnose_wait (gboolean *done, guint timeout_ms);

/* The first token after @prefix in @text, made of version characters
 * (digits, letters, '.', '-', '_', '+', '~'), or NULL. */
char *l2tp_diagnose_version_after (const char *text, const char *prefix);

G_END_DECLS
