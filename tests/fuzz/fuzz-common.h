/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What every fuzz target shares: the libFuzzer entry points, a loud failure
 * for a broken invariant, and GLib warnings/criticals turned into crashes. */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* Each target defines this; libFuzzer or standalone-main.c calls it. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
/* Defined in fuzz-common.c: installs the GLib log writer. */
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* An invariant does not hold: print why and abort(), so libFuzzer keeps
 * the input as a crash artifact. */
G_NORETURN void fuzz_fail (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* The input as a C string, or NULL when it holds a NUL byte (text APIs
 * take C strings, so such an input would only repeat a shorter one). */
char *fuzz_text (const uint8_t *data, size_t size);

/* Fails unless a function that returned failure set an error, and one that
 * succeeded did not: what = the function's name. */
void fuzz_check_error (const char *what, gboolean ok, const GError *error);

G_END_DECLS
