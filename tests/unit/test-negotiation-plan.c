/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The negotiation plan against simulated servers: each server is a set of
 * Phase 1 transforms and Phase 2 proposals it accepts (a PFS group in a
 * proposal means it requires that group) and whether it demands MPPE. The
 * walk below answers the plan the way the service does, and every
 * transcript is compared with the exact offers expected. */
#include <string.h>

#include "shared/negotiation-plan.h"

typedef struct
{
  const char *ike; /* accepted, in the server's order of preference */
  const char *esp;
  gboolean mppe;
  const char *probed; /* what a probe finds (default: ike); "" nothing */
} Server;

static L2tpConfig *
config_with (const char *first_key, ...)
{
  g_autoptr (GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  L2tpConfig *cfg;
  va_list ap;

  g_hash_table_insert (data, "gateway", "vpn.example.com");
  g_hash_table_insert (data, "user", "alice");
  g_hash_table_insert (secrets, "ipsec-psk", "secret");
  va_start (ap, first_key);
  for (const char *key = first_key; key; key = va_arg (ap, const char *))
    g_hash_table_insert (data, (gpointer) key, va_arg (ap, char *));
  va_end (ap);
  cfg = l2tp_config_new (data, secrets, &error);
  g_assert_no_error (error);
  return cfg;
}

/* The server's pick: its own first proposal that the offer holds
 * (strongSwan responders prefer their configured order). */
static gboolean
server_choose (L2tpProposalKind kind, const char *accepted, const L2tpProposalSet *offer,
               L2tpProposal *chosen)
{
  g_autoptr (L2tpProposalSet) set
      = l2tp_proposal_set_parse (kind, "server", accepted, NULL);

  g_assert_nonnull (set);
  for (guint i = 0; i < l2tp_proposal_set_get_length (set); i++)
    {
      if (l2tp_proposal_set_contains (offer, l2tp_proposal_set_get (set, i)))
        {
          *chosen = *l2tp_proposal_set_get (set, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* The Phase 2 offer by name: "A" the default set, "R" the rare one, "-g"
 * with PFS group g; a user's set as its text. */
static char *
esp_label (const L2tpProposalSet *esp)
{
  g_autoptr (L2tpProposalSet) common = l2tp_proposal_set_new_default (L2TP_PROPOSAL_ESP);
  g_autoptr (L2tpProposalSet) rare = l2tp_proposal_default_esp_rare ();
  const L2tpDhGroup *groups = l2tp_proposal_default_pfs_groups ();
  static const L2tpDhGroup extra[]
      = { L2TP_DH_MODP768, L2TP_DH_MODP6144, L2TP_DH_MODP8192, L2TP_DH_CURVE25519 };
  g_autoptr (L2tpProposalSet) no_dh = l2tp_proposal_set_with_dh (esp, L2TP_DH_NONE);
  L2tpDhGroup dh = l2tp_proposal_set_get (esp, 0)->dh;
  g_autofree char *group = NULL;

  for (guint i = 0; groups[i]; i++)
    if (groups[i] == dh)
      group = g_strdup_printf ("-%u", dh);
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    if (extra[i] == dh)
      group = g_strdup_printf ("-%u", dh);
  if (l2tp_proposal_set_equal (no_dh, common)
      && l2tp_proposal_set_get_length (no_dh) == l2tp_proposal_set_get_length (esp))
    return g_strconcat ("A", group ? group : "", NULL);
  if (l2tp_proposal_set_equal (no_dh, rare)
      && l2tp_proposal_set_get_length (no_dh) == l2tp_proposal_set_get_length (esp))
    return g_strconcat ("R", group ? group : "", NULL);
  return l2tp_proposal_set_to_strongswan (esp);
}

static char *
ike_label (const L2tpAttempt *a)
{
  if (a->remembered)
    {
      g_autofree char *text = l2tp_proposal_set_to_strongswan (a->ike);
      return g_strdup_printf ("ike remembered %s", text);
    }
  return g_strdup_printf ("ike %u/%u", a->ike_round, a->ike_rounds);
}

/* Walks @plan against @server as connect.c does; the transcript, one
 * "; "-separated entry per offer. @result receives the memory, if any. */
static char *
walk (L2tpPlan *plan, const Server *server, L2tpPlanMemory **result)
{
  g_autoptr (GString) out = g_string_new (NULL);
  L2tpPlanStep step = L2TP_PLAN_NEW_IKE;
  L2tpAnswer answer = { 0 };
  L2tpProposal chosen;

  for (guint guard = 0; guard < 200; guard++)
    {
      const L2tpAttempt *a = l2tp_plan_get_attempt (plan);
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;

      if (step == L2TP_PLAN_PROBE)
        {
          const char *found = server->probed ? server->probed : server->ike;
          g_autoptr (L2tpProposalSet) set
              = *found ? l2tp_proposal_set_parse (L2TP_PROPOSAL_IKE, "probe", found, NULL)
                       : NULL;

          g_string_append_printf (out, "probe found %s; ", *found ? found : "nothing");
          answer = (L2tpAnswer){ L2TP_ANSWER_IKE_PROBED, .accepted = set };
          step = l2tp_plan_answer (plan, &answer);
          continue;
        }
      if (step == L2TP_PLAN_NEW_IKE)
        {
          label = ike_label (a);
          if (!server_choose (L2TP_PROPOSAL_IKE, server->ike, a->ike, &chosen))
            {
              g_string_append_printf (out, "%s refused; ", label);
              answer = (L2tpAnswer){ L2TP_ANSWER_IKE_REFUSED };
              step = l2tp_plan_answer (plan, &answer);
              continue;
            }
          text = l2tp_proposal_to_strongswan (L2TP_PROPOSAL_IKE, &chosen);
          g_string_append_printf (out, "%s up %s; ", label, text);
          answer = (L2tpAnswer){ L2TP_ANSWER_IKE_UP, chosen };
          g_assert_cmpint (l2tp_plan_answer (plan, &answer), ==, L2TP_PLAN_GO_ON);
          step = L2TP_PLAN_NEW_ESP;
          continue;
        }
      if (step == L2TP_PLAN_NEW_ESP)
        {
          label = a->remembered ? g_strdup ("remembered") : esp_label (a->esp);
          if (a->remembered)
            {
              g_autofree char *mem = l2tp_proposal_set_to_strongswan (a->esp);
              g_free (label);
              label = g_strdup_printf ("remembered %s", mem);
            }
          if (!server_choose (L2TP_PROPOSAL_ESP, server->esp, a->esp, &chosen))
            {
              g_string_append_printf (out, "esp %s refused; ", label);
              answer = (L2tpAnswer){ L2TP_ANSWER_ESP_REFUSED };
              step = l2tp_plan_answer (plan, &answer);
              continue;
            }
          text = l2tp_proposal_to_strongswan (L2TP_PROPOSAL_ESP, &chosen);
          g_string_append_printf (out, "esp %s up %s; ", label, text);
          answer = (L2tpAnswer){ L2TP_ANSWER_ESP_UP, chosen };
          g_assert_cmpint (l2tp_plan_answer (plan, &answer), ==, L2TP_PLAN_GO_ON);
          step = L2TP_PLAN_NEW_PPP;
          continue;
        }
      if (step == L2TP_PLAN_NEW_PPP)
        {
          g_string_append_printf (out, "ppp%s ", a->mppe ? " mppe" : "");
          if (server->mppe && !a->mppe)
            {
              g_string_append (out, "wants mppe; ");
              answer = (L2tpAnswer){ L2TP_ANSWER_PPP_WANTS_MPPE };
            }
          else if (!server->mppe && a->mppe)
            {
              /* The server rejects CCP: pppd with require-mppe gives up. */
              g_string_append (out, "ended; ");
              answer = (L2tpAnswer){ L2TP_ANSWER_PPP_ENDED };
            }
          else
            {
              g_string_append (out, "connected");
              answer = (L2tpAnswer){ L2TP_ANSWER_CONNECTED };
              g_assert_cmpint (l2tp_plan_answer (plan, &answer), ==, L2TP_PLAN_GO_ON);
              if (result)
                *result = l2tp_plan_get_result (plan);
              return g_string_free (g_steal_pointer (&out), FALSE);
            }
          step = l2tp_plan_answer (plan, &answer);
          continue;
        }
      g_assert_cmpint (step, ==, L2TP_PLAN_FAILED);
      g_string_append_printf (out, "failed %d", l2tp_plan_get_failure (plan));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  g_assert_not_reached ();
}

static void
check_walk (const L2tpConfig *cfg, const L2tpPlanMemory *memory, const Server *server,
            const char *expected, L2tpPlanMemory **result)
{
  g_autoptr (L2tpPlan) plan = l2tp_plan_new (cfg, memory);
  g_autofree char *transcript = walk (plan, server, result);

  g_assert_cmpstr (transcript, ==, expected);
}

/* ---- the lab's profiles ---------------------------------------------- */

static const struct
{
  const char *name;
  Server server;
  const char *expected;
} lab[] = {
  { "modern",
    { "aes128-sha256-modp2048,aes256-sha256-modp2048,aes128-sha1-modp2048,aes256-sha1-"
      "modp2048",
      "aes128-sha256,aes256-sha256,aes128-sha1,aes256-sha1", FALSE },
    "ike 1/6 up aes128-sha256-modp2048; esp A up aes128-sha256; ppp connected" },
  { "meraki-like",
    { "3des-sha1-modp1024", "3des-sha1", FALSE },
    "ike 1/6 up 3des-sha1-modp1024; esp A up 3des-sha1; ppp connected" },
  { "tplink-legacy",
    { "3des-md5-modp1024,3des-sha1-modp1024", "3des-md5,3des-sha1", FALSE },
    "ike 1/6 up 3des-md5-modp1024; esp A up 3des-md5; ppp connected" },
  { "windows-rras-like",
    { "aes256-sha1-modp1024,3des-sha1-modp1024", "aes128-sha1,3des-sha1", FALSE },
    "ike 1/6 up aes256-sha1-modp1024; esp A up aes128-sha1; ppp connected" },
  { "mikrotik-like",
    { "aes128-sha1-modp1024,aes256-sha1-modp1024",
      "aes128-sha1-modp1024,aes256-sha1-modp1024", TRUE },
    "ike 1/6 up aes128-sha1-modp1024; esp A refused; esp A-2 up aes128-sha1-modp1024; "
    "ppp wants mppe; ppp mppe connected" },
  /* The lab's profiles of issue 9 (tests/lab/profiles), their ESP sets
   * times their PFS groups. FortiGate: pfs enable, dhgrp 14 5. */
  { "pfs-group14",
    { "aes128-sha256-modp2048,aes256-sha256-modp2048,aes128-sha1-modp2048,"
      "aes256-sha1-modp2048,aes128-sha256-modp1536,aes256-sha256-modp1536,"
      "aes128-sha1-modp1536,aes256-sha1-modp1536",
      "aes128-sha1-modp2048,aes256-sha1-modp2048,aes128-sha256-modp2048,"
      "aes256-sha256-modp2048,aes128gcm16-modp2048,aes256gcm16-modp2048,"
      "aes128-sha1-modp1536,aes256-sha1-modp1536,aes128-sha256-modp1536,"
      "aes256-sha256-modp1536,aes128gcm16-modp1536,aes256gcm16-modp1536",
      FALSE },
    "ike 1/6 up aes128-sha256-modp2048; esp A refused; esp A-14 up aes128-sha1-modp2048; "
    "ppp connected" },
  { "pfs-group5",
    { "aes256-sha256-modp2048,aes256-sha1-modp2048,aes128-sha1-modp2048",
      "aes256-sha256-modp1536,aes256-sha1-modp1536,aes128-sha1-modp1536", FALSE },
    "ike 1/6 up aes256-sha256-modp2048; esp A refused; esp A-14 refused; esp A-5 up "
    "aes256-sha256-modp1536; ppp connected" },
  { "aes192",
    { "aes192-sha256-modp2048,aes192-sha1-modp2048", "aes192-sha256,aes192-sha1", FALSE },
    "ike 1/6 refused; ike 2/6 up aes192-sha256-modp2048; esp A up aes192-sha256; ppp "
    "connected" },
  { "ecp521",
    { "aes256-sha256-ecp521,aes256-sha512-ecp521", "aes256-sha256", FALSE },
    "ike 1/6 refused; ike 2/6 up aes256-sha256-ecp521; esp A up aes256-sha256; ppp "
    "connected" },
  { "gcm-ecp",
    { "aes256-sha384-ecp384,aes128-sha256-ecp256",
      "aes256gcm16-ecp384,aes128gcm16-ecp384,aes256gcm16-ecp256,aes128gcm16-ecp256",
      FALSE },
    "ike 1/6 up aes128-sha256-ecp256; esp A refused; esp A-19 up aes256gcm16-ecp256; ppp "
    "connected" },
  { "modp3072-only",
    { "aes256-sha256-modp3072,aes128-sha256-modp3072,aes256-sha1-modp3072",
      "aes256-sha256,aes128-sha256,aes256-sha1", FALSE },
    "ike 1/6 refused; ike 2/6 up aes256-sha256-modp3072; esp A up aes256-sha256; ppp "
    "connected" },
  { "sha384-only",
    { "aes256-sha384-modp2048,aes128-sha384-modp2048", "aes256-sha384,aes128-sha384",
      FALSE },
    "ike 1/6 refused; ike 2/6 up aes256-sha384-modp2048; esp A up aes256-sha384; ppp "
    "connected" },
  { "sha512-modp4096",
    { "aes256-sha512-modp4096", "aes256-sha512-modp4096", FALSE },
    "ike 1/6 refused; ike 2/6 refused; ike 3/6 refused; ike 4/6 up "
    "aes256-sha512-modp4096; esp A refused; esp A-16 up aes256-sha512-modp4096; ppp "
    "connected" },
  /* Rare everything: found in a late round, and the rare ESP set. */
  { "sha512-modp4096-ecp521",
    { "3des-sha512-ecp521", "aes192-sha512-ecp521", FALSE },
    "ike 1/6 refused; ike 2/6 refused; ike 3/6 refused; ike 4/6 refused; ike 5/6 "
    "refused; "
    "ike 6/6 up 3des-sha512-ecp521; esp A refused; esp A-21 refused; esp A-14 refused; "
    "esp A-5 refused; esp A-2 refused; esp A-19 refused; esp A-20 refused; esp A-15 "
    "refused; esp A-16 refused; esp R refused; esp R-21 up aes192-sha512-ecp521; "
    "ppp connected" },
  /* An old router's group 1, found by the probe after every round. */
  { "modp768-by-probe",
    { "3des-md5-modp768", "3des-md5", FALSE },
    "ike 1/6 refused; ike 2/6 refused; ike 3/6 refused; ike 4/6 refused; ike 5/6 "
    "refused; "
    "ike 6/6 refused; probe found 3des-md5-modp768; ike 7/7 up 3des-md5-modp768; esp A "
    "up "
    "3des-md5; ppp connected" },
  { "nothing-in-common",
    { "aes256-sha256-modp8192", "aes256-sha256", FALSE, "" },
    "ike 1/6 refused; ike 2/6 refused; ike 3/6 refused; ike 4/6 refused; ike 5/6 "
    "refused; "
    "ike 6/6 refused; probe found nothing; failed 1" },
  { "esp-nothing-in-common",
    { "aes256-sha256-modp2048", "aes256-sha256-modp8192", FALSE },
    "ike 1/6 up aes256-sha256-modp2048; esp A refused; esp A-14 refused; esp A-5 "
    "refused; "
    "esp A-2 refused; esp A-19 refused; esp A-20 refused; esp A-15 refused; esp A-16 "
    "refused; esp A-21 refused; esp R refused; esp R-14 refused; esp R-5 refused; esp "
    "R-2 refused; esp R-19 refused; esp R-20 refused; esp R-15 refused; esp R-16 "
    "refused; "
    "esp R-21 refused; failed 2" },
};

static void
test_servers (void)
{
  g_autoptr (L2tpConfig) cfg = config_with (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lab); i++)
    {
      g_test_message ("server %s", lab[i].name);
      check_walk (cfg, NULL, &lab[i].server, lab[i].expected, NULL);
    }
}

/* ---- the Phase 1 rounds ---------------------------------------------- */

static void
test_ike_rounds (void)
{
  g_autoptr (L2tpConfig) cfg = config_with (NULL);
  g_autoptr (L2tpPlan) plan = l2tp_plan_new (cfg, NULL);
  g_autoptr (L2tpProposalSet) all = l2tp_proposal_default_ike_all ();
  g_autoptr (L2tpProposalSet) seen = l2tp_proposal_set_new (L2TP_PROPOSAL_IKE);
  g_autoptr (L2tpProposalSet) first = l2tp_proposal_set_new_default (L2TP_PROPOSAL_IKE);
  L2tpAnswer refused = { L2TP_ANSWER_IKE_REFUSED };
  guint rounds = 0;

  /* 4 ciphers × 5 hashes × 8 groups, each once; the default round first. */
  g_assert_cmpuint (l2tp_proposal_set_get_length (all), ==, 160);
  g_assert_cmpuint (l2tp_proposal_set_get_length (first), ==, 22);
  g_assert_true (l2tp_proposal_set_equal (l2tp_plan_get_attempt (plan)->ike, first));
  for (;;)
    {
      const L2tpAttempt *a = l2tp_plan_get_attempt (plan);

      rounds++;
      g_assert_cmpuint (a->ike_round, ==, rounds);
      g_assert_cmpuint (l2tp_proposal_set_get_length (a->ike), <=,
                        L2TP_PLAN_IKE_ROUND_MAX);
      for (guint i = 0; i < l2tp_proposal_set_get_length (a->ike); i++)
        g_assert_true (l2tp_proposal_set_add (seen, l2tp_proposal_set_get (a->ike, i)));
      if (l2tp_plan_answer (plan, &refused) == L2TP_PLAN_PROBE)
        break;
    }
  g_assert_cmpuint (rounds, ==, 6);
  g_assert_cmpuint (l2tp_proposal_set_get_length (seen), ==, 160);
  /* Then the probe: nothing found is final; asked once only. */
  {
    L2tpAnswer probed = { L2TP_ANSWER_IKE_PROBED, .accepted = NULL };

    g_assert_cmpint (l2tp_plan_get_failure (plan), ==, L2TP_PLAN_FAILURE_NONE);
    g_assert_cmpint (l2tp_plan_answer (plan, &probed), ==, L2TP_PLAN_FAILED);
    g_assert_cmpint (l2tp_plan_get_failure (plan), ==, L2TP_PLAN_FAILURE_IKE_REFUSED);
  }
}

/* A user's long list is cut into rounds too, in its own order. */
static void
test_user_ike_rounds (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (L2tpConfig) cfg = NULL;
  g_autoptr (L2tpPlan) plan = NULL;
  static const char *const enc[] = { "aes128", "aes256", "3des" };
  static const char *const hash[] = { "sha1", "sha256", "sha384", "sha512", "md5" };
  static const char *const dh[] = { "modp2048", "modp1024" };
  L2tpAnswer refused = { L2TP_ANSWER_IKE_REFUSED };

  for (guint e = 0; e < 3; e++)
    for (guint h = 0; h < 5; h++)
      for (guint d = 0; d < 2; d++)
        g_string_append_printf (text, "%s%s-%s-%s", text->len ? "," : "", enc[e], hash[h],
                                dh[d]);
  cfg = config_with ("ipsec-ike", text->str, NULL);
  plan = l2tp_plan_new (cfg, NULL);
  g_assert_cmpuint (l2tp_plan_get_attempt (plan)->ike_rounds, ==, 2);
  g_assert_cmpuint (l2tp_proposal_set_get_length (l2tp_plan_get_attempt (plan)->ike), ==,
                    28);
  g_assert_cmpint (l2tp_plan_answer (plan, &refused), ==, L2TP_PLAN_NEW_IKE);
  g_assert_cmpuint (l2tp_proposal_set_get_length (l2tp_plan_get_attempt (plan)->ike), ==,
                    2);
  g_assert_cmpint (l2tp_plan_answer (plan, &refused), ==, L2TP_PLAN_FAILED);
}

/* ---- the user's Phase 2 choices --------------------------------------- */

static void
test_user_esp (void)
{
  Server pfs5 = { "aes128-sha1-modp2048", "aes128-sha1-modp1536", FALSE };
  Server nopfs = { "aes128-sha1-modp2048", "aes128-sha1", FALSE };
  g_autoptr (L2tpConfig) mixed = config_with (
      "ipsec-esp", "aes128-sha1,aes128-sha1-modp1536,aes128-sha1-modp2048", NULL);
  g_autoptr (L2tpConfig) no = config_with ("ipsec-pfs", "no", NULL);
  g_autoptr (L2tpConfig) only = config_with ("ipsec-esp", "aes128-sha1", NULL);

  /* Mixed: no PFS, then the IKE SA's group first though listed last. */
  check_walk (mixed, NULL, &pfs5,
              "ike 1/6 up aes128-sha1-modp2048; esp aes128-sha1 refused; esp "
              "aes128-sha1-modp2048 refused; esp aes128-sha1-modp1536 up "
              "aes128-sha1-modp1536; ppp connected",
              NULL);
  /* ipsec-pfs=no: never PFS, only the two no-PFS offers. */
  check_walk (no, NULL, &pfs5,
              "ike 1/6 up aes128-sha1-modp2048; esp A refused; esp R refused; failed 2",
              NULL);
  check_walk (no, NULL, &nopfs,
              "ike 1/6 up aes128-sha1-modp2048; esp A up aes128-sha1; ppp connected",
              NULL);
  /* A set without PFS is offered once. */
  check_walk (only, NULL, &pfs5,
              "ike 1/6 up aes128-sha1-modp2048; esp aes128-sha1 refused; failed 2", NULL);
}

/* ---- MPPE -------------------------------------------------------------- */

static void
test_mppe (void)
{
  Server mikrotik = { "aes128-sha1-modp1024", "aes128-sha1", TRUE };
  g_autoptr (L2tpConfig) no_mschap
      = config_with ("refuse-mschap", "yes", "refuse-mschapv2", "yes", NULL);
  g_autoptr (L2tpConfig) required = config_with ("require-mppe", "yes", NULL);
  g_autoptr (L2tpPlanMemory) result = NULL;

  check_walk (
      no_mschap, NULL, &mikrotik,
      "ike 1/6 up aes128-sha1-modp1024; esp A up aes128-sha1; ppp wants mppe; failed 3",
      NULL);
  /* Asked for by the settings: no retry, and not remembered as a demand. */
  check_walk (required, NULL, &mikrotik,
              "ike 1/6 up aes128-sha1-modp1024; esp A up aes128-sha1; ppp mppe connected",
              &result);
  g_assert_nonnull (result);
  g_assert_false (result->mppe);
}

/* ---- memory ------------------------------------------------------------ */

static void
test_memory (void)
{
  Server mikrotik = { "aes128-sha1-modp1024,aes256-sha1-modp1024",
                      "aes128-sha1-modp1024,aes256-sha1-modp1024", TRUE };
  Server reconfigured = { "aes256-sha256-modp2048", "aes256-sha256", FALSE };
  Server new_esp = { "aes128-sha1-modp1024", "aes128-sha1", TRUE };
  g_autoptr (L2tpConfig) cfg = config_with (NULL);
  g_autoptr (L2tpConfig) other = config_with ("ipsec-ike", "aes128-sha1-modp1024", NULL);
  g_autoptr (L2tpPlanMemory) first = NULL;
  g_autoptr (L2tpPlanMemory) second = NULL;
  g_autoptr (L2tpPlanMemory) third = NULL;
  g_autoptr (L2tpPlan) plan = NULL;

  check_walk (cfg, NULL, &mikrotik,
              "ike 1/6 up aes128-sha1-modp1024; esp A refused; esp A-2 up "
              "aes128-sha1-modp1024; ppp wants mppe; ppp mppe connected",
              &first);
  g_assert_nonnull (first);
  g_assert_true (first->mppe);
  /* Second connect: the remembered plan, no retry at all. */
  check_walk (
      cfg, first, &mikrotik,
      "ike remembered aes128-sha1-modp1024 up aes128-sha1-modp1024; esp remembered "
      "aes128-sha1-modp1024 up aes128-sha1-modp1024; ppp mppe connected",
      &second);
  g_assert_nonnull (second);
  /* Gone stale (the server was reconfigured): the whole plan follows. */
  plan = l2tp_plan_new (cfg, second);
  {
    g_autofree char *t = walk (plan, &reconfigured, &third);
    g_assert_cmpstr (t, ==,
                     "ike remembered aes128-sha1-modp1024 refused; ike 1/6 up "
                     "aes256-sha256-modp2048; esp A up aes256-sha256; ppp connected");
  }
  g_assert_true (l2tp_plan_memory_failed (plan));
  g_assert_nonnull (third);
  g_assert_false (third->mppe);
  /* Stale Phase 2 only: the IKE SA stays, Phase 2 starts over. */
  check_walk (
      cfg, second, &new_esp,
      "ike remembered aes128-sha1-modp1024 up aes128-sha1-modp1024; esp remembered "
      "aes128-sha1-modp1024 refused; esp A up aes128-sha1; ppp mppe connected",
      NULL);
  /* MPPE no longer demanded: once more without. */
  check_walk (
      cfg, first, &(Server){ mikrotik.ike, mikrotik.esp, FALSE },
      "ike remembered aes128-sha1-modp1024 up aes128-sha1-modp1024; esp remembered "
      "aes128-sha1-modp1024 up aes128-sha1-modp1024; ppp mppe ended; ppp connected",
      NULL);
  /* Made for other settings: not used. */
  check_walk (other, first, &mikrotik,
              "ike 1/1 up aes128-sha1-modp1024; esp A refused; esp A-2 up "
              "aes128-sha1-modp1024; ppp wants mppe; ppp mppe connected",
              NULL);
}

static void
test_memory_text (void)
{
  L2tpProposal ike = { L2TP_ENC_AES256, L2TP_INTEG_SHA256, L2TP_DH_ECP384 };
  L2tpProposal esp = { L2TP_ENC_AES256_GCM16, L2TP_INTEG_NONE, L2TP_DH_MODP2048 };
  g_autoptr (L2tpPlanMemory) memory = l2tp_plan_memory_new (&ike, &esp, TRUE, "abc");
  g_autofree char *text = l2tp_plan_memory_to_text (memory);
  g_autoptr (L2tpPlanMemory) back = l2tp_plan_memory_from_text (text, NULL);
  static const char *const bad[] = {
    "",
    "[plan]\nfor=x\nike=aes256-sha256-modp2048\nesp=aes128-sha1\n",
    "[plan]\nfor=x\nike=aes256-sha256\nesp=aes128-sha1\nmppe=false\n",
    "[plan]\nfor=x\nike=aes256-sha256-modp2048,3des-md5-modp1024\nesp=aes128-sha1\nmppe="
    "false\n",
    "[plan]\nfor=x\nike=aes256-sha256-modp2048\nesp=aes128-shaXYZ\nmppe=false\n",
    "[plan]\nfor=x\nike=aes256-sha256-modp2048\nesp=aes128-sha1\nmppe=maybe\n",
    "[plan]\nike=aes256-sha256-modp2048\nesp=aes128-sha1\nmppe=false\n",
  };

  g_assert_cmpstr (text, ==,
                   "[plan]\nfor=abc\nike=aes256-sha256-ecp384\nesp=aes256gcm16-modp2048\n"
                   "mppe=true\n");
  g_assert_nonnull (back);
  g_assert_cmpstr (back->fingerprint, ==, "abc");
  g_assert_true (memcmp (&back->ike, &ike, sizeof ike) == 0);
  g_assert_true (memcmp (&back->esp, &esp, sizeof esp) == 0);
  g_assert_true (back->mppe);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (L2tpPlanMemory) m = l2tp_plan_memory_from_text (bad[i], &error);

      g_assert_null (m);
      g_assert_nonnull (error);
    }
}

static void
test_fingerprint (void)
{
  g_autoptr (L2tpConfig) a = config_with (NULL);
  g_autoptr (L2tpConfig) b = config_with ("mtu", "1300", NULL);
  g_autoptr (L2tpConfig) c = config_with ("ipsec-pfs", "no", NULL);
  g_autofree char *fa = l2tp_plan_fingerprint (a);
  g_autofree char *fb = l2tp_plan_fingerprint (b);
  g_autofree char *fc = l2tp_plan_fingerprint (c);

  /* Settings outside negotiation keep it; those inside change it. */
  g_assert_cmpuint (strlen (fa), ==, 64);
  g_assert_cmpstr (fa, ==, fb);
  g_assert_cmpstr (fa, !=, fc);
}

static void
test_describe (void)
{
  Server none = { "aes256-sha256-modp8192", "aes256-sha256", FALSE, "" };
  g_autoptr (L2tpConfig) cfg = config_with (NULL);
  g_autoptr (L2tpConfig) small = config_with ("ipsec-ike", "aes128-sha1-modp2048", NULL);
  g_autoptr (L2tpPlan) plan = l2tp_plan_new (cfg, NULL);
  g_autoptr (L2tpPlan) plan2 = l2tp_plan_new (small, NULL);
  g_autofree char *t1 = walk (plan, &none, NULL);
  g_autofree char *t2 = walk (plan2, &none, NULL);
  g_autofree char *all = l2tp_plan_describe_offered (plan);
  g_autofree char *few = l2tp_plan_describe_offered (plan2);

  g_assert_cmpstr (
      all, ==,
      "aes256/aes128/3des/aes192 × sha256/sha1/md5/sha384/sha512 × "
      "modp2048/ecp384/ecp256/modp1536/modp1024/modp3072/modp4096/ecp521 (160)");
  g_assert_cmpstr (few, ==, "aes128-sha1-modp2048");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/servers", test_servers);
  g_test_add_func ("/plan/ike-rounds", test_ike_rounds);
  g_test_add_func ("/plan/user-ike-rounds", test_user_ike_rounds);
  g_test_add_func ("/plan/user-esp", test_user_esp);
  g_test_add_func ("/plan/mppe", test_mppe);
  g_test_add_func ("/plan/memory", test_memory);
  g_test_add_func ("/plan/memory-text", test_memory_text);
  g_test_add_func ("/plan/fingerprint", test_fingerprint);
  g_test_add_func ("/plan/describe", test_describe);
  return g_test_run ();
}
