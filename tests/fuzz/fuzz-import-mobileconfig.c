/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Apple .mobileconfig importer on arbitrary bytes, XML, binary or signed
 * (see import-round-trip.h). */
#include "import-mobileconfig.h"
#include "import-round-trip.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_import_buffer ("mobileconfig", l2tp_import_mobileconfig_sniff,
                      l2tp_import_mobileconfig, data, size);
  return 0;
}
