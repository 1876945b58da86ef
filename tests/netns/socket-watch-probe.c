/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Driver for socket-watch-test.sh: runs src/l2tp/socket-watch.c inside a
 * network namespace and prints its answers as key=value lines.
 *
 *   socket-watch-probe check ADDR PORT
 *       one check: "foreign=none", or "foreign=TEXT" and "fix=COMMAND"
 *   socket-watch-probe watch ADDR PORT INTERVAL SECONDS
 *       "watching", then the first report as "foreign=TEXT" and
 *       "after_ms=N", or "foreign=none" when SECONDS passed without one
 */
#include "src/l2tp/socket-watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe-args.h"

static int
usage (void)
{
  fprintf (stderr, "usage: socket-watch-probe check ADDR PORT |"
                   " watch ADDR PORT INTERVAL SECONDS\n");
  return 2;
}

static int
do_check (const char *addr, guint16 port)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fix = NULL;
  g_autofree char *found = l2tp_foreign_socket_check (addr, port, &fix, &error);

  if (error)
    {
      fprintf (stderr, "check: %s\n", error->message);
      return 1;
    }
  printf ("foreign=%s\n", found ? found : "none");
  if (found)
    printf ("fix=%s\n", fix ? fix : "");
  return 0;
}

typedef struct
{
  GMainLoop *loop;
  gint64 start;
  gboolean found;
  guint deadline;
} Watching;

static void
on_found (const char *sockets, const char *fix, gpointer user_data)
{
  Watching *w = user_data;

  w->found = TRUE;
  printf ("foreign=%s\n", sockets);
  printf ("fix=%s\n", fix ? fix : "");
  printf ("after_ms=%" G_GINT64_FORMAT "\n", (g_get_monotonic_time () - w->start) / 1000);
  g_main_loop_quit (w->loop);
}

static gboolean
on_deadline (gpointer user_data)
{
  Watching *w = user_data;

  w->deadline = 0;
  g_main_loop_quit (w->loop);
  return G_SOURCE_REMOVE;
}

static int
do_watch (const char *addr, guint16 port, guint interval, guint seconds)
{
  Watching w = { g_main_loop_new (NULL, FALSE), g_get_monotonic_time (), FALSE, 0 };
  g_autoptr (L2tpSocketWatch) watch
      = l2tp_socket_watch_new (addr, port, interval, on_found, &w);

  w.deadline = g_timeout_add_seconds (seconds, on_deadline, &w);
  printf ("watching\n");
  fflush (stdout);
  if (!l2tp_socket_watch_check_now (watch))
    g_main_loop_run (w.loop);
  if (!w.found)
    printf ("foreign=none\n");
  g_clear_handle_id (&w.deadline, g_source_remove);
  g_main_loop_unref (w.loop);
  return 0;
}

int
main (int argc, char **argv)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc == 4 && strcmp (argv[1], "check") == 0)
    return do_check (argv[2], (guint16) number_arg (argv[3], 1, 65535));
  if (argc == 6 && strcmp (argv[1], "watch") == 0)
    return do_watch (argv[2], (guint16) number_arg (argv[3], 1, 65535),
                     number_arg (argv[4], 1, 60), number_arg (argv[5], 1, 600));
  return usage ();
}
