/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libreswan ipsec.conf and ipsec.secrets.
 *
 * IKEv1 is selected with keyexchange=ikev1, the spelling libreswan 5 wants
 * (it reports "ikev2=no has been replaced by keyexchange=ikev1"), or with
 * ikev2=no for a 4.x build (4.10 refuses keyexchange=ikev1). An ID that
 * is not an IP address, user@fqdn, @fqdn or DN gets a leading '@': libreswan
 * would otherwise resolve it as a host name, while strongSwan sends such an
 * ID as the FQDN itself; with the '@' both send the same ID. */
#include "render-libreswan.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "libreswan-caps.h"
#include "render-common.h"
#include "render-quote.h"

/* lex.h MAX_TOK_LEN: ipsec.secrets lines are read into 2048 bytes. */
#define SECRETS_MAX_LINE 2000

static char *
libreswan_id (const char *id)
{
  if (g_hostname_is_ip_address (id) || strchr (id, '@') || strchr (id, '=')
      || id[0] == '%')
    return g_strdup (id);
  return g_strconcat ("@", id, NULL);
}

static gboolean
add (GString *out, const char *option, const char *key, const char *value, GError **error)
{
  g_autofree char *quoted = l2tp_libreswan_quote (key, value, error);

  if (!quoted)
    return FALSE;
  g_string_append_printf (out, "\t%s=%s\n", option, quoted);
  return TRUE;
}

static gboolean
add_id (GString *out, const char *option, const L2tpConfig *cfg, L2tpKeyId id,
        GError **error)
{
  const char *value = l2tp_config_get (cfg, id);
  g_autofree char *spelled = NULL;

  if (!value)
    return TRUE;
  if (!l2tp_render_check_text (L2TP_KEY_NAME (id), value, error))
    return FALSE;
  spelled = libreswan_id (value);
  return add (out, option, L2TP_KEY_NAME (id), spelled, error);
}

/* pluto refuses a whole conn for one algorithm its build lacks ("IKE DH
 * algorithm 'modp1024' is not supported"): say which, before it does. The
 * negotiation plan leaves out what the build cannot do (libreswan-caps.h);
 * what reaches here is what the settings name. */
static gboolean
check_caps (const L2tpConfig *cfg, const L2tpRenderContext *ctx, L2tpKeyId key,
            const L2tpProposalSet *set, GError **error)
{
  gboolean ikev2 = l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_IKEV2);
  g_autofree char *missing = NULL;

  if (!ctx->libreswan
      || !(missing = l2tp_libreswan_caps_missing (
               ctx->libreswan, ikev2 ? L2TP_LIBRESWAN_IKEV2 : L2TP_LIBRESWAN_IKEV1, set)))
    return TRUE;
  /* TRANSLATORS: "ipsec-ike: libreswan 4.10 on this computer cannot offer
   * modp1024 in IKEv1" */
  g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
               _ ("%s: libreswan %s on this computer cannot offer %s in %s"),
               L2TP_KEY_NAME (key), l2tp_libreswan_caps_get_version (ctx->libreswan),
               missing, ikev2 ? "IKEv2" : "IKEv1");
  return FALSE;
}

static gboolean
add_proposals (GString *out, const L2tpConfig *cfg, const L2tpRenderContext *ctx,
               GError **error)
{
  g_autoptr (L2tpProposalSet) esp = l2tp_render_esp_offer (cfg, ctx);
  const L2tpProposalSet *ike = l2tp_render_ike_offer (cfg, ctx);
  g_autofree char *ike_text = NULL;
  g_autofree char *esp_text = NULL;

  if (!check_caps (cfg, ctx, L2TP_KEY_IPSEC_IKE, ike, error)
      || !check_caps (cfg, ctx, L2TP_KEY_IPSEC_ESP, esp, error))
    return FALSE;
  ike_text = l2tp_proposal_set_to_libreswan (ike, error);
  if (!ike_text || !add (out, "ike", L2TP_KEY_NAME (L2TP_KEY_IPSEC_IKE), ike_text, error))
    return FALSE;
  esp_text = l2tp_proposal_set_to_libreswan (esp, error);
  if (!esp_text
      || !add (out, "phase2alg", L2TP_KEY_NAME (L2TP_KEY_IPSEC_ESP), esp_text, error))
    return FALSE;
  /* pluto 5 refuses a DH group in phase2alg with pfs=no (4.10 ignores it),
   * and with pfs=yes and no group it reuses the Phase 1 group: say exactly
   * what the list says. */
  g_string_append_printf (out, "\tpfs=%s\n",
                          l2tp_proposal_set_has_dh (esp) ? "yes" : "no");
  return TRUE;
}

static gboolean
check_psk_auth (const L2tpConfig *cfg, GError **error)
{
  if (l2tp_config_machine_tls (cfg))
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
                   _ ("%s: the libreswan backend supports pre-shared keys only"),
                   L2TP_KEY_NAME (L2TP_KEY_MACHINE_AUTH_TYPE));
      return FALSE;
    }
  return TRUE;
}

char *
l2tp_render_libreswan_conn (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                            GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  guint dpd_delay;

  g_return_val_if_fail (cfg != NULL && ctx != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!l2tp_render_check_name (ctx, error) || !check_psk_auth (cfg, error))
    return NULL;

  g_string_append_printf (out, "conn %s\n", ctx->name);
  g_string_append (out, "\ttype=transport\n"
                        "\tauthby=secret\n");
  if (l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_IKEV2))
    /* 4.x: IKEv2 is its default; "insist" refuses a fall back to IKEv1. */
    g_string_append (out,
                     ctx->libreswan && l2tp_libreswan_caps_get_major (ctx->libreswan) < 5
                         ? "\tikev2=insist\n"
                         : "\tkeyexchange=ikev2\n");
  else
    g_string_append_printf (out, "\t%s\n",
                            ctx->libreswan
                                ? l2tp_libreswan_caps_ikev1_option (ctx->libreswan)
                                : "keyexchange=ikev1");
  if (ctx->local_addr)
    {
      if (!add (out, "left", "local address", ctx->local_addr, error))
        return NULL;
    }
  else
    g_string_append (out, "\tleft=%defaultroute\n");
  g_string_append_printf (out, "\tleftprotoport=udp/%u\n", (guint) ctx->l2tp_port);
  if (!add_id (out, "leftid", cfg, L2TP_KEY_IPSEC_GROUP_NAME, error)
      || !add (out, "right", L2TP_KEY_NAME (L2TP_KEY_GATEWAY),
               l2tp_render_gateway (cfg, ctx), error))
    return NULL;
  g_string_append (out, "\trightprotoport=udp/1701\n");
  if (!add_id (out, "rightid", cfg, L2TP_KEY_IPSEC_REMOTE_ID, error)
      || !add_proposals (out, cfg, ctx, error))
    return NULL;

  g_string_append_printf (out, "\tikelifetime=%us\n",
                          l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_IKELIFETIME));
  g_string_append_printf (out, "\tsalifetime=%us\n",
                          l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_SALIFETIME));
  if (l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_FORCEENCAPS))
    g_string_append (out, "\tencapsulation=yes\n");
  if (l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_IPCOMP))
    g_string_append (out, "\tcompress=yes\n");

  dpd_delay = l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_DPD_DELAY);
  if (dpd_delay > 0)
    {
      g_string_append_printf (out, "\tdpddelay=%us\n", dpd_delay);
      g_string_append_printf (out, "\tdpdtimeout=%us\n",
                              l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_DPD_TIMEOUT));
      g_string_append (out, "\tdpdaction=clear\n");
    }
  /* One attempt: the service reports a failure instead of pluto retrying
   * for ever behind its back. */
  g_string_append (out, "\tkeyingtries=1\n"
                        "\tauto=add\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
add_selector (GString *out, const char *key, const char *value, GError **error)
{
  g_autofree char *token = l2tp_libreswan_selector (key, value, error);

  if (!token)
    return FALSE;
  g_string_append_printf (out, "%s ", token);
  return TRUE;
}

char *
l2tp_render_libreswan_secrets (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                               GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GBytes) psk = NULL;
  g_autofree char *psk_token = NULL;
  const char *group = l2tp_config_get (cfg, L2TP_KEY_IPSEC_GROUP_NAME);
  const char *remote = l2tp_config_get (cfg, L2TP_KEY_IPSEC_REMOTE_ID);
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (cfg != NULL && ctx != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_psk_auth (cfg, error))
    return NULL;
  psk = l2tp_config_psk (cfg);
  if (!psk || g_bytes_get_size (psk) == 0)
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_MISSING_KEY,
                   _ ("%s: required for IPsec with a pre-shared key"),
                   L2TP_KEY_NAME (L2TP_KEY_IPSEC_PSK));
      return NULL;
    }

  /* pluto picks the secret whose selectors match both IDs of the
   * connection: ours (leftid, else any) and the server's (its address, or
   * rightid when one is set). */
  if (group)
    {
      g_autofree char *id = NULL;

      if (!l2tp_render_check_text (L2TP_KEY_NAME (L2TP_KEY_IPSEC_GROUP_NAME), group,
                                   error))
        return NULL;
      id = libreswan_id (group);
      if (!add_selector (out, L2TP_KEY_NAME (L2TP_KEY_IPSEC_GROUP_NAME), id, error))
        return NULL;
    }
  else
    g_string_append (out, "%any ");
  if (!add_selector (out, L2TP_KEY_NAME (L2TP_KEY_GATEWAY),
                     l2tp_render_gateway (cfg, ctx), error))
    return NULL;
  if (remote)
    {
      g_autofree char *id = NULL;

      if (!l2tp_render_check_text (L2TP_KEY_NAME (L2TP_KEY_IPSEC_REMOTE_ID), remote,
                                   error))
        return NULL;
      id = libreswan_id (remote);
      if (!add_selector (out, L2TP_KEY_NAME (L2TP_KEY_IPSEC_REMOTE_ID), id, error))
        return NULL;
    }

  data = g_bytes_get_data (psk, &len);
  psk_token = l2tp_libreswan_psk (data, len);
  g_string_append_printf (out, ": PSK %s\n", psk_token);
  if (out->len > SECRETS_MAX_LINE)
    {
      l2tp_render_refuse (error, L2TP_KEY_NAME (L2TP_KEY_IPSEC_PSK),
                          _ ("the ipsec.secrets line would be longer than libreswan "
                             "reads"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
