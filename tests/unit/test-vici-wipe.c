/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A VICI message carrying a secret (load-shared's PSK, load-key's key):
 * neither its tree nor its encoding nor any buffer the encoder grew gives
 * memory back to the allocator with the secret still in it. */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "free-scan.h"
#include "vici-message.h"
#include "wiped-bytes.h"

#define MARKER "psk-3c1e9a7f-never-in-freed-memory"

static ViciMessage *
load_shared (void)
{
  ViciMessage *msg = vici_message_new ();

  vici_message_add_kv_str (msg, "type", "IKE");
  vici_message_add_kv_str (msg, "data", MARKER);
  vici_message_begin_list (msg, "owners");
  /* Enough after the secret that the encoder's buffer grows past it. */
  for (guint i = 0; i < 200; i++)
    vici_message_add_list_item_str (msg, "nm-l2tp-ipsec-0b4b1b5e-1b0a-4a59-9d0b");
  vici_message_end_list (msg);
  return msg;
}

static void
test_encode (void)
{
  ViciMessage *msg;
  GBytes *frame, *body;
  g_autoptr (GError) error = NULL;

  if (!free_scan_available ())
    {
      g_test_skip ("the allocator is AddressSanitizer's");
      return;
    }
  free_scan_set_marker (MARKER);
  msg = load_shared ();
  frame = vici_packet_encode (VICI_PACKET_CMD_REQUEST, "load-shared", msg, &error);
  g_assert_no_error (error);
  body = vici_message_encode (msg, &error);
  g_assert_no_error (error);
  g_assert_nonnull (memmem (g_bytes_get_data (frame, NULL), g_bytes_get_size (frame),
                            MARKER, strlen (MARKER)));
  g_bytes_unref (frame);
  g_bytes_unref (body);
  vici_message_free (msg);
  g_assert_cmpuint (free_scan_hits (), ==, 0);
  free_scan_set_marker (NULL);
}

/* A decoded message (charon's answers may echo what we sent). */
static void
test_decode (void)
{
  ViciMessage *msg;
  g_autoptr (GError) error = NULL;
  GBytes *body;
  ViciMessage *decoded;

  if (!free_scan_available ())
    {
      g_test_skip ("the allocator is AddressSanitizer's");
      return;
    }
  msg = load_shared ();
  body = vici_message_encode (msg, &error);
  g_assert_no_error (error);
  vici_message_free (msg);
  free_scan_set_marker (MARKER);
  decoded = vici_message_decode (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vici_message_get_str (decoded, "data"), ==, MARKER);
  vici_message_free (decoded);
  g_bytes_unref (body);
  g_assert_cmpuint (free_scan_hits (), ==, 0);
  free_scan_set_marker (NULL);
}

/* The scanner itself sees an unwiped secret. */
static void
test_scanner (void)
{
  char *leak;

  if (!free_scan_available ())
    {
      g_test_skip ("the allocator is AddressSanitizer's");
      return;
    }
  free_scan_set_marker (MARKER);
  leak = g_strdup ("x" MARKER);
  g_free (leak);
  g_assert_cmpuint (free_scan_hits (), ==, 1);
  free_scan_set_marker (NULL);
}

/* Found by the vici fuzz campaign: an empty message encodes to no bytes at
 * all (NULL data), and wiping NULL is undefined (UBSan). */
static void
test_empty (void)
{
  g_autoptr (GError) error = NULL;
  ViciMessage *msg = vici_message_new ();
  GBytes *body = vici_message_encode (msg, &error);
  ViciMessage *decoded = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
  decoded = vici_message_decode (g_bytes_get_data (body, NULL), 0, &error);
  g_assert_no_error (error);
  vici_message_free (decoded);
  g_bytes_unref (body);
  vici_message_free (msg);
  g_bytes_unref (l2tp_wiped_bytes_take (NULL, 0));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vici-wipe/scanner", test_scanner);
  g_test_add_func ("/vici-wipe/encode", test_encode);
  g_test_add_func ("/vici-wipe/decode", test_decode);
  g_test_add_func ("/vici-wipe/empty", test_empty);
  return g_test_run ();
}
