/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parser for /proc/net/udp and /proc/net/udp6 text (see proc-net-udp.h). */
#include "shared/proc-net-udp.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

/* sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops,
 * as every kernel since 2.6.27 prints them. A row must be complete: text cut
 * inside the inode would otherwise look like a row with another inode. */
#define MIN_FIELDS 13
G_STATIC_ASSERT (MIN_FIELDS == 13); /* parse_row reads f[0] to f[12] */

static gboolean
is_hex (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return len > 0;
}

static gboolean
is_decimal (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* "HEXWORD:HEXWORD" with exactly these widths. */
static gboolean
is_hex_pair (const char *s, gsize first, gsize second)
{
  return strlen (s) == first + 1 + second && is_hex (s, first) && s[first] == ':'
         && is_hex (s + first + 1, second);
}

static gboolean
parse_decimal (const char *s, guint64 max, guint64 *out)
{
  /* g_ascii_string_to_unsigned accepts a leading '+'; the kernel never writes one. */
  return is_decimal (s) && g_ascii_string_to_unsigned (s, 10, 0, max, out, NULL);
}

static guint32
hex_word (const char *s)
{
  guint32 v = 0;

  for (int i = 0; i < 8; i++)
    v = (v << 4) | (guint32) g_ascii_xdigit_value (s[i]);
  return v;
}

/* "ADDR:PORT" where ADDR is 8 (IPv4) or 32 (IPv6) hex digits of 32-bit words
 * in the writer's byte order, PORT 4 hex digits. Returns the family or 0. */
static int
parse_endpoint (const char *s, int byte_order, guint8 addr[16], guint16 *port)
{
  const char *colon = strchr (s, ':');
  gsize addr_len = colon ? (gsize) (colon - s) : 0;

  if (addr_len != 8 && addr_len != 32)
    return 0;
  if (!is_hex_pair (s, addr_len, 4))
    return 0;

  memset (addr, 0, 16);
  for (gsize w = 0; w < addr_len / 8; w++)
    {
      guint32 v = hex_word (s + w * 8);

      for (int b = 0; b < 4; b++)
        {
          int shift = byte_order == G_LITTLE_ENDIAN ? 8 * b : 8 * (3 - b);
          addr[w * 4 + b] = (v >> shift) & 0xff;
        }
    }
  *port = (guint16) g_ascii_strtoull (colon + 1, NULL, 16);
  return addr_len == 8 ? AF_INET : AF_INET6;
}

static gboolean
parse_row (char **f, guint n, int byte_order, L2tpProcUdpSocket *out)
{
  gsize sl_len;
  guint64 uid, timeout, inode;
  int remote_family;

  if (n < MIN_FIELDS)
    return FALSE;
  sl_len = strlen (f[0]);
  /* "sl" is a decimal slot number and a colon. */
  if (sl_len < 2 || f[0][sl_len - 1] != ':')
    return FALSE;
  f[0][sl_len - 1] = '\0';
  if (!is_decimal (f[0]))
    return FALSE;

  out->family = parse_endpoint (f[1], byte_order, out->local, &out->local_port);
  remote_family = parse_endpoint (f[2], byte_order, out->remote, &out->remote_port);
  if (out->family == 0 || remote_family != out->family)
    return FALSE;

  if (strlen (f[3]) != 2 || !is_hex (f[3], 2))
    return FALSE;
  out->state = (guint8) g_ascii_strtoull (f[3], NULL, 16);

  if (!is_hex_pair (f[4], 8, 8) || !is_hex_pair (f[5], 2, 8))
    return FALSE;
  if (strlen (f[6]) != 8 || !is_hex (f[6], 8))
    return FALSE;
  if (!parse_decimal (f[7], G_MAXUINT32, &uid)
      || !parse_decimal (f[8], G_MAXUINT64, &timeout)
      || !parse_decimal (f[9], G_MAXUINT64, &inode))
    return FALSE;
  out->uid = (guint32) uid;
  out->inode = inode;

  /* ref, pointer (hashed or zero), drops, and any later kernel's additions:
   * unused, but they must look like numbers. */
  if (!is_decimal (f[10]) || !is_decimal (f[12]))
    return FALSE;
  for (guint i = 11; i < n; i++)
    if (!is_hex (f[i], strlen (f[i])))
      return FALSE;

  inet_ntop (out->family, out->local, out->local_text, sizeof out->local_text);
  return TRUE;
}

/* Splits a line at ASCII blanks in place; returns the number of fields. */
static guint
split_fields (char *line, char **fields, guint max)
{
  guint n = 0;
  char *p = line;

  while (*p)
    {
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0')
        break;
      if (n == max)
        return max + 1; /* too many: the caller refuses the row */
      fields[n++] = p;
      while (*p && *p != ' ' && *p != '\t')
        p++;
      if (*p)
        *p++ = '\0';
    }
  return n;
}

gboolean
l2tp_proc_udp_socket_is_wildcard (const L2tpProcUdpSocket *sock)
{
  static const guint8 zero[16] = { 0 };

  g_return_val_if_fail (sock != NULL, FALSE);

  return memcmp (sock->local, zero, sock->family == AF_INET ? 4 : 16) == 0;
}

GArray *
l2tp_proc_net_udp_parse_with_byte_order (const char *text, int byte_order,
                                         guint *n_malformed)
{
  /* Far more than a row has; a line with more is not a row. */
  enum
  {
    MAX_FIELDS = 32
  };
  GArray *sockets = g_array_new (FALSE, TRUE, sizeof (L2tpProcUdpSocket));
  g_auto (GStrv) lines = NULL;
  guint bad = 0;

  if (n_malformed)
    *n_malformed = 0;
  g_return_val_if_fail (text != NULL, sockets);
  g_return_val_if_fail (byte_order == G_LITTLE_ENDIAN || byte_order == G_BIG_ENDIAN,
                        sockets);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *fields[MAX_FIELDS];
      L2tpProcUdpSocket sock = { 0 };
      guint n = split_fields (lines[i], fields, MAX_FIELDS);

      if (n == 0)
        continue;
      if (strcmp (fields[0], "sl") == 0)
        continue; /* the header of either file */
      if (n > MAX_FIELDS || !parse_row (fields, n, byte_order, &sock))
        {
          bad++;
          continue;
        }
      g_array_append_val (sockets, sock);
    }
  if (n_malformed)
    *n_malformed = bad;
  return sockets;
}

GArray *
l2tp_proc_net_udp_parse (const char *text, guint *n_malformed)
{
  return l2tp_proc_net_udp_parse_with_byte_order (text, G_BYTE_ORDER, n_malformed);
}
