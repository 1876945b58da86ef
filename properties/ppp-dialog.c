/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ppp-dialog.h"

#include <glib/gi18n-lib.h>

#include "editor-widgets.h"

/* Check buttons: widget id, key, and whether the check shows the opposite of
 * the key (the keys say what to refuse or disable, the checks what to use). */
static const struct
{
  const char *check;
  L2tpKeyId id;
  gboolean inverted;
} bool_fields[] = {
  { "auth_pap_check", L2TP_KEY_REFUSE_PAP, TRUE },
  { "auth_chap_check", L2TP_KEY_REFUSE_CHAP, TRUE },
  { "auth_mschap_check", L2TP_KEY_REFUSE_MSCHAP, TRUE },
  { "auth_mschapv2_check", L2TP_KEY_REFUSE_MSCHAPV2, TRUE },
  { "auth_eap_check", L2TP_KEY_REFUSE_EAP, TRUE },
  { "mppe_check", L2TP_KEY_REQUIRE_MPPE, FALSE },
  { "mppe_stateful_check", L2TP_KEY_MPPE_STATEFUL, FALSE },
  { "bsdcomp_check", L2TP_KEY_NOBSDCOMP, TRUE },
  { "deflate_check", L2TP_KEY_NODEFLATE, TRUE },
  { "vj_check", L2TP_KEY_NO_VJ_COMP, TRUE },
  { "pcomp_check", L2TP_KEY_NOPCOMP, TRUE },
  { "accomp_check", L2TP_KEY_NOACCOMP, TRUE },
};

static const struct
{
  const char *spin;
  L2tpKeyId id;
} uint_fields[] = {
  { "lcp_interval_spin", L2TP_KEY_LCP_ECHO_INTERVAL },
  { "lcp_failure_spin", L2TP_KEY_LCP_ECHO_FAILURE },
  { "mtu_spin", L2TP_KEY_MTU },
  { "mru_spin", L2TP_KEY_MRU },
};

static GtkBuilder *
dialog_builder (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), L2TP_EDITOR_BUILDER_KEY);
}

static void
update_state (GtkWidget *dialog)
{
  GtkBuilder *builder = dialog_builder (dialog);
  gboolean ipsec
      = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "l2tp-ipsec-on"));
  gboolean mppe = l2tp_widgets_toggle_get (l2tp_widgets_get (builder, "mppe_check"));

  /* IPsec already encrypts; MPPE on top only costs and confuses servers. */
  gtk_widget_set_sensitive (l2tp_widgets_get (builder, "mppe_check"), !ipsec);
  gtk_widget_set_sensitive (l2tp_widgets_get (builder, "mppe_security_label"),
                            !ipsec && mppe);
  gtk_widget_set_sensitive (l2tp_widgets_get (builder, "mppe_security_combo"),
                            !ipsec && mppe);
  gtk_widget_set_sensitive (l2tp_widgets_get (builder, "mppe_stateful_check"),
                            !ipsec && mppe);
  gtk_widget_set_visible (l2tp_widgets_get (builder, "mppe_ipsec_note"), ipsec);
}

static void
load_values (GtkBuilder *builder, const L2tpEditorValues *values)
{
  const char *security = "all";

  for (guint i = 0; i < G_N_ELEMENTS (bool_fields); i++)
    l2tp_widgets_toggle_set (l2tp_widgets_get (builder, bool_fields[i].check),
                             l2tp_editor_values_get_bool (values, bool_fields[i].id)
                                 != bool_fields[i].inverted);
  for (guint i = 0; i < G_N_ELEMENTS (uint_fields); i++)
    l2tp_widgets_spin_setup (l2tp_widgets_get (builder, uint_fields[i].spin), values,
                             uint_fields[i].id);

  if (l2tp_editor_values_get_bool (values, L2TP_KEY_REQUIRE_MPPE_128))
    security = "128";
  else if (l2tp_editor_values_get_bool (values, L2TP_KEY_REQUIRE_MPPE_40))
    security = "40";
  gtk_combo_box_set_active_id (
      GTK_COMBO_BOX (l2tp_widgets_get (builder, "mppe_security_combo")), security);
}

GtkWidget *
l2tp_ppp_dialog_new (GtkWidget *parent, const L2tpEditorValues *values)
{
  g_autoptr (GtkBuilder) builder = l2tp_widgets_builder_new ("ppp-dialog.ui");
  GtkWidget *dialog;

  g_return_val_if_fail (values != NULL, NULL);

  load_values (builder, values);
  dialog = l2tp_widgets_dialog_new (parent, _ ("L2TP PPP Options"),
                                    l2tp_widgets_get (builder, "ppp_box"));
  g_object_set_data_full (G_OBJECT (dialog), L2TP_EDITOR_BUILDER_KEY,
                          g_object_ref (builder), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "l2tp-ipsec-on",
                     GINT_TO_POINTER (l2tp_editor_values_ipsec_enabled (values)));

  g_signal_connect_swapped (l2tp_widgets_get (builder, "mppe_check"), "toggled",
                            G_CALLBACK (update_state), dialog);
  update_state (dialog);
  return dialog;
}

void
l2tp_ppp_dialog_apply (GtkWidget *dialog, L2tpEditorValues *values)
{
  GtkBuilder *builder;
  const char *security;

  g_return_if_fail (GTK_IS_DIALOG (dialog));
  g_return_if_fail (values != NULL);
  builder = dialog_builder (dialog);

  for (guint i = 0; i < G_N_ELEMENTS (bool_fields); i++)
    l2tp_editor_values_set_bool (
        values, bool_fields[i].id,
        l2tp_widgets_toggle_get (l2tp_widgets_get (builder, bool_fields[i].check))
            != bool_fields[i].inverted);
  for (guint i = 0; i < G_N_ELEMENTS (uint_fields); i++)
    l2tp_editor_values_set_uint (
        values, uint_fields[i].id,
        l2tp_widgets_spin_get (l2tp_widgets_get (builder, uint_fields[i].spin)));

  security = gtk_combo_box_get_active_id (
      GTK_COMBO_BOX (l2tp_widgets_get (builder, "mppe_security_combo")));
  l2tp_editor_values_set_bool (values, L2TP_KEY_REQUIRE_MPPE_128,
                               g_strcmp0 (security, "128") == 0);
  l2tp_editor_values_set_bool (values, L2TP_KEY_REQUIRE_MPPE_40,
                               g_strcmp0 (security, "40") == 0);
}
