/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which refusal is asked again on an interactive connect, and its words. */
#include "src/service/reask.h"

#include <stdarg.h>
#include <string.h>

/* A config with the two secrets, their flags and more data items: key,
 * value, ..., NULL. */
static L2tpConfig *
config (const char *password_flags, const char *psk_flags, ...)
{
  g_autoptr (GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  L2tpConfig *cfg;
  const char *key;
  va_list ap;

  g_hash_table_insert (data, "gateway", "vpn.example.com");
  g_hash_table_insert (data, "user", "alice");
  g_hash_table_insert (data, "ipsec-enabled", "yes");
  g_hash_table_insert (data, "password-flags", (char *) password_flags);
  g_hash_table_insert (data, "ipsec-psk-flags", (char *) psk_flags);
  va_start (ap, psk_flags);
  while ((key = va_arg (ap, const char *)))
    g_hash_table_insert (data, (char *) key, va_arg (ap, char *));
  va_end (ap);
  g_hash_table_insert (secrets, "password", "secret");
  g_hash_table_insert (secrets, "ipsec-psk", "shared");
  cfg = l2tp_config_new (data, secrets, &error);
  g_assert_no_error (error);
  return cfg;
}

static void
test_interactive_typed (void)
{
  g_autoptr (L2tpConfig) agent = config ("1", "1", NULL);
  g_autoptr (L2tpConfig) ask = config ("2", "2", NULL);

  g_assert_cmpstr (l2tp_reask_secret (agent, L2TP_FAILURE_PPP_AUTH, TRUE), ==,
                   "password");
  g_assert_cmpstr (l2tp_reask_secret (agent, L2TP_FAILURE_PSK_MISMATCH, TRUE), ==,
                   "ipsec-psk");
  g_assert_cmpstr (l2tp_reask_secret (ask, L2TP_FAILURE_PPP_AUTH, TRUE), ==, "password");
  g_assert_cmpstr (l2tp_reask_secret (ask, L2TP_FAILURE_PSK_MISMATCH, TRUE), ==,
                   "ipsec-psk");
}

/* Connect (not interactive), a secret NetworkManager keeps (flags 0) or
 * one not required: the refusal fails the attempt with its own reason. */
static void
test_fails_instead (void)
{
  g_autoptr (L2tpConfig) agent = config ("1", "1", NULL);
  g_autoptr (L2tpConfig) system = config ("0", "0", NULL);
  g_autoptr (L2tpConfig) mixed = config ("0", "2", NULL);
  g_autoptr (L2tpConfig) not_required = config ("5", "1", NULL);

  g_assert_null (l2tp_reask_secret (agent, L2TP_FAILURE_PPP_AUTH, FALSE));
  g_assert_null (l2tp_reask_secret (agent, L2TP_FAILURE_PSK_MISMATCH, FALSE));
  g_assert_null (l2tp_reask_secret (system, L2TP_FAILURE_PPP_AUTH, TRUE));
  g_assert_null (l2tp_reask_secret (system, L2TP_FAILURE_PSK_MISMATCH, TRUE));
  g_assert_null (l2tp_reask_secret (mixed, L2TP_FAILURE_PPP_AUTH, TRUE));
  g_assert_cmpstr (l2tp_reask_secret (mixed, L2TP_FAILURE_PSK_MISMATCH, TRUE), ==,
                   "ipsec-psk");
  g_assert_null (l2tp_reask_secret (not_required, L2TP_FAILURE_PPP_AUTH, TRUE));
}

/* Only a refused secret is asked again: no secret fixes the others. */
static void
test_other_failures (void)
{
  g_autoptr (L2tpConfig) agent = config ("1", "1", NULL);
  const L2tpFailure others[] = {
    L2TP_FAILURE_IKE_NO_PROPOSAL, L2TP_FAILURE_IKE_NO_RESPONSE,
    L2TP_FAILURE_IKE_REMOTE_ID,   L2TP_FAILURE_PPP_LCP_TIMEOUT,
    L2TP_FAILURE_BAD_SETTINGS,    L2TP_FAILURE_TIMEOUT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_null (l2tp_reask_secret (agent, others[i], TRUE));
}

/* A certificate connection has no password or PSK to type again. */
static void
test_certificates (void)
{
  g_autoptr (L2tpConfig) machine = config (
      "1", "1", "machine-auth-type", "tls", "machine-cert", "/etc/ipsec.d/certs/me.pem",
      "machine-key", "/etc/ipsec.d/private/me.pem", NULL);
  g_autoptr (L2tpConfig) no_ipsec = config ("1", "1", "ipsec-enabled", "no", NULL);

  g_assert_null (l2tp_reask_secret (machine, L2TP_FAILURE_PSK_MISMATCH, TRUE));
  g_assert_cmpstr (l2tp_reask_secret (machine, L2TP_FAILURE_PPP_AUTH, TRUE), ==,
                   "password");
  g_assert_null (l2tp_reask_secret (no_ipsec, L2TP_FAILURE_PSK_MISMATCH, TRUE));
}

static void
test_message (void)
{
  g_autofree char *password = l2tp_reask_message (L2TP_FAILURE_PPP_AUTH, "alice");
  g_autofree char *nobody = l2tp_reask_message (L2TP_FAILURE_PPP_AUTH, NULL);
  g_autofree char *psk = l2tp_reask_message (L2TP_FAILURE_PSK_MISMATCH, "alice");
  /* The user name is the connection's text: one line, nothing hidden. */
  g_autofree char *hostile
      = l2tp_reask_message (L2TP_FAILURE_PPP_AUTH, "eve\nx-vpn-message:");

  g_assert_nonnull (strstr (password, "alice"));
  g_assert_nonnull (strstr (password, "password"));
  g_assert_null (strstr (nobody, "%s"));
  g_assert_nonnull (strstr (psk, "pre-shared key"));
  g_assert_null (strchr (hostile, '\n'));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reask/interactive-typed", test_interactive_typed);
  g_test_add_func ("/reask/fails-instead", test_fails_instead);
  g_test_add_func ("/reask/other-failures", test_other_failures);
  g_test_add_func ("/reask/certificates", test_certificates);
  g_test_add_func ("/reask/message", test_message);
  return g_test_run ();
}
