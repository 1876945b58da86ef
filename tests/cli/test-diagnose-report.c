/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diagnose's check model and its two renderers: exact text, the JSON
 * document's shape, exit status, and outside text cleaned on the way in. */
#include "diagnose-report.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

static L2tpCheckList *
sample (void)
{
  L2tpCheckList *list = l2tp_check_list_new ();
  L2tpCheck *check;

  l2tp_check_list_add (list, "xl2tpd", L2TP_CHECK_OK, "xl2tpd 1.3.18 (/usr/sbin/xl2tpd)",
                       NULL);
  check = l2tp_check_list_add (list, "udp-1701", L2TP_CHECK_FAIL,
                               "UDP port 1701 is held by xl2tpd (pid 123, systemd unit "
                               "xl2tpd.service) on 0.0.0.0",
                               "the service works around it, or stop it: sudo systemctl "
                               "disable --now xl2tpd.service");
  l2tp_check_add_fact (check, "pid", "123");
  l2tp_check_add_fact (check, "unit", "xl2tpd.service");
  l2tp_check_add_fact (check, "none", NULL);
  l2tp_check_list_add (list, "system-charon", L2TP_CHECK_UNKNOWN,
                       "A system charon's socket /run/charon.vici is there, but only "
                       "root may use it",
                       "run diagnose as root");
  return list;
}

static void
test_model (void)
{
  g_autoptr (L2tpCheckList) list = sample ();
  g_autoptr (L2tpCheckList) fine = l2tp_check_list_new ();
  const L2tpCheck *check = l2tp_check_list_find (list, "udp-1701");

  g_assert_cmpuint (list->checks->len, ==, 3);
  g_assert_cmpuint (l2tp_check_list_count (list, L2TP_CHECK_OK), ==, 1);
  g_assert_cmpuint (l2tp_check_list_count (list, L2TP_CHECK_FAIL), ==, 1);
  g_assert_cmpuint (l2tp_check_list_count (list, L2TP_CHECK_UNKNOWN), ==, 1);
  g_assert_cmpint (l2tp_check_list_exit_status (list), ==, 1);
  g_assert_nonnull (check);
  g_assert_cmpuint (check->facts->len, ==, 4); /* the NULL value is skipped */
  g_assert_null (l2tp_check_list_find (list, "nothing"));

  /* ? is not a failure. */
  l2tp_check_list_add (fine, "a", L2TP_CHECK_OK, "a", NULL);
  l2tp_check_list_add (fine, "b", L2TP_CHECK_UNKNOWN, "b", "as root");
  g_assert_cmpint (l2tp_check_list_exit_status (fine), ==, 0);
  g_assert_cmpstr (l2tp_check_status_name (L2TP_CHECK_FAIL), ==, "fail");
}

static void
test_cleaned (void)
{
  /* A process name or a server's words with ESC or a newline: shown. */
  g_autoptr (L2tpCheckList) list = l2tp_check_list_new ();
  L2tpCheck *check = l2tp_check_list_add (list, "x", L2TP_CHECK_FAIL,
                                          "held by \x1b[31mevil\nline", "kill\r\x07");

  l2tp_check_add_fact (check, "process", "a\x1b]0;title\x07");
  g_assert_null (strchr (check->text, '\x1b'));
  g_assert_null (strchr (check->text, '\n'));
  g_assert_null (strchr (check->fix, '\r'));
  g_assert_null (strchr (check->facts->pdata[1], '\x07'));
  g_assert_cmpstr (check->text, ==, "held by \\x1b[31mevil\\x0aline");
}

static void
test_text (void)
{
  g_autoptr (L2tpCheckList) list = sample ();
  g_autofree char *text = l2tp_diagnose_report_text (list);

  g_assert_cmpstr (text, ==,
                   "✓ xl2tpd 1.3.18 (/usr/sbin/xl2tpd)\n"
                   "✗ UDP port 1701 is held by xl2tpd (pid 123, systemd unit "
                   "xl2tpd.service) on 0.0.0.0: the service works around it, or stop "
                   "it: sudo systemctl disable --now xl2tpd.service\n"
                   "? A system charon's socket /run/charon.vici is there, but only root "
                   "may use it: run diagnose as root\n"
                   "\n"
                   "Passed: 1, failed: 1, not checked: 1.\n");
}

static void
test_json (void)
{
  g_autoptr (L2tpCheckList) list = sample ();
  g_autofree char *text = l2tp_diagnose_report_json (list);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *first, *second, *facts;
  JsonArray *checks;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "passed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "failed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "unknown"), ==, 1);
  checks = json_object_get_array_member (root, "checks");
  g_assert_cmpuint (json_array_get_length (checks), ==, 3);

  first = json_array_get_object_element (checks, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "xl2tpd");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "ok");
  g_assert_true (json_object_get_null_member (first, "fix"));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (first, "facts")),
                    ==, 0);

  second = json_array_get_object_element (checks, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "fail");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (second, "fix"),
                                   "the service works around it"));
  facts = json_object_get_object_member (second, "facts");
  g_assert_cmpstr (json_object_get_string_member (facts, "pid"), ==, "123");
  g_assert_cmpstr (json_object_get_string_member (facts, "unit"), ==, "xl2tpd.service");
  g_assert_false (json_object_has_member (facts, "none"));

  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (checks, 2), "status"),
      ==, "unknown");
}

static void
test_empty (void)
{
  g_autoptr (L2tpCheckList) list = l2tp_check_list_new ();
  g_autofree char *text = l2tp_diagnose_report_text (list);
  g_autofree char *json = l2tp_diagnose_report_json (list);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_cmpstr (text, ==, "\nPassed: 0, failed: 0, not checked: 0.\n");
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "checks")),
                    ==, 0);
  g_assert_cmpint (l2tp_check_list_exit_status (list), ==, 0);
}

int
main (int argc, char **argv)
{
  /* The untranslated strings. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diagnose-report/model", test_model);
  g_test_add_func ("/diagnose-report/cleaned", test_cleaned);
  g_test_add_func ("/diagnose-report/text", test_text);
  g_test_add_func ("/diagnose-report/json", test_json);
  g_test_add_func ("/diagnose-report/empty", test_empty);
  return g_test_run ();
}
