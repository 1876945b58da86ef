/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "fake-pppd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The pppd 2.4 symbols the plugin uses; types come from pppd's own headers. */
struct notifier *phasechange;
struct notifier *exitnotify;
struct notifier *ip_up_notifier;
struct notifier *ipv6_up_notifier;
struct notifier *ip_down_notifier;
int (*pap_check_hook) (void);
int (*pap_passwd_hook) (char *user, char *passwd);
int (*chap_check_hook) (void);
int (*chap_passwd_hook) (char *user, char *passwd);
void (*snoop_recv_hook) (unsigned char *p, int len);
ipcp_options ipcp_gotoptions[NUM_PPP];
ipcp_options ipcp_hisoptions[NUM_PPP];
ipv6cp_options ipv6cp_gotoptions[NUM_PPP];
ipv6cp_options ipv6cp_hisoptions[NUM_PPP];
char ifname[MAXIFNAMELEN];
int ifunit;
volatile int status;

int fake_pppd_mtu;

static option_t *registered_options;
static GPtrArray *log_lines;

int
netif_get_mtu (int unit)
{
  return fake_pppd_mtu;
}

void
add_options (option_t *options)
{
  g_assert_null (registered_options); /* the plugin registers once */
  registered_options = options;
}

option_t *
fake_pppd_options (void)
{
  return registered_options;
}

/* pppd prepends; so do we. */
void
add_notifier (struct notifier **list, notify_func func, void *arg)
{
  struct notifier *n = g_new0 (struct notifier, 1);

  n->func = func;
  n->arg = arg;
  n->next = *list;
  *list = n;
}

guint
fake_pppd_notifier_count (struct notifier *list)
{
  guint count = 0;

  for (; list; list = list->next)
    count++;
  return count;
}

void
fake_pppd_notify (struct notifier *list, int value)
{
  for (; list; list = list->next)
    list->func (list->arg, value);
}

static void
record (const char *level, const char *fmt, va_list ap)
{
  char line[1024];

  if (!log_lines)
    log_lines = g_ptr_array_new_with_free_func (g_free);
  vsnprintf (line, sizeof line, fmt, ap);
  g_ptr_array_add (log_lines, g_strconcat (level, line, NULL));
  if (g_test_verbose ())
    g_printerr ("pppd log: %s%s\n", level, line);
}

#define DEFINE_LOGGER(name, level)                                                       \
  void name (char *fmt, ...)                                                             \
  {                                                                                      \
    va_list ap;                                                                          \
    va_start (ap, fmt);                                                                  \
    record (level, fmt, ap);                                                             \
    va_end (ap);                                                                         \
  }

DEFINE_LOGGER (info, "info: ")
DEFINE_LOGGER (error, "error: ")
DEFINE_LOGGER (option_error, "option_error: ")

GPtrArray *
fake_pppd_log (void)
{
  if (!log_lines)
    log_lines = g_ptr_array_new_with_free_func (g_free);
  return log_lines;
}

gboolean
fake_pppd_log_contains (const char *needle)
{
  GPtrArray *lines = fake_pppd_log ();
  guint i;

  for (i = 0; i < lines->len; i++)
    if (strstr (lines->pdata[i], needle))
      return TRUE;
  return FALSE;
}

void
fake_pppd_log_clear (void)
{
  g_ptr_array_set_size (fake_pppd_log (), 0);
}
