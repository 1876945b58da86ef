/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The machine private key (machine-key) as charon's "load-key" takes it.
 *
 * charon parses the data of load-key without any password (swanctl, too,
 * decrypts a key itself and sends it decrypted), so an encrypted key is
 * decrypted here with machine-certpass. gnutls reads what users have: PEM or
 * DER; PKCS#1, SEC1, PKCS#8 (plain or encrypted), OpenSSL's encrypted PEM
 * ("Proc-Type: 4,ENCRYPTED") and PKCS#12.
 *
 * Pure: bytes in, bytes out, no I/O. Every copy of key material made here is
 * wiped before it is freed. */
#pragma once

#include <glib.h>

#include "vici-message.h"

G_BEGIN_DECLS

typedef enum
{
  L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY,      /* no private key in these bytes */
  L2TP_PRIVATE_KEY_ERROR_NEEDS_PASSWORD, /* encrypted, and no password given */
  L2TP_PRIVATE_KEY_ERROR_BAD_PASSWORD,   /* the password does not decrypt it */
  L2TP_PRIVATE_KEY_ERROR_UNSUPPORTED,    /* a key charon cannot use (DSA, GOST) */
} L2tpPrivateKeyError;

#define L2TP_PRIVATE_KEY_ERROR (l2tp_private_key_error_quark ())
GQuark l2tp_private_key_error_quark (void);

/* Length of a key ID in hex: charon's SHA-1 key identifier of the public key. */
#define L2TP_PRIVATE_KEY_ID_LEN 40

typedef struct _L2tpPrivateKey L2tpPrivateKey;

/* password may be NULL or "" for an unencrypted key. The error message says
 * what is wrong with the bytes, not which file or setting they came from. */
L2tpPrivateKey *l2tp_private_key_decode (const guint8 *data, gsize len,
                                         const char *password, GError **error);
/* Wipes the decrypted key, then frees it. */
void l2tp_private_key_free (L2tpPrivateKey *key);

/* load-key's type: "rsa" (data PKCS#1 DER), "ecdsa" (SEC1 DER), as swanctl
 * sends them, or "any" (PKCS#8 DER) for the types charon names no further. */
const char *l2tp_private_key_get_type (const L2tpPrivateKey *key);
/* The ID charon gives the key: hex SHA-1 of the public key (RFC 5280 4.2.1.2
 * method 1), lowercase. Known before load-key, so the key can be unloaded
 * even when load-key's answer never reached us. */
const char *l2tp_private_key_get_id (const L2tpPrivateKey *key);
/* What load-key sends as data (the decrypted key, DER). */
const guint8 *l2tp_private_key_get_der (const L2tpPrivateKey *key, gsize *len);

/* { type, data }: wipe it with l2tp_private_key_wipe_message() before freeing. */
ViciMessage *l2tp_private_key_load_message (const L2tpPrivateKey *key);
/* Zeroes every key/value of msg's top level (the key data) in place. */
void l2tp_private_key_wipe_message (ViciMessage *msg);
/* { id }: the unload-key message. */
ViciMessage *l2tp_private_key_unload_message (const char *id);

/* The same ID for the public key of an X.509 certificate (PEM or DER), so
 * a key can be checked against its certificate: charon picks the private
 * key by the certificate it belongs to, whoever loaded it. Newly allocated;
 * NULL and an error when the bytes hold no certificate. */
char *l2tp_certificate_key_id (const guint8 *data, gsize len, GError **error);

/* TRUE if id is L2TP_PRIVATE_KEY_ID_LEN hex digits. */
gboolean l2tp_private_key_id_is_valid (const char *id);
/* TRUE if get-keys' answer ("keys" list) holds id (case-insensitive). */
gboolean l2tp_private_key_list_has (const ViciMessage *get_keys_answer, const char *id);

/* memset that the compiler keeps, for buffers that held key material. */
void l2tp_private_key_wipe (gpointer data, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L2tpPrivateKey, l2tp_private_key_free)

G_END_DECLS
