/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec probe — options, the server's address, the run, the exit
 * status. The probe offers every Phase 1 transform, in groups of first Main
 * Mode messages, each transform the server chose once more alone, and
 * never goes further: no key exchange, no identity, no pre-shared key. It
 * needs no privileges (an ephemeral UDP port). */
#include "probe.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "src/ipsec/probe-engine.h"
#include "probe-report.h"

typedef struct
{
  GInetAddress *address;
  GError *error;
  gboolean done;
} Resolve;

static void
on_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Resolve *r = user_data;
  GList *list = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &r->error);

  /* IPv4 first: L2TP/IPsec servers are reached over IPv4 almost always. */
  for (GList *l = list; l && !r->address; l = l->next)
    if (g_inet_address_get_family (l->data) == G_SOCKET_FAMILY_IPV4)
      r->address = g_object_ref (l->data);
  if (!r->address && list)
    r->address = g_object_ref (list->data);
  g_resolver_free_addresses (list);
  r->done = TRUE;
}

static GInetAddress *
resolve (const char *host, GError **error)
{
  g_autoptr (GResolver) resolver = NULL;
  GInetAddress *literal = g_inet_address_new_from_string (host);
  Resolve r = { 0 };

  if (literal)
    return literal;
  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_async (resolver, host, NULL, on_resolved, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  if (r.error)
    {
      g_propagate_error (error, r.error);
      return NULL;
    }
  return r.address;
}

static void
on_progress (const Probe *probe, guint done, guint total, gpointer user_data)
{
  probe_report_progress (stderr, probe, done, total);
}

int
l2tp_cli_probe (int argc, char **argv)
{
  gboolean json = FALSE, verbose = FALSE;
  int window = PROBE_ENGINE_DEFAULT_WINDOW;
  g_auto (GStrv) args = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_ ("Print a line per offer on standard error"), NULL },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &window,
      N_ ("Offers awaiting an answer at a time (default 3)"), N_ ("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) address = NULL;
  g_autoptr (ProbeEngine) engine = NULL;
  g_autofree char *address_text = NULL;
  ProbeReport report = { 0 };

  g_set_prgname ("nm-l2tp-ipsec probe");
  context = g_option_context_new (_ ("HOST"));
  g_option_context_set_summary (
      context, _ ("Ask an L2TP/IPsec server which IKEv1 Phase 1 transforms it accepts.\n"
                  "Offers them in groups in first Main Mode messages, each one the "
                  "server chooses once more alone,\nand never completes a handshake: "
                  "no identity and no pre-shared key leave this machine."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "nm-l2tp-ipsec probe: %s\n", error->message);
      return 2;
    }
  if (!args || !args[0] || args[1])
    {
      fprintf (stderr, _ ("Usage: nm-l2tp-ipsec probe [--json] [--verbose] HOST\n"));
      return 2;
    }
  if (window < 1 || window > 64)
    {
      fprintf (stderr, _ ("nm-l2tp-ipsec probe: --parallel takes 1 to 64\n"));
      return 2;
    }

  address = resolve (args[0], &error);
  if (!address)
    {
      fprintf (stderr, _ ("nm-l2tp-ipsec probe: cannot resolve %s: %s\n"), args[0],
               error ? error->message : _ ("no address"));
      return 1;
    }
  address_text = g_inet_address_to_string (address);
  engine = probe_engine_new (address, window, &error);
  if (!engine)
    {
      fprintf (stderr, _ ("nm-l2tp-ipsec probe: no UDP socket: %s\n"), error->message);
      return 1;
    }
  if (verbose)
    probe_engine_set_progress (engine, on_progress, NULL);

  report.host = args[0];
  report.address = address_text;
  report.engine = engine;
  report.end = probe_engine_run (engine);

  if (json)
    probe_report_print_json (stdout, &report);
  else
    probe_report_print_text (stdout, &report);
  {
    g_autofree char *accepted = probe_report_accepted (&report);

    return accepted ? 0 : 1;
  }
}
