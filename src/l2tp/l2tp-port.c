/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/l2tp/l2tp-port.h"

#include <arpa/inet.h>
#include <errno.h>
#include <gio/gio.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <string.h>
#include <unistd.h>

#include "src/common/local-address.h"
#include "src/common/log.h"
#include "src/l2tp/port-holder.h"

#define L2TP_PORT 1701

char *
l2tp_local_address_for (const char *gateway, GError **error)
{
  return l2tp_local_address_for_gateway (gateway, L2TP_PORT, error);
}

/* A free port number on local_addr, chosen by the kernel; the socket is
 * closed at once and xl2tpd binds the number right after. */
static guint16
ephemeral_port (const char *local_addr, GError **error)
{
  struct sockaddr_in addr = { .sin_family = AF_INET };
  socklen_t len = sizeof addr;
  int fd;

  if (inet_pton (AF_INET, local_addr, &addr.sin_addr) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "not an IPv4 address: %s", local_addr);
      return 0;
    }
  fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) != 0
      || getsockname (fd, (struct sockaddr *) &addr, &len) != 0)
    {
      int e = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "UDP port for %s: %s",
                   local_addr, g_strerror (e));
      if (fd >= 0)
        close (fd);
      return 0;
    }
  close (fd);
  return ntohs (addr.sin_port);
}

gboolean
l2tp_port_choose (L2tpPort *port, const char *local_addr, gboolean ephemeral,
                  GError **error)
{
  g_autoptr (L2tpPortHolder) holder = NULL;
  g_autoptr (GError) share_error = NULL;
  gboolean must_move;

  memset (port, 0, sizeof *port);
  holder = l2tp_port_holder_find (L2TP_PORT, error);
  if (!holder)
    return FALSE;
  if (!l2tp_port_holder_is_free (holder))
    {
      port->holder = l2tp_port_holder_describe (holder);
      port->free_command = l2tp_port_holder_fix_command (holder);
    }
  /* A socket on our very address (it would split our traffic), or one the
   * kernel will not let us bind next to: 1701 is not ours. A wildcard holder
   * is fine: our specific socket gets every datagram for local_addr. */
  must_move = l2tp_port_holder_on_address (holder, local_addr) != NULL
              || !l2tp_port_can_share (local_addr, L2TP_PORT, &share_error);
  if (share_error)
    l2tp_log_info ("l2tp: cannot bind %s:%d: %s", local_addr, L2TP_PORT,
                   share_error->message);
  if (ephemeral || must_move)
    {
      port->number = ephemeral_port (local_addr, error);
      return port->number != 0;
    }
  port->number = L2TP_PORT;
  return TRUE;
}

void
l2tp_port_clear (L2tpPort *port)
{
  g_clear_pointer (&port->holder, g_free);
  g_clear_pointer (&port->free_command, g_free);
}
