// SPDX-License-Identifier: Apache-2.0
/* decode: mount.def against the kernel's headers. */
#include <fcntl.h>
#include <linux/mount.h>

#include "test_decode_hdr.h"

/* linux/mount.h has (1<<31): a shift into int's sign bit, undefined
   behaviour that UBSan stops at (SANITIZE=1). The bit it means: */
#undef MS_NOUSER
#define MS_NOUSER (1u << 31)

TEST(decode_hdr_mount)
{
	const char *table = NULL;

#include "../../src/decode/mount.def"
	CHECK(table != NULL);
}
