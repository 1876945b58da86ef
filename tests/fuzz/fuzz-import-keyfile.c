/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The keyfile (.conf) importer on arbitrary bytes (see import-round-trip.h). */
#include "import-keyfile.h"
#include "import-round-trip.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_import_buffer ("keyfile", l2tp_import_keyfile_sniff, l2tp_import_keyfile, data,
                      size);
  return 0;
}
