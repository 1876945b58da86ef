/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "render-common.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "render-quote.h"

const char *
l2tp_render_gateway (const L2tpConfig *cfg, const L2tpRenderContext *ctx)
{
  if (ctx->gateway_addr && ctx->gateway_addr[0])
    return ctx->gateway_addr;
  return l2tp_config_get (cfg, L2TP_KEY_GATEWAY);
}

gboolean
l2tp_render_check_name (const L2tpRenderContext *ctx, GError **error)
{
  const char *name = ctx->name;

  if (!name || !name[0] || strlen (name) > 79)
    return l2tp_render_refuse (error, "name",
                               _ ("the connection name must hold 1 to 79 characters"));
  for (const char *p = name; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return l2tp_render_refuse (
            error, "name",
            _ ("the connection name may only hold letters, digits, '-' and '_'"));
    }
  return TRUE;
}

const L2tpProposalSet *
l2tp_render_ike_offer (const L2tpConfig *cfg, const L2tpRenderContext *ctx)
{
  return ctx->ike_offer ? ctx->ike_offer : l2tp_config_ike (cfg);
}

L2tpProposalSet *
l2tp_render_esp_offer (const L2tpConfig *cfg, const L2tpRenderContext *ctx)
{
  const L2tpProposalSet *esp = l2tp_config_esp (cfg);
  L2tpProposalSet *without;

  if (ctx->esp_offer)
    return l2tp_proposal_set_copy (ctx->esp_offer);
  /* Mixed: one Quick Mode offer can only be one of the two. */
  without = l2tp_proposal_set_filter_dh (esp, FALSE);
  if (without && l2tp_proposal_set_has_dh (esp))
    return without;
  if (without)
    l2tp_proposal_set_free (without);
  return l2tp_proposal_set_copy (esp);
}
