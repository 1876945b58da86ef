/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The auth dialog's protocol, as nmcli and NetworkManager speak it: the
 * request written the way nmcli writes it (DATA_KEY/DATA_VAL/SECRET_KEY/
 * SECRET_VAL, blank line after each, "DONE\nQUIT\n"), the external-ui reply
 * parsed the way nmcli parses it (first group [VPN Plugin UI] with Title and
 * Description; a prompt for each group with IsSecret and ShouldAsk true).
 * No display needed: no case makes the dialog show a window.
 *
 * usage: test-auth-dialog PATH-TO-nm-l2tp-ipsec-auth-dialog   (TAP output) */
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#define SERVICE "org.freedesktop.NetworkManager.l2tp"
#define PSK     "TOPSECRET-psk-0451"

static guint checks, failures;
static const char *dialog_path;

static gboolean G_GNUC_PRINTF (2, 3) check (gboolean ok, const char *format, ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  checks++;
  if (!ok)
    failures++;
  printf ("%s %u - auth-dialog: %s\n", ok ? "ok" : "not ok", checks, what);
  fflush (stdout);
  return ok;
}

/* data / secrets: key, value, ..., NULL */
static char *
request (const char *const *data, const char *const *secrets)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; data && data[i]; i += 2)
    g_string_append_printf (text, "DATA_KEY=%s\nDATA_VAL=%s\n\n", data[i], data[i + 1]);
  for (guint i = 0; secrets && secrets[i]; i += 2)
    g_string_append_printf (text, "SECRET_KEY=%s\nSECRET_VAL=%s\n\n", secrets[i],
                            secrets[i + 1]);
  g_string_append (text, "DONE\nQUIT\n");
  return g_string_free (text, FALSE);
}

/* Runs the dialog with @extra_args; returns its stdout, NULL if it failed. */
static char *
run_dialog (const char *const *extra_args, const char *const *data,
            const char *const *secrets)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *input = request (data, secrets);
  char *output = NULL;

  g_ptr_array_add (argv, (char *) dialog_path);
  g_ptr_array_add (argv, "-u");
  g_ptr_array_add (argv, "6f5d7a4e-2b1c-4c3d-9e8f-0a1b2c3d4e5f");
  g_ptr_array_add (argv, "-n");
  g_ptr_array_add (argv, "corp-vpn");
  g_ptr_array_add (argv, "-s");
  g_ptr_array_add (argv, SERVICE);
  for (guint i = 0; extra_args[i]; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* No keyring in the test: lookups must fail fast, not autolaunch a bus. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                "unix:path=/nonexistent/bus", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                          &error);
  if (!process
      || !g_subprocess_communicate_utf8 (process, input, NULL, &output, NULL, &error))
    {
      check (FALSE, "run %s: %s", dialog_path, error->message);
      return NULL;
    }
  if (!g_subprocess_get_if_exited (process)
      || g_subprocess_get_exit_status (process) != 0)
    {
      check (FALSE, "the dialog exits with status 0");
      g_free (output);
      return NULL;
    }
  return output;
}

/* nmcli's reading of an external-ui reply: the prompts, "group:Label" each,
 * space separated; NULL (after a failed check) if nmcli would reject it. */
static char *
nmcli_prompts (const char *reply, const char *what)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) groups = NULL;
  g_autofree char *title = NULL, *description = NULL;
  GString *prompts = g_string_new (NULL);

  if (!check (g_key_file_load_from_data (keyfile, reply, -1, G_KEY_FILE_NONE, &error),
              "%s: the reply parses as a GKeyFile%s%s", what, error ? ": " : "",
              error ? error->message : ""))
    return NULL;
  groups = g_key_file_get_groups (keyfile, NULL);
  title = g_key_file_get_string (keyfile, "VPN Plugin UI", "Title", NULL);
  description = g_key_file_get_string (keyfile, "VPN Plugin UI", "Description", NULL);
  if (!check (
          groups[0] && strcmp (groups[0], "VPN Plugin UI") == 0 && title && description
              && g_key_file_get_integer (keyfile, "VPN Plugin UI", "Version", NULL) == 2,
          "%s: first group [VPN Plugin UI] with Version=2, Title, Description", what))
    return NULL;

  for (guint i = 1; groups[i]; i++)
    {
      g_autofree char *label = NULL;

      if (!g_key_file_get_boolean (keyfile, groups[i], "IsSecret", NULL)
          || !g_key_file_get_boolean (keyfile, groups[i], "ShouldAsk", NULL))
        continue;
      label = g_key_file_get_string (keyfile, groups[i], "Label", NULL);
      g_string_append_printf (prompts, "%s%s:%s", prompts->len ? " " : "", groups[i],
                              label ? label : "(none)");
    }
  return g_string_free (prompts, FALSE);
}

static void
check_external (const char *what, const char *const *args, const char *const *data,
                const char *const *secrets, const char *expected_prompts,
                const char *expected_groups)
{
  g_autofree char *reply = run_dialog (args, data, secrets);
  g_autofree char *prompts = NULL;
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_auto (GStrv) groups = NULL;
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
  groups = g_key_file_get_groups (keyfile, NULL);
  group_list = g_strjoinv (" ", groups);
  if (!check (strcmp (group_list, expected_groups) == 0, "%s: groups are %s", what,
              expected_groups))
    printf ("#   got: %s\n", group_list);
}

static void
check_standard (const char *what, const char *const *args, const char *const *data,
                const char *const *secrets, const char *expected)
{
  g_autofree char *reply = run_dialog (args, data, secrets);
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
  /* Password asked every time; PSK kept by NetworkManager and passed in. */
  static const char *const ask_password[] = {
    "gateway",
    "vpn.example.com",
    "ipsec-enabled",
    "yes",
    "password-flags",
    "2",
    "ipsec-psk-flags",
    "0",
    NULL,
  };
  static const char *const psk_given[] = { "ipsec-psk", PSK, NULL };
  /* Both agent-owned: the password passed in, the PSK not (and no keyring). */
  static const char *const agent_owned[] = {
    "gateway",
    "vpn.example.com",
    "ipsec-enabled",
    "yes",
    "password-flags",
    "1",
    "ipsec-psk-flags",
    "1",
    NULL,
  };
  static const char *const password_given[] = { "password", "pw-1", NULL };
  static const char *const nothing_needed[] = {
    "gateway", "vpn.example.com", "ipsec-enabled", "no", "password-flags", "4", NULL,
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

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PATH-TO-AUTH-DIALOG\n", argv[0]);
      return 2;
    }
  dialog_path = argv[1];

  check_external ("password not saved", external, ask_password, psk_given,
                  "password:Password", "VPN Plugin UI password");
  check_external ("agent-owned", external, agent_owned, password_given,
                  "ipsec-psk:Pre-shared key", "VPN Plugin UI password ipsec-psk");
  check_external ("agent-owned, retry", external_retry, agent_owned, password_given,
                  "password:Password ipsec-psk:Pre-shared key",
                  "VPN Plugin UI password ipsec-psk");
  check_external ("hint ipsec-psk", external_hint, agent_owned, password_given,
                  "ipsec-psk:Pre-shared key", "VPN Plugin UI ipsec-psk");
  check_external ("nothing needed", external, nothing_needed, NULL, "",
                  "VPN Plugin UI no-secret");
  check_standard ("no interaction", no_interaction, system_owned, password_and_psk,
                  "password\npw-1\n\n\n");
  check_standard ("nothing needed", no_interaction, nothing_needed, NULL,
                  "no-secret\ntrue\n\n\n");

  printf ("1..%u\n", checks);
  return failures ? 1 : 0;
}
