/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Driver for port1701-test.sh: runs src/port-holder.c and src/local-address.c
 * inside a network namespace and prints their answers as key=value lines, and
 * sends and counts datagrams to check who really receives them.
 *
 *   port-holder-probe find PORT [ADDR]
 *   port-holder-probe local-address GATEWAY
 *   port-holder-probe can-share ADDR PORT
 *   port-holder-probe receive ADDR PORT MAX SECONDS   (SO_REUSEADDR, like xl2tpd)
 *   port-holder-probe send ADDR PORT COUNT SIZE
 */
#include "src/common/local-address.h"
#include "src/l2tp/port-holder.h"

#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int
usage (void)
{
  fprintf (stderr, "usage: port-holder-probe find PORT [ADDR] | local-address GATEWAY |"
                   " can-share ADDR PORT | receive ADDR PORT MAX SECONDS |"
                   " send ADDR PORT COUNT SIZE\n");
  return 2;
}

static guint16
port_arg (const char *s)
{
  guint64 v = 0;

  if (!g_ascii_string_to_unsigned (s, 10, 1, 65535, &v, NULL))
    {
      fprintf (stderr, "bad port: %s\n", s);
      exit (2);
    }
  return (guint16) v;
}

static guint
count_arg (const char *s)
{
  guint64 v = 0;

  if (!g_ascii_string_to_unsigned (s, 10, 0, 65000, &v, NULL))
    {
      fprintf (stderr, "bad number: %s\n", s);
      exit (2);
    }
  return (guint) v;
}

static int
do_find (guint16 port, const char *addr)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpPortHolder) holder = NULL;
  g_autofree char *describe = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *command = NULL;
  gint64 start = g_get_monotonic_time ();
  const L2tpPortSocket *wildcard;

  holder = l2tp_port_holder_find (port, &error);
  if (!holder)
    {
      fprintf (stderr, "find: %s\n", error->message);
      return 1;
    }
  printf ("scan_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
  printf ("pids_scanned=%u\n", holder->pids_scanned);
  printf ("sockets=%u\n", holder->sockets->len);
  for (guint i = 0; i < holder->sockets->len; i++)
    {
      const L2tpPortSocket *s = holder->sockets->pdata[i];
      const L2tpPortProcess *p = s->process;

      printf ("socket address=%s wildcard=%s inode=%" G_GUINT64_FORMAT
              " uid=%u pid=%u comm=%s unit=%s\n",
              s->address, s->wildcard ? "yes" : "no", s->inode, s->uid, p ? p->pid : 0,
              p ? p->comm : "-", p && p->unit ? p->unit : "-");
      if (p)
        printf ("cmdline=%s\n", p->cmdline);
    }
  wildcard = l2tp_port_holder_wildcard (holder);
  printf ("wildcard_pid=%u\n",
          wildcard && wildcard->process ? wildcard->process->pid : 0);
  if (addr)
    {
      const L2tpPortSocket *on = l2tp_port_holder_on_address (holder, addr);
      printf ("on_address_pid=%u\n", on && on->process ? on->process->pid : 0);
      printf ("on_address=%s\n", on ? on->address : "none");
    }
  describe = l2tp_port_holder_describe (holder);
  hint = l2tp_port_holder_fix_hint (holder);
  command = l2tp_port_holder_fix_command (holder);
  printf ("describe=%s\n", describe ? describe : "");
  printf ("hint=%s\n", hint ? hint : "");
  printf ("command=%s\n", command ? command : "");
  return 0;
}

static int
do_local_address (const char *gateway)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *local = l2tp_local_address_for_gateway (gateway, 1701, &error);

  if (!local)
    {
      printf ("error=%s\n", error->message);
      return 1;
    }
  printf ("%s\n", local);
  return 0;
}

static int
do_can_share (const char *addr, guint16 port)
{
  g_autoptr (GError) error = NULL;

  if (l2tp_port_can_share (addr, port, &error))
    {
      printf ("yes\n");
      return 0;
    }
  printf ("no: %s\n", error->message);
  return 1;
}

static int
open_socket (const char *addr, guint16 port, gboolean bind_it, struct addrinfo **ai_out)
{
  struct addrinfo hints
      = { .ai_socktype = SOCK_DGRAM, .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV };
  char service[8];
  int one = 1;
  int fd;

  g_snprintf (service, sizeof service, "%u", (guint) port);
  if (getaddrinfo (addr, service, &hints, ai_out) != 0)
    {
      fprintf (stderr, "bad address: %s\n", addr);
      exit (2);
    }
  fd = socket ((*ai_out)->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    {
      perror ("socket");
      exit (1);
    }
  if (bind_it
      && (setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
          || bind (fd, (*ai_out)->ai_addr, (*ai_out)->ai_addrlen) != 0))
    {
      perror ("bind");
      exit (1);
    }
  return fd;
}

/* Counts datagrams until max arrived or seconds passed since binding. */
static int
do_receive (const char *addr, guint16 port, guint max, guint seconds)
{
  struct addrinfo *ai = NULL;
  int fd = open_socket (addr, port, TRUE, &ai);
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  guint received = 0;
  gsize bytes = 0;

  freeaddrinfo (ai);
  printf ("bound\n");
  fflush (stdout);
  while (received < max)
    {
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      struct pollfd pfd = { .fd = fd, .events = POLLIN };
      char buf[2048];
      ssize_t n;

      if (left <= 0 || poll (&pfd, 1, (int) left) <= 0)
        break;
      n = recv (fd, buf, sizeof buf, 0);
      if (n >= 0)
        {
          received++;
          bytes += (gsize) n;
        }
    }
  close (fd);
  printf ("received=%u bytes=%" G_GSIZE_FORMAT "\n", received, bytes);
  return 0;
}

static int
do_send (const char *addr, guint16 port, guint count, guint size)
{
  struct addrinfo *ai = NULL;
  int fd = open_socket (addr, port, FALSE, &ai);
  g_autofree char *payload = g_malloc0 (MAX (size, 1));
  guint sent = 0;

  for (guint i = 0; i < count; i++)
    if (sendto (fd, payload, size, 0, ai->ai_addr, ai->ai_addrlen) == (ssize_t) size)
      sent++;
  freeaddrinfo (ai);
  close (fd);
  printf ("sent=%u\n", sent);
  return sent == count ? 0 : 1;
}

int
main (int argc, char **argv)
{
  if (argc >= 3 && strcmp (argv[1], "find") == 0)
    return do_find (port_arg (argv[2]), argc >= 4 ? argv[3] : NULL);
  if (argc == 3 && strcmp (argv[1], "local-address") == 0)
    return do_local_address (argv[2]);
  if (argc == 4 && strcmp (argv[1], "can-share") == 0)
    return do_can_share (argv[2], port_arg (argv[3]));
  if (argc == 6 && strcmp (argv[1], "receive") == 0)
    return do_receive (argv[2], port_arg (argv[3]), count_arg (argv[4]),
                       count_arg (argv[5]));
  if (argc == 6 && strcmp (argv[1], "send") == 0)
    return do_send (argv[2], port_arg (argv[3]), count_arg (argv[4]),
                    count_arg (argv[5]));
  return usage ();
}
