/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xl2tpd.conf: one [lac] entry.
 *
 * access control = yes: we define no [lns] entry, so xl2tpd refuses every
 * tunnel a stranger tries to open towards us. autodial and redial are off:
 * the service dials over the control pipe and decides about retries itself.
 * listen-addr binds the local address that reaches the server when the
 * service knows it, so a system xl2tpd on 0.0.0.0:1701 does not take our
 * replies (the most specific socket wins). */
#include "render-xl2tpd.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "render-common.h"
#include "render-quote.h"

static gboolean
add (GString *out, const char *option, const char *key, const char *value, GError **error)
{
  if (!l2tp_xl2tpd_check (key, value, error))
    return FALSE;
  g_string_append_printf (out, "%s = %s\n", option, value);
  return TRUE;
}

/* xl2tpd resolves these with gethostbyname() and reads "host:port" in lns. */
static gboolean
check_ipv4_host (const char *key, const char *value, GError **error)
{
  if (value && strchr (value, ':'))
    return l2tp_render_refuse (error, key,
                               _ ("xl2tpd only reaches IPv4 addresses and host names"));
  return TRUE;
}

char *
l2tp_render_xl2tpd_conf (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                         GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *pppoptfile = NULL;
  const char *gateway = l2tp_render_gateway (cfg, ctx);
  const char *gateway_key = L2TP_KEY_NAME (L2TP_KEY_GATEWAY);

  g_return_val_if_fail (cfg != NULL && ctx != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!l2tp_render_check_name (ctx, error))
    return NULL;

  g_string_append (out, "[global]\n");
  g_string_append_printf (out, "port = %u\n", (guint) ctx->l2tp_port);
  g_string_append (out, "access control = yes\n");
  if (ctx->local_addr
      && (!check_ipv4_host ("local address", ctx->local_addr, error)
          || !add (out, "listen-addr", "local address", ctx->local_addr, error)))
    return NULL;
  g_string_append_printf (out, "max retries = %u\n",
                          l2tp_config_get_uint (cfg, L2TP_KEY_XL2TPD_MAX_RETRIES));

  g_string_append_printf (out, "\n[lac %s]\n", ctx->name);
  if (!check_ipv4_host (gateway_key, gateway, error)
      || !add (out, "lns", gateway_key, gateway, error))
    return NULL;
  pppoptfile
      = g_build_filename (ctx->runtime_dir ? ctx->runtime_dir : "/", "ppp-options", NULL);
  if (!add (out, "pppoptfile", "runtime directory", pppoptfile, error))
    return NULL;
  g_string_append (out, "autodial = no\n"
                        "redial = no\n"
                        "length bit = yes\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
