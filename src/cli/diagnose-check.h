/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — what each check found: a stable id, ✓/✗/?, one
 * sentence, the fix, and facts for scripts (--json). Pure: the probing
 * functions (diagnose-*.c) fill it, diagnose-report.c prints it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  L2TP_CHECK_OK,      /* ✓ */
  L2TP_CHECK_FAIL,    /* ✗: the fix says what to do */
  L2TP_CHECK_UNKNOWN, /* ?: could not be checked (mostly: needs root) */
} L2tpCheckStatus;

typedef struct
{
  char *id; /* "networkmanager", "udp-1701", … never translated */
  L2tpCheckStatus status;
  char *text;       /* one sentence, translated, cleaned */
  char *fix;        /* what to do, or NULL */
  GPtrArray *facts; /* key, value, key, value, … (char *), for --json */
} L2tpCheck;

typedef struct
{
  GPtrArray *checks; /* L2tpCheck *, in the order they ran */
} L2tpCheckList;

L2tpCheckList *l2tp_check_list_new (void);
void l2tp_check_list_free (L2tpCheckList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpCheckList, l2tp_check_list_free)

/* Adds a check; text and fix are copied and cleaned (shared/text-clean.h:
 * they carry names from /proc, files and servers). Returns it for facts. */
L2tpCheck *l2tp_check_list_add (L2tpCheckList *list, const char *id,
                                L2tpCheckStatus status, const char *text,
                                const char *fix);
/* A fact for scripts; NULL values are skipped. Cleaned as well. */
void l2tp_check_add_fact (L2tpCheck *check, const char *key, const char *value);

const L2tpCheck *l2tp_check_list_find (const L2tpCheckList *list, const char *id);
guint l2tp_check_list_count (const L2tpCheckList *list, L2tpCheckStatus status);
/* 0 when nothing failed, 1 when any check did (? is not a failure). */
int l2tp_check_list_exit_status (const L2tpCheckList *list);

/* "ok", "fail", "unknown". */
const char *l2tp_check_status_name (L2tpCheckStatus status);

G_END_DECLS
