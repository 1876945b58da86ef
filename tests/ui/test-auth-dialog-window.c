/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The dialog's real window, per toolkit: the dialog binary built against
 * that toolkit's libnma, run under Xvfb as an agent runs it, with
 * dialog-probe.c preloaded. The probe reports the window's widget tree and
 * then types into every shown entry and presses OK, so the reply on stdout
 * shows which secrets the person was asked for.
 *
 * What a re-ask must look like: the service's message, as plain text, in a
 * label above the fields; exactly the named secret's entry, empty even
 * though a value was saved; the typed value returned, nothing else. */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "auth-dialog-run.h"

#define TYPED "typed"

typedef struct
{
  char *text;
  gboolean markup;
  int y, height, text_length;
} Shown;

static void
shown_free (Shown *shown)
{
  g_free (shown->text);
  g_free (shown);
}

/* The mapped labels and entries of the report, in tree order. */
static void
read_report (GKeyFile *report, GPtrArray *labels, GPtrArray *entries)
{
  g_auto (GStrv) groups = g_key_file_get_groups (report, NULL);

  for (guint i = 0; groups[i]; i++)
    {
      g_autofree char *type = g_key_file_get_string (report, groups[i], "Type", NULL);
      gboolean label = g_strcmp0 (type, "GtkLabel") == 0;
      gboolean entry = g_key_file_has_key (report, groups[i], "TextLength", NULL);
      Shown *shown;

      if (!g_str_has_prefix (groups[i], "widget ")
          || !g_key_file_get_boolean (report, groups[i], "Mapped", NULL)
          || !(label || entry))
        continue;
      shown = g_new0 (Shown, 1);
      shown->text = g_key_file_get_string (report, groups[i], "Text", NULL);
      shown->markup = g_key_file_get_boolean (report, groups[i], "UseMarkup", NULL);
      shown->y = g_key_file_get_integer (report, groups[i], "Y", NULL);
      shown->height = g_key_file_get_integer (report, groups[i], "Height", NULL);
      shown->text_length = g_key_file_get_integer (report, groups[i], "TextLength", NULL);
      g_ptr_array_add (label ? labels : entries, shown);
    }
}

static Shown *
label_with (GPtrArray *labels, const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    {
      Shown *label = labels->pdata[i];

      if (g_strcmp0 (label->text, text) == 0)
        return label;
    }
  return NULL;
}

typedef struct
{
  const char *what;
  const char *const *args;
  const char *const *data;
  const char *const *secrets;
  const char *prompt;            /* the message label's text, exactly */
  const char *field, *not_field; /* the one entry's label; one that is not shown */
  const char *reply;             /* stdout, exactly */
  const char *shot;              /* TOOLKIT-SHOT.png, or NULL */
} WindowCase;

static void
check_window (const char *toolkit, const WindowCase *c, GPtrArray *labels,
              GPtrArray *entries)
{
  Shown *message = label_with (labels, c->prompt);
  Shown *field = label_with (labels, c->field);

  if (!check (message != NULL, "%s %s: a label shows the prompt", toolkit, c->what))
    {
      for (guint i = 0; i < labels->len; i++)
        {
          const char *text = ((Shown *) labels->pdata[i])->text;
          g_autofree char *shown = g_strescape (text ? text : "(none)", NULL);

          printf ("#   label: \"%s\"\n", shown);
        }
      return;
    }
  check (!message->markup, "%s %s: the prompt label is plain text (no markup)", toolkit,
         c->what);
  if (!check (entries->len == 1, "%s %s: exactly one entry is shown (%u)", toolkit,
              c->what, entries->len))
    return;
  check (((Shown *) entries->pdata[0])->text_length == 0,
         "%s %s: the entry starts empty (no saved value)", toolkit, c->what);
  check (message->height > 0 && message->y >= 0
             && message->y + message->height <= ((Shown *) entries->pdata[0])->y,
         "%s %s: the prompt (y %d, height %d) is above the entry (y %d)", toolkit,
         c->what, message->y, message->height, ((Shown *) entries->pdata[0])->y);
  check (field != NULL, "%s %s: the entry's label \"%s\" is shown", toolkit, c->what,
         c->field);
  check (!label_with (labels, c->not_field), "%s %s: no \"%s\" field", toolkit, c->what,
         c->not_field);
}

/* SCREENSHOT-DIR/TOOLKIT-SHOT.png, or NULL when either is NULL. */
static char *
screenshot_path (const char *dir, const char *toolkit, const char *shot)
{
  g_autofree char *file = NULL;

  if (!dir || !shot)
    return NULL;
  file = g_strdup_printf ("%s-%s.png", toolkit, shot);
  return g_build_filename (dir, file, NULL);
}

static void
run_window_case (const char *toolkit, const char *dialog, const char *probe,
                 const char *dir, const char *screenshot_dir, const WindowCase *c)
{
  g_autofree char *report_path = g_build_filename (dir, "report", NULL);
  g_autofree char *shot_path = screenshot_path (screenshot_dir, toolkit, c->shot);
  DialogRun run = { .args = c->args,
                    .data = c->data,
                    .secrets = c->secrets,
                    .dialog = dialog,
                    .probe = probe,
                    .report = report_path,
                    .screenshot = shot_path,
                    .type = TYPED };
  g_autofree char *what = g_strdup_printf ("%s %s", toolkit, c->what);
  g_autofree char *reply = NULL;
  g_autofree char *shown = NULL;
  g_autoptr (GKeyFile) report = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels
      = g_ptr_array_new_with_free_func ((GDestroyNotify) shown_free);
  g_autoptr (GPtrArray) entries
      = g_ptr_array_new_with_free_func ((GDestroyNotify) shown_free);

  g_unlink (report_path);
  reply = run_dialog_ok (&run, what);
  if (reply)
    {
      shown = g_strescape (reply, NULL);
      check (strcmp (reply, c->reply) == 0, "%s: replies \"%s\"", what, shown);
    }
  if (!check (g_key_file_load_from_file (report, report_path, G_KEY_FILE_NONE, &error),
              "%s: the window was shown and read%s%s", what, error ? ": " : "",
              error ? error->message : ""))
    return;
  if (shot_path)
    check (g_key_file_get_boolean (report, "dialog", "Screenshot", NULL),
           "%s: screenshot %s", what, shot_path);
  read_report (report, labels, entries);
  check_window (toolkit, c, labels, entries);
  g_unlink (report_path);
}

void
run_window_cases (const char *toolkit, const char *dialog, const char *probe,
                  const char *screenshot_dir)
{
  static const char *const reask_password[] = {
    "-i", "-t", "password", "-t", "x-vpn-message:Wrong password for <b>alice</b> & co.",
    NULL,
  };
  static const char *const reask_psk[] = {
    "-i", "-t", "ipsec-psk", "-t", "x-vpn-message:The pre-shared key does not match.",
    NULL,
  };
  static const char *const first_ask[] = { "-i", NULL };
  static const char *const psk_saved[] = { "ipsec-psk", PSK, NULL };

  const WindowCase cases[] = {
    { "re-ask password", reask_password, data_system_saved, secrets_saved,
      "Wrong password for <b>alice</b> & co.\n\n" ASKS ("corp-vpn"), "Password",
      "Pre-shared key", "password\n" TYPED "-1\n\n\n", "auth-dialog-reask" },
    { "re-ask PSK", reask_psk, data_system_saved, secrets_saved,
      "The pre-shared key does not match.\n\n" ASKS ("corp-vpn"), "Pre-shared key",
      "Password", "ipsec-psk\n" TYPED "-1\n\n\n", NULL },
    { "first ask, no message", first_ask, data_password_asked, psk_saved,
      ASKS ("corp-vpn"), "Password", "Pre-shared key", "password\n" TYPED "-1\n\n\n",
      NULL },
    { "first ask, EAP-TLS", first_ask, data_tls_asked, psk_saved, ASKS ("corp-vpn"),
      "User certificate key password", "Password", "user-certpass\n" TYPED "-1\n\n\n",
      NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("auth-dialog-window-XXXXXX", &error);

  if (!check (dir != NULL, "%s: a directory for the probe's reports%s%s", toolkit,
              error ? ": " : "", error ? error->message : ""))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    run_window_case (toolkit, dialog, probe, dir, screenshot_dir, &cases[i]);
  g_rmdir (dir);
}
