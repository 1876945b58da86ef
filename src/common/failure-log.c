/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/failure-log.h"

#include "src/common/failure-record.h"
#include "src/common/log.h"

const char *
l2tp_layer_journal_name (L2tpLayer layer)
{
  switch (layer)
    {
    case L2TP_LAYER_SETTINGS:
    case L2TP_LAYER_PREFLIGHT:
      return "preflight";
    case L2TP_LAYER_IKE:
      return "ike";
    case L2TP_LAYER_IPSEC:
      return "esp";
    case L2TP_LAYER_L2TP:
      return "l2tp";
    case L2TP_LAYER_PPP:
      return "ppp";
    case L2TP_LAYER_IP_CONFIG:
      return "ip";
    case L2TP_LAYER_SERVICE:
      return NULL;
    }
  return NULL;
}

void
l2tp_failure_log (const GError *error)
{
  L2tpFailure failure = L2TP_FAILURE_INTERNAL;

  g_return_if_fail (error != NULL);

  /* As the failure record has it. */
  if (error->domain == L2TP_FAILURE_ERROR && error->code > L2TP_FAILURE_NONE)
    failure = error->code;
  l2tp_log_layer (LOG_ERR, l2tp_layer_journal_name (l2tp_failure_layer (failure)),
                  l2tp_failure_code_name (failure), "%s", error->message);
}
