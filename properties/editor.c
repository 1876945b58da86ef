/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The editor's main page: the four things a phone asks for (server, user
 * name, password, pre-shared key), or instead of the password a certificate
 * (EAP-TLS), the NT domain, the routing choice (editor-routing.c), and the
 * buttons that open the IPsec and PPP dialogs. */
#include "editor.h"

#include <glib/gi18n-lib.h>
#include <nma-ui-utils.h>

#include "editor-certs.h"
#include "editor-routing.h"
#include "editor-values.h"
#include "editor-widgets.h"
#include "ipsec-dialog.h"
#include "ppp-dialog.h"

#define L2TP_TYPE_EDITOR (l2tp_editor_get_type ())
G_DECLARE_FINAL_TYPE (L2tpEditor, l2tp_editor, L2TP, EDITOR, GObject)

struct _L2tpEditor
{
  GObject parent;
  GtkBuilder *builder;
  GtkWidget *widget; /* the main page */
  GtkWidget *dialog; /* the open IPsec or PPP dialog, or NULL */
  L2tpEditorValues *values;
  L2tpRouting *routing;
};

static void l2tp_editor_interface_init (NMVpnEditorInterface *iface);

G_DEFINE_TYPE_WITH_CODE (L2tpEditor, l2tp_editor, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (NM_TYPE_VPN_EDITOR,
                                                l2tp_editor_interface_init))

static const struct
{
  const char *entry;
  L2tpKeyId id;
} text_fields[] = {
  { "gateway_entry", L2TP_KEY_GATEWAY },
  { "user_entry", L2TP_KEY_USER },
  { "domain_entry", L2TP_KEY_DOMAIN },
};

static const struct
{
  const char *entry;
  L2tpKeyId id, flags_id;
  gboolean with_not_required; /* "not required": e.g. the server asks for none */
  gboolean password_sign_in;  /* only signing in with a password uses it */
} secret_fields[] = {
  { "password_entry", L2TP_KEY_PASSWORD, L2TP_KEY_PASSWORD_FLAGS, TRUE, TRUE },
  { "psk_entry", L2TP_KEY_IPSEC_PSK, L2TP_KEY_IPSEC_PSK_FLAGS, FALSE, FALSE },
};

/* Signing in with a certificate (user-auth-type tls, EAP-TLS). */
static const L2tpCertFields user_cert = {
  .files = {
    { "user_ca_entry", "user_ca_button", L2TP_KEY_USER_CA,
      N_ ("Choose the CA certificate") },
    { "user_cert_entry", "user_cert_button", L2TP_KEY_USER_CERT,
      N_ ("Choose your certificate") },
    { "user_key_entry", "user_key_button", L2TP_KEY_USER_KEY,
      N_ ("Choose the private key") },
  },
  .certpass_entry = "user_certpass_entry",
  .certpass = L2TP_KEY_USER_CERTPASS,
  .certpass_flags = L2TP_KEY_USER_CERTPASS_FLAGS,
};

/* What each way of signing in shows; the other's rows are hidden. */
static const char *const password_rows[] = { "password_label", "password_entry" };
static const char *const certificate_rows[] = {
  "user_ca_label",   "user_ca_entry",       "user_ca_button",      "user_cert_label",
  "user_cert_entry", "user_cert_button",    "user_key_label",      "user_key_entry",
  "user_key_button", "user_certpass_label", "user_certpass_entry",
};

static GtkWidget *
get (L2tpEditor *self, const char *id)
{
  return l2tp_widgets_get (self->builder, id);
}

static void
emit_changed (L2tpEditor *self)
{
  g_signal_emit_by_name (self, "changed");
}

static void
routing_changed (gpointer self)
{
  emit_changed (self);
}

/* The PSK field only means something with IPsec on and PSK authentication. */
static void
update_psk_state (L2tpEditor *self)
{
  gboolean ipsec = l2tp_editor_values_ipsec_enabled (self->values);
  gboolean psk = g_strcmp0 (l2tp_editor_values_get_effective (self->values,
                                                              L2TP_KEY_MACHINE_AUTH_TYPE),
                            "psk")
                 == 0;
  const char *why = NULL;

  if (!ipsec)
    why = _ ("IPsec is off (IPsec Settings…)");
  else if (!psk)
    why = _ ("IPsec uses certificates (IPsec Settings…)");

  gtk_widget_set_sensitive (get (self, "psk_entry"), why == NULL);
  gtk_widget_set_sensitive (get (self, "psk_label"), why == NULL);
  gtk_widget_set_tooltip_text (get (self, "psk_label"), why);
}

static gboolean
signs_in_by_certificate (L2tpEditor *self)
{
  return g_strcmp0 (
             gtk_combo_box_get_active_id (GTK_COMBO_BOX (get (self, "user_auth_combo"))),
             "tls")
         == 0;
}

static void
update_sign_in_rows (L2tpEditor *self)
{
  gboolean tls = signs_in_by_certificate (self);

  for (guint i = 0; i < G_N_ELEMENTS (password_rows); i++)
    l2tp_widgets_set_shown (get (self, password_rows[i]), !tls);
  for (guint i = 0; i < G_N_ELEMENTS (certificate_rows); i++)
    l2tp_widgets_set_shown (get (self, certificate_rows[i]), tls);
}

static void
sign_in_changed (L2tpEditor *self)
{
  update_sign_in_rows (self);
  emit_changed (self);
}

static void
show_passwords_toggled (GtkWidget *check, L2tpEditor *self)
{
  gboolean show = l2tp_widgets_toggle_get (check);

  for (guint i = 0; i < G_N_ELEMENTS (secret_fields); i++)
    gtk_entry_set_visibility (GTK_ENTRY (get (self, secret_fields[i].entry)), show);
  gtk_entry_set_visibility (GTK_ENTRY (get (self, user_cert.certpass_entry)), show);
}

static void
close_dialog (L2tpEditor *self)
{
  GtkWidget *dialog = g_steal_pointer (&self->dialog);

  if (!dialog)
    return;
  if (self->widget)
    g_object_set_data (G_OBJECT (self->widget), L2TP_EDITOR_DIALOG_KEY, NULL);
#if GTK_CHECK_VERSION(4, 0, 0)
  gtk_window_destroy (GTK_WINDOW (dialog));
#else
  gtk_widget_destroy (dialog);
#endif
}

static void
dialog_response (GtkWidget *dialog, int response, L2tpEditor *self)
{
  if (response == GTK_RESPONSE_OK)
    {
      void (*apply) (GtkWidget *, L2tpEditorValues *)
          = g_object_get_data (G_OBJECT (dialog), "l2tp-apply");

      apply (dialog, self->values);
      update_psk_state (self);
      emit_changed (self);
    }
  close_dialog (self);
}

static void
open_dialog (L2tpEditor *self, GtkWidget *dialog,
             void (*apply) (GtkWidget *, L2tpEditorValues *))
{
  close_dialog (self);
  self->dialog = dialog;
  g_object_set_data (G_OBJECT (dialog), "l2tp-apply", apply);
  g_object_set_data (G_OBJECT (self->widget), L2TP_EDITOR_DIALOG_KEY, dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (dialog_response), self);
  l2tp_widgets_show (dialog);
}

static void
ipsec_button_clicked (GtkWidget *button, L2tpEditor *self)
{
  const char *gateway = l2tp_widgets_entry_get_text (get (self, "gateway_entry"));

  open_dialog (self, l2tp_ipsec_dialog_new (self->widget, self->values, gateway),
               l2tp_ipsec_dialog_apply);
}

static void
ppp_button_clicked (GtkWidget *button, L2tpEditor *self)
{
  open_dialog (self, l2tp_ppp_dialog_new (self->widget, self->values),
               l2tp_ppp_dialog_apply);
}

static void
load_main_page (L2tpEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *entry = get (self, text_fields[i].entry);

      l2tp_widgets_entry_set_text (
          entry, l2tp_editor_values_get (self->values, text_fields[i].id));
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (emit_changed), self);
    }
  for (guint i = 0; i < G_N_ELEMENTS (secret_fields); i++)
    {
      GtkWidget *entry = get (self, secret_fields[i].entry);

      l2tp_widgets_entry_set_text (
          entry, l2tp_editor_values_get (self->values, secret_fields[i].id));
      nma_utils_setup_password_storage (
          entry, l2tp_editor_values_get_flags (self->values, secret_fields[i].flags_id),
          NULL, NULL, secret_fields[i].with_not_required, FALSE);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (emit_changed), self);
    }

  /* The page is typed into top down: its fields must not jump each time the
   * gateway's error comes or goes, so its line stays, empty when valid. */
  l2tp_widgets_keep_error_row (get (self, "gateway_error"));
  l2tp_widgets_watch_entry (get (self, "gateway_entry"), get (self, "gateway_error"),
                            L2TP_KEY_GATEWAY, NULL, NULL);

  gtk_combo_box_set_active_id (
      GTK_COMBO_BOX (get (self, "user_auth_combo")),
      l2tp_editor_values_get_effective (self->values, L2TP_KEY_USER_AUTH_TYPE));
  l2tp_cert_fields_load (self->builder, &user_cert, self->values);
  l2tp_cert_fields_watch (self->builder, &user_cert, G_CALLBACK (emit_changed), self);
  update_sign_in_rows (self);
  g_signal_connect_swapped (get (self, "user_auth_combo"), "changed",
                            G_CALLBACK (sign_in_changed), self);
  g_signal_connect (get (self, "show_passwords_check"), "toggled",
                    G_CALLBACK (show_passwords_toggled), self);
  g_signal_connect (get (self, "ipsec_button"), "clicked",
                    G_CALLBACK (ipsec_button_clicked), self);
  g_signal_connect (get (self, "ppp_button"), "clicked", G_CALLBACK (ppp_button_clicked),
                    self);
  update_psk_state (self);
}

static void
save_main_page (L2tpEditor *self)
{
  gboolean tls = signs_in_by_certificate (self);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    l2tp_editor_values_set (
        self->values, text_fields[i].id,
        l2tp_widgets_entry_get_text (get (self, text_fields[i].entry)));
  /* The way of signing in not chosen leaves nothing in the profile. */
  l2tp_editor_values_set (self->values, L2TP_KEY_USER_AUTH_TYPE,
                          tls ? "tls" : "password");
  l2tp_cert_fields_save (self->builder, &user_cert, tls, self->values);
  for (guint i = 0; i < G_N_ELEMENTS (secret_fields); i++)
    {
      GtkWidget *entry = get (self, secret_fields[i].entry);

      if (tls && secret_fields[i].password_sign_in)
        {
          l2tp_editor_values_set (self->values, secret_fields[i].id, NULL);
          l2tp_editor_values_set (self->values, secret_fields[i].flags_id, NULL);
          continue;
        }
      l2tp_editor_values_set_secret (
          self->values, secret_fields[i].id, secret_fields[i].flags_id,
          l2tp_widgets_entry_get_text (entry), nma_utils_menu_to_secret_flags (entry));
    }
  l2tp_routing_save (self->routing);
}

static GObject *
get_widget (NMVpnEditor *editor)
{
  return G_OBJECT (L2TP_EDITOR (editor)->widget);
}

static gboolean
update_connection (NMVpnEditor *editor, NMConnection *connection, GError **error)
{
  L2tpEditor *self = L2TP_EDITOR (editor);

  save_main_page (self);
  return l2tp_editor_values_save (self->values, connection, error);
}

static void
l2tp_editor_interface_init (NMVpnEditorInterface *iface)
{
  iface->get_widget = get_widget;
  iface->update_connection = update_connection;
}

static void
l2tp_editor_init (L2tpEditor *self)
{
}

static void
l2tp_editor_dispose (GObject *object)
{
  L2tpEditor *self = L2TP_EDITOR (object);

  close_dialog (self);
  g_clear_pointer (&self->routing, l2tp_routing_free);
  if (self->widget)
    g_object_set_data (G_OBJECT (self->widget), L2TP_EDITOR_BUILDER_KEY, NULL);
  g_clear_object (&self->widget);
  g_clear_object (&self->builder);
  g_clear_pointer (&self->values, l2tp_editor_values_unref);
  G_OBJECT_CLASS (l2tp_editor_parent_class)->dispose (object);
}

static void
l2tp_editor_class_init (L2tpEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = l2tp_editor_dispose;
}

NMVpnEditor *
nm_vpn_editor_factory_l2tp_ipsec (NMVpnEditorPlugin *editor_plugin,
                                  NMConnection *connection, GError **error)
{
  L2tpEditor *self;

  g_return_val_if_fail (!editor_plugin || NM_IS_VPN_EDITOR_PLUGIN (editor_plugin), NULL);
  g_return_val_if_fail (NM_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  self = g_object_new (L2TP_TYPE_EDITOR, NULL);
  self->values = l2tp_editor_values_new (connection);
  /* A new connection is L2TP/IPsec with a pre-shared key, as on a phone. */
  if (l2tp_editor_values_is_new (self->values))
    l2tp_editor_values_set_bool (self->values, L2TP_KEY_IPSEC_ENABLED, TRUE);

  self->builder = l2tp_widgets_builder_new ("editor.ui");
  self->widget = g_object_ref_sink (get (self, "l2tp_main_box"));
  /* No reference: the builder holds the widget, a reference back would leak both. */
  g_object_set_data (G_OBJECT (self->widget), L2TP_EDITOR_BUILDER_KEY, self->builder);
  load_main_page (self);
  self->routing
      = l2tp_routing_new (self->builder, self->values, connection, routing_changed, self);
  return NM_VPN_EDITOR (self);
}
