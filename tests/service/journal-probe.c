/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Logs as the service does, through src/common/log.c, for journal-test.sh:
 *
 *   journal-probe UUID IFACE
 *
 * with NM_VPN_LOG_SYSLOG=1 in the environment: a line of the connection
 * before its interface is known, two failures (IKE, then phase 2) once it
 * is, a line whose text tries to add a field of its own, and a line after
 * the connection is cleared. */
#include <stdlib.h>

#include "src/common/failure-log.h"
#include "src/common/log.h"

int
main (int argc, char *argv[])
{
  g_autoptr (GError) psk = NULL;
  g_autoptr (GError) esp = NULL;

  if (argc != 3)
    {
      g_printerr ("usage: journal-probe UUID IFACE\n");
      return EXIT_FAILURE;
    }
  l2tp_log_init (FALSE);

  l2tp_log_set_connection (argv[1]);
  l2tp_log_notice ("journal-probe: connecting, no device yet");
  l2tp_log_set_device (argv[2]);
  l2tp_failure_set (&psk, L2TP_FAILURE_PSK_MISMATCH, NULL, NULL);
  l2tp_failure_log (psk);
  l2tp_failure_set (&esp, L2TP_FAILURE_KERNEL_NO_ESP, NULL, NULL);
  l2tp_failure_log (esp);
  l2tp_log_info ("journal-probe: 100%% text\nNM_CONNECTION=forged");

  l2tp_log_set_device (NULL);
  l2tp_log_set_connection (NULL);
  l2tp_log_notice ("journal-probe: after the connection");
  return EXIT_SUCCESS;
}
