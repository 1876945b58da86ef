/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test-side readers of the formats the renderers write, each modelled on the
 * daemon's own parser, so a test can say what the daemon would read: a list
 * of (name, value) entries in file order. */
#pragma once

#include <glib.h>

#include "render.h"
#include "vici-message.h"

G_BEGIN_DECLS

typedef struct
{
  char *name; /* option, "section/key" or path */
  GBytes *value;
} ReaderEntry;

/* Each returns NULL and sets *why when the text does not parse. */
GPtrArray *reader_pppd (const char *text, char **why);
GPtrArray *reader_xl2tpd (const char *text, char **why);
GPtrArray *reader_libreswan_conf (const char *text, char **why);
GPtrArray *reader_libreswan_secrets (const char *text, char **why);
GPtrArray *reader_swanctl (const char *text, char **why);
GPtrArray *reader_vici (const ViciMessage *msg);

/* "path = value" lines of a VICI message, values C-escaped (golden files). */
char *reader_vici_dump (const ViciMessage *msg);

/* A profile: [data] and [secrets] of a GKeyFile; [context] may override the
 * render context (l2tp-port, local-addr, gateway-addr, esp-offer: a Quick Mode offer of
 * the plan). */
typedef struct
{
  GHashTable *data;
  GHashTable *secrets;
  L2tpRenderContext ctx;
  char *local_addr;
  char *gateway_addr;
  L2tpProposalSet *esp_offer;
} TestProfile;

TestProfile *test_profile_load (const char *path, GError **error);
void test_profile_free (TestProfile *p);
/* The fixed context every profile starts from. */
void test_context_init (L2tpRenderContext *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestProfile, test_profile_free)

G_END_DECLS
