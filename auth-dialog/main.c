/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec-auth-dialog: asks for the secrets a connection needs, in
 * NetworkManager's auth-dialog protocol.
 *
 *   in  (stdin):  DATA_KEY=k / DATA_VAL=v / SECRET_KEY=k / SECRET_VAL=v … DONE
 *   out (stdout): "key\nvalue\n" per secret, then "\n\n"; we then wait for
 *                 stdin to close (or "QUIT") so NetworkManager reads it all;
 *   --external-ui-mode: a GKeyFile ([VPN Plugin UI] plus one group per
 *                 secret) that nmcli --ask, GNOME Shell and nm-applet turn
 *                 into prompts.
 *
 * Only the secrets the connection needs are printed: a secret passed in that
 * NetworkManager keeps itself is never echoed back.
 *
 * Asking again: when the service calls secrets_required, the agent runs us
 * with "-t NAME" per secret to ask for and "-t x-vpn-message:TEXT" (its
 * reason), but without -r: those secrets are asked for even when saved,
 * and the reason is shown above the fields (prompt-text.h).
 *
 * Built against GTK3 (libnma) and GTK4 (libnma-gtk4) from this one source;
 * both toolkits' libnma have the same password dialog. */
#include <NetworkManager.h>
#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <nma-vpn-password-dialog.h>
#include <stdio.h>
#include <string.h>

#include "keyring.h"
#include "needed-secrets.h"
#include "prompt-text.h"

#define UI_GROUP "VPN Plugin UI"

typedef struct
{
  char *uuid, *name, *service;
  char **hints;
  gboolean allow_interaction, retry, external_ui;
  gboolean reask; /* -r, or a message hint: even saved secrets are asked */
} Options;

/* A reason to ask again (no secret named): the service found something
 * wrong, so saved values are offered for correction, not silently reused. */
static gboolean
has_message (char **hints)
{
  g_autofree char *message = l2tp_prompt_hint_message ((const char *const *) hints);

  return message != NULL;
}

static gboolean
parse_options (int *argc, char ***argv, Options *opt, GError **error)
{
  const GOptionEntry entries[] = {
    { "uuid", 'u', 0, G_OPTION_ARG_STRING, &opt->uuid, N_ ("UUID of the connection"),
      "UUID" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &opt->name, N_ ("Name of the connection"),
      "NAME" },
    { "service", 's', 0, G_OPTION_ARG_STRING, &opt->service, N_ ("VPN service type"),
      "SERVICE" },
    { "allow-interaction", 'i', 0, G_OPTION_ARG_NONE, &opt->allow_interaction,
      N_ ("Allow asking the user"), NULL },
    { "reprompt", 'r', 0, G_OPTION_ARG_NONE, &opt->retry,
      N_ ("Ask again even for saved secrets"), NULL },
    { "hint", 't', 0, G_OPTION_ARG_STRING_ARRAY, &opt->hints,
      N_ ("A secret to ask for, or x-vpn-message:TEXT to show"), "HINT" },
    { "external-ui-mode", 0, 0, G_OPTION_ARG_NONE, &opt->external_ui,
      N_ ("Describe the prompt instead of showing it"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (!opt->uuid || !opt->name || !opt->service)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--uuid, --name and --service are required"));
      return FALSE;
    }
  if (strcmp (opt->service, L2TP_SERVICE_NAME) != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("This dialog serves %s only, not %s"), L2TP_SERVICE_NAME,
                   opt->service);
      return FALSE;
    }
  opt->reask = opt->retry || has_message (opt->hints);
  return TRUE;
}

static const char *
secret_name (const L2tpNeededSecret *secret)
{
  return l2tp_key_get (secret->id)->name;
}

/* Whether the user must see this secret's prompt. */
static gboolean
must_ask (const Options *opt, const L2tpNeededSecret *secret)
{
  return opt->allow_interaction
         && (opt->reask || secret->refused || secret->always_ask || !secret->value);
}

/* Agent-owned secrets NetworkManager did not pass in come from the keyring. */
static void
fill_from_keyring (const Options *opt, GArray *needed)
{
  for (guint i = 0; i < needed->len; i++)
    {
      L2tpNeededSecret *secret = &g_array_index (needed, L2tpNeededSecret, i);
      char *saved;

      if (secret->value || secret->always_ask || secret->refused
          || !(secret->flags & NM_SETTING_SECRET_FLAG_AGENT_OWNED))
        continue;
      saved = l2tp_keyring_lookup (opt->uuid, secret_name (secret));
      if (saved)
        secret->value = g_strdup (saved);
      l2tp_keyring_free (saved);
    }
}

static char *
prompt_text (const Options *opt)
{
  return l2tp_prompt_description (opt->name, (const char *const *) opt->hints);
}

static void
print_external_ui (const Options *opt, GArray *needed)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *prompt = prompt_text (opt);
  g_autofree char *text = NULL;

  g_key_file_set_integer (keyfile, UI_GROUP, "Version", 2);
  g_key_file_set_string (keyfile, UI_GROUP, "Description", prompt);
  g_key_file_set_string (keyfile, UI_GROUP, "Title", _ ("Authenticate VPN"));

  for (guint i = 0; i < needed->len; i++)
    {
      const L2tpNeededSecret *secret = &g_array_index (needed, L2tpNeededSecret, i);
      const char *group = secret_name (secret);

      g_key_file_set_string (keyfile, group, "Value", secret->value ? secret->value : "");
      g_key_file_set_string (keyfile, group, "Label", secret->label);
      g_key_file_set_boolean (keyfile, group, "IsSecret", TRUE);
      g_key_file_set_boolean (keyfile, group, "ShouldAsk", must_ask (opt, secret));
    }
  if (needed->len == 0)
    {
      g_key_file_set_string (keyfile, "no-secret", "Value", "true");
      g_key_file_set_string (keyfile, "no-secret", "Label", "");
      g_key_file_set_boolean (keyfile, "no-secret", "IsSecret", FALSE);
      g_key_file_set_boolean (keyfile, "no-secret", "ShouldAsk", FALSE);
    }

  text = g_key_file_to_data (keyfile, NULL, NULL);
  fputs (text, stdout);
  memset (text, 0, strlen (text));
}

/* The libnma dialog has three entries; a connection needs at most two
 * secrets at once (password or user key password, PSK or machine key one). */
static gboolean
ask_user (const Options *opt, GArray *needed)
{
  typedef void (*SetText) (NMAVpnPasswordDialog *, const char *);
  typedef void (*SetShow) (NMAVpnPasswordDialog *, gboolean);
  typedef const char *(*GetText) (NMAVpnPasswordDialog *);
  static const struct
  {
    SetShow show;
    SetText set_label, set_value;
    GetText get_value;
  } slots[] = {
    { nma_vpn_password_dialog_set_show_password,
      nma_vpn_password_dialog_set_password_label, nma_vpn_password_dialog_set_password,
      nma_vpn_password_dialog_get_password },
    { nma_vpn_password_dialog_set_show_password_secondary,
      nma_vpn_password_dialog_set_password_secondary_label,
      nma_vpn_password_dialog_set_password_secondary,
      nma_vpn_password_dialog_get_password_secondary },
    { nma_vpn_password_dialog_set_show_password_ternary,
      nma_vpn_password_dialog_set_password_ternary_label,
      nma_vpn_password_dialog_set_password_ternary,
      nma_vpn_password_dialog_get_password_ternary },
  };
  g_autofree char *prompt = prompt_text (opt);
  NMAVpnPasswordDialog *dialog;
  gboolean ok;

  dialog = NMA_VPN_PASSWORD_DIALOG (
      nma_vpn_password_dialog_new (_ ("Authenticate VPN"), prompt, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      const L2tpNeededSecret *secret
          = i < needed->len ? &g_array_index (needed, L2tpNeededSecret, i) : NULL;

      slots[i].show (dialog, secret != NULL);
      if (!secret)
        continue;
      slots[i].set_label (dialog, secret->label);
      if (secret->value && !secret->always_ask)
        slots[i].set_value (dialog, secret->value);
    }

  gtk_widget_show (GTK_WIDGET (dialog));
  ok = nma_vpn_password_dialog_run_and_block (dialog);
  for (guint i = 0; ok && i < MIN (needed->len, G_N_ELEMENTS (slots)); i++)
    {
      L2tpNeededSecret *secret = &g_array_index (needed, L2tpNeededSecret, i);

      l2tp_needed_secret_clear (secret);
      secret->value = g_strdup (slots[i].get_value (dialog));
    }
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_window_destroy (GTK_WINDOW (dialog));
#else
  gtk_widget_destroy (GTK_WIDGET (dialog));
#endif
  return ok;
}

static void
print_secrets (GArray *needed)
{
  if (needed->len == 0)
    printf ("%s\n%s\n", "no-secret", "true");
  for (guint i = 0; i < needed->len; i++)
    {
      const L2tpNeededSecret *secret = &g_array_index (needed, L2tpNeededSecret, i);

      /* A value with a newline would break the line protocol: not sent. */
      if (secret->value && !strchr (secret->value, '\n'))
        printf ("%s\n%s\n", secret_name (secret), secret->value);
    }
  printf ("\n\n");
  fflush (stdout);
}

/* NetworkManager closes our stdin (after "QUIT") once it has read the reply;
 * exiting earlier can lose it. */
static void
wait_for_quit (void)
{
  char line[256];

  while (fgets (line, sizeof line, stdin))
    if (strcmp (line, "QUIT\n") == 0 || strcmp (line, "QUIT") == 0)
      break;
}

int
main (int argc, char **argv)
{
  Options opt = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) data = NULL;
  g_autoptr (GHashTable) secrets = NULL;
  g_autoptr (GArray) needed = NULL;
  gboolean ask = FALSE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!parse_options (&argc, &argv, &opt, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (!nm_vpn_service_plugin_read_vpn_details (0, &data, &secrets))
    {
      fprintf (stderr, _ ("Failed to read the data and secrets of '%s' from stdin.\n"),
               opt.uuid);
      return 1;
    }

  needed = l2tp_needed_secrets (data, secrets, (const char *const *) opt.hints);
  fill_from_keyring (&opt, needed);

  if (opt.external_ui)
    {
      print_external_ui (&opt, needed);
      return 0;
    }

  for (guint i = 0; i < needed->len; i++)
    ask = ask || must_ask (&opt, &g_array_index (needed, L2tpNeededSecret, i));
  if (ask)
    {
#if GTK_CHECK_VERSION(4, 0, 0)
      gboolean display = gtk_init_check ();
#else
      gboolean display = gtk_init_check (&argc, &argv);
#endif

      if (!display)
        {
          fprintf (stderr, "%s\n",
                   _ ("Cannot open a display to ask for the VPN secrets."));
          return 1;
        }
      if (!ask_user (&opt, needed))
        return 1; /* cancelled */
    }

  print_secrets (needed);
  wait_for_quit ();
  return 0;
}
