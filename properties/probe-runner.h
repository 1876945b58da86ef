/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The editor's side of "Detect": runs the installed command-line tool
 * `nm-l2tp-ipsec probe --json --verbose HOST` as the user (it needs no
 * privileges: an ephemeral UDP source port), reports its progress and reads
 * its JSON result. GTK-free; never blocks the main loop. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where the tool is looked for: $NM_L2TP_IPSEC_CLI when set and not empty
 * (tests of a build tree), else the build's bindir. */
#define L2TP_PROBE_TOOL_ENV "NM_L2TP_IPSEC_CLI"
const char *l2tp_probe_tool_path (void);

typedef enum
{
  L2TP_PROBE_END_DONE,       /* every transform got an answer or silence */
  L2TP_PROBE_END_NO_ANSWER,  /* nothing answered on UDP 500 or 4500 */
  L2TP_PROBE_END_STOPPED,    /* the server stopped answering part way */
  L2TP_PROBE_END_TIME_LIMIT, /* the tool's overall time limit ran out */
} L2tpProbeEnd;

typedef struct
{
  L2tpProbeEnd end;
  char **accepted; /* the accepted transforms in the tool's order; never NULL */
  guint offers;    /* transforms offered */
  guint not_tried; /* transforms never sent (STOPPED, TIME_LIMIT) */
} L2tpProbeResult;

void l2tp_probe_result_free (L2tpProbeResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpProbeResult, l2tp_probe_result_free)

/* The accepted transforms as one `ipsec-ike` value; NULL if none. */
char *l2tp_probe_result_to_proposals (const L2tpProbeResult *result);

/* Called for each of the tool's progress lines, in the main context the run
 * started in; never after @cancellable was cancelled. */
typedef void (*L2tpProbeProgressFunc) (guint done, guint total, gpointer user_data);

/* Starts the tool. Cancelling @cancellable kills it (SIGKILL; it holds no
 * state worth a clean exit) and the run ends with G_IO_ERROR_CANCELLED once
 * it is gone. A missing tool is G_IO_ERROR_NOT_FOUND with a message naming
 * the package; a tool that failed without a result, G_IO_ERROR_FAILED with
 * its own last message. */
void l2tp_probe_run_async (const char *host, L2tpProbeProgressFunc progress,
                           gpointer progress_data, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data);
L2tpProbeResult *l2tp_probe_run_finish (GAsyncResult *result, GError **error);

/* The parts that read the tool's output, for tests. */
gboolean l2tp_probe_parse_progress (const char *line, guint *done, guint *total);
L2tpProbeResult *l2tp_probe_result_parse (const char *json, gsize length, GError **error);

G_END_DECLS
