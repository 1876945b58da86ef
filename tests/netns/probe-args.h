/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The netns test probes' number arguments: a bad one ends the probe (2). */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

static inline guint
number_arg (const char *s, guint min, guint max)
{
  guint64 v = 0;

  if (!g_ascii_string_to_unsigned (s, 10, min, max, &v, NULL))
    {
      fprintf (stderr, "bad number: %s\n", s);
      exit (2);
    }
  return (guint) v;
}
