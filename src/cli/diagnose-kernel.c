/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-kernel.h"

#include <glib/gi18n-lib.h>
#include <sys/utsname.h>

#include "kmod-index.h"

#define INDEX_MAX (16 * 1024 * 1024)

static const struct
{
  const char *module;
  const char *what;   /* what it is for, translated */
  const char *config; /* the kernel option that builds it */
} modules[] = {
  { "l2tp_ppp", N_ ("PPP over L2TP"), "CONFIG_PPPOL2TP" },
  { "ppp_generic", N_ ("PPP"), "CONFIG_PPP" },
  { "esp4", N_ ("IPsec ESP"), "CONFIG_INET_ESP" },
  { "xfrm_user", N_ ("IPsec SAs over netlink"), "CONFIG_XFRM_USER" },
};

static char *
read_index (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &text, &len, NULL) || len > INDEX_MAX)
    {
      g_free (text);
      return NULL;
    }
  return text;
}

static void
check_module (L2tpCheckList *list, guint i, const char *release, const char *dir,
              gboolean have_dir, const char *builtin, const char *dep)
{
  const char *module = modules[i].module;
  const char *what = _ (modules[i].what);
  g_autofree char *sys = g_build_filename ("/sys/module", module, NULL);
  g_autofree char *id = g_strdup_printf ("kernel-%s", module);
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  L2tpKmodState state = l2tp_kmod_state (module, g_file_test (sys, G_FILE_TEST_IS_DIR),
                                         have_dir, builtin, dep);
  L2tpCheckStatus status = L2TP_CHECK_OK;
  L2tpCheck *check;
  const char *state_name = "loaded";

  switch (state)
    {
    case L2TP_KMOD_LOADED:
      text = g_strdup_printf (_ ("Kernel module %s (%s) is loaded"), module, what);
      break;
    case L2TP_KMOD_BUILTIN:
      state_name = "builtin";
      text = g_strdup_printf (_ ("Kernel module %s (%s) is built into the kernel"),
                              module, what);
      break;
    case L2TP_KMOD_LOADABLE:
      state_name = "loadable";
      text = g_strdup_printf (_ ("Kernel module %s (%s) can be loaded; the kernel "
                                 "loads it when it is first used"),
                              module, what);
      break;
    case L2TP_KMOD_NO_MODULE_DIR:
      state_name = "no-module-dir";
      status = L2TP_CHECK_FAIL;
      text = g_strdup_printf (_ ("Kernel module %s (%s) is not loaded, and this kernel "
                                 "(%s) has no modules in %s"),
                              module, what, release, dir);
      fix = g_strdup_printf (_ ("boot a kernel built with %s and install its modules "
                                "(the distribution's linux-image package)"),
                             modules[i].config);
      break;
    case L2TP_KMOD_MISSING:
      state_name = "missing";
      status = L2TP_CHECK_FAIL;
      text = g_strdup_printf (_ ("This kernel (%s) has no module %s (%s)"), release,
                              module, what);
      fix = g_strdup_printf (_ ("install the kernel's extra modules (Ubuntu: "
                                "linux-modules-extra-%s) or use a kernel built with %s"),
                             release, modules[i].config);
      break;
    }
  check = l2tp_check_list_add (list, id, status, text, fix);
  l2tp_check_add_fact (check, "module", module);
  l2tp_check_add_fact (check, "state", state_name);
}

void
l2tp_diagnose_kernel (L2tpCheckList *list)
{
  struct utsname uts;
  g_autofree char *dir = NULL;
  g_autofree char *builtin = NULL;
  g_autofree char *dep = NULL;
  gboolean have_dir;

  if (uname (&uts) != 0)
    g_strlcpy (uts.release, "?", sizeof uts.release);
  dir = g_build_filename ("/lib/modules", uts.release, NULL);
  have_dir = g_file_test (dir, G_FILE_TEST_IS_DIR);
  builtin = read_index (dir, "modules.builtin");
  dep = read_index (dir, "modules.dep");
  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    check_module (list, i, uts.release, dir, have_dir, builtin, dep);
}
