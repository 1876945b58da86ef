/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — who holds UDP 500 and 4500 (IKE, NAT-T: only
 * charon may) and 1701 (L2TP), with process and systemd unit
 * (src/l2tp/port-holder.c). A normal user sees the sockets but not whose
 * they are when another user's process holds them: root names them. */
#pragma once

#include "diagnose-check.h"
#include "src/l2tp/port-holder.h"

G_BEGIN_DECLS

void l2tp_diagnose_ports (L2tpCheckList *list);

/* The check for one port from what port-holder found, as user @viewer
 * (its effective uid) sees it (tests feed made-up holders). */
void l2tp_diagnose_port_holder (L2tpCheckList *list, const L2tpPortHolder *holder,
                                guint32 viewer);

G_END_DECLS
