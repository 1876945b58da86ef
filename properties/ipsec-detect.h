/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The IPsec dialog's "Detect" button beside Phase 1: runs the probe against
 * the main page's gateway (probe-runner.c), shows its progress, turns into
 * Cancel while it runs, and fills Phase 1 with what the server accepts. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Wires detect_button, detect_box, detect_progress and detect_note of
 * @builder (ipsec-dialog.ui); the result goes into ike_entry, whose own
 * validation then runs as for typed text. @gateway may be NULL or invalid:
 * the button is then insensitive and says why. A probe still running when
 * the dialog goes away is cancelled (its process killed). */
void l2tp_ipsec_detect_setup (GtkBuilder *builder, const char *gateway);

G_END_DECLS
