/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — the kernel modules a connection needs: PPP over
 * L2TP (l2tp_ppp, the PPPoL2TP sockets xl2tpd hands to pppd), PPP itself
 * (ppp_generic: /dev/ppp), ESP (esp4) and the XFRM netlink interface charon
 * installs SAs with (xfrm_user). Each: loaded, built in or loadable. */
#pragma once

#include "diagnose-check.h"

G_BEGIN_DECLS

void l2tp_diagnose_kernel (L2tpCheckList *list);

G_END_DECLS
