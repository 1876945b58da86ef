/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ui tier: the editor in a real GTK3 or GTK4 window (built once per
 * toolkit from this file), loaded the way nm-connection-editor and GNOME
 * Settings load it: libnm's loader opens the GTK-free plugin, which dlopens
 * the editor library for the GTK in this process.
 *
 * usage: test-editor-gtkN PLUGIN.so NAME-FILE [SCREENSHOT-DIR]
 * Prints TAP lines; exits non-zero when a check fails. The routing cases
 * are in test-routing.c; the "Detect" cases (test-detect.c) need the
 * environment tests/ui/with-charon.sh sets. */
#include <stdio.h>
#include <string.h>

#include "ui-harness.h"

static void
count_changed (NMVpnEditor *editor, guint *changed)
{
  (*changed)++;
}

/* ---- the cases ------------------------------------------------------------ */

/* A new connection: the four fields a phone asks for, plus the domain. */
static void
case_new_connection (NMVpnEditorPlugin *plugin)
{
  g_autoptr (NMConnection) connection = new_connection (NULL, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page;
  guint changed = 0;
  static const char *const data[] = {
    "gateway",
    "vpn.example.com",
    "user",
    "alice",
    "domain",
    "CORP",
    "ipsec-enabled",
    "yes",
    "password-flags",
    "1",
    "ipsec-psk-flags",
    "1",
    NULL,
  };
  static const char *const secrets[] = {
    "password", "s3cret pass", "ipsec-psk", "shared key", NULL,
  };

  editor = new_editor (plugin, connection, &window);
  if (!editor)
    return;
  page = GTK_WIDGET (nm_vpn_editor_get_widget (editor));
  g_signal_connect (editor, "changed", G_CALLBACK (count_changed), &changed);

  check_refused (editor, connection, "gateway");
  set_text (widget_by_id (G_OBJECT (page), "gateway_entry"), "vpn.example.com");
  set_text (widget_by_id (G_OBJECT (page), "user_entry"), "alice");
  set_text (widget_by_id (G_OBJECT (page), "password_entry"), "s3cret pass");
  set_text (widget_by_id (G_OBJECT (page), "psk_entry"), "shared key");
  set_text (widget_by_id (G_OBJECT (page), "domain_entry"), "CORP");
  check (changed >= 5, "typing emits \"changed\" (%u times)", changed);
  check (gtk_widget_get_sensitive (widget_by_id (G_OBJECT (page), "psk_entry")),
         "the PSK field is usable on a new connection");

  check_saved (editor, connection, "new connection");
  check_items (connection, FALSE, data, "new connection");
  check_items (connection, TRUE, secrets, "new connection");
  screenshot (window, "main");
  destroy_window (window);
}

/* An old profile: the editor changes only what the user changed, keeps what it
 * does not show, and refuses a Phase 1 typo. */
static void
case_existing_connection (NMVpnEditorPlugin *plugin)
{
  static const char *const old_data[] = {
    "gateway",
    "old.example.com",
    "user",
    "bob",
    "ipsec-enabled",
    "yes",
    "password-flags",
    "0",
    "ipsec-psk-flags",
    "0",
    "ipsec-dpd-delay",
    "20",
    "mrru",
    "1600",
    "xl2tpd-max-retries",
    "7",
    "ipsec-gateway-id",
    "@old.example.com",
    "ipsec-psk",
    "legacy-psk",
    NULL,
  };
  static const char *const old_secrets[] = { "password", "old pass", NULL };
  static const char *const data[] = {
    "gateway",
    "old.example.com",
    "user",
    "bob",
    "ipsec-enabled",
    "yes",
    "password-flags",
    "0",
    "ipsec-psk-flags",
    "0",
    "ipsec-dpd-delay",
    "20",
    "mrru",
    "1600",
    "xl2tpd-max-retries",
    "7",
    "ipsec-remote-id",
    "@vpn.example.com",
    "ipsec-ike",
    "aes256-sha256-modp2048,aes128-sha1-modp2048",
    "ipsec-esp",
    "aes256-sha1",
    "ipsec-pfs",
    "no",
    "ipsec-forceencaps",
    "yes",
    "ipsec-ikelifetime",
    "7200",
    "refuse-pap",
    "yes",
    "refuse-eap",
    "yes",
    "mtu",
    "1300",
    "mru",
    "1280",
    "lcp-echo-interval",
    "5",
    NULL,
  };
  static const char *const secrets[] = {
    "password", "old pass", "ipsec-psk", "legacy-psk", NULL,
  };
  g_autoptr (NMConnection) connection = new_connection (old_data, old_secrets);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *dialog, *ike, *ike_error;
  NMSettingVpn *s_vpn;

  editor = new_editor (plugin, connection, &window);
  if (!editor)
    return;
  page = GTK_WIDGET (nm_vpn_editor_get_widget (editor));

  /* IPsec dialog, first with a typo in Phase 1. */
  dialog = open_dialog (page, "ipsec_button");
  if (!dialog)
    return;
  ike = widget_by_id (G_OBJECT (dialog), "ike_entry");
  ike_error = widget_by_id (G_OBJECT (dialog), "ike_error");
  check (!gtk_widget_get_visible (ike_error),
         "no Phase 1 error shown for an empty field");
  check (strcmp (get_text (widget_by_id (G_OBJECT (dialog), "remote_id_entry")),
                 "@old.example.com")
             == 0,
         "remote ID shows the deprecated ipsec-gateway-id");
  set_text (ike, "aes256-sha256-modp2048,aes128-shaXYZ-modp2048");
  check (gtk_widget_get_visible (ike_error)
             && strstr (label_text (ike_error), "ipsec-ike"),
         "a Phase 1 typo is shown as you type (%s)", label_text (ike_error));
  check (!gtk_widget_get_sensitive (
             gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK)),
         "OK is insensitive while Phase 1 is invalid");
  screenshot (dialog, "ipsec");
  /* Forced through anyway: the save must still refuse it. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  check_refused (editor, connection, "ipsec-ike");

  dialog = open_dialog (page, "ipsec_button");
  if (!dialog)
    return;
  check (gtk_widget_get_visible (widget_by_id (G_OBJECT (dialog), "ike_error")),
         "the reopened dialog shows the stored Phase 1 error at once");
  set_text (widget_by_id (G_OBJECT (dialog), "ike_entry"),
            "aes256-sha256-modp2048,aes128-sha1-modp2048");
  set_text (widget_by_id (G_OBJECT (dialog), "esp_entry"), "aes256-sha1");
  set_text (widget_by_id (G_OBJECT (dialog), "remote_id_entry"), "@vpn.example.com");
  set_toggle (widget_by_id (G_OBJECT (dialog), "pfs_check"), FALSE);
  set_toggle (widget_by_id (G_OBJECT (dialog), "forceencaps_check"), TRUE);
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "ikelifetime_spin")), 7200);
  check (gtk_widget_get_sensitive (
             gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK)),
         "OK is sensitive once every field is valid");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);

  /* PPP dialog: Cancel keeps nothing, OK keeps everything. */
  dialog = open_dialog (page, "ppp_button");
  if (!dialog)
    return;
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "mtu_spin")), 1000);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  dialog = open_dialog (page, "ppp_button");
  if (!dialog)
    return;
  check (!gtk_widget_get_sensitive (widget_by_id (G_OBJECT (dialog), "mppe_check")),
         "MPPE is insensitive while IPsec is on");
  {
    GtkAdjustment *mtu = gtk_spin_button_get_adjustment (
        GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "mtu_spin")));
    check (gtk_adjustment_get_lower (mtu) == 576 && gtk_adjustment_get_upper (mtu) == 1500
               && gtk_adjustment_get_value (mtu) == 1400,
           "MTU spin: 576..1500, 1400 by default (the key table)");
  }
  set_toggle (widget_by_id (G_OBJECT (dialog), "auth_pap_check"), FALSE);
  set_toggle (widget_by_id (G_OBJECT (dialog), "auth_eap_check"), FALSE);
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "mtu_spin")), 1300);
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "mru_spin")), 1280);
  gtk_spin_button_set_value (
      GTK_SPIN_BUTTON (widget_by_id (G_OBJECT (dialog), "lcp_interval_spin")), 5);
  screenshot (dialog, "ppp");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  check (g_object_get_data (G_OBJECT (page), DIALOG_KEY) == NULL, "OK closes the dialog");

  check_saved (editor, connection, "old profile");
  check_items (connection, FALSE, data, "old profile");
  check_items (connection, TRUE, secrets, "old profile");
  s_vpn = nm_connection_get_setting_vpn (connection);
  check (g_strcmp0 (nm_setting_vpn_get_data_item (s_vpn, "ipsec-dpd-delay"), "20") == 0
             && g_strcmp0 (nm_setting_vpn_get_data_item (s_vpn, "mrru"), "1600") == 0,
         "keys the editor does not show are kept");
  destroy_window (window);
}

/* A profile the service would refuse cannot be saved unchanged either. */
static void
case_invalid_profile (NMVpnEditorPlugin *plugin)
{
  static const char *const old_data[] = {
    "gateway", "vpn.example.com", "ipsec-enabled", "yes", "ipsec-ike", "aes999-bogus",
    NULL,
  };
  g_autoptr (NMConnection) connection = new_connection (old_data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *dialog;

  editor = new_editor (plugin, connection, &window);
  if (!editor)
    return;
  page = GTK_WIDGET (nm_vpn_editor_get_widget (editor));
  check_refused (editor, connection, "ipsec-ike");
  set_text (widget_by_id (G_OBJECT (page), "gateway_entry"), "bad host name!");
  check (gtk_widget_get_visible (widget_by_id (G_OBJECT (page), "gateway_error")),
         "a bad gateway is shown as you type");
  check_refused (editor, connection, "gateway");

  dialog = open_dialog (page, "ipsec_button");
  if (dialog)
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  destroy_window (window);
}

/* Plain L2TP: no PSK, MPPE available. */
static void
case_mppe_without_ipsec (NMVpnEditorPlugin *plugin)
{
  static const char *const old_data[] = {
    "gateway", "10.0.0.1", "ipsec-enabled", "no", "password-flags", "2", NULL,
  };
  static const char *const data[] = {
    "gateway",
    "10.0.0.1",
    "ipsec-enabled",
    "no",
    "password-flags",
    "2",
    "ipsec-psk-flags",
    "0",
    "require-mppe",
    "yes",
    "require-mppe-128",
    "yes",
    NULL,
  };
  static const char *const secrets[] = { NULL };
  g_autoptr (NMConnection) connection = new_connection (old_data, NULL);
  g_autoptr (NMVpnEditor) editor = NULL;
  GtkWidget *window = NULL, *page, *dialog;

  editor = new_editor (plugin, connection, &window);
  if (!editor)
    return;
  page = GTK_WIDGET (nm_vpn_editor_get_widget (editor));
  check (!gtk_widget_get_sensitive (widget_by_id (G_OBJECT (page), "psk_entry")),
         "the PSK field is insensitive with IPsec off");

  dialog = open_dialog (page, "ppp_button");
  if (!dialog)
    return;
  check (gtk_widget_get_sensitive (widget_by_id (G_OBJECT (dialog), "mppe_check")),
         "MPPE is available without IPsec");
  set_toggle (widget_by_id (G_OBJECT (dialog), "mppe_check"), TRUE);
  gtk_combo_box_set_active_id (
      GTK_COMBO_BOX (widget_by_id (G_OBJECT (dialog), "mppe_security_combo")), "128");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);

  /* "Ask every time" (flags 2) keeps the password out of vpn.secrets. */
  set_text (widget_by_id (G_OBJECT (page), "password_entry"), "typed");
  check_saved (editor, connection, "plain L2TP");
  check_items (connection, FALSE, data, "plain L2TP");
  check_items (connection, TRUE, secrets, "plain L2TP");
  destroy_window (window);
}

static void
run_cases (NMVpnEditorPlugin *plugin)
{
  case_new_connection (plugin);
  case_existing_connection (plugin);
  case_invalid_profile (plugin);
  case_mppe_without_ipsec (plugin);
  run_routing_cases (plugin);
  run_layout_cases (plugin);
  run_user_cert_cases (plugin);
  run_detect_cases (plugin);
}

int
main (int argc, char **argv)
{
  g_autoptr (NMVpnEditorPlugin) plugin = NULL;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s PLUGIN.so NAME-FILE [SCREENSHOT-DIR]\n", argv[0]);
      return 2;
    }
  screenshot_dir = argc > 3 ? argv[3] : NULL;
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_init ();
#else
  gtk_init (NULL, NULL);
#endif

  plugin = load_plugin (argv[1], argv[2]);
  if (plugin)
    run_cases (plugin);

  printf ("1..%u\n", checks);
  return failures ? 1 : 0;
}
