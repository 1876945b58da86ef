/* SPDX-License-Identifier: GPL-2.0-or-later */
/* VICI's wire constants, shared by the decoder (vici-message.c) and the
 * encoder (vici-encode.c); not part of the API. */
#pragma once

#include "shared/vici-message.h"

enum
{
  EL_SECTION_START = 1,
  EL_SECTION_END = 2,
  EL_KEY_VALUE = 3,
  EL_LIST_START = 4,
  EL_LIST_ITEM = 5,
  EL_LIST_END = 6,
};

static inline gboolean
vici_packet_is_named (ViciPacketType type)
{
  return type == VICI_PACKET_CMD_REQUEST || type == VICI_PACKET_EVENT_REGISTER
         || type == VICI_PACKET_EVENT_UNREGISTER || type == VICI_PACKET_EVENT;
}

static inline gboolean
vici_packet_has_message (ViciPacketType type)
{
  return type == VICI_PACKET_CMD_REQUEST || type == VICI_PACKET_CMD_RESPONSE
         || type == VICI_PACKET_EVENT;
}
