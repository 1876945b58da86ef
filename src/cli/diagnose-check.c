/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-check.h"

#include "shared/text-clean.h"

/* A fix may quote a command line or two; a sentence never needs more. */
#define CHECK_TEXT_MAX 1024

static void
check_free (L2tpCheck *check)
{
  g_free (check->id);
  g_free (check->text);
  g_free (check->fix);
  g_ptr_array_unref (check->facts);
  g_free (check);
}

L2tpCheckList *
l2tp_check_list_new (void)
{
  L2tpCheckList *list = g_new0 (L2tpCheckList, 1);

  list->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) check_free);
  return list;
}

void
l2tp_check_list_free (L2tpCheckList *list)
{
  if (!list)
    return;
  g_ptr_array_unref (list->checks);
  g_free (list);
}

L2tpCheck *
l2tp_check_list_add (L2tpCheckList *list, const char *id, L2tpCheckStatus status,
                     const char *text, const char *fix)
{
  L2tpCheck *check;

  g_return_val_if_fail (list != NULL && id != NULL && text != NULL, NULL);

  check = g_new0 (L2tpCheck, 1);
  check->id = g_strdup (id);
  check->status = status;
  check->text = l2tp_text_clean (text, CHECK_TEXT_MAX);
  check->fix = fix ? l2tp_text_clean (fix, CHECK_TEXT_MAX) : NULL;
  check->facts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (list->checks, check);
  return check;
}

void
l2tp_check_add_fact (L2tpCheck *check, const char *key, const char *value)
{
  g_return_if_fail (check != NULL && key != NULL);

  if (!value)
    return;
  g_ptr_array_add (check->facts, g_strdup (key));
  g_ptr_array_add (check->facts, l2tp_text_clean (value, CHECK_TEXT_MAX));
}

const L2tpCheck *
l2tp_check_list_find (const L2tpCheckList *list, const char *id)
{
  g_return_val_if_fail (list != NULL && id != NULL, NULL);

  for (guint i = 0; i < list->checks->len; i++)
    {
      const L2tpCheck *check = list->checks->pdata[i];

      if (g_str_equal (check->id, id))
        return check;
    }
  return NULL;
}

guint
l2tp_check_list_count (const L2tpCheckList *list, L2tpCheckStatus status)
{
  guint n = 0;

  g_return_val_if_fail (list != NULL, 0);

  for (guint i = 0; i < list->checks->len; i++)
    if (((const L2tpCheck *) list->checks->pdata[i])->status == status)
      n++;
  return n;
}

int
l2tp_check_list_exit_status (const L2tpCheckList *list)
{
  return l2tp_check_list_count (list, L2TP_CHECK_FAIL) > 0 ? 1 : 0;
}

const char *
l2tp_check_status_name (L2tpCheckStatus status)
{
  switch (status)
    {
    case L2TP_CHECK_OK:
      return "ok";
    case L2TP_CHECK_FAIL:
      return "fail";
    case L2TP_CHECK_UNKNOWN:
      return "unknown";
    }
  return "unknown";
}
