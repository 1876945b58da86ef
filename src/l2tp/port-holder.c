/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Who holds a UDP port (see port-holder.h). */
#include "src/l2tp/port-holder.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "shared/proc-net-udp.h"
#include "shared/text-clean.h"

/* Enough of a command line to recognise the program and its config file. */
#define CMDLINE_READ_MAX 4096
#define CMDLINE_SHOW_MAX 200
#define COMM_SHOW_MAX    64
#define CGROUP_READ_MAX  (64 * 1024)
#define NM_UNIT          "NetworkManager.service"

void
l2tp_port_process_free (L2tpPortProcess *p)
{
  if (!p)
    return;
  g_free (p->comm);
  g_free (p->cmdline);
  g_free (p->unit);
  g_free (p);
}

static void
socket_free (L2tpPortSocket *s)
{
  l2tp_port_process_free (s->process);
  g_free (s->address);
  g_free (s);
}

void
l2tp_port_holder_free (L2tpPortHolder *holder)
{
  if (!holder)
    return;
  g_ptr_array_unref (holder->sockets);
  g_free (holder);
}

/* At most max bytes of a /proc file (they report size 0, so read to EOF).
 * Always NUL-terminated; NULL if it cannot be opened. */
static char *
read_head (const char *path, gsize max, gsize *len_out)
{
  g_autofree char *buf = NULL;
  gsize len = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return NULL;
  buf = g_malloc (max + 1);
  while (len < max)
    {
      ssize_t n = read (fd, buf + len, max - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      len += n;
    }
  close (fd);
  buf[len] = '\0';
  if (len_out)
    *len_out = len;
  return g_steal_pointer (&buf);
}

/* Characters systemd allows in unit names: safe to show in a shell command. */
static gboolean
is_unit_name (const char *name)
{
  if (!g_str_has_suffix (name, ".service") || strlen (name) <= strlen (".service")
      || strlen (name) > 255)
    return FALSE;
  for (const char *c = name; *c; c++)
    if (!g_ascii_isalnum (*c) && !strchr (":-_.\\@", *c))
      return FALSE;
  return TRUE;
}

static char *
unit_from_path (const char *path, gboolean *user_unit)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  const char *unit = NULL;
  gboolean below_user_manager = FALSE;

  for (guint i = 0; parts[i]; i++)
    {
      if (!g_str_has_suffix (parts[i], ".service"))
        continue;
      if (unit && g_str_has_prefix (unit, "user@"))
        below_user_manager = TRUE;
      unit = parts[i];
    }
  /* The user manager itself ("user@1000.service") is nothing to stop. */
  if (!unit || g_str_has_prefix (unit, "user@") || !is_unit_name (unit))
    return NULL;
  *user_unit = below_user_manager;
  return g_strdup (unit);
}

char *
l2tp_port_holder_unit_from_cgroup (const char *cgroup_text, gboolean *user_unit)
{
  g_auto (GStrv) lines = NULL;
  const char *unified = NULL;
  const char *named = NULL;
  gboolean user = FALSE;
  char *unit;

  if (user_unit)
    *user_unit = FALSE;
  g_return_val_if_fail (cgroup_text != NULL, NULL);

  /* "hierarchy-id:controllers:path"; the path may itself contain ':'. */
  lines = g_strsplit (cgroup_text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ":", 3);

      if (g_strv_length (f) != 3 || f[2][0] != '/')
        continue;
      if (strcmp (f[0], "0") == 0 && f[1][0] == '\0')
        unified = lines[i] + strlen (f[0]) + strlen (f[1]) + 2;
      else
        {
          g_auto (GStrv) controllers = g_strsplit (f[1], ",", -1);
          if (g_strv_contains ((const char *const *) controllers, "name=systemd"))
            named = lines[i] + strlen (f[0]) + strlen (f[1]) + 2;
        }
    }
  /* cgroup v1 hosts with a v2 mount have an empty "0::/" line: prefer the
   * systemd hierarchy there. */
  if (unified && named && strcmp (unified, "/") == 0)
    unified = NULL;
  if (!unified && !named)
    return NULL;
  unit = unit_from_path (unified ? unified : named, &user);
  if (user_unit && unit)
    *user_unit = user;
  return unit;
}

char *
l2tp_port_holder_cmdline_printable (const char *raw, gsize len, gsize max_bytes)
{
  g_autofree char *joined = NULL;

  g_return_val_if_fail (raw != NULL || len == 0, NULL);

  while (len > 0 && raw[len - 1] == '\0')
    len--;
  joined = g_malloc (len + 1);
  for (gsize i = 0; i < len; i++)
    joined[i] = raw[i] == '\0' ? ' ' : raw[i];
  joined[len] = '\0';
  return l2tp_text_clean (joined, max_bytes);
}

static L2tpPortProcess *
process_new (guint32 pid)
{
  L2tpPortProcess *p = g_new0 (L2tpPortProcess, 1);
  char path[64];
  g_autofree char *comm = NULL;
  g_autofree char *cmdline = NULL;
  g_autofree char *cgroup = NULL;
  gsize len = 0;

  p->pid = pid;
  g_snprintf (path, sizeof path, "/proc/%u/comm", pid);
  comm = read_head (path, 64, NULL);
  p->comm = l2tp_text_clean (comm ? g_strchomp (comm) : "?", COMM_SHOW_MAX);

  g_snprintf (path, sizeof path, "/proc/%u/cmdline", pid);
  cmdline = read_head (path, CMDLINE_READ_MAX, &len);
  p->cmdline = l2tp_port_holder_cmdline_printable (cmdline ? cmdline : "", len,
                                                   CMDLINE_SHOW_MAX);

  g_snprintf (path, sizeof path, "/proc/%u/cgroup", pid);
  cgroup = read_head (path, CGROUP_READ_MAX, NULL);
  if (cgroup)
    p->unit = l2tp_port_holder_unit_from_cgroup (cgroup, &p->user_unit);
  return p;
}

/* Inode of a "socket:[12345]" link target, or 0. */
static guint64
socket_inode (const char *target)
{
  static const char prefix[] = "socket:[";
  const char *digits = target + strlen (prefix);
  const char *end;
  guint64 inode = 0;

  if (strncmp (target, prefix, strlen (prefix)) != 0)
    return 0;
  end = strchr (digits, ']');
  if (!end || end == digits || end[1] != '\0')
    return 0;
  for (const char *c = digits; c < end; c++)
    {
      if (!g_ascii_isdigit (*c) || inode > (G_MAXUINT64 - 9) / 10)
        return 0;
      inode = inode * 10 + (guint64) (*c - '0');
    }
  return inode;
}

static gboolean
parse_pid (const char *name, guint32 *pid)
{
  guint64 v;

  if (!g_ascii_isdigit (name[0]))
    return FALSE;
  if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT32, &v, NULL))
    return FALSE;
  *pid = (guint32) v;
  return TRUE;
}

/* One pass over /proc/[0-9]*\/fd: each wanted socket gets the first process
 * found holding it. Stops when all have one. Processes that vanish or that we
 * may not inspect are skipped. */
static void
find_owners (L2tpPortHolder *holder)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  DIR *proc;
  struct dirent *de;

  for (guint i = 0; i < holder->sockets->len; i++)
    {
      L2tpPortSocket *s = holder->sockets->pdata[i];
      if (s->inode != 0) /* kernel sockets have no file */
        g_hash_table_insert (wanted, &s->inode, s);
    }
  if (g_hash_table_size (wanted) == 0)
    return;

  proc = opendir ("/proc");
  if (!proc)
    return;
  while (g_hash_table_size (wanted) > 0 && (de = readdir (proc)))
    {
      char path[64];
      guint32 pid;
      DIR *fds;
      int dfd;
      struct dirent *fe;

      if (!parse_pid (de->d_name, &pid))
        continue;
      g_snprintf (path, sizeof path, "/proc/%u/fd", pid);
      dfd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dfd < 0)
        continue;
      fds = fdopendir (dfd);
      if (!fds)
        {
          close (dfd);
          continue;
        }
      holder->pids_scanned++;
      while ((fe = readdir (fds)))
        {
          char target[64];
          ssize_t n = readlinkat (dirfd (fds), fe->d_name, target, sizeof target - 1);
          guint64 inode;
          L2tpPortSocket *s;

          if (n <= 0)
            continue;
          target[n] = '\0';
          inode = socket_inode (target);
          if (inode == 0 || !(s = g_hash_table_lookup (wanted, &inode)))
            continue;
          s->process = process_new (pid);
          g_hash_table_remove (wanted, &inode);
        }
      closedir (fds);
    }
  closedir (proc);
}

L2tpPortProcess *
l2tp_port_process_find (guint64 inode)
{
  L2tpPortSocket sock = { .inode = inode };
  g_autoptr (GPtrArray) sockets = g_ptr_array_new ();
  L2tpPortHolder holder = { .sockets = sockets };

  if (inode == 0)
    return NULL;
  g_ptr_array_add (sockets, &sock);
  find_owners (&holder);
  return sock.process;
}

char *
l2tp_udp_tables_read (GError **error)
{
  g_autofree char *udp = NULL;
  g_autofree char *udp6 = NULL;

  if (!g_file_get_contents ("/proc/net/udp", &udp, NULL, error))
    return NULL;
  /* Absent when IPv6 is disabled. */
  if (!g_file_get_contents ("/proc/net/udp6", &udp6, NULL, NULL))
    return g_steal_pointer (&udp);
  return g_strconcat (udp, udp6, NULL);
}

L2tpPortHolder *
l2tp_port_holder_find (guint16 port, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GArray) rows = NULL;
  L2tpPortHolder *holder;
  guint malformed = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = l2tp_udp_tables_read (error);
  if (!text)
    return NULL;
  rows = l2tp_proc_net_udp_parse (text, &malformed);
  if (malformed > 0)
    g_debug ("port-holder: %u lines of /proc/net/udp{,6} not understood", malformed);

  holder = g_new0 (L2tpPortHolder, 1);
  holder->port = port;
  holder->sockets = g_ptr_array_new_with_free_func ((GDestroyNotify) socket_free);
  for (guint i = 0; i < rows->len; i++)
    {
      const L2tpProcUdpSocket *row = &g_array_index (rows, L2tpProcUdpSocket, i);
      L2tpPortSocket *s;

      if (row->local_port != port)
        continue;
      s = g_new0 (L2tpPortSocket, 1);
      s->family = row->family;
      s->address = g_strdup (row->local_text);
      memcpy (s->raw, row->local, sizeof s->raw);
      s->wildcard = l2tp_proc_udp_socket_is_wildcard (row);
      s->inode = row->inode;
      s->uid = row->uid;
      g_ptr_array_add (holder->sockets, s);
    }
  find_owners (holder);
  return holder;
}

gboolean
l2tp_port_holder_is_free (const L2tpPortHolder *holder)
{
  g_return_val_if_fail (holder != NULL, TRUE);

  return holder->sockets->len == 0;
}

const L2tpPortSocket *
l2tp_port_holder_wildcard (const L2tpPortHolder *holder)
{
  g_return_val_if_fail (holder != NULL, NULL);

  for (guint i = 0; i < holder->sockets->len; i++)
    {
      const L2tpPortSocket *s = holder->sockets->pdata[i];
      if (s->wildcard)
        return s;
    }
  return NULL;
}

const L2tpPortSocket *
l2tp_port_holder_on_address (const L2tpPortHolder *holder, const char *local_addr)
{
  static const guint8 v4_mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
  g_autofree char *bare = NULL;
  guint8 want[16];
  int family;

  g_return_val_if_fail (holder != NULL, NULL);
  g_return_val_if_fail (local_addr != NULL, NULL);

  bare = g_strndup (local_addr, strcspn (local_addr, "%")); /* drop "%eth0" */
  if (inet_pton (AF_INET, bare, want) == 1)
    family = AF_INET;
  else if (inet_pton (AF_INET6, bare, want) == 1)
    family = AF_INET6;
  else
    return NULL;

  for (guint i = 0; i < holder->sockets->len; i++)
    {
      const L2tpPortSocket *s = holder->sockets->pdata[i];

      if (s->family == family && memcmp (s->raw, want, family == AF_INET ? 4 : 16) == 0)
        return s;
      if (family == AF_INET && s->family == AF_INET6
          && memcmp (s->raw, v4_mapped, 12) == 0 && memcmp (s->raw + 12, want, 4) == 0)
        return s;
    }
  return NULL;
}

static char *
describe_socket (guint16 port, const L2tpPortSocket *s)
{
  const L2tpPortProcess *p = s->process;

  if (p && p->unit && p->user_unit)
    return g_strdup_printf (
        _ ("UDP port %u is held by %s (pid %u, systemd user unit %s) on %s"),
        (guint) port, p->comm, p->pid, p->unit, s->address);
  if (p && p->unit)
    return g_strdup_printf (
        _ ("UDP port %u is held by %s (pid %u, systemd unit %s) on %s"), (guint) port,
        p->comm, p->pid, p->unit, s->address);
  if (p)
    return g_strdup_printf (_ ("UDP port %u is held by %s (pid %u) on %s"), (guint) port,
                            p->comm, p->pid, s->address);
  /* %llu, not G_GUINT64_FORMAT: xgettext cannot see through the macro. */
  return g_strdup_printf (_ ("UDP port %u is held on %s by a socket of no visible "
                             "process (socket inode %llu, uid %u)"),
                          (guint) port, s->address, (unsigned long long) s->inode,
                          s->uid);
}

char *
l2tp_port_holder_describe (const L2tpPortHolder *holder)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (holder != NULL, NULL);

  if (holder->sockets->len == 0)
    return NULL;
  for (guint i = 0; i < holder->sockets->len; i++)
    g_ptr_array_add (parts, describe_socket (holder->port, holder->sockets->pdata[i]));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static gboolean
is_network_manager (const L2tpPortProcess *p)
{
  return p && p->unit && !p->user_unit && strcmp (p->unit, NM_UNIT) == 0;
}

char *
l2tp_port_holder_fix_command (const L2tpPortHolder *holder)
{
  g_autoptr (GPtrArray) commands = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (holder != NULL, NULL);

  for (guint i = 0; i < holder->sockets->len; i++)
    {
      const L2tpPortProcess *p = ((L2tpPortSocket *) holder->sockets->pdata[i])->process;
      char *command;

      /* Stopping NetworkManager would end every connection: never suggest it. */
      if (!p || is_network_manager (p))
        continue;
      if (p->unit && p->user_unit)
        command = g_strdup_printf ("systemctl --user stop %s", p->unit);
      else if (p->unit)
        command = g_strdup_printf ("sudo systemctl stop %s", p->unit);
      else
        command = g_strdup_printf ("sudo kill %u", p->pid);
      if (g_ptr_array_find_with_equal_func (commands, command, g_str_equal, NULL))
        g_free (command);
      else
        g_ptr_array_add (commands, command);
    }
  if (commands->len == 0)
    return NULL;
  g_ptr_array_add (commands, NULL);
  return g_strjoinv ("; ", (char **) commands->pdata);
}

char *
l2tp_port_holder_fix_hint (const L2tpPortHolder *holder)
{
  g_autofree char *command = NULL;

  g_return_val_if_fail (holder != NULL, NULL);

  if (holder->sockets->len == 0)
    return NULL;
  for (guint i = 0; i < holder->sockets->len; i++)
    if (is_network_manager (((L2tpPortSocket *) holder->sockets->pdata[i])->process))
      return g_strdup (_ ("It belongs to another VPN connection of NetworkManager: "
                          "disconnect that connection first."));
  command = l2tp_port_holder_fix_command (holder);
  if (command)
    return g_strdup_printf (_ ("To free the port, run: %s"), command);
  return g_strdup_printf (_ ("Find the program that uses it with: sudo ss -ulpn "
                             "'sport = :%u'"),
                          (guint) holder->port);
}
