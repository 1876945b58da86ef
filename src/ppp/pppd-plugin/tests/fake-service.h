/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef L2TP_TEST_FAKE_SERVICE_H
#define L2TP_TEST_FAKE_SERVICE_H

#include <gio/gio.h>

/*
 * A private system-like dbus-daemon (the default-deny policy of Debian's
 * system.conf plus our data/nm-l2tp-ipsec-service.conf) and, on its own
 * thread, a stand-in for nm-l2tp-ipsec-service that exports
 * org.freedesktop.NetworkManager.l2tp.ppp from src/ppp/l2tp-ppp-interface.xml.
 * GDBus checks every incoming call against that XML, so a call with the
 * wrong signature never reaches the recorder.  DBUS_SYSTEM_BUS_ADDRESS is
 * set to the private bus.
 */
typedef struct FakeService FakeService;

FakeService *fake_service_start (const char *bus_name, GError **error);
void fake_service_stop (FakeService *service);

const char *fake_service_get_address (FakeService *service);

/* What NeedSecrets answers; password NULL = a D-Bus error reply. */
void fake_service_set_secrets (FakeService *service, const char *user,
                               const char *password);

/* Next recorded call as (method, params) "(sv)", or NULL after timeout_ms. */
GVariant *fake_service_pop_call (FakeService *service, guint timeout_ms);
guint fake_service_count_calls (FakeService *service, const char *method);

#define FAKE_SERVICE_NO_SECRETS_ERROR "org.freedesktop.NetworkManager.l2tp.Test.NoSecrets"

#endif
