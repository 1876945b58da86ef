/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — the checks as the person reads them (one line
 * each: ✓, ✗ or ?, the finding, the fix) or as a JSON document. Pure. */
#pragma once

#include "diagnose-check.h"

G_BEGIN_DECLS

/* "✓ xl2tpd 1.3.18 (/usr/sbin/xl2tpd)\n"
 * "✗ UDP port 1701 is held by …: To free the port, run: …\n" …, then an
 * empty line and the counts. */
char *l2tp_diagnose_report_text (const L2tpCheckList *list);

/* {"checks": [{"id", "status", "text", "fix", "facts": {…}}, …],
 *  "passed": N, "failed": N, "unknown": N} */
char *l2tp_diagnose_report_json (const L2tpCheckList *list);

G_END_DECLS
