/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signing in with a certificate (EAP-TLS) on the main page: "Sign in with"
 * Password or Certificate (TLS); with TLS the CA certificate, certificate,
 * private key and key password (user-ca, user-cert, user-key,
 * user-certpass with user-certpass-flags) instead of the password. Loading
 * (the keys as the older editor and KDE Plasma write them), which rows
 * each choice shows, exactly what update_connection writes, and the keys
 * through export and import. */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "ui-harness.h"

#define CA   "/etc/ssl/corp/ca.pem"
#define CERT "/home/alice/.cert/alice.crt"
#define KEY  "/home/alice/.cert/alice.key"

/* A profile that signs in with a certificate, as the editor saves it. */
static const char *const tls_data[] = {
  "gateway",
  "vpn.example.com",
  "user",
  "alice",
  "ipsec-enabled",
  "yes",
  "ipsec-psk-flags",
  "1",
  "user-auth-type",
  "tls",
  "user-ca",
  CA,
  "user-cert",
  CERT,
  "user-key",
  KEY,
  "user-certpass-flags",
  "1",
  NULL,
};
static const char *const tls_secrets[] = {
  "ipsec-psk", "shared key", "user-certpass", "key pass", NULL,
};
static const char *const password_rows[] = { "password_label", "password_entry" };
static const char *const certificate_rows[] = {
  "user_ca_label",   "user_ca_entry",       "user_ca_button",      "user_cert_label",
  "user_cert_entry", "user_cert_button",    "user_key_label",      "user_key_entry",
  "user_key_button", "user_certpass_label", "user_certpass_entry",
};

static const char *
sign_in (GtkWidget *page)
{
  return gtk_combo_box_get_active_id (
      GTK_COMBO_BOX (widget_by_id (G_OBJECT (page), "user_auth_combo")));
}

static void
choose_sign_in (GtkWidget *page, const char *id)
{
  gtk_combo_box_set_active_id (
      GTK_COMBO_BOX (widget_by_id (G_OBJECT (page), "user_auth_combo")), id);
}

/* With @tls the certificate rows are shown and the password's hidden, and
 * the other way round without. */
static void
check_rows (GtkWidget *page, gboolean tls, const char *what)
{
  GString *wrong = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (password_rows); i++)
    if (gtk_widget_is_visible (widget_by_id (G_OBJECT (page), password_rows[i])) == tls)
      g_string_append_printf (wrong, " %s", password_rows[i]);
  for (guint i = 0; i < G_N_ELEMENTS (certificate_rows); i++)
    if (gtk_widget_is_visible (widget_by_id (G_OBJECT (page), certificate_rows[i]))
        != tls)
      g_string_append_printf (wrong, " %s", certificate_rows[i]);
  if (!check (wrong->len == 0, "%s: %s shown, %s hidden", what,
              tls ? "the certificate rows" : "the password",
              tls ? "the password" : "the certificate rows"))
    printf ("#   wrong:%s\n", wrong->str);
  g_string_free (wrong, TRUE);
}

static gboolean
has_error_style (GtkWidget *widget)
{
#if GTK_CHECK_VERSION(4, 0, 0)
  return gtk_widget_has_css_class (widget, "error");
#else
  return gtk_style_context_has_class (gtk_widget_get_style_context (widget), "error");
#endif
}

static void
check_entry (GtkWidget *page, const char *id, const char *expected)
{
  const char *text = get_text (widget_by_id (G_OBJECT (page), id));

  if (!check (strcmp (text, expected) == 0, "%s shows \"%s\"", id, expected))
    printf ("#   got: \"%s\"\n", text);
}

/* A profile that signs in with a certificate: loaded, shown, saved as it
 * was; then exported and imported with the same keys. */
static void
case_tls_profile (NMVpnEditorPlugin *plugin)
{

  g_autoptr (NMConnection) connection = new_connection (tls_data, tls_secrets);
  g_autoptr (NMConnection) imported = NULL;
  g_autoptr (NMVpnEditor) editor = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL, *path = NULL;
  GtkWidget *window = NULL, *page;

  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  check (g_strcmp0 (sign_in (page), "tls") == 0,
         "user-auth-type=tls: \"Sign in with\" is Certificate (TLS)");
  check_entry (page, "user_ca_entry", CA);
  check_entry (page, "user_cert_entry", CERT);
  check_entry (page, "user_key_entry", KEY);
  check_entry (page, "user_certpass_entry", "key pass");
  check_rows (page, TRUE, "user-auth-type=tls");
  screenshot (window, "main-tls");

  check_saved (editor, connection, "TLS profile unchanged");
  check_items (connection, FALSE, tls_data, "TLS profile unchanged");
  check_items (connection, TRUE, tls_secrets, "TLS profile unchanged");

  dir = g_dir_make_tmp ("ui-user-cert-XXXXXX", &error);
  path = dir ? g_build_filename (dir, "corp-vpn.conf", NULL) : NULL;
  if (check (path && nm_vpn_editor_plugin_export (plugin, path, connection, &error),
             "the TLS profile is exported%s%s", error ? ": " : "",
             error ? error->message : ""))
    {
      imported = nm_vpn_editor_plugin_import (plugin, path, &error);
      if (check (imported != NULL, "and imported again%s%s", error ? ": " : "",
                 error ? error->message : ""))
        {
          check_items (imported, FALSE, tls_data, "exported and imported");
          check_items (imported, TRUE, tls_secrets, "exported and imported");
        }
    }
  if (path)
    g_unlink (path);
  if (dir)
    g_rmdir (dir);
  destroy_window (window);
}

/* Switching to Password hides the certificate and drops its keys; back to
 * TLS, the fields still hold what they held. */
static void
case_switch_to_password (NMVpnEditorPlugin *plugin)
{
  static const char *const old_data[] = {
    "gateway",
    "vpn.example.com",
    "user",
    "alice",
    "ipsec-enabled",
    "no",
    "user-auth-type",
    "tls",
    "user-ca",
    CA,
    "user-cert",
    CERT,
    "user-key",
    KEY,
    "user-certpass-flags",
    "2",
    NULL,
  };
  static const char *const data[] = {
    "gateway", "vpn.example.com", "user", "alice",           "ipsec-enabled",
    "no",      "password-flags",  "0",    "ipsec-psk-flags", "0",
    NULL,
  };
  static const char *const secrets[] = { "password", "pw", NULL };
  g_autoptr (NMConnection) connection = new_connection (old_data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page;
  guint changed = 0;

  page = open_page (plugin, connection, &editor, &window, &changed);
  if (!page)
    return;
  check_rows (page, TRUE, "loaded with TLS");
  choose_sign_in (page, "password");
  show_and_wait (window);
  check_rows (page, FALSE, "Password chosen");
  check (changed > 0, "choosing Password emits \"changed\"");
  set_text (widget_by_id (G_OBJECT (page), "password_entry"), "pw");
  check_saved (editor, connection, "switched to Password");
  check_items (connection, FALSE, data, "switched to Password");
  check_items (connection, TRUE, secrets, "switched to Password");

  choose_sign_in (page, "tls");
  show_and_wait (window);
  check_rows (page, TRUE, "TLS chosen again");
  check_entry (page, "user_cert_entry", CERT);
  destroy_window (window);
}

/* A new connection set up for a certificate by hand: exactly the keys of
 * the choice; a relative path and a missing certificate are refused. */
static void
case_new_tls (NMVpnEditorPlugin *plugin)
{

  g_autoptr (NMConnection) connection = new_connection (NULL, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *cert;

  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  check (g_strcmp0 (sign_in (page), "password") == 0,
         "a new connection signs in with a password");
  check_rows (page, FALSE, "new connection");
  set_text (widget_by_id (G_OBJECT (page), "gateway_entry"), "vpn.example.com");
  set_text (widget_by_id (G_OBJECT (page), "user_entry"), "alice");
  set_text (widget_by_id (G_OBJECT (page), "password_entry"), "not for TLS");
  set_text (widget_by_id (G_OBJECT (page), "psk_entry"), "shared key");
  choose_sign_in (page, "tls");
  show_and_wait (window);
  check_rows (page, TRUE, "Certificate (TLS) chosen");
  check_refused (editor, connection, "user-cert");

  cert = widget_by_id (G_OBJECT (page), "user_cert_entry");
  set_text (cert, "alice.crt");
  check (has_error_style (cert), "a relative path is marked as an error");
  check_refused (editor, connection, "user-cert");
  set_text (cert, CERT);
  check (!has_error_style (cert), "an absolute one is not");
  set_text (widget_by_id (G_OBJECT (page), "user_ca_entry"), CA);
  set_text (widget_by_id (G_OBJECT (page), "user_key_entry"), KEY);
  set_text (widget_by_id (G_OBJECT (page), "user_certpass_entry"), "key pass");
  check_saved (editor, connection, "new TLS connection");
  check_items (connection, FALSE, tls_data, "new TLS connection");
  check_items (connection, TRUE, tls_secrets, "new TLS connection");
  destroy_window (window);
}

/* KDE Plasma's names (use-cert=yes, cert-ca, cert-pub, cert-key) load as
 * the current ones, and saving writes the current names only. */
static void
case_plasma_names (NMVpnEditorPlugin *plugin)
{
  static const char *const old_data[] = {
    "gateway",
    "vpn.example.com",
    "ipsec-enabled",
    "no",
    "use-cert",
    "yes",
    "cert-ca",
    CA,
    "cert-pub",
    CERT,
    "cert-key",
    KEY,
    NULL,
  };
  static const char *const data[] = {
    "gateway",
    "vpn.example.com",
    "ipsec-enabled",
    "no",
    "ipsec-psk-flags",
    "0",
    "user-auth-type",
    "tls",
    "user-ca",
    CA,
    "user-cert",
    CERT,
    "user-key",
    KEY,
    "user-certpass-flags",
    "0",
    NULL,
  };
  g_autoptr (NMConnection) connection = new_connection (old_data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page;

  page = open_page (plugin, connection, &editor, &window, NULL);
  if (!page)
    return;
  check (g_strcmp0 (sign_in (page), "tls") == 0, "Plasma's use-cert=yes is TLS");
  check_entry (page, "user_ca_entry", CA);
  check_entry (page, "user_cert_entry", CERT);
  check_entry (page, "user_key_entry", KEY);
  check_saved (editor, connection, "Plasma profile");
  check_items (connection, FALSE, data, "Plasma profile");
  destroy_window (window);
}

void
run_user_cert_cases (NMVpnEditorPlugin *plugin)
{
  case_tls_profile (plugin);
  case_switch_to_password (plugin);
  case_new_tls (plugin);
  case_plasma_names (plugin);
}
