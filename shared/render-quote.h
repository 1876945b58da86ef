/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-format rules for writing one value into a daemon's configuration.
 *
 * Each function takes the name of the key the value came from, so a refusal
 * says which setting cannot be written ("user: a pppd option cannot contain a
 * newline"). Values are written exactly or refused (L2TP_CONFIG_ERROR,
 * L2TP_CONFIG_ERROR_UNSAFE_VALUE); nothing is silently altered. The renderers
 * call these even though the sanitizer already refused control characters:
 * each format enforces its own rule. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets an UNSAFE_VALUE error "<key>: <why>" and returns FALSE. */
gboolean l2tp_render_refuse (GError **error, const char *key, const char *why);

/* Rules shared by every format: not empty, valid UTF-8, no control
 * characters (0x00-0x1f, 0x7f). */
gboolean l2tp_render_check_text (const char *key, const char *value, GError **error);

/* pppd options file (pppd/options.c getword()): the value as one word,
 * always in double quotes, with '"' and '\\' escaped by a backslash. Refuses
 * what the rules above refuse and words pppd would cut (1024 bytes). */
char *l2tp_pppd_quote (const char *key, const char *value, GError **error);

/* libreswan ipsec.conf value: bare when it is a plain token, else in double
 * quotes. The lexer knows no escapes, so '"' is refused. */
char *l2tp_libreswan_quote (const char *key, const char *value, GError **error);

/* libreswan ipsec.secrets ID selector: bare or double-quoted, as above. */
char *l2tp_libreswan_selector (const char *key, const char *value, GError **error);

/* libreswan ipsec.secrets PSK: "text" when that reads back byte for byte,
 * else 0s + base64 (which ipsec.secrets decodes). Never fails. */
char *l2tp_libreswan_psk (const guint8 *data, gsize len);

/* xl2tpd.conf (file.c parse_config()): "key = value" lines, no quoting at
 * all. TRUE if the value reads back exactly. */
gboolean l2tp_xl2tpd_check (const char *key, const char *value, GError **error);

/* A string charon accepts over VICI and swanctl.conf reads back: printable
 * ASCII (vici_stringify()), at most 511 bytes (charon's BUF_LEN). List items
 * additionally must not contain ',' nor start or end with a space. */
gboolean l2tp_swanctl_check (const char *key, const char *value, gboolean list_item,
                             GError **error);

/* swanctl.conf text of a shared secret: the text itself when swanctl reads it
 * back unchanged, else 0s + base64 (swanctl decodes 0x and 0s prefixes). */
char *l2tp_swanctl_psk_text (const guint8 *data, gsize len);

G_END_DECLS
