/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/ipsec/charon-early.h"

#include "src/ipsec/charon.h"
#include "src/common/log.h"

/* One service process serves one connection: one early use at most. */
static struct
{
  gboolean starting;   /* l2tp_charon_use_async is under way */
  L2tpCharonUse *use;  /* ready, not taken */
  gboolean forgotten;  /* a connection took over while it was starting */
  gboolean releasing;  /* ended at exit, when ready */
  GDestroyNotify done; /* l2tp_charon_early_release's */
  gpointer done_data;
} early;

static void
release_finished (void)
{
  GDestroyNotify done = early.done;

  early.releasing = FALSE;
  early.done = NULL;
  if (done)
    done (early.done_data);
}

static void
on_unused (GObject *source, GAsyncResult *result, gpointer user_data)
{
  l2tp_charon_unuse_finish (result);
  release_finished ();
}

static void
on_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  L2tpCharonUse *use = l2tp_charon_use_finish (result, &error);

  early.starting = FALSE;
  if (!use)
    {
      /* The connection's own attempt will say what is wrong. */
      l2tp_log_debug ("charon: early start failed: %s", error->message);
      if (early.releasing)
        release_finished ();
      return;
    }
  if (early.forgotten)
    {
      l2tp_charon_use_forget (use);
      return;
    }
  if (early.releasing)
    {
      l2tp_charon_unuse_async (use, on_unused, NULL);
      return;
    }
  early.use = use;
}

void
l2tp_charon_early_start (const char *runtime_root)
{
  g_return_if_fail (runtime_root != NULL);

  if (early.starting || early.use || early.forgotten)
    return;
  early.starting = TRUE;
  l2tp_log_debug ("charon: getting charon ready before the connection asks");
  l2tp_charon_use_async (runtime_root, NULL, on_ready, NULL);
}

void
l2tp_charon_early_forget (void)
{
  if (early.starting)
    early.forgotten = TRUE;
  else if (early.use)
    {
      l2tp_charon_use_forget (early.use);
      early.use = NULL;
      early.forgotten = TRUE;
    }
}

gboolean
l2tp_charon_early_release (GDestroyNotify done, gpointer done_data)
{
  if (early.releasing && !early.done)
    {
      /* Under way without anyone waiting (the connection needed no IPsec). */
      early.done = done;
      early.done_data = done_data;
      return done != NULL;
    }
  if (early.releasing || (!early.starting && !early.use) || early.forgotten)
    return FALSE;
  early.releasing = TRUE;
  early.done = done;
  early.done_data = done_data;
  if (early.use)
    l2tp_charon_unuse_async (g_steal_pointer (&early.use), on_unused, NULL);
  return TRUE;
}
