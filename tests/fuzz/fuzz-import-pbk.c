/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Windows phone book (.pbk) importer on arbitrary bytes (see
 * import-round-trip.h). */
#include "import-pbk.h"
#include "import-round-trip.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_import_buffer ("pbk", l2tp_import_pbk_sniff, l2tp_import_pbk, data, size);
  return 0;
}
