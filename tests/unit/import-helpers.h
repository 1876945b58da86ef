/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the import/export tests share: the plugin, the fixtures, the VPN
 * keys of a connection as one string, refusals and round trips. */
#pragma once

#include <NetworkManager.h>

G_BEGIN_DECLS

NMVpnEditorPlugin *plugin_get (void);

/* tests/unit/fixtures/NAME */
char *fixture (const char *name);

/* "data: k=v, …; secrets: k=v, …", sorted: one string to compare exactly. */
char *dump_vpn (NMConnection *connection);

/* The fixture imported through the plugin; fails the test on an error. */
NMConnection *import_fixture (const char *name);

/* The fixture imports with this name and exactly these VPN keys. */
void assert_import (const char *name, const char *id, const char *expected_vpn);

/* Import of a buffer that must fail with a message containing every part. */
void assert_refused (const char *buffer, gssize length, const char *const *parts);

#define REFUSED(buffer, ...)                                                             \
  assert_refused (buffer, -1, (const char *const[]){ __VA_ARGS__, NULL })

/* Export, then import what was written: the VPN keys, the name and the ipv4
 * and ipv6 settings stay exactly as they were; the file is mode 0600. */
void assert_round_trip (NMConnection *original);

G_END_DECLS
