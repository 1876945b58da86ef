/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Who uses the private charon, between service instances (one per
 * connection): an exclusive flock on DIR/lock serialises starting and
 * stopping it, and each instance using it leaves a DIR/user-PID marker
 * holding its pid stamp. The last one out stops charon. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define L2TP_CHARON_LOCK_FILE   "lock"
#define L2TP_CHARON_USER_PREFIX "user-"

/* -1, or an fd holding an exclusive flock on dir/lock (the path still names
 * the locked file: a releaser may have removed it meanwhile). */
int l2tp_charon_dir_lock (const char *dir);
void l2tp_charon_dir_unlock (int *fd);
/* This process's marker, dir/user-PID. */
char *l2tp_charon_user_marker (const char *dir);
/* Users other than this process whose service still lives (markers of dead
 * ones are removed on the way). */
guint l2tp_charon_count_other_users (const char *dir);

G_END_DECLS
