/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The last failure of a connection as the service keeps it for diagnose:
 * its text form (exact, strict, hostile input) and its file (mode, owner,
 * symlinks, size, the state directory's mode). */
#include "src/common/failure-record.h"
#include "src/common/state-dir.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define UUID "0b7e3a4e-6f52-4c3b-9a55-2a1f0c6e9d11"

static GDateTime *
fixed_time (void)
{
  return g_date_time_new_utc (2025, 3, 1, 9, 12, 44);
}

static L2tpFailureRecord *
psk_record (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) time = fixed_time ();

  l2tp_failure_set (&error, L2TP_FAILURE_PSK_MISMATCH, NULL, NULL);
  return l2tp_failure_record_new (error, time);
}

static void
test_from_error (void)
{
  g_autoptr (L2tpFailureRecord) record = psk_record ();
  g_autoptr (GError) other
      = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "disk full");
  g_autoptr (GDateTime) time = fixed_time ();
  g_autoptr (L2tpFailureRecord) internal = l2tp_failure_record_new (other, time);

  g_assert_cmpstr (record->layer, ==, "ike");
  g_assert_cmpstr (record->code, ==, "psk-mismatch");
  g_assert_true (
      g_str_has_prefix (record->message, "IPsec (IKE phase 1): the pre-shared key"));
  g_assert_cmpstr (internal->layer, ==, "service");
  g_assert_cmpstr (internal->code, ==, "internal");
  g_assert_cmpstr (internal->message, ==, "disk full");
}

static void
test_names (void)
{
  /* Every kind and layer has a stable name of its own. */
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (int f = L2TP_FAILURE_NONE; f <= L2TP_FAILURE_GUARD; f++)
    {
      const char *name = l2tp_failure_code_name (f);

      g_assert_false (g_hash_table_contains (seen, name));
      g_hash_table_add (seen, (gpointer) name);
    }
  g_assert_cmpstr (l2tp_failure_code_name (L2TP_FAILURE_PORT_BUSY), ==, "port-busy");
  g_assert_cmpstr (l2tp_layer_key (L2TP_LAYER_IP_CONFIG), ==, "ip-config");
  g_assert_cmpstr (l2tp_layer_key (l2tp_failure_layer (L2TP_FAILURE_PPP_AUTH)), ==,
                   "ppp");
}

static void
test_text_exact (void)
{
  g_autoptr (L2tpFailureRecord) record = psk_record ();
  g_autofree char *text = l2tp_failure_record_to_text (record);
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpFailureRecord) back = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpstr (text, ==,
                   "[failure]\n"
                   "time=2025-03-01T09:12:44Z\n"
                   "layer=ike\n"
                   "code=psk-mismatch\n"
                   "message=IPsec (IKE phase 1): the pre-shared key does not match the "
                   "server's. Check the pre-shared key (ipsec-psk).\n");
  back = l2tp_failure_record_from_text (text, &error);
  g_assert_no_error (error);
  again = l2tp_failure_record_to_text (back);
  g_assert_cmpstr (again, ==, text);
  g_assert_cmpint (g_date_time_to_unix (back->time), ==,
                   g_date_time_to_unix (record->time));
}

static void
test_text_hostile (void)
{
  static const char *const bad[] = {
    "",
    "not a key file",
    "[failure]\nlayer=ike\ncode=x\nmessage=m\n",                    /* no time */
    "[failure]\ntime=2025-03-01T09:12:44Z\ncode=x\nmessage=m\n",    /* no layer */
    "[failure]\ntime=2025-03-01T09:12:44Z\nlayer=ike\nmessage=m\n", /* no code */
    "[failure]\ntime=2025-03-01T09:12:44Z\nlayer=ike\ncode=x\n",    /* no message */
    "[failure]\ntime=yesterday\nlayer=ike\ncode=x\nmessage=m\n",
    "[failure]\ntime=2025-03-01T09:12:44Z\nlayer=IKE\ncode=x\nmessage=m\n",
    "[failure]\ntime=2025-03-01T09:12:44Z\nlayer=ike\ncode=a b\nmessage=m\n",
    "[failure]\ntime=2025-03-01T09:12:44Z\nlayer=\ncode=x\nmessage=m\n",
    "[other]\ntime=2025-03-01T09:12:44Z\nlayer=ike\ncode=x\nmessage=m\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (L2tpFailureRecord) record
          = l2tp_failure_record_from_text (bad[i], &error);

      g_assert_null (record);
      g_assert_nonnull (error);
    }
}

static void
test_text_cleaned (void)
{
  /* An ESC and a bidi override in the message are shown, not obeyed. */
  const char *text
      = "[failure]\ntime=2025-03-01T09:12:44Z\nlayer=ppp\ncode=ppp-peer-ended\n"
        "message=PPP: the server said \"\x1b[2J\xe2\x80\xae\"\\nsecond\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpFailureRecord) record = l2tp_failure_record_from_text (text, &error);

  g_assert_no_error (error);
  g_assert_null (strchr (record->message, '\x1b'));
  g_assert_null (strchr (record->message, '\n'));
  g_assert_null (strstr (record->message, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (record->message, "\\x1b[2J"));
}

static char *
make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("s4diag-record-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_file_round_trip (void)
{
  g_autofree char *root = make_dir ();
  g_autofree char *state = g_build_filename (root, "state", NULL);
  g_autofree char *path = g_build_filename (state, UUID ".failure", NULL);
  g_autoptr (L2tpFailureRecord) record = psk_record ();
  g_autoptr (L2tpFailureRecord) back = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf st;
  mode_t old_umask;

  /* None yet: NULL and no error. */
  g_assert_null (l2tp_failure_record_load (state, UUID, &error));
  g_assert_no_error (error);

  /* The service's umask (main.c): the modes must not depend on it. */
  old_umask = umask (077);
  g_assert_true (l2tp_failure_record_save (state, UUID, record, &error));
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (state, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0711);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);

  back = l2tp_failure_record_load (state, UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->code, ==, "psk-mismatch");
  g_assert_cmpstr (back->message, ==, record->message);

  l2tp_failure_record_forget (state, UUID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (state);
  remove_dir (root);
}

static void
test_keep (void)
{
  g_autofree char *root = make_dir ();
  g_autoptr (GError) failure = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpFailureRecord) back = NULL;

  l2tp_failure_set (&failure, L2TP_FAILURE_L2TP_NO_RESPONSE, NULL, NULL);
  l2tp_failure_record_keep (root, UUID, failure);
  back = l2tp_failure_record_load (root, UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->layer, ==, "l2tp");
  g_assert_cmpstr (back->code, ==, "l2tp-no-response");
  /* A uuid that could name another file is never used. */
  l2tp_failure_record_keep (root, "../x", failure);
  g_assert_false (g_file_test ("../x.failure", G_FILE_TEST_EXISTS));
  g_assert_null (l2tp_failure_record_load (root, "../x", &error));
  g_assert_nonnull (error);
  remove_dir (root);
}

static void
test_old_dir_mode (void)
{
  /* A state directory made 0700 (the plan store before) becomes 0711. */
  g_autofree char *root = make_dir ();
  g_autoptr (L2tpFailureRecord) record = psk_record ();
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (g_chmod (root, 0700), ==, 0);
  g_assert_true (l2tp_failure_record_save (root, UUID, record, &error));
  g_assert_cmpint (g_stat (root, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0711);
  /* Another mode someone chose is left alone. */
  g_assert_cmpint (g_chmod (root, 0755), ==, 0);
  g_assert_true (l2tp_failure_record_save (root, UUID, record, &error));
  g_assert_cmpint (g_stat (root, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0755);
  remove_dir (root);
}

static void
test_file_refused (void)
{
  g_autofree char *root = make_dir ();
  g_autofree char *path = g_build_filename (root, UUID ".failure", NULL);
  g_autofree char *target = g_build_filename (root, "elsewhere", NULL);
  g_autoptr (L2tpFailureRecord) record = psk_record ();
  g_autofree char *text = l2tp_failure_record_to_text (record);
  g_autofree char *big = g_strnfill (L2TP_FAILURE_RECORD_MAX + 1, 'x');

  /* A symlink, even to a good record. */
  g_assert_true (g_file_set_contents (target, text, -1, NULL));
  g_assert_cmpint (symlink (target, path), ==, 0);
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (l2tp_failure_record_load (root, UUID, &error));
    g_assert_nonnull (error);
  }
  g_unlink (path);

  /* Writable by others. */
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (l2tp_failure_record_load (root, UUID, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM);
  }

  /* Too large. */
  g_assert_true (g_file_set_contents (path, big, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (l2tp_failure_record_load (root, UUID, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM);
  }

  /* Not a record. */
  g_assert_true (g_file_set_contents (path, "[failure]\n", -1, NULL));
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (l2tp_failure_record_load (root, UUID, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  }
  remove_dir (root);
}

static void
test_state_dir (void)
{
  g_autofree char *path = NULL;

  g_assert_true (l2tp_state_uuid_is_safe (UUID));
  g_assert_false (l2tp_state_uuid_is_safe (""));
  g_assert_false (l2tp_state_uuid_is_safe (NULL));
  g_assert_false (l2tp_state_uuid_is_safe ("../../etc/passwd"));
  g_assert_false (l2tp_state_uuid_is_safe ("abc/def"));
  g_assert_null (l2tp_state_file ("/s", "a.b", ".plan"));
  path = l2tp_state_file ("/s", "abc-123", ".failure");
  g_assert_cmpstr (path, ==, "/s/abc-123.failure");

  g_setenv ("NM_L2TP_IPSEC_STATE_DIR", "relative/dir", TRUE);
  g_assert_cmpstr (l2tp_state_dir (), ==, L2TP_STATE_DIR);
  g_setenv ("NM_L2TP_IPSEC_STATE_DIR", "/tmp/s4diag-state", TRUE);
  g_assert_cmpstr (l2tp_state_dir (), ==, "/tmp/s4diag-state");
  g_unsetenv ("NM_L2TP_IPSEC_STATE_DIR");
  g_assert_cmpstr (l2tp_state_dir (), ==, "/var/lib/nm-l2tp-ipsec");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/failure-record/from-error", test_from_error);
  g_test_add_func ("/failure-record/names", test_names);
  g_test_add_func ("/failure-record/text-exact", test_text_exact);
  g_test_add_func ("/failure-record/text-hostile", test_text_hostile);
  g_test_add_func ("/failure-record/text-cleaned", test_text_cleaned);
  g_test_add_func ("/failure-record/file-round-trip", test_file_round_trip);
  g_test_add_func ("/failure-record/keep", test_keep);
  g_test_add_func ("/failure-record/old-dir-mode", test_old_dir_mode);
  g_test_add_func ("/failure-record/file-refused", test_file_refused);
  g_test_add_func ("/failure-record/state-dir", test_state_dir);
  return g_test_run ();
}
