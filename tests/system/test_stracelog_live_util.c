// SPDX-License-Identifier: Apache-2.0
/*
 * Helpers of the stracelog live tests: see test_stracelog_live.h.
 *
 * strace -c counts a call when it returns; the reader counts it when it
 * starts. So the reader's calls - unreturned (exit_group, calls a death
 * interrupted) must equal strace's calls, and its failures strace's
 * errors, name by name and ABI by ABI.
 */
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "seccompdbg/util.h"
#include "test.h"
#include "test_stracelog_live.h"

char slt_dir[] = "/tmp/stracelog-live-XXXXXX";

void slt_setup(void)
{
	REQUIRE(mkdtemp(slt_dir));
}

void slt_cleanup(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", slt_dir);
	CHECK_INT(system(cmd), 0);
}

/* Run the shell line CMD; a test fails when it could not run. */
void slt_sh(const char *cmd)
{
	/* The traced programs' stderr, and the shell's "Bad system call"
	 * when a seccomp filter kills one, would only clutter the run. */
	char *line = xasprintf("{ %s ; } 2>/dev/null", cmd);
	int rc = system(line);

	free(line);

	if (rc == -1 || !WIFEXITED(rc))
		test_fail(__FILE__, __LINE__, "%s: status %#x", cmd, rc);
}

static char *slt_slurp(const char *name)
{
	char path[512], *data = NULL;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", slt_dir, name);
	if (read_file(path, 1 << 28, &data, &len, NULL))
		test_fail(__FILE__, __LINE__, "cannot read %s", path);
	return data;
}

/* The -c table at the end of the log NAME: one row per (ABI, name). */
size_t slt_summary(const char *name, struct slt_row *rows, size_t max)
{
	char *text = slt_slurp(name), *line, *save = NULL;
	uint32_t arch = AUDIT_ARCH_X86_64;
	bool in_table = false;
	size_t n = 0;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char nm[48];
		unsigned long f[5];
		double pct, secs;
		int k;

		if (strstr(line, "usage summary for 32 bit mode"))
			arch = AUDIT_ARCH_I386;
		if (!strncmp(line, "% time", 6))
			in_table = true;
		if (!in_table || n == max)
			continue;
		k = sscanf(line, "%lf %lf %lu %lu %lu %47s", &pct, &secs, &f[0],
			   &f[1], &f[2], nm);
		if (k == 4) /* no errors column */
			k = sscanf(line, "%lf %lf %lu %lu %47s", &pct, &secs,
				   &f[0], &f[1], nm),
			f[2] = 0;
		else if (k != 6)
			continue;
		if (!strcmp(nm, "total"))
			continue;
		rows[n].arch = arch;
		snprintf(rows[n].name, sizeof(rows[n].name), "%s", nm);
		rows[n].calls = f[1];
		rows[n++].errors = f[2];
	}
	free(text);
	return n;
}

/* Every row of strace's table matches ours, and we have nothing more. */
void slt_check_counts(const struct stracelog *log, const struct slt_row *rows,
		      size_t nrows)
{
	const struct stracelog_syscall *c;
	size_t n, i, j;

	CHECK(nrows > 10);
	for (i = 0; i < nrows; i++) {
		c = stracelog_find(log, rows[i].arch, rows[i].name);
		if (!c) {
			test_fail(__FILE__, __LINE__, "%s (%#x) not found",
				  rows[i].name, rows[i].arch);
			continue;
		}
		if (c->calls - c->unreturned != rows[i].calls ||
		    c->failed != rows[i].errors)
			test_fail(
				__FILE__, __LINE__,
				"%s: %lu calls (%lu unreturned), %lu failed; strace -c: %lu calls, %lu errors",
				c->name, c->calls, c->unreturned, c->failed,
				rows[i].calls, rows[i].errors);
	}
	c = stracelog_syscalls(log, &n);
	for (i = 0; i < n; i++) {
		for (j = 0; j < nrows; j++)
			if (rows[j].arch == c[i].arch->token &&
			    !strcmp(rows[j].name, c[i].name))
				break;
		if (j == nrows && c[i].calls != c[i].unreturned)
			test_fail(__FILE__, __LINE__, "%s: not in strace -c",
				  c[i].name);
	}
}

struct stracelog *slt_read_logs(const char *name)
{
	struct stracelog *log = stracelog_new(NULL);
	char path[512];
	struct err err;

	snprintf(path, sizeof(path), "%s/%s", slt_dir, name);
	if (stracelog_read_path(log, path, &err))
		test_fail(__FILE__, __LINE__, "%s", err.msg);
	stracelog_finish(log);
	return log;
}

void slt_check_same_run(const char *name)
{
	static struct slt_row rows[1024];
	size_t n = slt_summary(name, rows, ARRAY_SIZE(rows));
	struct stracelog *log = slt_read_logs(name);

	slt_check_counts(log, rows, n);
	stracelog_free(log);
}

bool slt_has_exe(const struct stracelog *log, const char *suffix)
{
	const struct stracelog_process *p;
	size_t n, i;

	p = stracelog_processes(log, &n);
	for (i = 0; i < n; i++)
		if (p[i].exe && strlen(p[i].exe) >= strlen(suffix) &&
		    !strcmp(p[i].exe + strlen(p[i].exe) - strlen(suffix),
			    suffix))
			return true;
	return false;
}
