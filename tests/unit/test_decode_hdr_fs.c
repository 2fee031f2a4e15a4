// SPDX-License-Identifier: Apache-2.0
/* decode: fs.def against glibc's and the kernel's headers. */
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "test_decode_hdr.h"

TEST(decode_hdr_fs)
{
	const char *table = NULL;

#include "../../src/decode/fs.def"
	CHECK(table != NULL);
}
