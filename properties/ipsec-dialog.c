/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ipsec-dialog.h"

#include <glib/gi18n-lib.h>

#include "editor-certs.h"
#include "editor-widgets.h"
#include "ipsec-detect.h"
#include "proposals.h"

/* Text fields, all checked as you type: widget id, the label that shows the
 * error, key. The certificate fields (editor-certs.c) show theirs in the
 * entry's tooltip and error style only. */
static const struct
{
  const char *entry;
  const char *error_label;
  L2tpKeyId id;
} text_fields[] = {
  { "remote_id_entry", "remote_id_error", L2TP_KEY_IPSEC_REMOTE_ID },
  { "group_name_entry", "group_name_error", L2TP_KEY_IPSEC_GROUP_NAME },
  { "ike_entry", "ike_error", L2TP_KEY_IPSEC_IKE },
  { "esp_entry", "esp_error", L2TP_KEY_IPSEC_ESP },
};

static const L2tpCertFields machine_cert = {
  .files = {
    { "machine_ca_entry", "machine_ca_button", L2TP_KEY_MACHINE_CA,
      N_ ("Choose the CA certificate") },
    { "machine_cert_entry", "machine_cert_button", L2TP_KEY_MACHINE_CERT,
      N_ ("Choose the machine certificate") },
    { "machine_key_entry", "machine_key_button", L2TP_KEY_MACHINE_KEY,
      N_ ("Choose the private key") },
  },
  .certpass_entry = "machine_certpass_entry",
  .certpass = L2TP_KEY_MACHINE_CERTPASS,
  .certpass_flags = L2TP_KEY_MACHINE_CERTPASS_FLAGS,
  .kept_unused = TRUE,
};

static const struct
{
  const char *check;
  L2tpKeyId id;
} bool_fields[] = {
  { "pfs_check", L2TP_KEY_IPSEC_PFS },
  { "forceencaps_check", L2TP_KEY_IPSEC_FORCEENCAPS },
  { "ipcomp_check", L2TP_KEY_IPSEC_IPCOMP },
};

static const struct
{
  const char *spin;
  L2tpKeyId id;
} uint_fields[] = {
  { "ikelifetime_spin", L2TP_KEY_IPSEC_IKELIFETIME },
  { "salifetime_spin", L2TP_KEY_IPSEC_SALIFETIME },
};

static GtkBuilder *
dialog_builder (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), L2TP_EDITOR_BUILDER_KEY);
}

static gboolean
uses_certificates (GtkBuilder *builder)
{
  const char *type = gtk_combo_box_get_active_id (
      GTK_COMBO_BOX (l2tp_widgets_get (builder, "machine_auth_combo")));

  return g_strcmp0 (type, "tls") == 0;
}

/* Sensitivity follows the choices; OK only while every field is valid. With
 * IPsec off the fields cannot be edited, so OK stays usable: saving the
 * connection still refuses a bad value and names its key. */
static void
update_state (GtkWidget *dialog)
{
  GtkBuilder *builder = dialog_builder (dialog);
  gboolean enabled
      = l2tp_widgets_toggle_get (l2tp_widgets_get (builder, "ipsec_enabled_check"));
  gboolean valid = l2tp_cert_fields_valid (builder, &machine_cert);

  gtk_widget_set_sensitive (l2tp_widgets_get (builder, "ipsec_settings_box"), enabled);
  gtk_widget_set_sensitive (l2tp_widgets_get (builder, "machine_cert_grid"),
                            uses_certificates (builder));

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    valid = valid
            && l2tp_widgets_entry_is_valid (
                l2tp_widgets_get (builder, text_fields[i].entry));
  gtk_dialog_set_response_sensitive (GTK_DIALOG (dialog), GTK_RESPONSE_OK,
                                     valid || !enabled);
}

static void
set_default_proposals_hint (GtkWidget *entry, L2tpProposalKind kind)
{
  g_autoptr (L2tpProposalSet) set = l2tp_proposal_set_new_default (kind);
  g_autofree char *text = l2tp_proposal_set_to_string (set);
  g_autofree char *hint
      = g_strdup_printf (_ ("Empty: the built-in set is offered: %s"), text);

  /* The entry's tooltip while valid (an error takes its place while not);
   * the icon says there is something to read, and always shows the set. */
  l2tp_widgets_set_entry_hint (entry, hint);
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY,
                                     "dialog-information-symbolic");
  gtk_entry_set_icon_tooltip_text (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY, hint);
}

static void
load_values (GtkBuilder *builder, const L2tpEditorValues *values)
{
  l2tp_widgets_toggle_set (l2tp_widgets_get (builder, "ipsec_enabled_check"),
                           l2tp_editor_values_ipsec_enabled (values));
  gtk_combo_box_set_active_id (
      GTK_COMBO_BOX (l2tp_widgets_get (builder, "machine_auth_combo")),
      l2tp_editor_values_get_effective (values, L2TP_KEY_MACHINE_AUTH_TYPE));

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    l2tp_widgets_entry_set_text (l2tp_widgets_get (builder, text_fields[i].entry),
                                 l2tp_editor_values_get (values, text_fields[i].id));
  for (guint i = 0; i < G_N_ELEMENTS (bool_fields); i++)
    l2tp_widgets_toggle_set (l2tp_widgets_get (builder, bool_fields[i].check),
                             l2tp_editor_values_get_bool (values, bool_fields[i].id));
  for (guint i = 0; i < G_N_ELEMENTS (uint_fields); i++)
    l2tp_widgets_spin_setup (l2tp_widgets_get (builder, uint_fields[i].spin), values,
                             uint_fields[i].id);
  l2tp_cert_fields_load (builder, &machine_cert, values);
}

GtkWidget *
l2tp_ipsec_dialog_new (GtkWidget *parent, const L2tpEditorValues *values,
                       const char *gateway)
{
  g_autoptr (GtkBuilder) builder = l2tp_widgets_builder_new ("ipsec-dialog.ui");
  GtkWidget *dialog;

  g_return_val_if_fail (values != NULL, NULL);

  load_values (builder, values);
  dialog = l2tp_widgets_dialog_new (parent, _ ("L2TP IPsec Options"),
                                    l2tp_widgets_get (builder, "ipsec_box"));
  g_object_set_data_full (G_OBJECT (dialog), L2TP_EDITOR_BUILDER_KEY,
                          g_object_ref (builder), g_object_unref);

  set_default_proposals_hint (l2tp_widgets_get (builder, "ike_entry"), L2TP_PROPOSAL_IKE);
  set_default_proposals_hint (l2tp_widgets_get (builder, "esp_entry"), L2TP_PROPOSAL_ESP);
  l2tp_cert_fields_watch (builder, &machine_cert, G_CALLBACK (update_state), dialog);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const char *label_id = text_fields[i].error_label;

      l2tp_widgets_watch_entry (l2tp_widgets_get (builder, text_fields[i].entry),
                                label_id ? l2tp_widgets_get (builder, label_id) : NULL,
                                text_fields[i].id, G_CALLBACK (update_state), dialog);
    }
  l2tp_ipsec_detect_setup (builder, gateway);
  g_signal_connect_swapped (l2tp_widgets_get (builder, "ipsec_enabled_check"), "toggled",
                            G_CALLBACK (update_state), dialog);
  g_signal_connect_swapped (l2tp_widgets_get (builder, "machine_auth_combo"), "changed",
                            G_CALLBACK (update_state), dialog);
  update_state (dialog);
  return dialog;
}

void
l2tp_ipsec_dialog_apply (GtkWidget *dialog, L2tpEditorValues *values)
{
  GtkBuilder *builder;

  g_return_if_fail (GTK_IS_DIALOG (dialog));
  g_return_if_fail (values != NULL);
  builder = dialog_builder (dialog);

  l2tp_editor_values_set_bool (
      values, L2TP_KEY_IPSEC_ENABLED,
      l2tp_widgets_toggle_get (l2tp_widgets_get (builder, "ipsec_enabled_check")));
  l2tp_editor_values_set (values, L2TP_KEY_MACHINE_AUTH_TYPE,
                          uses_certificates (builder) ? "tls" : "psk");

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    l2tp_editor_values_set (
        values, text_fields[i].id,
        l2tp_widgets_entry_get_text (l2tp_widgets_get (builder, text_fields[i].entry)));
  for (guint i = 0; i < G_N_ELEMENTS (bool_fields); i++)
    l2tp_editor_values_set_bool (
        values, bool_fields[i].id,
        l2tp_widgets_toggle_get (l2tp_widgets_get (builder, bool_fields[i].check)));
  for (guint i = 0; i < G_N_ELEMENTS (uint_fields); i++)
    l2tp_editor_values_set_uint (
        values, uint_fields[i].id,
        l2tp_widgets_spin_get (l2tp_widgets_get (builder, uint_fields[i].spin)));
  l2tp_cert_fields_save (builder, &machine_cert, uses_certificates (builder), values);
}
