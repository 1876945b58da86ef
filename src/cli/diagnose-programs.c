/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-programs.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "diagnose-run.h"
#include "src/common/programs.h"

static void
add_missing (L2tpCheckList *list, const char *id, L2tpProgram program, const char *name)
{
  g_autofree char *text = g_strdup_printf (_ ("%s is not installed (%s)"), name,
                                           l2tp_program_default_path (program));
  g_autofree char *fix = g_strdup_printf (_ ("install it: sudo apt install %s"),
                                          l2tp_program_package (program));
  L2tpCheck *check = l2tp_check_list_add (list, id, L2TP_CHECK_FAIL, text, fix);

  l2tp_check_add_fact (check, "package", l2tp_program_package (program));
}

static void
add_present (L2tpCheckList *list, const char *id, const char *name, const char *path,
             const char *version)
{
  g_autofree char *text = NULL;
  L2tpCheck *check;

  if (version)
    /* TRANSLATORS: a program, its version and where it is:
     * "xl2tpd 1.3.18 (/usr/sbin/xl2tpd)". */
    text = g_strdup_printf (_ ("%s %s (%s)"), name, version, path);
  else
    text = g_strdup_printf (_ ("%s is installed (%s)"), name, path);
  check = l2tp_check_list_add (list, id, L2TP_CHECK_OK, text, NULL);

  l2tp_check_add_fact (check, "path", path);
  l2tp_check_add_fact (check, "version", version);
}

void
l2tp_diagnose_xl2tpd (L2tpCheckList *list)
{
  const char *path = l2tp_program_locate (L2TP_PROGRAM_XL2TPD);
  g_autofree char *output = NULL;
  g_autofree char *version = NULL;

  if (!path)
    {
      add_missing (list, "xl2tpd", L2TP_PROGRAM_XL2TPD, "xl2tpd");
      return;
    }
  /* "xl2tpd version:  xl2tpd-1.3.18" */
  output = l2tp_diagnose_run ((const char *const[]){ path, "-v", NULL }, NULL);
  version = l2tp_diagnose_version_after (output, "xl2tpd-");
  add_present (list, "xl2tpd", "xl2tpd", path, version);
}

char *
l2tp_diagnose_pppd_dir_version (const char *plugin_dir)
{
  g_autofree char *base = g_path_get_basename (plugin_dir);
  g_autofree char *version = l2tp_diagnose_version_after (base, "");

  if (!version || !g_str_equal (version, base) || !strchr (version, '.'))
    return NULL;
  return g_steal_pointer (&version);
}

/* pppd's version from what it says, else from the one directory of plugins
 * pppd's package made (Debian's pppd is not for everyone to run). */
static char *
pppd_version (const char *path)
{
  g_autofree char *output
      = l2tp_diagnose_run ((const char *const[]){ path, "--version", NULL }, NULL);
  char *version = l2tp_diagnose_version_after (output, "pppd version ");
  static const char *const roots[] = { "/usr/lib/pppd", "/usr/lib64/pppd", NULL };

  if (version)
    return version;
  for (guint i = 0; roots[i]; i++)
    {
      g_autoptr (GDir) dir = g_dir_open (roots[i], 0, NULL);
      const char *name;
      char *found = NULL;
      guint n = 0;

      while (dir && (name = g_dir_read_name (dir)))
        {
          char *v = l2tp_diagnose_pppd_dir_version (name);

          if (!v)
            continue;
          n++;
          g_free (found);
          found = v;
        }
      if (n == 1)
        return found;
      g_free (found);
    }
  return NULL;
}

static void
check_plugin (L2tpCheckList *list, const char *pppd, const char *version)
{
  g_autofree char *plugin = l2tp_pppd_plugin_path ();
  g_autofree char *dir = g_path_get_dirname (plugin);
  g_autofree char *built_for = l2tp_diagnose_pppd_dir_version (dir);
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  L2tpCheck *check;

  if (!g_file_test (plugin, G_FILE_TEST_IS_REGULAR))
    {
      text = g_strdup_printf (_ ("Our pppd plugin is missing (%s)"), plugin);
      fix = g_strdup (_ ("reinstall nm-l2tp-ipsec: its package puts the plugin there"));
      check = l2tp_check_list_add (list, "pppd-plugin", L2TP_CHECK_FAIL, text, fix);
    }
  else if (pppd && version && built_for && !g_str_equal (version, built_for))
    {
      /* pppd refuses a plugin built for another version. */
      text = g_strdup_printf (_ ("Our pppd plugin (%s) is built for pppd %s, but this "
                                 "pppd is %s"),
                              plugin, built_for, version);
      fix = g_strdup_printf (_ ("install nm-l2tp-ipsec built for pppd %s"), version);
      check = l2tp_check_list_add (list, "pppd-plugin", L2TP_CHECK_FAIL, text, fix);
    }
  else
    {
      text = g_strdup_printf (_ ("Our pppd plugin (%s)"), plugin);
      check = l2tp_check_list_add (list, "pppd-plugin", L2TP_CHECK_OK, text, NULL);
    }
  l2tp_check_add_fact (check, "path", plugin);
  l2tp_check_add_fact (check, "pppd-version", built_for);
}

void
l2tp_diagnose_pppd (L2tpCheckList *list)
{
  const char *path = l2tp_program_locate (L2TP_PROGRAM_PPPD);
  g_autofree char *version = NULL;

  if (!path)
    add_missing (list, "pppd", L2TP_PROGRAM_PPPD, "pppd");
  else
    {
      version = pppd_version (path);
      add_present (list, "pppd", "pppd", path, version);
    }
  check_plugin (list, path, version);
}
