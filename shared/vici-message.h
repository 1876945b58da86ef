/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VICI messages: a small tree of sections, key/values and lists, built with a
 * builder API, encoded to and strictly decoded from strongSwan's VICI wire
 * format, and rendered as swanctl.conf text for golden tests and debugging.
 *
 * Pure: no I/O, no globals. Hostile bytes are refused, never trusted.
 * vici-message.c: tree, builder, wire format; vici-message-text.c: swanctl text.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Largest packet charon accepts or sends (transport length field value). */
#define VICI_PACKET_MAX (512 * 1024)
/* Section nesting we accept; charon's own messages use fewer than 8 levels. */
#define VICI_MAX_DEPTH 32
#define VICI_NAME_MAX  255
#define VICI_VALUE_MAX 65535

typedef enum
{
  VICI_PACKET_CMD_REQUEST = 0,
  VICI_PACKET_CMD_RESPONSE = 1,
  VICI_PACKET_CMD_UNKNOWN = 2,
  VICI_PACKET_EVENT_REGISTER = 3,
  VICI_PACKET_EVENT_UNREGISTER = 4,
  VICI_PACKET_EVENT_CONFIRM = 5,
  VICI_PACKET_EVENT_UNKNOWN = 6,
  VICI_PACKET_EVENT = 7,
} ViciPacketType;

typedef enum
{
  VICI_NODE_SECTION,
  VICI_NODE_KEY_VALUE,
  VICI_NODE_LIST,
} ViciNodeKind;

typedef enum
{
  VICI_MESSAGE_ERROR_BUILD,     /* builder misuse: names, sizes, nesting */
  VICI_MESSAGE_ERROR_MALFORMED, /* bytes that are not a valid packet/message */
  VICI_MESSAGE_ERROR_FAILED,    /* charon answered success = no */
  VICI_MESSAGE_ERROR_RENDER,    /* value not representable as swanctl.conf text */
} ViciMessageError;

#define VICI_MESSAGE_ERROR (vici_message_error_quark ())
GQuark vici_message_error_quark (void);

typedef struct _ViciMessage ViciMessage;
typedef struct _ViciNode ViciNode;

/* ---- building --------------------------------------------------------- */

ViciMessage *vici_message_new (void);
void vici_message_free (ViciMessage *msg);

/* Builder calls never fail on the spot: the first misuse (bad name, value too
 * long, duplicate name, unbalanced nesting) is remembered and reported by
 * vici_message_encode() / vici_packet_encode() / vici_message_check_built(). */
void vici_message_begin_section (ViciMessage *msg, const char *name);
void vici_message_end_section (ViciMessage *msg);
void vici_message_add_kv (ViciMessage *msg, const char *key, const void *value,
                          gsize len);
void vici_message_add_kv_str (ViciMessage *msg, const char *key, const char *value);
void vici_message_add_kv_printf (ViciMessage *msg, const char *key, const char *format,
                                 ...) G_GNUC_PRINTF (3, 4);
void vici_message_begin_list (ViciMessage *msg, const char *name);
void vici_message_add_list_item (ViciMessage *msg, const void *value, gsize len);
void vici_message_add_list_item_str (ViciMessage *msg, const char *value);
void vici_message_end_list (ViciMessage *msg);

/* TRUE if the builder saw no misuse and all sections/lists are closed. */
gboolean vici_message_check_built (const ViciMessage *msg, GError **error);

/* ---- wire format ------------------------------------------------------ */

/* Message elements only (no packet header, no length prefix). */
GBytes *vici_message_encode (const ViciMessage *msg, GError **error);
/* Strict: balanced nesting, lengths in bounds, nothing trailing. */
ViciMessage *vici_message_decode (const guint8 *data, gsize len, GError **error);

/* A whole transport segment: 4-byte big-endian length, type, [name], [msg].
 * name is required for named types and must be NULL otherwise; msg may be
 * NULL (empty message) and is only allowed for CMD_REQUEST/CMD_RESPONSE/EVENT. */
GBytes *vici_packet_encode (ViciPacketType type, const char *name, const ViciMessage *msg,
                            GError **error);
/* Decode one packet payload (the bytes after the length prefix). out_name is
 * set for named types, out_msg for message-carrying types (else NULL). */
gboolean vici_packet_decode (const guint8 *data, gsize len, ViciPacketType *out_type,
                             char **out_name, ViciMessage **out_msg, GError **error);

/* ---- reading ---------------------------------------------------------- */

const ViciNode *vici_message_get_root (const ViciMessage *msg);

/* Paths are names separated by '/', e.g. "conn/children/l2tp/mode".
 * The first node of that name wins if a (non-conforming) peer repeats one. */
const ViciNode *vici_message_lookup (const ViciMessage *msg, const char *path);
/* Value at path as a string, or NULL if absent, not a key/value, or the
 * value contains a NUL byte. */
const char *vici_message_get_str (const ViciMessage *msg, const char *path);
/* Responses: TRUE if "success" = "yes"; else FALSE with charon's "errmsg"
 * (VICI_MESSAGE_ERROR_FAILED), prefixed with what. */
gboolean vici_message_check_success (const ViciMessage *msg, const char *what,
                                     GError **error);

ViciNodeKind vici_node_get_kind (const ViciNode *node);
const char *vici_node_get_name (const ViciNode *node);
const ViciNode *vici_node_lookup (const ViciNode *section, const char *path);
/* Children of a section, in wire order. */
guint vici_node_get_n_children (const ViciNode *section);
const ViciNode *vici_node_get_child (const ViciNode *section, guint index);
/* Key/value: raw value (always followed by a NUL not counted in len). */
const guint8 *vici_node_get_value (const ViciNode *kv, gsize *len);
/* Key/value: the value if it holds no NUL byte, else NULL. */
const char *vici_node_get_str (const ViciNode *kv);
/* Lists. */
guint vici_node_get_n_items (const ViciNode *list);
const guint8 *vici_node_get_item (const ViciNode *list, guint index, gsize *len);
const char *vici_node_get_item_str (const ViciNode *list, guint index);

/* ---- text ------------------------------------------------------------- */

/* swanctl.conf syntax: "name {", "key = value", lists comma-separated,
 * 4-space indentation. Values are quoted when needed ('"' and '\\' escaped);
 * control characters (newline, CR, ...), invalid UTF-8, names outside
 * [A-Za-z0-9_-] and list items that commas/trimming would alter are refused
 * with an error naming the key. Secrets are printed as they are. */
char *vici_message_to_swanctl_text (const ViciMessage *msg, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ViciMessage, vici_message_free)

G_END_DECLS
