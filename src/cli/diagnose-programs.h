/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — xl2tpd, pppd and our pppd plugin: installed,
 * their versions, and the plugin built for this pppd. */
#pragma once

#include "diagnose-check.h"

G_BEGIN_DECLS

void l2tp_diagnose_xl2tpd (L2tpCheckList *list);
/* pppd and our plugin for it (two checks). */
void l2tp_diagnose_pppd (L2tpCheckList *list);

/* The pppd version a plugin directory is for ("/usr/lib/pppd/2.4.9" →
 * "2.4.9"), or NULL if its name is not a version. */
char *l2tp_diagnose_pppd_dir_version (const char *plugin_dir);

G_END_DECLS
