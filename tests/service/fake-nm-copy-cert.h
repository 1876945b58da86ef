/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A stand-in for libnm's nm_utils_copy_cert_as_user() (NetworkManager
 * 1.56), so src/common/connection-file-libnm.c is built and tested against
 * a libnm that lacks it (1.42 here). Forced into that file with -include:
 * the declaration as libnm's nm-utils.h has it. */
#pragma once

#include <glib.h>

char *nm_utils_copy_cert_as_user (const char *filename, const char *user, GError **error);

/* The stand-in's own state, for the test. */
extern const char *fake_nm_cert_dir; /* where the copies go */
extern guint fake_nm_calls;
extern gboolean fake_nm_pad_copy; /* make the copy larger than any file we take */
