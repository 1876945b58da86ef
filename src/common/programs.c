/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/programs.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

/* xl2tpd's and pppd's are also in l2tp_runtime_programs (runtime-dir.c: the
 * processes the service may end). */
static const char *const charon_paths[]
    = { "/usr/lib/ipsec/charon", "/usr/libexec/ipsec/charon",
        "/usr/libexec/strongswan/charon", "/usr/lib/strongswan/charon", NULL };
static const char *const xl2tpd_paths[]
    = { "/usr/sbin/xl2tpd", "/sbin/xl2tpd", "/usr/local/sbin/xl2tpd", NULL };
static const char *const pppd_paths[] = { "/usr/sbin/pppd", "/sbin/pppd", NULL };
static const char *const pluto_paths[]
    = { "/usr/libexec/ipsec/pluto", "/usr/lib/ipsec/pluto", NULL };

static const struct
{
  const char *const *paths;
  const char *package;
} programs[] = {
  [L2TP_PROGRAM_CHARON] = { charon_paths, "strongswan-charon" },
  [L2TP_PROGRAM_XL2TPD] = { xl2tpd_paths, "xl2tpd" },
  [L2TP_PROGRAM_PPPD] = { pppd_paths, "ppp" },
  [L2TP_PROGRAM_PLUTO] = { pluto_paths, "libreswan" },
};

/* 3DES comes from openssl (or gcrypt where installed); kdf is needed by
 * IKEv2 only. Loading these instead of all 60 Debian plugins starts charon
 * in a fraction of a second. */
const char *const l2tp_charon_private_plugins[] = {
  "random",
  "nonce",
  "aes",
  "sha1",
  "sha2",
  "md5",
  "hmac",
  "gmp",
  "gcm",
  "openssl",
  "gcrypt",
  "kdf",
  "pem",
  "pkcs1",
  "pkcs8",
  "x509",
  "pubkey",
  "curve25519",
  "kernel-netlink",
  "socket-default",
  "vici",
  NULL,
};

GStrv
l2tp_charon_private_load (const char *charon)
{
  g_autofree char *charon_dir = g_path_get_dirname (charon);
  g_autofree char *plugin_dir = g_build_filename (charon_dir, "plugins", NULL);
  g_autoptr (GStrvBuilder) load = g_strv_builder_new ();
  gboolean filter = g_file_test (plugin_dir, G_FILE_TEST_IS_DIR);

  for (guint i = 0; l2tp_charon_private_plugins[i]; i++)
    {
      g_autofree char *so = g_strdup_printf ("%s/libstrongswan-%s.so", plugin_dir,
                                             l2tp_charon_private_plugins[i]);

      /* A plugin that is not installed would only add a warning per start. */
      if (filter && !g_file_test (so, G_FILE_TEST_EXISTS))
        continue;
      g_strv_builder_add (load, l2tp_charon_private_plugins[i]);
    }
  return g_strv_builder_end (load);
}

const char *const *
l2tp_program_paths (L2tpProgram program)
{
  g_return_val_if_fail (program < G_N_ELEMENTS (programs), NULL);

  return programs[program].paths;
}

const char *
l2tp_program_find (L2tpProgram program)
{
  g_return_val_if_fail (program < G_N_ELEMENTS (programs), NULL);

  for (guint i = 0; programs[program].paths[i]; i++)
    if (g_file_test (programs[program].paths[i], G_FILE_TEST_IS_EXECUTABLE))
      return programs[program].paths[i];
  return NULL;
}

const char *
l2tp_program_locate (L2tpProgram program)
{
  g_return_val_if_fail (program < G_N_ELEMENTS (programs), NULL);

  for (guint i = 0; programs[program].paths[i]; i++)
    {
      GStatBuf st;

      if (g_stat (programs[program].paths[i], &st) == 0 && S_ISREG (st.st_mode)
          && (st.st_mode & 0111))
        return programs[program].paths[i];
    }
  return NULL;
}

const char *
l2tp_program_default_path (L2tpProgram program)
{
  g_return_val_if_fail (program < G_N_ELEMENTS (programs), NULL);

  return programs[program].paths[0];
}

const char *
l2tp_program_package (L2tpProgram program)
{
  g_return_val_if_fail (program < G_N_ELEMENTS (programs), NULL);

  return programs[program].package;
}

char *
l2tp_pppd_plugin_path (void)
{
  /* For tests of a build tree; the service runs as root, so does whoever
   * sets its environment. */
  const char *override = g_getenv ("NM_L2TP_IPSEC_PPPD_PLUGIN");

  if (override && *override)
    return g_strdup (override);
  return g_strdup (PPPD_PLUGIN_DIR "/" L2TP_PPPD_PLUGIN_NAME);
}
