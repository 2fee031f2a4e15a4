// SPDX-License-Identifier: Apache-2.0
/*
 * Helpers of the unwind tests that run tests/progs/unwind_target (live
 * ptrace runs, NOTIFY runs): the target's marked lines and hints.
 */
#include <limits.h>
#include <seccomp.h>
#include <unistd.h>

#include "test.h"
#include "test_unwind_target.h"

unsigned target_line(const char *mark)
{
	char path[PATH_MAX], buf[512];
	unsigned n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/progs/unwind_target.c",
		 TEST_SRCDIR);
	f = fopen(path, "r");
	REQUIRE(f);
	while (fgets(buf, sizeof(buf), f)) {
		n++;
		if (strstr(buf, mark)) {
			fclose(f);
			return n;
		}
	}
	fclose(f);
	REQUIRE(!"marker not found");
	return 0;
}

void target_check_hint(const char *file, int line, const char *hint,
		       const char *func, const char *mark)
{
	char want[256];

	snprintf(want, sizeof(want),
		 "unwind_target.c:%u in %s (called unshare via libc unshare+",
		 target_line(mark), func);
	if (!hint || strncmp(hint, want, strlen(want)) != 0 ||
	    hint[strlen(hint) - 1] != ')')
		test_fail(file, line, "hint \"%s\"\n    expected \"%s...)\"",
			  hint ? hint : "(null)", want);
}

int target_filter(uint32_t action)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);

	if (!ctx)
		_exit(122);
	/* -EEXIST for the native one: harmless. */
	seccomp_arch_add(ctx, SCMP_ARCH_X86);
	if (seccomp_rule_add(ctx, action, SCMP_SYS(unshare), 0) ||
	    seccomp_load(ctx))
		_exit(122);
	return action == SCMP_ACT_NOTIFY ? seccomp_notify_fd(ctx) : 0;
}
