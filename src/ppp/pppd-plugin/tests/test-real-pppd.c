/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The real pppd (/usr/sbin/pppd) loads the built plugin and talks over a
 * private dbus-daemon to the fake service.  This host has no kernel PPP, so
 * pppd gets as far as it can (run-pppd-isolated.sh): option parsing, the
 * plugin's phase notifier, and its exit notifier.  Authentication and ip-up
 * with the real pppd happen only in the lab VM (tests/lab).
 *
 *   test-real-pppd PLUGIN.so RUN-PPPD-ISOLATED.sh [PPPD]
 */
#include <string.h>
#include <gio/gio.h>

#include "fake-service.h"

#define SERVICE_NAME "org.freedesktop.NetworkManager.l2tp"
#define SKIP_EXIT    77

static FakeService *service;
static const char *plugin_path;
static const char *runner;
static const char *pppd = "/usr/sbin/pppd";

/* Runs pppd through the runner; FALSE (test skipped) if it cannot run here. */
static gboolean
run_pppd (const char *bus_name, const char *const *options, int *exit_status, char **log)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (argv, (char *) runner);
  g_ptr_array_add (argv, (char *) pppd);
  g_ptr_array_add (argv, (char *) plugin_path);
  g_ptr_array_add (argv, (char *) bus_name);
  for (; options && *options; options++)
    g_ptr_array_add (argv, (char *) *options);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, log, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  *exit_status = g_subprocess_get_exit_status (proc);
  if (g_test_verbose ())
    g_printerr ("pppd exit %d, log:\n%s\n", *exit_status, *log);
  if (*exit_status == SKIP_EXIT)
    {
      g_test_skip (*log);
      return FALSE;
    }
  return TRUE;
}

static char *
pop_call (const char *method)
{
  g_autoptr (GVariant) call = fake_service_pop_call (service, 5000);
  g_autoptr (GVariant) params = NULL;
  const char *name;

  g_assert_nonnull (call);
  g_variant_get (call, "(&sv)", &name, &params);
  g_assert_cmpstr (name, ==, method);
  return g_variant_print (params, TRUE);
}

static void
assert_no_more_calls (void)
{
  g_autoptr (GVariant) call = fake_service_pop_call (service, 200);

  if (call)
    g_error ("unexpected call %s", g_variant_print (call, TRUE));
}

/* pppd rejects a malformed name while parsing options, before anything runs. */
static void
test_bad_bus_name (void)
{
  g_autofree char *log = NULL;
  int status;

  if (!run_pppd ("bad..name", NULL, &status, &log))
    return;
  g_assert_cmpint (status, ==, 2); /* EXIT_OPTION_ERROR */
  g_assert_nonnull (
      strstr (log, "nm-l2tp-ipsec-bus-name: 'bad..name' is not a valid D-Bus name"));
  assert_no_more_calls ();
}

/* dryrun: pppd parses everything, prints the options, and die(0)s. */
static void
test_dryrun (void)
{
  static const char *const options[] = { "dryrun", NULL };
  g_autofree char *log = NULL;
  g_autofree char *loaded = g_strdup_printf ("Plugin %s loaded.", plugin_path);
  g_autofree char *params = NULL;
  int status;

  if (!run_pppd (SERVICE_NAME, options, &status, &log))
    return;
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (log, loaded));
  g_assert_nonnull (strstr (log, "nm-l2tp-ipsec: plugin initialized"));
  g_assert_nonnull (strstr (log, "nm-l2tp-ipsec-bus-name " SERVICE_NAME "\t"));
  params = pop_call ("SetExitStatus");
  g_assert_cmpstr (params, ==, "(uint32 0, 'pppd ended normally')");
  assert_no_more_calls ();
}

/*
 * A link attempt: pppd enters PHASE_SERIALCONN, cannot set up its channel
 * here (no pty for notty inside the namespace, no PPP in the kernel), goes
 * back to PHASE_DEAD and exits with EXIT_FATAL_ERROR.  Each step reaches the
 * service in that order.
 */
static void
test_link_attempt (void)
{
  g_autofree char *log = NULL;
  g_autofree char *state1 = NULL;
  g_autofree char *state2 = NULL;
  g_autofree char *exit_params = NULL;
  int status;

  if (!run_pppd (SERVICE_NAME, NULL, &status, &log))
    return;
  g_assert_cmpint (status, ==, 1); /* EXIT_FATAL_ERROR */
  state1 = pop_call ("SetState");
  g_assert_cmpstr (state1, ==, "(uint32 2,)"); /* PHASE_SERIALCONN */
  state2 = pop_call ("SetState");
  g_assert_cmpstr (state2, ==, "(uint32 0,)"); /* PHASE_DEAD */
  exit_params = pop_call ("SetExitStatus");
  g_assert_cmpstr (exit_params, ==, "(uint32 1, 'fatal error in pppd')");
  assert_no_more_calls ();
  g_assert_null (strstr (log, "nm-l2tp-ipsec: could not"));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (argc < 3)
    g_error ("usage: %s PLUGIN.so RUN-PPPD-ISOLATED.sh [PPPD]", argv[0]);
  plugin_path = argv[1];
  runner = argv[2];
  if (argc > 3)
    pppd = argv[3];

  service = fake_service_start (SERVICE_NAME, &error);
  g_assert_no_error (error);

  g_test_add_func ("/real-pppd/bad-bus-name", test_bad_bus_name);
  g_test_add_func ("/real-pppd/dryrun", test_dryrun);
  g_test_add_func ("/real-pppd/link-attempt", test_link_attempt);

  ret = g_test_run ();
  fake_service_stop (service);
  return ret;
}
