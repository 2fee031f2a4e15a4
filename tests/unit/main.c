// SPDX-License-Identifier: Apache-2.0
/*
 * The unit-test runner: runs every registered test (or those whose name
 * contains one of the arguments) in a forked child and prints
 * "N passed, N failed". Exit status 1 when anything failed.
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

#ifndef TEST_SRCDIR
#error "TEST_SRCDIR must name the source tree"
#endif
#ifndef TEST_BUILDDIR
#error "TEST_BUILDDIR must name the build tree"
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
	_exit(failures ? 1 : 0);
}

const char *test_data(const char *rel)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/tests/data/%s", TEST_SRCDIR, rel);
	return path;
}

const char *test_build(const char *rel)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/tests/%s", TEST_BUILDDIR, rel);
	return path;
}

const char *test_seccompdbg(void)
{
	return TEST_BUILDDIR "/seccompdbg";
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			cap = (len + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		n = fread(buf + len, 1, 4096, f);
		len += n;
	} while (n);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

int test_sh(const char *cmd, char **out, char **err)
{
	char ofile[] = "/tmp/sdbg-test-out-XXXXXX";
	char efile[] = "/tmp/sdbg-test-err-XXXXXX";
	char *line;
	int ofd = mkstemp(ofile), efd = mkstemp(efile), status;

	if (ofd < 0 || efd < 0)
		abort();
	close(ofd);
	close(efd);
	if (asprintf(&line, "{ %s\n} >%s 2>%s", cmd, ofile, efile) < 0)
		abort();
	status = system(line);
	free(line);
	if (out)
		*out = slurp(ofile);
	if (err)
		*err = slurp(efile);
	unlink(ofile);
	unlink(efile);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

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

TEST(selftest_failure_is_reported)
{
	char cmd[PATH_MAX + 128];
	char line[256] = "", last[256] = "";
	FILE *f;
	int status;

	snprintf(
		cmd, sizeof(cmd),
		"SECCOMPDBG_TEST_MUST_FAIL=1 %s/tests/unit-tests selftest_must_fail 2>&1",
		TEST_BUILDDIR);
	f = popen(cmd, "r");
	REQUIRE(f);
	while (fgets(line, sizeof(line), f))
		memcpy(last, line, sizeof(last));
	status = pclose(f);
	CHECK_STR(last, "0 passed, 1 failed\n");
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 1);
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

int main(int argc, char **argv)
{
	size_t i, passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
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
