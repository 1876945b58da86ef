/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Another user's socket on our L2TP address and port (see socket-watch.h). */
#include "src/l2tp/socket-watch.h"

#include <glib/gi18n-lib.h>
#include <sys/socket.h>

#include "shared/foreign-socket.h"
#include "shared/proc-net-udp.h"
#include "src/common/log.h"
#include "src/l2tp/port-holder.h"

struct _L2tpSocketWatch
{
  char *local_addr;
  guint16 port;
  guint timer;
  gboolean read_error_logged;
  L2tpSocketWatchFound found;
  gpointer user_data;
};

static char *
describe (const L2tpProcUdpSocket *s, const L2tpPortProcess *p)
{
  /* "::ffff:10.0.0.2" stays as the kernel has it: that is the socket. */
  g_autofree char *where = g_strdup_printf (s->family == AF_INET6 ? "[%s]:%u" : "%s:%u",
                                            s->local_text, (guint) s->local_port);

  if (p)
    return g_strdup_printf (_ ("uid %u (%s, pid %u) on %s"), s->uid, p->comm, p->pid,
                            where);
  /* %llu, not G_GUINT64_FORMAT: xgettext cannot see through the macro. */
  return g_strdup_printf (_ ("uid %u (no visible process, socket inode %llu) on %s"),
                          s->uid, (unsigned long long) s->inode, where);
}

char *
l2tp_foreign_socket_check (const char *local_addr, guint16 port, char **fix,
                           GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GArray) foreign = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GPtrArray) kills = NULL;

  g_return_val_if_fail (local_addr != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (fix)
    *fix = NULL;
  text = l2tp_udp_tables_read (error);
  if (!text)
    return NULL;
  rows = l2tp_proc_net_udp_parse (text, NULL);
  foreign = l2tp_foreign_sockets_find (rows, local_addr, port, error);
  if (!foreign || foreign->len == 0)
    return NULL;

  parts = g_ptr_array_new_with_free_func (g_free);
  kills = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < foreign->len; i++)
    {
      const L2tpProcUdpSocket *s = &g_array_index (foreign, L2tpProcUdpSocket, i);
      g_autoptr (L2tpPortProcess) p = l2tp_port_process_find (s->inode);

      g_ptr_array_add (parts, describe (s, p));
      if (p)
        {
          char *kill = g_strdup_printf ("sudo kill %u", p->pid);

          if (g_ptr_array_find_with_equal_func (kills, kill, g_str_equal, NULL))
            g_free (kill);
          else
            g_ptr_array_add (kills, kill);
        }
    }
  g_ptr_array_add (parts, NULL);
  if (fix && kills->len > 0)
    {
      g_ptr_array_add (kills, NULL);
      *fix = g_strjoinv ("; ", (char **) kills->pdata);
    }
  return g_strjoinv ("; ", (char **) parts->pdata);
}

gboolean
l2tp_socket_watch_check_now (L2tpSocketWatch *w)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fix = NULL;
  g_autofree char *sockets = NULL;

  g_return_val_if_fail (w != NULL, FALSE);

  if (!w->found)
    return FALSE; /* reported already */
  sockets = l2tp_foreign_socket_check (w->local_addr, w->port, &fix, &error);
  if (error)
    {
      if (!w->read_error_logged)
        l2tp_log_warn ("l2tp: cannot look for other sockets on %s:%u: %s", w->local_addr,
                       (guint) w->port, error->message);
      w->read_error_logged = TRUE;
      return FALSE;
    }
  if (!sockets)
    return FALSE;
  {
    L2tpSocketWatchFound found = w->found;

    g_clear_handle_id (&w->timer, g_source_remove);
    w->found = NULL;
    l2tp_log_warn ("l2tp: another user's socket on our L2TP address and port: %s",
                   sockets);
    found (sockets, fix, w->user_data); /* may free w */
  }
  return TRUE;
}

static gboolean
on_timer (gpointer user_data)
{
  L2tpSocketWatch *w = user_data;

  /* check_now removes the timer itself when it reports. */
  return l2tp_socket_watch_check_now (w) ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

L2tpSocketWatch *
l2tp_socket_watch_new (const char *local_addr, guint16 port, guint interval_s,
                       L2tpSocketWatchFound found, gpointer user_data)
{
  L2tpSocketWatch *w;

  g_return_val_if_fail (local_addr != NULL && found != NULL && interval_s > 0, NULL);

  w = g_new0 (L2tpSocketWatch, 1);
  w->local_addr = g_strdup (local_addr);
  w->port = port;
  w->found = found;
  w->user_data = user_data;
  w->timer = g_timeout_add_seconds (interval_s, on_timer, w);
  return w;
}

void
l2tp_socket_watch_free (L2tpSocketWatch *w)
{
  if (!w)
    return;
  g_clear_handle_id (&w->timer, g_source_remove);
  g_free (w->local_addr);
  g_free (w);
}
