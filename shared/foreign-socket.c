/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sockets of other users on our L2TP address and port (see foreign-socket.h). */
#include "shared/foreign-socket.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "shared/proc-net-udp.h"

G_DEFINE_QUARK (l2tp - foreign - socket - error - quark, l2tp_foreign_socket_error)

static const guint8 v4_mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

/* The row is bound to want (of family) or, for IPv4, to ::ffff:want. */
static gboolean
bound_to (const L2tpProcUdpSocket *row, int family, const guint8 *want)
{
  if (row->family == family)
    return memcmp (row->local, want, family == AF_INET ? 4 : 16) == 0;
  return family == AF_INET && row->family == AF_INET6
         && memcmp (row->local, v4_mapped_prefix, sizeof v4_mapped_prefix) == 0
         && memcmp (row->local + 12, want, 4) == 0;
}

GArray *
l2tp_foreign_sockets_find (const GArray *rows, const char *local_addr, guint16 port,
                           GError **error)
{
  g_autoptr (GArray) found = NULL;
  guint8 want[16];
  int family;

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (local_addr != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (inet_pton (AF_INET, local_addr, want) == 1)
    family = AF_INET;
  else if (inet_pton (AF_INET6, local_addr, want) == 1)
    family = AF_INET6;
  else
    {
      g_set_error (error, L2TP_FOREIGN_SOCKET_ERROR, 0, "not an IP address: %s",
                   local_addr);
      return NULL;
    }
  if (port == 0)
    {
      g_set_error_literal (error, L2TP_FOREIGN_SOCKET_ERROR, 0,
                           "UDP port 0 is no socket's port");
      return NULL;
    }

  found = g_array_new (FALSE, TRUE, sizeof (L2tpProcUdpSocket));
  for (guint i = 0; i < rows->len; i++)
    {
      const L2tpProcUdpSocket *row = &g_array_index (rows, L2tpProcUdpSocket, i);

      if (row->local_port == port && row->uid != L2TP_FOREIGN_SOCKET_OWN_UID
          && bound_to (row, family, want))
        g_array_append_vals (found, row, 1);
    }
  return g_steal_pointer (&found);
}
