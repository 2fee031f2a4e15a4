// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg from-strace on logs strace writes during the test, of real
 * programs from Debian and of our strace_mix, in each form people record
 * them: strace -f -o, an -ff -o prefix set, -k stacks, stderr mixed with
 * the program's own output, a 32-bit program, a pipe. Each profile must
 * load with no diagnostic and allow exactly the calls strace -c counted
 * in the same run, plus the baseline, in order.
 */
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/sysent.h"
#include "test.h"
#include "test_cmd_from_strace.h"

/* Debian programs; one child at a time, so that a second run makes the
 * same calls (the -ff test compares two runs). */
#define DEBIAN_CMD                                                \
	"/bin/sh -c 'ls -la /usr >/dev/null; sort /etc/hostname " \
	">/dev/null; gzip -c /etc/hostname >/dev/null; "          \
	"/usr/bin/python3 -c \"import json, os; os.getpid()\"'"

/* Run CMD under strace with OPTS into slt_dir/NAME (REDIRECT: "-o" for
 * strace's own option, "2>" for its stderr). */
static void record_to(const char *opts, const char *redirect, const char *name,
		      const char *cmd)
{
	char *line = xasprintf("cd '%s' && strace %s %s %s %s >/dev/null",
			       slt_dir, opts, redirect, name, cmd);

	/* with "2>", strace's options come first, then the command */
	if (redirect[0] == '2') {
		free(line);
		line = xasprintf("cd '%s' && strace %s %s %s%s >/dev/null",
				 slt_dir, opts, cmd, redirect, name);
	}
	slt_sh(line);
	free(line);
}

static void record(const char *opts, const char *name, const char *cmd)
{
	record_to(opts, "-o", name, cmd);
}

/* from-strace on LOG (and OPTS) to out.json, held against the -c table
 * of TABLE. */
static struct profile *check_run(const char *opts, const char *log,
				 const char *table)
{
	char *args = xasprintf("%s -o out.json --report report %s", opts, log);
	struct profile *p;
	char *text;

	CHECK_INT(fst_run(args), 0);
	free(args);
	p = fst_load("out.json", PROFILE_FORMAT_AUTO);
	CHECK_INT(p->format, PROFILE_FORMAT_DOCKER);
	fst_check_names(fst_allow_rule(p), table, true);
	text = fst_read("stderr");
	CHECK_STR(text, ""); /* the report went to its file */
	free(text);
	text = fst_read("report");
	CHECK_CONTAINS(text, "written: out.json\n");
	CHECK_CONTAINS(text, "next: seccompdbg run -p out.json -- CMD");
	fst_check_printable(text);
	free(text);
	return p;
}

TEST(from_strace_live_single_file)
{
	const struct profile_rule *r;
	struct profile *p;
	char *text;

	slt_setup();
	record("-f -C", "log", DEBIAN_CMD);
	p = check_run("", "log", "log");
	r = &p->rules[0];
	/* what naive scraping of the same log loses */
	CHECK(fst_has_name(r, "pread64") && fst_has_name(r, "wait4") &&
	      fst_has_name(r, "getdents64") && fst_has_name(r, "exit_group"));
	text = fst_read("report");
	CHECK_CONTAINS(text, "== strace logs\nread 1 file, ");
	CHECK_CONTAINS(text, "\nx86_64: ");
	CHECK_CONTAINS(text, "\n  wait4 ");
	CHECK_CONTAINS(text, "from the logs, ");
	CHECK_CONTAINS(
		text,
		"architectures: SCMP_ARCH_X86_64 SCMP_ARCH_X86 SCMP_ARCH_X32\n");
	CHECK(!strstr(text, "ignored lines"));
	free(text);
	profile_free(p);
	slt_cleanup();
}

TEST(from_strace_live_ff_prefix_set)
{
	struct profile *p;
	char *text;

	slt_setup();
	record("-ff", "t", DEBIAN_CMD);
	record("-f -C", "c", DEBIAN_CMD);
	/* the prefix, and the files one by one: the same profile */
	p = check_run("", "t", "c");
	profile_free(p);
	CHECK_INT(fst_sh("cp out.json prefix.json"), 0);
	p = check_run("", "t.[0-9]*", "c");
	profile_free(p);
	CHECK_INT(fst_sh("cmp -s out.json prefix.json"), 0);
	/* sh and its four children, at least */
	CHECK_INT(fst_sh("test $(ls t.* | wc -l) -ge 5"), 0);
	text = fst_read("report");
	CHECK(!strstr(text, "read 1 file,"));
	free(text);
	slt_cleanup();
}

TEST(from_strace_live_stack_traces)
{
	struct profile *p;
	char *text;

	slt_setup();
	record("-f -C -k", "log", DEBIAN_CMD);
	p = check_run("", "log", "log");
	text = fst_read("report");
	CHECK(!strstr(text, "ignored lines"));
	free(text);
	profile_free(p);
	slt_cleanup();
}

/* strace on stderr, with the program's output mixed in: strace_mix
 * writes lines that look like strace's, an escape sequence and binary
 * bytes; sh and ls complain. Nothing of it may become a call, and the
 * report shows it escaped. */
TEST(from_strace_live_stderr_with_program_output)
{
	const struct profile_rule *r;
	struct profile *p;
	char *cmd, *text;
	size_t i;

	slt_setup();
	cmd = xasprintf("%s lines thread fork number eperm",
			test_build("progs/strace_mix"));
	record_to("-f -C", "2>", "mix", cmd);
	free(cmd);
	record_to(
		"-f -C", "2>", "sh",
		"/bin/sh -c 'ls /nonexistent; printf \"one\\nclose(3) = 0\\nthree\\n\" >&2'");
	for (i = 0; i < 2; i++) {
		const char *log = i ? "sh" : "mix";

		CHECK_INT(fst_run(log), 0); /* the profile on stdout */
		CHECK_INT(fst_sh("mv stdout out.json"), 0);
		p = fst_load("out.json", PROFILE_FORMAT_AUTO);
		r = fst_allow_rule(p);
		fst_check_names(r, log, true);
		CHECK(!fst_has_name(r, "reboot") && !fst_has_name(r, "mkdir") &&
		      !fst_has_name(r, "kexec_load"));
		text = fst_read("stderr");
		CHECK_CONTAINS(text, "ignored lines: ");
		CHECK_CONTAINS(text, "program output inside a call line");
		CHECK_CONTAINS(text, "written: to standard output\n");
		CHECK_CONTAINS(text, "next: seccompdbg run -p PROFILE -- CMD");
		if (!i) {
			CHECK_CONTAINS(text, ": \"reboot(0xfee1dead, ");
			CHECK_CONTAINS(text, "binary garbage");
			CHECK_CONTAINS(text,
				       "got SIGSYS from seccomp for getppid");
		}
		fst_check_printable(text);
		free(text);
		profile_free(p);
	}
	slt_cleanup();
}

/* A 32-bit program: its calls are named on i386, and the names only i386
 * has (mmap2, ugetrlimit) stay in the profile. */
TEST(from_strace_live_32bit)
{
	const struct profile_rule *r;
	struct profile *p;
	char *cmd, *text;
	size_t i, only32 = 0;

	REQUIRE_IA32_PROGRAMS();
	slt_setup();
	cmd = xasprintf("%s fork exec /bin/true",
			test_build("progs/strace_mix-32"));
	record("-f -C", "log", cmd);
	free(cmd);
	p = check_run("", "log", "log");
	r = &p->rules[0];
	CHECK(fst_has_name(r, "mmap2"));
	CHECK(fst_has_name(r, "set_thread_area"));
	for (i = 0; i < r->nnames; i++)
		only32 += sysent_nr(AUDIT_ARCH_X86_64, r->names[i]) < 0 &&
			  sysent_nr(AUDIT_ARCH_I386, r->names[i]) >= 0;
	CHECK(only32 >= 2);
	text = fst_read("report");
	CHECK_CONTAINS(text, "\nx86: ");
	CHECK_CONTAINS(text, "\n  mmap2 ");
	CHECK(!strstr(text, "does not list"));
	free(text);
	profile_free(p);
	slt_cleanup();
}

/* A log through a pipe (-) gives the profile the file gives. */
TEST(from_strace_live_stdin)
{
	char *a, *b;

	slt_setup();
	record("-f", "log", "/bin/ls -l /");
	CHECK_INT(fst_run("-o file.json log"), 0);
	CHECK_INT(
		fst_sh("cat log | %s/seccompdbg from-strace - >pipe.json 2>stderr",
		       TEST_BUILDDIR),
		0);
	a = fst_read("file.json");
	b = fst_read("pipe.json");
	REQUIRE(a && b);
	CHECK_STR(a, b);
	CHECK_CONTAINS(a, "\"getdents64\",");
	free(a);
	free(b);
	a = fst_read("stderr");
	CHECK_CONTAINS(a, "read 1 file, ");
	free(a);
	slt_cleanup();
}
