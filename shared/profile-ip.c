/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "profile-ip.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>

#include "profile.h"

/* NetworkManager's methods for each family (NM_SETTING_IP{4,6}_CONFIG_METHOD_*). */
static const char *const ip4_methods[]
    = { "auto", "link-local", "manual", "shared", "disabled", NULL };
static const char *const ip6_methods[]
    = { "auto", "dhcp", "link-local", "manual", "ignore", "shared", "disabled", NULL };

const char *
l2tp_ip_family_name (int family)
{
  return family == AF_INET6 ? "IPv6" : "IPv4";
}

gboolean
l2tp_ip_check_method (int family, const char *method, GError **error)
{
  const char *const *methods = family == AF_INET6 ? ip6_methods : ip4_methods;
  g_autofree char *list = NULL;

  g_return_val_if_fail (method != NULL, FALSE);

  if (g_strv_contains (methods, method))
    return TRUE;
  list = g_strjoinv (", ", (char **) methods);
  g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
               _ ("%s: not one of %s"), method, list);
  return FALSE;
}

gboolean
l2tp_ip_check_address (int family, const char *address, GError **error)
{
  guint8 buf[16];

  g_return_val_if_fail (address != NULL, FALSE);

  if (inet_pton (family, address, buf) == 1)
    return TRUE;
  g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
               family == AF_INET6 ? _ ("%s: not an IPv6 address")
                                  : _ ("%s: not an IPv4 address"),
               address);
  return FALSE;
}

/* Frees route; the error names the whole route first. */
static L2tpIpRoute *
route_refused (L2tpIpRoute *route, const char *text, GError **error)
{
  g_prefix_error (error, "%s: ", text);
  l2tp_ip_route_free (route);
  return NULL;
}

static gboolean
route_syntax (const char *reason, GError **error)
{
  g_set_error_literal (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX, reason);
  return FALSE;
}

/* The words of text, split at blanks, without empty ones. */
static GStrv
route_words (const char *text)
{
  g_auto (GStrv) split = g_strsplit_set (text, " \t", -1);
  GPtrArray *words = g_ptr_array_new ();

  for (guint i = 0; split[i]; i++)
    if (split[i][0])
      g_ptr_array_add (words, g_strdup (split[i]));
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (words, FALSE);
}

static gboolean
route_destination (L2tpIpRoute *route, const char *word, GError **error)
{
  guint max_prefix = route->family == AF_INET6 ? 128 : 32;
  const char *slash = word ? strchr (word, '/') : NULL;
  guint64 prefix = 0;

  if (!slash)
    return route_syntax (_ ("expected ADDRESS/PREFIX"), error);
  route->dest = g_strndup (word, (gsize) (slash - word));
  if (!l2tp_ip_check_address (route->family, route->dest, error))
    return FALSE;
  if (!g_ascii_string_to_unsigned (slash + 1, 10, 0, G_MAXUINT, &prefix, NULL)
      || prefix > max_prefix)
    {
      g_set_error (error, L2TP_IMPORT_ERROR, L2TP_IMPORT_ERROR_SYNTAX,
                   _ ("the prefix must be 0 to %u"), max_prefix);
      return FALSE;
    }
  route->prefix = (guint) prefix;
  return TRUE;
}

/* "via GATEWAY" and "metric N" after the destination, each at most once, in
 * either order. */
static gboolean
route_options (L2tpIpRoute *route, GStrv words, GError **error)
{
  for (guint i = 0; words[i]; i += 2)
    {
      const char *value = words[i + 1];
      guint64 metric;

      if (value && strcmp (words[i], "via") == 0 && !route->via)
        {
          if (!l2tp_ip_check_address (route->family, value, error))
            return FALSE;
          route->via = g_strdup (value);
        }
      else if (value && strcmp (words[i], "metric") == 0 && route->metric < 0
               && g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &metric, NULL))
        route->metric = (gint64) metric;
      else
        return route_syntax (_ ("expected ADDRESS/PREFIX [via GATEWAY] [metric N]"),
                             error);
    }
  return TRUE;
}

L2tpIpRoute *
l2tp_ip_route_parse (int family, const char *text, GError **error)
{
  g_auto (GStrv) words = NULL;
  L2tpIpRoute *route;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (family == AF_INET || family == AF_INET6, NULL);

  words = route_words (text);
  route = g_new0 (L2tpIpRoute, 1);
  route->family = family;
  route->metric = -1;
  /* words[0] NULL (a blank route) is refused by route_destination. */
  if (!route_destination (route, words[0], error)
      || !route_options (route, words + 1, error))
    return route_refused (route, text, error);
  return route;
}

void
l2tp_ip_route_free (L2tpIpRoute *route)
{
  if (!route)
    return;
  g_free (route->dest);
  g_free (route->via);
  g_free (route);
}
