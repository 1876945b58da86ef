/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What pluto-events.c (the line, its prefix, the messages) and
 * pluto-sa-details.c (the SA details in braces, algorithm names) share: a
 * scanner over the unread part of a line. Nothing outside
 * shared/pluto-*.c includes this.
 *
 * No regular expressions: every message is a fixed text with a few numbers
 * and names in it, read left to right, so what is accepted is exactly what
 * is written here; every number and name has a bounded length. */
#pragma once

#include <string.h>

#include "pluto-events.h"

G_BEGIN_DECLS

#define L2TP_PLUTO_WORD_MAX 64 /* an algorithm's or a notification's name */

/* The unread part of a line: no NUL in it, end not passed. */
typedef struct
{
  const char *p;
  const char *end;
} Scan;

static inline gsize
left (const Scan *s)
{
  return (gsize) (s->end - s->p);
}

static inline gboolean
at_end (const Scan *s)
{
  return s->p == s->end;
}

/* Consumes @text if the line goes on with it. */
static inline gboolean
eat (Scan *s, const char *text)
{
  gsize n = strlen (text);

  if (left (s) < n || memcmp (s->p, text, n) != 0)
    return FALSE;
  s->p += n;
  return TRUE;
}

/* @s goes on with @text (@s itself is not moved). */
static inline gboolean
starts_with (Scan s, const char *text)
{
  return eat (&s, text);
}

/* The line goes on with @text and ends there. */
static inline gboolean
eat_last (Scan *s, const char *text)
{
  return eat (s, text) && at_end (s);
}

/* 1 to @max_digits decimal digits, at most G_MAXUINT. */
static inline gboolean
eat_uint (Scan *s, guint max_digits, guint *out)
{
  guint64 v = 0;
  guint n = 0;

  while (n < left (s) && g_ascii_isdigit (s->p[n]))
    {
      if (++n > max_digits)
        return FALSE;
      v = v * 10 + (guint64) (s->p[n - 1] - '0');
    }
  if (n == 0 || v > G_MAXUINT)
    return FALSE;
  s->p += n;
  *out = (guint) v;
  return TRUE;
}

/* A duration as pluto prints one: "16", "0.5", "32.153513". */
static inline gboolean
eat_seconds (Scan *s)
{
  guint ignored;

  if (!eat_uint (s, 9, &ignored))
    return FALSE;
  return !eat (s, ".") || eat_uint (s, 9, &ignored);
}

/* Exactly 8 hex digits (after "0x" when @with_0x); @out may be NULL. */
static inline gboolean
eat_hex32 (Scan *s, gboolean with_0x, guint32 *out)
{
  guint32 v = 0;

  if (with_0x && !eat (s, "0x"))
    return FALSE;
  if (left (s) < 8)
    return FALSE;
  for (guint i = 0; i < 8; i++)
    {
      int d = g_ascii_xdigit_value (s->p[i]);

      if (d < 0)
        return FALSE;
      v = (v << 4) | (guint32) d;
    }
  s->p += 8;
  if (out)
    *out = v;
  return TRUE;
}

static inline gboolean
word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* A name of letters, digits and '_' (and '-' when @dash), 1 to @max bytes,
 * copied to @out (which holds @max + 1). */
static inline gboolean
eat_word (Scan *s, gboolean dash, gsize max, char *out)
{
  gsize n = 0;

  while (n < left (s) && (word_char (s->p[n]) || (dash && s->p[n] == '-')))
    if (++n > max)
      return FALSE;
  if (n == 0)
    return FALSE;
  memcpy (out, s->p, n);
  out[n] = '\0';
  s->p += n;
  return TRUE;
}

/* A name pluto prints and the value we give it. */
typedef struct
{
  const char *name;
  int value;
} Name;

/* @name's value in @table. */
static inline gboolean
lookup (const Name *table, gsize n, const char *name, int *out)
{
  for (gsize i = 0; i < n; i++)
    {
      if (strcmp (table[i].name, name) == 0)
        {
          *out = table[i].value;
          return TRUE;
        }
    }
  return FALSE;
}

/* "IKE SA established " was read: "{auth=… cipher=… integ=… group=…}". */
gboolean l2tp_pluto_read_ike_details (Scan *s, L2tpPlutoEvent *ev);
/* "IPsec SA established " was read: "transport mode {ESP=>0x… <0x… xfrm=…}". */
gboolean l2tp_pluto_read_child_details (Scan *s, L2tpPlutoEvent *ev);

G_END_DECLS
