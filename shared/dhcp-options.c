/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec — DHCP option values: classless routes, addresses, names.
 *
 * Wire facts:
 * - RFC 3442 (121) and Microsoft's 249: routes back to back, each a width
 *   octet (the prefix length), the destination's significant octets
 *   (ceil(width / 8), the rest of the address zero), then the router's 4
 *   octets; minimum length 5. A router of 0.0.0.0 means the destination is
 *   on the link itself.
 * - RFC 2132: 6 (domain name servers) and 44 (NetBIOS name servers) are
 *   lists of addresses, length a multiple of 4, at least 4; 54 (server
 *   identifier) is one address; 15 (domain name) is text, length >= 1.
 * - RFC 3397 (119): names as in DNS messages (RFC 1035 3.1): labels of a
 *   length octet 1-63 and that many octets, ended by a zero octet; the
 *   length octets 0x40-0xbf are not labels (RFC 1035 4.1.4 reserves the
 *   top bits 01 and 10); 0xc0 | the high 6 bits, then the low 8 bits, is a
 *   pointer to an earlier offset in the (concatenated) option value, where
 *   the name goes on.
 * - RFC 1123 2.1 / RFC 952: host name labels are letters, digits and '-',
 *   neither first nor last '-'; a name written with dots is at most 253
 *   characters (255 octets in wire form).
 */
#include "dhcp-options.h"

#include <string.h>

G_DEFINE_QUARK (l2tp - dhcp - error - quark, l2tp_dhcp_error)

gboolean
l2tp_dhcp_set_error (GError **error, L2tpDhcpError code, guint option, const char *format,
                     ...)
{
  va_list ap;
  g_autofree char *text = NULL;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (option)
    g_set_error (error, L2TP_DHCP_ERROR, code, "option %u: %s", option, text);
  else
    g_set_error_literal (error, L2TP_DHCP_ERROR, code, text);
  return FALSE;
}

/* A value of option @code refused. */
#define bad(error, code, ...)                                                            \
  l2tp_dhcp_set_error (error, L2TP_DHCP_ERROR_BAD_OPTION, code, __VA_ARGS__)

static guint32
get_addr (const guint8 *p)
{
  guint32 addr;

  memcpy (&addr, p, 4);
  return addr;
}

const char *
l2tp_dhcp_address_format (guint32 addr, char buf[L2TP_DHCP_ADDRESS_BUF])
{
  guint8 a[4];

  memcpy (a, &addr, 4);
  g_snprintf (buf, L2TP_DHCP_ADDRESS_BUF, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
  return buf;
}

gboolean
l2tp_dhcp_address_is_unicast (guint32 addr)
{
  guint8 a[4];

  memcpy (a, &addr, 4);
  return a[0] != 0 && a[0] != 127 && a[0] < 224;
}

/*****************************************************************************/
/* Routes */

/* The netmask of a /@width, network order. */
static guint32
prefix_mask (guint width)
{
  return width == 0 ? 0 : g_htonl (0xffffffffu << (32 - width));
}

/* The route at byte @at; *@next is the byte after it. */
static gboolean
read_route (guint code, const guint8 *value, gsize len, gsize at, L2tpDhcpRoute *route,
            gsize *next, GError **error)
{
  guint width = value[at];
  gsize significant = (width + 7) / 8;
  guint8 net[4] = { 0 };
  char a[L2TP_DHCP_ADDRESS_BUF], g[L2TP_DHCP_ADDRESS_BUF];

  if (width > 32)
    return bad (error, code,
                "route at byte %" G_GSIZE_FORMAT " has prefix length %u (at most 32)", at,
                width);
  if (len - at - 1 < significant + 4)
    return bad (error, code,
                "route at byte %" G_GSIZE_FORMAT
                " is cut short (/%u takes %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT
                " are left)",
                at, width, 1 + significant + 4, len - at);
  memcpy (net, value + at + 1, significant);
  memcpy (&route->network, net, 4);
  route->prefix = width;
  route->gateway = get_addr (value + at + 1 + significant);
  if (route->network & ~prefix_mask (width))
    return bad (error, code,
                "route at byte %" G_GSIZE_FORMAT
                " (%s/%u) has bits set beyond its prefix",
                at, l2tp_dhcp_address_format (route->network, a), width);
  if (route->gateway != 0 && !l2tp_dhcp_address_is_unicast (route->gateway))
    return bad (error, code,
                "route at byte %" G_GSIZE_FORMAT
                " (%s/%u) has router %s, not a unicast address",
                at, l2tp_dhcp_address_format (route->network, a), width,
                l2tp_dhcp_address_format (route->gateway, g));
  *next = at + 1 + significant + 4;
  return TRUE;
}

gboolean
l2tp_dhcp_routes_decode (guint code, const guint8 *value, gsize len, GArray *routes,
                         GError **error)
{
  guint first, n = 0;
  gsize at = 0;

  g_return_val_if_fail (value != NULL || len == 0, FALSE);
  g_return_val_if_fail (routes != NULL, FALSE);

  if (len == 0)
    return bad (error, code, "empty");
  first = routes->len;
  while (at < len)
    {
      L2tpDhcpRoute route = { 0 };

      if (n++ == L2TP_DHCP_MAX_ROUTES)
        {
          bad (error, code, "more than %d routes", L2TP_DHCP_MAX_ROUTES);
          g_array_set_size (routes, first);
          return FALSE;
        }
      if (!read_route (code, value, len, at, &route, &at, error))
        {
          g_array_set_size (routes, first);
          return FALSE;
        }
      g_array_append_val (routes, route);
    }
  return TRUE;
}

gboolean
l2tp_dhcp_classful_route (guint32 addr, guint32 *network, guint *prefix)
{
  guint8 a[4];
  guint bits;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  memcpy (a, &addr, 4);
  if (!l2tp_dhcp_address_is_unicast (addr))
    return FALSE;
  if (a[0] < 128)
    bits = 8; /* class A: 0xxxxxxx */
  else if (a[0] < 192)
    bits = 16; /* class B: 10xxxxxx */
  else
    bits = 24; /* class C: 110xxxxx (D and E are not unicast) */
  *network = addr & prefix_mask (bits);
  *prefix = bits;
  return TRUE;
}

/*****************************************************************************/
/* Addresses */

gboolean
l2tp_dhcp_addresses_decode (guint code, const guint8 *value, gsize len, GArray *addresses,
                            GError **error)
{
  g_return_val_if_fail (value != NULL || len == 0, FALSE);
  g_return_val_if_fail (addresses != NULL, FALSE);

  if (len == 0)
    return bad (error, code, "empty");
  if (len % 4 != 0)
    return bad (error, code, "length %" G_GSIZE_FORMAT " is not a multiple of 4", len);
  for (gsize at = 0; at < len; at += 4)
    if (!l2tp_dhcp_address_is_unicast (get_addr (value + at)))
      {
        char a[L2TP_DHCP_ADDRESS_BUF];

        return bad (error, code,
                    "%s at byte %" G_GSIZE_FORMAT " is not a unicast address",
                    l2tp_dhcp_address_format (get_addr (value + at), a), at);
      }
  g_array_append_vals (addresses, value, len / 4);
  return TRUE;
}

/*****************************************************************************/
/* Names */

/* One label of @len octets at byte @at of the value. */
static gboolean
check_label (guint code, const guint8 *label, gsize len, gsize at, GError **error)
{
  if (len == 0)
    return bad (error, code, "empty label at byte %" G_GSIZE_FORMAT, at);
  if (len > 63)
    return bad (error, code,
                "label of %" G_GSIZE_FORMAT " bytes at byte %" G_GSIZE_FORMAT
                " (at most 63)",
                len, at);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (label[i]) && label[i] != '-')
      return bad (error, code,
                  "0x%02x at byte %" G_GSIZE_FORMAT
                  " is not a letter, digit or '-' of a domain name",
                  label[i], at + i);
  if (label[0] == '-' || label[len - 1] == '-')
    return bad (error, code, "label at byte %" G_GSIZE_FORMAT " starts or ends with '-'",
                at);
  return TRUE;
}

char *
l2tp_dhcp_domain_decode (const guint8 *value, gsize len, GError **error)
{
  const guint code = 15;
  gsize start = 0;

  g_return_val_if_fail (value != NULL || len == 0, NULL);

  while (len > 0 && value[len - 1] == '\0')
    len--;
  if (len > 0 && value[len - 1] == '.')
    len--;
  if (len == 0)
    {
      bad (error, code, "empty");
      return NULL;
    }
  if (len > L2TP_DHCP_MAX_NAME_LEN)
    {
      bad (error, code, "a name of %" G_GSIZE_FORMAT " characters (at most %d)", len,
           L2TP_DHCP_MAX_NAME_LEN);
      return NULL;
    }
  for (gsize i = 0; i <= len; i++)
    if (i == len || value[i] == '.')
      {
        if (!check_label (code, value + start, i - start, start, error))
          return NULL;
        start = i + 1;
      }
  return g_strndup ((const char *) value, len);
}

/* The name that starts at *@pos; *@pos moves past it (past its end octet,
 * or its first pointer). */
static char *
decode_name (const guint8 *value, gsize len, gsize *pos, GError **error)
{
  const guint code = 119;
  g_autoptr (GString) name = g_string_new (NULL);
  gsize at = *pos, limit = *pos, start = *pos;
  gboolean jumped = FALSE;

  for (;;)
    {
      guint b;

      if (at >= len)
        {
          bad (error, code, "name at byte %" G_GSIZE_FORMAT " is cut short", start);
          return NULL;
        }
      b = value[at];
      if (b == 0)
        {
          if (!jumped)
            *pos = at + 1;
          break;
        }
      if ((b & 0xc0) == 0xc0)
        {
          gsize target;

          if (at + 1 >= len)
            {
              bad (error, code, "pointer at byte %" G_GSIZE_FORMAT " is cut short", at);
              return NULL;
            }
          target = ((gsize) (b & 0x3f) << 8) | value[at + 1];
          /* Strictly below the last bound: every jump lowers it, so the
           * walk ends however the pointers are arranged. */
          if (target >= limit)
            {
              bad (error, code,
                   "pointer at byte %" G_GSIZE_FORMAT " to byte %" G_GSIZE_FORMAT
                   " does not point before byte %" G_GSIZE_FORMAT,
                   at, target, limit);
              return NULL;
            }
          if (!jumped)
            *pos = at + 2;
          jumped = TRUE;
          limit = target;
          at = target;
          continue;
        }
      if (b > 63)
        {
          bad (error, code,
               "length octet 0x%02x at byte %" G_GSIZE_FORMAT
               " is not a label of 1-63 bytes",
               b, at);
          return NULL;
        }
      if (len - at - 1 < b)
        {
          bad (error, code, "label at byte %" G_GSIZE_FORMAT " is cut short", at);
          return NULL;
        }
      if (!check_label (code, value + at + 1, b, at + 1, error))
        return NULL;
      if (name->len + (name->len ? 1 : 0) + b > L2TP_DHCP_MAX_NAME_LEN)
        {
          bad (error, code,
               "name at byte %" G_GSIZE_FORMAT " is longer than %d characters", start,
               L2TP_DHCP_MAX_NAME_LEN);
          return NULL;
        }
      if (name->len)
        g_string_append_c (name, '.');
      g_string_append_len (name, (const char *) value + at + 1, b);
      at += 1 + b;
    }
  if (name->len == 0)
    {
      bad (error, code, "empty name at byte %" G_GSIZE_FORMAT, start);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

GPtrArray *
l2tp_dhcp_search_decode (const guint8 *value, gsize len, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gsize pos = 0;

  g_return_val_if_fail (value != NULL || len == 0, NULL);

  if (len == 0)
    {
      bad (error, 119, "empty");
      return NULL;
    }
  while (pos < len)
    {
      char *name;

      if (names->len == L2TP_DHCP_MAX_SEARCH)
        {
          bad (error, 119, "more than %d names", L2TP_DHCP_MAX_SEARCH);
          return NULL;
        }
      name = decode_name (value, len, &pos, error);
      if (!name)
        return NULL;
      g_ptr_array_add (names, name);
    }
  return g_steal_pointer (&names);
}
