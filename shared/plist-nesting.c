/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plist-nesting.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "profile.h"

#define BPLIST_MAGIC        "bplist00"
#define BPLIST_TRAILER_SIZE 32

static gboolean
too_deep (GError **error, guint max_depth)
{
  g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
               _ ("not a configuration profile: arrays and dictionaries nested "
                  "deeper than %u levels"),
               max_depth);
  return FALSE;
}

static gboolean
too_many (GError **error)
{
  g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
               _ ("not a configuration profile: more than %u elements"),
               (guint) L2TP_PLIST_MAX_NODES);
  return FALSE;
}

static gboolean
malformed (GError **error)
{
  g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
               _ ("not a valid property list (XML or binary)"));
  return FALSE;
}

/* ---- binary -------------------------------------------------------------- */

typedef struct
{
  const guint8 *data;
  gsize length; /* without the trailer */
  guint offset_size, ref_size;
  guint64 n_objects;
  const guint8 *offsets;
} Bplist;

static guint64
read_be (const guint8 *p, guint size)
{
  guint64 v = 0;

  for (guint i = 0; i < size; i++)
    v = (v << 8) | p[i];
  return v;
}

/* Where object i starts, or G_MAXUINT64 if outside the objects. */
static guint64
object_offset (const Bplist *b, guint64 i)
{
  guint64 at = read_be (b->offsets + i * b->offset_size, b->offset_size);

  return at >= 8 && at < b->length ? at : G_MAXUINT64;
}

/* A container's references: *first and *n (for a dictionary, keys and
 * values). FALSE if it is not a container; *bad when it cannot be read. */
static gboolean
container_refs (const Bplist *b, guint64 at, guint64 *first, guint64 *n, gboolean *bad)
{
  guint8 marker = b->data[at];
  guint kind = marker >> 4;
  guint64 count = marker & 0x0f;
  guint64 pos = at + 1;

  *bad = FALSE;
  if (kind != 0xa && kind != 0xc && kind != 0xd) /* array, set, dict */
    return FALSE;
  if (count == 0x0f)
    {
      guint8 int_marker;
      guint size;

      if (pos >= b->length)
        return (*bad = TRUE);
      int_marker = b->data[pos++];
      size = 1u << (int_marker & 0x0f);
      if ((int_marker >> 4) != 0x1 || size > 8 || pos + size > b->length)
        return (*bad = TRUE);
      count = read_be (b->data + pos, size);
      pos += size;
    }
  if (kind == 0xd)
    {
      if (count > b->length)
        return (*bad = TRUE);
      count *= 2;
    }
  if (count > b->length || pos + count * b->ref_size > b->length)
    return (*bad = TRUE);
  *first = pos;
  *n = count;
  return TRUE;
}

typedef struct
{
  guint64 object;
  guint64 refs, n_refs, next;
  guint depth_below;
  guint64 nodes;
} Frame;

enum
{
  UNSEEN = 0,
  ON_PATH,
  DONE
};

static gboolean
check_binary (const guint8 *data, gsize length, guint max_depth, GError **error)
{
  const guint8 *t = data + length - BPLIST_TRAILER_SIZE;
  Bplist b = { data, length - BPLIST_TRAILER_SIZE, t[6], t[7], read_be (t + 8, 8), NULL };
  guint64 top = read_be (t + 16, 8);
  guint64 table = read_be (t + 24, 8);
  g_autofree guint8 *state = NULL;
  g_autofree guint *depth = NULL;
  g_autofree guint64 *nodes = NULL;
  g_autoptr (GArray) stack = NULL;
  Frame root = { 0 };
  gboolean bad;

  if (b.offset_size < 1 || b.offset_size > 8 || b.ref_size < 1 || b.ref_size > 8
      || b.n_objects == 0 || b.n_objects > b.length || top >= b.n_objects || table < 8
      || table > b.length || b.n_objects > (b.length - table) / b.offset_size)
    return malformed (error);
  b.offsets = data + table;

  state = g_malloc0 (b.n_objects);
  depth = g_new0 (guint, b.n_objects);
  nodes = g_new0 (guint64, b.n_objects);
  stack = g_array_new (FALSE, FALSE, sizeof (Frame));

  root.object = top;
  if (object_offset (&b, top) == G_MAXUINT64)
    return malformed (error);
  if (!container_refs (&b, object_offset (&b, top), &root.refs, &root.n_refs, &bad))
    return !bad || malformed (error);
  state[top] = ON_PATH;
  g_array_append_val (stack, root);

  while (stack->len > 0)
    {
      Frame *f = &g_array_index (stack, Frame, stack->len - 1);

      if (f->next < f->n_refs)
        {
          guint64 child = read_be (data + f->refs + f->next * b.ref_size, b.ref_size);
          guint64 at;
          Frame next = { 0 };

          f->next++;
          if (child >= b.n_objects || (at = object_offset (&b, child)) == G_MAXUINT64
              || state[child] == ON_PATH) /* a loop */
            return malformed (error);
          if (state[child] == DONE)
            {
              f->depth_below = MAX (f->depth_below, depth[child]);
              f->nodes += nodes[child];
              if (f->nodes > L2TP_PLIST_MAX_NODES)
                return too_many (error);
              continue;
            }
          if (!container_refs (&b, at, &next.refs, &next.n_refs, &bad))
            {
              if (bad)
                return malformed (error);
              state[child] = DONE;
              depth[child] = 0;
              nodes[child] = 1;
              f->nodes++;
              continue;
            }
          if (stack->len + 1 > max_depth)
            return too_deep (error, max_depth);
          next.object = child;
          state[child] = ON_PATH;
          g_array_append_val (stack, next);
          continue;
        }
      /* All children seen: this container is done. */
      {
        Frame done = *f;

        g_array_set_size (stack, stack->len - 1);
        state[done.object] = DONE;
        depth[done.object] = done.depth_below + 1;
        nodes[done.object] = done.nodes + 1;
        if (stack->len > 0)
          {
            Frame *parent = &g_array_index (stack, Frame, stack->len - 1);

            parent->depth_below = MAX (parent->depth_below, depth[done.object]);
            parent->nodes += nodes[done.object];
            if (parent->nodes > L2TP_PLIST_MAX_NODES)
              return too_many (error);
          }
      }
    }
  return TRUE;
}

/* ---- XML ------------------------------------------------------------------ */

static const char *
find (const char *p, const char *end, const char *what)
{
  gsize n = strlen (what);

  for (; p + n <= end; p++)
    if (memcmp (p, what, n) == 0)
      return p + n;
  return end;
}

/* name of the tag at p ("<array ...>"), as it is spelled. */
static gboolean
is_tag (const char *p, const char *end, const char *name)
{
  gsize n = strlen (name);

  return (gsize) (end - p) > n && memcmp (p, name, n) == 0
         && (p[n] == '>' || p[n] == '/' || g_ascii_isspace (p[n]));
}

static gboolean
check_xml (const char *p, const char *end, guint max_depth, GError **error)
{
  guint level = 0;

  while ((p = memchr (p, '<', (gsize) (end - p))))
    {
      const char *close;

      p++;
      if (p < end && *p == '!')
        {
          if (end - p >= 3 && memcmp (p, "!--", 3) == 0)
            p = find (p + 3, end, "-->");
          else if (end - p >= 8 && memcmp (p, "![CDATA[", 8) == 0)
            p = find (p + 8, end, "]]>");
          else
            p = find (p, end, ">");
          continue;
        }
      if (p < end && *p == '?')
        {
          p = find (p, end, "?>");
          continue;
        }
      close = memchr (p, '>', (gsize) (end - p));
      if (!close)
        break;
      if (*p == '/')
        {
          if ((is_tag (p + 1, end, "array") || is_tag (p + 1, end, "dict")) && level > 0)
            level--;
        }
      else if ((is_tag (p, end, "array") || is_tag (p, end, "dict")) && close[-1] != '/')
        {
          if (++level > max_depth)
            return too_deep (error, max_depth);
        }
      p = close + 1;
    }
  return TRUE;
}

gboolean
l2tp_plist_check_nesting (const char *buffer, gsize length, guint max_depth,
                          GError **error)
{
  g_return_val_if_fail (buffer != NULL || length == 0, FALSE);

  if (length >= 8 && memcmp (buffer, BPLIST_MAGIC, 8) == 0)
    {
      if (length < 8 + BPLIST_TRAILER_SIZE)
        return malformed (error);
      return check_binary ((const guint8 *) buffer, length, max_depth, error);
    }
  return check_xml (buffer, buffer + length, max_depth, error);
}
