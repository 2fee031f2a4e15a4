// SPDX-License-Identifier: Apache-2.0
/*
 * why_baseline against reality: strace a dynamically linked program that
 * starts and joins a thread, and check the table lists every call it
 * makes (but the few whose refusal glibc shrugs off), and that every
 * x86_64 start-up entry of the table was really seen. (The table's own
 * shape is checked in tests/unit/test_why.c.)
 */
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/sysent.h"
#include "seccompdbg/why.h"
#include "test.h"

/*
 * Seen at start-up, but glibc carries on when they fail; and the calls
 * the test program makes itself to wait for its join.
 */
static const char *const harmless[] = {"access", "getrandom", "rseq", "gettid",
				       "sched_yield"};

static bool in_table(const char *name)
{
	size_t n, i, j;
	const struct why_need *needs = why_baseline(&n);

	for (i = 0; i < n; i++)
		for (j = 0; needs[i].names[j]; j++)
			if (!strcmp(needs[i].names[j], name))
				return true;
	return false;
}

static bool is_harmless(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(harmless); i++)
		if (!strcmp(harmless[i], name))
			return true;
	return false;
}

TEST(why_baseline_covers_what_glibc_calls)
{
	char log[] = "/tmp/sdbg-baseline-XXXXXX", cmd[4096], line[512];
	char seen[64][32];
	size_t nseen = 0, n, i, j;
	const struct why_need *needs = why_baseline(&n);
	FILE *f;
	int fd = mkstemp(log);

	REQUIRE(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "strace -f -qq -o %s %s", log,
		 test_build("progs/baseline_thread"));
	REQUIRE(system(cmd) == 0);
	f = fopen(log, "r");
	REQUIRE(f);
	while (fgets(line, sizeof(line), f)) {
		char name[32];

		/* "PID  name(" lines only; resumed halves are not calls */
		if (sscanf(line, "%*d %31[a-z0-9_](", name) != 1)
			continue;
		for (i = 0; i < nseen && strcmp(seen[i], name); i++)
			;
		if (i == nseen && nseen < ARRAY_SIZE(seen))
			memcpy(seen[nseen++], name, sizeof(name));
	}
	fclose(f);
	unlink(log);
	CHECK(nseen >= 15);
	for (i = 0; i < nseen; i++)
		if (!in_table(seen[i]) && !is_harmless(seen[i]))
			test_fail(__FILE__, __LINE__,
				  "glibc called %s: not in why_baseline",
				  seen[i]);
	/* And each x86_64 entry was seen under one of its names. */
	for (i = 0; i < n; i++) {
		bool found = false;

		if (needs[i].arch != AUDIT_ARCH_X86_64)
			continue;
		for (j = 0; needs[i].names[j]; j++) {
			size_t k;

			for (k = 0; k < nseen; k++)
				found |= !strcmp(seen[k], needs[i].names[j]);
		}
		if (!found)
			test_fail(
				__FILE__, __LINE__,
				"why_baseline lists %s, which glibc did not call",
				needs[i].names[0]);
	}
}
