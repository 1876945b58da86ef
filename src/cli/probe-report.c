/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nm-l2tp-ipsec probe — progress lines, the summary and its JSON form. */
#include "probe-report.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "shared/ikev1-probe-packet.h"
#include "shared/ikev1-probe-plan.h"
#include "shared/ikev1-vendor-id.h"

typedef struct
{
  /* offers (first messages sent) by their answer */
  guint offers, accepted, refused, silent, malformed;
  /* the plan's transforms */
  guint transforms_offered, not_tried;
  const char *first_error;
} Counts;

static Counts
count (const ProbeReport *r)
{
  GPtrArray *probes = probe_engine_get_probes (r->engine);
  const GArray *plan = probe_engine_get_plan (r->engine);
  Counts c = { 0 };

  for (guint i = 0; i < probes->len; i++)
    {
      const Probe *p = probes->pdata[i];

      switch (p->state)
        {
        case PROBE_ACCEPTED:
          c.accepted++;
          break;
        case PROBE_REFUSED:
          c.refused++;
          break;
        case PROBE_MALFORMED:
          c.malformed++;
          if (!c.first_error)
            c.first_error = p->error;
          break;
        case PROBE_SILENT:
        case PROBE_SENT:
          c.silent++;
          break;
        case PROBE_SKIPPED:
        case PROBE_WAITING:
          continue;
        }
      c.offers++;
    }
  for (guint i = 0; i < plan->len; i++)
    switch (probe_engine_get_verdict (r->engine, i))
      {
      case L2TP_VERDICT_UNTRIED:
      case L2TP_VERDICT_NOT_TRIED:
        c.not_tried++;
        break;
      case L2TP_VERDICT_OFFERED:
      case L2TP_VERDICT_CHOSEN:
        /* Offered, but without a verdict: the probe ended first. */
        c.transforms_offered++;
        c.not_tried++;
        break;
      default:
        c.transforms_offered++;
        break;
      }
  return c;
}

static char *
notify_text (guint16 type)
{
  const char *name = l2tp_ikev1_notify_name (type);

  return name ? g_strdup (name) : g_strdup_printf (_ ("notify %u"), type);
}

void
probe_report_progress (FILE *out, const Probe *p, guint done, guint total)
{
  g_autofree char *name
      = l2tp_ikev1_transform_to_string (&g_array_index (p->offered, L2tpProposal, 0));
  g_autofree char *what = NULL;
  g_autofree char *time = NULL;
  guint more = p->offered->len - 1;

  switch (p->state)
    {
    case PROBE_ACCEPTED:
      if (more > 0)
        {
          g_autofree char *chosen = l2tp_ikev1_transform_to_string (&p->transform);

          /* TRANSLATORS: the transform a server chose from a group offered */
          what = g_strdup_printf (_ ("chose %s"), chosen);
        }
      else
        what = g_strdup (_ ("accepted"));
      break;
    case PROBE_REFUSED:
      what = notify_text (p->notify_type);
      break;
    case PROBE_MALFORMED:
      what = g_strdup_printf (_ ("unreadable answer: %s"), p->error);
      break;
    default:
      what = g_strdup (_ ("no answer"));
      break;
    }
  if (p->rtt_us >= 0)
    time = g_strdup_printf (_ (" (%.1f ms)"), p->rtt_us / 1000.0);
  if (more > 0)
    /* TRANSLATORS: progress line: count, the first transform of a group and
     * how many more it had, UDP port, result, time */
    fprintf (out, _ ("[%3u/%u] %s and %u more on UDP %u: %s%s\n"), done, total, name,
             more, p->port, what, time ? time : "");
  else
    /* TRANSLATORS: progress line: count, transform, UDP port, result, time */
    fprintf (out, _ ("[%3u/%u] %s on UDP %u: %s%s\n"), done, total, name, p->port, what,
             time ? time : "");
  fflush (out);
}

/* The plan's transforms with @verdict, spelled, in plan order. */
static GPtrArray *
names_with (const ProbeReport *r, L2tpTransformVerdict verdict)
{
  const GArray *plan = probe_engine_get_plan (r->engine);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < plan->len; i++)
    if (probe_engine_get_verdict (r->engine, i) == verdict)
      g_ptr_array_add (
          names, l2tp_ikev1_transform_to_string (&g_array_index (plan, L2tpProposal, i)));
  return names;
}

/* The accepted transforms (each accepted in an offer of its own). */
static GPtrArray *
accepted_names (const ProbeReport *r)
{
  return names_with (r, L2TP_VERDICT_ACCEPTED);
}

static char *
joined (GPtrArray *names)
{
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

char *
probe_report_accepted (const ProbeReport *r)
{
  g_autoptr (GPtrArray) names = accepted_names (r);

  return joined (names);
}

static char *
vendor_ids_text (const ProbeReport *r)
{
  GPtrArray *ids = probe_engine_get_vendor_ids (r->engine);
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      gsize len;
      const guint8 *d = g_bytes_get_data (ids->pdata[i], &len);
      g_autofree char *name = l2tp_ikev1_vendor_id_describe (d, len);

      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, name);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
probe_report_print_text (FILE *out, const ProbeReport *r)
{
  Counts c = count (r);
  double seconds = probe_engine_get_elapsed_us (r->engine) / 1e6;
  gboolean on500 = probe_engine_answered_on (r->engine, 500);
  gboolean on4500 = probe_engine_answered_on (r->engine, 4500);
  g_autofree char *accepted = probe_report_accepted (r);
  g_autofree char *vids = vendor_ids_text (r);
  g_autoptr (GPtrArray) unconfirmed_names = names_with (r, L2TP_VERDICT_UNCONFIRMED);
  g_autofree char *unconfirmed = joined (unconfirmed_names);

  if (g_strcmp0 (r->host, r->address) == 0)
    fprintf (out, _ ("Server %s\n"), r->host);
  else
    fprintf (out, _ ("Server %s (%s)\n"), r->host, r->address);

  if (r->end == PROBE_END_NO_ANSWER)
    {
      fprintf (out,
               _ ("No answer on UDP 500/4500 within %.1f s: no IKEv1 server there, "
                  "or a firewall drops IKE.\n"),
               seconds);
      return;
    }
  fprintf (out, "%s\n", on500 ? _ ("UDP 500: answers") : _ ("UDP 500: no answer"));
  fprintf (out, "%s\n",
           on4500 ? _ ("UDP 4500 (NAT-T): answers") : _ ("UDP 4500 (NAT-T): no answer"));
  if (accepted)
    fprintf (out, _ ("Accepted Phase 1 transforms (paste into ipsec-ike): %s\n"),
             accepted);
  else
    fprintf (out, _ ("The server accepted none of the %u Phase 1 transforms offered.\n"),
             c.transforms_offered);
  if (unconfirmed)
    fprintf (out,
             _ ("Chosen from a group but not accepted when offered alone, so not "
                "listed: %s\n"),
             unconfirmed);
  if (*vids)
    fprintf (out, _ ("Vendor IDs: %s\n"), vids);
  if (c.malformed > 0)
    fprintf (out, _ ("%u answers could not be read: %s\n"), c.malformed, c.first_error);
  if (r->end == PROBE_END_STOPPED)
    fprintf (out,
             _ ("The server stopped answering after %u accepted offers (it limits "
                "half-open IKE SAs or the rate per client); %u transforms were not "
                "tried, so the list may be incomplete.\n"),
             probe_engine_get_accepted_before_stop (r->engine), c.not_tried);
  else if (r->end == PROBE_END_TIME_LIMIT)
    fprintf (out,
             _ ("The probe ran out of time; %u transforms were not tried, so the list "
                "may be incomplete.\n"),
             c.not_tried);
  fprintf (out, _ ("%u offers in %.2f s: %u accepted, %u refused, %u unanswered\n"),
           c.offers, seconds, c.accepted, c.refused, c.silent);
}

static const char *
end_name (ProbeEnd end)
{
  switch (end)
    {
    case PROBE_END_DONE:
      return "done";
    case PROBE_END_NO_ANSWER:
      return "no-answer";
    case PROBE_END_STOPPED:
      return "stopped-answering";
    case PROBE_END_TIME_LIMIT:
      return "time-limit";
    }
  return "done";
}

static const char *
state_name (ProbeState state)
{
  switch (state)
    {
    case PROBE_ACCEPTED:
      return "accepted";
    case PROBE_REFUSED:
      return "refused";
    case PROBE_MALFORMED:
      return "malformed";
    case PROBE_SKIPPED:
    case PROBE_WAITING:
      return "not-tried";
    case PROBE_SENT:
    case PROBE_SILENT:
      break;
    }
  return "no-answer";
}

static void
add_probes (JsonBuilder *b, const ProbeReport *r)
{
  GPtrArray *probes = probe_engine_get_probes (r->engine);

  json_builder_set_member_name (b, "probes");
  json_builder_begin_array (b);
  for (guint i = 0; i < probes->len; i++)
    {
      const Probe *p = probes->pdata[i];
      g_autofree char *name = l2tp_ikev1_transform_to_string (&p->transform);

      if (p->state == PROBE_SKIPPED || p->state == PROBE_WAITING)
        continue;
      json_builder_begin_object (b);
      /* The one offered, or the one the server chose from a group. */
      if (p->offered->len == 1 || p->state == PROBE_ACCEPTED)
        {
          json_builder_set_member_name (b, "transform");
          json_builder_add_string_value (b, name);
        }
      json_builder_set_member_name (b, "offered");
      json_builder_begin_array (b);
      for (guint k = 0; k < p->offered->len; k++)
        {
          g_autofree char *t = l2tp_ikev1_transform_to_string (
              &g_array_index (p->offered, L2tpProposal, k));

          json_builder_add_string_value (b, t);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "port");
      json_builder_add_int_value (b, p->port);
      json_builder_set_member_name (b, "nat-t-check");
      json_builder_add_boolean_value (b, p->kind == PROBE_KIND_NATT_CHECK);
      json_builder_set_member_name (b, "confirmation");
      json_builder_add_boolean_value (b, p->kind == PROBE_KIND_CONFIRMATION);
      json_builder_set_member_name (b, "result");
      json_builder_add_string_value (b, state_name (p->state));
      json_builder_set_member_name (b, "sent");
      json_builder_add_int_value (b, p->tries);
      if (p->state == PROBE_REFUSED)
        {
          const char *notify = l2tp_ikev1_notify_name (p->notify_type);

          json_builder_set_member_name (b, "notify");
          json_builder_add_int_value (b, p->notify_type);
          json_builder_set_member_name (b, "notify-name");
          if (notify)
            json_builder_add_string_value (b, notify);
          else
            json_builder_add_null_value (b);
        }
      if (p->state == PROBE_MALFORMED)
        {
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, p->error);
        }
      if (p->rtt_us >= 0)
        {
          json_builder_set_member_name (b, "rtt-us");
          json_builder_add_int_value (b, p->rtt_us);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_vendor_ids (JsonBuilder *b, const ProbeReport *r)
{
  GPtrArray *ids = probe_engine_get_vendor_ids (r->engine);

  json_builder_set_member_name (b, "vendor-ids");
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    {
      gsize len;
      const guint8 *d = g_bytes_get_data (ids->pdata[i], &len);
      g_autofree char *name = l2tp_ikev1_vendor_id_describe (d, len);
      g_autoptr (GString) hex = g_string_new (NULL);

      for (gsize k = 0; k < len; k++)
        g_string_append_printf (hex, "%02x", d[k]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "hex");
      json_builder_add_string_value (b, hex->str);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
probe_report_print_json (FILE *out, const ProbeReport *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) names = accepted_names (r);
  g_autoptr (GPtrArray) unconfirmed = names_with (r, L2TP_VERDICT_UNCONFIRMED);
  g_autofree char *accepted = probe_report_accepted (r);
  g_autofree char *text = NULL;
  Counts c = count (r);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "host");
  json_builder_add_string_value (b, r->host);
  json_builder_set_member_name (b, "address");
  json_builder_add_string_value (b, r->address);
  json_builder_set_member_name (b, "result");
  json_builder_add_string_value (b, end_name (r->end));
  json_builder_set_member_name (b, "udp-500");
  json_builder_add_boolean_value (b, probe_engine_answered_on (r->engine, 500));
  json_builder_set_member_name (b, "udp-4500");
  json_builder_add_boolean_value (b, probe_engine_answered_on (r->engine, 4500));
  json_builder_set_member_name (b, "accepted");
  json_builder_begin_array (b);
  for (guint i = 0; i < names->len; i++)
    json_builder_add_string_value (b, names->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "ipsec-ike");
  if (accepted)
    json_builder_add_string_value (b, accepted);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "unconfirmed");
  json_builder_begin_array (b);
  for (guint i = 0; i < unconfirmed->len; i++)
    json_builder_add_string_value (b, unconfirmed->pdata[i]);
  json_builder_end_array (b);
  add_vendor_ids (b, r);
  json_builder_set_member_name (b, "offers");
  json_builder_add_int_value (b, c.offers);
  json_builder_set_member_name (b, "refused");
  json_builder_add_int_value (b, c.refused);
  json_builder_set_member_name (b, "unanswered");
  json_builder_add_int_value (b, c.silent);
  json_builder_set_member_name (b, "unreadable");
  json_builder_add_int_value (b, c.malformed);
  json_builder_set_member_name (b, "not-tried");
  json_builder_add_int_value (b, c.not_tried);
  json_builder_set_member_name (b, "transforms-offered");
  json_builder_add_int_value (b, c.transforms_offered);
  if (r->end == PROBE_END_STOPPED)
    {
      json_builder_set_member_name (b, "accepted-before-stop");
      json_builder_add_int_value (b, probe_engine_get_accepted_before_stop (r->engine));
    }
  json_builder_set_member_name (b, "elapsed-ms");
  json_builder_add_int_value (b, probe_engine_get_elapsed_us (r->engine) / 1000);
  add_probes (b, r);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  fprintf (out, "%s\n", text);
}
