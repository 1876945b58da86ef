/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "private-key.h"

#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

G_DEFINE_QUARK (l2tp - private - key - error - quark, l2tp_private_key_error)

struct _L2tpPrivateKey
{
  const char *type;
  guint8 *der;
  gsize len;
  char id[L2TP_PRIVATE_KEY_ID_LEN + 1];
};

void
l2tp_private_key_wipe (gpointer data, gsize len)
{
  if (data && len)
    gnutls_memset (data, 0, len);
}

void
l2tp_private_key_free (L2tpPrivateKey *key)
{
  if (!key)
    return;
  l2tp_private_key_wipe (key->der, key->len);
  g_free (key->der);
  g_free (key);
}

/* gnutls_x509_privkey_t with deinit on scope exit (gnutls clears the key). */
typedef gnutls_x509_privkey_t L2tpGnutlsKey;
static void
gnutls_key_clear (L2tpGnutlsKey *key)
{
  if (*key)
    gnutls_x509_privkey_deinit (*key);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (L2tpGnutlsKey, gnutls_key_clear)

/* PEM is text (possibly after other text, as openssl's "Bag Attributes");
 * DER holds NUL bytes early, which end the search. */
/* gnutls initialises itself when loaded; a reference of our own, taken
 * once and kept, also tells why when that failed. */
static int
gnutls_ready (void)
{
  static gsize result; /* 1 - gnutls_global_init (), never 0 once set */

  if (g_once_init_enter (&result))
    g_once_init_leave (&result, (gsize) (1 - gnutls_global_init ()));
  return 1 - (int) result;
}

static gboolean
looks_like_pem (const guint8 *data, gsize len)
{
  return g_strstr_len ((const char *) data, (gssize) MIN (len, G_MAXSSIZE), "-----BEGIN ")
         != NULL;
}

static gboolean
import (gnutls_x509_privkey_t key, const guint8 *data, gsize len, const char *password,
        GError **error)
{
  gnutls_datum_t in = { (unsigned char *) data, (unsigned int) len };
  gboolean has_password = password && *password;
  int ret;

  ret = gnutls_x509_privkey_import2 (
      key, &in, looks_like_pem (data, len) ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER,
      has_password ? password : NULL, has_password ? 0 : GNUTLS_PKCS_PLAIN);
  if (ret == GNUTLS_E_SUCCESS)
    return TRUE;
  if (ret == GNUTLS_E_DECRYPTION_FAILED && !has_password)
    g_set_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_NEEDS_PASSWORD,
                 _ ("the key is encrypted and no password for it is set"));
  else if (ret == GNUTLS_E_DECRYPTION_FAILED)
    g_set_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_BAD_PASSWORD,
                 _ ("the password does not decrypt the key"));
  else
    g_set_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY,
                 _ ("no private key found (PEM or DER: PKCS#1, SEC1, PKCS#8 or "
                    "PKCS#12): %s"),
                 gnutls_strerror (ret));
  return FALSE;
}

/* RSA and ECDSA in their own encodings, as swanctl sends them; anything
 * else as PKCS#8 with type "any", which charon's pkcs8 plugin sorts out. */
static gboolean export(gnutls_x509_privkey_t key, L2tpPrivateKey *out, GError **error)
{
  gnutls_datum_t der = { NULL, 0 };
  int algo = gnutls_x509_privkey_get_pk_algorithm2 (key, NULL);
  int ret;

  switch (algo)
    {
    case GNUTLS_PK_RSA:
      out->type = "rsa";
      ret = gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_DER, &der);
      break;
    case GNUTLS_PK_ECDSA:
      out->type = "ecdsa";
      ret = gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_DER, &der);
      break;
    case GNUTLS_PK_RSA_PSS:
    case GNUTLS_PK_EDDSA_ED25519:
    case GNUTLS_PK_EDDSA_ED448:
      out->type = "any";
      ret = gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_DER, NULL,
                                               GNUTLS_PKCS_PLAIN, &der);
      break;
    default:
      g_set_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_UNSUPPORTED,
                   _ ("a %s key, which strongSwan cannot use; use an RSA or ECDSA key"),
                   algo > 0 ? gnutls_pk_algorithm_get_name (algo) : "?");
      return FALSE;
    }
  if (ret != GNUTLS_E_SUCCESS)
    {
      g_set_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY,
                   _ ("the key cannot be encoded for charon: %s"), gnutls_strerror (ret));
      return FALSE;
    }
  out->der = g_memdup2 (der.data, der.size);
  out->len = der.size;
  l2tp_private_key_wipe (der.data, der.size);
  gnutls_free (der.data);
  return TRUE;
}

/* One DER element of tag at *p: its contents; *p moves past it. */
static gboolean
der_take (const guint8 **p, const guint8 *end, guint8 tag, const guint8 **content,
          gsize *len)
{
  const guint8 *at = *p;
  gsize n = 0;

  if (end - at < 2 || at[0] != tag)
    return FALSE;
  at++;
  if (*at < 0x80)
    n = *at++;
  else
    {
      guint count = *at++ & 0x7f;

      if (count == 0 || count > 3 || (gsize) (end - at) < count)
        return FALSE;
      while (count--)
        n = (n << 8) | *at++;
    }
  if ((gsize) (end - at) < n)
    return FALSE;
  *content = at;
  *len = n;
  *p = at + n;
  return TRUE;
}

/* charon's key ID (KEYID_PUBKEY_SHA1): SHA-1 of the subjectPublicKey bits
 * of the SubjectPublicKeyInfo, e.g. of the PKCS#1 RSAPublicKey. (gnutls'
 * own key ID hashes the whole SubjectPublicKeyInfo.) */
static gboolean
id_from_spki (const guint8 *spki, gsize spki_len, char *id)
{
  const guint8 *p = spki, *seq, *algo, *bits;
  gsize seq_len, algo_len, bits_len;
  g_autoptr (GChecksum) sha1 = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  if (!der_take (&p, spki + spki_len, 0x30, &seq, &seq_len))
    return FALSE;
  p = seq;
  if (!der_take (&p, seq + seq_len, 0x30, &algo, &algo_len)
      || !der_take (&p, seq + seq_len, 0x03, &bits, &bits_len) || bits_len < 2
      || bits[0] != 0)
    return FALSE;
  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, bits + 1, bits_len - 1);
  g_checksum_get_digest (sha1, digest, &digest_len);
  for (gsize i = 0; i < digest_len; i++)
    g_snprintf (id + 2 * i, 3, "%02x", digest[i]);
  return TRUE;
}

static gboolean
compute_id (gnutls_x509_privkey_t key, L2tpPrivateKey *out, GError **error)
{
  gnutls_privkey_t abstract = NULL;
  gnutls_pubkey_t pub = NULL;
  gnutls_datum_t spki = { NULL, 0 };
  gboolean ok = FALSE;
  int ret;

  /* flags 0: abstract borrows key and leaves it to us. */
  ret = gnutls_privkey_init (&abstract);
  if (ret == GNUTLS_E_SUCCESS)
    ret = gnutls_privkey_import_x509 (abstract, key, 0);
  if (ret == GNUTLS_E_SUCCESS)
    ret = gnutls_pubkey_init (&pub);
  if (ret == GNUTLS_E_SUCCESS)
    ret = gnutls_pubkey_import_privkey (pub, abstract, 0, 0);
  if (ret == GNUTLS_E_SUCCESS)
    ret = gnutls_pubkey_export2 (pub, GNUTLS_X509_FMT_DER, &spki);
  if (ret == GNUTLS_E_SUCCESS)
    ok = id_from_spki (spki.data, spki.size, out->id);
  if (!ok)
    g_set_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY,
                 _ ("the key's public part cannot be derived: %s"),
                 ret == GNUTLS_E_SUCCESS ? "DER" : gnutls_strerror (ret));
  gnutls_free (spki.data);
  if (pub)
    gnutls_pubkey_deinit (pub);
  if (abstract)
    gnutls_privkey_deinit (abstract);
  return ok;
}

L2tpPrivateKey *
l2tp_private_key_decode (const guint8 *data, gsize len, const char *password,
                         GError **error)
{
  g_auto (L2tpGnutlsKey) key = NULL;
  g_autoptr (L2tpPrivateKey) out = NULL;
  int ret;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0 || len > G_MAXUINT)
    {
      g_set_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY,
                   len ? _ ("the file is too large for a key") : _ ("the file is empty"));
      return NULL;
    }
  ret = gnutls_ready ();
  if (ret == GNUTLS_E_SUCCESS)
    ret = gnutls_x509_privkey_init (&key);
  if (ret != GNUTLS_E_SUCCESS)
    {
      g_set_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY,
                   "gnutls: %s", gnutls_strerror (ret));
      return NULL;
    }
  out = g_new0 (L2tpPrivateKey, 1);
  if (!import (key, data, len, password, error) || !export(key, out, error)
      || !compute_id (key, out, error))
    return NULL;
  return g_steal_pointer (&out);
}

const char *
l2tp_private_key_get_type (const L2tpPrivateKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->type;
}

const char *
l2tp_private_key_get_id (const L2tpPrivateKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->id;
}

const guint8 *
l2tp_private_key_get_der (const L2tpPrivateKey *key, gsize *len)
{
  g_return_val_if_fail (key != NULL && len != NULL, NULL);
  *len = key->len;
  return key->der;
}

ViciMessage *
l2tp_private_key_load_message (const L2tpPrivateKey *key)
{
  ViciMessage *msg;

  g_return_val_if_fail (key != NULL, NULL);
  msg = vici_message_new ();
  vici_message_add_kv_str (msg, "type", key->type);
  vici_message_add_kv (msg, "data", key->der, key->len);
  return msg;
}

void
l2tp_private_key_wipe_message (ViciMessage *msg)
{
  const ViciNode *root;

  g_return_if_fail (msg != NULL);
  root = vici_message_get_root (msg);
  for (guint i = 0; i < vici_node_get_n_children (root); i++)
    {
      const ViciNode *node = vici_node_get_child (root, i);
      gsize len = 0;
      const guint8 *value;

      if (vici_node_get_kind (node) != VICI_NODE_KEY_VALUE)
        continue;
      value = vici_node_get_value (node, &len);
      /* The message's own heap copy: writable, only handed out as const. */
      l2tp_private_key_wipe ((gpointer) value, len);
    }
}

ViciMessage *
l2tp_private_key_unload_message (const char *id)
{
  ViciMessage *msg;

  g_return_val_if_fail (l2tp_private_key_id_is_valid (id), NULL);
  msg = vici_message_new ();
  vici_message_add_kv_str (msg, "id", id);
  return msg;
}

gboolean
l2tp_private_key_id_is_valid (const char *id)
{
  if (!id || strlen (id) != L2TP_PRIVATE_KEY_ID_LEN)
    return FALSE;
  for (const char *p = id; *p; p++)
    {
      if (!g_ascii_isxdigit (*p))
        return FALSE;
    }
  return TRUE;
}

gboolean
l2tp_private_key_list_has (const ViciMessage *get_keys_answer, const char *id)
{
  const ViciNode *list;

  g_return_val_if_fail (get_keys_answer != NULL && id != NULL, FALSE);
  list = vici_message_lookup (get_keys_answer, "keys");
  if (!list || vici_node_get_kind (list) != VICI_NODE_LIST)
    return FALSE;
  for (guint i = 0; i < vici_node_get_n_items (list); i++)
    {
      const char *item = vici_node_get_item_str (list, i);

      if (item && g_ascii_strcasecmp (item, id) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
l2tp_certificate_key_id (const guint8 *data, gsize len, GError **error)
{
  gnutls_x509_crt_t crt = NULL;
  gnutls_pubkey_t pub = NULL;
  gnutls_datum_t in = { (unsigned char *) data, (unsigned int) len };
  gnutls_datum_t spki = { NULL, 0 };
  char id[L2TP_PRIVATE_KEY_ID_LEN + 1] = { 0 };
  gboolean ok = FALSE;
  int ret;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  ret = gnutls_x509_crt_init (&crt);
  if (ret == GNUTLS_E_SUCCESS)
    {
      ret = gnutls_x509_crt_import (crt, &in, GNUTLS_X509_FMT_PEM);
      if (ret != GNUTLS_E_SUCCESS)
        ret = gnutls_x509_crt_import (crt, &in, GNUTLS_X509_FMT_DER);
    }
  if (ret == GNUTLS_E_SUCCESS)
    ret = gnutls_pubkey_init (&pub);
  if (ret == GNUTLS_E_SUCCESS)
    ret = gnutls_pubkey_import_x509 (pub, crt, 0);
  if (ret == GNUTLS_E_SUCCESS)
    ret = gnutls_pubkey_export2 (pub, GNUTLS_X509_FMT_DER, &spki);
  if (ret == GNUTLS_E_SUCCESS)
    ok = id_from_spki (spki.data, spki.size, id);
  if (!ok)
    g_set_error (error, L2TP_PRIVATE_KEY_ERROR, L2TP_PRIVATE_KEY_ERROR_NOT_A_KEY,
                 _ ("not an X.509 certificate: %s"),
                 ret == GNUTLS_E_SUCCESS ? "DER" : gnutls_strerror (ret));
  gnutls_free (spki.data);
  if (pub)
    gnutls_pubkey_deinit (pub);
  if (crt)
    gnutls_x509_crt_deinit (crt);
  return ok ? g_strdup (id) : NULL;
}
