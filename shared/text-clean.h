/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text from outside — a daemon's output, a server's reason, a connection's
 * name, a value in an imported file — made safe for a log line or a
 * message shown to a person. Every such string passes through here before
 * it is logged or put in a message; nothing else decides what is shown.
 *
 * The rules, in order:
 *
 *  1. Bytes that are not UTF-8 — a stray byte, a truncated sequence, an
 *     overlong form (C0 AF for '/'), an encoded UTF-16 surrogate, anything
 *     above U+10FFFF — become "\xHH", one escape per byte; reading goes on
 *     at the next byte, so one bad byte costs only itself.
 *  2. C0 controls U+0000–U+001F (TAB, LF and CR too: a message is one line
 *     and a log line cannot be forged) and DEL U+007F become "\xHH".
 *  3. C1 controls U+0080–U+009F (U+009B is a terminal's CSI) become
 *     "\uHHHH".
 *  4. Characters that are invisible or change the order in which text is
 *     shown become "\uHHHH": the bidi embeddings, overrides and isolates
 *     U+202A–U+202E and U+2066–U+2069; the bidi marks U+200E (LRM), U+200F
 *     (RLM) and U+061C (ALM) — invisible, and they reorder neighbouring
 *     digits and punctuation, so an address or a number could read
 *     differently from what was sent, while right-to-left text shows right
 *     without them; the line and paragraph separators U+2028/U+2029; the
 *     invisible U+200B (zero width space), U+2060 (word joiner), U+FEFF
 *     (byte order mark) and the interlinear annotations U+FFF9–U+FFFB.
 *     U+200C/U+200D (zero width non-joiner/joiner) stay: Persian, Indic
 *     scripts and emoji need them, and they reorder nothing.
 *  5. Everything else is kept as it is, backslashes included: the result
 *     is for people, not meant to be decoded back.
 *  6. At most max_bytes bytes are kept (0: no limit); a cut falls between
 *     two characters or escapes, never inside one, and adds "…" (U+2026,
 *     3 bytes), so the result is at most max_bytes + 3 bytes long.
 *
 * The result is always valid UTF-8 and contains none of the characters of
 * rules 2–4. Pure: no I/O, no state. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A budget for one line of external text in a log line or message. */
#define L2TP_TEXT_CLEAN_LINE_MAX 400

/* text up to its NUL; NULL gives NULL. */
char *l2tp_text_clean (const char *text, gsize max_bytes);
/* length bytes that may hold NULs (shown as \x00). */
char *l2tp_text_clean_len (const char *data, gsize length, gsize max_bytes);
/* TRUE when rule 3 or 4 escapes c (rule 2 is every c < 0x20 and 0x7f). */
gboolean l2tp_text_char_is_hidden (gunichar c);

G_END_DECLS
