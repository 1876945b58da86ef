/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Why a connection's last connect failed, kept by the service for
 * `nm-l2tp-ipsec diagnose CONNECTION` in STATE_DIR/<uuid>.failure
 * (state-dir.h): a key file written whole by root, mode 0644, since it holds
 * no secret (the message is the one the service logs):
 *
 *   [failure]
 *   time=2025-03-01T09:12:44Z
 *   layer=ike
 *   code=psk-mismatch
 *   message=IPsec (IKE phase 1): the pre-shared key does not match …
 *
 * layer and code are stable names (for scripts); the message, in the
 * service's language, says what happened and the fix (failure.c). A
 * successful connect removes the record. The text form is pure; load and
 * save do the file's I/O and nothing else. */
#pragma once

#include <glib.h>

#include "src/common/failure.h"

G_BEGIN_DECLS

#define L2TP_FAILURE_RECORD_SUFFIX ".failure"
#define L2TP_FAILURE_RECORD_MAX    16384 /* bytes of a record file we read */

typedef struct
{
  char *layer;     /* "settings", "preflight", "ike", "ipsec", "l2tp", "ppp", … */
  char *code;      /* "psk-mismatch", … (l2tp_failure_code_name()) */
  char *message;   /* one line, cleaned (shared/text-clean.h) */
  GDateTime *time; /* UTC */
} L2tpFailureRecord;

/* The stable names of a kind and of a layer (never translated). */
const char *l2tp_failure_code_name (L2tpFailure failure);
const char *l2tp_layer_key (L2tpLayer layer);

/* From a failure the connect pipeline reports: its L2TP_FAILURE_ERROR code
 * gives layer and kind (another domain is "internal"), its text the message. */
L2tpFailureRecord *l2tp_failure_record_new (const GError *error, GDateTime *time);
void l2tp_failure_record_free (L2tpFailureRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpFailureRecord, l2tp_failure_record_free)

char *l2tp_failure_record_to_text (const L2tpFailureRecord *record);
/* Strict: the group, every key, a valid time; values are cleaned again. */
L2tpFailureRecord *l2tp_failure_record_from_text (const char *text, GError **error);

gboolean l2tp_failure_record_save (const char *state_dir, const char *uuid,
                                   const L2tpFailureRecord *record, GError **error);
/* NULL without an error when the connection has no record. A file that is
 * not a regular file of root's (or of this user's, for tests), that others
 * may write or that is too large is an error, never read. */
L2tpFailureRecord *l2tp_failure_record_load (const char *state_dir, const char *uuid,
                                             GError **error);
void l2tp_failure_record_forget (const char *state_dir, const char *uuid);

/* The service's call where a connect fails: the record of @error, now,
 * saved for @uuid; a failure to save it is only logged. */
void l2tp_failure_record_keep (const char *state_dir, const char *uuid,
                               const GError *error);

G_END_DECLS
