/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "auth-dialog-run.h"

#include <stdio.h>
#include <string.h>

const char *dialog_path;

const char *const data_system_saved[] = {
  "gateway",
  "vpn.example.com",
  "ipsec-enabled",
  "yes",
  "password-flags",
  "0",
  "ipsec-psk-flags",
  "0",
  NULL,
};
const char *const data_agent_owned[] = {
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
const char *const data_password_asked[] = {
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
const char *const data_tls_asked[] = {
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
  "2",
  NULL,
};
const char *const secrets_saved[] = {
  "password", "pw-saved-0815", "ipsec-psk", PSK, NULL,
};
static guint checks, failures;

gboolean
check (gboolean ok, const char *format, ...)
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

guint
check_failures (void)
{
  return failures;
}

guint
check_count (void)
{
  return checks;
}

/* The request as nmcli writes it: DATA_KEY/DATA_VAL, SECRET_KEY/SECRET_VAL,
 * a blank line after each, then "DONE\nQUIT\n". */
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

static GSubprocessLauncher *
new_launcher (const DialogRun *run)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  /* No keyring in the test: lookups must fail fast, not autolaunch a bus. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                "unix:path=/nonexistent/bus", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (!run->probe)
    {
      /* A protocol case never shows a window: without a display one that
       * tried would fail instead of waiting for a person. */
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      return launcher;
    }
  g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", run->probe, TRUE);
  g_subprocess_launcher_setenv (launcher, "L2TP_DIALOG_PROBE_REPORT", run->report, TRUE);
  if (run->type)
    g_subprocess_launcher_setenv (launcher, "L2TP_DIALOG_PROBE_TYPE", run->type, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "L2TP_DIALOG_PROBE_TYPE");
  if (run->screenshot)
    g_subprocess_launcher_setenv (launcher, "L2TP_DIALOG_PROBE_SCREENSHOT",
                                  run->screenshot, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "L2TP_DIALOG_PROBE_SCREENSHOT");
  return launcher;
}

char *
run_dialog (const DialogRun *run, int *status)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (run);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *input = request (run->data, run->secrets);
  const char *path = run->dialog ? run->dialog : dialog_path;
  char *output = NULL;

  g_ptr_array_add (argv, (char *) path);
  g_ptr_array_add (argv, "-u");
  g_ptr_array_add (argv, "6f5d7a4e-2b1c-4c3d-9e8f-0a1b2c3d4e5f");
  g_ptr_array_add (argv, "-n");
  g_ptr_array_add (argv, (char *) (run->name ? run->name : "corp-vpn"));
  g_ptr_array_add (argv, "-s");
  g_ptr_array_add (argv, SERVICE);
  for (guint i = 0; run->args && run->args[i]; i++)
    g_ptr_array_add (argv, (char *) run->args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                          &error);
  if (!process
      || !g_subprocess_communicate_utf8 (process, input, NULL, &output, NULL, &error))
    {
      check (FALSE, "run %s: %s", path, error->message);
      return NULL;
    }
  if (!g_subprocess_get_if_exited (process))
    {
      check (FALSE, "%s exits (it died by signal %d)", path,
             g_subprocess_get_term_sig (process));
      g_free (output);
      return NULL;
    }
  *status = g_subprocess_get_exit_status (process);
  return output;
}

char *
run_dialog_ok (const DialogRun *run, const char *what)
{
  int status = -1;
  char *output = run_dialog (run, &status);

  if (output && !check (status == 0, "%s: the dialog exits with status 0", what))
    {
      printf ("#   status %d\n", status);
      g_clear_pointer (&output, g_free);
    }
  return output;
}

GKeyFile *
load_reply (const char *reply, const char *what)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (GError) error = NULL;

  if (!check (g_key_file_load_from_data (keyfile, reply, -1, G_KEY_FILE_NONE, &error),
              "%s: the reply parses as a GKeyFile%s%s", what, error ? ": " : "",
              error ? error->message : ""))
    return NULL;
  return g_steal_pointer (&keyfile);
}

char *
nmcli_prompts (const char *reply, const char *what)
{
  g_autoptr (GKeyFile) keyfile = load_reply (reply, what);
  g_auto (GStrv) groups = NULL;
  g_autofree char *title = NULL, *description = NULL;
  GString *prompts;

  if (!keyfile)
    return NULL;
  groups = g_key_file_get_groups (keyfile, NULL);
  title = g_key_file_get_string (keyfile, UI, "Title", NULL);
  description = g_key_file_get_string (keyfile, UI, "Description", NULL);
  if (!check (groups[0] && strcmp (groups[0], UI) == 0 && title && description
                  && g_key_file_get_integer (keyfile, UI, "Version", NULL) == 2,
              "%s: first group [" UI "] with Version=2, Title, Description", what))
    return NULL;

  prompts = g_string_new (NULL);
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

char *
list_of (GKeyFile *keyfile, const char *group)
{
  g_auto (GStrv) names = group ? g_key_file_get_keys (keyfile, group, NULL, NULL)
                               : g_key_file_get_groups (keyfile, NULL);

  return names ? g_strjoinv (" ", names) : g_strdup ("");
}
