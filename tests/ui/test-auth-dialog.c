/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The auth dialog's protocol, as nmcli and NetworkManager speak it: the
 * request written the way nmcli writes it (DATA_KEY/DATA_VAL/SECRET_KEY/
 * SECRET_VAL, blank line after each, "DONE\nQUIT\n"), the external-ui reply
 * parsed the way nmcli parses it (first group [VPN Plugin UI] with Title and
 * Description; a prompt for each group with IsSecret and ShouldAsk true).
 * These cases need no display: none makes the dialog show a window.
 *
 * With --window TOOLKIT:DIALOG:PROBE (tests/ui/run, under Xvfb) the window
 * cases run too: that toolkit's build of the dialog, with dialog-probe.c
 * preloaded to read its window (test-auth-dialog-window.c).
 *
 * usage: test-auth-dialog PATH-TO-nm-l2tp-ipsec-auth-dialog
 *          [--window TOOLKIT:DIALOG:PROBE]... [--screenshots DIR]   (TAP) */
#include <stdio.h>
#include <string.h>

#include "auth-dialog-run.h"

static void
check_external (const char *what, const char *const *args, const char *const *data,
                const char *const *secrets, const char *expected_prompts,
                const char *expected_groups)
{
  DialogRun run = { .args = args, .data = data, .secrets = secrets };
  g_autofree char *reply = run_dialog_ok (&run, what);
  g_autofree char *prompts = NULL;
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *group_list = NULL;

  if (!reply)
    return;
  check (!strstr (reply, PSK), "%s: the PSK passed in is not echoed", what);
  prompts = nmcli_prompts (reply, what);
  if (!prompts)
    return;
  if (!check (strcmp (prompts, expected_prompts) == 0, "%s: nmcli asks for \"%s\"", what,
              expected_prompts))
    printf ("#   got: \"%s\"\n", prompts);
  g_key_file_load_from_data (keyfile, reply, -1, G_KEY_FILE_NONE, NULL);
  group_list = list_of (keyfile, NULL);
  if (!check (strcmp (group_list, expected_groups) == 0, "%s: groups are %s", what,
              expected_groups))
    printf ("#   got: %s\n", group_list);
}

static void
check_standard (const char *what, const char *const *args, const char *const *data,
                const char *const *secrets, const char *expected)
{
  DialogRun run = { .args = args, .data = data, .secrets = secrets };
  g_autofree char *reply = run_dialog_ok (&run, what);
  g_autofree char *shown = NULL;

  if (!reply)
    return;
  shown = g_strescape (reply, NULL);
  check (strcmp (reply, expected) == 0, "%s: replies \"%s\"", what, shown);
}

int
main (int argc, char **argv)
{
  static const char *const external[] = { "-i", "--external-ui-mode", NULL };
  static const char *const external_retry[] = { "-i", "-r", "--external-ui-mode", NULL };
  static const char *const external_hint[]
      = { "-i", "--external-ui-mode", "-t", "ipsec-psk", NULL };
  static const char *const no_interaction[] = { NULL };
  static const char *const psk_given[] = { "ipsec-psk", PSK, NULL };
  static const char *const password_given[] = { "password", "pw-1", NULL };
  static const char *const nothing_needed[] = {
    "gateway", "vpn.example.com", "ipsec-enabled", "no", "password-flags", "4", NULL,
  };
  /* Signing in with a certificate (EAP-TLS) as KDE Plasma writes it, and
   * with a key that has no password (flags 4: not required). */
  static const char *const plasma_tls_asked[] = {
    "gateway",
    "vpn.example.com",
    "ipsec-enabled",
    "yes",
    "ipsec-psk-flags",
    "0",
    "use-cert",
    "yes",
    "cert-pub",
    "/home/alice/alice.crt",
    "user-certpass-flags",
    "1",
    NULL,
  };
  static const char *const tls_no_key_password[] = {
    "gateway",
    "vpn.example.com",
    "ipsec-enabled",
    "yes",
    "ipsec-psk-flags",
    "0",
    "user-auth-type",
    "tls",
    "user-cert",
    "/home/alice/alice.crt",
    "user-certpass-flags",
    "4",
    NULL,
  };
  static const char *const password_and_psk[]
      = { "password", "pw-1", "ipsec-psk", PSK, NULL };
  static const char *const system_owned[] = {
    "gateway",
    "vpn.example.com",
    "ipsec-enabled",
    "yes",
    "password-flags",
    "1",
    "ipsec-psk-flags",
    "0",
    NULL,
  };

  g_auto (GStrv) windows = NULL;
  g_autofree char *screenshots = NULL;
  const GOptionEntry entries[] = {
    { "window", 0, 0, G_OPTION_ARG_STRING_ARRAY, &windows,
      "Also the window cases of this toolkit's dialog", "TOOLKIT:DIALOG:PROBE" },
    { "screenshots", 0, 0, G_OPTION_ARG_FILENAME, &screenshots,
      "Pictures of the windows go here", "DIR" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("PATH-TO-AUTH-DIALOG");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr,
               "usage: %s PATH-TO-AUTH-DIALOG [--window TOOLKIT:DIALOG:PROBE]...\n",
               argv[0]);
      return 2;
    }
  dialog_path = argv[1];

  check_external ("password not saved", external, data_password_asked, psk_given,
                  "password:Password", "VPN Plugin UI password");
  check_external ("agent-owned", external, data_agent_owned, password_given,
                  "ipsec-psk:Pre-shared key", "VPN Plugin UI password ipsec-psk");
  check_external ("agent-owned, retry", external_retry, data_agent_owned, password_given,
                  "password:Password ipsec-psk:Pre-shared key",
                  "VPN Plugin UI password ipsec-psk");
  check_external ("hint ipsec-psk", external_hint, data_agent_owned, password_given,
                  "ipsec-psk:Pre-shared key", "VPN Plugin UI ipsec-psk");
  check_external ("nothing needed", external, nothing_needed, NULL, "",
                  "VPN Plugin UI no-secret");
  /* EAP-TLS: the key password instead of the password. */
  check_external ("EAP-TLS, key password not saved", external, data_tls_asked, psk_given,
                  "user-certpass:User certificate key password",
                  "VPN Plugin UI user-certpass");
  check_external ("EAP-TLS as KDE Plasma writes it", external, plasma_tls_asked,
                  psk_given, "user-certpass:User certificate key password",
                  "VPN Plugin UI user-certpass");
  check_external ("EAP-TLS, key without password", external, tls_no_key_password,
                  psk_given, "", "VPN Plugin UI no-secret");
  check_standard ("no interaction", no_interaction, system_owned, password_and_psk,
                  "password\npw-1\n\n\n");
  check_standard ("nothing needed", no_interaction, nothing_needed, NULL,
                  "no-secret\ntrue\n\n\n");

  run_hint_cases ();

  for (guint i = 0; windows && windows[i]; i++)
    {
      g_auto (GStrv) parts = g_strsplit (windows[i], ":", 3);

      if (!check (g_strv_length (parts) == 3, "--window %s is TOOLKIT:DIALOG:PROBE",
                  windows[i]))
        continue;
      run_window_cases (parts[0], parts[1], parts[2], screenshots);
    }

  printf ("1..%u\n", check_count ());
  return check_failures () ? 1 : 0;
}
