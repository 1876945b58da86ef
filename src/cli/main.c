/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec: the command-line tool. Dispatches to its subcommands
 * (probe, diagnose; import comes later), each in a file of its own. */
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "diagnose.h"
#include "probe.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "probe", l2tp_cli_probe, N_ ("which IKEv1 Phase 1 transforms a server accepts") },
  { "diagnose", l2tp_cli_diagnose,
    N_ ("what this machine or a connection lacks, with the fix") },
};

static void
usage (FILE *out)
{
  fprintf (out, _ ("Usage: nm-l2tp-ipsec COMMAND [OPTION…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _ (commands[i].summary));
  fprintf (out, _ ("\n\"nm-l2tp-ipsec COMMAND --help\" describes a command.\n"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      usage (stdout);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _ ("nm-l2tp-ipsec: unknown command \"%s\"\n\n"), argv[1]);
  usage (stderr);
  return 2;
}
