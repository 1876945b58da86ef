/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec probe HOST: which IKEv1 Phase 1 transforms a server accepts. */
#ifndef L2TP_CLI_PROBE_H
#define L2TP_CLI_PROBE_H

#include <glib.h>

G_BEGIN_DECLS

/* Exit status: 0 the server accepted something, 1 it did not (or did not
 * answer), 2 usage. @argv[0] is "probe". */
int l2tp_cli_probe (int argc, char **argv);

G_END_DECLS

#endif /* L2TP_CLI_PROBE_H */
