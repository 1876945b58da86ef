/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pppd options for the PPP session inside the L2TP tunnel.
 *
 * xl2tpd starts pppd itself with "passive nodetach ... file <this file>", so
 * nodetach and the tty are not ours to write. Every free-text value goes
 * through l2tp_pppd_quote(); numbers come from the validated config. */
#include "render-pppd.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "render-common.h"
#include "render-quote.h"

/* pppd.h MAXNAMELEN 256: "user" is copied into a buffer of that size. */
#define PPPD_MAX_NAME 255

/* The pppd option of each yes/no key that maps onto one option. */
static const struct
{
  L2tpKeyId id;
  const char *option;
} bool_options[] = {
  { L2TP_KEY_REFUSE_EAP, "refuse-eap" },
  { L2TP_KEY_REFUSE_PAP, "refuse-pap" },
  { L2TP_KEY_REFUSE_CHAP, "refuse-chap" },
  { L2TP_KEY_REFUSE_MSCHAP, "refuse-mschap" },
  { L2TP_KEY_REFUSE_MSCHAPV2, "refuse-mschap-v2" },
  { L2TP_KEY_MPPE_STATEFUL, "mppe-stateful" },
  { L2TP_KEY_NOBSDCOMP, "nobsdcomp" },
  { L2TP_KEY_NODEFLATE, "nodeflate" },
  { L2TP_KEY_NO_VJ_COMP, "novj" },
  { L2TP_KEY_NOPCOMP, "nopcomp" },
  { L2TP_KEY_NOACCOMP, "noaccomp" },
};

static gboolean
add_word (GString *out, const char *option, const char *key, const char *value,
          GError **error)
{
  g_autofree char *word = l2tp_pppd_quote (key, value, error);

  if (!word)
    return FALSE;
  g_string_append_printf (out, "%s %s\n", option, word);
  return TRUE;
}

static void
add_uint (GString *out, const char *option, const L2tpConfig *cfg, L2tpKeyId id)
{
  if (l2tp_config_get (cfg, id))
    g_string_append_printf (out, "%s %u\n", option, l2tp_config_get_uint (cfg, id));
}

static gboolean
add_user (GString *out, const L2tpConfig *cfg, GError **error)
{
  g_autofree char *user = l2tp_config_ppp_user (cfg);
  const char *key = l2tp_config_is_set (cfg, L2TP_KEY_DOMAIN) ? "domain, user" : "user";

  if (!user)
    return TRUE;
  if (strlen (user) > PPPD_MAX_NAME)
    return l2tp_render_refuse (error, key,
                               _ ("pppd keeps at most 255 bytes of the user name"));
  return add_word (out, "user", key, user, error);
}

static gboolean
add_peer_ip (GString *out, const L2tpConfig *cfg, GError **error)
{
  const char *ip = l2tp_config_get (cfg, L2TP_KEY_IPCP_PEER_IP);
  const char *key = L2TP_KEY_NAME (L2TP_KEY_IPCP_PEER_IP);

  if (!ip)
    return TRUE;
  /* Written bare as pppd's ":remote" address word: digits and dots only. */
  if (!l2tp_render_check_text (key, ip, error))
    return FALSE;
  if (strspn (ip, "0123456789.") != strlen (ip) || strlen (ip) > 15)
    return l2tp_render_refuse (error, key, _ ("not an IPv4 address pppd can read"));
  g_string_append_printf (out, ":%s\nipcp-accept-remote\n", ip);
  return TRUE;
}

/* pppd reads the service's copies (L2tpRenderContext.ppp_ca …), never a
 * path of the connection: pppd runs as root. */
static gboolean
add_tls (GString *out, const L2tpConfig *cfg, const L2tpRenderContext *ctx,
         GError **error)
{
  const struct
  {
    L2tpKeyId id;
    const char *option;
    const char *copy;
  } files[] = {
    { L2TP_KEY_USER_CA, "ca", ctx->ppp_ca },
    { L2TP_KEY_USER_CERT, "cert", ctx->ppp_cert },
    { L2TP_KEY_USER_KEY, "key", ctx->ppp_key },
  };

  if (!l2tp_config_user_tls (cfg))
    return TRUE;
  if (l2tp_config_get_bool (cfg, L2TP_KEY_REFUSE_EAP))
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
                   _ ("%s: EAP-TLS (user-auth-type tls) needs EAP"),
                   L2TP_KEY_NAME (L2TP_KEY_REFUSE_EAP));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      const char *name = L2TP_KEY_NAME (files[i].id);

      if (!l2tp_config_get (cfg, files[i].id))
        continue;
      if (!files[i].copy)
        return l2tp_render_refuse (error, name,
                                   _ ("the service has no copy of this file for pppd"));
      if (!add_word (out, files[i].option, name, files[i].copy, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_mppe (GString *out, const L2tpConfig *cfg, const L2tpRenderContext *ctx)
{
  gboolean m40 = l2tp_config_get_bool (cfg, L2TP_KEY_REQUIRE_MPPE_40);
  gboolean m128 = l2tp_config_get_bool (cfg, L2TP_KEY_REQUIRE_MPPE_128);
  gboolean any = l2tp_config_get_bool (cfg, L2TP_KEY_REQUIRE_MPPE) || ctx->ppp_mppe;

  /* require-mppe allows both key lengths; combined with require-mppe-128 it
   * would undo the restriction, so it is written only on its own. */
  if (m40)
    g_string_append (out, "require-mppe-40\n");
  if (m128)
    g_string_append (out, "require-mppe-128\n");
  if (!m40 && !m128 && any)
    g_string_append (out, "require-mppe\n");
  if (!m40 && !m128 && !any)
    {
      /* No MPPE: nothing left worth negotiating in CCP inside ESP. */
      g_string_append (out, "noccp\n");
    }
}

#define IPPARAM_NAME_PREFIX "nm-l2tp-ipsec-"
#define IPPARAM_PREFIX      "nm-l2tp-ipsec-service-"

char *
l2tp_render_pppd_options (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                          GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *ipparam = NULL;

  g_return_val_if_fail (cfg != NULL && ctx != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!l2tp_render_check_name (ctx, error))
    return NULL;
  /* Debian's /etc/ppp/ip-up.d/0000usepeerdns leaves DNS to NetworkManager
   * only for an ipparam matching "nm-*-service-*"; otherwise, on a system
   * without resolvconf or systemd-resolved, it rewrites /etc/resolv.conf
   * behind NetworkManager's back. */
  ipparam
      = g_str_has_prefix (ctx->name, IPPARAM_NAME_PREFIX)
            ? g_strconcat (IPPARAM_PREFIX, ctx->name + strlen (IPPARAM_NAME_PREFIX), NULL)
            : g_strconcat (IPPARAM_PREFIX, ctx->name, NULL);
  if (!add_word (out, "ipparam", "name", ipparam, error)
      || !add_word (out, "plugin", "pppd_plugin", ctx->pppd_plugin, error))
    return NULL;
  if (ctx->bus_name
      && !add_word (out, "nm-l2tp-ipsec-bus-name", "bus_name", ctx->bus_name, error))
    return NULL;

  g_string_append (out, "noauth\n"
                        "nodefaultroute\n"
                        "usepeerdns\n"
                        "noipdefault\n");
  if (!add_peer_ip (out, cfg, error) || !add_user (out, cfg, error)
      || !add_tls (out, cfg, ctx, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bool_options); i++)
    {
      if (bool_options[i].id == L2TP_KEY_MPPE_STATEFUL)
        add_mppe (out, cfg, ctx);
      if (l2tp_config_get_bool (cfg, bool_options[i].id))
        g_string_append_printf (out, "%s\n", bool_options[i].option);
    }

  add_uint (out, "mtu", cfg, L2TP_KEY_MTU);
  add_uint (out, "mru", cfg, L2TP_KEY_MRU);
  if (l2tp_config_get (cfg, L2TP_KEY_MRRU))
    {
      g_string_append (out, "multilink\n");
      add_uint (out, "mrru", cfg, L2TP_KEY_MRRU);
    }
  add_uint (out, "lcp-echo-failure", cfg, L2TP_KEY_LCP_ECHO_FAILURE);
  add_uint (out, "lcp-echo-interval", cfg, L2TP_KEY_LCP_ECHO_INTERVAL);
  add_uint (out, "unit", cfg, L2TP_KEY_UNIT);
  /* LCP's restart timer: 1 s instead of 3. After a server's
   * Terminate-Request pppd waits one restart period before it exits (the
   * MPPE retry waits for that), and one per unanswered Terminate-Request of
   * ours at disconnect; a lost Configure-Request is also sent again sooner.
   * Inside IPsec the round trip is far below a second. */
  g_string_append (out, "lcp-restart 1\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
