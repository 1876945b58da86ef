/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "diagnose-ports.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#define L2TP_PORT 1701

static gboolean
is_charon (const L2tpPortProcess *p)
{
  return p
         && (g_str_equal (p->comm, "charon") || g_str_equal (p->comm, "charon-systemd"));
}

/* One of ours: the xl2tpd of a connection of this plugin is up. */
static gboolean
is_our_xl2tpd (const L2tpPortProcess *p)
{
  return p && g_str_equal (p->comm, "xl2tpd")
         && strstr (p->cmdline, "/run/nm-l2tp-ipsec/");
}

typedef struct
{
  guint hidden; /* sockets of a process we may not see */
  guint charon; /* held by charon */
  guint ours;   /* our connection's xl2tpd */
  guint other;  /* any other visible process, or a kernel socket as root */
} Owners;

static Owners
owners (const L2tpPortHolder *holder, guint32 viewer)
{
  Owners o = { 0 };

  for (guint i = 0; i < holder->sockets->len; i++)
    {
      const L2tpPortSocket *s = holder->sockets->pdata[i];

      /* Only root and the socket's owner may look into its process. */
      if (!s->process && viewer != 0 && s->inode != 0 && s->uid != viewer)
        o.hidden++;
      else if (is_charon (s->process))
        o.charon++;
      else if (is_our_xl2tpd (s->process))
        o.ours++;
      else
        o.other++;
    }
  return o;
}

static void
add_facts (L2tpCheck *check, const L2tpPortHolder *holder)
{
  for (guint i = 0; i < holder->sockets->len && i < 1; i++)
    {
      const L2tpPortSocket *s = holder->sockets->pdata[i];
      g_autofree char *pid = s->process ? g_strdup_printf ("%u", s->process->pid) : NULL;
      g_autofree char *uid = g_strdup_printf ("%u", s->uid);

      l2tp_check_add_fact (check, "address", s->address);
      l2tp_check_add_fact (check, "uid", uid);
      l2tp_check_add_fact (check, "pid", pid);
      l2tp_check_add_fact (check, "process", s->process ? s->process->comm : NULL);
      l2tp_check_add_fact (check, "unit", s->process ? s->process->unit : NULL);
    }
}

/* A system unit is best disabled too, or it takes the port at next boot. */
static char *
free_command (const L2tpPortHolder *holder)
{
  for (guint i = 0; i < holder->sockets->len; i++)
    {
      const L2tpPortProcess *p = ((L2tpPortSocket *) holder->sockets->pdata[i])->process;

      if (p && p->unit && !p->user_unit
          && !g_str_equal (p->unit, "NetworkManager.service"))
        return g_strdup_printf ("sudo systemctl disable --now %s", p->unit);
    }
  return l2tp_port_holder_fix_command (holder);
}

static char *
l2tp_fix (const L2tpPortHolder *holder, const Owners *o)
{
  g_autofree char *command = free_command (holder);
  const L2tpPortSocket *wildcard = l2tp_port_holder_wildcard (holder);

  if (o->hidden && !o->other)
    return g_strdup_printf (_ ("run diagnose as root to see which program it is "
                               "(sudo nm-l2tp-ipsec diagnose), or: sudo ss -ulpn "
                               "'sport = :%u'"),
                            (guint) holder->port);
  if (!command)
    return l2tp_port_holder_fix_hint (holder);
  if (wildcard && holder->sockets->len == 1)
    return g_strdup_printf (_ ("the service works around it (its xl2tpd binds the "
                               "address that reaches the server), or stop it: %s"),
                            command);
  return g_strdup_printf (_ ("on the address towards the server the service then "
                             "uses another source port, which servers that accept "
                             "L2TP only from port 1701 refuse; stop it: %s"),
                          command);
}

void
l2tp_diagnose_port_holder (L2tpCheckList *list, const L2tpPortHolder *holder,
                           guint32 viewer)
{
  g_autofree char *id = g_strdup_printf ("udp-%u", (guint) holder->port);
  g_autofree char *describe = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fix = NULL;
  L2tpCheckStatus status = L2TP_CHECK_FAIL;
  Owners o;
  L2tpCheck *check;

  if (l2tp_port_holder_is_free (holder))
    {
      text = g_strdup_printf (_ ("UDP port %u is free"), (guint) holder->port);
      l2tp_check_list_add (list, id, L2TP_CHECK_OK, text, NULL);
      return;
    }
  o = owners (holder, viewer);
  describe = l2tp_port_holder_describe (holder);
  if (holder->port != L2TP_PORT)
    {
      if (o.charon && !o.hidden && !o.other)
        {
          status = L2TP_CHECK_OK;
          text = g_strdup_printf (_ ("%s: the service uses this charon"), describe);
        }
      else if (o.hidden && !o.other)
        {
          /* Most likely a system charon; only root can tell. */
          status = L2TP_CHECK_UNKNOWN;
          text = g_strdup (describe);
          fix = g_strdup (_ ("run diagnose as root to see which program it is (only "
                             "charon may hold it)"));
        }
      else
        {
          g_autofree char *command = l2tp_port_holder_fix_command (holder);

          text = g_strdup (describe);
          fix = command ? g_strdup_printf (_ ("charon needs this port for IKE; stop "
                                              "that program: %s"),
                                           command)
                        : g_strdup (_ ("charon needs this port for IKE; stop the "
                                       "program that holds it"));
        }
    }
  else if (o.ours && !o.hidden && !o.other)
    {
      status = L2TP_CHECK_OK;
      text = g_strdup_printf (_ ("%s: a connection of this plugin is up"), describe);
    }
  else
    {
      text = g_strdup (describe);
      fix = l2tp_fix (holder, &o);
    }
  check = l2tp_check_list_add (list, id, status, text, fix);
  add_facts (check, holder);
}

void
l2tp_diagnose_ports (L2tpCheckList *list)
{
  static const guint16 ports[] = { 500, 4500, L2TP_PORT };

  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (L2tpPortHolder) holder = l2tp_port_holder_find (ports[i], &error);

      if (!holder)
        {
          g_autofree char *id = g_strdup_printf ("udp-%u", (guint) ports[i]);
          g_autofree char *text
              = g_strdup_printf (_ ("Cannot tell who holds UDP port %u: %s"),
                                 (guint) ports[i], error->message);

          l2tp_check_list_add (list, id, L2TP_CHECK_UNKNOWN, text, NULL);
          continue;
        }
      l2tp_diagnose_port_holder (list, holder, geteuid ());
    }
}
