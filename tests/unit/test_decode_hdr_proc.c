// SPDX-License-Identifier: Apache-2.0
/* decode: proc.def against glibc's and the kernel's headers. */
#include <asm/prctl.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "test_decode_hdr.h"

TEST(decode_hdr_proc)
{
	const char *table = NULL;

#include "../../src/decode/proc.def"
	CHECK(table != NULL);
}
