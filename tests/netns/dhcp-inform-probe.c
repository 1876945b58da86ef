/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Driver for dhcp-inform-test.sh: runs src/ppp/dhcp-inform-client.c on a
 * device of the namespace it is started in, then what the answer makes of
 * an IPv4 configuration (src/service/pushed-routes.c), as key=value lines.
 *
 *   dhcp-inform-probe IFNAME LOCAL PEER BUDGET_MS
 *       "answer=TEXT" (the answer as the service logs it) or "answer=none",
 *       "after_ms=N", and with an answer "split=yes|no", "routes=NET/LEN ..."
 *       and "domains=NAME ..." of the configuration NetworkManager would get.
 * The client's own log lines (refused answers) go to stderr.
 */
#include "src/ppp/dhcp-inform-client.h"

#include <NetworkManager.h>
#include <arpa/inet.h>
#include <stdio.h>

#include "probe-args.h"
#include "src/common/log.h"
#include "src/service/pushed-routes.h"

typedef struct
{
  GMainLoop *loop;
  gint64 start;
  guint32 local;
} Run;

static guint32
address_arg (const char *s)
{
  struct in_addr a;

  if (inet_pton (AF_INET, s, &a) != 1)
    {
      fprintf (stderr, "bad address: %s\n", s);
      exit (2);
    }
  return a.s_addr;
}

static void
print_config (GVariant *ip4, gboolean split)
{
  g_autoptr (GVariant) routes = NULL;
  g_autoptr (GVariant) domains = NULL;
  g_autoptr (GString) line = g_string_new ("routes=");
  GVariantIter iter;
  GVariant *route;

  printf ("split=%s\n", split ? "yes" : "no");
  routes = g_variant_lookup_value (ip4, NM_VPN_PLUGIN_IP4_CONFIG_ROUTES,
                                   G_VARIANT_TYPE ("aau"));
  if (routes)
    {
      g_variant_iter_init (&iter, routes);
      while ((route = g_variant_iter_next_value (&iter)))
        {
          gsize n;
          const guint32 *r = g_variant_get_fixed_array (route, &n, sizeof (guint32));
          char buf[INET_ADDRSTRLEN];

          if (n >= 2)
            g_string_append_printf (line, "%s%s/%u", line->len > 7 ? " " : "",
                                    inet_ntop (AF_INET, &r[0], buf, sizeof buf), r[1]);
          g_variant_unref (route);
        }
    }
  printf ("%s\n", line->str);
  domains = g_variant_lookup_value (ip4, NM_VPN_PLUGIN_IP4_CONFIG_DOMAINS,
                                    G_VARIANT_TYPE ("as"));
  if (domains)
    {
      g_autofree const char **names = g_variant_get_strv (domains, NULL);
      g_autofree char *joined = g_strjoinv (" ", (char **) names);

      printf ("domains=%s\n", joined);
    }
  else
    printf ("domains=\n");
}

static void
on_done (L2tpDhcpAnswer *answer, gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (L2tpDhcpAnswer) owned = answer;

  printf ("after_ms=%" G_GINT64_FORMAT "\n",
          (g_get_monotonic_time () - run->start) / 1000);
  if (answer)
    {
      g_autofree char *text = l2tp_dhcp_answer_to_string (answer);
      g_autoptr (GVariant) base = g_variant_ref_sink (
          g_variant_new_parsed ("{'address': <%u>, 'prefix': <@u 32>}", run->local));
      g_autoptr (GVariant) ip4 = NULL;
      gboolean split = FALSE;

      printf ("answer=%s\n", text);
      ip4 = g_variant_ref_sink (l2tp_ip4_config_add_answer (base, answer, &split));
      print_config (ip4, split);
    }
  else
    printf ("answer=none\n");
  g_main_loop_quit (run->loop);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpDhcpInformClient) client = NULL;
  Run run = { 0 };

  if (argc != 5)
    {
      fprintf (stderr, "usage: dhcp-inform-probe IFNAME LOCAL PEER BUDGET_MS\n");
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_setenv ("NM_VPN_LOG_SYSLOG", "0", TRUE);
  g_setenv ("NM_VPN_LOG_LEVEL", "7", TRUE);
  l2tp_log_init (FALSE);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.start = g_get_monotonic_time ();
  run.local = address_arg (argv[2]);
  client = l2tp_dhcp_inform_client_start (argv[1], run.local, address_arg (argv[3]),
                                          number_arg (argv[4], 100, 60000), on_done, &run,
                                          &error);
  if (!client)
    {
      fprintf (stderr, "start: %s\n", error->message);
      return 1;
    }
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  return 0;
}
