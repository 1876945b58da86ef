/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/service/preflight.h"

#include <glib/gi18n-lib.h>

#include "src/common/failure.h"
#include "src/common/local-address.h"
#include "src/common/log.h"

#define PPPD_PLUGIN_NAME "nm-l2tp-ipsec-pppd-plugin.so"

/* Also in l2tp_runtime_programs (the processes we may end). */
static const char *const pppd_paths[] = { "/usr/sbin/pppd", "/sbin/pppd", NULL };

typedef struct
{
  L2tpPreflight *result;
  gboolean ephemeral_port;
  char *gateway; /* as the settings give it, for the message */
} PreflightData;

static void
data_free (PreflightData *data)
{
  l2tp_preflight_free (data->result);
  g_free (data->gateway);
  g_free (data);
}

void
l2tp_preflight_free (L2tpPreflight *p)
{
  if (!p)
    return;
  l2tp_port_clear (&p->port);
  g_free (p->gateway_addr);
  g_free (p->local_addr);
  g_free (p->pppd_plugin);
  g_free (p);
}

static void
task_fail (GTask *task, L2tpFailure failure, const char *a, const char *b)
{
  GError *error = NULL;

  l2tp_failure_set (&error, failure, a, b);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
network (GTask *task)
{
  PreflightData *data = g_task_get_task_data (task);
  L2tpPreflight *p = data->result;
  g_autoptr (GError) error = NULL;

  p->local_addr = l2tp_local_address_for (p->gateway_addr, &error);
  if (!p->local_addr)
    {
      task_fail (task, L2TP_FAILURE_IKE_NO_RESPONSE, p->gateway_addr, NULL);
      return;
    }
  if (!l2tp_port_choose (&p->port, p->local_addr, data->ephemeral_port, &error))
    {
      task_fail (task, L2TP_FAILURE_INTERNAL, error->message, NULL);
      return;
    }
  if (p->port.holder)
    l2tp_log_notice ("l2tp: UDP port 1701 is held by %s; %s", p->port.holder,
                     p->port.number == 1701
                         ? "sharing it: our socket binds the specific local address"
                         : "using an ephemeral port instead");
  l2tp_log_info ("preflight: server %s, local address %s, L2TP port %u", p->gateway_addr,
                 p->local_addr, (guint) p->port.number);
  g_task_return_pointer (task, g_steal_pointer (&data->result),
                         (GDestroyNotify) l2tp_preflight_free);
  g_object_unref (task);
}

static void
on_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  PreflightData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GList *addresses
      = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (!addresses)
    {
      g_autofree char *why
          = g_strdup_printf (_ ("cannot resolve %s: %s"), data->gateway, error->message);
      task_fail (task, L2TP_FAILURE_IKE_NO_RESPONSE, why, NULL);
      return;
    }
  data->result->gateway_addr = g_inet_address_to_string (addresses->data);
  g_resolver_free_addresses (addresses);
  network (task);
}

void
l2tp_preflight_async (const L2tpConfig *cfg, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  PreflightData *data = g_new0 (PreflightData, 1);
  const char *gateway = l2tp_config_get (cfg, L2TP_KEY_GATEWAY);
  const char *plugin_override = g_getenv ("NM_L2TP_IPSEC_PPPD_PLUGIN");
  g_autoptr (GInetAddress) literal = g_inet_address_new_from_string (gateway);
  g_autoptr (GResolver) resolver = NULL;
  gboolean have_pppd = FALSE;
  L2tpPreflight *p;

  data->result = p = g_new0 (L2tpPreflight, 1);
  data->ephemeral_port = l2tp_config_get_bool (cfg, L2TP_KEY_EPHEMERAL_PORT);
  g_task_set_task_data (task, data, (GDestroyNotify) data_free);
  data->gateway = g_strdup (gateway);

  for (guint i = 0; pppd_paths[i]; i++)
    have_pppd = have_pppd || g_file_test (pppd_paths[i], G_FILE_TEST_IS_EXECUTABLE);
  if (!have_pppd)
    {
      task_fail (task, L2TP_FAILURE_MISSING_PROGRAM, pppd_paths[0], "ppp");
      return;
    }
  /* For tests of a build tree; the service runs as root, so does whoever
   * sets its environment. */
  p->pppd_plugin = g_strdup (plugin_override && *plugin_override ? plugin_override
                                                                 : PPPD_PLUGIN_DIR
                                 "/" PPPD_PLUGIN_NAME);
  if (!g_file_test (p->pppd_plugin, G_FILE_TEST_EXISTS))
    {
      task_fail (task, L2TP_FAILURE_MISSING_PROGRAM, p->pppd_plugin, "nm-l2tp-ipsec");
      return;
    }
  if (literal)
    {
      if (g_inet_address_get_family (literal) != G_SOCKET_FAMILY_IPV4)
        {
          task_fail (task, L2TP_FAILURE_BAD_SETTINGS,
                     _ ("gateway: xl2tpd reaches IPv4 servers only"), NULL);
          return;
        }
      p->gateway_addr = g_inet_address_to_string (literal);
      network (task);
      return;
    }
  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_with_flags_async (resolver, gateway,
                                              G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY,
                                              cancellable, on_resolved, task);
}

L2tpPreflight *
l2tp_preflight_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
