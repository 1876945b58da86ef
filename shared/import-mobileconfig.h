/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Apple configuration profiles (.mobileconfig), XML or binary property list:
 * the first PayloadContent item with PayloadType com.apple.vpn.managed and
 * VPNType L2TP. PPP.CommRemoteAddress is the server, PPP.AuthName and
 * PPP.AuthPassword the user's credentials, IPSec.SharedSecret the pre-shared
 * key, IPSec.LocalIdentifier (type KeyID) the group name, IPv4.OverridePrimary
 * whether all traffic goes through the VPN. A signed profile (CMS) is read
 * when its property list can be found whole inside; its signature is not
 * checked. */
#pragma once

#include "profile.h"

G_BEGIN_DECLS

gboolean l2tp_import_mobileconfig_sniff (const char *buffer, gsize length);

L2tpProfile *l2tp_import_mobileconfig (const char *buffer, gsize length, GError **error);

G_END_DECLS
