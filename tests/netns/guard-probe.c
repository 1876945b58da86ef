/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Driver for guard-test.sh and the lab's guard-client scenario: runs
 * src/l2tp/cleartext-guard.c (the real nft) in the current network namespace
 * and sends datagrams from a fixed source port.
 *
 *   guard-probe install ID LOCAL PORT SERVER   the guard, through the async API
 *   guard-probe remove ID                      ditto; prints "out=N in=N" dropped
 *   guard-probe counts ID                      "out=N in=N", exit 1 if absent
 *   guard-probe cleanup-stale ROOT             "removed=N"
 *   guard-probe send-from LOCAL LPORT ADDR PORT COUNT
 *       COUNT datagrams from LOCAL:LPORT (SO_REUSEADDR); "sent=N errno=E"
 *       (E: EPERM, or the last error's number, 0 for none)
 */
#include "src/l2tp/cleartext-guard.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "probe-args.h"

static int
usage (void)
{
  fprintf (stderr, "usage: guard-probe install ID LOCAL PORT SERVER | remove ID |"
                   " counts ID | cleanup-stale ROOT |"
                   " send-from LOCAL LPORT ADDR PORT COUNT\n");
  return 2;
}

typedef struct
{
  GMainLoop *loop;
  gboolean ok;
  GError *error;
  L2tpGuardCounts counts;
} Wait;

static void
on_installed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *w = user_data;

  w->ok = l2tp_cleartext_guard_install_finish (result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
on_removed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *w = user_data;

  w->ok = l2tp_cleartext_guard_remove_finish (result, &w->counts, &w->error);
  g_main_loop_quit (w->loop);
}

static int
finish (Wait *w, const char *what)
{
  g_main_loop_run (w->loop);
  g_main_loop_unref (w->loop);
  if (!w->ok)
    {
      fprintf (stderr, "%s: %s\n", what, w->error->message);
      g_error_free (w->error);
      return 1;
    }
  return 0;
}

static int
do_install (const char *id, const char *local, guint16 port, const char *server)
{
  L2tpGuardTuple t = { id, local, port, server };
  Wait w = { g_main_loop_new (NULL, FALSE) };

  l2tp_cleartext_guard_install_async (&t, NULL, on_installed, &w);
  return finish (&w, "install");
}

static int
do_remove (const char *id)
{
  Wait w = { g_main_loop_new (NULL, FALSE) };
  int rc;

  l2tp_cleartext_guard_remove_async (id, on_removed, &w);
  rc = finish (&w, "remove");
  if (rc == 0)
    printf ("out=%" G_GUINT64_FORMAT " in=%" G_GUINT64_FORMAT "\n", w.counts.out_packets,
            w.counts.in_packets);
  return rc;
}

static int
do_counts (const char *id)
{
  g_autoptr (GError) error = NULL;
  L2tpGuardCounts counts;

  if (!l2tp_cleartext_guard_counts (id, &counts, &error))
    {
      fprintf (stderr, "counts: %s\n", error->message);
      return 1;
    }
  printf ("out=%" G_GUINT64_FORMAT " in=%" G_GUINT64_FORMAT "\n", counts.out_packets,
          counts.in_packets);
  return 0;
}

static int
do_send_from (const char *local, guint16 lport, const char *addr, guint16 port,
              guint count)
{
  struct sockaddr_in from = { .sin_family = AF_INET, .sin_port = htons (lport) };
  struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons (port) };
  int one = 1, last_errno = 0, fd;
  guint sent = 0;

  if (inet_pton (AF_INET, local, &from.sin_addr) != 1
      || inet_pton (AF_INET, addr, &to.sin_addr) != 1)
    {
      fprintf (stderr, "IPv4 addresses only\n");
      return 2;
    }
  fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
      || bind (fd, (struct sockaddr *) &from, sizeof from) != 0)
    {
      perror ("bind");
      return 1;
    }
  for (guint i = 0; i < count; i++)
    {
      if (sendto (fd, "l2tp", 4, 0, (struct sockaddr *) &to, sizeof to) == 4)
        sent++;
      else
        last_errno = errno;
    }
  close (fd);
  /* EPERM: an nftables drop on the way out. */
  if (last_errno == EPERM)
    printf ("sent=%u errno=EPERM\n", sent);
  else
    printf ("sent=%u errno=%d\n", sent, last_errno);
  return 0;
}

int
main (int argc, char **argv)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc == 6 && strcmp (argv[1], "install") == 0)
    return do_install (argv[2], argv[3], (guint16) number_arg (argv[4], 0, 65535),
                       argv[5]);
  if (argc == 3 && strcmp (argv[1], "remove") == 0)
    return do_remove (argv[2]);
  if (argc == 3 && strcmp (argv[1], "counts") == 0)
    return do_counts (argv[2]);
  if (argc == 3 && strcmp (argv[1], "cleanup-stale") == 0)
    {
      printf ("removed=%u\n", l2tp_cleartext_guard_cleanup_stale (argv[2]));
      return 0;
    }
  if (argc == 7 && strcmp (argv[1], "send-from") == 0)
    return do_send_from (argv[2], (guint16) number_arg (argv[3], 1, 65535), argv[4],
                         (guint16) number_arg (argv[5], 1, 65535),
                         number_arg (argv[6], 1, 10000));
  return usage ();
}
