/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running the real auth dialog the way NetworkManager's agents do, for the
 * cases of test-auth-dialog: argv as GNOME Shell, nm-applet and nmcli build
 * it (-u UUID -n NAME -s SERVICE, then -i, -r, --external-ui-mode and one
 * "-t HINT" per hint), the request on stdin as nmcli writes it, and the
 * external-UI reply read the way nmcli reads it. TAP checks. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SERVICE "org.freedesktop.NetworkManager.l2tp"
#define PSK     "TOPSECRET-psk-0451"
#define UI      "VPN Plugin UI"

/* The connection's prompt sentence (C locale) for @name. */
#define ASKS(name)                                                                       \
  "You need to authenticate to access the Virtual Private Network “" name "”."

typedef struct
{
  const char *const *args;    /* after -u -n -s; NULL-terminated */
  const char *name;           /* -n; NULL: "corp-vpn" */
  const char *const *data;    /* key, value, ..., NULL */
  const char *const *secrets; /* key, value, ..., NULL */
  /* A window case: this dialog binary with this probe preloaded
   * (dialog-probe.c), writing its report to @report, typing @type, and a
   * picture of the window to @screenshot (when not NULL). */
  const char *dialog, *probe, *report, *type, *screenshot;
} DialogRun;

extern const char *dialog_path; /* the protocol cases' dialog */

/* The connection's vpn.data of the cases: both secrets kept by
 * NetworkManager (flags 0), both agent-owned (1), the password asked every
 * time and the PSK kept (2, 0); and both secrets as passed in. */
extern const char *const data_system_saved[];
extern const char *const data_agent_owned[];
extern const char *const data_password_asked[];
/* Signing in with a certificate (EAP-TLS), its key password asked every
 * time (user-certpass-flags 2), the PSK kept. */
extern const char *const data_tls_asked[];
extern const char *const secrets_saved[];

/* One TAP line ("ok N - auth-dialog: what"); returns @ok. */
gboolean check (gboolean ok, const char *format, ...) G_GNUC_PRINTF (2, 3);
guint check_failures (void);
guint check_count (void);

/* The dialog's stdout and exit status (*@status); NULL after a failed check
 * when it could not be run or did not exit. */
char *run_dialog (const DialogRun *run, int *status);
/* Its stdout when it exited with status 0; else NULL after a failed check. */
char *run_dialog_ok (const DialogRun *run, const char *what);

/* The reply as a key file; NULL after a failed check. */
GKeyFile *load_reply (const char *reply, const char *what);
/* nmcli's reading of an external-UI reply: the prompts, "group:Label" each,
 * space separated; NULL (after a failed check) if nmcli would reject it. */
char *nmcli_prompts (const char *reply, const char *what);
/* @keyfile's groups (or @group's keys, when @group is not NULL), space
 * separated. */
char *list_of (GKeyFile *keyfile, const char *group);

/* The window cases (test-auth-dialog-window.c), for one toolkit; pictures
 * go to @screenshot_dir (NULL: none). */
void run_window_cases (const char *toolkit, const char *dialog, const char *probe,
                       const char *screenshot_dir);
/* The cases of hints in external-UI mode (test-auth-dialog-hints.c). */
void run_hint_cases (void);

G_END_DECLS
