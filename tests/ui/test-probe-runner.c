/* SPDX-License-Identifier: GPL-2.0-or-later */
/* properties/probe-runner.c without a display (unit suite): the progress
 * counter in every translation's line, the JSON result of the real tool and
 * hostile variants, and the process side (missing tool, a tool failing
 * without a result, cancellation killing it, the build's real tool against
 * a loopback address where nothing answers IKE).
 *
 * usage: test-probe-runner [--tap] [BUILD-TOOL]   (BUILD-TOOL: src/cli/nm-l2tp-ipsec) */
#include <glib/gstdio.h>
#include <string.h>

#include "probe-runner.h"

static const char *build_tool;

static void
test_progress (void)
{
  guint done = 0, total = 0;

  /* As the tool prints them in C, ja and zh_CN (po/). */
  g_assert_true (l2tp_probe_parse_progress (
      "[ 12/241] aes256-sha1-modp1024 on UDP 500: accepted (3.0 ms)", &done, &total));
  g_assert_cmpuint (done, ==, 12);
  g_assert_cmpuint (total, ==, 241);
  g_assert_true (l2tp_probe_parse_progress (
      "[  1/241] aes256-sha1-modp1024 (UDP 4500): 受け入れ (4.2 ms)", &done, &total));
  g_assert_cmpuint (done, ==, 1);
  g_assert_true (
      l2tp_probe_parse_progress ("[241/241] x (UDP 500): 无应答", &done, &total));
  g_assert_cmpuint (done, ==, 241);

  g_assert_false (l2tp_probe_parse_progress ("", NULL, NULL));
  g_assert_false (
      l2tp_probe_parse_progress ("nm-l2tp-ipsec probe: cannot resolve x: y", NULL, NULL));
  g_assert_false (l2tp_probe_parse_progress ("[12/241 x", NULL, NULL));
  g_assert_false (l2tp_probe_parse_progress ("[12/0] x", NULL, NULL));
  g_assert_false (l2tp_probe_parse_progress ("[13/12] x", NULL, NULL));
  g_assert_false (l2tp_probe_parse_progress ("[/12] x", NULL, NULL));
  g_assert_false (l2tp_probe_parse_progress ("[-1/12] x", NULL, NULL));
  g_assert_false (l2tp_probe_parse_progress ("[1/99999999999999999999] x", NULL, NULL));
  g_assert_false (l2tp_probe_parse_progress (" [1/2] x", NULL, NULL));
}

/* The head of a real run against charon (tests/ui/with-charon.sh). */
static const char real_json[]
    = "{\n  \"host\" : \"127.0.0.1\",\n  \"address\" : \"127.0.0.1\",\n"
      "  \"result\" : \"done\",\n  \"udp-500\" : true,\n  \"udp-4500\" : true,\n"
      "  \"accepted\" : [\n    \"aes256-sha1-modp1024\",\n"
      "    \"aes256-sha256-modp2048\",\n    \"aes128-sha1-modp2048\",\n"
      "    \"aes128-sha256-modp3072\"\n  ],\n"
      "  \"ipsec-ike\" : \"aes256-sha1-modp1024,aes256-sha256-modp2048,"
      "aes128-sha1-modp2048,aes128-sha256-modp3072\",\n"
      "  \"vendor-ids\" : [],\n  \"offers\" : 241,\n  \"refused\" : 236,\n"
      "  \"unanswered\" : 0,\n  \"unreadable\" : 0,\n  \"not-tried\" : 0,\n"
      "  \"elapsed-ms\" : 312.5,\n  \"probes\" : []\n}\n";

static void
test_result (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProbeResult) r
      = l2tp_probe_result_parse (real_json, strlen (real_json), &error);
  g_autofree char *proposals = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpint (r->end, ==, L2TP_PROBE_END_DONE);
  g_assert_cmpuint (g_strv_length (r->accepted), ==, 4);
  g_assert_cmpuint (r->offers, ==, 241);
  g_assert_cmpuint (r->not_tried, ==, 0);
  proposals = l2tp_probe_result_to_proposals (r);
  g_assert_cmpstr (proposals, ==,
                   "aes256-sha1-modp1024,aes256-sha256-modp2048,aes128-sha1-modp2048,"
                   "aes128-sha256-modp3072");
}

/* The head of a run that offers groups: 19 first messages, 240 transforms. */
static const char groups_json[]
    = "{\n  \"host\" : \"127.0.0.1\",\n  \"address\" : \"127.0.0.1\",\n"
      "  \"result\" : \"done\",\n  \"udp-500\" : true,\n  \"udp-4500\" : true,\n"
      "  \"accepted\" : [\n    \"aes256-sha1-modp1024\",\n"
      "    \"aes256-sha256-modp2048\",\n    \"aes128-sha1-modp2048\",\n"
      "    \"aes128-sha256-modp3072\"\n  ],\n"
      "  \"ipsec-ike\" : \"aes256-sha1-modp1024,aes256-sha256-modp2048,"
      "aes128-sha1-modp2048,aes128-sha256-modp3072\",\n"
      "  \"unconfirmed\" : [],\n"
      "  \"vendor-ids\" : [],\n  \"offers\" : 19,\n  \"refused\" : 10,\n"
      "  \"unanswered\" : 0,\n  \"unreadable\" : 0,\n  \"not-tried\" : 0,\n"
      "  \"transforms-offered\" : 240,\n"
      "  \"elapsed-ms\" : 26,\n  \"probes\" : []\n}\n";

static void
test_result_groups (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProbeResult) r
      = l2tp_probe_result_parse (groups_json, strlen (groups_json), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (r->accepted), ==, 4);
  /* The transforms offered, not the messages. */
  g_assert_cmpuint (r->offers, ==, 240);
}

static void
test_result_nothing (void)
{
  const char *json = "{\"result\":\"stopped-answering\",\"accepted\":[],\"offers\":9,"
                     "\"not-tried\":232}";
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProbeResult) r = l2tp_probe_result_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_cmpint (r->end, ==, L2TP_PROBE_END_STOPPED);
  g_assert_null (l2tp_probe_result_to_proposals (r));
  g_assert_cmpuint (r->not_tried, ==, 232);
}

static void
test_result_hostile (void)
{
  static const char *const bad[] = {
    "",
    "[]",
    "null",
    "{",
    "{\"accepted\":[]}",
    "{\"result\":\"maybe\",\"accepted\":[]}",
    "{\"result\":7,\"accepted\":[]}",
    "{\"result\":\"done\"}",
    "{\"result\":\"done\",\"accepted\":\"aes128-sha1-modp2048\"}",
    "{\"result\":\"done\",\"accepted\":[7]}",
    "{\"result\":\"done\",\"accepted\":[\"\"]}",
    "{\"result\":\"done\",\"accepted\":[null]}",
    "{\"result\":\"done\",\"accepted\":[\"aes128-sha1-modp2048,3des-md5-modp768\"]}",
    "{\"result\":\"done\",\"accepted\":[[\"aes128\"]]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (L2tpProbeResult) r
          = l2tp_probe_result_parse (bad[i], strlen (bad[i]), &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (r);
      g_assert_nonnull (error);
    }
  {
    /* Odd counts read as 0, not as garbage. */
    const char *json = "{\"result\":\"done\",\"accepted\":[\"a\"],\"offers\":-5,"
                       "\"not-tried\":\"x\"}";
    g_autoptr (L2tpProbeResult) r = l2tp_probe_result_parse (json, strlen (json), NULL);

    g_assert_nonnull (r);
    g_assert_cmpuint (r->offers, ==, 0);
    g_assert_cmpuint (r->not_tried, ==, 0);
  }
}

/* ---- the process ------------------------------------------------------------ */

typedef struct
{
  GAsyncResult *result;
  guint progress;
  guint last_done, last_total;
} Waiter;

static void
on_progress (guint done, guint total, gpointer user_data)
{
  Waiter *w = user_data;

  w->progress++;
  w->last_done = done;
  w->last_total = total;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Waiter *w = user_data;

  w->result = g_object_ref (result);
}

static L2tpProbeResult *
run (const char *tool, const char *host, GCancellable *cancellable, Waiter *w,
     GError **error)
{
  L2tpProbeResult *r;

  g_setenv (L2TP_PROBE_TOOL_ENV, tool, TRUE);
  l2tp_probe_run_async (host, on_progress, w, cancellable, on_done, w);
  while (!w->result)
    g_main_context_iteration (NULL, TRUE);
  r = l2tp_probe_run_finish (w->result, error);
  g_clear_object (&w->result);
  return r;
}

static char *
write_tool (const char *dir, const char *name, const char *script)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, script, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

static void
test_run_missing (void)
{
  g_autoptr (GError) error = NULL;
  Waiter w = { 0 };
  g_autoptr (L2tpProbeResult) r
      = run ("/nonexistent/nm-l2tp-ipsec", "192.0.2.1", NULL, &w, &error);

  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nm-l2tp-ipsec"));
}

static void
test_run_fails (void)
{
  g_autofree char *dir = g_dir_make_tmp ("probe-runner-XXXXXX", NULL);
  g_autofree char *tool = write_tool (dir, "fails",
                                      "#!/bin/sh\n"
                                      "echo '[  1/2] x on UDP 500: no answer' >&2\n"
                                      "echo 'nm-l2tp-ipsec probe: cannot resolve "
                                      "nowhere.invalid: no such name' >&2\n"
                                      "exit 1\n");
  g_autoptr (GError) error = NULL;
  Waiter w = { 0 };
  g_autoptr (L2tpProbeResult) r = run (tool, "nowhere.invalid", NULL, &w, &error);

  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  /* The tool's own words, not the progress line. */
  g_assert_cmpstr (error->message, ==,
                   "nm-l2tp-ipsec probe: cannot resolve nowhere.invalid: no such name");
  g_assert_cmpuint (w.progress, ==, 1);
  g_unlink (tool);
  g_rmdir (dir);
}

static gboolean
cancel_soon (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_run_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("probe-runner-XXXXXX", NULL);
  /* Reports progress, then would hang for a minute. */
  g_autofree char *tool = write_tool (dir, "hangs",
                                      "#!/bin/sh\n"
                                      "echo '[  1/241] x on UDP 500: accepted' >&2\n"
                                      "exec sleep 60\n");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProbeResult) r = NULL;
  Waiter w = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_timeout_add (300, cancel_soon, cancellable);
  r = run (tool, "192.0.2.1", cancellable, &w, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Killed, not waited for. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_unlink (tool);
  g_rmdir (dir);
}

/* The real tool: nothing listens on UDP 500 of 127.0.0.1 here. */
static void
test_run_real_no_answer (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProbeResult) r = NULL;
  Waiter w = { 0 };

  if (!build_tool || !g_file_test (build_tool, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the build's nm-l2tp-ipsec is not given");
      return;
    }
  {
    /* A host that runs charon or another IKE daemon would answer. */
    g_autoptr (GSocket) s = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                          G_SOCKET_PROTOCOL_UDP, NULL);
    g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr (GSocketAddress) a = g_inet_socket_address_new (lo, 500);

    if (!s || !g_socket_bind (s, a, FALSE, NULL))
      {
        g_test_skip ("UDP 500 of 127.0.0.1 is in use (an IKE daemon?) or not ours to "
                     "bind");
        return;
      }
  }
  r = run (build_tool, "127.0.0.1", NULL, &w, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpint (r->end, ==, L2TP_PROBE_END_NO_ANSWER);
  g_assert_null (r->accepted[0]);
  g_assert_cmpuint (w.progress, >, 0);
  g_assert_cmpuint (w.last_total, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  build_tool = argc > 1 ? argv[1] : NULL;

  g_test_add_func ("/probe-runner/progress", test_progress);
  g_test_add_func ("/probe-runner/result", test_result);
  g_test_add_func ("/probe-runner/result-groups", test_result_groups);
  g_test_add_func ("/probe-runner/result-nothing", test_result_nothing);
  g_test_add_func ("/probe-runner/result-hostile", test_result_hostile);
  g_test_add_func ("/probe-runner/run-missing", test_run_missing);
  g_test_add_func ("/probe-runner/run-fails", test_run_fails);
  g_test_add_func ("/probe-runner/run-cancel", test_run_cancel);
  g_test_add_func ("/probe-runner/run-real-no-answer", test_run_real_no_answer);
  return g_test_run ();
}
