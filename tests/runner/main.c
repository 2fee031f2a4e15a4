// SPDX-License-Identifier: Apache-2.0
/*
 * The test runner of the C suites (tests/unit, tests/system): runs every
 * registered test (or those whose name contains one of the arguments)
 * in a forked child and prints "N passed, N failed". Exit status 1 when
 * anything failed.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#if TEST_SANITIZED
#include <sanitizer/lsan_interface.h>
#endif

#ifndef TEST_SRCDIR
#error "TEST_SRCDIR must name the source tree"
#endif

struct test {
	const char *name;
	const char *file;
	test_fn fn;
};

static struct test tests[2048];
static size_t ntests;
static int failures;

void test_register(const char *name, const char *file, test_fn fn)
{
	if (ntests == sizeof(tests) / sizeof(tests[0])) {
		fprintf(stderr, "too many tests\n");
		exit(2);
	}
	tests[ntests++] = (struct test){name, file, fn};
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stdout, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	failures++;
}

void test_end(void)
{
	fflush(stdout);
#if TEST_SANITIZED
	/* _exit skips LeakSanitizer's check at exit: a test that passed
	   must also have freed what it made (a failed one may stop half
	   way) */
	if (!failures)
		__lsan_do_leak_check();
#endif
	_exit(failures ? 1 : 0);
}

const char *test_data(const char *rel)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/tests/data/%s", TEST_SRCDIR, rel);
	return path;
}

static bool selected(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return strcmp(name, "selftest_must_fail") != 0 ||
		       getenv("SECCOMPDBG_TEST_MUST_FAIL");
	for (i = 1; i < argc; i++)
		if (strstr(name, argv[i]))
			return true;
	return false;
}

static int run_one(const struct test *t)
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		alarm(120);
		t->fn();
		test_end();
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status)) {
		printf("    killed by signal %d (%s)\n", WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
		return 1;
	}
	return WEXITSTATUS(status) != 0;
}

int test_run(int argc, char **argv)
{
	size_t i, passed = 0, failed = 0;

	for (i = 0; i < ntests; i++) {
		const struct test *t = &tests[i];

		if (!selected(t->name, argc, argv))
			continue;
		if (run_one(t)) {
			printf("FAIL %s (%s)\n", t->name, t->file);
			failed++;
		} else {
			printf("ok   %s\n", t->name);
			passed++;
		}
	}
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	return test_run(argc, argv);
}
