/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Asking the server for its routes over the tunnel, as Windows and macOS
 * do after IPCP: a DHCPINFORM from the PPP address's port 68 to the
 * server's PPP address and to broadcast on the PPP device, sent again
 * while no answer came, and the first DHCPACK that parses
 * (shared/dhcp-inform.h). Each refused answer is logged with what was
 * wrong in it. Ends at the budget whatever happens. */
#pragma once

#include <glib.h>

#include "shared/dhcp-inform.h"

G_BEGIN_DECLS

typedef struct _L2tpDhcpInformClient L2tpDhcpInformClient;

/* answer: the server's, owned by the callee; NULL when no usable answer
 * came within the budget. Called once, never from inside _start(); the
 * client may be freed from it. */
typedef void (*L2tpDhcpInformDone) (L2tpDhcpAnswer *answer, gpointer user_data);

/* ifname: the PPP device; local, peer: its addresses (network order). */
L2tpDhcpInformClient *l2tp_dhcp_inform_client_start (const char *ifname, guint32 local,
                                                     guint32 peer, guint budget_ms,
                                                     L2tpDhcpInformDone done,
                                                     gpointer user_data, GError **error);
/* Stops the exchange; done is not called any more. */
void l2tp_dhcp_inform_client_free (L2tpDhcpInformClient *client);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpDhcpInformClient, l2tp_dhcp_inform_client_free)

G_END_DECLS
