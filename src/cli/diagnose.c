/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — options, the checks in order, the output. No
 * privileges needed: as a normal user, what only root may see (other users'
 * sockets, root's VICI socket and processes) is marked "?" with how to
 * check it. Changes nothing on the machine. */
#include "diagnose.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "diagnose-charon.h"
#include "diagnose-connection.h"
#include "diagnose-kernel.h"
#include "diagnose-nm.h"
#include "diagnose-ports.h"
#include "diagnose-programs.h"
#include "diagnose-report.h"
#include "src/common/state-dir.h"

static void
diagnose_connection (L2tpCheckList *list, NMClient *client, const char *name)
{
  g_autoptr (NMConnection) connection
      = l2tp_diagnose_find_connection (list, client, name);
  g_autoptr (L2tpConfig) cfg = NULL;

  if (!connection)
    return;
  cfg = l2tp_diagnose_settings (list, connection);
  if (cfg)
    l2tp_diagnose_gateway (list, cfg);
  l2tp_diagnose_last_failure (list, l2tp_state_dir (), connection);
}

int
l2tp_cli_diagnose (int argc, char **argv)
{
  gboolean json = FALSE;
  g_auto (GStrv) args = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpCheckList) list = l2tp_check_list_new ();
  g_autoptr (NMClient) client = NULL;
  g_auto (GStrv) dirs = NULL;
  g_autofree char *out = NULL;

  g_set_prgname ("nm-l2tp-ipsec diagnose");
  context = g_option_context_new (_ ("[CONNECTION]"));
  g_option_context_set_summary (
      context, _ ("Check what L2TP/IPsec connections need on this machine: "
                  "NetworkManager and this plugin, strongSwan with IKEv1, xl2tpd, "
                  "pppd, the kernel modules and the UDP ports. With a connection "
                  "(name or uuid), also its settings, its server's name and why its "
                  "last connect failed.\n"
                  "Needs no privileges; run as root, it also names other users' "
                  "programs holding the ports and asks a system charon over its "
                  "root-only socket."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "nm-l2tp-ipsec diagnose: %s\n", error->message);
      return 2;
    }
  if (args && args[0] && args[1])
    {
      fprintf (stderr, _ ("Usage: nm-l2tp-ipsec diagnose [--json] [CONNECTION]\n"));
      return 2;
    }

  client = l2tp_diagnose_networkmanager (list);
  dirs = l2tp_diagnose_vpn_plugin_dirs ();
  l2tp_diagnose_vpn_plugin (list, (const char *const *) dirs);
  l2tp_diagnose_charon (list);
  l2tp_diagnose_xl2tpd (list);
  l2tp_diagnose_pppd (list);
  l2tp_diagnose_kernel (list);
  l2tp_diagnose_ports (list);
  if (args && args[0])
    diagnose_connection (list, client, args[0]);

  out = json ? l2tp_diagnose_report_json (list) : l2tp_diagnose_report_text (list);
  fputs (out, stdout);
  if (json)
    fputc ('\n', stdout);
  return l2tp_check_list_exit_status (list);
}
