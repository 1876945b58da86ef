/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Replays files through a fuzz target without libFuzzer, so every compiler
 * runs the seed corpus (and the crash reproducers kept in it) as a plain
 * regression test: fuzz-replay-<target> FILE|DIR...
 * Exits 0 when every input passed; a broken invariant aborts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

static guint n_inputs;

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
replay_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *exact = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (2);
    }
  /* An exact-size copy, as libFuzzer passes it. */
  exact = g_memdup2 (contents, len);
  LLVMFuzzerTestOneInput (exact, len);
  n_inputs++;
}

static void
replay_path (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (!dir)
    {
      fprintf (stderr, "cannot open %s\n", path);
      exit (2);
    }
  /* Sorted, so a failure always shows up at the same input. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    replay_path (names->pdata[i]);
}

int
main (int argc, char **argv)
{
  LLVMFuzzerInitialize (&argc, &argv);
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE|DIR...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);
  if (n_inputs == 0)
    {
      fprintf (stderr, "no inputs found\n");
      return 1;
    }
  printf ("%u inputs replayed, every invariant held\n", n_inputs);
  return 0;
}
