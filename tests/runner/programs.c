// SPDX-License-Identifier: Apache-2.0
/*
 * What only the system tests may use: the programs built under build/
 * (the test programs, seccompdbg itself) and a shell. The unit tests are
 * built without these (test.h declares them under TEST_SYSTEM), so a
 * unit test cannot start a program.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#ifndef TEST_BUILDDIR
#error "TEST_BUILDDIR must name the build tree"
#endif

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

/*
 * Under the sanitizers, a report in what CMD wrote to stderr (in FILE)
 * fails the test even when CMD was expected to fail: UBSan's go nowhere
 * else (tests/run-all).
 */
static void sanitizer_check(const char *cmd, const char *file)
{
	char *text;

	if (!TEST_SANITIZED)
		return;
	text = slurp(file);
	if (text &&
	    (strstr(text, "runtime error:") || strstr(text, "Sanitizer")))
		test_fail(__FILE__, __LINE__, "a sanitizer report from %s:\n%s",
			  cmd, text);
	free(text);
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
	sanitizer_check(cmd, efile);
	if (err)
		*err = slurp(efile);
	unlink(ofile);
	unlink(efile);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* How a probe's child ended, as the reason a test is skipped. */
static const char *ended(int status, int exec_errno)
{
	static char why[128];

	if (exec_errno)
		snprintf(why, sizeof(why), "execve: %s", strerror(exec_errno));
	else if (WIFSIGNALED(status))
		snprintf(why, sizeof(why), "killed by SIG%s",
			 sigabbrev_np(WTERMSIG(status)) ?: "a signal");
	else
		snprintf(why, sizeof(why), "exit status %d",
			 WEXITSTATUS(status));
	return why;
}

/* Fork: the child runs FN (which exits); its status, and what errno
 * the child's execve failed with (0: none) through a pipe. */
static int probe(void (*fn)(int fd), int *exec_errno)
{
	int p[2], status = 0;
	pid_t pid;

	*exec_errno = 0;
	if (pipe2(p, O_CLOEXEC) < 0)
		abort();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		fn(p[1]);
	}
	close(p[1]);
	if (read(p[0], exec_errno, sizeof(*exec_errno)) != sizeof(*exec_errno))
		*exec_errno = 0;
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

static void run_32bit(int fd)
{
	const char *path = test_build("progs/live_calls-32");
	int e;

	execl(path, path, "exit", (char *)NULL);
	e = errno;
	if (write(fd, &e, sizeof(e)) < 0) {
		/* the parent sees a failed exit anyway */
	}
	_exit(127);
}

static void run_int80(int fd)
{
	long ret;

	(void)fd;
	/* i386 getpid is 20 */
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	_exit(ret == getpid() ? 0 : 1);
}

bool test_has_ia32_programs(const char **why)
{
	int e, status = probe(run_32bit, &e);

	*why = ended(status, e);
	return !e && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool test_has_int80(const char **why)
{
	int e, status = probe(run_int80, &e);

	*why = ended(status, e);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
