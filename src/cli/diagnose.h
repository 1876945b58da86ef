/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose [CONNECTION]: what this machine (and that
 * connection) lacks for L2TP/IPsec, one line per check with the fix. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit status: 0 every check passed (or could not be made), 1 one failed,
 * 2 usage. @argv[0] is "diagnose". */
int l2tp_cli_diagnose (int argc, char **argv);

G_END_DECLS
