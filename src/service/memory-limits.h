/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What keeps nm-l2tp-ipsec-service's resident memory small, called at the
 * top of main(), before any thread exists. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* No transparent huge pages for this process (and, as prctl has it, for
 * the programs it starts). */
void l2tp_memory_no_huge_pages (void);

G_END_DECLS
