/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A real NetworkManager secret agent for the lab's re-ask scenario: it
 * registers (with the VPN-hints capability, as GNOME's and nmcli's do),
 * answers VPN secrets requests and writes each request to a log, one line:
 *
 *   request flags=N hints=HINT|HINT|...
 *
 * A request without an "x-vpn-message:" hint gets the --first secrets, a
 * request with one (NetworkManager re-asking for the plugin) the --again
 * secrets, so the first connect can carry a wrong secret and the re-ask
 * the right one. "registered" is logged once NetworkManager has it.
 * Runs until SIGTERM.
 *
 *   test-secret-agent --log FILE --first KEY=VALUE... --again KEY=VALUE...
 */
#include <glib-unix.h>
#include <NetworkManager.h>
#include <nm-secret-agent-old.h>
#include <stdio.h>
#include <string.h>

/* NetworkManager's prefix of the plugin's message among the hints. */
#define VPN_MESSAGE_HINT "x-vpn-message:"

/* Spelled out: libnm declares no autoptr for NMSecretAgentOld, which
 * G_DECLARE_FINAL_TYPE needs. */
typedef struct
{
  NMSecretAgentOld parent;
} TestAgent;

typedef struct
{
  NMSecretAgentOldClass parent_class;
} TestAgentClass;

GType test_agent_get_type (void);
#define TEST_TYPE_AGENT (test_agent_get_type ())

G_DEFINE_TYPE (TestAgent, test_agent, NM_TYPE_SECRET_AGENT_OLD)

static char *log_path;
static char **first_secrets;
static char **again_secrets;

static gboolean
has_message (const char **hints)
{
  for (guint i = 0; hints && hints[i]; i++)
    if (g_str_has_prefix (hints[i], VPN_MESSAGE_HINT))
      return TRUE;
  return FALSE;
}

static void
log_line (const char *line)
{
  FILE *f = fopen (log_path, "a");

  if (f)
    {
      fprintf (f, "%s\n", line);
      fclose (f);
    }
}

static void
log_request (const char **hints, NMSecretAgentGetSecretsFlags flags)
{
  g_autofree char *joined = hints ? g_strjoinv ("|", (char **) hints) : g_strdup ("");
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "request flags=%u hints=", (guint) flags);
  /* One line per request, whatever the hints hold. */
  for (const char *p = joined; *p; p++)
    g_string_append_c (line, *p == '\n' ? ' ' : *p);
  log_line (line->str);
}

static void
get_secrets (NMSecretAgentOld *agent, NMConnection *connection,
             const char *connection_path, const char *setting_name, const char **hints,
             NMSecretAgentGetSecretsFlags flags, NMSecretAgentOldGetSecretsFunc callback,
             gpointer user_data)
{
  char **answers = has_message (hints) ? again_secrets : first_secrets;
  GVariantBuilder secrets, setting, all;

  log_request (hints, flags);
  g_variant_builder_init (&secrets, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; answers && answers[i]; i++)
    {
      const char *eq = strchr (answers[i], '=');
      g_autofree char *key = eq ? g_strndup (answers[i], eq - answers[i]) : NULL;

      if (key)
        g_variant_builder_add (&secrets, "{ss}", key, eq + 1);
    }
  g_variant_builder_init (&setting, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&setting, "{sv}", NM_SETTING_VPN_SECRETS,
                         g_variant_builder_end (&secrets));
  g_variant_builder_init (&all, G_VARIANT_TYPE ("a{sa{sv}}"));
  g_variant_builder_add (&all, "{sa{sv}}", NM_SETTING_VPN_SETTING_NAME, &setting);
  callback (agent, connection, g_variant_builder_end (&all), NULL, user_data);
}

static void
cancel_get_secrets (NMSecretAgentOld *agent, const char *connection_path,
                    const char *setting_name)
{
}

static void
save_secrets (NMSecretAgentOld *agent, NMConnection *connection,
              const char *connection_path, NMSecretAgentOldSaveSecretsFunc callback,
              gpointer user_data)
{
  callback (agent, connection, NULL, user_data);
}

static void
delete_secrets (NMSecretAgentOld *agent, NMConnection *connection,
                const char *connection_path, NMSecretAgentOldDeleteSecretsFunc callback,
                gpointer user_data)
{
  callback (agent, connection, NULL, user_data);
}

static void
test_agent_init (TestAgent *self)
{
}

static void
test_agent_class_init (TestAgentClass *klass)
{
  NMSecretAgentOldClass *agent_class = NM_SECRET_AGENT_OLD_CLASS (klass);

  agent_class->get_secrets = get_secrets;
  agent_class->cancel_get_secrets = cancel_get_secrets;
  agent_class->save_secrets = save_secrets;
  agent_class->delete_secrets = delete_secrets;
}

static void
on_registered (GObject *agent, GParamSpec *pspec, gpointer user_data)
{
  if (nm_secret_agent_old_get_registered (NM_SECRET_AGENT_OLD (agent)))
    log_line ("registered");
}

static gboolean
on_term (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path, "request log", "FILE" },
    { "first", 0, 0, G_OPTION_ARG_STRING_ARRAY, &first_secrets, "first answer", "K=V" },
    { "again", 0, 0, G_OPTION_ARG_STRING_ARRAY, &again_secrets, "re-ask answer", "K=V" },
    { NULL },
  };
  g_autoptr (GOptionContext) options = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GObject *agent;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || !log_path)
    {
      g_printerr ("test-secret-agent: %s\n",
                  error ? error->message : "--log is required");
      return 2;
    }
  agent
      = g_initable_new (TEST_TYPE_AGENT, NULL, &error, NM_SECRET_AGENT_OLD_IDENTIFIER,
                        "org.nm-l2tp-ipsec.test-agent", NM_SECRET_AGENT_OLD_CAPABILITIES,
                        NM_SECRET_AGENT_CAPABILITY_VPN_HINTS, NULL);
  if (!agent)
    {
      g_printerr ("test-secret-agent: %s\n", error->message);
      return 1;
    }
  g_signal_connect (agent, "notify::" NM_SECRET_AGENT_OLD_REGISTERED,
                    G_CALLBACK (on_registered), NULL);
  on_registered (agent, NULL, NULL);
  g_unix_signal_add (SIGTERM, on_term, loop);
  /* auto-register: registers once NetworkManager is there. */
  g_main_loop_run (loop);
  g_object_unref (agent);
  return 0;
}
