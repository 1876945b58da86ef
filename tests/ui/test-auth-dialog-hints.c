/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Asking again, in external-UI mode (what GNOME Shell, nm-applet and nmcli
 * read): when the service calls secrets_required, NetworkManager runs the
 * dialog with "-t NAME" per secret and "-t x-vpn-message:TEXT", without -r.
 * The named secrets are asked for even when saved, without their refused
 * value; the message is the start of the Description; and nothing in the
 * message or the connection's name can add a line, a key or a group to the
 * key file. */
#include <stdio.h>
#include <string.h>

#include "auth-dialog-run.h"

typedef struct
{
  const char *what;
  const char *const *args;
  const char *name;
  const char *const *data;
  const char *prompts;     /* nmcli's prompts */
  const char *groups;      /* all groups, in order */
  const char *description; /* exactly */
  gboolean values_kept;    /* saved values offered again (no secret named) */
} HintCase;

static void
check_values (GKeyFile *keyfile, const HintCase *c, const char *reply)
{
  g_auto (GStrv) groups = g_key_file_get_groups (keyfile, NULL);

  if (c->values_kept)
    return;
  check (!strstr (reply, "pw-saved-0815") && !strstr (reply, PSK),
         "%s: no saved value is offered again", c->what);
  for (guint i = 1; groups[i]; i++)
    {
      g_autofree char *value = g_key_file_get_string (keyfile, groups[i], "Value", NULL);

      check (value && !value[0], "%s: [%s] Value is empty", c->what, groups[i]);
    }
}

static void
check_case (const HintCase *c)
{
  DialogRun run
      = { .args = c->args, .name = c->name, .data = c->data, .secrets = secrets_saved };
  g_autofree char *reply = run_dialog_ok (&run, c->what);
  g_autofree char *prompts = NULL;
  g_autofree char *groups = NULL;
  g_autofree char *description = NULL;
  g_autoptr (GKeyFile) keyfile = NULL;

  if (!reply || !(prompts = nmcli_prompts (reply, c->what)))
    return;
  if (!check (strcmp (prompts, c->prompts) == 0, "%s: nmcli asks for \"%s\"", c->what,
              c->prompts))
    printf ("#   got: \"%s\"\n", prompts);
  keyfile = load_reply (reply, c->what);
  if (!keyfile)
    return;
  groups = list_of (keyfile, NULL);
  if (!check (strcmp (groups, c->groups) == 0, "%s: groups are %s", c->what, c->groups))
    printf ("#   got: %s\n", groups);
  description = g_key_file_get_string (keyfile, UI, "Description", NULL);
  if (!check (g_strcmp0 (description, c->description) == 0,
              "%s: the Description is the message, then the connection's sentence",
              c->what))
    {
      g_autofree char *shown = g_strescape (description ? description : "(none)", NULL);

      printf ("#   got: \"%s\"\n", shown);
    }
  check_values (keyfile, c, reply);
}

/* The key file's shape, whatever the message: only our groups and keys,
 * and in the text itself only the lines we wrote. */
static void
check_no_injection (const char *what, const char *const *args, const char *name)
{
  DialogRun run = {
    .args = args, .name = name, .data = data_system_saved, .secrets = secrets_saved
  };
  g_autofree char *reply = run_dialog_ok (&run, what);
  g_autoptr (GKeyFile) keyfile = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *groups = NULL, *ui_keys = NULL, *password_keys = NULL;
  guint headers = 0, controls = 0;

  if (!reply || !(keyfile = load_reply (reply, what)))
    return;
  groups = list_of (keyfile, NULL);
  ui_keys = list_of (keyfile, UI);
  password_keys = list_of (keyfile, "password");
  check (strcmp (groups, UI " password") == 0, "%s: groups are only " UI " password (%s)",
         what, groups);
  check (strcmp (ui_keys, "Version Description Title") == 0,
         "%s: [" UI "] has only Version Description Title (%s)", what, ui_keys);
  check (strcmp (password_keys, "Value Label IsSecret ShouldAsk") == 0,
         "%s: [password] has only Value Label IsSecret ShouldAsk (%s)", what,
         password_keys);
  lines = g_strsplit (reply, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    headers += lines[i][0] == '[';
  for (const char *p = reply; *p; p++)
    controls += (guchar) *p < 0x20 && *p != '\n';
  check (headers == 2, "%s: the text has 2 group lines (%u)", what, headers);
  check (controls == 0, "%s: the text has no control character but line ends (%u)", what,
         controls);
}

void
run_hint_cases (void)
{
  static const char *const reask_password[] = {
    "-i", "--external-ui-mode",
    "-t", "password",
    "-t", "x-vpn-message:The server refused the password of alice.",
    NULL,
  };
  static const char *const reask_psk[] = {
    "-i", "--external-ui-mode",
    "-t", "ipsec-psk",
    "-t", "x-vpn-message:The pre-shared key does not match the server's.",
    NULL,
  };
  static const char *const reprompt_and_hint[] = {
    "-i", "-r", "--external-ui-mode", "-t", "password", NULL,
  };
  static const char *const name_only[] = {
    "-i", "--external-ui-mode", "-t", "password", NULL,
  };
  static const char *const message_only[] = {
    "-i", "--external-ui-mode", "-t", "x-vpn-message:Try again.", NULL,
  };
  static const char *const injection[] = {
    "-i",
    "--external-ui-mode",
    "-t",
    "password",
    "-t",
    "x-vpn-message:Refused.\n[ipsec-psk]\nShouldAsk=true\r\nIsSecret=true\n"
    "Label=Evil\n\nDescription=forged\x1b[2J\x7f end",
    NULL,
  };
  static const char *const plain_message[] = {
    "-i", "--external-ui-mode", "-t", "password", "-t", "x-vpn-message:x", NULL,
  };
  const HintCase cases[] = {
    { "re-ask password, system-owned", reask_password, NULL, data_system_saved,
      "password:Password", UI " password",
      "The server refused the password of alice.\n\n" ASKS ("corp-vpn"), FALSE },
    { "re-ask password, agent-owned", reask_password, NULL, data_agent_owned,
      "password:Password", UI " password",
      "The server refused the password of alice.\n\n" ASKS ("corp-vpn"), FALSE },
    { "re-ask PSK", reask_psk, NULL, data_system_saved, "ipsec-psk:Pre-shared key",
      UI " ipsec-psk",
      "The pre-shared key does not match the server's.\n\n" ASKS ("corp-vpn"), FALSE },
    { "a name without message", name_only, NULL, data_system_saved, "password:Password",
      UI " password", ASKS ("corp-vpn"), FALSE },
    { "-r with a hint", reprompt_and_hint, NULL, data_agent_owned, "password:Password",
      UI " password", ASKS ("corp-vpn"), FALSE },
    { "message without names", message_only, NULL, data_system_saved,
      "password:Password ipsec-psk:Pre-shared key", UI " password ipsec-psk",
      "Try again.\n\n" ASKS ("corp-vpn"), TRUE },
    { "message with line breaks", injection, NULL, data_system_saved, "password:Password",
      UI " password",
      "Refused. [ipsec-psk] ShouldAsk=true IsSecret=true Label=Evil "
      "Description=forged\\x1b[2J\\x7f end\n\n" ASKS ("corp-vpn"),
      FALSE },
    { "name with line breaks", plain_message, "corp\n[ipsec-psk]\nShouldAsk=true",
      data_system_saved, "password:Password", UI " password",
      "x\n\n" ASKS ("corp [ipsec-psk] ShouldAsk=true"), FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_case (&cases[i]);
  check_no_injection ("message with line breaks", injection, NULL);
  check_no_injection ("name with line breaks", plain_message,
                      "corp\n[ipsec-psk]\nShouldAsk=true\n[x]");
}
