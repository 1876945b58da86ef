/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One spelling of the pppd plugin API for pppd 2.4.x and 2.5.x.
 *
 * pppd 2.5 moved option, hook and notifier declarations into separate
 * headers and replaced global variables (ifname, status, the notifier
 * lists) with accessor functions (ppp_ifname(), ppp_status(),
 * ppp_add_notify()).  meson defines L2TP_PPPD_HAS_PPP_ADD_NOTIFY and
 * L2TP_PPPD_HAS_PPP_ADD_OPTIONS from the installed headers; the rest of
 * the plugin uses only the l2tp_pppd_* names below.
 *
 * Include this header before any GLib header: pppd 2.4 declares its own
 * "bool" type and its headers must see it first.
 */
#ifndef L2TP_PPPD_COMPAT_H
#define L2TP_PPPD_COMPAT_H

/* eui64.h (IPV6CP interface identifiers) refuses to compile without it. */
#ifndef INET6
#define INET6 1
#endif

#include <sys/types.h>
#include <stdint.h>

#include <pppd/pppd.h>
#include <pppd/fsm.h>
#include <pppd/ipcp.h>
#include <pppd/eui64.h>
#include <pppd/ipv6cp.h>

#if L2TP_PPPD_HAS_PPP_ADD_NOTIFY /* pppd >= 2.5 */

#include <pppd/options.h>
#include <pppd/upap.h>
#include <pppd/chap.h>

#define L2TP_PPPD_VERSION_STRING PPPD_VERSION

typedef ppp_notify_fn L2tpPppdNotifyFunc;

#define L2TP_PPPD_NOTIFY_PHASE_CHANGE NF_PHASE_CHANGE
#define L2TP_PPPD_NOTIFY_EXIT         NF_EXIT
#define L2TP_PPPD_NOTIFY_IP_UP        NF_IP_UP
#define L2TP_PPPD_NOTIFY_IPV6_UP      NF_IPV6_UP
#define L2TP_PPPD_NOTIFY_IP_DOWN      NF_IP_DOWN

static inline void
l2tp_pppd_add_notify (int type, L2tpPppdNotifyFunc *func, void *arg)
{
  ppp_add_notify ((ppp_notify_t) type, func, arg);
}

static inline int
l2tp_pppd_status (void)
{
  return (int) ppp_status ();
}

static inline const char *
l2tp_pppd_ifname (void)
{
  return ppp_ifname ();
}

static inline int
l2tp_pppd_ifunit (void)
{
  return ppp_ifunit ();
}

static inline int
l2tp_pppd_get_mtu (int unit)
{
  return ppp_get_mtu (unit);
}

#if L2TP_PPPD_HAS_PPP_ADD_OPTIONS
#define l2tp_pppd_add_options  ppp_add_options
#define l2tp_pppd_option_error ppp_option_error
#else
#define l2tp_pppd_add_options  add_options
#define l2tp_pppd_option_error option_error
#endif

#else /* pppd 2.4.x */

#include <pppd/chap-new.h>

#define L2TP_PPPD_VERSION_STRING      VERSION

typedef void L2tpPppdNotifyFunc (void *arg, int value);

/* Our own numbering; only the mapping below gives it meaning. */
#define L2TP_PPPD_NOTIFY_PHASE_CHANGE 0
#define L2TP_PPPD_NOTIFY_EXIT         1
#define L2TP_PPPD_NOTIFY_IP_UP        2
#define L2TP_PPPD_NOTIFY_IPV6_UP      3
#define L2TP_PPPD_NOTIFY_IP_DOWN      4

static inline void
l2tp_pppd_add_notify (int type, L2tpPppdNotifyFunc *func, void *arg)
{
  struct notifier **list = NULL;

  switch (type)
    {
    case L2TP_PPPD_NOTIFY_PHASE_CHANGE:
      list = &phasechange;
      break;
    case L2TP_PPPD_NOTIFY_EXIT:
      list = &exitnotify;
      break;
    case L2TP_PPPD_NOTIFY_IP_UP:
      list = &ip_up_notifier;
      break;
    case L2TP_PPPD_NOTIFY_IPV6_UP:
      list = &ipv6_up_notifier;
      break;
    case L2TP_PPPD_NOTIFY_IP_DOWN:
      list = &ip_down_notifier;
      break;
    }
  if (list)
    add_notifier (list, func, arg);
}

static inline int
l2tp_pppd_status (void)
{
  return status;
}

static inline const char *
l2tp_pppd_ifname (void)
{
  return ifname;
}

static inline int
l2tp_pppd_ifunit (void)
{
  return ifunit;
}

static inline int
l2tp_pppd_get_mtu (int unit)
{
  return netif_get_mtu (unit);
}

#define l2tp_pppd_add_options  add_options
#define l2tp_pppd_option_error option_error

#endif /* pppd 2.4.x */

#endif /* L2TP_PPPD_COMPAT_H */
