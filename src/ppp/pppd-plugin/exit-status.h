/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef L2TP_PPP_EXIT_STATUS_H
#define L2TP_PPP_EXIT_STATUS_H

/*
 * A short, stable description of a pppd exit status (the EXIT_* numbers,
 * equal in pppd 2.4 and 2.5) for the service's log.  Deliberately not
 * translated: the service turns the number into the user-visible text.
 */
const char *l2tp_ppp_exit_status_describe (int status);

#endif
