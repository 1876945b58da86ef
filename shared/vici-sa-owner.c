/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "vici-sa-owner.h"

static const char *
kv_str (const ViciNode *section, const char *key)
{
  const ViciNode *kv = vici_node_lookup (section, key);

  return kv && vici_node_get_kind (kv) == VICI_NODE_KEY_VALUE ? vici_node_get_str (kv)
                                                              : NULL;
}

/* How many CHILD_SAs the IKE SA carries under name (*ours) and others. */
static void
count_children (const ViciNode *ike_sa, const char *name, guint *ours, guint *others)
{
  const ViciNode *children = vici_node_lookup (ike_sa, "child-sas");

  *ours = *others = 0;
  if (!children || vici_node_get_kind (children) != VICI_NODE_SECTION)
    return;
  for (guint i = 0; i < vici_node_get_n_children (children); i++)
    {
      const ViciNode *child = vici_node_get_child (children, i);

      if (vici_node_get_kind (child) != VICI_NODE_SECTION)
        continue;
      if (g_strcmp0 (kv_str (child, "name"), name) == 0)
        (*ours)++;
      else
        (*others)++;
    }
}

const ViciNode *
l2tp_vici_sa_carrying (const ViciMessage *msg, const char *name)
{
  const ViciNode *root = msg ? vici_message_get_root (msg) : NULL;

  if (!root || !name)
    return NULL;
  for (guint i = 0; i < vici_node_get_n_children (root); i++)
    {
      const ViciNode *sa = vici_node_get_child (root, i);
      guint ours, others;

      if (vici_node_get_kind (sa) != VICI_NODE_SECTION)
        continue;
      count_children (sa, name, &ours, &others);
      if (ours > 0)
        return sa;
    }
  return NULL;
}

void
l2tp_vici_sa_collect_uses (const ViciMessage *msg, const char *name, GArray *uses)
{
  const ViciNode *root = msg ? vici_message_get_root (msg) : NULL;

  if (!root || !name)
    return;
  for (guint i = 0; i < vici_node_get_n_children (root); i++)
    {
      const ViciNode *sa = vici_node_get_child (root, i);
      const char *id;
      guint ours, others;
      L2tpViciIkeUse use = { 0 };

      if (vici_node_get_kind (sa) != VICI_NODE_SECTION)
        continue;
      id = kv_str (sa, "uniqueid");
      count_children (sa, name, &ours, &others);
      use.named_ours = g_strcmp0 (vici_node_get_name (sa), name) == 0;
      use.carries_ours = ours > 0;
      if (!id || !*id || (!use.named_ours && !use.carries_ours))
        continue;
      use.ike_id = g_strdup (id);
      use.others = others;
      g_array_append_val (uses, use);
    }
}

void
l2tp_vici_ike_use_clear (gpointer use)
{
  g_clear_pointer (&((L2tpViciIkeUse *) use)->ike_id, g_free);
}

gboolean
l2tp_vici_ike_use_deletable (const L2tpViciIkeUse *use)
{
  return (use->named_ours || use->carries_ours) && use->others == 0;
}
