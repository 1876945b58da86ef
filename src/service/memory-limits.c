/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/memory-limits.h"

#include <sys/prctl.h>

void
l2tp_memory_no_huge_pages (void)
{
  /* With transparent huge pages "always" (Debian's kernel default), an
   * anonymous mapping with a few kB in use (a thread's stack, an arena)
   * can become one 2 MB page: seen in the lab as 11.7 MB instead of 9.7.
   * Inherited by charon, xl2tpd and pppd, which lose nothing by it. */
  prctl (PR_SET_THP_DISABLE, 1, 0, 0, 0);
}
