/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The checks every importer's fuzz target runs on one buffer. */
#pragma once

#include "fuzz-common.h"
#include "profile.h"

G_BEGIN_DECLS

typedef gboolean (*FuzzSniffFunc) (const char *buffer, gsize length);
typedef L2tpProfile *(*FuzzImportFunc) (const char *buffer, gsize length, GError **error);

/* Sniffs and imports the buffer. INVARIANTS: a refusal sets an error; an
 * imported profile is already sanitized (sanitizing it again changes
 * nothing), and exporting it as a keyfile and importing that gives the same
 * profile back (name, vpn.data, vpn.secrets, IPv4 settings). */
void fuzz_import_buffer (const char *format, FuzzSniffFunc sniff, FuzzImportFunc import,
                         const uint8_t *data, size_t size);

G_END_DECLS
