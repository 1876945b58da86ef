/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nm-l2tp-ipsec-pppd-plugin.so: runs inside the pppd that xl2tpd starts for
 * us.  It asks nm-l2tp-ipsec-service for the password at PAP/CHAP time (so
 * the password is never in a file or on a command line) and reports the
 * phase, the negotiated IPv4/IPv6 configuration, pppd's exit status, and
 * what the server asked for or said when it ended the link.
 *
 * This file is the glue to pppd: its option, hooks and notifiers.  The
 * D-Bus calls are in service-client.c, the dictionaries in ip-config.c.
 */
#include "pppd-compat.h" /* first: pppd's own "bool" */

#include <string.h>
#include <glib.h>

#include "exit-status.h"
#include "ip-config.h"
#include "peer-packet.h"
#include "service-client.h"

#define L2TP_PPP_EXPORT __attribute__ ((visibility ("default")))

#define BUS_NAME_OPTION "nm-l2tp-ipsec-bus-name"

L2TP_PPP_EXPORT char pppd_version[] = L2TP_PPPD_VERSION_STRING;

L2TP_PPP_EXPORT void plugin_init (void);

static gboolean exit_status_sent;
static gboolean mppe_request_reported, terminate_reported;

/* Another plugin's snoop hook (pppol2tp.so sets one on an LNS), still called. */
static void (*previous_recv_hook) (unsigned char *frame, int len);

/* Only for pppd's option dump ("dump"/"dryrun"); service-client.c keeps the name. */
static char *bus_name_value;

static void
log_failure (const char *what, const GError *failure)
{
  error ("nm-l2tp-ipsec: %s: %s", what, failure->message);
}

/* o_special parser: pppd hands us the word after the option name. */
static int
parse_bus_name (char **argv)
{
  g_autoptr (GError) local_error = NULL;

  if (!l2tp_ppp_client_set_bus_name (argv[0], &local_error))
    {
      l2tp_pppd_option_error ("%s: %s", BUS_NAME_OPTION, local_error->message);
      return 0;
    }
  g_free (bus_name_value);
  bus_name_value = g_strdup (argv[0]);
  return 1;
}

static option_t plugin_options[] = {
  { BUS_NAME_OPTION, o_special, (void *) parse_bus_name,
    "D-Bus name of nm-l2tp-ipsec-service (set by the service)", OPT_PRIV | OPT_A2STRVAL,
    &bus_name_value },
  { NULL },
};

/* "Could we authenticate a peer?"  Yes: the service has the secret. */
static int
check_hook (void)
{
  return 1;
}

/*
 * PAP and CHAP both ask here.  pppd first calls with passwd == NULL to learn
 * whether a password will be available (auth_reset, before LCP); only the
 * second call, at authentication time, goes to the service.
 */
static int
get_credentials (char *user_buf, char *passwd_buf)
{
  g_autoptr (GError) local_error = NULL;

  if (!passwd_buf)
    return 1;

  info ("nm-l2tp-ipsec: asking the service for the password");
  if (!l2tp_ppp_client_need_secrets (user_buf, MAXNAMELEN, passwd_buf, MAXSECRETLEN,
                                     &local_error))
    {
      log_failure ("could not get the password", local_error);
      return 0;
    }
  return 1;
}

static int
pap_passwd (char *user_buf, char *passwd_buf)
{
  /* 0 = no password; a negative value would make pppd read pap-secrets. */
  return get_credentials (user_buf, passwd_buf);
}

static int
chap_passwd (char *user_buf, char *passwd_buf)
{
  /* For CHAP only a negative value means failure. */
  return get_credentials (user_buf, passwd_buf) ? 1 : -1;
}

static void
send_exit_status (int status)
{
  g_autoptr (GError) local_error = NULL;

  if (exit_status_sent)
    return;
  exit_status_sent = TRUE;
  if (!l2tp_ppp_client_set_exit_status (
          (guint32) status, l2tp_ppp_exit_status_describe (status), &local_error))
    log_failure ("could not report the exit status", local_error);
}

static void
on_phase_change (void *arg, int phase)
{
  g_autoptr (GError) local_error = NULL;

  if (!l2tp_ppp_client_set_state ((guint32) phase, &local_error))
    log_failure ("could not report the phase", local_error);
}

/* pppd is about to exit(status); the last moment to say why. */
static void
on_pppd_exit (void *arg, int status)
{
  send_exit_status (status);
}

static void
on_ip_up (void *arg, int unused)
{
  g_autoptr (GError) local_error = NULL;
  const ipcp_options *got = &ipcp_gotoptions[0];
  const ipcp_options *his = &ipcp_hisoptions[0];
  L2tpPppIp4Info ip4 = {
    .address = got->ouraddr,
    /* What the peer said it is; what we asked for if it said nothing. */
    .peer = his->hisaddr ? his->hisaddr : got->hisaddr,
    .dns = { got->dnsaddr[0], got->dnsaddr[1] },
    .nbns = { got->winsaddr[0], got->winsaddr[1] },
    .mtu = l2tp_pppd_get_mtu (l2tp_pppd_ifunit ()),
    .tundev = l2tp_pppd_ifname (),
  };

  info ("nm-l2tp-ipsec: IPCP up on %s, sending the IPv4 configuration", ip4.tundev);
  if (!l2tp_ppp_client_set_ip4_config (l2tp_ppp_ip4_config_build (&ip4), &local_error))
    log_failure ("could not send the IPv4 configuration", local_error);
}

static guint64
iid_to_guint64 (const eui64_t *iid)
{
  guint64 value;

  G_STATIC_ASSERT (sizeof (value) == sizeof (*iid));
  memcpy (&value, iid, sizeof (value));
  return value;
}

static void
on_ipv6_up (void *arg, int unused)
{
  g_autoptr (GError) local_error = NULL;
  L2tpPppIp6Info ip6 = {
    .iid = iid_to_guint64 (&ipv6cp_gotoptions[0].ourid),
    .peer_iid = iid_to_guint64 (&ipv6cp_hisoptions[0].hisid),
    .tundev = l2tp_pppd_ifname (),
  };

  info ("nm-l2tp-ipsec: IPV6CP up on %s, sending the IPv6 configuration", ip6.tundev);
  if (!l2tp_ppp_client_set_ip6_config (l2tp_ppp_ip6_config_build (&ip6), &local_error))
    log_failure ("could not send the IPv6 configuration", local_error);
}

/* Every frame pppd receives, before pppd handles it: the two things the
 * service needs to know that pppd does not tell plugins. Each is reported
 * once; the server repeats them on retransmission. */
static void
on_frame_received (unsigned char *frame, int len)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *reason = NULL;

  switch (l2tp_peer_packet_classify (frame, len > 0 ? (gsize) len : 0, &reason))
    {
    case L2TP_PEER_PACKET_MPPE_REQUEST:
      if (mppe_request_reported)
        break;
      mppe_request_reported = TRUE;
      info ("nm-l2tp-ipsec: the server asks for MPPE encryption");
      if (!l2tp_ppp_client_peer_requests_mppe (&local_error))
        log_failure ("could not report the server's MPPE request", local_error);
      break;
    case L2TP_PEER_PACKET_TERMINATE:
      if (terminate_reported)
        break;
      terminate_reported = TRUE;
      if (!l2tp_ppp_client_peer_terminated (reason, &local_error))
        log_failure ("could not report the server's Terminate-Request", local_error);
      break;
    default:
      break;
    }
  if (previous_recv_hook)
    previous_recv_hook (frame, len);
}

/* IPCP went down: the tunnel carries no IPv4 any more. */
static void
on_ip_down (void *arg, int unused)
{
  g_autoptr (GError) local_error = NULL;

  if (!l2tp_ppp_client_ip_down (&local_error))
    log_failure ("could not report ip-down", local_error);
}

void
plugin_init (void)
{
  l2tp_pppd_add_options (plugin_options);

  pap_check_hook = check_hook;
  pap_passwd_hook = pap_passwd;
  chap_check_hook = check_hook;
  chap_passwd_hook = chap_passwd;
  previous_recv_hook = snoop_recv_hook;
  snoop_recv_hook = on_frame_received;

  l2tp_pppd_add_notify (L2TP_PPPD_NOTIFY_PHASE_CHANGE, on_phase_change, NULL);
  l2tp_pppd_add_notify (L2TP_PPPD_NOTIFY_EXIT, on_pppd_exit, NULL);
  l2tp_pppd_add_notify (L2TP_PPPD_NOTIFY_IP_UP, on_ip_up, NULL);
  l2tp_pppd_add_notify (L2TP_PPPD_NOTIFY_IPV6_UP, on_ipv6_up, NULL);
  l2tp_pppd_add_notify (L2TP_PPPD_NOTIFY_IP_DOWN, on_ip_down, NULL);

  info ("nm-l2tp-ipsec: plugin initialized");
}
