// SPDX-License-Identifier: Apache-2.0
/*
 * The runner's own test: a test made to fail must be reported as failed,
 * with a non-zero exit status, so the suite cannot pass by not looking.
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

TEST(selftest_failure_is_reported)
{
	char line[256] = "", last[256] = "";
	FILE *f = NULL;
	int status;
	pid_t pid = run_in_child("selftest_must_fail", &f);

	REQUIRE(pid > 0 && f);
	while (fgets(line, sizeof(line), f))
		memcpy(last, line, sizeof(last));
	fclose(f);
	REQUIRE(waitpid(pid, &status, 0) == pid);
	CHECK_STR(last, "0 passed, 1 failed\n");
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 1);
}
