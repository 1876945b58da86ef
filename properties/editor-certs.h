/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Certificate fields: the IPsec dialog's machine certificate and the main
 * page's user certificate (EAP-TLS) look and work alike. Each is a CA
 * certificate, a certificate and a private key, an entry checked as you
 * type with a "Browse…" button each, and the key's password with the
 * password storage menu. A table per use names its widgets (in its .ui) and
 * its keys. */
#pragma once

#include <gtk/gtk.h>

#include "editor-values.h"

G_BEGIN_DECLS

typedef struct
{
  const char *entry, *button; /* widget ids */
  L2tpKeyId id;
  const char *title; /* the file chooser's, marked for translation */
} L2tpCertFile;

typedef struct
{
  L2tpCertFile files[3]; /* CA certificate, certificate, private key */
  const char *certpass_entry;
  L2tpKeyId certpass, certpass_flags;
  /* Kept in the profile while not in use (the IPsec dialog shows them,
   * insensitive, with a pre-shared key); else removed (the main page hides
   * the user's with password sign-in). */
  gboolean kept_unused;
} L2tpCertFields;

/* The paths and the key password of @values into the widgets. */
void l2tp_cert_fields_load (GtkBuilder *builder, const L2tpCertFields *fields,
                            const L2tpEditorValues *values);
/* Browse buttons; the path entries checked as you type, calling
 * @on_change(@user_data) after each check. */
void l2tp_cert_fields_watch (GtkBuilder *builder, const L2tpCertFields *fields,
                             GCallback on_change, gpointer user_data);
/* TRUE unless a path entry holds a value its key refuses. */
gboolean l2tp_cert_fields_valid (GtkBuilder *builder, const L2tpCertFields *fields);
/* The widgets into @values: the paths, and the key password with its flags
 * when @in_use (or when the profile already had flags). Not @in_use and not
 * kept_unused: all five keys are removed. */
void l2tp_cert_fields_save (GtkBuilder *builder, const L2tpCertFields *fields,
                            gboolean in_use, L2tpEditorValues *values);

G_END_DECLS
