/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plan-memory.h"

#define GROUP "plan"

L2tpPlanMemory *
l2tp_plan_memory_new (const L2tpProposal *ike, const L2tpProposal *esp, gboolean mppe,
                      const char *fingerprint)
{
  L2tpPlanMemory *memory = g_new0 (L2tpPlanMemory, 1);

  memory->ike = *ike;
  memory->esp = *esp;
  memory->mppe = mppe;
  memory->fingerprint = g_strdup (fingerprint);
  return memory;
}

void
l2tp_plan_memory_free (L2tpPlanMemory *memory)
{
  if (!memory)
    return;
  g_free (memory->fingerprint);
  g_free (memory);
}

char *
l2tp_plan_memory_to_text (const L2tpPlanMemory *memory)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autofree char *ike = l2tp_proposal_to_strongswan (L2TP_PROPOSAL_IKE, &memory->ike);
  g_autofree char *esp = l2tp_proposal_to_strongswan (L2TP_PROPOSAL_ESP, &memory->esp);

  g_return_val_if_fail (memory->fingerprint != NULL, NULL);
  g_key_file_set_string (file, GROUP, "for", memory->fingerprint);
  g_key_file_set_string (file, GROUP, "ike", ike);
  g_key_file_set_string (file, GROUP, "esp", esp);
  g_key_file_set_boolean (file, GROUP, "mppe", memory->mppe);
  return g_key_file_to_data (file, NULL, NULL);
}

static gboolean
read_proposal (GKeyFile *file, const char *key, L2tpProposalKind kind, L2tpProposal *out,
               GError **error)
{
  g_autofree char *text = g_key_file_get_string (file, GROUP, key, error);
  g_autoptr (L2tpProposalSet) set = NULL;

  if (!text)
    return FALSE;
  set = l2tp_proposal_set_parse (kind, key, text, error);
  if (!set)
    return FALSE;
  if (l2tp_proposal_set_get_length (set) != 1)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "%s: one proposal expected", key);
      return FALSE;
    }
  *out = *l2tp_proposal_set_get (set, 0);
  return TRUE;
}

L2tpPlanMemory *
l2tp_plan_memory_from_text (const char *text, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (L2tpPlanMemory) memory = g_new0 (L2tpPlanMemory, 1);
  g_autoptr (GError) local = NULL;

  if (!g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, error))
    return NULL;
  memory->fingerprint = g_key_file_get_string (file, GROUP, "for", error);
  if (!memory->fingerprint
      || !read_proposal (file, "ike", L2TP_PROPOSAL_IKE, &memory->ike, error)
      || !read_proposal (file, "esp", L2TP_PROPOSAL_ESP, &memory->esp, error))
    return NULL;
  memory->mppe = g_key_file_get_boolean (file, GROUP, "mppe", &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&memory);
}
