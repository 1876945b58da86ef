/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which SAs of a list-sa / updown message are a connection's own, when two
 * connections share one IKE SA (charon names it after the first; the
 * CHILD_SA sections are keyed "name-uniqueid" and carry "name"). */
#include "shared/vici-sa-owner.h"

#define A "nm-l2tp-ipsec-aaaa"
#define B "nm-l2tp-ipsec-bbbb"

/* One IKE SA section named ike_name with uniqueid id and the CHILD_SAs
 * named in children (NULL-terminated). */
static void
add_ike (ViciMessage *msg, const char *ike_name, const char *id,
         const char *const *children)
{
  vici_message_begin_section (msg, ike_name);
  vici_message_add_kv_str (msg, "uniqueid", id);
  vici_message_add_kv_str (msg, "state", "ESTABLISHED");
  vici_message_begin_section (msg, "child-sas");
  for (guint i = 0; children && children[i]; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s-%u", children[i], 10 + i);

      vici_message_begin_section (msg, key);
      vici_message_add_kv_str (msg, "name", children[i]);
      vici_message_add_kv_str (msg, "state", "INSTALLED");
      vici_message_end_section (msg);
    }
  vici_message_end_section (msg);
  vici_message_end_section (msg);
}

static GArray *
uses_of (const ViciMessage *msg, const char *name)
{
  GArray *uses = g_array_new (FALSE, TRUE, sizeof (L2tpViciIkeUse));

  g_array_set_clear_func (uses, l2tp_vici_ike_use_clear);
  l2tp_vici_sa_collect_uses (msg, name, uses);
  return uses;
}

/* A's IKE SA carries A's and B's CHILD_SAs. */
static void
test_shared (void)
{
  static const char *const both[] = { A, B, NULL };
  g_autoptr (ViciMessage) msg = vici_message_new ();
  g_autoptr (GArray) a = NULL;
  g_autoptr (GArray) b = NULL;
  const L2tpViciIkeUse *u;

  add_ike (msg, A, "3", both);
  a = uses_of (msg, A);
  b = uses_of (msg, B);
  g_assert_cmpuint (a->len, ==, 1);
  u = &g_array_index (a, L2tpViciIkeUse, 0);
  g_assert_cmpstr (u->ike_id, ==, "3");
  g_assert_true (u->named_ours && u->carries_ours);
  g_assert_cmpuint (u->others, ==, 1);
  g_assert_false (l2tp_vici_ike_use_deletable (u));
  /* B does not own the IKE SA's name, yet the IKE SA carries B. */
  g_assert_cmpuint (b->len, ==, 1);
  u = &g_array_index (b, L2tpViciIkeUse, 0);
  g_assert_false (u->named_ours);
  g_assert_true (u->carries_ours);
  g_assert_false (l2tp_vici_ike_use_deletable (u));
  g_assert_true (l2tp_vici_sa_carrying (msg, B) == vici_message_lookup (msg, A));
  g_assert_true (l2tp_vici_sa_carrying (msg, A) == vici_message_lookup (msg, A));
}

/* A went down: its IKE SA carries only B's CHILD_SA, which B's teardown
 * may delete with it; A owns nothing of it any more. */
static void
test_left_behind (void)
{
  static const char *const only_b[] = { B, NULL };
  g_autoptr (ViciMessage) msg = vici_message_new ();
  g_autoptr (GArray) a = NULL;
  g_autoptr (GArray) b = NULL;

  add_ike (msg, A, "3", only_b);
  a = uses_of (msg, A);
  b = uses_of (msg, B);
  /* Named A but carrying B: A must not delete it. */
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_false (l2tp_vici_ike_use_deletable (&g_array_index (a, L2tpViciIkeUse, 0)));
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_true (l2tp_vici_ike_use_deletable (&g_array_index (b, L2tpViciIkeUse, 0)));
  g_assert_null (l2tp_vici_sa_carrying (msg, A));
}

/* Before its Quick Mode, a connection's IKE SA carries nothing: deletable;
 * SAs of others and sections without a uniqueid are never ours. */
static void
test_own_and_foreign (void)
{
  static const char *const foreign[] = { "office", NULL };
  g_autoptr (ViciMessage) msg = vici_message_new ();
  g_autoptr (GArray) a = NULL;

  add_ike (msg, A, "8", NULL);
  add_ike (msg, "office", "9", foreign);
  vici_message_begin_section (msg, A);
  vici_message_add_kv_str (msg, "state", "CONNECTING");
  vici_message_end_section (msg);
  vici_message_add_kv_str (msg, "up", "no");
  a = uses_of (msg, A);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpstr (g_array_index (a, L2tpViciIkeUse, 0).ike_id, ==, "8");
  g_assert_true (l2tp_vici_ike_use_deletable (&g_array_index (a, L2tpViciIkeUse, 0)));
  g_assert_null (l2tp_vici_sa_carrying (msg, A));
  g_assert_null (l2tp_vici_sa_carrying (NULL, A));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vici-sa-owner/shared", test_shared);
  g_test_add_func ("/vici-sa-owner/left-behind", test_left_behind);
  g_test_add_func ("/vici-sa-owner/own-and-foreign", test_own_and_foreign);
  return g_test_run ();
}
