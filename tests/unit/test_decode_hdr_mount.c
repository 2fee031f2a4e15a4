// SPDX-License-Identifier: Apache-2.0
/* decode: mount.def against the kernel's headers. */
#include <fcntl.h>
#include <linux/mount.h>

#include "test_decode_hdr.h"

TEST(decode_hdr_mount)
{
	const char *table = NULL;

#include "../../src/decode/mount.def"
	CHECK(table != NULL);
}
