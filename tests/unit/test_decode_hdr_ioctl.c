// SPDX-License-Identifier: Apache-2.0
/* decode: ioctl.def against the kernel's headers. */
#include <linux/fs.h>
#include <linux/if_tun.h>
#include <linux/loop.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/random.h>
#include <linux/seccomp.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>

#include "test_decode_hdr.h"

TEST(decode_hdr_ioctl)
{
	const char *table = NULL;

#include "../../src/decode/ioctl.def"
	CHECK(table != NULL);
}
