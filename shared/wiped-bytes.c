/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "wiped-bytes.h"

#include <string.h>

typedef struct
{
  gpointer data;
  gsize len;
} Wiped;

static void
wiped_free (gpointer p)
{
  Wiped *w = p;

  if (w->data) /* an empty encoding has no buffer at all */
    explicit_bzero (w->data, w->len);
  g_free (w->data);
  g_free (w);
}

GBytes *
l2tp_wiped_bytes_take (gpointer data, gsize len)
{
  Wiped *w = g_new (Wiped, 1);

  w->data = data;
  w->len = len;
  return g_bytes_new_with_free_func (data, len, wiped_free, w);
}
