/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _GNU_SOURCE
#include "free-scan.h"

#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define FREE_SCAN_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FREE_SCAN_OFF 1
#endif
#endif

#ifdef FREE_SCAN_OFF

gboolean
free_scan_available (void)
{
  return FALSE;
}

void
free_scan_set_marker (const char *marker)
{
}

guint
free_scan_hits (void)
{
  return 0;
}

#else

#include <malloc.h>

void *__libc_malloc (size_t size);
void *__libc_calloc (size_t n, size_t size);
void *__libc_realloc (void *p, size_t size);
void __libc_free (void *p);

static char marker_buf[65];
static size_t marker_len;
static volatile gint hits;

gboolean
free_scan_available (void)
{
  return TRUE;
}

void
free_scan_set_marker (const char *marker)
{
  marker_len = 0;
  if (!marker)
    return;
  g_strlcpy (marker_buf, marker, sizeof marker_buf);
  g_atomic_int_set (&hits, 0);
  marker_len = strlen (marker_buf);
}

guint
free_scan_hits (void)
{
  return (guint) g_atomic_int_get (&hits);
}

static void
scan (void *p)
{
  size_t len = marker_len;

  if (p && len > 0 && memmem (p, malloc_usable_size (p), marker_buf, len))
    g_atomic_int_inc (&hits);
}

void *
malloc (size_t size)
{
  return __libc_malloc (size);
}

void *
calloc (size_t n, size_t size)
{
  return __libc_calloc (n, size);
}

void
free (void *p)
{
  scan (p);
  __libc_free (p);
}

/* Moved by hand, so the old block passes through free() and its scan. */
void *
realloc (void *p, size_t size)
{
  void *q;
  size_t old;

  if (!p)
    return __libc_malloc (size);
  if (size == 0)
    {
      free (p);
      return NULL;
    }
  old = malloc_usable_size (p);
  if (size <= old)
    return p;
  q = __libc_malloc (size);
  if (!q)
    return NULL;
  memcpy (q, p, old);
  free (p);
  return q;
}

#endif
