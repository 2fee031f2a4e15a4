// SPDX-License-Identifier: Apache-2.0
/*
 * What only the system tests may use: the programs built under build/
 * (the test programs, seccompdbg itself) and a shell. The unit tests are
 * built without these (test.h declares them under TEST_SYSTEM), so a
 * unit test cannot start a program.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
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
