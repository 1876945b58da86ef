/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DHCPACKs from the network (l2tp_dhcp_ack_parse). The input is the
 * datagram; its bytes 4-7 serve as our transaction ID, so the parser gets
 * past the xid check.
 *
 * INVARIANTS: a refusal sets an error, a success none; a datagram too
 * short for a header is MALFORMED, one of another op or xid NOT_OURS; an
 * end option and more bytes after the datagram change nothing; an answer
 * holds what dhcp-options.h promises (at most 64 routes, each 0-32 with no
 * host bits and a router 0.0.0.0 or unicast, has_default exactly when one
 * is /0, routes only from 121 or 249; unicast DNS, NBNS and server
 * addresses; LDH names of at most 253 characters, at most 32 search
 * names), its log line is printable ASCII; written again as a DHCPACK of
 * our own (options split as RFC 3396 allows) it reads back the same. */
#include <string.h>

#include "dhcp-inform.h"
#include "fuzz-common.h"

static guint32
read_xid (const uint8_t *data, size_t size)
{
  guint8 b[4] = { 0 };

  memcpy (b, data + MIN (size, 4), size > 4 ? MIN (size - 4, 4) : 0);
  return ((guint32) b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
}

/* The chaddr the datagram carries (zeros where it is too short), so that
 * the parser gets past it as with our own request's. */
static void
read_chaddr (const uint8_t *data, size_t size, guint8 chaddr[L2TP_DHCP_CHADDR_LEN])
{
  memset (chaddr, 0, L2TP_DHCP_CHADDR_LEN);
  if (size > 28)
    memcpy (chaddr, data + 28, MIN (size - 28, L2TP_DHCP_CHADDR_LEN));
}

/* Letters, digits and '-' in labels of 1-63, no '-' first or last, at
 * most 253 characters: written again here, not taken from the parser. */
static gboolean
name_ok (const char *name)
{
  gsize len = strlen (name), label = 0;

  if (len == 0 || len > 253)
    return FALSE;
  for (gsize i = 0; i <= len; i++)
    {
      char c = name[i];

      if (c == '.' || c == '\0')
        {
          if (label == 0 || label > 63 || name[i - 1] == '-' || name[i - label] == '-')
            return FALSE;
          label = 0;
        }
      else if (g_ascii_isalnum (c) || c == '-')
        label++;
      else
        return FALSE;
    }
  return TRUE;
}

static void
check_addresses (const char *what, const GArray *addresses)
{
  for (guint i = 0; i < addresses->len; i++)
    if (!l2tp_dhcp_address_is_unicast (g_array_index (addresses, guint32, i)))
      fuzz_fail ("%s %u is not unicast", what, i);
}

static void
check_answer (const L2tpDhcpAnswer *a)
{
  gboolean any_default = FALSE;
  g_autofree char *line = NULL;

  if (a->routes->len > L2TP_DHCP_MAX_ROUTES)
    fuzz_fail ("%u routes", a->routes->len);
  if ((a->routes_option == 0) != (a->routes->len == 0)
      || (a->routes_option != 0 && a->routes_option != 121 && a->routes_option != 249))
    fuzz_fail ("%u routes from option %u", a->routes->len, a->routes_option);
  if (a->ignored_249 && a->routes_option != 121)
    fuzz_fail ("249 ignored for routes of option %u", a->routes_option);
  for (guint i = 0; i < a->routes->len; i++)
    {
      const L2tpDhcpRoute *r = &g_array_index (a->routes, L2tpDhcpRoute, i);
      guint32 mask = r->prefix == 0 ? 0 : g_htonl (0xffffffffu << (32 - r->prefix));

      if (r->prefix > 32 || (r->network & ~mask) != 0)
        fuzz_fail ("route %u is not a network", i);
      if (r->gateway != 0 && !l2tp_dhcp_address_is_unicast (r->gateway))
        fuzz_fail ("route %u has a router that is not unicast", i);
      any_default |= r->prefix == 0;
    }
  if (any_default != a->has_default)
    fuzz_fail ("has_default is %d", a->has_default);
  check_addresses ("DNS server", a->dns);
  check_addresses ("NBNS server", a->nbns);
  if (a->has_server_id && !l2tp_dhcp_address_is_unicast (a->server_id))
    fuzz_fail ("the server identifier is not unicast");
  if (a->domain && !name_ok (a->domain))
    fuzz_fail ("domain \"%s\" is not a host name", a->domain);
  if (a->search->len > L2TP_DHCP_MAX_SEARCH)
    fuzz_fail ("%u search names", a->search->len);
  for (guint i = 0; i < a->search->len; i++)
    if (!name_ok (a->search->pdata[i]))
      fuzz_fail ("search name %u is not a host name", i);
  line = l2tp_dhcp_answer_to_string (a);
  for (const char *p = line; *p; p++)
    if (*p < 0x20 || *p > 0x7e)
      fuzz_fail ("the log line holds byte 0x%02x", (guchar) *p);
}

static gboolean
same_array (const GArray *a, const GArray *b, gsize element)
{
  return a->len == b->len
         && (a->len == 0 || memcmp (a->data, b->data, a->len * element) == 0);
}

static gboolean
same_answer (const L2tpDhcpAnswer *a, const L2tpDhcpAnswer *b)
{
  if (a->has_server_id != b->has_server_id || a->server_id != b->server_id
      || a->routes_option != b->routes_option || a->ignored_249 != b->ignored_249
      || a->has_default != b->has_default || g_strcmp0 (a->domain, b->domain) != 0
      || !same_array (a->routes, b->routes, sizeof (L2tpDhcpRoute))
      || !same_array (a->dns, b->dns, sizeof (guint32))
      || !same_array (a->nbns, b->nbns, sizeof (guint32))
      || a->search->len != b->search->len)
    return FALSE;
  for (guint i = 0; i < a->search->len; i++)
    if (strcmp (a->search->pdata[i], b->search->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* @value as instances of @code of at most @chunk bytes (RFC 3396). */
static void
put_split (GByteArray *b, guint8 code, const GByteArray *value, guint chunk)
{
  for (guint at = 0; at < value->len; at += chunk)
    {
      guint8 h[2] = { code, MIN (chunk, value->len - at) };

      g_byte_array_append (b, h, 2);
      g_byte_array_append (b, value->data + at, h[1]);
    }
}

static void
put_name (GByteArray *v, const char *name)
{
  g_auto (GStrv) labels = g_strsplit (name, ".", -1);
  guint8 zero = 0;

  for (guint i = 0; labels[i]; i++)
    {
      guint8 len = strlen (labels[i]);

      g_byte_array_append (v, &len, 1);
      g_byte_array_append (v, (const guint8 *) labels[i], len);
    }
  g_byte_array_append (v, &zero, 1);
}

/* The answer as a DHCPACK of our own: the fixed part of our request,
 * then the options, each split into instances of @chunk bytes. */
static const guint8 encode_chaddr[L2TP_DHCP_CHADDR_LEN] = { 0 };

static GBytes *
encode (const L2tpDhcpAnswer *a, guint32 xid, guint chunk)
{
  const guint8 *chaddr = encode_chaddr;
  g_autoptr (GBytes) request = l2tp_dhcp_inform_build (xid, 0, chaddr);
  GByteArray *b = g_byte_array_new ();
  g_autoptr (GByteArray) v = g_byte_array_new ();
  static const guint8 ack[] = { 53, 1, 5 }, broken_249[] = { 249, 1, 33 }, end = 255;

  g_byte_array_append (b, g_bytes_get_data (request, NULL), 240);
  b->data[0] = 2; /* BOOTREPLY */
  g_byte_array_append (b, ack, sizeof ack);
  if (a->has_server_id)
    {
      g_byte_array_append (v, (const guint8 *) &a->server_id, 4);
      put_split (b, 54, v, 4);
    }
  g_byte_array_set_size (v, 0);
  for (guint i = 0; i < a->routes->len; i++)
    {
      const L2tpDhcpRoute *r = &g_array_index (a->routes, L2tpDhcpRoute, i);
      guint8 width = r->prefix;

      g_byte_array_append (v, &width, 1);
      g_byte_array_append (v, (const guint8 *) &r->network, (width + 7) / 8);
      g_byte_array_append (v, (const guint8 *) &r->gateway, 4);
    }
  put_split (b, a->routes_option, v, chunk);
  /* A 249 that would be refused, were it read. */
  if (a->ignored_249)
    g_byte_array_append (b, broken_249, sizeof broken_249);
  g_byte_array_set_size (v, 0);
  g_byte_array_append (v, (const guint8 *) a->dns->data, a->dns->len * 4);
  put_split (b, 6, v, chunk);
  g_byte_array_set_size (v, 0);
  g_byte_array_append (v, (const guint8 *) a->nbns->data, a->nbns->len * 4);
  put_split (b, 44, v, chunk);
  if (a->domain)
    {
      g_byte_array_set_size (v, 0);
      g_byte_array_append (v, (const guint8 *) a->domain, strlen (a->domain));
      put_split (b, 15, v, chunk);
    }
  g_byte_array_set_size (v, 0);
  for (guint i = 0; i < a->search->len; i++)
    put_name (v, a->search->pdata[i]);
  put_split (b, 119, v, chunk);
  g_byte_array_append (b, &end, 1);
  return g_byte_array_free_to_bytes (b);
}

static void
check_round_trip (const L2tpDhcpAnswer *a, guint32 xid, guint chunk)
{
  g_autoptr (GBytes) again = encode (a, xid, chunk);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpDhcpAnswer) b
      = l2tp_dhcp_ack_parse (g_bytes_get_data (again, NULL), g_bytes_get_size (again),
                             xid, encode_chaddr, &error);

  if (!b)
    fuzz_fail ("the answer written again (%u-byte instances) is refused: %s", chunk,
               error->message);
  if (!same_answer (a, b))
    fuzz_fail ("the answer written again (%u-byte instances) reads differently", chunk);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpDhcpAnswer) answer = NULL;
  guint32 xid = read_xid (data, size);
  guint8 chaddr[L2TP_DHCP_CHADDR_LEN];

  read_chaddr (data, size, chaddr);
  answer = l2tp_dhcp_ack_parse (data, size, xid, chaddr, &error);
  fuzz_check_error ("l2tp_dhcp_ack_parse", answer != NULL, error);
  if (size < 240 && !g_error_matches (error, L2TP_DHCP_ERROR, L2TP_DHCP_ERROR_MALFORMED))
    fuzz_fail ("a datagram of %zu bytes is not refused as MALFORMED", size);
  if (size >= 240)
    {
      g_autoptr (GError) e2 = NULL;
      g_autoptr (L2tpDhcpAnswer) other
          = l2tp_dhcp_ack_parse (data, size, xid ^ 1, chaddr, &e2);

      if (other || !g_error_matches (e2, L2TP_DHCP_ERROR, L2TP_DHCP_ERROR_NOT_OURS))
        fuzz_fail ("an answer for another xid is not refused as NOT_OURS");
      chaddr[0] ^= 1;
      g_clear_pointer (&other, l2tp_dhcp_answer_free);
      g_clear_error (&e2);
      other = l2tp_dhcp_ack_parse (data, size, xid, chaddr, &e2);
      chaddr[0] ^= 1;
      if (other || !g_error_matches (e2, L2TP_DHCP_ERROR, L2TP_DHCP_ERROR_NOT_OURS))
        fuzz_fail ("an answer for another chaddr is not refused as NOT_OURS");
      if (data[0] != 2
          && !g_error_matches (error, L2TP_DHCP_ERROR, L2TP_DHCP_ERROR_NOT_OURS))
        fuzz_fail ("op %u is not refused as NOT_OURS", data[0]);
    }
  if (!answer)
    return 0;
  check_answer (answer);

  /* An end option and bytes after the datagram are not part of it. */
  {
    g_autofree guint8 *longer = g_malloc (size + 17);
    g_autoptr (GError) e3 = NULL;
    g_autoptr (L2tpDhcpAnswer) again = NULL;

    memcpy (longer, data, size);
    longer[size] = 255;
    memset (longer + size + 1, 0x79, 16);
    again = l2tp_dhcp_ack_parse (longer, size + 17, xid, chaddr, &e3);
    if (!again || !same_answer (answer, again))
      fuzz_fail ("bytes after the datagram change the answer");
  }
  check_round_trip (answer, xid, 255);
  check_round_trip (answer, xid, 7);
  return 0;
}
