/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Written on the kernel's netlink ABI (linux/xfrm.h) directly: two dumps
 * and the announcements' types are all it needs; libnl-xfrm would bring
 * three libraries and its cache machinery for that. */
#include "src/ipsec/xfrm-watch.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "src/common/log.h"

#define RECV_BUFFER 65536

/* The templates of a policy message (attribute XFRMA_TMPL): msg is the whole
 * message (len bytes), hdrlen its fixed part. Copied out, never cast: the
 * buffer need not be aligned. */
static gboolean
policy_has_reqid (const guint8 *msg, gsize len, gsize hdrlen, guint32 reqid)
{
  gsize at = NLMSG_LENGTH (NLMSG_ALIGN (hdrlen));

  while (at + sizeof (struct nlattr) <= len)
    {
      struct nlattr nla;

      memcpy (&nla, msg + at, sizeof nla);
      if (nla.nla_len < sizeof nla || nla.nla_len > len - at)
        return FALSE;
      if ((nla.nla_type & NLA_TYPE_MASK) == XFRMA_TMPL)
        {
          gsize n = (nla.nla_len - NLA_HDRLEN) / sizeof (struct xfrm_user_tmpl);

          for (gsize i = 0; i < n; i++)
            {
              struct xfrm_user_tmpl tmpl;

              memcpy (&tmpl, msg + at + NLA_HDRLEN + i * sizeof tmpl, sizeof tmpl);
              if (tmpl.reqid == reqid && tmpl.id.proto == IPPROTO_ESP)
                return TRUE;
            }
        }
      at += NLA_ALIGN (nla.nla_len);
    }
  return FALSE;
}

gboolean
l2tp_xfrm_count (const guint8 *buf, gsize len, guint32 reqid, L2tpXfrmCount *count)
{
  while (len >= sizeof (struct nlmsghdr))
    {
      struct nlmsghdr hdr;
      gsize payload;

      memcpy (&hdr, buf, sizeof hdr);
      if (hdr.nlmsg_len < sizeof hdr || hdr.nlmsg_len > len)
        return FALSE;
      payload = hdr.nlmsg_len - NLMSG_HDRLEN;
      switch (hdr.nlmsg_type)
        {
        case XFRM_MSG_NEWSA:
        case XFRM_MSG_UPDSA:
          if (payload >= sizeof (struct xfrm_usersa_info))
            {
              struct xfrm_usersa_info sa;

              memcpy (&sa, buf + NLMSG_HDRLEN, sizeof sa);
              if (sa.reqid == reqid && sa.id.proto == IPPROTO_ESP)
                count->esp_sas++;
            }
          break;
        case XFRM_MSG_NEWPOLICY:
        case XFRM_MSG_UPDPOLICY:
          if (payload >= sizeof (struct xfrm_userpolicy_info))
            {
              struct xfrm_userpolicy_info pol;

              memcpy (&pol, buf + NLMSG_HDRLEN, sizeof pol);
              if (pol.dir == XFRM_POLICY_OUT && pol.action == XFRM_POLICY_ALLOW
                  && policy_has_reqid (buf, hdr.nlmsg_len, sizeof pol, reqid))
                count->out_policies++;
            }
          break;
        case XFRM_MSG_DELSA:
        case XFRM_MSG_FLUSHSA:
        case XFRM_MSG_DELPOLICY:
        case XFRM_MSG_FLUSHPOLICY:
        case XFRM_MSG_POLEXPIRE:
          count->deletion = TRUE;
          break;
        case XFRM_MSG_EXPIRE:
          /* Soft expiry announces a rekey; hard expiry deletes. */
          if (payload >= sizeof (struct xfrm_user_expire))
            {
              struct xfrm_user_expire expire;

              memcpy (&expire, buf + NLMSG_HDRLEN, sizeof expire);
              if (expire.hard)
                count->deletion = TRUE;
            }
          break;
        default:
          break;
        }
      if (NLMSG_ALIGN (hdr.nlmsg_len) >= len)
        break;
      buf += NLMSG_ALIGN (hdr.nlmsg_len);
      len -= NLMSG_ALIGN (hdr.nlmsg_len);
    }
  return TRUE;
}

gboolean
l2tp_xfrm_count_complete (const L2tpXfrmCount *count)
{
  return count->esp_sas >= 2 && count->out_policies >= 1;
}

struct _L2tpXfrmWatch
{
  guint32 reqid;
  int events_fd;
  guint events_source;
  guint check_source;
  L2tpXfrmLost lost;
  gpointer user_data;
  gboolean reported;
};

static int
xfrm_socket (guint32 groups, GError **error)
{
  struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = groups };
  int fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | (groups ? SOCK_NONBLOCK : 0),
                   NETLINK_XFRM);

  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      int err = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
                   "cannot watch the kernel's IPsec SAs: %s", g_strerror (err));
      return -1;
    }
  return fd;
}

/* One dump (type XFRM_MSG_GETSA or GETPOLICY) counted into count. The
 * kernel answers a local dump at once, so this blocks for no time worth a
 * callback. */
static gboolean
dump (guint16 type, guint32 reqid, L2tpXfrmCount *count, GError **error)
{
  struct nlmsghdr req = {
    .nlmsg_len = NLMSG_LENGTH (0),
    .nlmsg_type = type,
    .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
    .nlmsg_seq = 1,
  };
  g_autofree guint8 *buf = g_malloc (RECV_BUFFER);
  int fd = xfrm_socket (0, error);
  gboolean done = FALSE, ok = TRUE;

  if (fd < 0)
    return FALSE;
  if (send (fd, &req, req.nlmsg_len, 0) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "xfrm dump: %s",
                   g_strerror (errno));
      close (fd);
      return FALSE;
    }
  while (!done && ok)
    {
      ssize_t n = recv (fd, buf, RECV_BUFFER, 0);
      const struct nlmsghdr *h;
      gssize left = n;

      if (n <= 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "xfrm dump: %s",
                       n < 0 ? g_strerror (errno) : "end of data");
          ok = FALSE;
          break;
        }
      /* The last message of a dump is NLMSG_DONE (or NLMSG_ERROR). */
      for (h = (const struct nlmsghdr *) buf; NLMSG_OK (h, left);
           h = NLMSG_NEXT (h, left))
        if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
          done = TRUE;
      ok = l2tp_xfrm_count (buf, n, reqid, count);
    }
  close (fd);
  if (!ok && error && !*error)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "xfrm dump: a malformed message");
  return ok;
}

gboolean
l2tp_xfrm_dump_count (guint32 reqid, L2tpXfrmCount *count, GError **error)
{
  return dump (XFRM_MSG_GETSA, reqid, count, error)
         && dump (XFRM_MSG_GETPOLICY, reqid, count, error);
}

void
l2tp_xfrm_watch_check (L2tpXfrmWatch *w)
{
  L2tpXfrmCount count = { 0 };
  g_autoptr (GError) error = NULL;
  const char *what = NULL;

  if (w->reported)
    return;
  if (!l2tp_xfrm_dump_count (w->reqid, &count, &error))
    {
      l2tp_log_warn ("ipsec: %s", error->message);
      return;
    }
  if (count.esp_sas < 2)
    what = count.esp_sas ? _ ("one of the ESP SAs") : _ ("the ESP SAs");
  else if (count.out_policies < 1)
    what = _ ("the outbound IPsec policy");
  if (!what)
    return;
  w->reported = TRUE;
  w->lost (what, w->user_data);
}

static gboolean
check_now (gpointer user_data)
{
  L2tpXfrmWatch *w = user_data;

  w->check_source = 0;
  l2tp_xfrm_watch_check (w);
  return G_SOURCE_REMOVE;
}

static gboolean
on_events (int fd, GIOCondition condition, gpointer user_data)
{
  L2tpXfrmWatch *w = user_data;
  g_autofree guint8 *buf = g_malloc (RECV_BUFFER);
  gboolean deletion = FALSE;
  ssize_t n;

  while ((n = recv (fd, buf, RECV_BUFFER, 0)) > 0)
    {
      L2tpXfrmCount count = { 0 };

      l2tp_xfrm_count (buf, n, w->reqid, &count);
      deletion |= count.deletion;
    }
  /* ENOBUFS: announcements were lost; look as if one had been a deletion. */
  if (n < 0 && errno == ENOBUFS)
    deletion = TRUE;
  /* A rekey installs the new SAs before it deletes the old ones; a burst
   * of deletions is looked at once, after it. */
  if (deletion && !w->check_source)
    w->check_source = g_idle_add (check_now, w);
  return G_SOURCE_CONTINUE;
}

L2tpXfrmWatch *
l2tp_xfrm_watch_new (guint32 reqid, L2tpXfrmLost lost, gpointer user_data, GError **error)
{
  L2tpXfrmWatch *w;
  int fd = xfrm_socket (XFRMGRP_SA | XFRMGRP_POLICY | XFRMGRP_EXPIRE, error);

  if (fd < 0)
    return NULL;
  w = g_new0 (L2tpXfrmWatch, 1);
  w->reqid = reqid;
  w->lost = lost;
  w->user_data = user_data;
  w->events_fd = fd;
  w->events_source = g_unix_fd_add (fd, G_IO_IN, on_events, w);
  return w;
}

void
l2tp_xfrm_watch_free (L2tpXfrmWatch *w)
{
  if (!w)
    return;
  g_clear_handle_id (&w->events_source, g_source_remove);
  g_clear_handle_id (&w->check_source, g_source_remove);
  close (w->events_fd);
  g_free (w);
}
