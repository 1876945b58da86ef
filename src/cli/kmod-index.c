/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "kmod-index.h"

#include <string.h>

/* "l2tp-ppp" and "l2tp_ppp" are one module to modprobe. */
static char *
normalize (const char *name, gsize len)
{
  char *out = g_strndup (name, len);

  for (char *c = out; *c; c++)
    if (*c == '-')
      *c = '_';
  return out;
}

/* The module name of a path: basename up to ".ko". */
static char *
module_of_path (const char *path, gsize len)
{
  const char *base = path;
  const char *ko;

  for (gsize i = 0; i < len; i++)
    if (path[i] == '/')
      base = path + i + 1;
  ko = g_strstr_len (base, len - (base - path), ".ko");
  if (!ko || ko == base)
    return NULL;
  /* ".ko" then nothing, or a compression suffix. */
  if (ko + 3 != path + len && ko[3] != '.')
    return NULL;
  return normalize (base, ko - base);
}

char *
l2tp_kmod_index_find (const char *index_text, const char *module)
{
  g_autofree char *want = NULL;
  const char *line;

  g_return_val_if_fail (module != NULL, NULL);

  if (!index_text)
    return NULL;
  want = normalize (module, strlen (module));
  for (line = index_text; *line;)
    {
      const char *end = strchr (line, '\n');
      /* modules.dep: "PATH: DEP DEP"; modules.builtin: "PATH". */
      gsize path_len = strcspn (line, ":\n");
      g_autofree char *name = NULL;

      if (!end)
        end = line + strlen (line);
      if (path_len > (gsize) (end - line))
        path_len = end - line;
      name = module_of_path (line, path_len);
      if (name && g_str_equal (name, want))
        return g_strndup (line, path_len);
      line = *end ? end + 1 : end;
    }
  return NULL;
}

L2tpKmodState
l2tp_kmod_state (const char *module, gboolean in_sys_module, gboolean have_module_dir,
                 const char *builtin_text, const char *dep_text)
{
  g_autofree char *builtin = NULL;
  g_autofree char *loadable = NULL;

  if (in_sys_module)
    return L2TP_KMOD_LOADED;
  builtin = l2tp_kmod_index_find (builtin_text, module);
  if (builtin)
    return L2TP_KMOD_BUILTIN;
  if (!have_module_dir)
    return L2TP_KMOD_NO_MODULE_DIR;
  loadable = l2tp_kmod_index_find (dep_text, module);
  return loadable ? L2TP_KMOD_LOADABLE : L2TP_KMOD_MISSING;
}
