/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — DHCPINFORM: build the request, read the DHCPACK.
 *
 * Wire facts (RFC 2131 section 2 and 4.1, RFC 2132, RFC 3396):
 * - the fixed part, 236 bytes: op (1, 1 BOOTREQUEST, 2 BOOTREPLY), htype
 *   (1, 1 Ethernet), hlen (1), hops (1), xid (4), secs (2), flags (2, bit
 *   15 broadcast), ciaddr, yiaddr, siaddr, giaddr (4 each), chaddr (16),
 *   sname (64), file (128); then the magic cookie 99.130.83.99 and the
 *   options;
 * - an option: code (1), length (1), value; code 0 (pad) and 255 (end)
 *   are a single byte. A BOOTP message is at least 300 bytes;
 * - a DHCPINFORM carries ciaddr, no yiaddr, and its DHCPACK goes unicast
 *   to ciaddr;
 * - 53 message type: 1 DISCOVER, 2 OFFER, 3 REQUEST, 4 DECLINE, 5 ACK,
 *   6 NAK, 7 RELEASE, 8 INFORM; 56 is a server's message text (in a NAK);
 * - 52 overload (in the options field only): 1 the file field holds
 *   options, 2 the sname field, 3 both; read options, then file, then
 *   sname; all instances of one code, in that order, make one value
 *   (RFC 3396);
 * - RFC 3442: the 121 code comes before 3 (routers) in a parameter
 *   request list.
 */
#include "dhcp-inform.h"

#include <string.h>

#include "text-clean.h"

#define OP_BOOTREQUEST 1
#define OP_BOOTREPLY   2
#define HTYPE_ETHERNET 1

#define OFF_XID     4
#define OFF_CIADDR  12
#define OFF_CHADDR  28
#define OFF_SNAME   44
#define OFF_FILE    108
#define OFF_COOKIE  236
#define OFF_OPTIONS 240
#define SNAME_LEN   64
#define FILE_LEN    128
#define CHADDR_LEN  16

#define OPT_PAD          0
#define OPT_SUBNET_MASK  1
#define OPT_ROUTER       3
#define OPT_DNS          6
#define OPT_DOMAIN       15
#define OPT_NBNS         44
#define OPT_OVERLOAD     52
#define OPT_MESSAGE_TYPE 53
#define OPT_SERVER_ID    54
#define OPT_REQUEST_LIST 55
#define OPT_MESSAGE      56
#define OPT_VENDOR_CLASS 60
#define OPT_CLIENT_ID    61
#define OPT_USER_CLASS   77
#define OPT_SEARCH       119
#define OPT_CLASSLESS    121
#define OPT_MS_CLASSLESS 249
#define OPT_END          255

#define OVERLOAD_FILE  1
#define OVERLOAD_SNAME 2

#define DHCPACK    5
#define DHCPNAK    6
#define DHCPINFORM 8

static const guint8 magic_cookie[4] = { 99, 130, 83, 99 };

void
l2tp_dhcp_answer_free (L2tpDhcpAnswer *answer)
{
  if (!answer)
    return;
  g_clear_pointer (&answer->routes, g_array_unref);
  g_clear_pointer (&answer->dns, g_array_unref);
  g_clear_pointer (&answer->nbns, g_array_unref);
  g_clear_pointer (&answer->domain, g_free);
  g_clear_pointer (&answer->search, g_ptr_array_unref);
  g_free (answer);
}

/*****************************************************************************/
/* Building */

static void
put_option (GByteArray *b, guint8 code, const void *value, guint8 len)
{
  guint8 h[2] = { code, len };

  g_byte_array_append (b, h, 2);
  g_byte_array_append (b, value, len);
}

GBytes *
l2tp_dhcp_inform_build (guint32 xid, guint32 client_addr,
                        const guint8 chaddr[L2TP_DHCP_CHADDR_LEN])
{
  static const guint8 inform[] = { DHCPINFORM };
  static const guint8 requested[] = {
    OPT_SUBNET_MASK, OPT_CLASSLESS, OPT_MS_CLASSLESS, OPT_ROUTER,
    OPT_DNS,         OPT_DOMAIN,    OPT_NBNS,         OPT_SEARCH,
  };
  /* What Windows sends and Microsoft's DHCP server matches its "Default
   * Routing and Remote Access Class" on: the bytes themselves, on purpose
   * not RFC 3004's list of length-prefixed user classes. */
  static const char user_class[] = "RRAS.Microsoft";
  static const char vendor_class[] = "MSFT 5.0";
  guint8 fixed[L2TP_DHCP_HEADER_LEN]
      = { OP_BOOTREQUEST, HTYPE_ETHERNET, L2TP_DHCP_CHADDR_LEN, 0 };
  guint8 client_id[1 + L2TP_DHCP_CHADDR_LEN] = { HTYPE_ETHERNET };
  guint32 xid_wire = g_htonl (xid);
  GByteArray *b;

  g_return_val_if_fail (chaddr != NULL, NULL);

  memcpy (fixed + OFF_XID, &xid_wire, 4);
  memcpy (fixed + OFF_CIADDR, &client_addr, 4);
  memcpy (fixed + OFF_CHADDR, chaddr, L2TP_DHCP_CHADDR_LEN);
  memcpy (client_id + 1, chaddr, L2TP_DHCP_CHADDR_LEN);

  b = g_byte_array_sized_new (L2TP_DHCP_BOOTP_MIN);
  g_byte_array_append (b, fixed, sizeof fixed);
  g_byte_array_append (b, magic_cookie, sizeof magic_cookie);
  put_option (b, OPT_MESSAGE_TYPE, inform, sizeof inform);
  put_option (b, OPT_CLIENT_ID, client_id, sizeof client_id);
  put_option (b, OPT_VENDOR_CLASS, vendor_class, strlen (vendor_class));
  put_option (b, OPT_USER_CLASS, user_class, strlen (user_class));
  put_option (b, OPT_REQUEST_LIST, requested, sizeof requested);
  {
    guint8 end = OPT_END;

    g_byte_array_append (b, &end, 1);
  }
  if (b->len < L2TP_DHCP_BOOTP_MIN)
    {
      guint at = b->len;

      g_byte_array_set_size (b, L2TP_DHCP_BOOTP_MIN);
      memset (b->data + at, OPT_PAD, L2TP_DHCP_BOOTP_MIN - at);
    }
  return g_byte_array_free_to_bytes (b);
}

/*****************************************************************************/
/* Reading */

/* The value of every option code seen, joined over its instances. */
typedef struct
{
  GByteArray *value[256];
} Options;

static void
options_clear (Options *o)
{
  for (guint i = 0; i < G_N_ELEMENTS (o->value); i++)
    g_clear_pointer (&o->value[i], g_byte_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static const guint8 *
option_get (const Options *o, guint code, gsize *len)
{
  GByteArray *v = o->value[code];

  *len = v ? v->len : 0;
  /* A present option of length 0 still has a (non-NULL) value. */
  return v ? (v->data ? v->data : (const guint8 *) "") : NULL;
}

/* An error about the message itself, not one option's value. */
#define fail(error, code, ...) l2tp_dhcp_set_error (error, code, 0, __VA_ARGS__)

/* The options in @data[@start, @end), named @field in errors. */
static gboolean
read_field (Options *o, const guint8 *data, gsize start, gsize end, const char *field,
            GError **error)
{
  gsize at = start;

  while (at < end)
    {
      guint code = data[at], len;

      if (code == OPT_PAD)
        {
          at++;
          continue;
        }
      if (code == OPT_END)
        return TRUE;
      if (end - at < 2)
        return fail (error, L2TP_DHCP_ERROR_MALFORMED,
                     "option %u at byte %" G_GSIZE_FORMAT
                     " of the %s field has no length",
                     code, at, field);
      len = data[at + 1];
      if (len > end - at - 2)
        return fail (error, L2TP_DHCP_ERROR_MALFORMED,
                     "option %u at byte %" G_GSIZE_FORMAT " runs past the end of the %s "
                     "field (length %u, only %" G_GSIZE_FORMAT " left)",
                     code, at, field, len, end - at - 2);
      /* Only the options field says which other fields hold options. */
      if (code == OPT_OVERLOAD && start != OFF_OPTIONS)
        return fail (error, L2TP_DHCP_ERROR_MALFORMED,
                     "option 52 (overload) at byte %" G_GSIZE_FORMAT " in the %s field",
                     at, field);
      if (!o->value[code])
        o->value[code] = g_byte_array_new ();
      g_byte_array_append (o->value[code], data + at + 2, len);
      at += 2 + len;
    }
  return TRUE;
}

/* The options field, then the fields option 52 gives to options. */
static gboolean
read_options (Options *o, const guint8 *data, gsize len, GError **error)
{
  const guint8 *overload;
  gsize olen;

  if (!read_field (o, data, OFF_OPTIONS, len, "options", error))
    return FALSE;
  overload = option_get (o, OPT_OVERLOAD, &olen);
  if (!overload)
    return TRUE;
  if (olen != 1 || overload[0] < 1 || overload[0] > 3)
    return fail (error, L2TP_DHCP_ERROR_MALFORMED,
                 "option 52 (overload) is not one byte of 1, 2 or 3");
  if ((overload[0] & OVERLOAD_FILE)
      && !read_field (o, data, OFF_FILE, OFF_FILE + FILE_LEN, "file", error))
    return FALSE;
  if ((overload[0] & OVERLOAD_SNAME)
      && !read_field (o, data, OFF_SNAME, OFF_SNAME + SNAME_LEN, "sname", error))
    return FALSE;
  return TRUE;
}

static const char *
message_type_name (guint type)
{
  static const char *const names[] = {
    NULL,      "DHCPDISCOVER", "DHCPOFFER",   "DHCPREQUEST", "DHCPDECLINE",
    "DHCPACK", "DHCPNAK",      "DHCPRELEASE", "DHCPINFORM",
  };

  return type < G_N_ELEMENTS (names) ? names[type] : NULL;
}

/* Option 53 says DHCPACK. */
static gboolean
check_message_type (const Options *o, GError **error)
{
  gsize len, mlen;
  const guint8 *type = option_get (o, OPT_MESSAGE_TYPE, &len);
  const guint8 *message;
  const char *name;

  if (!type)
    return fail (error, L2TP_DHCP_ERROR_MALFORMED,
                 "no DHCP message type (option 53): a BOOTP reply, not a DHCPACK");
  if (len != 1)
    return fail (error, L2TP_DHCP_ERROR_MALFORMED,
                 "option 53 (message type) of %" G_GSIZE_FORMAT " bytes, not 1", len);
  if (type[0] == DHCPACK)
    return TRUE;
  if (type[0] == DHCPNAK)
    {
      g_autofree char *text = NULL;

      message = option_get (o, OPT_MESSAGE, &mlen);
      if (!message || mlen == 0)
        return fail (error, L2TP_DHCP_ERROR_NAK, "the server answered DHCPNAK");
      text = l2tp_text_clean_len ((const char *) message, mlen, L2TP_TEXT_CLEAN_LINE_MAX);
      return fail (error, L2TP_DHCP_ERROR_NAK, "the server answered DHCPNAK: \"%s\"",
                   text);
    }
  name = message_type_name (type[0]);
  if (name)
    return fail (error, L2TP_DHCP_ERROR_MALFORMED, "a %s, not a DHCPACK", name);
  return fail (error, L2TP_DHCP_ERROR_MALFORMED, "DHCP message type %u, not a DHCPACK",
               type[0]);
}

static gboolean
read_routes (L2tpDhcpAnswer *answer, const Options *o, GError **error)
{
  gsize len;
  const guint8 *v = option_get (o, OPT_CLASSLESS, &len);

  if (v)
    {
      answer->routes_option = OPT_CLASSLESS;
      answer->ignored_249 = o->value[OPT_MS_CLASSLESS] != NULL;
    }
  else if ((v = option_get (o, OPT_MS_CLASSLESS, &len)))
    answer->routes_option = OPT_MS_CLASSLESS;
  else
    return TRUE;
  if (!l2tp_dhcp_routes_decode (answer->routes_option, v, len, answer->routes, error))
    return FALSE;
  for (guint i = 0; i < answer->routes->len; i++)
    if (g_array_index (answer->routes, L2tpDhcpRoute, i).prefix == 0)
      answer->has_default = TRUE;
  return TRUE;
}

static gboolean
read_values (L2tpDhcpAnswer *answer, const Options *o, GError **error)
{
  const guint8 *v;
  gsize len;

  if ((v = option_get (o, OPT_SERVER_ID, &len)))
    {
      g_autoptr (GArray) id = g_array_new (FALSE, FALSE, sizeof (guint32));

      if (len != 4)
        return l2tp_dhcp_set_error (error, L2TP_DHCP_ERROR_BAD_OPTION, OPT_SERVER_ID,
                                    "length %" G_GSIZE_FORMAT ", not 4", len);
      if (!l2tp_dhcp_addresses_decode (OPT_SERVER_ID, v, len, id, error))
        return FALSE;
      answer->has_server_id = TRUE;
      answer->server_id = g_array_index (id, guint32, 0);
    }
  if (!read_routes (answer, o, error))
    return FALSE;
  if ((v = option_get (o, OPT_DNS, &len))
      && !l2tp_dhcp_addresses_decode (OPT_DNS, v, len, answer->dns, error))
    return FALSE;
  if ((v = option_get (o, OPT_NBNS, &len))
      && !l2tp_dhcp_addresses_decode (OPT_NBNS, v, len, answer->nbns, error))
    return FALSE;
  if ((v = option_get (o, OPT_DOMAIN, &len))
      && !(answer->domain = l2tp_dhcp_domain_decode (v, len, error)))
    return FALSE;
  if ((v = option_get (o, OPT_SEARCH, &len)))
    {
      g_ptr_array_unref (answer->search);
      if (!(answer->search = l2tp_dhcp_search_decode (v, len, error)))
        return FALSE;
    }
  return TRUE;
}

L2tpDhcpAnswer *
l2tp_dhcp_ack_parse (const guint8 *data, gsize len, guint32 xid,
                     const guint8 chaddr[L2TP_DHCP_CHADDR_LEN], GError **error)
{
  g_auto (Options) o = { { NULL } };
  g_autoptr (L2tpDhcpAnswer) answer = NULL;
  guint32 got_xid;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < OFF_OPTIONS)
    {
      fail (error, L2TP_DHCP_ERROR_MALFORMED,
            "%" G_GSIZE_FORMAT " bytes are too short for a DHCP message (at least %d)",
            len, OFF_OPTIONS);
      return NULL;
    }
  if (data[0] != OP_BOOTREPLY)
    {
      fail (error, L2TP_DHCP_ERROR_NOT_OURS, "not a BOOTREPLY (op %u)", data[0]);
      return NULL;
    }
  memcpy (&got_xid, data + OFF_XID, 4);
  if (g_ntohl (got_xid) != xid)
    {
      fail (error, L2TP_DHCP_ERROR_NOT_OURS, "transaction ID 0x%08x, not 0x%08x",
            g_ntohl (got_xid), xid);
      return NULL;
    }
  if (memcmp (data + OFF_CHADDR, chaddr, L2TP_DHCP_CHADDR_LEN) != 0)
    {
      fail (error, L2TP_DHCP_ERROR_NOT_OURS, "another hardware address (chaddr)");
      return NULL;
    }
  if (memcmp (data + OFF_COOKIE, magic_cookie, sizeof magic_cookie) != 0)
    {
      fail (error, L2TP_DHCP_ERROR_MALFORMED,
            "no DHCP magic cookie: a BOOTP reply, not a DHCPACK");
      return NULL;
    }
  if (!read_options (&o, data, len, error) || !check_message_type (&o, error))
    return NULL;

  answer = g_new0 (L2tpDhcpAnswer, 1);
  answer->routes = g_array_new (FALSE, FALSE, sizeof (L2tpDhcpRoute));
  answer->dns = g_array_new (FALSE, FALSE, sizeof (guint32));
  answer->nbns = g_array_new (FALSE, FALSE, sizeof (guint32));
  answer->search = g_ptr_array_new_with_free_func (g_free);
  if (!read_values (answer, &o, error))
    return NULL;
  return g_steal_pointer (&answer);
}

/*****************************************************************************/
/* The log line */

static void
append_addresses (GString *s, const char *what, const GArray *addresses)
{
  char a[L2TP_DHCP_ADDRESS_BUF];

  if (addresses->len == 0)
    return;
  g_string_append_printf (s, "; %s ", what);
  for (guint i = 0; i < addresses->len; i++)
    g_string_append_printf (
        s, "%s%s", i ? ", " : "",
        l2tp_dhcp_address_format (g_array_index (addresses, guint32, i), a));
}

char *
l2tp_dhcp_answer_to_string (const L2tpDhcpAnswer *answer)
{
  GString *s = g_string_new (NULL);
  char a[L2TP_DHCP_ADDRESS_BUF], g[L2TP_DHCP_ADDRESS_BUF];

  g_return_val_if_fail (answer != NULL, NULL);

  if (answer->has_server_id)
    g_string_append_printf (s, "server %s; ",
                            l2tp_dhcp_address_format (answer->server_id, a));
  if (answer->routes->len == 0)
    g_string_append (s, "no routes");
  else
    g_string_append_printf (s, "routes (option %u)", answer->routes_option);
  for (guint i = 0; i < answer->routes->len; i++)
    {
      const L2tpDhcpRoute *r = &g_array_index (answer->routes, L2tpDhcpRoute, i);

      g_string_append_printf (s, "%s%s/%u via %s%s", i ? ", " : " ",
                              l2tp_dhcp_address_format (r->network, a), r->prefix,
                              l2tp_dhcp_address_format (r->gateway, g),
                              r->prefix == 0 ? " (default)" : "");
    }
  if (answer->ignored_249)
    g_string_append (s, " (option 249 ignored)");
  append_addresses (s, "DNS", answer->dns);
  append_addresses (s, "NBNS", answer->nbns);
  if (answer->domain)
    g_string_append_printf (s, "; domain %s", answer->domain);
  for (guint i = 0; i < answer->search->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "; search ",
                            (const char *) answer->search->pdata[i]);
  return g_string_free (s, FALSE);
}
