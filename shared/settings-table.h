/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one table that says what every vpn.data / vpn.secrets key is.
 *
 * Validation, defaults, the editors, import/export, docs/SETTINGS.md and the
 * hostile-input tests all iterate this table; adding a key is one row in
 * settings-table.c plus its use. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define L2TP_SERVICE_NAME "org.freedesktop.NetworkManager.l2tp"
#define L2TP_SERVICE_PATH "/org/freedesktop/NetworkManager/l2tp"

typedef enum
{
  L2TP_KEY_GATEWAY,
  L2TP_KEY_USER,
  L2TP_KEY_DOMAIN,
  L2TP_KEY_PASSWORD,
  L2TP_KEY_PASSWORD_FLAGS,
  L2TP_KEY_USER_AUTH_TYPE,
  L2TP_KEY_USER_CA,
  L2TP_KEY_USER_CERT,
  L2TP_KEY_USER_KEY,
  L2TP_KEY_USER_CERTPASS,
  L2TP_KEY_USER_CERTPASS_FLAGS,
  L2TP_KEY_IPSEC_ENABLED,
  L2TP_KEY_MACHINE_AUTH_TYPE,
  L2TP_KEY_MACHINE_CA,
  L2TP_KEY_MACHINE_CERT,
  L2TP_KEY_MACHINE_KEY,
  L2TP_KEY_MACHINE_CERTPASS,
  L2TP_KEY_MACHINE_CERTPASS_FLAGS,
  L2TP_KEY_IPSEC_PSK,
  L2TP_KEY_IPSEC_PSK_FLAGS,
  L2TP_KEY_IPSEC_IKE,
  L2TP_KEY_IPSEC_ESP,
  L2TP_KEY_IPSEC_PFS,
  L2TP_KEY_IPSEC_FORCEENCAPS,
  L2TP_KEY_IPSEC_IPCOMP,
  L2TP_KEY_IPSEC_IKEV2,
  L2TP_KEY_IPSEC_REMOTE_ID,
  L2TP_KEY_IPSEC_GATEWAY_ID,
  L2TP_KEY_IPSEC_GROUP_NAME,
  L2TP_KEY_IPSEC_IKELIFETIME,
  L2TP_KEY_IPSEC_SALIFETIME,
  L2TP_KEY_IPSEC_DPD_DELAY,
  L2TP_KEY_IPSEC_DPD_TIMEOUT,
  L2TP_KEY_EPHEMERAL_PORT,
  L2TP_KEY_XL2TPD_MAX_RETRIES,
  L2TP_KEY_REFUSE_EAP,
  L2TP_KEY_REFUSE_PAP,
  L2TP_KEY_REFUSE_CHAP,
  L2TP_KEY_REFUSE_MSCHAP,
  L2TP_KEY_REFUSE_MSCHAPV2,
  L2TP_KEY_REQUIRE_MPPE,
  L2TP_KEY_REQUIRE_MPPE_40,
  L2TP_KEY_REQUIRE_MPPE_128,
  L2TP_KEY_MPPE_STATEFUL,
  L2TP_KEY_NOBSDCOMP,
  L2TP_KEY_NODEFLATE,
  L2TP_KEY_NO_VJ_COMP,
  L2TP_KEY_NOPCOMP,
  L2TP_KEY_NOACCOMP,
  L2TP_KEY_LCP_ECHO_FAILURE,
  L2TP_KEY_LCP_ECHO_INTERVAL,
  L2TP_KEY_MTU,
  L2TP_KEY_MRU,
  L2TP_KEY_MRRU,
  L2TP_KEY_UNIT,
  L2TP_KEY_IPCP_PEER_IP,
  L2TP_KEY_DHCP_INFORM,
  L2TP_KEY_CLASSFUL_ROUTE,
  /* KDE Plasma's older L2TP page wrote these; mapped to user-* on sanitize. */
  L2TP_KEY_KDE_USE_CERT,
  L2TP_KEY_KDE_CERT_CA,
  L2TP_KEY_KDE_CERT_PUB,
  L2TP_KEY_KDE_CERT_KEY,
  L2TP_KEY_COUNT
} L2tpKeyId;

typedef enum
{
  L2TP_KEY_TYPE_STRING, /* free text: printable UTF-8, no control characters */
  L2TP_KEY_TYPE_PSK,    /* free text, or "0s" + base64 */
  L2TP_KEY_TYPE_HOST,   /* DNS name or IPv4/IPv6 literal */
  L2TP_KEY_TYPE_IPV4,   /* dotted quad */
  L2TP_KEY_TYPE_BOOL,   /* "yes" or "no" */
  L2TP_KEY_TYPE_UINT,   /* decimal within [min, max] */
  L2TP_KEY_TYPE_ENUM,   /* one of .choices */
  L2TP_KEY_TYPE_PATH,   /* absolute file name */
  L2TP_KEY_TYPE_IKE_ID, /* IPsec identity: IP, @fqdn, user@fqdn, DN */
  L2TP_KEY_TYPE_IKE_PROPOSALS,
  L2TP_KEY_TYPE_ESP_PROPOSALS,
  L2TP_KEY_TYPE_SECRET_FLAGS,
} L2tpKeyType;

/* Where a key's value may be written: the hostile-input tests try every string
 * key against every format named here. */
typedef enum
{
  L2TP_OUT_NONE = 0,
  L2TP_OUT_SWANCTL = 1 << 0,           /* strongSwan connection (VICI / swanctl.conf) */
  L2TP_OUT_SWANCTL_SECRETS = 1 << 1,   /* strongSwan shared key */
  L2TP_OUT_LIBRESWAN = 1 << 2,         /* libreswan ipsec.conf conn */
  L2TP_OUT_LIBRESWAN_SECRETS = 1 << 3, /* libreswan ipsec.secrets */
  L2TP_OUT_XL2TPD = 1 << 4,            /* xl2tpd.conf */
  L2TP_OUT_PPPD = 1 << 5,              /* pppd options file */
} L2tpOutput;

#define L2TP_OUT_ALL_FORMATS 6

/* Where the key lives in the connection. */
typedef enum
{
  L2TP_IN_DATA = 1 << 0,
  L2TP_IN_SECRETS = 1 << 1,
} L2tpKeyPlace;

typedef struct
{
  const char *name;
  L2tpKeyType type;
  L2tpKeyPlace place;
  L2tpOutput out;
  guint min, max;             /* UINT range; STRING maximal length in bytes */
  const char *def;            /* canonical default, NULL when the key has none */
  const char *const *choices; /* ENUM values, NULL-terminated */
  const char *doc; /* one line for docs/SETTINGS.md (English, not translated) */
  gboolean required : 1;
  gboolean deprecated : 1; /* accepted, mapped to another key */
} L2tpKey;

const L2tpKey *l2tp_key_get (L2tpKeyId id);
const L2tpKey *l2tp_key_lookup (const char *name, L2tpKeyId *out_id);
gboolean l2tp_key_is_text (const L2tpKey *key);
const char *l2tp_output_name (L2tpOutput out);

G_END_DECLS
