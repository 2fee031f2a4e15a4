// SPDX-License-Identifier: Apache-2.0
/*
 * trace: the module's tables without a tracee: the ABI numbers the kill
 * emulation uses (checked against libseccomp). (The tracee maps are
 * util's struct hmap: test_util_hmap.c; the ids read from /proc are in
 * tests/system/test_trace_procs.c.)
 */
#include <seccomp.h>
#include <stdlib.h>

#include "../../src/trace/internal.h"
#include "test.h"

TEST(trace_abi_numbers_match_libseccomp)
{
	size_t n, i;
	const struct trace_abi *a = trace_abis(&n);

	CHECK_INT(n, 3);
	for (i = 0; i < n; i++) {
		uint32_t arch = seccomp_arch_resolve_name(a[i].name);

		REQUIRE(arch != 0);
		CHECK_INT(a[i].nr_seccomp,
			  seccomp_syscall_resolve_name_arch(arch, "seccomp"));
		/* x32 reports as x86_64 and marks its numbers instead. */
		if (strcmp(a[i].name, "x32"))
			CHECK_U64(a[i].token, arch);
		CHECK_INT(a[i].ptr_size, strcmp(a[i].name, "x86_64") ? 4 : 8);
	}
}
