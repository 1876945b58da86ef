/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _GNU_SOURCE /* memmem: the buffers may hold NUL bytes */
#include "import-mobileconfig.h"

#include <glib/gi18n-lib.h>
#include <plist/plist.h>
#include <string.h>

#include "config.h"
#include "import-common.h"
#include "plist-nesting.h"

#define VPN_PAYLOAD_TYPE "com.apple.vpn.managed"
/* Larger than any real profile; keeps libplist's 32-bit lengths safe. */
#define MAX_PLIST_BYTES (16u * 1024 * 1024)

typedef void PlistNode;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlistNode, plist_free)

/* DER: SEQUENCE, then the OID 1.2.840.113549.1.7.2 (PKCS #7 signedData). */
static const guchar signed_data_oid[]
    = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };

static gboolean
is_signed (const char *buffer, gsize length)
{
  gsize window = MIN (length, 32);

  return length > 0 && (guchar) buffer[0] == 0x30
         && memmem (buffer, window, signed_data_oid, sizeof signed_data_oid) != NULL;
}

gboolean
l2tp_import_mobileconfig_sniff (const char *buffer, gsize length)
{
  gsize n = MIN (length, 4096);

  if (is_signed (buffer, length) || (length >= 6 && memcmp (buffer, "bplist", 6) == 0))
    return TRUE;
  return memmem (buffer, n, "<plist", 6) != NULL
         || memmem (buffer, n, "<?xml", 5) != NULL;
}

static gboolean
fail (GError **error, int code, const char *path, const char *reason)
{
  g_set_error (error, L2TP_IMPORT_ERROR, code, "%s: %s", path, reason);
  return FALSE;
}

/* A string or NULL; a node of another type is an error naming its path. */
static gboolean
get_string (plist_t dict, const char *parent, const char *key, const char **out,
            GError **error)
{
  plist_t node = plist_dict_get_item (dict, key);
  g_autofree char *path = g_strdup_printf ("%s%s%s", parent, parent[0] ? "." : "", key);
  uint64_t len = 0;
  const char *s;

  *out = NULL;
  if (!node)
    return TRUE;
  if (plist_get_node_type (node) != PLIST_STRING)
    return fail (error, L2TP_IMPORT_ERROR_SYNTAX, path, _ ("not a string"));
  s = plist_get_string_ptr (node, &len);
  if (!s || strlen (s) != len)
    return fail (error, L2TP_IMPORT_ERROR_SYNTAX, path, _ ("contains a NUL character"));
  *out = s;
  return TRUE;
}

static plist_t
get_dict (plist_t dict, const char *key)
{
  plist_t node = plist_dict_get_item (dict, key);
  return node && plist_get_node_type (node) == PLIST_DICT ? node : NULL;
}

/* OverridePrimary is a boolean, or 0/1 in many generated profiles. */
static L2tpTristate
get_flag (plist_t dict, const char *key)
{
  plist_t node = dict ? plist_dict_get_item (dict, key) : NULL;
  uint8_t b = 0;
  uint64_t n = 0;

  if (!node)
    return L2TP_UNSET;
  switch (plist_get_node_type (node))
    {
    case PLIST_BOOLEAN:
      plist_get_bool_val (node, &b);
      return b ? L2TP_YES : L2TP_NO;
    case PLIST_UINT:
      plist_get_uint_val (node, &n);
      return n ? L2TP_YES : L2TP_NO;
    default:
      return L2TP_UNSET;
    }
}

/* Set one vpn key from the profile, checked on its own so the error names
 * both the Apple key and ours. */
static gboolean
take (L2tpProfile *profile, L2tpKeyId id, const char *path, const char *value,
      GError **error)
{
  g_autoptr (GError) local = NULL;

  if (!value || !value[0])
    return TRUE;
  if (!l2tp_config_check_value (id, value, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", path);
      return FALSE;
    }
  l2tp_profile_set (profile, l2tp_key_get (id)->name, value);
  return TRUE;
}

/* SharedSecret is data (XML <data>, base64) or, in hand-made profiles, a
 * string. Text stays text; other bytes become "0s" + base64. */
static char *
shared_secret (plist_t ipsec, GError **error)
{
  plist_t node = plist_dict_get_item (ipsec, "SharedSecret");
  const char *bytes;
  uint64_t len = 0;
  gboolean text;

  if (!node)
    return NULL;
  if (plist_get_node_type (node) == PLIST_STRING)
    bytes = plist_get_string_ptr (node, &len);
  else if (plist_get_node_type (node) == PLIST_DATA)
    bytes = plist_get_data_ptr (node, &len);
  else
    return fail (error, L2TP_IMPORT_ERROR_SYNTAX, "IPSec.SharedSecret",
                 _ ("neither data nor a string")),
           NULL;
  if (!bytes || len == 0)
    return NULL;
  if (len > 4096)
    return fail (error, L2TP_IMPORT_ERROR_SYNTAX, "IPSec.SharedSecret",
                 _ ("longer than 4096 bytes")),
           NULL;

  text = g_utf8_validate (bytes, (gssize) len, NULL)
         && !(len >= 2 && bytes[0] == '0' && bytes[1] == 's');
  for (uint64_t i = 0; text && i < len; i++)
    if ((guchar) bytes[i] < 0x20 || bytes[i] == 0x7f)
      text = FALSE;
  if (text)
    return g_strndup (bytes, len);
  {
    g_autofree char *b64 = g_base64_encode ((const guchar *) bytes, len);
    return g_strconcat ("0s", b64, NULL);
  }
}

static gboolean
fill_profile (L2tpProfile *profile, plist_t root, plist_t payload, GError **error)
{
  plist_t ppp = get_dict (payload, "PPP");
  plist_t ipsec = get_dict (payload, "IPSec");
  plist_t ipv4 = get_dict (payload, "IPv4");
  const char *name = NULL, *server = NULL, *user = NULL, *password = NULL;
  const char *method = NULL, *group = NULL;
  g_autofree char *psk = NULL;
  g_autoptr (GError) local = NULL;
  L2tpTristate all_traffic;

  if (!get_string (payload, "", "UserDefinedName", &name, error))
    return FALSE;
  if (!name && !get_string (payload, "", "PayloadDisplayName", &name, error))
    return FALSE;
  if (!name && !get_string (root, "", "PayloadDisplayName", &name, error))
    return FALSE;
  if (name && !l2tp_import_check_label ("UserDefinedName", name, &local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  profile->id = g_strdup (name);

  if (!ppp)
    return fail (error, L2TP_IMPORT_ERROR_SYNTAX, "PPP", _ ("missing"));
  if (!get_string (ppp, "PPP", "CommRemoteAddress", &server, error)
      || !get_string (ppp, "PPP", "AuthName", &user, error)
      || !get_string (ppp, "PPP", "AuthPassword", &password, error))
    return FALSE;
  if (!server)
    return fail (error, L2TP_IMPORT_ERROR_SYNTAX, "PPP.CommRemoteAddress",
                 _ ("missing (the server's address)"));
  if (!take (profile, L2TP_KEY_GATEWAY, "PPP.CommRemoteAddress", server, error)
      || !take (profile, L2TP_KEY_USER, "PPP.AuthName", user, error)
      || !take (profile, L2TP_KEY_PASSWORD, "PPP.AuthPassword", password, error))
    return FALSE;

  /* Apple's L2TP always runs over IPsec. */
  l2tp_profile_set (profile, "ipsec-enabled", "yes");
  if (ipsec)
    {
      if (!get_string (ipsec, "IPSec", "AuthenticationMethod", &method, error)
          || !get_string (ipsec, "IPSec", "LocalIdentifier", &group, error))
        return FALSE;
      if (method && strcmp (method, "SharedSecret") != 0)
        return fail (error, L2TP_IMPORT_ERROR_UNSUPPORTED, "IPSec.AuthenticationMethod",
                     _ ("only SharedSecret can be imported; set up certificate "
                        "authentication in the editor"));
      psk = shared_secret (ipsec, &local);
      if (local)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (!take (profile, L2TP_KEY_IPSEC_PSK, "IPSec.SharedSecret", psk, error)
          || !take (profile, L2TP_KEY_IPSEC_GROUP_NAME, "IPSec.LocalIdentifier", group,
                    error))
        return FALSE;
    }
  if (!psk)
    l2tp_profile_add_note (profile, _ ("The profile has no IPSec.SharedSecret: enter "
                                       "the pre-shared key before connecting."));

  /* Newer profiles say it in IPv4, the oldest at the top of the payload. */
  all_traffic = get_flag (ipv4, "OverridePrimary");
  if (all_traffic == L2TP_UNSET)
    all_traffic = get_flag (payload, "OverridePrimary");
  if (all_traffic != L2TP_UNSET)
    profile->ip4.never_default = all_traffic == L2TP_YES ? L2TP_NO : L2TP_YES;
  if (psk)
    memset (psk, 0, strlen (psk));
  return TRUE;
}

static const char *
string_or (plist_t dict, const char *key, const char *fallback)
{
  plist_t node = plist_dict_get_item (dict, key);
  const char *s = node && plist_get_node_type (node) == PLIST_STRING
                      ? plist_get_string_ptr (node, NULL)
                      : NULL;
  return s ? s : fallback;
}

/* The first L2TP VPN payload; otherwise an error saying what was there. */
static plist_t
find_payload (plist_t root, GError **error)
{
  plist_t content = plist_dict_get_item (root, "PayloadContent");
  g_autofree char *other = NULL;
  guint n;

  if (plist_dict_get_item (root, "EncryptedPayloadContent"))
    return fail (error, L2TP_IMPORT_ERROR_UNSUPPORTED, "EncryptedPayloadContent",
                 _ ("the profile is encrypted for one device; export it "
                    "unencrypted")),
           NULL;
  if (!content || plist_get_node_type (content) != PLIST_ARRAY)
    return fail (error, L2TP_IMPORT_ERROR_NOT_L2TP, "PayloadContent",
                 _ ("missing: not a configuration profile")),
           NULL;

  n = plist_array_get_size (content);
  for (guint i = 0; i < n; i++)
    {
      plist_t item = plist_array_get_item (content, i);
      const char *vpn_type;

      if (!item || plist_get_node_type (item) != PLIST_DICT
          || strcmp (string_or (item, "PayloadType", ""), VPN_PAYLOAD_TYPE) != 0)
        continue;
      vpn_type = string_or (item, "VPNType", "");
      if (strcmp (vpn_type, "L2TP") == 0)
        return item;
      if (!other)
        other = g_strdup_printf (_ ("PayloadContent[%u].VPNType: %s, not L2TP"), i,
                                 vpn_type);
    }
  g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_NOT_L2TP, "%s",
               other ? other
                     : _ ("no VPN payload (com.apple.vpn.managed) in the profile"));
  return NULL;
}

/* A signed profile wraps the XML property list in CMS; take it out when it is
 * there in one piece. */
static gboolean
unwrap_signed (const char **buffer, gsize *length, GError **error)
{
  const char *start = memmem (*buffer, *length, "<?xml", 5);
  const char *end;

  if (!start)
    start = memmem (*buffer, *length, "<plist", 6);
  end = start ? memmem (start, *length - (gsize) (start - *buffer), "</plist>", 8) : NULL;
  if (!end)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_UNSUPPORTED,
                   _ ("a signed profile whose property list cannot be found in one "
                      "piece; remove the signature first (openssl cms -verify "
                      "-noverify -inform DER -in FILE -out PLAIN.mobileconfig)"));
      return FALSE;
    }
  *length = (gsize) (end + 8 - start);
  *buffer = start;
  return TRUE;
}

static L2tpProfile *
import_mobileconfig (const char *buffer, gsize length, GError **error)
{
  g_autoptr (L2tpProfile) profile = l2tp_profile_new ();
  g_autoptr (PlistNode) root = NULL;
  gboolean was_signed = is_signed (buffer, length);
  plist_t payload;

  if (length > MAX_PLIST_BYTES)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   _ ("larger than %u bytes: not a configuration profile"),
                   MAX_PLIST_BYTES);
      return NULL;
    }
  if (was_signed && !unwrap_signed (&buffer, &length, error))
    return NULL;

  /* libplist recurses as deep as the file nests. */
  if (!l2tp_plist_check_nesting (buffer, length, L2TP_PLIST_MAX_DEPTH, error))
    return NULL;
  plist_from_memory (buffer, (uint32_t) length, &root);
  if (!root || plist_get_node_type (root) != PLIST_DICT)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   _ ("not a valid property list (XML or binary)"));
      return NULL;
    }
  payload = find_payload (root, error);
  if (!payload || !fill_profile (profile, root, payload, error)
      || !l2tp_profile_sanitize (profile, error))
    return NULL;
  if (was_signed)
    l2tp_profile_add_note (profile, _ ("The profile is signed; its signature was not "
                                       "checked."));
  return g_steal_pointer (&profile);
}

L2tpProfile *
l2tp_import_mobileconfig (const char *buffer, gsize length, GError **error)
{
  L2tpProfile *profile;

  g_return_val_if_fail (buffer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  profile = import_mobileconfig (buffer, length, error);
  return profile ? profile : l2tp_import_failed (error);
}
