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

/* A test's exit status when it skipped (automake's convention). */
#define TEST_EXIT_SKIP 77

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

void test_skip(const char *fmt, ...)
{
	va_list ap;

	if (failures)
		test_end();
	fputs("    skipped: ", stdout);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	_exit(TEST_EXIT_SKIP);
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
		return (strcmp(name, "selftest_must_fail") != 0 &&
			strcmp(name, "selftest_must_skip") != 0) ||
		       getenv("SECCOMPDBG_TEST_MUST_FAIL");
	for (i = 1; i < argc; i++)
		if (strstr(name, argv[i]))
			return true;
	return false;
}

/* 0 passed, 1 failed, 2 skipped. */
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
	if (WEXITSTATUS(status) == TEST_EXIT_SKIP)
		return 2;
	return WEXITSTATUS(status) != 0;
}

int test_run(int argc, char **argv)
{
	size_t i, passed = 0, failed = 0, skipped = 0;

	for (i = 0; i < ntests; i++) {
		const struct test *t = &tests[i];
		int r;

		if (!selected(t->name, argc, argv))
			continue;
		r = run_one(t);
		if (r == 1) {
			printf("FAIL %s (%s)\n", t->name, t->file);
			failed++;
		} else if (r == 2) {
			printf("skip %s\n", t->name);
			skipped++;
		} else {
			printf("ok   %s\n", t->name);
			passed++;
		}
	}
	printf("%zu skipped\n%zu passed, %zu failed\n", skipped, passed,
	       failed);
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	return test_run(argc, argv);
}
