/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/log-journal.h"

#if L2TP_HAVE_JOURNAL

#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <syslog.h>
/* CODE_FILE/CODE_LINE would name this file for every line: left out. */
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <systemd/sd-journal.h>

/* Where sd_journal_sendv() sends (fixed in libsystemd). */
#define JOURNAL_SOCKET "/run/systemd/journal/socket"
/* syslog's LOG_DAEMON, as a journal field wants it (facility number). */
#define FACILITY_DAEMON "3"
#define MAX_FIELDS      8

gboolean
l2tp_log_journal_available (void)
{
  struct stat st;

  return stat (JOURNAL_SOCKET, &st) == 0 && S_ISSOCK (st.st_mode);
}

static void
add_field (GPtrArray *items, const char *name, const char *value)
{
  if (value && value[0])
    g_ptr_array_add (items, g_strconcat (name, "=", value, NULL));
}

gboolean
l2tp_log_journal_send (int level, const char *message, const L2tpLogFields *fields)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  struct iovec iov[MAX_FIELDS];
  char priority[4];

  g_return_val_if_fail (message != NULL, FALSE);

  g_snprintf (priority, sizeof priority, "%d", CLAMP (level, LOG_EMERG, LOG_DEBUG));
  g_ptr_array_add (items, g_strconcat ("MESSAGE=", message, NULL));
  add_field (items, "PRIORITY", priority);
  add_field (items, "SYSLOG_IDENTIFIER", "nm-l2tp-ipsec");
  add_field (items, "SYSLOG_FACILITY", FACILITY_DAEMON);
  if (fields)
    {
      add_field (items, "NM_CONNECTION", fields->connection);
      add_field (items, "NM_DEVICE", fields->device);
      add_field (items, "L2TP_LAYER", fields->layer);
      add_field (items, "L2TP_FAILURE", fields->failure);
    }
  g_assert (items->len <= MAX_FIELDS);
  for (guint i = 0; i < items->len; i++)
    {
      iov[i].iov_base = items->pdata[i];
      iov[i].iov_len = strlen (items->pdata[i]);
    }
  return sd_journal_sendv (iov, (int) items->len) >= 0;
}

#else /* !L2TP_HAVE_JOURNAL */

gboolean
l2tp_log_journal_available (void)
{
  return FALSE;
}

gboolean
l2tp_log_journal_send (int level, const char *message, const L2tpLogFields *fields)
{
  return FALSE;
}

#endif
