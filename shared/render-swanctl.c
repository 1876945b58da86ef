/* SPDX-License-Identifier: GPL-2.0-or-later */
/* strongSwan (charon over VICI) connection and shared key.
 *
 * Option names are those of swanctl.conf(5) in strongSwan 5.9: over VICI a
 * load-conn message carries the same tree as a connections.<conn> section.
 * Lifetimes: charon offers rekey_time + over_time as the IKEv1 Phase 1
 * lifetime and life_time as the Quick Mode lifetime, so ipsec-ikelifetime
 * and ipsec-salifetime are the hard limits and rekeying starts 10% before.
 * IKEv1 has no IKE rekeying: charon reauthenticates at rekey_time instead.
 * Certificates: over VICI their bytes, as the service read them
 * (certs/cacerts, what swanctl itself sends for a file it read), never a
 * path charon would open as root; swanctl.conf names the files
 * (cert { file = ... }) as a user would write it. */
#include "render-swanctl.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "render-common.h"
#include "render-quote.h"

static gboolean
add_str (ViciMessage *msg, const char *name, const char *key, const char *value,
         GError **error)
{
  if (!l2tp_swanctl_check (key, value, FALSE, error))
    return FALSE;
  vici_message_add_kv_str (msg, name, value);
  return TRUE;
}

/* A list from a comma-separated value (proposals) or a single item. */
static gboolean
add_list (ViciMessage *msg, const char *name, const char *key, const char *csv,
          GError **error)
{
  g_auto (GStrv) items = g_strsplit (csv, ",", -1);

  for (guint i = 0; items[i]; i++)
    {
      if (!l2tp_swanctl_check (key, items[i], TRUE, error))
        return FALSE;
    }
  vici_message_begin_list (msg, name);
  for (guint i = 0; items[i]; i++)
    vici_message_add_list_item_str (msg, items[i]);
  vici_message_end_list (msg);
  return TRUE;
}

static gboolean
add_file_section (ViciMessage *msg, const char *section, const L2tpConfig *cfg,
                  L2tpKeyId id, GError **error)
{
  const char *path = l2tp_config_get (cfg, id);

  if (!path)
    return TRUE;
  vici_message_begin_section (msg, section);
  if (!add_str (msg, "file", L2TP_KEY_NAME (id), path, error))
    return FALSE;
  vici_message_end_section (msg);
  return TRUE;
}

/* certs or cacerts: the file's bytes from the context (one list item). */
static gboolean
add_cert_bytes (ViciMessage *msg, const char *list, const L2tpConfig *cfg, L2tpKeyId id,
                GBytes *bytes, GError **error)
{
  const char *name = L2TP_KEY_NAME (id);
  gsize len;
  const guint8 *data;

  if (!l2tp_config_get (cfg, id))
    return TRUE;
  if (!bytes)
    return l2tp_render_refuse (error, name, _ ("the service did not read this file"));
  data = g_bytes_get_data (bytes, &len);
  if (len == 0 || len > VICI_VALUE_MAX)
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
                   _ ("%s: %s: a certificate of %lu bytes does not fit in a VICI "
                      "message (1 to %d)"),
                   name, l2tp_config_get (cfg, id), (unsigned long) len, VICI_VALUE_MAX);
      return FALSE;
    }
  vici_message_begin_list (msg, list);
  vici_message_add_list_item (msg, data, len);
  vici_message_end_list (msg);
  return TRUE;
}

static gboolean
add_auth_cert (ViciMessage *msg, const L2tpConfig *cfg, const L2tpRenderContext *ctx,
               gboolean local, gboolean vici, GError **error)
{
  if (!vici)
    return local ? add_file_section (msg, "cert", cfg, L2TP_KEY_MACHINE_CERT, error)
                 : add_file_section (msg, "cacert", cfg, L2TP_KEY_MACHINE_CA, error);
  return local ? add_cert_bytes (msg, "certs", cfg, L2TP_KEY_MACHINE_CERT,
                                 ctx->machine_cert, error)
               : add_cert_bytes (msg, "cacerts", cfg, L2TP_KEY_MACHINE_CA,
                                 ctx->machine_ca, error);
}

static gboolean
add_auth (ViciMessage *msg, const L2tpConfig *cfg, const L2tpRenderContext *ctx,
          gboolean local, gboolean vici, GError **error)
{
  gboolean tls = l2tp_config_machine_tls (cfg);
  L2tpKeyId id_key = local ? L2TP_KEY_IPSEC_GROUP_NAME : L2TP_KEY_IPSEC_REMOTE_ID;
  const char *id = l2tp_config_get (cfg, id_key);

  vici_message_begin_section (msg, local ? "local" : "remote");
  vici_message_add_kv_str (msg, "auth", tls ? "pubkey" : "psk");
  if (id && !add_str (msg, "id", L2TP_KEY_NAME (id_key), id, error))
    return FALSE;
  if (tls && !add_auth_cert (msg, cfg, ctx, local, vici, error))
    return FALSE;
  vici_message_end_section (msg);
  return TRUE;
}

static void
add_ts (ViciMessage *msg, const char *name, guint port)
{
  g_autofree char *ts = g_strdup_printf ("dynamic[udp/%u]", port);

  vici_message_begin_list (msg, name);
  vici_message_add_list_item_str (msg, ts);
  vici_message_end_list (msg);
}

static gboolean
add_child (ViciMessage *msg, const L2tpConfig *cfg, const L2tpRenderContext *ctx,
           GError **error)
{
  g_autoptr (L2tpProposalSet) esp = l2tp_render_esp_offer (cfg, ctx);
  g_autofree char *esp_text = l2tp_proposal_set_to_strongswan (esp);
  guint life = l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_SALIFETIME);

  vici_message_begin_section (msg, "children");
  vici_message_begin_section (msg, ctx->name);
  vici_message_add_kv_str (msg, "mode", "transport");
  /* L2TP only, from our port (1701 or the ephemeral one) to the server's. */
  add_ts (msg, "local_ts", ctx->l2tp_port);
  add_ts (msg, "remote_ts", 1701);
  if (!add_list (msg, "esp_proposals", L2TP_KEY_NAME (L2TP_KEY_IPSEC_ESP), esp_text,
                 error))
    return FALSE;
  if (l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_IPCOMP))
    vici_message_add_kv_str (msg, "ipcomp", "yes");
  vici_message_add_kv_printf (msg, "rekey_time", "%us", life - life / 10);
  vici_message_add_kv_printf (msg, "life_time", "%us", life);
  vici_message_add_kv_str (msg, "start_action", "none");
  /* A dead server closes the CHILD_SA and nothing restarts it: the service
   * sees child-updown and ends the connection. */
  if (l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_DPD_DELAY) > 0)
    vici_message_add_kv_str (msg, "dpd_action", "clear");
  vici_message_end_section (msg);
  vici_message_end_section (msg);
  return TRUE;
}

/* The connection as one section named ctx->name, into msg: for load-conn
 * (vici) or swanctl.conf. */
static gboolean
add_conn (ViciMessage *msg, const L2tpConfig *cfg, const L2tpRenderContext *ctx,
          gboolean vici, GError **error)
{
  gboolean ikev2 = l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_IKEV2);
  g_autofree char *ike_text
      = l2tp_proposal_set_to_strongswan (l2tp_render_ike_offer (cfg, ctx));
  guint ike_life = l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_IKELIFETIME);
  guint dpd_delay = l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_DPD_DELAY);

  vici_message_begin_section (msg, ctx->name);
  vici_message_add_kv_str (msg, "version", ikev2 ? "2" : "1");
  if (ctx->local_addr
      && !add_list (msg, "local_addrs", "local address", ctx->local_addr, error))
    return FALSE;
  if (!add_list (msg, "remote_addrs", L2TP_KEY_NAME (L2TP_KEY_GATEWAY),
                 l2tp_render_gateway (cfg, ctx), error)
      || !add_list (msg, "proposals", L2TP_KEY_NAME (L2TP_KEY_IPSEC_IKE), ike_text,
                    error))
    return FALSE;
  vici_message_add_kv_str (msg, "aggressive", "no");
  if (l2tp_config_get_bool (cfg, L2TP_KEY_IPSEC_FORCEENCAPS))
    vici_message_add_kv_str (msg, "encap", "yes");
  if (dpd_delay > 0)
    {
      vici_message_add_kv_printf (msg, "dpd_delay", "%us", dpd_delay);
      /* Only IKEv1 has a DPD timeout; IKEv2 uses retransmissions. */
      if (!ikev2)
        vici_message_add_kv_printf (
            msg, "dpd_timeout", "%us",
            l2tp_config_get_uint (cfg, L2TP_KEY_IPSEC_DPD_TIMEOUT));
    }
  vici_message_add_kv_printf (msg, "rekey_time", "%us", ike_life - ike_life / 10);
  vici_message_add_kv_printf (msg, "over_time", "%us", ike_life / 10);
  if (!add_auth (msg, cfg, ctx, TRUE, vici, error)
      || !add_auth (msg, cfg, ctx, FALSE, vici, error)
      || !add_child (msg, cfg, ctx, error))
    return FALSE;
  vici_message_end_section (msg);
  return TRUE;
}

static ViciMessage *
finish (ViciMessage *msg, GError **error)
{
  if (!vici_message_check_built (msg, error))
    {
      vici_message_free (msg);
      return NULL;
    }
  return msg;
}

ViciMessage *
l2tp_render_swanctl_conn (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                          GError **error)
{
  g_autoptr (ViciMessage) msg = NULL;

  g_return_val_if_fail (cfg != NULL && ctx != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!l2tp_render_check_name (ctx, error))
    return NULL;
  msg = vici_message_new ();
  if (!add_conn (msg, cfg, ctx, TRUE, error))
    return NULL;
  return finish (g_steal_pointer (&msg), error);
}

/* Who the key belongs to. IKEv1 Main Mode needs the key before any ID is
 * exchanged, so charon looks it up by the two IP addresses first and by the
 * configured IDs second (ikev1/phase1.c). A key with no owners would match
 * every peer of a charon we share with the system; the server's address
 * (and its ID when one is configured) keeps it to this connection. */
static gboolean
add_owners (ViciMessage *msg, const L2tpConfig *cfg, const L2tpRenderContext *ctx,
            const char *const *names, GError **error)
{
  const char *gateway = l2tp_render_gateway (cfg, ctx);
  const char *remote = l2tp_config_get (cfg, L2TP_KEY_IPSEC_REMOTE_ID);

  if (!l2tp_swanctl_check (L2TP_KEY_NAME (L2TP_KEY_GATEWAY), gateway, TRUE, error)
      || (remote
          && !l2tp_swanctl_check (L2TP_KEY_NAME (L2TP_KEY_IPSEC_REMOTE_ID), remote, TRUE,
                                  error)))
    return FALSE;
  if (!names)
    {
      vici_message_begin_list (msg, "owners");
      vici_message_add_list_item_str (msg, gateway);
      if (remote)
        vici_message_add_list_item_str (msg, remote);
      vici_message_end_list (msg);
      return TRUE;
    }
  vici_message_add_kv_str (msg, names[0], gateway);
  if (remote)
    vici_message_add_kv_str (msg, names[1], remote);
  return TRUE;
}

static GBytes *
shared_key (const L2tpConfig *cfg, GError **error)
{
  GBytes *psk;

  if (l2tp_config_machine_tls (cfg))
    {
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_INVALID_VALUE,
                   _ ("%s: certificates use no pre-shared key"),
                   L2TP_KEY_NAME (L2TP_KEY_MACHINE_AUTH_TYPE));
      return NULL;
    }
  psk = l2tp_config_psk (cfg);
  if (!psk || g_bytes_get_size (psk) == 0)
    {
      g_clear_pointer (&psk, g_bytes_unref);
      g_set_error (error, L2TP_CONFIG_ERROR, L2TP_CONFIG_ERROR_MISSING_KEY,
                   _ ("%s: required for IPsec with a pre-shared key"),
                   L2TP_KEY_NAME (L2TP_KEY_IPSEC_PSK));
    }
  return psk;
}

ViciMessage *
l2tp_render_swanctl_secret (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                            GError **error)
{
  g_autoptr (ViciMessage) msg = NULL;
  g_autoptr (GBytes) psk = NULL;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (cfg != NULL && ctx != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!l2tp_render_check_name (ctx, error) || !(psk = shared_key (cfg, error)))
    return NULL;
  msg = vici_message_new ();
  vici_message_add_kv_str (msg, "id", ctx->name);
  vici_message_add_kv_str (msg, "type", "IKE");
  /* Binary over VICI: the key's bytes exactly as the user gave them. */
  data = g_bytes_get_data (psk, &len);
  vici_message_add_kv (msg, "data", data, len);
  if (!add_owners (msg, cfg, ctx, NULL, error))
    return NULL;
  return finish (g_steal_pointer (&msg), error);
}

static gboolean
add_secrets_text (ViciMessage *msg, const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                  GError **error)
{
  static const char *const id_names[] = { "id1", "id2" };
  g_autofree char *section = NULL;
  g_autoptr (GBytes) psk = NULL;
  g_autofree char *text = NULL;
  const guint8 *data;
  gsize len;

  vici_message_begin_section (msg, "secrets");
  if (l2tp_config_machine_tls (cfg))
    {
      /* swanctl loads the key file itself; its password is never written. */
      section = g_strconcat ("private-", ctx->name, NULL);
      if (!add_file_section (msg, section, cfg, L2TP_KEY_MACHINE_KEY, error))
        return FALSE;
    }
  else if ((psk = l2tp_config_psk (cfg)) && g_bytes_get_size (psk) > 0)
    {
      section = g_strconcat ("ike-", ctx->name, NULL);
      data = g_bytes_get_data (psk, &len);
      text = l2tp_swanctl_psk_text (data, len);
      vici_message_begin_section (msg, section);
      vici_message_add_kv_str (msg, "secret", text);
      memset (text, 0, strlen (text));
      if (!add_owners (msg, cfg, ctx, id_names, error))
        return FALSE;
      vici_message_end_section (msg);
    }
  vici_message_end_section (msg);
  return TRUE;
}

char *
l2tp_render_swanctl_conf (const L2tpConfig *cfg, const L2tpRenderContext *ctx,
                          GError **error)
{
  g_autoptr (ViciMessage) msg = NULL;

  g_return_val_if_fail (cfg != NULL && ctx != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!l2tp_render_check_name (ctx, error))
    return NULL;
  msg = vici_message_new ();
  vici_message_begin_section (msg, "connections");
  if (!add_conn (msg, cfg, ctx, FALSE, error))
    return NULL;
  vici_message_end_section (msg);
  if (!add_secrets_text (msg, cfg, ctx, error) || !vici_message_check_built (msg, error))
    return NULL;
  return vici_message_to_swanctl_text (msg, error);
}
