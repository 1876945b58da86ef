/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IKEv1 probe answers from the network (l2tp_ikev1_probe_parse). The input
 * is a datagram; its first 8 bytes serve as our cookie, so the parser gets
 * past the cookie check.
 *
 * INVARIANTS: a refusal sets an error, a success none; an answer for
 * another cookie is NOT_OURS; bytes after the ISAKMP length change nothing
 * (the parser never reads past the message); an accepted transform is one
 * of the plan's (spellable for ipsec-ike, buildable as a probe); every
 * vendor ID gets a UTF-8 name. */
#include <string.h>

#include "fuzz-common.h"
#include "ikev1-probe-packet.h"
#include "ikev1-probe-plan.h"
#include "ikev1-vendor-id.h"

static void
check_answer (const L2tpIkev1Answer *a)
{
  for (guint i = 0; i < a->vendor_ids->len; i++)
    {
      gsize len;
      const guint8 *d = g_bytes_get_data (a->vendor_ids->pdata[i], &len);
      g_autofree char *name = l2tp_ikev1_vendor_id_describe (d, len);

      if (!name || !g_utf8_validate (name, -1, NULL))
        fuzz_fail ("vendor ID %u has no UTF-8 name", i);
    }
  if (a->kind == L2TP_IKEV1_ANSWER_ACCEPTED)
    {
      g_autofree char *name = l2tp_ikev1_transform_to_string (&a->accepted);
      g_autoptr (GBytes) probe = NULL;
      g_autoptr (GError) error = NULL;

      if (!name)
        fuzz_fail ("accepted transform %d/%d/%d has no spelling", a->accepted.enc,
                   a->accepted.integ, a->accepted.dh);
      probe = l2tp_ikev1_probe_build (a->responder_cookie, &a->accepted, a->life_seconds,
                                      &error);
      if (!probe)
        fuzz_fail ("accepted transform %s cannot be offered: %s", name, error->message);
    }
  else if (a->kind != L2TP_IKEV1_ANSWER_NOTIFY)
    fuzz_fail ("answer of kind %d", a->kind);
  (void) l2tp_ikev1_notify_name (a->notify_type);
}

static gboolean
same_answer (const L2tpIkev1Answer *a, const L2tpIkev1Answer *b)
{
  if (a->kind != b->kind || a->notify_type != b->notify_type
      || a->life_seconds != b->life_seconds
      || memcmp (&a->accepted, &b->accepted, sizeof a->accepted) != 0
      || memcmp (a->responder_cookie, b->responder_cookie, 8) != 0
      || a->vendor_ids->len != b->vendor_ids->len)
    return FALSE;
  for (guint i = 0; i < a->vendor_ids->len; i++)
    if (!g_bytes_equal (a->vendor_ids->pdata[i], b->vendor_ids->pdata[i]))
      return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (L2tpIkev1Answer) answer = NULL;
  guint8 cookie[8] = { 0 };

  memcpy (cookie, data, MIN (size, sizeof cookie));
  answer = l2tp_ikev1_probe_parse (data, size, cookie, &error);
  fuzz_check_error ("l2tp_ikev1_probe_parse", answer != NULL, error);

  if (size >= L2TP_IKEV1_HEADER_LEN)
    {
      g_autoptr (GError) e2 = NULL;
      g_autoptr (L2tpIkev1Answer) other = NULL;

      cookie[0] ^= 0x5a;
      other = l2tp_ikev1_probe_parse (data, size, cookie, &e2);
      if (other
          || !g_error_matches (e2, L2TP_IKEV1_PROBE_ERROR,
                               L2TP_IKEV1_PROBE_ERROR_NOT_OURS))
        fuzz_fail ("an answer for another cookie is not refused as NOT_OURS");
      cookie[0] ^= 0x5a;
    }
  if (!answer)
    return 0;
  check_answer (answer);

  /* Trailing bytes beyond the ISAKMP length are not part of the message. */
  {
    g_autofree guint8 *longer = g_malloc (size + 16);
    g_autoptr (GError) e3 = NULL;
    g_autoptr (L2tpIkev1Answer) again = NULL;

    memcpy (longer, data, size);
    memset (longer + size, 0x0d, 16);
    again = l2tp_ikev1_probe_parse (longer, size + 16, cookie, &e3);
    if (!again || !same_answer (answer, again))
      fuzz_fail ("bytes after the message change the answer");
  }
  return 0;
}
