/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec-service: started by NetworkManager (as root) for
 * connections of service type org.freedesktop.NetworkManager.l2tp. */
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "src/common/log.h"
#include "src/service/memory-limits.h"
#include "src/common/runtime-claim.h"
#include "src/common/runtime-dir.h"
#include "src/l2tp/cleartext-guard.h"
#include "src/service/service.h"
#include "shared/settings-table.h"

typedef struct
{
  GMainLoop *loop;
  L2tpService *service;
  gboolean quit_requested;
} App;

static void
quit_when_idle (App *app)
{
  app->quit_requested = TRUE;
  if (app->service)
    l2tp_service_shutdown (app->service);
  if (!app->service || !l2tp_service_is_busy (app->service))
    g_main_loop_quit (app->loop);
  else
    l2tp_log_info ("waiting for the teardown to finish before exiting");
}

/* libnm's "quit": NetworkManager went away, or the idle timer ran out. */
static void
on_quit (NMVpnServicePlugin *plugin, gpointer user_data)
{
  quit_when_idle (user_data);
}

static void
on_idle (L2tpService *service, gpointer user_data)
{
  App *app = user_data;

  if (app->quit_requested)
    g_main_loop_quit (app->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  App *app = user_data;

  l2tp_log_notice ("signal received: disconnecting");
  if (app->service && l2tp_service_is_busy (app->service))
    nm_vpn_service_plugin_disconnect (NM_VPN_SERVICE_PLUGIN (app->service), NULL);
  quit_when_idle (app);
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char *argv[])
{
  gboolean persist = FALSE;
  gboolean debug = FALSE;
  g_autofree char *bus_name = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "persist", 0, 0, G_OPTION_ARG_NONE, &persist,
      N_ ("Do not quit when the VPN connection ends"), NULL },
    { "debug", 0, 0, G_OPTION_ARG_NONE, &debug,
      N_ ("Log in detail to stderr; keep running when NetworkManager goes away"), NULL },
    { "bus-name", 0, 0, G_OPTION_ARG_STRING, &bus_name, N_ ("D-Bus name to use"),
      N_ ("NAME") },
    { NULL },
  };
  App app = { 0 };
  GDBusConnection *bus;

  l2tp_memory_no_huge_pages (); /* before the first thread */

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* Every file we write (configs, ppp-options) is for root only. */
  umask (077);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _ ("L2TP/IPsec VPN service for NetworkManager."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (!bus_name)
    bus_name = g_strdup (L2TP_SERVICE_NAME);
  if (!g_dbus_is_name (bus_name) || g_dbus_is_unique_name (bus_name))
    {
      g_printerr (_ ("Not a valid D-Bus name: %s\n"), bus_name);
      return EXIT_FAILURE;
    }

  l2tp_log_init (debug);
  l2tp_log_info ("starting on %s%s%s", bus_name, persist ? ", persist" : "",
                 debug ? ", debug" : "");
  l2tp_runtime_cleanup_stale (L2TP_RUNTIME_ROOT);
  /* After it: a guard stays while the processes it just signalled run. */
  l2tp_cleartext_guard_cleanup_stale (L2TP_RUNTIME_ROOT);

  app.loop = g_main_loop_new (NULL, FALSE);
  app.service = l2tp_service_new (bus_name, !debug, &error);
  if (!app.service)
    {
      l2tp_log_err ("cannot start the service on %s: %s", bus_name, error->message);
      return EXIT_FAILURE;
    }
  if (!persist)
    g_signal_connect (app.service, "quit", G_CALLBACK (on_quit), &app);
  g_signal_connect (app.service, "idle", G_CALLBACK (on_idle), &app);
  g_unix_signal_add (SIGTERM, on_signal, &app);
  g_unix_signal_add (SIGINT, on_signal, &app);

  g_main_loop_run (app.loop);

  /* GDBus writes from a thread of its own: what is still queued (a refused
   * Connect's error reply, the StateChanged STOPPED libnm sends after it)
   * must be on the bus before the process ends, or NetworkManager sees the
   * name vanish first ("The VPN service stopped unexpectedly") and never
   * logs the reply. At exit only: nothing else waits. */
  bus = nm_vpn_service_plugin_get_connection (NM_VPN_SERVICE_PLUGIN (app.service));
  if (bus)
    g_dbus_connection_flush_sync (bus, NULL, NULL);
  g_clear_object (&app.service);
  g_main_loop_unref (app.loop);
  l2tp_log_info ("exiting");
  return EXIT_SUCCESS;
}
