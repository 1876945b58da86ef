/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whether a kernel module is there for this kernel: loaded (/sys/module),
 * built in (modules.builtin) or loadable (modules.dep) — the files kmod's
 * modprobe reads, in /lib/modules/$(uname -r). Read directly: libkmod's
 * development files are not a build dependency, and these two lists are
 * all modprobe -n needs to answer the same question.
 * Pure: text in, answer out. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  L2TP_KMOD_LOADED,
  L2TP_KMOD_BUILTIN,
  L2TP_KMOD_LOADABLE,
  L2TP_KMOD_NO_MODULE_DIR, /* no /lib/modules/RELEASE at all */
  L2TP_KMOD_MISSING,       /* this kernel has no such module */
} L2tpKmodState;

/* The path of @module in a modules.dep or modules.builtin text
 * ("kernel/net/l2tp/l2tp_ppp.ko.xz"), or NULL. Names compare with '-' and
 * '_' alike, as modprobe does; any compression suffix. */
char *l2tp_kmod_index_find (const char *index_text, const char *module);

/* builtin_text and dep_text may be NULL (file absent). */
L2tpKmodState l2tp_kmod_state (const char *module, gboolean in_sys_module,
                               gboolean have_module_dir, const char *builtin_text,
                               const char *dep_text);

G_END_DECLS
