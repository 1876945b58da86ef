/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-charon.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "diagnose-run.h"
#include "src/common/programs.h"

#define SCAN_MAX         (64 * 1024 * 1024)
#define STRONGSWAN_D     "/etc/strongswan.d/charon"
#define STANDARD_PLUGINS "libstrongswan-standard-plugins"

/* Where libcharon lives when it is not next to the charon binary. */
static const char *const libcharon_dirs[]
    = { "/usr/lib/ipsec", "/usr/lib64/strongswan", "/usr/lib/strongswan",
        "/usr/lib64/ipsec", NULL };

/* ---- IKEv1 ------------------------------------------------------------ */

static gboolean
has_symbol (const guint8 *data, gsize len, const char *name)
{
  gsize n = strlen (name);

  /* A symbol name in the string table: NUL, the name, NUL. */
  for (gsize k = 1; k + n < len; k++)
    {
      const guint8 *hit = memchr (data + k, name[0], len - n - k);

      if (!hit)
        break;
      k = hit - data;
      if (data[k - 1] == '\0' && memcmp (hit, name, n) == 0 && data[k + n] == '\0')
        return TRUE;
    }
  return FALSE;
}

gboolean
l2tp_diagnose_has_ikev1_symbols (const guint8 *data, gsize len)
{
  return has_symbol (data, len, "main_mode_create")
         && has_symbol (data, len, "quick_mode_create");
}

/* The libraries of the running charon: what its memory maps name. */
static void
running_libcharon (GPid pid, GPtrArray *out)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/maps", (int) pid);
  g_autofree char *maps = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &maps, NULL, NULL))
    return;
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *file = strchr (lines[i], '/');

      if (file && strstr (file, "/libcharon")
          && !g_ptr_array_find_with_equal_func (out, file, g_str_equal, NULL))
        g_ptr_array_add (out, g_strdup (file));
    }
}

static void
installed_libcharon (const char *charon, GPtrArray *out)
{
  g_autofree char *dir = g_path_get_dirname (charon);
  const char *names[] = { "libcharon.so.0", "libcharon.so" };

  for (guint d = 0; d == 0 || libcharon_dirs[d - 1]; d++)
    {
      const char *where = d == 0 ? dir : libcharon_dirs[d - 1];

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (where, names[i], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              g_ptr_array_add (out, g_steal_pointer (&path));
              return;
            }
        }
    }
}

typedef enum
{
  SCAN_UNREADABLE,
  SCAN_WITHOUT,
  SCAN_WITH,
} ScanResult;

static ScanResult
scan_file (const char *path)
{
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

  if (!file || g_mapped_file_get_length (file) > SCAN_MAX)
    return SCAN_UNREADABLE;
  return l2tp_diagnose_has_ikev1_symbols (
             (const guint8 *) g_mapped_file_get_contents (file),
             g_mapped_file_get_length (file))
             ? SCAN_WITH
             : SCAN_WITHOUT;
}

static void
check_ikev1 (L2tpCheckList *list, const char *charon, const char *version,
             const L2tpSystemCharon *system)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  ScanResult result = SCAN_UNREADABLE;
  const char *scanned = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  L2tpCheckStatus status = L2TP_CHECK_OK;
  L2tpCheck *check;

  /* The running system charon's own library when we may see it (root),
   * else the one installed with the binary; a build that links libcharon
   * in has the symbols in the binary itself. */
  if (system->pid && system->state != L2TP_SYSTEM_CHARON_PRIVATE)
    running_libcharon (system->pid, files);
  if (files->len == 0)
    installed_libcharon (charon, files);
  g_ptr_array_add (files, g_strdup (charon));
  for (guint i = 0; i < files->len && result != SCAN_WITH; i++)
    {
      ScanResult r = scan_file (files->pdata[i]);

      if (r == SCAN_UNREADABLE)
        continue;
      /* The file named: the one with IKEv1, else the first one read. */
      if (r == SCAN_WITH || !scanned)
        scanned = files->pdata[i];
      result = r;
    }

  switch (result)
    {
    case SCAN_WITH:
      text = g_strdup_printf (_ ("charon has IKEv1, which L2TP/IPsec needs (%s)"),
                              scanned);
      break;
    case SCAN_WITHOUT:
      status = L2TP_CHECK_FAIL;
      text = g_strdup_printf (_ ("charon (strongSwan %s) was built without IKEv1, which "
                                 "L2TP/IPsec needs: no IKEv1 code in %s"),
                              version ? version : "?", scanned);
      fix = g_strdup (_ ("install a strongSwan build with IKEv1 (configure "
                         "--enable-ikev1; strongSwan 6.1 builds of some distributions "
                         "leave it out)"));
      break;
    case SCAN_UNREADABLE:
      status = L2TP_CHECK_UNKNOWN;
      text = g_strdup_printf (_ ("Cannot tell whether charon has IKEv1: no readable "
                                 "libcharon next to %s"),
                              charon);
      break;
    }
  check = l2tp_check_list_add (list, "charon-ikev1", status, text, fix);
  l2tp_check_add_fact (check, "file", scanned);
}

/* ---- algorithms -------------------------------------------------------- */

static gboolean
any_of (const char *const *plugins, const char *const *names)
{
  for (guint i = 0; names[i]; i++)
    if (g_strv_contains (plugins, names[i]))
      return TRUE;
  return FALSE;
}

L2tpLegacyAlgorithms
l2tp_diagnose_plugins_provide (const char *const *plugins)
{
  static const char *const des[]
      = { "des", "openssl", "gcrypt", "botan", "wolfssl", "af-alg", NULL };
  static const char *const md5_hash[]
      = { "md5", "openssl", "gcrypt", "botan", "wolfssl", "af-alg", NULL };
  /* These have their own HMAC; md5 and gcrypt need the hmac plugin. */
  static const char *const md5_hmac[] = { "openssl", "botan", "wolfssl", "af-alg", NULL };
  static const char *const modp[]
      = { "gmp", "openssl", "gcrypt", "botan", "wolfssl", NULL };
  L2tpLegacyAlgorithms have = 0;

  g_return_val_if_fail (plugins != NULL, 0);

  if (any_of (plugins, des))
    have |= L2TP_LEGACY_3DES;
  if (any_of (plugins, md5_hmac)
      || (any_of (plugins, md5_hash) && g_strv_contains (plugins, "hmac")))
    have |= L2TP_LEGACY_MD5;
  if (any_of (plugins, modp))
    have |= L2TP_LEGACY_MODP1024;
  return have;
}

L2tpLegacyAlgorithms
l2tp_diagnose_vici_algorithms_provide (const ViciMessage *answer)
{
  L2tpLegacyAlgorithms have = 0;

  g_return_val_if_fail (answer != NULL, 0);

  /* get-algorithms: a section per type, "ALGORITHM = plugin" in each;
   * the key exchange section is "dh" before strongSwan 6, "ke" since. */
  if (vici_message_lookup (answer, "encryption/3DES_CBC"))
    have |= L2TP_LEGACY_3DES;
  if (vici_message_lookup (answer, "integrity/HMAC_MD5_96")
      && vici_message_lookup (answer, "prf/PRF_HMAC_MD5"))
    have |= L2TP_LEGACY_MD5;
  if (vici_message_lookup (answer, "dh/MODP_1024")
      || vici_message_lookup (answer, "ke/MODP_1024"))
    have |= L2TP_LEGACY_MODP1024;
  return have;
}

/* The plugins installed for @charon that strongswan.d does not turn off
 * ("load = no" in its file): what a system charon with Debian's modular
 * loading would have. A guess, used only when that charon cannot be asked. */
static GStrv
installed_plugins (const char *charon)
{
  g_autofree char *dir = g_path_get_dirname (charon);
  g_autofree char *plugin_dir = g_build_filename (dir, "plugins", NULL);
  g_autoptr (GDir) d = g_dir_open (plugin_dir, 0, NULL);
  g_autoptr (GStrvBuilder) out = g_strv_builder_new ();
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *plugin = NULL;
      g_autofree char *conf_path = NULL;
      g_autofree char *conf = NULL;
      gboolean off = FALSE;

      if (!g_str_has_prefix (name, "libstrongswan-") || !g_str_has_suffix (name, ".so"))
        continue;
      plugin = g_strndup (name + strlen ("libstrongswan-"),
                          strlen (name) - strlen ("libstrongswan-") - strlen (".so"));
      conf_path = g_strdup_printf ("%s/%s.conf", STRONGSWAN_D, plugin);
      if (g_file_get_contents (conf_path, &conf, NULL, NULL))
        {
          g_auto (GStrv) lines = g_strsplit (conf, "\n", -1);

          for (guint i = 0; lines[i] && !off; i++)
            {
              g_autofree char *line = g_strdup (lines[i]);
              g_auto (GStrv) kv = g_strsplit (g_strstrip (line), "=", 2);

              off = kv[0] && kv[1] && g_str_equal (g_strstrip (kv[0]), "load")
                    && g_str_equal (g_strstrip (kv[1]), "no");
            }
        }
      if (!off)
        g_strv_builder_add (out, plugin);
    }
  return g_strv_builder_end (out);
}

/* Those of @plugins that provide any of the three, comma-separated. */
static char *
providers (const char *const *plugins)
{
  static const char *const names[] = { "des",    "openssl", "gcrypt", "botan", "wolfssl",
                                       "af-alg", "md5",     "hmac",   "gmp",   NULL };
  g_autoptr (GPtrArray) out = g_ptr_array_new ();

  for (guint i = 0; plugins[i]; i++)
    if (g_strv_contains (names, plugins[i]))
      g_ptr_array_add (out, (gpointer) plugins[i]);
  if (out->len == 0)
    return g_strdup ("-");
  g_ptr_array_add (out, NULL);
  return g_strjoinv (", ", (char **) out->pdata);
}

static char *
missing_names (L2tpLegacyAlgorithms have)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  if (!(have & L2TP_LEGACY_3DES))
    g_ptr_array_add (names, "3DES");
  if (!(have & L2TP_LEGACY_MD5))
    g_ptr_array_add (names, "MD5");
  if (!(have & L2TP_LEGACY_MODP1024))
    g_ptr_array_add (names, "MODP-1024");
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static void
check_algorithms (L2tpCheckList *list, const char *charon, const L2tpSystemCharon *system)
{
  g_auto (GStrv) plugins = NULL;
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  g_autofree char *missing = NULL;
  L2tpLegacyAlgorithms have;
  gboolean system_used = system->state == L2TP_SYSTEM_CHARON_ANSWERS
                         || system->state == L2TP_SYSTEM_CHARON_NO_ACCESS
                         || system->state == L2TP_SYSTEM_CHARON_SILENT;
  L2tpCheck *check;

  if (system->state == L2TP_SYSTEM_CHARON_ANSWERS && system->algorithms)
    {
      have = l2tp_diagnose_vici_algorithms_provide (system->algorithms);
      source = g_strdup (_ ("the running charon's answer"));
    }
  else if (system_used)
    {
      plugins = installed_plugins (charon);
      have = l2tp_diagnose_plugins_provide ((const char *const *) plugins);
      source = g_strdup (_ ("the installed plugins; run as root to ask the running "
                            "charon"));
    }
  else
    {
      g_autofree char *joined = NULL;

      plugins = l2tp_charon_private_load (charon);
      have = l2tp_diagnose_plugins_provide ((const char *const *) plugins);
      joined = providers ((const char *const *) plugins);
      source = g_strdup_printf (_ ("plugins the service loads: %s"), joined);
    }

  missing = missing_names (have);
  if (have == L2TP_LEGACY_ALL)
    text = g_strdup_printf (_ ("charon can do 3DES, MD5 and MODP-1024, which older "
                               "servers offer (%s)"),
                            source);
  else
    {
      text = g_strdup_printf (_ ("charon cannot do %s, which older servers (TP-Link, "
                                 "Meraki, Windows RRAS) offer (%s)"),
                              missing, source);
      fix = system_used
                ? g_strdup_printf (_ ("have the system charon load the openssl plugin "
                                      "(package %s; load = yes in %s/openssl.conf) and "
                                      "restart it"),
                                   STANDARD_PLUGINS, STRONGSWAN_D)
                : g_strdup_printf (_ ("install the openssl plugin: sudo apt install %s"),
                                   STANDARD_PLUGINS);
    }
  check = l2tp_check_list_add (list, "charon-algorithms",
                               have == L2TP_LEGACY_ALL ? L2TP_CHECK_OK : L2TP_CHECK_FAIL,
                               text, fix);
  if (have != L2TP_LEGACY_ALL)
    l2tp_check_add_fact (check, "missing", missing);
}

/* ---- charon itself ------------------------------------------------------ */

/* The charon to look at: the installed one, or $NM_L2TP_IPSEC_CHARON (a
 * stand-in for tests: diagnose only reads it and runs it with --version). */
static const char *
charon_path (void)
{
  const char *override = g_getenv ("NM_L2TP_IPSEC_CHARON");

  if (override && g_path_is_absolute (override))
    return override;
  return l2tp_program_locate (L2TP_PROGRAM_CHARON);
}

void
l2tp_diagnose_charon (L2tpCheckList *list)
{
  const char *charon = charon_path ();
  g_autoptr (L2tpSystemCharon) system = l2tp_system_charon_find ();
  g_autofree char *output = NULL;
  g_autofree char *version = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  L2tpCheck *check;

  if (!charon)
    {
      const char *pluto = l2tp_program_locate (L2TP_PROGRAM_PLUTO);

      text = pluto ? g_strdup_printf (_ ("strongSwan's charon is not installed (%s); "
                                         "libreswan's pluto is (%s), but this version "
                                         "of the plugin drives strongSwan only"),
                                      l2tp_program_default_path (L2TP_PROGRAM_CHARON),
                                      pluto)
                   : g_strdup_printf (_ ("strongSwan's charon is not installed (%s)"),
                                      l2tp_program_default_path (L2TP_PROGRAM_CHARON));
      fix = g_strdup_printf (_ ("install it: sudo apt install %s"),
                             l2tp_program_package (L2TP_PROGRAM_CHARON));
      l2tp_check_list_add (list, "charon", L2TP_CHECK_FAIL, text, fix);
      l2tp_diagnose_system_charon (list, system);
      return;
    }

  /* "Linux strongSwan 5.9.8"; the system charon's answer when there is one. */
  output = l2tp_diagnose_run ((const char *const[]){ charon, "--version", NULL }, NULL);
  version = system->version ? g_strdup (system->version)
                            : l2tp_diagnose_version_after (output, "strongSwan ");
  text = version ? g_strdup_printf (_ ("charon (strongSwan %s, %s)"), version, charon)
                 : g_strdup_printf (_ ("charon is installed (%s)"), charon);
  check = l2tp_check_list_add (list, "charon", L2TP_CHECK_OK, text, NULL);
  l2tp_check_add_fact (check, "path", charon);
  l2tp_check_add_fact (check, "version", version);

  check_ikev1 (list, charon, version, system);
  check_algorithms (list, charon, system);
  l2tp_diagnose_system_charon (list, system);
}
