/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Local address towards the gateway; bind test for port sharing
 * (see local-address.h). */
#include "src/common/local-address.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A numeric IPv4/IPv6 address (with optional "%scope") and port as a socket
 * address. AI_NUMERICHOST: never a DNS lookup, never blocks. */
static struct addrinfo *
numeric_address (const char *address, guint16 port, GError **error)
{
  struct addrinfo hints = {
    .ai_family = AF_UNSPEC,
    .ai_socktype = SOCK_DGRAM,
    .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,
  };
  struct addrinfo *ai = NULL;
  char service[8];
  int rc;

  g_snprintf (service, sizeof service, "%u", (guint) port);
  rc = getaddrinfo (address, service, &hints, &ai);
  if (rc != 0 || !ai)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not an IPv4 or IPv6 address"), address);
      return NULL;
    }
  return ai;
}

static void
set_errno_error (GError **error, int err, const char *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err), "%s: %s", what,
               g_strerror (err));
}

char *
l2tp_local_address_for_gateway (const char *gateway, guint16 port, GError **error)
{
  struct addrinfo *ai;
  struct sockaddr_storage me;
  socklen_t len = sizeof me;
  char text[NI_MAXHOST];
  int fd, err = 0;

  g_return_val_if_fail (gateway != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ai = numeric_address (gateway, port, error);
  if (!ai)
    return NULL;
  /* connect() on UDP only picks a route and a source address; nothing is sent. */
  fd = socket (ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect (fd, ai->ai_addr, ai->ai_addrlen) != 0
      || getsockname (fd, (struct sockaddr *) &me, &len) != 0)
    err = errno;
  if (fd >= 0)
    close (fd);
  freeaddrinfo (ai);
  if (err != 0)
    {
      g_autofree char *what
          = g_strdup_printf (_ ("No local address reaches %s"), gateway);

      set_errno_error (error, err, what);
      return NULL;
    }
  /* Numeric, with "%ifname" for a link-local address. */
  if (getnameinfo ((struct sockaddr *) &me, len, text, sizeof text, NULL, 0,
                   NI_NUMERICHOST)
      != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("Cannot print the local address towards %s"), gateway);
      return NULL;
    }
  return g_strdup (text);
}

gboolean
l2tp_port_can_share (const char *local_addr, guint16 port, GError **error)
{
  struct addrinfo *ai;
  int fd, err = 0;
  int one = 1;

  g_return_val_if_fail (local_addr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ai = numeric_address (local_addr, port, error);
  if (!ai)
    return FALSE;
  fd = socket (ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  /* SO_REUSEADDR only, as xl2tpd does: SO_REUSEPORT would change the rules. */
  if (fd < 0 || setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
      || bind (fd, ai->ai_addr, ai->ai_addrlen) != 0)
    err = errno;
  if (fd >= 0)
    close (fd);
  freeaddrinfo (ai);
  if (err != 0)
    {
      g_autofree char *what = g_strdup_printf (_ ("Cannot bind UDP port %u on %s"),
                                               (guint) port, local_addr);

      set_errno_error (error, err, what);
      return FALSE;
    }
  return TRUE;
}
