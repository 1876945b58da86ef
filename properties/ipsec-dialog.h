/* SPDX-License-Identifier: GPL-2.0-or-later */
/* "IPsec Settings…": enable/disable IPsec, PSK or certificates, identities,
 * Phase 1/Phase 2 proposals checked as you type, lifetimes and options. */
#pragma once

#include <gtk/gtk.h>

#include "editor-values.h"

G_BEGIN_DECLS

/* A modal dialog showing @values, transient for @parent's window. OK is
 * insensitive while a field holds a value the service would refuse.
 * @gateway (the main page's, as typed; may be NULL) is the host that
 * "Detect" probes. */
GtkWidget *l2tp_ipsec_dialog_new (GtkWidget *parent, const L2tpEditorValues *values,
                                  const char *gateway);

/* Writes the dialog's fields into @values (on OK). */
void l2tp_ipsec_dialog_apply (GtkWidget *dialog, L2tpEditorValues *values);

G_END_DECLS
