/* SPDX-License-Identifier: GPL-2.0-or-later */
/* "PPP Settings…": authentication methods, MPPE, compression, LCP echo,
 * MTU and MRU. */
#pragma once

#include <gtk/gtk.h>

#include "editor-values.h"

G_BEGIN_DECLS

/* A modal dialog showing @values, transient for @parent's window. MPPE is
 * insensitive while IPsec is enabled in @values. */
GtkWidget *l2tp_ppp_dialog_new (GtkWidget *parent, const L2tpEditorValues *values);

/* Writes the dialog's fields into @values (on OK). */
void l2tp_ppp_dialog_apply (GtkWidget *dialog, L2tpEditorValues *values);

G_END_DECLS
