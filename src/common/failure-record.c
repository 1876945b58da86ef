/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "src/common/failure-record.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shared/text-clean.h"
#include "src/common/log.h"
#include "src/common/state-dir.h"

#define GROUP "failure"

/* Every kind: a new one without a name here is a -Wswitch warning. */
const char *
l2tp_failure_code_name (L2tpFailure failure)
{
  switch (failure)
    {
    case L2TP_FAILURE_NONE:
      return "none";
    case L2TP_FAILURE_INTERNAL:
      return "internal";
    case L2TP_FAILURE_BAD_SETTINGS:
      return "bad-settings";
    case L2TP_FAILURE_MISSING_PROGRAM:
      return "missing-program";
    case L2TP_FAILURE_NO_IKEV1:
      return "no-ikev1";
    case L2TP_FAILURE_CHARON:
      return "charon";
    case L2TP_FAILURE_PORT_BUSY:
      return "port-busy";
    case L2TP_FAILURE_IKE_NO_PROPOSAL:
      return "ike-no-proposal";
    case L2TP_FAILURE_ESP_NO_PROPOSAL:
      return "esp-no-proposal";
    case L2TP_FAILURE_PSK_MISMATCH:
      return "psk-mismatch";
    case L2TP_FAILURE_IKE_AUTH:
      return "ike-auth";
    case L2TP_FAILURE_IKE_CERT:
      return "ike-cert";
    case L2TP_FAILURE_IKE_REMOTE_ID:
      return "ike-remote-id";
    case L2TP_FAILURE_IKE_NO_RESPONSE:
      return "ike-no-response";
    case L2TP_FAILURE_KERNEL_NO_ESP:
      return "kernel-no-esp";
    case L2TP_FAILURE_IPSEC_FAILED:
      return "ipsec-failed";
    case L2TP_FAILURE_L2TP_REFUSED:
      return "l2tp-refused";
    case L2TP_FAILURE_L2TP_NO_RESPONSE:
      return "l2tp-no-response";
    case L2TP_FAILURE_L2TP_FAILED:
      return "l2tp-failed";
    case L2TP_FAILURE_PPP_AUTH:
      return "ppp-auth";
    case L2TP_FAILURE_PPP_LCP_TIMEOUT:
      return "ppp-lcp-timeout";
    case L2TP_FAILURE_PPP_NO_KERNEL:
      return "ppp-no-kernel";
    case L2TP_FAILURE_PPP_FAILED:
      return "ppp-failed";
    case L2TP_FAILURE_PPP_PEER_ENDED:
      return "ppp-peer-ended";
    case L2TP_FAILURE_PPP_MPPE_NO_MSCHAP:
      return "ppp-mppe-no-mschap";
    case L2TP_FAILURE_NO_IP_CONFIG:
      return "no-ip-config";
    case L2TP_FAILURE_TIMEOUT:
      return "timeout";
    case L2TP_FAILURE_CONNECTION_LOST:
      return "connection-lost";
    case L2TP_FAILURE_L2TP_FOREIGN_SOCKET:
      return "l2tp-foreign-socket";
    case L2TP_FAILURE_GUARD:
      return "guard";
    }
  return "internal";
}

const char *
l2tp_layer_key (L2tpLayer layer)
{
  switch (layer)
    {
    case L2TP_LAYER_SETTINGS:
      return "settings";
    case L2TP_LAYER_PREFLIGHT:
      return "preflight";
    case L2TP_LAYER_IKE:
      return "ike";
    case L2TP_LAYER_IPSEC:
      return "ipsec";
    case L2TP_LAYER_L2TP:
      return "l2tp";
    case L2TP_LAYER_PPP:
      return "ppp";
    case L2TP_LAYER_IP_CONFIG:
      return "ip-config";
    case L2TP_LAYER_SERVICE:
      return "service";
    }
  return "service";
}

void
l2tp_failure_record_free (L2tpFailureRecord *record)
{
  if (!record)
    return;
  g_free (record->layer);
  g_free (record->code);
  g_free (record->message);
  g_clear_pointer (&record->time, g_date_time_unref);
  g_free (record);
}

L2tpFailureRecord *
l2tp_failure_record_new (const GError *error, GDateTime *time)
{
  L2tpFailureRecord *record;
  L2tpFailure failure = L2TP_FAILURE_INTERNAL;

  g_return_val_if_fail (error != NULL && time != NULL, NULL);

  if (error->domain == L2TP_FAILURE_ERROR && error->code > L2TP_FAILURE_NONE)
    failure = error->code;
  record = g_new0 (L2tpFailureRecord, 1);
  record->layer = g_strdup (l2tp_layer_key (l2tp_failure_layer (failure)));
  record->code = g_strdup (l2tp_failure_code_name (failure));
  record->message = l2tp_text_clean (error->message, L2TP_TEXT_CLEAN_LINE_MAX * 4);
  record->time = g_date_time_to_utc (time);
  return record;
}

char *
l2tp_failure_record_to_text (const L2tpFailureRecord *record)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autofree char *time = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  time = g_date_time_format_iso8601 (record->time);
  g_key_file_set_string (file, GROUP, "time", time);
  g_key_file_set_string (file, GROUP, "layer", record->layer);
  g_key_file_set_string (file, GROUP, "code", record->code);
  g_key_file_set_string (file, GROUP, "message", record->message);
  return g_key_file_to_data (file, NULL, NULL);
}

/* A stable name: lowercase letters, digits and '-'. */
static gboolean
is_name (const char *text)
{
  if (!text || !*text || strlen (text) > 64)
    return FALSE;
  for (const char *c = text; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

L2tpFailureRecord *
l2tp_failure_record_from_text (const char *text, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (L2tpFailureRecord) record = g_new0 (L2tpFailureRecord, 1);
  g_autofree char *time = NULL;
  g_autofree char *message = NULL;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, error))
    return NULL;
  time = g_key_file_get_string (file, GROUP, "time", error);
  if (!time)
    return NULL;
  record->time = g_date_time_new_from_iso8601 (time, utc);
  record->layer = g_key_file_get_string (file, GROUP, "layer", error);
  if (!record->layer)
    return NULL;
  record->code = g_key_file_get_string (file, GROUP, "code", error);
  if (!record->code)
    return NULL;
  message = g_key_file_get_string (file, GROUP, "message", error);
  if (!message)
    return NULL;
  if (!record->time || !is_name (record->layer) || !is_name (record->code))
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           _ ("not a failure record: its time, layer or code is "
                              "malformed"));
      return NULL;
    }
  /* Written cleaned by the service; cleaned again: it goes to a terminal. */
  record->message = l2tp_text_clean (message, L2TP_TEXT_CLEAN_LINE_MAX * 4);
  return g_steal_pointer (&record);
}

gboolean
l2tp_failure_record_save (const char *state_dir, const char *uuid,
                          const L2tpFailureRecord *record, GError **error)
{
  g_autofree char *path = l2tp_state_file (state_dir, uuid, L2TP_FAILURE_RECORD_SUFFIX);
  g_autofree char *text = NULL;

  g_return_val_if_fail (record != NULL, FALSE);

  if (!path)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _ ("connection uuid \"%s\""),
                   uuid);
      return FALSE;
    }
  if (!l2tp_state_dir_make (state_dir, error))
    return FALSE;
  text = l2tp_failure_record_to_text (record);
  /* No secret in it, and read by the person's own diagnose: 0644, whatever
   * the umask (the service runs with 077, which open() would apply). */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 error))
    return FALSE;
  if (g_chmod (path, 0644) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_errno_error (GError **error, const char *path, int saved)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
               g_strerror (saved));
  return FALSE;
}

/* The file's text, read through one descriptor that was checked (no
 * symlink followed, no swap between the check and the read). */
static char *
read_record_file (const char *path, gboolean *absent, GError **error)
{
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  g_autofree char *text = NULL;
  gsize len = 0;
  struct stat st;

  *absent = FALSE;
  if (fd < 0)
    {
      if (errno == ENOENT)
        *absent = TRUE;
      else
        set_errno_error (error, path, errno);
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)
      || (st.st_uid != 0 && st.st_uid != geteuid ()) || (st.st_mode & 022)
      || st.st_size > L2TP_FAILURE_RECORD_MAX)
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _ ("%s is not a record of the service (a regular file of root's "
                      "that nobody else may write, at most %d bytes)"),
                   path, L2TP_FAILURE_RECORD_MAX);
      return NULL;
    }
  text = g_malloc (L2TP_FAILURE_RECORD_MAX + 1);
  while (len < L2TP_FAILURE_RECORD_MAX)
    {
      ssize_t n = read (fd, text + len, L2TP_FAILURE_RECORD_MAX - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          set_errno_error (error, path, saved);
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
    }
  close (fd);
  text[len] = '\0';
  return g_steal_pointer (&text);
}

L2tpFailureRecord *
l2tp_failure_record_load (const char *state_dir, const char *uuid, GError **error)
{
  g_autofree char *path = l2tp_state_file (state_dir, uuid, L2TP_FAILURE_RECORD_SUFFIX);
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  L2tpFailureRecord *record;
  gboolean absent;

  if (!path)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _ ("connection uuid \"%s\""),
                   uuid);
      return NULL;
    }
  text = read_record_file (path, &absent, error);
  if (!text)
    return NULL;
  record = l2tp_failure_record_from_text (text, &local);
  if (!record)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", path, local->message);
  return record;
}

void
l2tp_failure_record_forget (const char *state_dir, const char *uuid)
{
  g_autofree char *path = l2tp_state_file (state_dir, uuid, L2TP_FAILURE_RECORD_SUFFIX);

  if (path)
    g_unlink (path);
}

void
l2tp_failure_record_keep (const char *state_dir, const char *uuid, const GError *error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (L2tpFailureRecord) record = l2tp_failure_record_new (error, now);
  g_autoptr (GError) local = NULL;

  if (!l2tp_failure_record_save (state_dir, uuid, record, &local))
    l2tp_log_warn ("failure record not kept: %s", local->message);
}
