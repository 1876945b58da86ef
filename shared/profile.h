/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A connection as import and export files carry it: its name, vpn.data,
 * vpn.secrets and the few IPv4 and IPv6 settings those formats know. The importers
 * fill one from a buffer and sanitize it; the exporter writes one out. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define L2TP_IMPORT_ERROR (l2tp_import_error_quark ())
GQuark l2tp_import_error_quark (void);

typedef enum
{
  L2TP_IMPORT_ERROR_NOT_L2TP,    /* a file of another kind, or no L2TP entry in it */
  L2TP_IMPORT_ERROR_SYNTAX,      /* the format's own rules are broken */
  L2TP_IMPORT_ERROR_UNSUPPORTED, /* understood, but cannot be imported as is */
} L2tpImportError;

/* A yes/no an import file may leave unsaid. */
typedef enum
{
  L2TP_UNSET = -1,
  L2TP_NO = 0,
  L2TP_YES = 1,
} L2tpTristate;

/* The ipv4 or ipv6 setting, as far as the formats carry it. */
typedef struct
{
  char *method;   /* NULL: not said */
  GPtrArray *dns; /* char *, never NULL */
  GPtrArray *dns_search;
  GPtrArray *routes; /* "10.1.0.0/16 via 10.0.0.1 metric 5" (shared/profile-ip.h) */
  L2tpTristate ignore_auto_routes;
  L2tpTristate ignore_auto_dns;
  L2tpTristate dhcp_send_hostname;
  L2tpTristate never_default;
} L2tpProfileIp;

typedef struct
{
  char *id;            /* connection name; NULL when the file has none */
  GHashTable *data;    /* vpn.data: key → value, both owned */
  GHashTable *secrets; /* vpn.secrets: key → value, both owned */
  L2tpProfileIp ip4;
  L2tpProfileIp ip6; /* only the keyfile format carries it */
  GPtrArray *notes;  /* things the user must know, one sentence each */
} L2tpProfile;

L2tpProfile *l2tp_profile_new (void);
void l2tp_profile_free (L2tpProfile *profile);

/* Put one vpn key where the key table says it lives (secrets or data). */
void l2tp_profile_set (L2tpProfile *profile, const char *key, const char *value);

/* TRUE when the file said anything about this setting. */
gboolean l2tp_profile_ip_said (const L2tpProfileIp *ip);

void l2tp_profile_add_note (L2tpProfile *profile, const char *note);

/* Run data and secrets through the sanitizer and keep only its canonical
 * output; on error the profile is left unchanged and the error names the key. */
gboolean l2tp_profile_sanitize (L2tpProfile *profile, GError **error);

/* The line number (1-based) of the byte at offset in buffer. */
guint l2tp_profile_line_of (const char *buffer, gsize offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpProfile, l2tp_profile_free)

G_END_DECLS
