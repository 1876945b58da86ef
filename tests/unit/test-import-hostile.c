/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Hostile files for the importers, called directly (no libnm): escapes
 * GKeyFile mishandles, nesting that would exhaust libplist's stack, and
 * error messages that must not carry the file's control characters. */
#include <string.h>

#include "import-keyfile.h"
#include "import-mobileconfig.h"
#include "import-pbk.h"

/* GLib's own warnings ("GError set over the top of a previous GError") are
 * counted: an importer must never provoke one. */
static guint glib_warnings;

static void
count_warning (const char *domain, GLogLevelFlags level, const char *message,
               gpointer data)
{
  g_printerr ("%s: %s\n", domain ? domain : "", message);
  glib_warnings++;
}

typedef L2tpProfile *(*ImportFunc) (const char *buffer, gsize length, GError **error);

/* Refused, with every part in the message, and no GLib warning on the way. */
static void
assert_refused (ImportFunc import, const char *buffer, gsize length,
                const char *const *parts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpProfile) profile = NULL;
  guint before = glib_warnings;

  profile = import (buffer, length, &error);
  g_assert_null (profile);
  g_assert_nonnull (error);
  g_assert_cmpuint (glib_warnings, ==, before);
  for (guint i = 0; parts[i]; i++)
    if (!strstr (error->message, parts[i]))
      g_error ("expected '%s' in the error, got '%s'", parts[i], error->message);
}

#define REFUSED(import, buffer, ...)                                                     \
  assert_refused (import, buffer, strlen (buffer),                                       \
                  (const char *const[]){ __VA_ARGS__, NULL })

/* A bad escape followed by a trailing backslash made GLib 2.74 set its
 * error twice; [vpn] was checked, [connection] and [ip4] were not. */
static void
test_keyfile_escapes (void)
{
  REFUSED (l2tp_import_keyfile, "[connection]\nid=a\\x\\\n[vpn]\ngateway=a.example\n",
           "line 2: [connection] id: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\n[ip4]\nmethod=\\q\\\n",
           "line 4: [ip4] method: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\n[ip4]\ndns=1.2.3.4;\\z\\\n",
           "line 4: [ip4] dns: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\n[ip4]\nnever-default=\\y\\\n",
           "line 4: [ip4] never-default: invalid escape sequence");
  REFUSED (l2tp_import_keyfile, "[vpn]\ngateway=a.example\nuser=\\y\\\n",
           "line 3: [vpn] user: invalid escape sequence");
  /* A list's own separator escape stays allowed. */
  {
    const char *ok = "[vpn]\ngateway=a.example\n[ip4]\ndns-search=a\\;b;c\\s;\n";
    g_autoptr (GError) error = NULL;
    g_autoptr (L2tpProfile) profile = l2tp_import_keyfile (ok, strlen (ok), &error);

    g_assert_no_error (error);
    g_assert_nonnull (profile);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_handler ("GLib", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL, count_warning,
                     NULL);

  g_test_add_func ("/import/hostile/keyfile-escapes", test_keyfile_escapes);
  return g_test_run ();
}
