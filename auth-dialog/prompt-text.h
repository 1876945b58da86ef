/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The words the prompt shows above the fields: the reason the service gave
 * for asking again (the "x-vpn-message:" hints NetworkManager adds when a
 * VPN service calls secrets_required), then which connection asks.
 *
 * Both come from outside — the message from the service, the connection's
 * name and every hint from whoever runs the dialog — and are shown as plain
 * text wherever they go: a GtkLabel without markup, the Description of the
 * external-UI key file (GNOME Shell's dialog body, nmcli's line before each
 * prompt, nm-applet's label). So each is cleaned first: a run of line
 * breaks and tabs becomes one space (a message cannot add a line to nmcli's
 * terminal prompt or look like a field of its own), the other controls and
 * invisible or reordering characters are escaped (shared/text-clean.h), and
 * the length is capped. Markup characters (<, &) stay as they are: no
 * reader here interprets markup. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The message budget in bytes (a cut adds "…"): two translated sentences of
 * the service's failure text fit with room to spare. */
#define L2TP_PROMPT_MESSAGE_MAX 600
/* The connection's name budget in bytes. */
#define L2TP_PROMPT_NAME_MAX 200

#define L2TP_PROMPT_MESSAGE_HINT "x-vpn-message:"

/* @text as one clean line of at most @max_bytes (+3 for "…"); NULL gives
 * NULL. */
char *l2tp_prompt_clean (const char *text, gsize max_bytes);

/* Every "x-vpn-message:" hint's text, in order, joined by a space and
 * cleaned; NULL when @hints (NULL-terminated, may be NULL) has none that is
 * not blank. */
char *l2tp_prompt_hint_message (const char *const *hints);

/* What the prompt says: the hint message (if any), a blank line, then the
 * translated sentence naming the connection @name. */
char *l2tp_prompt_description (const char *name, const char *const *hints);

G_END_DECLS
