// SPDX-License-Identifier: Apache-2.0
/* decode: misc.def against glibc's and the kernel's headers. */
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>
#include <linux/userfaultfd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/pidfd.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

#include "test_decode_hdr.h"

TEST(decode_hdr_misc)
{
	const char *table = NULL;

#include "../../src/decode/misc.def"
	CHECK(table != NULL);
}
