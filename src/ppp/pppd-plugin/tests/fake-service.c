/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "fake-service.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

struct FakeService
{
  char *bus_name;
  char *tmpdir;
  GSubprocess *daemon;
  char *address;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GDBusNodeInfo *node;
  GAsyncQueue *calls;

  GMutex lock; /* guards everything below */
  GCond ready_cond;
  gboolean ready;
  GError *start_error;
  char *user;
  char *password;
  GHashTable *counts; /* method name → call count */
};

/* The default policy of Debian's /usr/share/dbus-1/system.conf. */
static const char bus_config_format[]
    = "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration "
      "1.0//EN\"\n"
      " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
      "<busconfig>\n"
      "  <type>system</type>\n"
      "  <listen>unix:path=%s/bus</listen>\n"
      "  <auth>EXTERNAL</auth>\n"
      "  <policy context=\"default\">\n"
      "    <allow user=\"*\"/>\n"
      "    <deny own=\"*\"/>\n"
      "    <deny send_type=\"method_call\"/>\n"
      "    <allow send_type=\"signal\"/>\n"
      "    <allow send_requested_reply=\"true\" send_type=\"method_return\"/>\n"
      "    <allow send_requested_reply=\"true\" send_type=\"error\"/>\n"
      "    <allow receive_type=\"method_call\"/>\n"
      "    <allow receive_type=\"method_return\"/>\n"
      "    <allow receive_type=\"error\"/>\n"
      "    <allow receive_type=\"signal\"/>\n"
      "    <allow send_destination=\"org.freedesktop.DBus\"\n"
      "           send_interface=\"org.freedesktop.DBus\"/>\n"
      "  </policy>\n"
      "  <include>%s</include>\n"
      "</busconfig>\n";

/*
 * Our policy grants root; when the tests do not run as root, the copy names
 * the current user instead so the rest of the policy is still exercised.
 */
static char *
write_policy_copy (const char *tmpdir, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "policy.conf", NULL);
  g_auto (GStrv) parts = NULL;
  g_autofree char *user_attr = NULL;
  g_autofree char *copy = NULL;

  if (!g_file_get_contents (SOURCE_ROOT "/data/nm-l2tp-ipsec-service.conf", &text, NULL,
                            error))
    return NULL;
  if (getuid () != 0)
    {
      parts = g_strsplit (text, "user=\"root\"", -1);
      user_attr = g_strdup_printf ("user=\"%s\"", g_get_user_name ());
      copy = g_strjoinv (user_attr, parts);
    }
  if (!g_file_set_contents (path, copy ? copy : text, -1, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* A failed assertion aborts the test; the bus must not outlive it. */
static void
die_with_parent (gpointer unused)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
start_daemon (FakeService *self, GError **error)
{
  g_autofree char *policy = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config_arg = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  gsize len;

  self->tmpdir = g_dir_make_tmp ("nm-l2tp-ppp-test-XXXXXX", error);
  if (!self->tmpdir)
    return FALSE;
  policy = write_policy_copy (self->tmpdir, error);
  if (!policy)
    return FALSE;
  config = g_strdup_printf (bus_config_format, self->tmpdir, policy);
  config_path = g_build_filename (self->tmpdir, "bus.conf", NULL);
  if (!g_file_set_contents (config_path, config, -1, error))
    return FALSE;

  config_arg = g_strconcat ("--config-file=", config_path, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->daemon = g_subprocess_launcher_spawn (launcher, error, "dbus-daemon", config_arg,
                                              "--nofork", "--print-address=1", NULL);
  if (!self->daemon)
    return FALSE;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->daemon));
  self->address = g_data_input_stream_read_line (out, &len, NULL, error);
  if (!self->address)
    {
      if (error && !*error)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "dbus-daemon printed no address");
      return FALSE;
    }
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", self->address, TRUE);
  return TRUE;
}

static void
handle_method_call (GDBusConnection *connection, const char *sender, const char *path,
                    const char *interface, const char *method, GVariant *params,
                    GDBusMethodInvocation *invocation, gpointer user_data)
{
  FakeService *self = user_data;
  guint count;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  g_mutex_lock (&self->lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, method));
  g_hash_table_insert (self->counts, g_strdup (method), GUINT_TO_POINTER (count + 1));
  user = g_strdup (self->user);
  password = g_strdup (self->password);
  g_mutex_unlock (&self->lock);

  g_async_queue_push (self->calls,
                      g_variant_ref_sink (g_variant_new ("(sv)", method, params)));

  if (g_str_equal (method, "NeedSecrets"))
    {
      if (password)
        g_dbus_method_invocation_return_value (
            invocation, g_variant_new ("(ss)", user ? user : "", password));
      else
        g_dbus_method_invocation_return_dbus_error (invocation,
                                                    FAKE_SERVICE_NO_SECRETS_ERROR,
                                                    "no password stored for this test");
      return;
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { handle_method_call };

static gboolean
own_and_export (FakeService *self, GDBusConnection *bus, GError **error)
{
  g_autoptr (GVariant) reply = NULL;
  GDBusInterfaceInfo *iface;
  guint32 result;

  reply = g_dbus_connection_call_sync (
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
      "RequestName", g_variant_new ("(su)", self->bus_name, 4), G_VARIANT_TYPE ("(u)"),
      G_DBUS_CALL_FLAGS_NONE, 5000, NULL, error);
  if (!reply)
    return FALSE;
  g_variant_get (reply, "(u)", &result);
  if (result != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "RequestName(%s) answered %u",
                   self->bus_name, result);
      return FALSE;
    }
  iface = g_dbus_node_info_lookup_interface (self->node,
                                             "org.freedesktop.NetworkManager.l2tp.ppp");
  if (!iface)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "interface missing from the XML");
      return FALSE;
    }
  return g_dbus_connection_register_object (bus,
                                            "/org/freedesktop/NetworkManager/l2tp/ppp",
                                            iface, &vtable, self, NULL, error)
         != 0;
}

static gpointer
service_thread (gpointer data)
{
  FakeService *self = data;
  g_autoptr (GDBusConnection) bus = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);
  bus = g_dbus_connection_new_for_address_sync (
      self->address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, &error);
  if (bus)
    own_and_export (self, bus, &error);

  g_mutex_lock (&self->lock);
  self->start_error = error;
  self->ready = TRUE;
  g_cond_signal (&self->ready_cond);
  g_mutex_unlock (&self->lock);

  if (!error)
    g_main_loop_run (self->loop);
  if (bus)
    g_dbus_connection_close_sync (bus, NULL, NULL);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

FakeService *
fake_service_start (const char *bus_name, GError **error)
{
  FakeService *self = g_new0 (FakeService, 1);
  g_autofree char *xml = NULL;

  g_mutex_init (&self->lock);
  g_cond_init (&self->ready_cond);
  self->bus_name = g_strdup (bus_name);
  self->calls = g_async_queue_new_full ((GDestroyNotify) g_variant_unref);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  if (!g_file_get_contents (SOURCE_ROOT "/src/ppp/l2tp-ppp-interface.xml", &xml, NULL,
                            error))
    goto fail;
  self->node = g_dbus_node_info_new_for_xml (xml, error);
  if (!self->node || !start_daemon (self, error))
    goto fail;

  self->thread = g_thread_new ("fake-service", service_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->ready_cond, &self->lock);
  g_mutex_unlock (&self->lock);
  if (self->start_error)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      goto fail;
    }
  return self;

fail:
  fake_service_stop (self);
  return NULL;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

void
fake_service_stop (FakeService *self)
{
  if (!self)
    return;
  if (self->thread)
    {
      g_main_context_invoke (self->context, quit_loop, self->loop);
      g_thread_join (self->thread);
    }
  if (self->daemon)
    {
      g_subprocess_send_signal (self->daemon, SIGTERM);
      g_subprocess_wait (self->daemon, NULL, NULL);
      g_object_unref (self->daemon);
    }
  if (self->tmpdir)
    remove_tree (self->tmpdir);
  g_clear_error (&self->start_error);
  g_clear_pointer (&self->node, g_dbus_node_info_unref);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_async_queue_unref (self->calls);
  g_hash_table_unref (self->counts);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready_cond);
  g_free (self->user);
  g_free (self->password);
  g_free (self->address);
  g_free (self->tmpdir);
  g_free (self->bus_name);
  g_free (self);
}

const char *
fake_service_get_address (FakeService *self)
{
  return self->address;
}

void
fake_service_set_secrets (FakeService *self, const char *user, const char *password)
{
  g_mutex_lock (&self->lock);
  g_free (self->user);
  g_free (self->password);
  self->user = g_strdup (user);
  self->password = g_strdup (password);
  g_mutex_unlock (&self->lock);
}

GVariant *
fake_service_pop_call (FakeService *self, guint timeout_ms)
{
  return g_async_queue_timeout_pop (self->calls, (guint64) timeout_ms * 1000);
}

guint
fake_service_count_calls (FakeService *self, const char *method)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, method));
  g_mutex_unlock (&self->lock);
  return count;
}
