/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec diagnose — a charon already running: the system's (on
 * /run/charon.vici, which the service uses and never stops), the service's
 * own private one, or none (the service starts its own). Asked over VICI
 * for its version and algorithms when this user may open the socket
 * (Debian's is root's alone). */
#pragma once

#include "diagnose-check.h"
#include "shared/vici-message.h"

G_BEGIN_DECLS

typedef enum
{
  L2TP_SYSTEM_CHARON_NONE,      /* nothing runs: the service starts its own */
  L2TP_SYSTEM_CHARON_PRIVATE,   /* the service's own charon runs */
  L2TP_SYSTEM_CHARON_ANSWERS,   /* a system charon answers on the socket */
  L2TP_SYSTEM_CHARON_NO_ACCESS, /* the socket is there, root's alone */
  L2TP_SYSTEM_CHARON_SILENT,    /* a charon runs, no answer: the service fails */
} L2tpSystemCharonState;

typedef struct
{
  L2tpSystemCharonState state;
  GPid pid;                /* /run/charon.pid, if alive */
  char *unit;              /* its systemd unit */
  char *version;           /* its "version" answer */
  ViciMessage *algorithms; /* its "get-algorithms" answer */
  char *error;             /* why it did not answer */
} L2tpSystemCharon;

L2tpSystemCharon *l2tp_system_charon_find (void);
void l2tp_system_charon_free (L2tpSystemCharon *charon);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpSystemCharon, l2tp_system_charon_free)

void l2tp_diagnose_system_charon (L2tpCheckList *list, const L2tpSystemCharon *charon);

G_END_DECLS
