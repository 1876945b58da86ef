/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kernel watch on a CHILD_SA: counting crafted netlink messages, then
 * the real kernel in a network namespace of its own (root only): a policy
 * like charon's is dumped and counted, and `ip xfrm policy flush` makes the
 * watch say what is lost. (The host kernel has no ESP, so its SAs are only
 * counted from crafted messages here; the lab flushes real ones.) */
#define _GNU_SOURCE
#include "src/ipsec/xfrm-watch.h"

#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

static void
append_msg (GByteArray *out, guint16 type, const void *payload, gsize len,
            const void *attr, guint16 attr_type, gsize attr_len)
{
  struct nlmsghdr h = { 0 };
  static const guint8 pad[8] = { 0 };
  gsize total
      = NLMSG_HDRLEN + NLMSG_ALIGN (len) + (attr ? NLA_ALIGN (NLA_HDRLEN + attr_len) : 0);

  h.nlmsg_len = total;
  h.nlmsg_type = type;
  g_byte_array_append (out, (const guint8 *) &h, sizeof h);
  g_byte_array_append (out, payload, len);
  g_byte_array_append (out, pad, NLMSG_ALIGN (len) - len);
  if (attr)
    {
      struct nlattr nla = { .nla_len = NLA_HDRLEN + attr_len, .nla_type = attr_type };

      g_byte_array_append (out, (const guint8 *) &nla, sizeof nla);
      g_byte_array_append (out, attr, attr_len);
      g_byte_array_append (out, pad, NLA_ALIGN (attr_len) - attr_len);
    }
}

static void
append_sa (GByteArray *out, guint16 type, guint32 reqid, guint8 proto)
{
  struct xfrm_usersa_info sa = { 0 };

  sa.reqid = reqid;
  sa.id.proto = proto;
  append_msg (out, type, &sa, sizeof sa, NULL, 0, 0);
}

static void
append_policy (GByteArray *out, guint8 dir, guint8 action, guint32 reqid)
{
  struct xfrm_userpolicy_info pol = { 0 };
  struct xfrm_user_tmpl tmpl[2] = { 0 };

  pol.dir = dir;
  pol.action = action;
  tmpl[0].reqid = reqid + 100;
  tmpl[0].id.proto = IPPROTO_ESP;
  tmpl[1].reqid = reqid;
  tmpl[1].id.proto = IPPROTO_ESP;
  append_msg (out, XFRM_MSG_NEWPOLICY, &pol, sizeof pol, tmpl, XFRMA_TMPL, sizeof tmpl);
}

static void
test_count (void)
{
  g_autoptr (GByteArray) dump = g_byte_array_new ();
  L2tpXfrmCount c = { 0 };

  append_sa (dump, XFRM_MSG_NEWSA, 7, IPPROTO_ESP);
  append_sa (dump, XFRM_MSG_NEWSA, 7, IPPROTO_ESP);
  append_sa (dump, XFRM_MSG_NEWSA, 8, IPPROTO_ESP); /* another connection */
  append_sa (dump, XFRM_MSG_NEWSA, 7, IPPROTO_AH);
  append_policy (dump, XFRM_POLICY_OUT, XFRM_POLICY_ALLOW, 7);
  append_policy (dump, XFRM_POLICY_IN, XFRM_POLICY_ALLOW, 7);
  append_policy (dump, XFRM_POLICY_OUT, XFRM_POLICY_BLOCK, 7);
  append_policy (dump, XFRM_POLICY_OUT, XFRM_POLICY_ALLOW, 9);
  g_assert_true (l2tp_xfrm_count (dump->data, dump->len, 7, &c));
  g_assert_cmpuint (c.esp_sas, ==, 2);
  g_assert_cmpuint (c.out_policies, ==, 1);
  g_assert_false (c.deletion);
  g_assert_true (l2tp_xfrm_count_complete (&c));

  /* One SA deleted: not complete, and the announcement is a deletion. */
  memset (&c, 0, sizeof c);
  g_byte_array_set_size (dump, 0);
  append_sa (dump, XFRM_MSG_NEWSA, 7, IPPROTO_ESP);
  append_policy (dump, XFRM_POLICY_OUT, XFRM_POLICY_ALLOW, 7);
  append_sa (dump, XFRM_MSG_DELSA, 7, IPPROTO_ESP);
  g_assert_true (l2tp_xfrm_count (dump->data, dump->len, 7, &c));
  g_assert_true (c.deletion);
  g_assert_false (l2tp_xfrm_count_complete (&c));
}

static void
test_announcements (void)
{
  g_autoptr (GByteArray) msg = g_byte_array_new ();
  struct xfrm_user_expire expire = { 0 };
  struct xfrm_usersa_flush flush = { .proto = IPPROTO_ESP };
  L2tpXfrmCount c = { 0 };

  /* A soft expiry announces a rekey: no deletion. */
  append_msg (msg, XFRM_MSG_EXPIRE, &expire, sizeof expire, NULL, 0, 0);
  g_assert_true (l2tp_xfrm_count (msg->data, msg->len, 7, &c));
  g_assert_false (c.deletion);
  expire.hard = 1;
  append_msg (msg, XFRM_MSG_EXPIRE, &expire, sizeof expire, NULL, 0, 0);
  g_assert_true (l2tp_xfrm_count (msg->data, msg->len, 7, &c));
  g_assert_true (c.deletion);

  memset (&c, 0, sizeof c);
  g_byte_array_set_size (msg, 0);
  append_msg (msg, XFRM_MSG_FLUSHSA, &flush, sizeof flush, NULL, 0, 0);
  g_assert_true (l2tp_xfrm_count (msg->data, msg->len, 7, &c));
  g_assert_true (c.deletion);
}

static void
test_malformed (void)
{
  g_autoptr (GByteArray) msg = g_byte_array_new ();
  L2tpXfrmCount c = { 0 };
  struct nlmsghdr *h;

  append_sa (msg, XFRM_MSG_NEWSA, 7, IPPROTO_ESP);
  append_policy (msg, XFRM_POLICY_OUT, XFRM_POLICY_ALLOW, 7);
  /* The second message claims more than there is. */
  h = (struct nlmsghdr *) (msg->data
                           + NLMSG_ALIGN (((struct nlmsghdr *) msg->data)->nlmsg_len));
  h->nlmsg_len += 64;
  g_assert_false (l2tp_xfrm_count (msg->data, msg->len, 7, &c));
  g_assert_cmpuint (c.esp_sas, ==, 1);
  g_assert_cmpuint (c.out_policies, ==, 0);
  /* A template attribute longer than its message. */
  memset (&c, 0, sizeof c);
  h->nlmsg_len -= 64;
  ((struct nlattr *) ((guint8 *) h + NLMSG_HDRLEN
                      + NLMSG_ALIGN (sizeof (struct xfrm_userpolicy_info))))
      ->nla_len
      = 4000;
  g_assert_true (l2tp_xfrm_count (msg->data, msg->len, 7, &c));
  g_assert_cmpuint (c.out_policies, ==, 0);
  /* Shorter than a header, and empty. */
  g_assert_true (l2tp_xfrm_count (msg->data, 3, 7, &c));
  g_assert_true (l2tp_xfrm_count (NULL, 0, 7, &c));
}

static void
run_ip (const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("ip %s", args);
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
on_lost (const char *what, gpointer user_data)
{
  *(char **) user_data = g_strdup (what);
}

static void
test_kernel (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpXfrmWatch) watch = NULL;
  g_autofree char *lost = NULL;
  L2tpXfrmCount c = { 0 };
  gint64 end;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root for a network namespace");
      return;
    }
  g_assert_cmpint (unshare (CLONE_NEWNET), ==, 0);
  run_ip ("link set lo up");
  run_ip ("xfrm policy add src 127.0.0.1 dst 127.0.0.2 proto udp sport 40000 dport 1701 "
          "dir out tmpl src 127.0.0.1 dst 127.0.0.2 proto esp reqid 7 mode transport");
  run_ip ("xfrm policy add src 127.0.0.2 dst 127.0.0.1 proto udp sport 1701 dport 40000 "
          "dir in tmpl src 127.0.0.2 dst 127.0.0.1 proto esp reqid 7 mode transport");
  g_assert_true (l2tp_xfrm_dump_count (7, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.out_policies, ==, 1);
  g_assert_cmpuint (c.esp_sas, ==, 0);

  watch = l2tp_xfrm_watch_new (7, on_lost, &lost, &error);
  g_assert_no_error (error);
  g_assert_nonnull (watch);
  /* No announcement, no look: nothing said yet. */
  g_main_context_iteration (NULL, FALSE);
  g_assert_null (lost);
  run_ip ("xfrm policy flush");
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!lost && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  /* The SAs were never there (no ESP in this kernel): those are named. */
  g_assert_cmpstr (lost, ==, "the ESP SAs");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xfrm-watch/count", test_count);
  g_test_add_func ("/xfrm-watch/announcements", test_announcements);
  g_test_add_func ("/xfrm-watch/malformed", test_malformed);
  g_test_add_func ("/xfrm-watch/kernel", test_kernel);
  return g_test_run ();
}
