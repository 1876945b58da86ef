/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "exit-status.h"

#include <glib.h>

/* Indexed by pppd's EXIT_* value (pppd.h: EXIT_OK = 0 … EXIT_CNID_AUTH_FAILED = 21). */
static const char *const descriptions[] = {
  "pppd ended normally",
  "fatal error in pppd",
  "error in pppd options",
  "pppd is not running as root",
  "the kernel lacks PPP support",
  "pppd ended on a signal (user request)",
  "could not lock the serial device",
  "could not open the serial device",
  "the connect script failed",
  "the pty command failed",
  "PPP negotiation failed (LCP/IPCP: no agreement or no answer)",
  "the peer failed to authenticate itself",
  "the link was idle too long",
  "the connect time limit was reached",
  "callback negotiated",
  "the peer stopped answering LCP echo requests",
  "the link was hung up",
  "loopback detected: the link talks to itself",
  "the init script failed",
  "authentication to the peer failed (user name or password refused)",
  "the traffic limit was reached",
  "CNID authentication failed",
};

const char *
l2tp_ppp_exit_status_describe (int status)
{
  if (status < 0 || (gsize) status >= G_N_ELEMENTS (descriptions))
    return "unknown pppd exit status";
  return descriptions[status];
}
