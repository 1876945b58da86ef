/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-report.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

static const char *
mark (L2tpCheckStatus status)
{
  switch (status)
    {
    case L2TP_CHECK_OK:
      return "✓";
    case L2TP_CHECK_FAIL:
      return "✗";
    case L2TP_CHECK_UNKNOWN:
      return "?";
    }
  return "?";
}

char *
l2tp_diagnose_report_text (const L2tpCheckList *list)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (list != NULL, NULL);

  for (guint i = 0; i < list->checks->len; i++)
    {
      const L2tpCheck *check = list->checks->pdata[i];

      g_string_append_printf (out, "%s ", mark (check->status));
      if (check->fix)
        /* TRANSLATORS: a check's finding, then what to do about it. */
        g_string_append_printf (out, _ ("%s: %s"), check->text, check->fix);
      else
        g_string_append (out, check->text);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _ ("Passed: %u, failed: %u, not checked: %u."),
                          l2tp_check_list_count (list, L2TP_CHECK_OK),
                          l2tp_check_list_count (list, L2TP_CHECK_FAIL),
                          l2tp_check_list_count (list, L2TP_CHECK_UNKNOWN));
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static void
add_check (JsonBuilder *b, const L2tpCheck *check)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, check->id);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, l2tp_check_status_name (check->status));
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, check->text);
  json_builder_set_member_name (b, "fix");
  if (check->fix)
    json_builder_add_string_value (b, check->fix);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "facts");
  json_builder_begin_object (b);
  for (guint k = 0; k + 1 < check->facts->len; k += 2)
    {
      json_builder_set_member_name (b, check->facts->pdata[k]);
      json_builder_add_string_value (b, check->facts->pdata[k + 1]);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

char *
l2tp_diagnose_report_json (const L2tpCheckList *list)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  char *text;

  g_return_val_if_fail (list != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->checks->len; i++)
    add_check (b, list->checks->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "passed");
  json_builder_add_int_value (b, l2tp_check_list_count (list, L2TP_CHECK_OK));
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, l2tp_check_list_count (list, L2TP_CHECK_FAIL));
  json_builder_set_member_name (b, "unknown");
  json_builder_add_int_value (b, l2tp_check_list_count (list, L2TP_CHECK_UNKNOWN));
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  return text;
}
