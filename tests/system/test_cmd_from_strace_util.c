// SPDX-License-Identifier: Apache-2.0
/*
 * Helpers of the from-strace tests: see test_cmd_from_strace.h.
 *
 * strace -c leaves out calls that never return (exit_group), and
 * from-strace adds exit_group to every profile unless --no-baseline: so
 * the profile's names are the table's plus the baseline, exactly.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "seccompdbg/sysent.h"
#include "test.h"
#include "test_cmd_from_strace.h"

static const char *const baseline[] = {"execve", "exit", "exit_group",
				       "restart_syscall", "rt_sigreturn"};

int fst_sh(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	int rc;

	strbuf_addf(&sb, "cd '%s' && { ", slt_dir);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strbuf_adds(&sb, " ; }");
	rc = system(strbuf_str(&sb));
	strbuf_release(&sb);
	return rc != -1 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

int fst_run(const char *args)
{
	return fst_sh("%s/seccompdbg from-strace %s >stdout 2>stderr",
		      TEST_BUILDDIR, args);
}

char *fst_read(const char *name)
{
	char *path = xasprintf("%s/%s", slt_dir, name), *data = NULL;
	size_t len;

	if (read_file(path, 1 << 26, &data, &len, NULL) < 0)
		data = NULL;
	free(path);
	return data;
}

struct profile *fst_load(const char *name, enum profile_format format)
{
	char *path = xasprintf("%s/%s", slt_dir, name);
	struct strbuf sb = STRBUF_INIT;
	struct profile *p = NULL;
	struct err err;
	size_t i;

	if (profile_load(path, format, &p, &err) < 0)
		test_fail(__FILE__, __LINE__, "%s", err.msg);
	free(path);
	REQUIRE(p);
	for (i = 0; i < p->ndiags; i++) {
		strbuf_reset(&sb);
		profile_diag_format(p, &p->diags[i], &sb);
		test_fail(__FILE__, __LINE__, "%s", strbuf_str(&sb));
	}
	strbuf_release(&sb);
	return p;
}

const struct profile_rule *fst_allow_rule(const struct profile *p)
{
	const struct profile_rule *r;

	CHECK_INT(p->default_action, PROFILE_ACT_ERRNO);
	CHECK(p->has_default_errno);
	CHECK_INT(p->default_errno, 1);
	REQUIRE(p->narchitectures == 3);
	CHECK_STR(p->architectures[0], "SCMP_ARCH_X86_64");
	CHECK_STR(p->architectures[1], "SCMP_ARCH_X86");
	CHECK_STR(p->architectures[2], "SCMP_ARCH_X32");
	REQUIRE(p->nrules == 1);
	r = &p->rules[0];
	CHECK_INT(r->action, PROFILE_ACT_ALLOW);
	CHECK_INT(r->nargs, 0);
	CHECK(!r->includes.present && !r->excludes.present);
	return r;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The table's known names and the baseline, sorted, each once. */
static size_t expected_names(const char *log, bool with_baseline,
			     char (*out)[48], size_t max)
{
	static struct slt_row rows[1024];
	size_t nrows = slt_summary(log, rows, ARRAY_SIZE(rows));
	char *v[1024 + ARRAY_SIZE(baseline)];
	size_t i, n = 0, k = 0;

	CHECK(nrows > 10);
	for (i = 0; i < nrows; i++)
		if (sysent_is_known(rows[i].name))
			v[n++] = rows[i].name;
	for (i = 0; with_baseline && i < ARRAY_SIZE(baseline); i++)
		v[n++] = (char *)baseline[i];
	qsort(v, n, sizeof(v[0]), cmp_str);
	for (i = 0; i < n && k < max; i++)
		if (!k || strcmp(out[k - 1], v[i]))
			snprintf(out[k++], sizeof(out[0]), "%s", v[i]);
	return k;
}

void fst_check_names(const struct profile_rule *rule, const char *log,
		     bool baseline_too)
{
	static char want[1024][48];
	size_t n = expected_names(log, baseline_too, want, ARRAY_SIZE(want));
	size_t i, j;

	for (i = 1; i < rule->nnames; i++)
		if (strcmp(rule->names[i - 1], rule->names[i]) >= 0)
			test_fail(__FILE__, __LINE__,
				  "names out of order: %s %s",
				  rule->names[i - 1], rule->names[i]);
	for (i = 0; i < n; i++)
		if (!fst_has_name(rule, want[i]))
			test_fail(__FILE__, __LINE__, "%s: not in the profile",
				  want[i]);
	for (i = 0; i < rule->nnames; i++) {
		for (j = 0; j < n && strcmp(want[j], rule->names[i]); j++)
			;
		if (j == n)
			test_fail(__FILE__, __LINE__,
				  "%s: in the profile, not in strace -c",
				  rule->names[i]);
	}
}

bool fst_has_name(const struct profile_rule *rule, const char *name)
{
	size_t i;

	for (i = 0; i < rule->nnames; i++)
		if (!strcmp(rule->names[i], name))
			return true;
	return false;
}

void fst_check_printable(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	for (; s && *s; s++)
		if ((*s < 0x20 && *s != '\n') || *s >= 0x7f) {
			test_fail(__FILE__, __LINE__, "raw byte %#x", *s);
			return;
		}
}
