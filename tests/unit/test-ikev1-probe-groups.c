/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for shared/ikev1-probe-groups.c: the probe's groups against
 * simulated servers. Each server accepts a set of the plan's transforms and
 * chooses among those of a group in our order or its own; some have quirks
 * (another refusal notify, a limit on transforms per proposal, silence
 * instead of a refusal, unreadable answers to groups, a choice outside the
 * offer, choices it refuses alone). Offers go out `window` at a time and are
 * answered a round at a time in a shuffled order (a round is one round
 * trip). The result must be exactly the server's set; the number of offers
 * is asserted (exactly, for the plain servers) and printed. */
#include "shared/ikev1-probe-groups.h"
#include "shared/ikev1-probe-packet.h"
#include "shared/ikev1-probe-plan.h"

#include <string.h>

#define GROUP                           L2TP_IKEV1_PROBE_MAX_TRANSFORMS
#define NOTIFY_ATTRIBUTES_NOT_SUPPORTED 13
#define NOTIFY_BAD_PROPOSAL_SYNTAX      15

typedef enum
{
  QUIRK_NONE,
  QUIRK_OTHER_NOTIFY,   /* says no with ATTRIBUTES_NOT_SUPPORTED */
  QUIRK_MAX_TRANSFORMS, /* BAD_PROPOSAL_SYNTAX for more than 8 transforms */
  QUIRK_SILENT_NO,      /* no answer instead of a refusal */
  QUIRK_GARBAGE_GROUPS, /* answers every group unreadably */
  QUIRK_CHOOSE_OUTSIDE, /* names transform n+1 of a group of n */
  QUIRK_CHOOSE_FIRST,   /* from a group it accepts, "chooses" the first offered */
} Quirk;

typedef struct
{
  const char *name;
  guint n;
  gboolean *accepts; /* by plan index */
  guint *rank;       /* its own preference, lower first; NULL: our order */
  Quirk quirk;
} Server;

typedef struct
{
  guint offers, rounds, confirmations;
} Outcome;

static GArray *
plan (void)
{
  static GArray *p;

  if (!p)
    p = l2tp_ikev1_probe_plan_new ();
  return p;
}

static guint
plan_index (const char *name)
{
  for (guint i = 0; i < plan ()->len; i++)
    {
      g_autofree char *s
          = l2tp_ikev1_transform_to_string (&g_array_index (plan (), L2tpProposal, i));

      if (strcmp (s, name) == 0)
        return i;
    }
  g_error ("%s is not in the probe's plan", name);
  return G_MAXUINT;
}

static Server *
server_new (const char *name, guint n)
{
  Server *s = g_new0 (Server, 1);

  s->name = name;
  s->n = n;
  s->accepts = g_new0 (gboolean, n);
  return s;
}

static void
server_free (Server *s)
{
  g_free (s->accepts);
  g_free (s->rank);
  g_free (s);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static guint
count_accepted (const Server *s)
{
  guint k = 0;

  for (guint i = 0; i < s->n; i++)
    k += s->accepts[i];
  return k;
}

/* The server's answer to one offer. */
static void
answer (L2tpProbeGroups *g, const Server *s, const L2tpProbeOffer *o)
{
  guint best = G_MAXUINT;

  if (s->quirk == QUIRK_MAX_TRANSFORMS && o->n > 8)
    {
      g_assert_true (l2tp_probe_groups_refused (g, o->id, NOTIFY_BAD_PROPOSAL_SYNTAX));
      return;
    }
  if (s->quirk == QUIRK_GARBAGE_GROUPS && o->n > 1)
    {
      g_assert_true (l2tp_probe_groups_unreadable (g, o->id));
      return;
    }
  for (guint i = 0; i < o->n; i++)
    {
      guint t = o->indices[i];

      if (i > 0)
        g_assert_cmpuint (o->indices[i - 1], <, t); /* our order */
      if (!s->accepts[t])
        continue;
      if (best == G_MAXUINT || (s->rank && s->rank[t] < s->rank[o->indices[best]]))
        best = i;
    }
  if (best == G_MAXUINT)
    {
      if (s->quirk == QUIRK_SILENT_NO)
        g_assert_true (l2tp_probe_groups_unanswered (g, o->id));
      else
        g_assert_true (l2tp_probe_groups_refused (
            g, o->id,
            s->quirk == QUIRK_OTHER_NOTIFY ? NOTIFY_ATTRIBUTES_NOT_SUPPORTED
                                           : L2TP_IKEV1_NOTIFY_NO_PROPOSAL_CHOSEN));
      return;
    }
  if (s->quirk == QUIRK_CHOOSE_OUTSIDE && o->n > 1)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (l2tp_probe_groups_accepted (g, o->id, o->n, &error));
      g_assert_error (error, L2TP_PROBE_GROUPS_ERROR, 0);
      return;
    }
  if (s->quirk == QUIRK_CHOOSE_FIRST && o->n > 1)
    best = 0;
  g_assert_true (l2tp_probe_groups_accepted (g, o->id, best, NULL));
}

static Outcome
run_with (L2tpProbeGroups *g, const Server *s, guint window, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GPtrArray) in_flight = g_ptr_array_new ();
  Outcome out = { 0 };

  for (;;)
    {
      const L2tpProbeOffer *o;

      while (in_flight->len < window && (o = l2tp_probe_groups_next (g)))
        {
          g_assert_cmpuint (o->n, >=, 1);
          g_assert_cmpuint (o->n, <=, GROUP);
          g_assert_true (!o->confirmation || o->n == 1);
          out.offers++;
          out.confirmations += o->confirmation;
          g_ptr_array_add (in_flight, (gpointer) o);
        }
      if (in_flight->len == 0)
        break;
      out.rounds++;
      /* The answers of a round, in any order. */
      for (guint i = in_flight->len; i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i);
          gpointer t = in_flight->pdata[i - 1];

          in_flight->pdata[i - 1] = in_flight->pdata[j];
          in_flight->pdata[j] = t;
        }
      for (guint i = 0; i < in_flight->len; i++)
        answer (g, s, in_flight->pdata[i]);
      g_ptr_array_set_size (in_flight, 0);
    }
  g_assert_true (l2tp_probe_groups_finished (g));
  g_assert_cmpuint (l2tp_probe_groups_count_decided (g), ==, s->n);
  return out;
}

/* Exactly the server's set is accepted; nothing is left undecided. */
static void
assert_exact (L2tpProbeGroups *g, const Server *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      L2tpTransformVerdict v = l2tp_probe_groups_get_verdict (g, i);

      if (s->accepts[i] != (v == L2TP_VERDICT_ACCEPTED))
        g_error ("%s: transform %u has verdict %d", s->name, i, v);
      g_assert_true (v != L2TP_VERDICT_UNTRIED && v != L2TP_VERDICT_OFFERED
                     && v != L2TP_VERDICT_CHOSEN && v != L2TP_VERDICT_NOT_TRIED);
    }
}

static Outcome
run (const Server *s, guint window, guint32 seed)
{
  g_autoptr (L2tpProbeGroups) g = l2tp_probe_groups_new (s->n, GROUP);
  Outcome out = run_with (g, s, window, seed);

  assert_exact (g, s);
  return out;
}

/* What a plain server costs, whatever its order of choice and the order of
 * the answers: per group of g with k accepted, 2k + 1 offers (k chosen, the
 * refused rest, k confirmations) while k < g/2; else the first half chosen
 * and confirmed, the other half one at a time. */
static guint
expected_offers (const Server *s, guint *n_groups)
{
  guint groups = (s->n + GROUP - 1) / GROUP, total = 0, at = 0;

  for (guint k = 0; k < groups; k++)
    {
      guint size = s->n / groups + (k < s->n % groups ? 1 : 0), acc = 0, half;

      for (guint i = 0; i < size; i++)
        acc += s->accepts[at + i];
      at += size;
      half = (size + 1) / 2;
      if (size == 1)
        total += 1;
      else if (acc < half)
        total += 2 * acc + 1;
      else
        total += 2 * half + (size - half);
    }
  if (n_groups)
    *n_groups = groups;
  return total;
}

static void
assert_plain (const Server *s)
{
  guint groups, want = expected_offers (s, &groups), k = count_accepted (s);
  Outcome o3 = { 0 };

  for (guint window = 1; window <= 4; window++)
    for (guint32 seed = 1; seed <= 3; seed++)
      {
        Outcome o = run (s, window, seed);

        g_assert_cmpuint (o.offers, ==, want);
        if (window == 3 && seed == 1)
          o3 = o;
      }
  /* The bounds the header promises. */
  g_assert_cmpuint (want, <=, (3 * s->n + 1) / 2 + groups);
  g_test_message ("%-28s accepts %3u: %3u offers (%2u confirmations), %2u round trips "
                  "at window 3",
                  s->name, k, want, o3.confirmations, o3.rounds);
}

/*****************************************************************************/

static void
test_partition (void)
{
  static const struct
  {
    guint n, groups, first, last;
  } cases[] = {
    { 240, 10, 24, 24 },
    { 25, 2, 13, 12 },
    { 24, 1, 24, 24 },
    { 1, 1, 1, 1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (L2tpProbeGroups) g = l2tp_probe_groups_new (cases[c].n, GROUP);
      const L2tpProbeOffer *o, *last = NULL;
      guint next = 0, first = 0;

      g_assert_cmpuint (l2tp_probe_groups_count_groups (g), ==, cases[c].groups);
      while ((o = l2tp_probe_groups_next (g)))
        {
          g_assert_false (o->confirmation);
          for (guint i = 0; i < o->n; i++)
            g_assert_cmpuint (o->indices[i], ==, next++);
          if (!first)
            first = o->n;
          last = o;
        }
      g_assert_cmpuint (next, ==, cases[c].n);
      g_assert_cmpuint (first, ==, cases[c].first);
      g_assert_cmpuint (last->n, ==, cases[c].last);
      g_assert_false (l2tp_probe_groups_finished (g));
    }
  {
    g_autoptr (L2tpProbeGroups) g = l2tp_probe_groups_new (0, GROUP);

    g_assert_null (l2tp_probe_groups_next (g));
    g_assert_true (l2tp_probe_groups_finished (g));
  }
}

static void
test_nothing (void)
{
  g_autoptr (Server) s = server_new ("accepts nothing", plan ()->len);

  assert_plain (s);
  g_assert_cmpuint (expected_offers (s, NULL), ==, 10);
}

/* Every one-transform server: 10 groups + the choice + its confirmation. */
static void
test_one (void)
{
  for (guint t = 0; t < plan ()->len; t++)
    {
      g_autoptr (Server) s = server_new ("accepts one", plan ()->len);

      s->accepts[t] = TRUE;
      g_assert_cmpuint (run (s, 3, t).offers, ==, 12);
    }
  {
    g_autoptr (Server) s = server_new ("accepts one (the first)", plan ()->len);

    s->accepts[0] = TRUE;
    assert_plain (s);
  }
}

/* The lab's profiles (tests/lab/profiles/NAME.profile, their IKE= lines), the
 * server choosing in our order, in the profile's order and the reverse. */
static void
test_lab_profiles (void)
{
  g_autofree char *dir = g_build_filename (SOURCE_ROOT, "tests", "lab", "profiles", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *file;

  g_assert_nonnull (d);
  while ((file = g_dir_read_name (d)))
    if (g_str_has_suffix (file, ".profile"))
      g_ptr_array_add (names, g_strdup (file));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >=, 10);

  for (guint f = 0; f < names->len; f++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[f], NULL);
      g_autofree char *text = NULL;
      g_auto (GStrv) lines = NULL;
      gboolean found = FALSE;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      lines = g_strsplit (text, "\n", -1);
      for (guint l = 0; lines[l]; l++)
        {
          g_auto (GStrv) ike = NULL;
          g_autofree char *label = NULL;
          guint n_ike;

          if (!g_str_has_prefix (lines[l], "IKE=\"")
              || !g_str_has_suffix (lines[l], "\""))
            continue;
          found = TRUE;
          lines[l][strlen (lines[l]) - 1] = '\0';
          ike = g_strsplit (lines[l] + 5, " ", -1);
          n_ike = g_strv_length (ike);
          for (guint order = 0; order < 3; order++)
            {
              g_autoptr (Server) s = NULL;

              label = g_strdup_printf ("%.*s (%s)", (int) strlen (names->pdata[f]) - 8,
                                       (char *) names->pdata[f],
                                       order == 0   ? "our order"
                                       : order == 1 ? "its order"
                                                    : "reversed");
              s = server_new (label, plan ()->len);
              if (order > 0)
                {
                  s->rank = g_new (guint, s->n);
                  for (guint i = 0; i < s->n; i++)
                    s->rank[i] = G_MAXUINT;
                }
              for (guint i = 0; i < n_ike; i++)
                {
                  guint t = plan_index (ike[i]);

                  s->accepts[t] = TRUE;
                  if (order > 0)
                    s->rank[t] = order == 1 ? i : n_ike - i;
                }
              assert_plain (s);
              /* Few accepted: every group below half, G + 2k. */
              g_assert_cmpuint (expected_offers (s, NULL), ==, 10 + 2 * n_ike);
              g_clear_pointer (&label, g_free);
            }
        }
      g_assert_true (found);
    }
}

/* A default strongSwan-like set: AES × SHA2 × the strong groups. */
static void
test_dense_sets (void)
{
  g_autoptr (Server) modern = server_new ("AES x SHA2 x >= 2048 bits", plan ()->len);
  g_autoptr (Server) all = server_new ("accepts everything", plan ()->len);

  for (guint i = 0; i < plan ()->len; i++)
    {
      const L2tpProposal *p = &g_array_index (plan (), L2tpProposal, i);

      all->accepts[i] = TRUE;
      modern->accepts[i] = p->enc != L2TP_ENC_3DES && p->integ != L2TP_INTEG_MD5
                           && p->integ != L2TP_INTEG_SHA1 && p->dh != L2TP_DH_MODP768
                           && p->dh != L2TP_DH_MODP1024 && p->dh != L2TP_DH_MODP1536;
    }
  assert_plain (modern);
  assert_plain (all);
  /* The worst case: 10 groups of 12 chosen, 12 confirmed, 12 alone. */
  g_assert_cmpuint (expected_offers (all, NULL), ==, 360);

  all->rank = g_new (guint, all->n);
  for (guint i = 0; i < all->n; i++)
    all->rank[i] = all->n - i;
  all->name = "accepts everything (reversed)";
  assert_plain (all);
}

/* Random sets of every density, random orders of choice and of answers. */
static void
test_random_sets (void)
{
  static const double densities[] = { 0.01, 0.03, 0.1, 0.3, 0.5, 0.7, 0.95 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240917);

  for (guint d = 0; d < G_N_ELEMENTS (densities); d++)
    for (guint rep = 0; rep < 30; rep++)
      {
        g_autoptr (Server) s = server_new ("random", rep % 3 ? plan ()->len : 37 + rep);
        guint want;

        if (rep % 2)
          {
            s->rank = g_new (guint, s->n);
            for (guint i = 0; i < s->n; i++)
              s->rank[i] = g_rand_int (rand);
          }
        for (guint i = 0; i < s->n; i++)
          s->accepts[i] = g_rand_double (rand) < densities[d];
        want = expected_offers (s, NULL);
        g_assert_cmpuint (run (s, 1 + rep % 4, rep).offers, ==, want);
      }
}

/*****************************************************************************/
/* Quirks */

static Server *
lab_like (const char *name, Quirk quirk)
{
  Server *s = server_new (name, plan ()->len);

  s->quirk = quirk;
  s->accepts[plan_index ("aes128-sha256-modp2048")] = TRUE;
  s->accepts[plan_index ("aes256-sha256-modp2048")] = TRUE;
  s->accepts[plan_index ("aes128-sha1-modp2048")] = TRUE;
  s->accepts[plan_index ("aes256-sha1-modp2048")] = TRUE;
  s->accepts[plan_index ("3des-sha512-modp8192")] = TRUE;
  return s;
}

static void
assert_quirk (const Server *s, guint max_offers)
{
  guint worst = 0, rounds = 0;

  for (guint window = 1; window <= 4; window++)
    for (guint32 seed = 1; seed <= 5; seed++)
      {
        Outcome o = run (s, window, seed);

        worst = MAX (worst, o.offers);
        if (window == 3 && seed == 1)
          rounds = o.rounds;
      }
  g_test_message ("%-28s at most %3u offers, %2u round trips at window 3", s->name, worst,
                  rounds);
  g_assert_cmpuint (worst, <=, max_offers);
}

static void
test_quirk_other_notify (void)
{
  g_autoptr (Server) s = lab_like ("says no with notify 13", QUIRK_OTHER_NOTIFY);

  /* Groups split in halves (5 levels from 24 to 1) until a single
   * transform gets notify 13: from then on it means no. Until then at most
   * a window (4) of offers a level, each split into two. */
  assert_quirk (s, 10 + 2 * 5 + 2 * 5 * 4);
}

static void
test_quirk_max_transforms (void)
{
  g_autoptr (Server) s = lab_like ("at most 8 transforms", QUIRK_MAX_TRANSFORMS);

  /* Every group refused whole and in halves (3 offers), then offered in
   * quarters of 6 (40 groups). */
  assert_quirk (s, 10 * 3 + 40 + 2 * 5);
}

static void
test_quirk_silent_no (void)
{
  g_autoptr (Server) s = lab_like ("silent instead of no", QUIRK_SILENT_NO);
  g_autoptr (L2tpProbeGroups) g = l2tp_probe_groups_new (s->n, GROUP);

  assert_quirk (s, 10 + 2 * 5);
  run_with (g, s, 3, 1);
  g_assert_cmpuint (l2tp_probe_groups_count (g, L2TP_VERDICT_UNANSWERED), ==, s->n - 5);
}

static void
test_quirk_garbage_groups (void)
{
  g_autoptr (Server) s = lab_like ("unreadable answer to groups", QUIRK_GARBAGE_GROUPS);

  /* No single answer is unreadable, so groups split down to singles:
   * 2 g - 1 offers a group, still exact. */
  assert_quirk (s, 10 * (2 * GROUP - 1));
}

static void
test_quirk_choose_outside (void)
{
  g_autoptr (Server) s = lab_like ("chooses outside the offer", QUIRK_CHOOSE_OUTSIDE);

  /* The two groups it accepts from split down to singles at most (a tree
   * of 2 g - 1 offers), the other eight are refused. */
  assert_quirk (s, 8 + 2 * (2 * GROUP - 1));
}

static void
test_quirk_choose_first (void)
{
  g_autoptr (Server) s = lab_like ("chooses what it refuses alone", QUIRK_CHOOSE_FIRST);
  g_autoptr (L2tpProbeGroups) g = l2tp_probe_groups_new (s->n, GROUP);

  /* Its choices are confirmed alone: only its set is reported. The two
   * groups it accepts from cost what a group accepted whole costs (36). */
  assert_quirk (s, 8 + 2 * 36);
  run_with (g, s, 3, 1);
  g_assert_cmpuint (l2tp_probe_groups_count (g, L2TP_VERDICT_UNCONFIRMED), >, 0);
}

/*****************************************************************************/
/* Late answers, offering again, stopping */

static void
test_late_answers (void)
{
  g_autoptr (L2tpProbeGroups) g = l2tp_probe_groups_new (48, GROUP);
  const L2tpProbeOffer *a = l2tp_probe_groups_next (g);
  const L2tpProbeOffer *b = l2tp_probe_groups_next (g);
  const L2tpProbeOffer *rest, *confirm;

  g_assert_true (l2tp_probe_groups_unanswered (g, a->id));
  g_assert_true (l2tp_probe_groups_unanswered (g, b->id));
  g_assert_false (l2tp_probe_groups_unanswered (g, b->id));
  g_assert_cmpuint (l2tp_probe_groups_count (g, L2TP_VERDICT_UNANSWERED), ==, 48);
  g_assert_true (l2tp_probe_groups_finished (g));
  /* A late refusal and a late choice still count; a second answer does not. */
  g_assert_true (l2tp_probe_groups_refused (g, a->id, 14));
  g_assert_false (l2tp_probe_groups_refused (g, a->id, 14));
  g_assert_true (l2tp_probe_groups_accepted (g, b->id, 5, NULL));
  g_assert_false (l2tp_probe_groups_accepted (g, b->id, 5, NULL));
  g_assert_cmpuint (l2tp_probe_groups_count (g, L2TP_VERDICT_REFUSED), ==, 24);
  g_assert_cmpint (l2tp_probe_groups_get_verdict (g, 29), ==, L2TP_VERDICT_CHOSEN);
  rest = l2tp_probe_groups_next (g);
  confirm = l2tp_probe_groups_next (g);
  g_assert_cmpuint (rest->n, ==, 23);
  g_assert_false (rest->confirmation);
  g_assert_true (confirm->confirmation);
  g_assert_cmpuint (confirm->n, ==, 1);
  g_assert_cmpuint (confirm->indices[0], ==, 29);
  g_assert_null (l2tp_probe_groups_next (g));
  g_assert_true (l2tp_probe_groups_refused (g, rest->id, 14));
  g_assert_true (l2tp_probe_groups_accepted (g, confirm->id, 0, NULL));
  g_assert_true (l2tp_probe_groups_finished (g));
  g_assert_cmpuint (l2tp_probe_groups_count (g, L2TP_VERDICT_ACCEPTED), ==, 1);
  g_assert_cmpint (l2tp_probe_groups_get_verdict (g, 29), ==, L2TP_VERDICT_ACCEPTED);
}

/* Unanswered on one port, every unanswered offer goes out again. */
static void
test_offer_again (void)
{
  g_autoptr (Server) s = lab_like ("silent on UDP 500", QUIRK_NONE);
  g_autoptr (L2tpProbeGroups) g = l2tp_probe_groups_new (s->n, GROUP);
  const L2tpProbeOffer *o;
  guint n = 0, sent;

  while ((o = l2tp_probe_groups_next (g)))
    {
      g_assert_true (l2tp_probe_groups_unanswered (g, o->id));
      n++;
    }
  g_assert_cmpuint (n, ==, 10);
  for (guint id = 0; id < n; id++)
    {
      g_assert_true (l2tp_probe_groups_offer_again (g, id));
      g_assert_false (l2tp_probe_groups_offer_again (g, id));
      /* An offer sent again ignores late answers to its first sending. */
      g_assert_false (l2tp_probe_groups_refused (g, id, 14));
    }
  g_assert_cmpuint (l2tp_probe_groups_count (g, L2TP_VERDICT_UNTRIED), ==, s->n);
  sent = run_with (g, s, 3, 7).offers;
  assert_exact (g, s);
  g_assert_cmpuint (sent, ==, expected_offers (s, NULL));
}

static void
test_stop (void)
{
  g_autoptr (L2tpProbeGroups) g = l2tp_probe_groups_new (240, GROUP);
  const L2tpProbeOffer *a = l2tp_probe_groups_next (g);
  const L2tpProbeOffer *b = l2tp_probe_groups_next (g);

  g_assert_true (l2tp_probe_groups_accepted (g, a->id, 0, NULL));
  l2tp_probe_groups_stop (g);
  g_assert_null (l2tp_probe_groups_next (g));
  /* Still awaited: b. Never offered: 8 groups and a's rest. */
  g_assert_false (l2tp_probe_groups_finished (g));
  g_assert_cmpuint (l2tp_probe_groups_count (g, L2TP_VERDICT_OFFERED), ==, 24);
  g_assert_cmpuint (l2tp_probe_groups_count (g, L2TP_VERDICT_NOT_TRIED), ==, 8 * 24 + 23);
  g_assert_cmpint (l2tp_probe_groups_get_verdict (g, 0), ==, L2TP_VERDICT_CHOSEN);
  g_assert_true (l2tp_probe_groups_unanswered (g, b->id));
  g_assert_true (l2tp_probe_groups_finished (g));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/probe-groups/partition", test_partition);
  g_test_add_func ("/probe-groups/server/nothing", test_nothing);
  g_test_add_func ("/probe-groups/server/one", test_one);
  g_test_add_func ("/probe-groups/server/lab-profiles", test_lab_profiles);
  g_test_add_func ("/probe-groups/server/dense", test_dense_sets);
  g_test_add_func ("/probe-groups/server/random", test_random_sets);
  g_test_add_func ("/probe-groups/quirk/other-notify", test_quirk_other_notify);
  g_test_add_func ("/probe-groups/quirk/max-transforms", test_quirk_max_transforms);
  g_test_add_func ("/probe-groups/quirk/silent-no", test_quirk_silent_no);
  g_test_add_func ("/probe-groups/quirk/garbage-groups", test_quirk_garbage_groups);
  g_test_add_func ("/probe-groups/quirk/choose-outside", test_quirk_choose_outside);
  g_test_add_func ("/probe-groups/quirk/choose-first", test_quirk_choose_first);
  g_test_add_func ("/probe-groups/late-answers", test_late_answers);
  g_test_add_func ("/probe-groups/offer-again", test_offer_again);
  g_test_add_func ("/probe-groups/stop", test_stop);
  return g_test_run ();
}
