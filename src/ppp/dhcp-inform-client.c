/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The DHCPINFORM exchange on the PPP device (see dhcp-inform-client.h). */
#include "src/ppp/dhcp-inform-client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <gio/gio.h>
#include <net/if.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "src/common/log.h"

/* Sent at 0, then at these many ms if no answer came: a lost first packet
 * (the server's pppd may still be setting up its side) costs little. */
static const guint resend_ms[] = { 400, 1000 };
/* Refused answers logged, at most: a flood must not fill the journal. */
#define MAX_LOGGED_REFUSALS 8

struct _L2tpDhcpInformClient
{
  GSocket *socket;
  GSource *readable;
  guint resend_timer;
  guint budget_timer;
  guint sends;
  guint refused;
  guint32 xid;
  guint8 chaddr[L2TP_DHCP_CHADDR_LEN];
  guint32 local, peer;
  GBytes *request;
  L2tpDhcpInformDone done;
  gpointer user_data;
};

static void
stop (L2tpDhcpInformClient *client)
{
  if (client->readable)
    {
      g_source_destroy (client->readable);
      g_clear_pointer (&client->readable, g_source_unref);
    }
  g_clear_handle_id (&client->resend_timer, g_source_remove);
  g_clear_handle_id (&client->budget_timer, g_source_remove);
}

/* The end: once. The callback may free the client. */
static void
finish (L2tpDhcpInformClient *client, L2tpDhcpAnswer *answer)
{
  L2tpDhcpInformDone done = client->done;

  stop (client);
  client->done = NULL;
  if (done)
    done (answer, client->user_data);
  else
    l2tp_dhcp_answer_free (answer);
}

static void
send_to (L2tpDhcpInformClient *client, guint32 addr)
{
  g_autoptr (GInetAddress) inet
      = g_inet_address_new_from_bytes ((const guint8 *) &addr, G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) to = g_inet_socket_address_new (inet, L2TP_DHCP_SERVER_PORT);
  g_autoptr (GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (client->request, &len);

  if (g_socket_send_to (client->socket, to, data, len, NULL, &error) < 0)
    l2tp_log_debug ("dhcp: sending DHCPINFORM: %s", error->message);
}

static void
send_request (L2tpDhcpInformClient *client)
{
  client->sends++;
  if (client->peer)
    send_to (client, client->peer);
  send_to (client, htonl (INADDR_BROADCAST));
}

static gboolean
on_resend (gpointer user_data)
{
  L2tpDhcpInformClient *client = user_data;

  client->resend_timer = 0;
  send_request (client);
  if (client->sends <= G_N_ELEMENTS (resend_ms))
    client->resend_timer = g_timeout_add (
        resend_ms[client->sends - 1] - resend_ms[client->sends - 2], on_resend, client);
  return G_SOURCE_REMOVE;
}

static gboolean
on_budget (gpointer user_data)
{
  L2tpDhcpInformClient *client = user_data;

  client->budget_timer = 0;
  finish (client, NULL);
  return G_SOURCE_REMOVE;
}

/* One datagram: TRUE when it was the answer (and the client may be gone). */
static gboolean
receive_one (L2tpDhcpInformClient *client)
{
  guint8 buf[2048];
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketAddress) from = NULL;
  g_autoptr (L2tpDhcpAnswer) answer = NULL;
  g_autofree char *from_text = NULL;
  gssize n;

  n = g_socket_receive_from (client->socket, &from, (char *) buf, sizeof buf, NULL,
                             &error);
  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        l2tp_log_debug ("dhcp: receiving: %s", error->message);
      return FALSE;
    }
  if (G_IS_INET_SOCKET_ADDRESS (from))
    from_text = g_inet_address_to_string (
        g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (from)));
  answer = l2tp_dhcp_ack_parse (buf, (gsize) n, client->xid, client->chaddr, &error);
  if (!answer)
    {
      /* Someone else's exchange is not worth a warning. */
      if (g_error_matches (error, L2TP_DHCP_ERROR, L2TP_DHCP_ERROR_NOT_OURS))
        l2tp_log_debug ("dhcp: not an answer to us from %s: %s", from_text ?: "?",
                        error->message);
      else if (client->refused++ < MAX_LOGGED_REFUSALS)
        l2tp_log_warn ("dhcp: ignored an answer from %s: %s", from_text ?: "?",
                       error->message);
      return FALSE;
    }
  finish (client, g_steal_pointer (&answer));
  return TRUE;
}

static gboolean
on_readable (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  L2tpDhcpInformClient *client = user_data;

  (void) socket;
  (void) condition;
  /* A few per wakeup: a flood must not starve the main loop. */
  for (int i = 0; i < 16; i++)
    if (receive_one (client))
      return G_SOURCE_REMOVE; /* finish() destroyed this source */
  return G_SOURCE_CONTINUE;
}

static int
open_socket (const char *ifname, guint32 local, GError **error)
{
  struct sockaddr_in sin = { .sin_family = AF_INET,
                             .sin_port = htons (L2TP_DHCP_CLIENT_PORT),
                             .sin_addr.s_addr = local };
  int one = 1, fd, saved;

  fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    goto fail;
  /* Sent out of the PPP device, and nothing a remote host sends to another
   * device of ours reaches this socket. A DHCP client of another device may
   * hold *:68 with SO_REUSEADDR: the exact address wins. */
  if (setsockopt (fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, strlen (ifname) + 1) < 0
      || setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
      || setsockopt (fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one) < 0
      || bind (fd, (struct sockaddr *) &sin, sizeof sin) < 0)
    goto fail;
  return fd;

fail:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "UDP port %u on %s: %s",
               L2TP_DHCP_CLIENT_PORT, ifname, g_strerror (saved));
  return -1;
}

L2tpDhcpInformClient *
l2tp_dhcp_inform_client_start (const char *ifname, guint32 local, guint32 peer,
                               guint budget_ms, L2tpDhcpInformDone done,
                               gpointer user_data, GError **error)
{
  g_autoptr (L2tpDhcpInformClient) client = NULL;
  int fd;

  g_return_val_if_fail (ifname && strlen (ifname) < IFNAMSIZ, NULL);
  fd = open_socket (ifname, local, error);
  if (fd < 0)
    return NULL;
  client = g_new0 (L2tpDhcpInformClient, 1);
  client->socket = g_socket_new_from_fd (fd, error);
  if (!client->socket)
    {
      close (fd);
      return NULL;
    }
  /* GSocket waits in receive unless told not to: the main loop must not. */
  g_socket_set_blocking (client->socket, FALSE);
  /* The xid is what ties an answer to this request: not guessable. */
  if (getrandom (&client->xid, sizeof client->xid, 0) != sizeof client->xid
      || getrandom (client->chaddr, sizeof client->chaddr, 0) != sizeof client->chaddr)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "getrandom failed");
      return NULL;
    }
  client->chaddr[0]
      = (client->chaddr[0] & 0xfc) | 0x02; /* locally administered, unicast */
  client->local = local;
  client->peer = peer;
  client->request = l2tp_dhcp_inform_build (client->xid, local, client->chaddr);
  client->done = done;
  client->user_data = user_data;

  client->readable = g_socket_create_source (client->socket, G_IO_IN, NULL);
  g_source_set_callback (client->readable, G_SOURCE_FUNC (on_readable), client, NULL);
  g_source_attach (client->readable, NULL);
  send_request (client);
  client->resend_timer = g_timeout_add (resend_ms[0], on_resend, client);
  client->budget_timer = g_timeout_add (budget_ms, on_budget, client);
  return g_steal_pointer (&client);
}

void
l2tp_dhcp_inform_client_free (L2tpDhcpInformClient *client)
{
  if (!client)
    return;
  stop (client);
  g_clear_object (&client->socket);
  g_clear_pointer (&client->request, g_bytes_unref);
  g_free (client);
}
