/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The programs a connection runs, where they are looked for and which
 * Debian package brings each, and the charon plugins a private charon
 * loads. One list for the service (preflight, xl2tpd, charon) and for
 * `nm-l2tp-ipsec diagnose`, so both look in the same places. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  L2TP_PROGRAM_CHARON,
  L2TP_PROGRAM_XL2TPD,
  L2TP_PROGRAM_PPPD,
  L2TP_PROGRAM_PLUTO, /* libreswan: looked for by diagnose only */
} L2tpProgram;

/* The program's usual paths, NULL-terminated (also what a process must run
 * to be ours, process-ref.h). */
const char *const *l2tp_program_paths (L2tpProgram program);
/* The first executable of the program's usual paths, or NULL. */
const char *l2tp_program_find (L2tpProgram program);
/* The first of those paths that is a regular file with an execute bit,
 * whoever may run it (Debian's pppd is 4754 root:dip: a normal user's
 * diagnose cannot run it, but it is there), or NULL. */
const char *l2tp_program_locate (L2tpProgram program);
/* Where it usually is (for messages when it is not). */
const char *l2tp_program_default_path (L2tpProgram program);
/* The Debian package that installs it. */
const char *l2tp_program_package (L2tpProgram program);

/* What L2TP/IPsec needs of charon: the plugins a private charon loads
 * (those of them installed), NULL-terminated. */
extern const char *const l2tp_charon_private_plugins[];

/* Those of them a private charon started from @charon loads: the ones in its
 * plugins/ directory (all of them when it has none: a build that links its
 * plugins in). */
GStrv l2tp_charon_private_load (const char *charon);

#define L2TP_PPPD_PLUGIN_NAME "nm-l2tp-ipsec-pppd-plugin.so"

/* Our pppd plugin: PPPD_PLUGIN_DIR/nm-l2tp-ipsec-pppd-plugin.so, or
 * $NM_L2TP_IPSEC_PPPD_PLUGIN (tests of a build tree). */
char *l2tp_pppd_plugin_path (void);

G_END_DECLS
