/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The service's state directory, /var/lib/nm-l2tp-ipsec: one file per
 * connection (by uuid) and kind — "<uuid>.plan", what worked last time,
 * root's alone (plan-store.c); "<uuid>.failure", why the last connect
 * failed, readable by everyone (failure-record.c). The directory is root's
 * and 0711: nobody else can list it or create in it, anybody can open a
 * file whose name (a connection's uuid) they know and whose mode allows. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define L2TP_STATE_DIR "/var/lib/nm-l2tp-ipsec"

/* L2TP_STATE_DIR, or NM_L2TP_IPSEC_STATE_DIR (tests of a build tree). */
const char *l2tp_state_dir (void);

/* NetworkManager's uuids (hex digits and '-', at most 64): nothing else
 * ever becomes a file name. */
gboolean l2tp_state_uuid_is_safe (const char *uuid);

/* STATE_DIR/UUID.SUFFIX, or NULL for a uuid that is not safe. */
char *l2tp_state_file (const char *state_dir, const char *uuid, const char *suffix);

/* Creates the directory (0711) if needed; one this service made 0700
 * before the failure records existed becomes 0711. */
gboolean l2tp_state_dir_make (const char *state_dir, GError **error);

G_END_DECLS
