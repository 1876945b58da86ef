/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "settings-table.h"

#include <string.h>

static const char *const user_auth_types[] = { "password", "tls", NULL };
static const char *const machine_auth_types[] = { "psk", "tls", NULL };

#define DATA         L2TP_IN_DATA
#define SECRET       L2TP_IN_SECRETS
#define SWAN         (L2TP_OUT_SWANCTL | L2TP_OUT_LIBRESWAN)
#define SWAN_SECRETS (L2TP_OUT_SWANCTL_SECRETS | L2TP_OUT_LIBRESWAN_SECRETS)

/* Key names and "yes"/"no" spellings are those of the long-standing
 * NetworkManager-l2tp plugin: existing profiles, nmcli scripts and KDE
 * Plasma's L2TP page write them. Defaults keep old profiles' behaviour unless
 * the doc line says otherwise. */
static const L2tpKey keys[L2TP_KEY_COUNT] = {
  [L2TP_KEY_GATEWAY]
  = { "gateway", L2TP_KEY_TYPE_HOST, DATA, SWAN | L2TP_OUT_XL2TPD, .max = 253,
      .required = TRUE, .doc = "L2TP/IPsec server: DNS name or IP address." },
  [L2TP_KEY_USER] = { "user", L2TP_KEY_TYPE_STRING, DATA, L2TP_OUT_PPPD, .max = 256,
                      .doc = "PPP user name (falls back to vpn.user-name)." },
  [L2TP_KEY_DOMAIN] = { "domain", L2TP_KEY_TYPE_STRING, DATA, L2TP_OUT_PPPD, .max = 256,
                        .doc = "NT domain; the PPP user name becomes DOMAIN\\user." },
  [L2TP_KEY_PASSWORD]
  = { "password", L2TP_KEY_TYPE_STRING, SECRET, L2TP_OUT_NONE, .max = 1024,
      .doc = "PPP password. Handed to pppd over D-Bus at "
             "authentication time, never written to a file." },
  [L2TP_KEY_PASSWORD_FLAGS] = { "password-flags", L2TP_KEY_TYPE_SECRET_FLAGS, DATA,
                                .max = 7, .doc = "NMSettingSecretFlags of password." },
  [L2TP_KEY_USER_AUTH_TYPE] = { "user-auth-type", L2TP_KEY_TYPE_ENUM, DATA, L2TP_OUT_NONE,
                                .def = "password", .choices = user_auth_types,
                                .doc = "PPP authentication: password or tls (EAP-TLS)." },
  /* Files: read by the service (as the connection's user when it is
   * private), so no path reaches a daemon; pppd reads the service's
   * copies, charon gets the bytes. */
  [L2TP_KEY_USER_CA] = { "user-ca", L2TP_KEY_TYPE_PATH, DATA, L2TP_OUT_NONE, .max = 4096,
                         .doc = "EAP-TLS CA certificate file (pppd reads the service's "
                                "copy)." },
  [L2TP_KEY_USER_CERT]
  = { "user-cert", L2TP_KEY_TYPE_PATH, DATA, L2TP_OUT_NONE, .max = 4096,
      .doc = "EAP-TLS user certificate file (pppd "
             "reads the service's copy)." },
  [L2TP_KEY_USER_KEY]
  = { "user-key", L2TP_KEY_TYPE_PATH, DATA, L2TP_OUT_NONE, .max = 4096,
      .doc = "EAP-TLS private key file (pppd reads the "
             "service's copy)." },
  [L2TP_KEY_USER_CERTPASS]
  = { "user-certpass", L2TP_KEY_TYPE_STRING, SECRET, L2TP_OUT_NONE, .max = 1024,
      .doc = "Password of the EAP-TLS private key." },
  [L2TP_KEY_USER_CERTPASS_FLAGS]
  = { "user-certpass-flags", L2TP_KEY_TYPE_SECRET_FLAGS, DATA, .max = 7,
      .doc = "NMSettingSecretFlags of user-certpass." },
  [L2TP_KEY_IPSEC_ENABLED] = { "ipsec-enabled", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_NONE,
                               .doc = "Protect L2TP with IPsec. When absent: yes if a "
                                      "pre-shared key or machine certificate is set, "
                                      "else no (plain L2TP, as old profiles meant)." },
  [L2TP_KEY_MACHINE_AUTH_TYPE]
  = { "machine-auth-type", L2TP_KEY_TYPE_ENUM, DATA, L2TP_OUT_NONE, .def = "psk",
      .choices = machine_auth_types,
      .doc = "IPsec authentication: psk or tls (certificates)." },
  /* swanctl.conf (text) names the certificate files; over VICI charon
   * gets their bytes. */
  [L2TP_KEY_MACHINE_CA]
  = { "machine-ca", L2TP_KEY_TYPE_PATH, DATA, L2TP_OUT_SWANCTL, .max = 4096,
      .doc = "IPsec CA certificate file (charon gets "
             "its contents from the service)." },
  [L2TP_KEY_MACHINE_CERT]
  = { "machine-cert", L2TP_KEY_TYPE_PATH, DATA, L2TP_OUT_SWANCTL, .max = 4096,
      .doc = "IPsec machine certificate file (charon gets its "
             "contents from the service)." },
  [L2TP_KEY_MACHINE_KEY]
  = { "machine-key", L2TP_KEY_TYPE_PATH, DATA, L2TP_OUT_NONE, .max = 4096,
      .doc = "IPsec machine private key file (the service loads it into "
             "charon itself)." },
  [L2TP_KEY_MACHINE_CERTPASS]
  = { "machine-certpass", L2TP_KEY_TYPE_STRING, SECRET, L2TP_OUT_NONE, .max = 1024,
      .doc = "Password of the machine private key." },
  [L2TP_KEY_MACHINE_CERTPASS_FLAGS]
  = { "machine-certpass-flags", L2TP_KEY_TYPE_SECRET_FLAGS, DATA, .max = 7,
      .doc = "NMSettingSecretFlags of machine-certpass." },
  [L2TP_KEY_IPSEC_PSK]
  = { "ipsec-psk", L2TP_KEY_TYPE_PSK, DATA | SECRET, SWAN_SECRETS, .max = 1024,
      .doc = "IPsec pre-shared key. Plain text or \"0s\" followed by "
             "base64. Accepted in vpn.data too (old profiles)." },
  [L2TP_KEY_IPSEC_PSK_FLAGS] = { "ipsec-psk-flags", L2TP_KEY_TYPE_SECRET_FLAGS, DATA,
                                 .max = 7, .doc = "NMSettingSecretFlags of ipsec-psk." },
  [L2TP_KEY_IPSEC_IKE]
  = { "ipsec-ike", L2TP_KEY_TYPE_IKE_PROPOSALS, DATA, SWAN, .max = 4096,
      .doc = "Phase 1 proposals, strongSwan or libreswan spelling, "
             "comma separated, optional trailing '!'. Empty: a broad "
             "built-in set, strongest first." },
  [L2TP_KEY_IPSEC_ESP]
  = { "ipsec-esp", L2TP_KEY_TYPE_ESP_PROPOSALS, DATA, SWAN, .max = 4096,
      .doc = "Phase 2 proposals, like ipsec-ike; a DH group requests "
             "PFS. Empty: a broad built-in set." },
  [L2TP_KEY_IPSEC_PFS]
  = { "ipsec-pfs", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_NONE, .def = "yes",
      .doc = "\"no\" removes every DH group from Phase 2 (no PFS)." },
  [L2TP_KEY_IPSEC_FORCEENCAPS]
  = { "ipsec-forceencaps", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_NONE, .def = "no",
      .doc = "Enforce UDP encapsulation of ESP (port 4500) "
             "even without NAT." },
  [L2TP_KEY_IPSEC_IPCOMP] = { "ipsec-ipcomp", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_NONE,
                              .def = "no", .doc = "Offer IP compression (IPComp)." },
  [L2TP_KEY_IPSEC_IKEV2] = { "ipsec-ikev2", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_NONE,
                             .def = "no", .doc = "Use IKEv2 instead of IKEv1." },
  [L2TP_KEY_IPSEC_REMOTE_ID]
  = { "ipsec-remote-id", L2TP_KEY_TYPE_IKE_ID, DATA, SWAN | SWAN_SECRETS, .max = 512,
      .doc = "Server's IPsec identity (IP, @fqdn or DN). "
             "Empty: any." },
  [L2TP_KEY_IPSEC_GATEWAY_ID]
  = { "ipsec-gateway-id", L2TP_KEY_TYPE_IKE_ID, DATA, SWAN | SWAN_SECRETS, .max = 512,
      .deprecated = TRUE, .doc = "Old name of ipsec-remote-id." },
  [L2TP_KEY_IPSEC_GROUP_NAME] = { "ipsec-group-name", L2TP_KEY_TYPE_IKE_ID, DATA,
                                  SWAN | L2TP_OUT_LIBRESWAN_SECRETS, .max = 512,
                                  .doc = "Our IPsec identity (group name), sent as "
                                         "the local ID. Empty: our IP address." },
  [L2TP_KEY_IPSEC_IKELIFETIME]
  = { "ipsec-ikelifetime", L2TP_KEY_TYPE_UINT, DATA, SWAN, .min = 60, .max = 86400,
      .def = "10800", .doc = "Phase 1 lifetime in seconds." },
  [L2TP_KEY_IPSEC_SALIFETIME]
  = { "ipsec-salifetime", L2TP_KEY_TYPE_UINT, DATA, SWAN, .min = 60, .max = 86400,
      .def = "3600", .doc = "Phase 2 lifetime in seconds." },
  [L2TP_KEY_IPSEC_DPD_DELAY] = { "ipsec-dpd-delay", L2TP_KEY_TYPE_UINT, DATA, SWAN,
                                 .min = 0, .max = 3600, .def = "10",
                                 .doc = "New. Seconds between IKE dead peer detection "
                                        "checks; 0 turns DPD off." },
  [L2TP_KEY_IPSEC_DPD_TIMEOUT] = { "ipsec-dpd-timeout", L2TP_KEY_TYPE_UINT, DATA, SWAN,
                                   .min = 1, .max = 3600, .def = "30",
                                   .doc = "New. Seconds without an answer before the "
                                          "server counts as dead." },
  [L2TP_KEY_EPHEMERAL_PORT]
  = { "ephemeral-port", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_NONE, .def = "no",
      .doc = "\"yes\" forces a random L2TP source port instead "
             "of 1701; IPsec then covers exactly that port." },
  [L2TP_KEY_XL2TPD_MAX_RETRIES] = { "xl2tpd-max-retries", L2TP_KEY_TYPE_UINT, DATA,
                                    L2TP_OUT_XL2TPD, .min = 1, .max = 1000, .def = "5",
                                    .doc = "L2TP control message retries before xl2tpd "
                                           "gives up." },
  [L2TP_KEY_REFUSE_EAP] = { "refuse-eap", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD,
                            .def = "no", .doc = "Refuse EAP authentication." },
  [L2TP_KEY_REFUSE_PAP] = { "refuse-pap", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD,
                            .def = "no", .doc = "Refuse PAP authentication." },
  [L2TP_KEY_REFUSE_CHAP] = { "refuse-chap", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD,
                             .def = "no", .doc = "Refuse CHAP authentication." },
  [L2TP_KEY_REFUSE_MSCHAP] = { "refuse-mschap", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD,
                               .def = "no", .doc = "Refuse MS-CHAP authentication." },
  [L2TP_KEY_REFUSE_MSCHAPV2]
  = { "refuse-mschapv2", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD, .def = "no",
      .doc = "Refuse MS-CHAPv2 authentication." },
  [L2TP_KEY_REQUIRE_MPPE] = { "require-mppe", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD,
                              .def = "no", .doc = "Require MPPE encryption." },
  [L2TP_KEY_REQUIRE_MPPE_40]
  = { "require-mppe-40", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD, .def = "no",
      .doc = "Require 40-bit MPPE." },
  [L2TP_KEY_REQUIRE_MPPE_128]
  = { "require-mppe-128", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD, .def = "no",
      .doc = "Require 128-bit MPPE." },
  [L2TP_KEY_MPPE_STATEFUL] = { "mppe-stateful", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD,
                               .def = "no", .doc = "Allow stateful MPPE." },
  [L2TP_KEY_NOBSDCOMP] = { "nobsdcomp", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD,
                           .def = "no", .doc = "Disable BSD-Compress." },
  [L2TP_KEY_NODEFLATE] = { "nodeflate", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD,
                           .def = "no", .doc = "Disable Deflate compression." },
  [L2TP_KEY_NO_VJ_COMP]
  = { "no-vj-comp", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD, .def = "no",
      .doc = "Disable Van Jacobson TCP header "
             "compression." },
  [L2TP_KEY_NOPCOMP] = { "nopcomp", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD, .def = "no",
                         .doc = "Disable protocol field compression." },
  [L2TP_KEY_NOACCOMP] = { "noaccomp", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_PPPD,
                          .def = "no", .doc = "Disable address/control compression." },
  [L2TP_KEY_LCP_ECHO_FAILURE] = { "lcp-echo-failure", L2TP_KEY_TYPE_UINT, DATA,
                                  L2TP_OUT_PPPD, .min = 0, .max = 100, .def = "3",
                                  .doc = "Unanswered LCP echoes before the link counts "
                                         "as dead; 0 turns the check off." },
  [L2TP_KEY_LCP_ECHO_INTERVAL] = { "lcp-echo-interval", L2TP_KEY_TYPE_UINT, DATA,
                                   L2TP_OUT_PPPD, .min = 0, .max = 3600, .def = "10",
                                   .doc = "Seconds between LCP echo requests; 0 sends "
                                          "none." },
  [L2TP_KEY_MTU] = { "mtu", L2TP_KEY_TYPE_UINT, DATA, L2TP_OUT_PPPD, .min = 576,
                     .max = 1500, .def = "1400", .doc = "PPP MTU." },
  [L2TP_KEY_MRU] = { "mru", L2TP_KEY_TYPE_UINT, DATA, L2TP_OUT_PPPD, .min = 576,
                     .max = 1500, .def = "1400", .doc = "PPP MRU." },
  [L2TP_KEY_MRRU]
  = { "mrru", L2TP_KEY_TYPE_UINT, DATA, L2TP_OUT_PPPD, .min = 576, .max = 16384,
      .doc = "Multilink MRRU; set only to enable multilink." },
  [L2TP_KEY_UNIT] = { "unit", L2TP_KEY_TYPE_UINT, DATA, L2TP_OUT_PPPD, .min = 0,
                      .max = 65535, .doc = "pppN interface number to ask pppd for." },
  [L2TP_KEY_IPCP_PEER_IP]
  = { "ipcp-peer-ip", L2TP_KEY_TYPE_IPV4, DATA, L2TP_OUT_PPPD, .max = 15,
      .doc = "Peer address to use when the server assigns "
             "none." },
  /* Routes: used by the service once PPP is up, never rendered into a
   * daemon's configuration. */
  [L2TP_KEY_DHCP_INFORM]
  = { "dhcp-inform", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_NONE, .def = "yes",
      .doc = "New. Once PPP is up, ask the server for its routes and search "
             "domain with DHCPINFORM (options 121/249), as Windows does; \"no\" "
             "asks nothing." },
  [L2TP_KEY_CLASSFUL_ROUTE]
  = { "classful-route", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_NONE, .def = "no",
      .doc = "New. Also route the class A/B/C network of the assigned address "
             "through the tunnel, as Windows does when \"use default gateway on "
             "remote network\" is off." },
  [L2TP_KEY_KDE_USE_CERT]
  = { "use-cert", L2TP_KEY_TYPE_BOOL, DATA, L2TP_OUT_NONE, .deprecated = TRUE,
      .doc = "KDE Plasma: \"yes\" means user-auth-type=tls." },
  [L2TP_KEY_KDE_CERT_CA]
  = { "cert-ca", L2TP_KEY_TYPE_PATH, DATA, L2TP_OUT_NONE, .max = 4096, .deprecated = TRUE,
      .doc = "KDE Plasma: old name of user-ca." },
  [L2TP_KEY_KDE_CERT_PUB]
  = { "cert-pub", L2TP_KEY_TYPE_PATH, DATA, L2TP_OUT_NONE, .max = 4096,
      .deprecated = TRUE, .doc = "KDE Plasma: old name of user-cert." },
  [L2TP_KEY_KDE_CERT_KEY]
  = { "cert-key", L2TP_KEY_TYPE_PATH, DATA, L2TP_OUT_NONE, .max = 4096,
      .deprecated = TRUE, .doc = "KDE Plasma: old name of user-key." },
};

const L2tpKey *
l2tp_key_get (L2tpKeyId id)
{
  g_return_val_if_fail (id < L2TP_KEY_COUNT, NULL);
  return &keys[id];
}

const L2tpKey *
l2tp_key_lookup (const char *name, L2tpKeyId *out_id)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < L2TP_KEY_COUNT; i++)
    {
      if (strcmp (keys[i].name, name) == 0)
        {
          if (out_id)
            *out_id = (L2tpKeyId) i;
          return &keys[i];
        }
    }
  return NULL;
}

/* Keys whose value is free-form text and so needs a format's quoting rule. */
gboolean
l2tp_key_is_text (const L2tpKey *key)
{
  switch (key->type)
    {
    case L2TP_KEY_TYPE_STRING:
    case L2TP_KEY_TYPE_PSK:
    case L2TP_KEY_TYPE_HOST:
    case L2TP_KEY_TYPE_IPV4:
    case L2TP_KEY_TYPE_PATH:
    case L2TP_KEY_TYPE_IKE_ID:
    case L2TP_KEY_TYPE_IKE_PROPOSALS:
    case L2TP_KEY_TYPE_ESP_PROPOSALS:
      return TRUE;
    default:
      return FALSE;
    }
}

const char *
l2tp_output_name (L2tpOutput out)
{
  switch (out)
    {
    case L2TP_OUT_SWANCTL:
      return "swanctl";
    case L2TP_OUT_SWANCTL_SECRETS:
      return "swanctl-secrets";
    case L2TP_OUT_LIBRESWAN:
      return "libreswan";
    case L2TP_OUT_LIBRESWAN_SECRETS:
      return "libreswan-secrets";
    case L2TP_OUT_XL2TPD:
      return "xl2tpd";
    case L2TP_OUT_PPPD:
      return "pppd";
    default:
      return "none";
    }
}
