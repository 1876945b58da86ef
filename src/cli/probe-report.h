/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec probe — what the person reads: a progress line per offer,
 * the summary, or the same as a JSON document. */
#ifndef L2TP_PROBE_REPORT_H
#define L2TP_PROBE_REPORT_H

#include <stdio.h>

#include "src/ipsec/probe-engine.h"

G_BEGIN_DECLS

typedef struct
{
  const char *host;    /* as given */
  const char *address; /* what it resolved to */
  ProbeEnd end;
  ProbeEngine *engine;
} ProbeReport;

/* "[ 12/241] aes256-sha1-modp1024 on UDP 500: accepted (3 ms)" */
void probe_report_progress (FILE *out, const Probe *probe, guint done, guint total);

/* The accepted transforms, comma-separated, as `ipsec-ike` takes them;
 * NULL if none. */
char *probe_report_accepted (const ProbeReport *report);

void probe_report_print_text (FILE *out, const ProbeReport *report);
void probe_report_print_json (FILE *out, const ProbeReport *report);

G_END_DECLS

#endif /* L2TP_PROBE_REPORT_H */
