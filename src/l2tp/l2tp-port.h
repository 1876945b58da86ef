/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Facts of this machine for one connect attempt: the local address that
 * reaches the server, and the L2TP source port.
 *
 * Port 1701 when free. When someone holds it (a distro xl2tpd on 0.0.0.0),
 * we still take 1701 on the specific local address: the kernel delivers to
 * the most specific socket. Only a holder on that very address forces an
 * ephemeral port, which IPsec then covers exactly. The holder is named. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint16 number;
  char *holder;       /* "UDP port 1701 is held by …" (port-holder.h), or NULL */
  char *free_command; /* "sudo systemctl stop xl2tpd.service", or NULL */
} L2tpPort;

/* The source address the kernel picks towards gateway (local-address.h). */
char *l2tp_local_address_for (const char *gateway, GError **error);
gboolean l2tp_port_choose (L2tpPort *port, const char *local_addr, gboolean ephemeral,
                           GError **error);
void l2tp_port_clear (L2tpPort *port);

G_END_DECLS
