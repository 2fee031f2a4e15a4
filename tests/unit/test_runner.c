// SPDX-License-Identifier: Apache-2.0
/*
 * The runner's own test: a test made to fail must be reported as failed,
 * with a non-zero exit status, so the suite cannot pass by not looking;
 * a test that skips is counted apart, with its reason, and a test that
 * failed before it tried to skip stays failed.
 * The run is test_run() in a forked child, its output read from a pipe
 * (no program is started: this is a unit test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

/*
 * A test that must fail: it only runs when asked for by name with
 * SECCOMPDBG_TEST_MUST_FAIL=1, and the self-test below checks that the
 * runner then reports the failure and exits non-zero.
 */
TEST(selftest_must_fail)
{
	if (!getenv("SECCOMPDBG_TEST_MUST_FAIL"))
		return;
	CHECK_INT(1 + 1, 3);
}

/* Skips when asked for by name, saying why; fails first when told to. */
TEST(selftest_must_skip)
{
	if (!getenv("SECCOMPDBG_TEST_MUST_FAIL"))
		return;
	if (getenv("SECCOMPDBG_TEST_FAIL_FIRST"))
		CHECK_INT(2 + 2, 5);
	test_skip("the machine lacks %s", "nothing");
}

/* test_run(NAME) in a child, its output into a pipe; the child's pid. */
static pid_t run_in_child(const char *name, FILE **out)
{
	char *argv[] = {(char *)"unit-tests", (char *)name, NULL};
	int fds[2];
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		setenv("SECCOMPDBG_TEST_MUST_FAIL", "1", 1);
		_exit(test_run(2, argv));
	}
	close(fds[1]);
	*out = fdopen(fds[0], "r");
	return pid;
}

/* Run NAME as above: its whole output, and its exit status. */
static int run_named(const char *name, char *out, size_t size)
{
	FILE *f = NULL;
	size_t n = 0;
	int status = -1;
	pid_t pid = run_in_child(name, &f);

	if (pid <= 0 || !f)
		return -1;
	while (n + 1 < size && fgets(out + n, (int)(size - n), f))
		n += strlen(out + n);
	fclose(f);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST(selftest_failure_is_reported)
{
	char out[4096] = "";

	CHECK_INT(run_named("selftest_must_fail", out, sizeof(out)), 1);
	CHECK_CONTAINS(out, "0 skipped\n0 passed, 1 failed\n");
}

TEST(selftest_skip_is_counted_with_its_reason)
{
	char out[4096] = "";

	CHECK_INT(run_named("selftest_must_skip", out, sizeof(out)), 0);
	CHECK_CONTAINS(out, "    skipped: the machine lacks nothing\n");
	CHECK_CONTAINS(out, "skip selftest_must_skip\n");
	CHECK_CONTAINS(out, "1 skipped\n0 passed, 0 failed\n");
	setenv("SECCOMPDBG_TEST_FAIL_FIRST", "1", 1);
	CHECK_INT(run_named("selftest_must_skip", out, sizeof(out)), 1);
	unsetenv("SECCOMPDBG_TEST_FAIL_FIRST");
	CHECK_CONTAINS(out, "0 skipped\n0 passed, 1 failed\n");
}
