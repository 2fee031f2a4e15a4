// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg from-strace: the baseline and --no-baseline, --base and
 * --format, and every way it refuses: bad options (usage, 2), a log that
 * cannot be read (names it, 2), logs without a call (1). A refusal
 * writes nothing: OUT and the report file stay as they were.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "test_cmd_from_strace.h"

static const char *const baseline[] = {"execve", "exit", "exit_group",
				       "restart_syscall", "rt_sigreturn"};

/* A log of /bin/true without its execve and exit_group (strace -e
 * trace=!NAME is one way a log lacks them, strace -p another), so no
 * baseline call is in it. */
static void record_true(void)
{
	char *cmd = xasprintf(
		"cd '%s' && strace -f -C -e 'trace=!execve,exit_group' -o log /bin/true",
		slt_dir);

	slt_sh(cmd);
	free(cmd);
}

/* `from-strace ARGS` fails with STATUS and says WORDS, after its name. */
static void check_refused(const char *args, int status, const char *words)
{
	char *text;

	CHECK_INT(fst_run(args), status);
	text = fst_read("stderr");
	CHECK(str_has_prefix(text, "seccompdbg: from-strace: "));
	CHECK_CONTAINS(text, words);
	free(text);
}

/* A refusal wrote nothing: out.json as it was, no report file. */
static void check_nothing_written(void)
{
	char *text = fst_read("out.json");

	CHECK_STR(text, "old\n");
	free(text);
	CHECK_INT(fst_sh("test ! -e rep"), 0);
}

TEST(from_strace_baseline)
{
	const struct profile_rule *r;
	struct profile *p;
	char *text;
	size_t i;

	slt_setup();
	record_true();
	CHECK_INT(fst_run("-o out.json log"), 0);
	p = fst_load("out.json", PROFILE_FORMAT_AUTO);
	r = fst_allow_rule(p);
	fst_check_names(r, "log", true);
	text = fst_read("stderr");
	CHECK_CONTAINS(text,
		       "baseline: allowed too, though the logs lack them");
	for (i = 0; i < ARRAY_SIZE(baseline); i++) {
		char *line = xasprintf("\n  %-16s ", baseline[i]);

		CHECK(fst_has_name(r, baseline[i]));
		CHECK_CONTAINS(text, line);
		free(line);
	}
	CHECK_CONTAINS(text, " from the logs, 5 baseline)");
	free(text);
	profile_free(p);

	CHECK_INT(fst_run("--no-baseline -o out.json log"), 0);
	p = fst_load("out.json", PROFILE_FORMAT_AUTO);
	r = fst_allow_rule(p);
	fst_check_names(r, "log", false);
	for (i = 0; i < ARRAY_SIZE(baseline); i++)
		CHECK(!fst_has_name(r, baseline[i]));
	text = fst_read("stderr");
	CHECK_CONTAINS(text, "baseline: left out (--no-baseline)");
	CHECK_CONTAINS(text, "\n  exit_group       every process ends");
	free(text);
	profile_free(p);
	slt_cleanup();
}

/* Each bad invocation: status 2, a usage line, nothing written. */
TEST(from_strace_usage_errors)
{
	static const char *const bad[] = {
		"",
		"-o out.json",
		"--bogus log",
		"-q log",
		"--arch vax log",
		"--format yaml log",
		"--format auto log",
		"--base base.json --format oci log",
		"- - <log",
		"-o log log",
		"-o out.json --report out.json log",
		"--report log log",
		"log --report",
	};
	char *text;
	size_t i;

	slt_setup();
	record_true();
	CHECK_INT(fst_sh("cp log base.json"), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		check_refused(bad[i], 2,
			      "usage: seccompdbg from-strace [-o OUT]");
		CHECK_INT(fst_sh("test ! -e out.json && test -s log"), 0);
	}
	CHECK_INT(fst_run("--help"), 0);
	text = fst_read("stdout");
	CHECK(str_has_prefix(text, "usage: seccompdbg from-strace "));
	CHECK_CONTAINS(text, "--no-baseline");
	free(text);
	slt_cleanup();
}

/* A log that is missing or unreadable: named, status 2, OUT unchanged,
 * no report file, though the other log was fine. */
TEST(from_strace_unreadable_log)
{
	static const char *const runs[] = {
		"-o out.json --report rep log missing.log",
		"-o out.json --report rep log logdir",
		"-o out.json --report rep log missing",
	};
	char *text;
	size_t i;

	slt_setup();
	record_true();
	CHECK_INT(fst_sh("echo old >out.json && mkdir logdir"), 0);
	for (i = 0; i < ARRAY_SIZE(runs); i++) {
		check_refused(runs[i], 2, strrchr(runs[i], ' ') + 1);
		check_nothing_written();
	}
	text = fst_read("stderr");
	CHECK_CONTAINS(text, "missing: no such file, and no missing.PID files");
	free(text);
	slt_cleanup();
}

/* Text that is no strace log (a real program's output): status 1, said,
 * the report on stderr, nothing written. */
TEST(from_strace_no_calls)
{
	char *text;

	slt_setup();
	CHECK_INT(
		fst_sh("ls -l /usr >ls.txt && : >empty && echo old >out.json"),
		0);
	CHECK_INT(fst_run("-o out.json --report rep ls.txt empty"), 1);
	text = fst_read("stderr");
	CHECK_CONTAINS(text, "ignored lines: ");
	CHECK_CONTAINS(text, "is this a strace log?");
	CHECK_CONTAINS(
		text,
		"seccompdbg: from-strace: no system call in the logs: nothing written\n");
	free(text);
	check_nothing_written();
	slt_cleanup();
}

/* --format: the new profile in each format, each loading as itself. */
TEST(from_strace_formats)
{
	static const struct {
		const char *arg;
		enum profile_format format;
	} formats[] = {
		{"docker", PROFILE_FORMAT_DOCKER},
		{"moby", PROFILE_FORMAT_DOCKER},
		{"containers", PROFILE_FORMAT_CONTAINERS},
		{"podman", PROFILE_FORMAT_CONTAINERS},
		{"oci", PROFILE_FORMAT_OCI},
	};
	struct profile *p;
	char *args;
	size_t i;

	slt_setup();
	record_true();
	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		args = xasprintf("--format %s -o out.json log", formats[i].arg);
		CHECK_INT(fst_run(args), 0);
		free(args);
		p = fst_load("out.json", formats[i].format);
		CHECK_INT(p->format, formats[i].format);
		fst_check_names(fst_allow_rule(p), "log", true);
		profile_free(p);
		p = fst_load("out.json", PROFILE_FORMAT_AUTO);
		CHECK_INT(p->format, formats[i].format);
		profile_free(p);
	}
	slt_cleanup();
}

/* TEXT without the commas that end lines (in place). */
static char *drop_line_commas(char *text)
{
	char *r = text, *w = text;

	for (; r && *r; r++)
		if (!(r[0] == ',' && r[1] == '\n'))
			*w++ = *r;
	if (w)
		*w = '\0';
	return text;
}

/* Every line of slt_dir/A is in slt_dir/B, in order: B is A with lines
 * added (and a comma after what was a list's last element). */
static void check_lines_kept(const char *a, const char *b)
{
	char *x = drop_line_commas(fst_read(a));
	char *y = drop_line_commas(fst_read(b));
	char *p, *q, *save = NULL;
	size_t kept = 0, lines = 0;

	REQUIRE(x && y);
	/* whole lines only (the last may lack its newline) */
	q = xasprintf("\n%s\n", y);
	free(y);
	y = q;
	for (p = strtok_r(x, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		char *line = xasprintf("\n%s\n", p);
		char *at = strstr(q, line);

		lines++;
		if (at) {
			kept++;
			q = at + strlen(line) - 1;
		}
		free(line);
	}
	CHECK_INT(kept, lines);
	free(x);
	free(y);
}

/* slt_dir/NAME loaded with no error, and the diagnostics of moby's
 * default.json (as the base) and no others. */
static struct profile *load_as_base(const char *name)
{
	char *path = xasprintf("%s/%s", slt_dir, name);
	struct profile *p = NULL, *base = NULL;
	size_t i;

	REQUIRE(profile_load(path, PROFILE_FORMAT_AUTO, &p, NULL) == 0);
	REQUIRE(profile_load(test_data("profiles/moby-default.json"),
			     PROFILE_FORMAT_AUTO, &base, NULL) == 0);
	CHECK(!profile_has_errors(p));
	REQUIRE(p->ndiags == base->ndiags);
	for (i = 0; i < p->ndiags; i++)
		CHECK_STR(p->diags[i].message, base->diags[i].message);
	profile_free(base);
	free(path);
	return p;
}

/* The first plain allow rule of P, which --base adds to. */
static const struct profile_rule *plain_allow(const struct profile *p)
{
	size_t i;

	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].action == PROFILE_ACT_ALLOW &&
		    !p->rules[i].nargs && !p->rules[i].includes.present &&
		    !p->rules[i].excludes.present)
			return &p->rules[i];
	return NULL;
}

/* --base: moby's default profile gains what unshare -U needs (unshare is
 * allowed there only with CAP_SYS_ADMIN), its layout and every line
 * kept; the base file itself is not touched; a second run adds nothing. */
TEST(from_strace_base_moby)
{
	const struct profile_rule *r;
	struct profile *p;
	char *cmd, *text;

	slt_setup();
	cmd = xasprintf(
		"cd '%s' && strace -f -C -o log unshare -U /bin/true && cp '%s' base.json",
		slt_dir, test_data("profiles/moby-default.json"));
	slt_sh(cmd);
	free(cmd);
	CHECK_INT(fst_run("--base base.json -o out.json log"), 0);
	CHECK_INT(fst_sh("cmp -s base.json '%s'",
			 test_data("profiles/moby-default.json")),
		  0);
	check_lines_kept("base.json", "out.json");
	/* moby's own warnings (names libseccomp 2.5.4 does not know), and
	   not one more */
	p = load_as_base("out.json");
	CHECK_INT(p->format, PROFILE_FORMAT_DOCKER);
	r = plain_allow(p);
	REQUIRE(r);
	CHECK(fst_has_name(r, "unshare"));
	CHECK(fst_has_name(r, "exit_group"));
	profile_free(p);
	text = fst_read("stderr");
	CHECK_CONTAINS(text, "added to base.json (docker), ");
	CHECK_CONTAINS(text, " unshare\n");
	CHECK_CONTAINS(text, "architectures: those of its archMap\n");
	free(text);

	CHECK_INT(fst_run("--base out.json -o again.json log"), 0);
	CHECK_INT(fst_sh("cmp -s out.json again.json"), 0);
	text = fst_read("stderr");
	CHECK_CONTAINS(text, "allowed: 0 system calls added to out.json");
	free(text);
	slt_cleanup();
}

/* --base with an OCI config.json (made by --format oci from one log):
 * the other log's calls join its one rule, and it stays a config.json. */
TEST(from_strace_base_oci)
{
	struct profile *p;
	char *cmd;

	slt_setup();
	record_true();
	cmd = xasprintf("cd '%s' && strace -f -C -o ulog unshare -U /bin/true",
			slt_dir);
	slt_sh(cmd);
	free(cmd);
	CHECK_INT(fst_run("--format oci -o base.json log"), 0);
	CHECK_INT(fst_run("--base base.json -o out.json ulog"), 0);
	check_lines_kept("base.json", "out.json");
	p = fst_load("out.json", PROFILE_FORMAT_OCI);
	CHECK(fst_has_name(fst_allow_rule(p), "unshare"));
	CHECK(fst_has_name(fst_allow_rule(p), "exit_group"));
	profile_free(p);
	slt_cleanup();
}

/* A --base that cannot be used: missing (2); not JSON, with an error a
 * runtime would refuse (shown), or unconfined (1). OUT stays as it was. */
TEST(from_strace_bad_base)
{
	static const struct {
		const char *text; /* NULL: no such file */
		int status;
		const char *says;
	} bases[] = {
		{NULL, 2, "base.json"},
		{"{\"defaultAction\": ", 1, "base.json:1:"},
		{"{\"defaultAction\": \"SCMP_ACT_ALOW\", \"syscalls\": []}", 1,
		 "SCMP_ACT_ALLOW"},
		{"{}", 1, "is unconfined"},
	};
	size_t i;

	slt_setup();
	record_true();
	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		CHECK_INT(fst_sh("rm -f base.json && echo old >out.json"), 0);
		if (bases[i].text)
			CHECK_INT(fst_sh("printf '%%s' '%s' >base.json",
					 bases[i].text),
				  0);
		check_refused("--base base.json -o out.json log",
			      bases[i].status, bases[i].says);
		check_nothing_written();
	}
	slt_cleanup();
}

/* --arch: a log read as another machine's ABI; the profile, made for
 * this host's family, does not list it, and the report says so. */
TEST(from_strace_foreign_arch)
{
	struct profile *p;
	char *text;

	slt_setup();
	record_true();
	CHECK_INT(fst_run("--arch aarch64 -o out.json log"), 0);
	text = fst_read("stderr");
	CHECK_CONTAINS(text, "\naarch64: ");
	CHECK_CONTAINS(
		text,
		"warning: the logs ran as aarch64, which the profile does not list");
	CHECK_CONTAINS(text, "(add SCMP_ARCH_AARCH64 to its architectures)");
	CHECK_CONTAINS(
		text, "arch_prctl: no system call libseccomp knows on aarch64");
	free(text);
	p = fst_load("out.json", PROFILE_FORMAT_AUTO);
	CHECK(!fst_has_name(fst_allow_rule(p), "arch_prctl"));
	CHECK(fst_has_name(fst_allow_rule(p), "mmap"));
	profile_free(p);
	CHECK_INT(fst_run("-o out.json log"), 0);
	text = fst_read("stderr");
	CHECK(!strstr(text, "does not list"));
	free(text);
	slt_cleanup();
}

/* Logs that meet every need: nothing is added, and the report says so.
 * Written by hand: a short real run rarely shows restart_syscall (it
 * takes a stop in the middle of a sleep). */
TEST(from_strace_baseline_all_seen)
{
	static const char log[] =
		"execve(\"/bin/x\", [\"x\"], 0x7ffd3a2c /* 1 var */) = 0\n"
		"rt_sigreturn({mask=[]}) = 0\n"
		"restart_syscall(<... resuming interrupted clock_nanosleep ...>) = 0\n"
		"exit(0) = ?\n"
		"exit_group(0) = ?\n";
	struct profile *p;
	char *text;

	slt_setup();
	CHECK_INT(fst_sh("printf '%%s' '%s' >log", log), 0);
	CHECK_INT(fst_run("-o out.json log"), 0);
	text = fst_read("stderr");
	CHECK_CONTAINS(
		text,
		"baseline: the logs show execve or execveat, exit, exit_group, rt_sigreturn, restart_syscall: all a program needs everywhere\n");
	CHECK_CONTAINS(text, "(5 from the logs, 0 baseline)");
	free(text);
	p = fst_load("out.json", PROFILE_FORMAT_AUTO);
	CHECK_INT(fst_allow_rule(p)->nnames, 5);
	profile_free(p);
	slt_cleanup();
}
