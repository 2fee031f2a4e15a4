// SPDX-License-Identifier: Apache-2.0
/* decode: mm.def against glibc's headers. */
#include <sys/mman.h>

#include "test_decode_hdr.h"

TEST(decode_hdr_mm)
{
	const char *table = NULL;

#include "../../src/decode/mm.def"
	CHECK(table != NULL);
}
