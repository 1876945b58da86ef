/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diagnose's checks on made-up machines: the kernel's module lists, the
 * IKEv1 symbol scan, the algorithms of plugin sets and of a VICI answer,
 * port holders (charon, the distribution's xl2tpd, one only root sees),
 * .name files in directories, a connection's settings and its last failure. */
#include "diagnose-charon.h"
#include "diagnose-connection.h"
#include "diagnose-nm.h"
#include "diagnose-ports.h"
#include "diagnose-programs.h"
#include "diagnose-run.h"
#include "kmod-index.h"
#include "src/common/failure-record.h"
#include "src/common/programs.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define UUID "5f0e6a0c-2b1d-4d0e-9c7a-3e2f1a0b9c88"

/* ---- kernel modules ------------------------------------------------------ */

static const char dep_text[]
    = "kernel/net/l2tp/l2tp_core.ko.xz: kernel/net/ipv4/udp_tunnel.ko.xz\n"
      "kernel/net/l2tp/l2tp_ppp.ko.xz: kernel/net/l2tp/l2tp_core.ko.xz "
      "kernel/drivers/net/ppp/pppox.ko.xz\n"
      "kernel/net/ipv4/esp4.ko.zst: kernel/net/xfrm/xfrm_algo.ko.zst\n"
      "kernel/drivers/net/ppp/ppp_generic.ko: kernel/lib/crc-ccitt.ko\n"
      "kernel/net/l2tp/l2tp_ppp_extra.ko.xz:\n"
      "kernel/net/key/af-key.ko.gz:";
static const char builtin_text[]
    = "kernel/net/xfrm/xfrm_user.ko\nkernel/net/ipv4/udp.ko\n";

static void
test_kmod_index (void)
{
  g_autofree char *ppp = l2tp_kmod_index_find (dep_text, "l2tp_ppp");
  g_autofree char *esp = l2tp_kmod_index_find (dep_text, "esp4");
  g_autofree char *generic = l2tp_kmod_index_find (dep_text, "ppp-generic");
  g_autofree char *afkey = l2tp_kmod_index_find (dep_text, "af_key");
  g_autofree char *xfrm = l2tp_kmod_index_find (builtin_text, "xfrm_user");
  g_autofree char *none = l2tp_kmod_index_find (dep_text, "l2tp");
  g_autofree char *dep_only = l2tp_kmod_index_find (dep_text, "udp_tunnel");

  g_assert_cmpstr (ppp, ==, "kernel/net/l2tp/l2tp_ppp.ko.xz");
  g_assert_cmpstr (esp, ==, "kernel/net/ipv4/esp4.ko.zst");
  g_assert_cmpstr (generic, ==, "kernel/drivers/net/ppp/ppp_generic.ko");
  g_assert_cmpstr (afkey, ==, "kernel/net/key/af-key.ko.gz");
  g_assert_cmpstr (xfrm, ==, "kernel/net/xfrm/xfrm_user.ko");
  g_assert_null (none);
  /* A dependency named on the right is no entry of its own. */
  g_assert_null (dep_only);
  g_assert_null (l2tp_kmod_index_find (NULL, "esp4"));
  g_assert_null (l2tp_kmod_index_find ("", "esp4"));
  g_assert_null (l2tp_kmod_index_find ("esp4\n.ko\n/\n:\n", "esp4"));
}

static void
test_kmod_state (void)
{
  g_assert_cmpint (l2tp_kmod_state ("l2tp_ppp", TRUE, FALSE, NULL, NULL), ==,
                   L2TP_KMOD_LOADED);
  g_assert_cmpint (l2tp_kmod_state ("xfrm_user", FALSE, TRUE, builtin_text, dep_text), ==,
                   L2TP_KMOD_BUILTIN);
  g_assert_cmpint (l2tp_kmod_state ("l2tp_ppp", FALSE, TRUE, builtin_text, dep_text), ==,
                   L2TP_KMOD_LOADABLE);
  g_assert_cmpint (l2tp_kmod_state ("l2tp_eth", FALSE, TRUE, builtin_text, dep_text), ==,
                   L2TP_KMOD_MISSING);
  /* This machine: a kernel without /lib/modules/RELEASE. */
  g_assert_cmpint (l2tp_kmod_state ("l2tp_ppp", FALSE, FALSE, NULL, NULL), ==,
                   L2TP_KMOD_NO_MODULE_DIR);
}

/* ---- charon ---------------------------------------------------------------- */

static void
test_ikev1_symbols (void)
{
  static const char with[] = "\0ike_sa_create\0main_mode_create\0x\0quick_mode_create\0";
  static const char one[] = "\0main_mode_create\0ike_sa_create\0";
  static const char glued[] = "\0xmain_mode_create\0quick_mode_createx\0";
  static const char end[] = "\0quick_mode_create\0main_mode_create";

  g_assert_true (
      l2tp_diagnose_has_ikev1_symbols ((const guint8 *) with, sizeof with - 1));
  g_assert_false (l2tp_diagnose_has_ikev1_symbols ((const guint8 *) one, sizeof one - 1));
  g_assert_false (
      l2tp_diagnose_has_ikev1_symbols ((const guint8 *) glued, sizeof glued - 1));
  g_assert_false (l2tp_diagnose_has_ikev1_symbols ((const guint8 *) end, sizeof end - 1));
  g_assert_false (l2tp_diagnose_has_ikev1_symbols ((const guint8 *) "", 0));
}

static void
test_ikev1_real_library (void)
{
  /* Debian's libcharon has IKEv1; libstrongswan never has that code. */
  g_autoptr (GMappedFile) charon
      = g_mapped_file_new ("/usr/lib/ipsec/libcharon.so.0", FALSE, NULL);
  g_autoptr (GMappedFile) lib
      = g_mapped_file_new ("/usr/lib/ipsec/libstrongswan.so.0", FALSE, NULL);

  if (!charon || !lib)
    {
      g_test_skip ("strongSwan's libraries are not in /usr/lib/ipsec");
      return;
    }
  g_assert_true (l2tp_diagnose_has_ikev1_symbols (
      (const guint8 *) g_mapped_file_get_contents (charon),
      g_mapped_file_get_length (charon)));
  g_assert_false (l2tp_diagnose_has_ikev1_symbols (
      (const guint8 *) g_mapped_file_get_contents (lib), g_mapped_file_get_length (lib)));
}

static void
test_plugins_provide (void)
{
  static const char *const none[] = { "aes", "sha1", "sha2", "hmac", "vici", NULL };
  static const char *const md5_alone[] = { "md5", "gmp", NULL };
  static const char *const md5_hmac[] = { "md5", "hmac", "gmp", NULL };
  static const char *const openssl[] = { "openssl", NULL };
  static const char *const gcrypt[] = { "gcrypt", "hmac", NULL };

  g_assert_cmpint (l2tp_diagnose_plugins_provide (l2tp_charon_private_plugins), ==,
                   L2TP_LEGACY_ALL);
  g_assert_cmpint (l2tp_diagnose_plugins_provide (none), ==, 0);
  g_assert_cmpint (l2tp_diagnose_plugins_provide (md5_alone), ==, L2TP_LEGACY_MODP1024);
  g_assert_cmpint (l2tp_diagnose_plugins_provide (md5_hmac), ==,
                   L2TP_LEGACY_MD5 | L2TP_LEGACY_MODP1024);
  g_assert_cmpint (l2tp_diagnose_plugins_provide (openssl), ==, L2TP_LEGACY_ALL);
  g_assert_cmpint (l2tp_diagnose_plugins_provide (gcrypt), ==, L2TP_LEGACY_ALL);
}

static void
test_private_load (void)
{
  /* The private charon loads the listed plugins that are installed beside
   * its binary; a build without a plugins/ directory gets them all. */
  g_autofree char *dir = g_dir_make_tmp ("s4diag-charon-XXXXXX", NULL);
  g_autofree char *charon = g_build_filename (dir, "charon", NULL);
  g_autofree char *plugins = g_build_filename (dir, "plugins", NULL);
  static const char *const installed[] = { "openssl", "vici", "eap-md5", NULL };
  g_auto (GStrv) all = l2tp_charon_private_load (charon);
  g_auto (GStrv) some = NULL;
  g_autofree char *joined = NULL;

  g_assert_cmpuint (g_strv_length (all), ==,
                    g_strv_length ((GStrv) l2tp_charon_private_plugins));
  g_assert_cmpint (g_mkdir (plugins, 0755), ==, 0);
  for (guint i = 0; installed[i]; i++)
    {
      g_autofree char *so
          = g_strdup_printf ("%s/libstrongswan-%s.so", plugins, installed[i]);
      g_assert_true (g_file_set_contents (so, "", 0, NULL));
    }
  some = l2tp_charon_private_load (charon);
  joined = g_strjoinv (" ", some);
  g_assert_cmpstr (joined, ==, "openssl vici");
  for (guint i = 0; installed[i]; i++)
    {
      g_autofree char *so
          = g_strdup_printf ("%s/libstrongswan-%s.so", plugins, installed[i]);
      g_unlink (so);
    }
  g_rmdir (plugins);
  g_rmdir (dir);
}

static ViciMessage *
algorithms (const char *ke_section, gboolean with_prf)
{
  ViciMessage *msg = vici_message_new ();

  vici_message_begin_section (msg, "encryption");
  vici_message_add_kv_str (msg, "AES_CBC", "aes");
  vici_message_add_kv_str (msg, "3DES_CBC", "openssl");
  vici_message_end_section (msg);
  vici_message_begin_section (msg, "integrity");
  vici_message_add_kv_str (msg, "HMAC_MD5_96", "hmac");
  vici_message_end_section (msg);
  if (with_prf)
    {
      vici_message_begin_section (msg, "prf");
      vici_message_add_kv_str (msg, "PRF_HMAC_MD5", "hmac");
      vici_message_end_section (msg);
    }
  vici_message_begin_section (msg, ke_section);
  vici_message_add_kv_str (msg, "MODP_1024", "gmp");
  vici_message_end_section (msg);
  g_assert_true (vici_message_check_built (msg, NULL));
  return msg;
}

static void
test_vici_algorithms (void)
{
  g_autoptr (ViciMessage) v5 = algorithms ("dh", TRUE);
  g_autoptr (ViciMessage) v6 = algorithms ("ke", TRUE);
  g_autoptr (ViciMessage) no_prf = algorithms ("dh", FALSE);
  g_autoptr (ViciMessage) other = algorithms ("rng", TRUE);
  g_autoptr (ViciMessage) empty = vici_message_new ();

  g_assert_cmpint (l2tp_diagnose_vici_algorithms_provide (v5), ==, L2TP_LEGACY_ALL);
  g_assert_cmpint (l2tp_diagnose_vici_algorithms_provide (v6), ==, L2TP_LEGACY_ALL);
  g_assert_cmpint (l2tp_diagnose_vici_algorithms_provide (no_prf), ==,
                   L2TP_LEGACY_3DES | L2TP_LEGACY_MODP1024);
  g_assert_cmpint (l2tp_diagnose_vici_algorithms_provide (other), ==,
                   L2TP_LEGACY_3DES | L2TP_LEGACY_MD5);
  g_assert_cmpint (l2tp_diagnose_vici_algorithms_provide (empty), ==, 0);
}

/* ---- versions ---------------------------------------------------------- */

static void
test_versions (void)
{
  g_autofree char *xl2tpd
      = l2tp_diagnose_version_after ("xl2tpd version:  xl2tpd-1.3.18\n", "xl2tpd-");
  g_autofree char *charon
      = l2tp_diagnose_version_after ("Linux strongSwan 6.0.1dr2\n", "strongSwan ");
  g_autofree char *pppd
      = l2tp_diagnose_version_after ("pppd version 2.5.0", "pppd version ");
  g_autofree char *dir
      = l2tp_diagnose_pppd_dir_version ("/usr/lib/x86_64-linux-gnu/pppd/2.4.9");
  g_autofree char *no_dir = l2tp_diagnose_pppd_dir_version ("/usr/lib/pppd");
  g_autofree char *no_version
      = l2tp_diagnose_version_after ("strongSwan  \x1b[0m", "strongSwan ");

  g_assert_cmpstr (xl2tpd, ==, "1.3.18");
  g_assert_cmpstr (charon, ==, "6.0.1dr2");
  g_assert_cmpstr (pppd, ==, "2.5.0");
  g_assert_cmpstr (dir, ==, "2.4.9");
  g_assert_null (no_dir);
  g_assert_null (no_version);
  g_assert_null (l2tp_diagnose_version_after (NULL, "x"));
}

static void
test_run (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = l2tp_diagnose_run (
      (const char *const[]){ "/bin/sh", "-c", "echo out; echo err >&2; exit 3", NULL },
      &error);
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "out\n"));
  g_assert_nonnull (strstr (out, "err\n"));
  missing
      = l2tp_diagnose_run ((const char *const[]){ "/nonexistent/prog", NULL }, &error);
  g_assert_null (missing);
  g_assert_nonnull (error);
}

/* ---- ports ----------------------------------------------------------------- */

static void
free_socket (L2tpPortSocket *s)
{
  if (s->process)
    {
      g_free (s->process->comm);
      g_free (s->process->cmdline);
      g_free (s->process->unit);
      g_free (s->process);
    }
  g_free (s->address);
  g_free (s);
}

static L2tpPortHolder *
holder_new (guint16 port)
{
  L2tpPortHolder *h = g_new0 (L2tpPortHolder, 1);

  h->port = port;
  h->sockets = g_ptr_array_new_with_free_func ((GDestroyNotify) free_socket);
  return h;
}

static void
holder_add (L2tpPortHolder *h, const char *address, guint32 uid, const char *comm,
            const char *cmdline, const char *unit)
{
  L2tpPortSocket *s = g_new0 (L2tpPortSocket, 1);

  s->family = AF_INET;
  s->address = g_strdup (address);
  s->wildcard = g_str_equal (address, "0.0.0.0");
  s->inode = 4242;
  s->uid = uid;
  if (comm)
    {
      s->process = g_new0 (L2tpPortProcess, 1);
      s->process->pid = 812;
      s->process->comm = g_strdup (comm);
      s->process->cmdline = g_strdup (cmdline ? cmdline : comm);
      s->process->unit = g_strdup (unit);
    }
  g_ptr_array_add (h->sockets, s);
}

static const L2tpCheck *
port_check (L2tpPortHolder *h, guint32 viewer, L2tpCheckList *list)
{
  g_autofree char *id = g_strdup_printf ("udp-%u", (guint) h->port);

  l2tp_diagnose_port_holder (list, h, viewer);
  l2tp_port_holder_free (h);
  return l2tp_check_list_find (list, id);
}

static void
test_ports (void)
{
  g_autoptr (L2tpCheckList) list = l2tp_check_list_new ();
  const L2tpCheck *c;
  L2tpPortHolder *h;

  c = port_check (holder_new (500), 1000, list);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_OK);
  g_assert_cmpstr (c->text, ==, "UDP port 500 is free");
  g_ptr_array_set_size (list->checks, 0);

  /* A system charon on IKE's ports: what the service uses. */
  h = holder_new (4500);
  holder_add (h, "0.0.0.0", 0, "charon", "/usr/lib/ipsec/charon", "strongswan.service");
  c = port_check (h, 0, list);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_OK);
  g_assert_true (g_str_has_suffix (c->text, ": the service uses this charon"));
  g_ptr_array_set_size (list->checks, 0);

  /* Another IKE daemon. */
  h = holder_new (500);
  holder_add (h, "0.0.0.0", 0, "pluto", NULL, "ipsec.service");
  c = port_check (h, 0, list);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_FAIL);
  g_assert_cmpstr (c->fix, ==,
                   "charon needs this port for IKE; stop that program: sudo "
                   "systemctl stop ipsec.service");
  g_ptr_array_set_size (list->checks, 0);

  /* Root's socket seen by a normal user: only root can tell. */
  h = holder_new (500);
  holder_add (h, "0.0.0.0", 0, NULL, NULL, NULL);
  c = port_check (h, 1000, list);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_UNKNOWN);
  g_assert_nonnull (strstr (c->fix, "as root"));
  g_ptr_array_set_size (list->checks, 0);

  /* The distribution's xl2tpd on 0.0.0.0:1701. */
  h = holder_new (1701);
  holder_add (h, "0.0.0.0", 0, "xl2tpd", "/usr/sbin/xl2tpd -D", "xl2tpd.service");
  c = port_check (h, 0, list);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_FAIL);
  g_assert_cmpstr (c->text, ==,
                   "UDP port 1701 is held by xl2tpd (pid 812, systemd unit "
                   "xl2tpd.service) on 0.0.0.0");
  g_assert_cmpstr (c->fix, ==,
                   "the service works around it (its xl2tpd binds the "
                   "address that reaches the server), or stop it: sudo "
                   "systemctl disable --now xl2tpd.service");
  g_assert_cmpstr (c->facts->pdata[c->facts->len - 1], ==, "xl2tpd.service");
  g_ptr_array_set_size (list->checks, 0);

  /* Bound to a specific address, without a unit. */
  h = holder_new (1701);
  holder_add (h, "192.168.1.20", 1000, "xl2tpd", NULL, NULL);
  c = port_check (h, 0, list);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_FAIL);
  g_assert_true (g_str_has_suffix (c->fix, "refuse; stop it: sudo kill 812"));
  g_ptr_array_set_size (list->checks, 0);

  /* Root's holder seen by a normal user: a failure all the same. */
  h = holder_new (1701);
  holder_add (h, "0.0.0.0", 0, NULL, NULL, NULL);
  c = port_check (h, 1000, list);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_FAIL);
  g_assert_true (g_str_has_prefix (c->fix, "run diagnose as root"));
  g_ptr_array_set_size (list->checks, 0);

  /* One of our own connections is up. */
  h = holder_new (1701);
  holder_add (h, "10.0.0.2", 0, "xl2tpd",
              "/usr/sbin/xl2tpd -D -c /run/nm-l2tp-ipsec/0a1b/xl2tpd.conf", NULL);
  c = port_check (h, 0, list);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_OK);
  g_ptr_array_set_size (list->checks, 0);
}

/* ---- .name files --------------------------------------------------------- */

static void
write_name (const char *dir, const char *file, const char *plugin, const char *program)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *text = g_strdup_printf ("[VPN Connection]\n"
                                           "name=l2tp\n"
                                           "service=org.freedesktop.NetworkManager.l2tp\n"
                                           "program=%s\n\n"
                                           "[libnm]\n"
                                           "plugin=%s\n",
                                           program, plugin);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
}

static const L2tpCheck *
plugin_check (L2tpCheckList *list, const char *a, const char *b)
{
  const char *const dirs[] = { a, b, NULL };

  g_ptr_array_set_size (list->checks, 0);
  l2tp_diagnose_vpn_plugin (list, dirs);
  return l2tp_check_list_find (list, "vpn-plugin");
}

static void
test_vpn_plugin (void)
{
  g_autofree char *lib = g_dir_make_tmp ("s4diag-vpn-lib-XXXXXX", NULL);
  g_autofree char *etc = g_dir_make_tmp ("s4diag-vpn-etc-XXXXXX", NULL);
  g_autofree char *ours = g_build_filename (lib, "nm-l2tp-service.name", NULL);
  g_autofree char *link = g_build_filename (etc, "nm-l2tp-service.name", NULL);
  g_autofree char *old = g_build_filename (etc, "nm-l2tp-old.name", NULL);
  g_autoptr (L2tpCheckList) list = l2tp_check_list_new ();
  const L2tpCheck *c;

  c = plugin_check (list, lib, etc);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_FAIL);
  g_assert_true (g_str_has_prefix (c->text, "No VPN plugin is registered for "
                                            "org.freedesktop.NetworkManager.l2tp"));

  write_name (lib, "nm-l2tp-service.name",
              "/usr/lib/x86_64-linux-gnu/NetworkManager/libnm-vpn-plugin-l2tp-ipsec.so",
              "/bin/sh");
  c = plugin_check (list, lib, etc);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_OK);
  g_assert_nonnull (strstr (c->text, "nm-l2tp-service.name (service /bin/sh)"));

  /* The same file linked into the other directory counts once. */
  g_assert_cmpint (symlink (ours, link), ==, 0);
  c = plugin_check (list, lib, etc);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_OK);

  /* Its service program gone. */
  write_name (lib, "nm-l2tp-service.name",
              "/usr/lib/NetworkManager/libnm-vpn-plugin-l2tp-ipsec.so",
              "/nonexistent/nm-l2tp-ipsec-service");
  c = plugin_check (list, lib, etc);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_FAIL);
  g_assert_cmpstr (c->fix, ==, "reinstall nm-l2tp-ipsec");

  /* The old plugin beside ours: two claim the service type. */
  write_name (lib, "nm-l2tp-service.name",
              "/usr/lib/NetworkManager/libnm-vpn-plugin-l2tp-ipsec.so", "/bin/sh");
  write_name (etc, "nm-l2tp-old.name", "/usr/lib/NetworkManager/libnm-vpn-plugin-l2tp.so",
              "/usr/lib/NetworkManager/nm-l2tp-service");
  c = plugin_check (list, lib, etc);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_FAIL);
  g_assert_true (g_str_has_prefix (c->text, "2 VPN plugins claim"));
  g_assert_nonnull (strstr (c->fix, "network-manager-l2tp"));

  /* The old plugin alone. */
  g_unlink (link);
  g_unlink (ours);
  c = plugin_check (list, lib, etc);
  g_assert_cmpint (c->status, ==, L2TP_CHECK_FAIL);
  g_assert_true (g_str_has_prefix (c->text, "org.freedesktop.NetworkManager.l2tp belongs "
                                            "to another VPN plugin"));

  g_unlink (old);
  g_rmdir (lib);
  g_rmdir (etc);
}

/* ---- a connection ---------------------------------------------------------- */

static NMConnection *
connection_new (const char *const *data)
{
  NMConnection *connection = nm_simple_connection_new ();
  NMSetting *s_con = nm_setting_connection_new ();
  NMSetting *s_vpn = nm_setting_vpn_new ();

  g_object_set (s_con, NM_SETTING_CONNECTION_ID, "corp-vpn", NM_SETTING_CONNECTION_UUID,
                UUID, NM_SETTING_CONNECTION_TYPE, NM_SETTING_VPN_SETTING_NAME, NULL);
  g_object_set (s_vpn, NM_SETTING_VPN_SERVICE_TYPE, "org.freedesktop.NetworkManager.l2tp",
                NULL);
  for (guint i = 0; data[i]; i += 2)
    nm_setting_vpn_add_data_item (NM_SETTING_VPN (s_vpn), data[i], data[i + 1]);
  nm_connection_add_setting (connection, s_con);
  nm_connection_add_setting (connection, s_vpn);
  return connection;
}

static void
test_settings (void)
{
  static const char *const good[]
      = { "gateway", "192.0.2.10", "user", "alice", "ipsec-enabled", "yes", NULL };
  static const char *const unknown[]
      = { "gateway", "192.0.2.10", "colour", "blue", NULL };
  static const char *const v6[] = { "gateway", "2001:db8::1", NULL };
  g_autoptr (NMConnection) a = connection_new (good);
  g_autoptr (NMConnection) b = connection_new (unknown);
  g_autoptr (NMConnection) c = connection_new (v6);
  g_autoptr (L2tpCheckList) list = l2tp_check_list_new ();
  g_autoptr (L2tpConfig) cfg = l2tp_diagnose_settings (list, a);
  g_autoptr (L2tpConfig) bad = l2tp_diagnose_settings (list, b);
  g_autoptr (L2tpConfig) cfg6 = l2tp_diagnose_settings (list, c);
  const L2tpCheck *check;

  g_assert_nonnull (cfg);
  g_assert_null (bad);
  g_assert_cmpint (((L2tpCheck *) list->checks->pdata[0])->status, ==, L2TP_CHECK_OK);
  check = list->checks->pdata[1];
  g_assert_cmpint (check->status, ==, L2TP_CHECK_FAIL);
  /* The sanitizer's error names the key. */
  g_assert_nonnull (strstr (check->text, "colour"));

  g_ptr_array_set_size (list->checks, 0);
  l2tp_diagnose_gateway (list, cfg);
  l2tp_diagnose_gateway (list, cfg6);
  g_assert_cmpint (((L2tpCheck *) list->checks->pdata[0])->status, ==, L2TP_CHECK_OK);
  g_assert_cmpstr (((L2tpCheck *) list->checks->pdata[0])->text, ==,
                   "The server 192.0.2.10 is an IPv4 address");
  g_assert_cmpint (((L2tpCheck *) list->checks->pdata[1])->status, ==, L2TP_CHECK_FAIL);
}

static void
test_last_failure (void)
{
  static const char *const good[] = { "gateway", "192.0.2.10", NULL };
  g_autoptr (NMConnection) connection = connection_new (good);
  g_autofree char *state = g_dir_make_tmp ("s4diag-state-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (state, UUID ".failure", NULL);
  g_autoptr (L2tpCheckList) list = l2tp_check_list_new ();
  g_autoptr (GError) failure = NULL;
  const L2tpCheck *c;

  l2tp_diagnose_last_failure (list, state, connection);
  c = list->checks->pdata[0];
  g_assert_cmpint (c->status, ==, L2TP_CHECK_OK);

  l2tp_failure_set (&failure, L2TP_FAILURE_PSK_MISMATCH, NULL, NULL);
  l2tp_failure_record_keep (state, UUID, failure);
  g_ptr_array_set_size (list->checks, 0);
  l2tp_diagnose_last_failure (list, state, connection);
  c = list->checks->pdata[0];
  g_assert_cmpint (c->status, ==, L2TP_CHECK_FAIL);
  g_assert_true (g_str_has_prefix (c->text, "The last connect of \"corp-vpn\" failed ("));
  g_assert_true (g_str_has_suffix (c->text, ")"));
  /* The service's message is the fix: layer, what happened, what to do. */
  g_assert_cmpstr (c->fix, ==,
                   "IPsec (IKE phase 1): the pre-shared key does not match the "
                   "server's. Check the pre-shared key (ipsec-psk).");
  g_assert_cmpstr (c->facts->pdata[2], ==, "layer");
  g_assert_cmpstr (c->facts->pdata[3], ==, "ike");
  g_assert_cmpstr (c->facts->pdata[5], ==, "psk-mismatch");

  /* A record nobody should trust is not shown. */
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_ptr_array_set_size (list->checks, 0);
  l2tp_diagnose_last_failure (list, state, connection);
  g_assert_cmpint (((L2tpCheck *) list->checks->pdata[0])->status, ==,
                   L2TP_CHECK_UNKNOWN);

  g_unlink (path);
  g_rmdir (state);
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diagnose/kmod-index", test_kmod_index);
  g_test_add_func ("/diagnose/kmod-state", test_kmod_state);
  g_test_add_func ("/diagnose/ikev1-symbols", test_ikev1_symbols);
  g_test_add_func ("/diagnose/ikev1-real-library", test_ikev1_real_library);
  g_test_add_func ("/diagnose/plugins-provide", test_plugins_provide);
  g_test_add_func ("/diagnose/private-load", test_private_load);
  g_test_add_func ("/diagnose/vici-algorithms", test_vici_algorithms);
  g_test_add_func ("/diagnose/versions", test_versions);
  g_test_add_func ("/diagnose/run", test_run);
  g_test_add_func ("/diagnose/ports", test_ports);
  g_test_add_func ("/diagnose/vpn-plugin", test_vpn_plugin);
  g_test_add_func ("/diagnose/settings", test_settings);
  g_test_add_func ("/diagnose/last-failure", test_last_failure);
  return g_test_run ();
}
