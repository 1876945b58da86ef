/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "shared/text-clean.h"
#include "src/common/log-journal.h"

/* Longer lines are cut (with "…"); a daemon's line fits many times. */
#define LOG_LINE_MAX 8192

/* Field values: a UUID, an interface name. */
#define FIELD_MAX 64

static int log_level = LOG_NOTICE;
static gboolean log_syslog = TRUE;
static gboolean log_journal = FALSE; /* log_syslog, and journald is there */
static char *log_connection;
static char *log_device;

/* An integer from the environment within [min, max], else def. */
static int
env_int (const char *name, int min, int max, int def)
{
  const char *text = g_getenv (name);
  gint64 v;

  if (!text || !g_ascii_string_to_signed (text, 10, min, max, &v, NULL))
    return def;
  return (int) v;
}

static const char *
level_name (int level)
{
  static const char *const names[]
      = { "emerg", "alert", "crit", "error", "warn", "notice", "info", "debug" };

  return names[CLAMP (level, LOG_EMERG, LOG_DEBUG)];
}

/* GLib's own warnings and criticals (ours and libnm's) land in the same log. */
static void
glib_log_handler (const char *domain, GLogLevelFlags flags, const char *message,
                  gpointer data)
{
  int level;

  if (flags & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    level = LOG_ERR;
  else if (flags & G_LOG_LEVEL_WARNING)
    level = LOG_WARNING;
  else if (flags & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO))
    level = LOG_INFO;
  else
    level = LOG_DEBUG;
  l2tp_log (level, "%s%s%s", domain ? domain : "", domain ? ": " : "", message);
}

void
l2tp_log_init (gboolean debug)
{
  log_level = env_int ("NM_VPN_LOG_LEVEL", LOG_EMERG, LOG_DEBUG,
                       debug ? LOG_DEBUG : LOG_NOTICE);
  log_syslog = env_int ("NM_VPN_LOG_SYSLOG", 0, 1, debug ? 0 : 1);
  /* NetworkManager says syslog when it logs to syslog or the journal
   * itself; where journald runs, our lines go there with their fields. */
  log_journal = log_syslog && l2tp_log_journal_available ();
  if (log_syslog)
    openlog ("nm-l2tp-ipsec", LOG_PID, LOG_DAEMON); /* the journal's fallback too */
  g_log_set_default_handler (glib_log_handler, NULL);
}

gboolean
l2tp_log_enabled (int level)
{
  return level <= log_level;
}

void
l2tp_log_set_connection (const char *uuid)
{
  g_free (log_connection);
  log_connection = uuid ? l2tp_text_clean (uuid, FIELD_MAX) : NULL;
}

void
l2tp_log_set_device (const char *iface)
{
  g_free (log_device);
  log_device = iface ? l2tp_text_clean (iface, FIELD_MAX) : NULL;
}

static void
write_line (int level, const char *layer, const char *code, const char *text)
{
  if (log_journal)
    {
      const L2tpLogFields fields = {
        .connection = log_connection,
        .device = log_device,
        .layer = layer,
        .failure = code,
      };

      if (l2tp_log_journal_send (level, text, &fields))
        return;
    }
  if (log_syslog)
    syslog (level, "%s", text);
  else
    {
      /* Wall clock with milliseconds: lines line up with the daemons' logs
       * and packet captures (syslog adds its own stamp). */
      gint64 now = g_get_real_time ();
      time_t seconds = (time_t) (now / G_USEC_PER_SEC);
      struct tm tm;
      char stamp[16] = "";

      if (localtime_r (&seconds, &tm))
        strftime (stamp, sizeof stamp, "%H:%M:%S", &tm);
      fprintf (stderr, "%s.%03d nm-l2tp-ipsec[%ld] <%s> %s\n", stamp,
               (int) (now % G_USEC_PER_SEC / 1000), (long) getpid (), level_name (level),
               text);
    }
}

G_GNUC_PRINTF (4, 0)
static void
log_valist (int level, const char *layer, const char *code, const char *format,
            va_list args)
{
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;

  if (!l2tp_log_enabled (level))
    return;
  raw = g_strdup_vprintf (format, args);
  /* The last net under every caller: one line, nothing a terminal or a
   * log viewer would obey, whatever text from outside the arguments hold. */
  text = l2tp_text_clean (raw, LOG_LINE_MAX);
  write_line (level, layer, code, text);
}

void
l2tp_log (int level, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  log_valist (level, NULL, NULL, format, args);
  va_end (args);
}

void
l2tp_log_layer (int level, const char *layer, const char *code, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  log_valist (level, layer, code, format, args);
  va_end (args);
}
