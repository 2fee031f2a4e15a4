// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg from-strace: strace logs in, a Docker profile out.
 *
 * stracelog reads the logs; from_strace_names.c picks the calls to allow
 * (every one the logs show, on any ABI, plus a small baseline of calls
 * nearly every program needs and logs often lack); this file adds them
 * to a new profile that refuses everything else, or to --base, and
 * writes the profile and the report.
 * Every check comes before the first write: a refusal writes nothing,
 * and OUT is replaced atomically or not at all.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seccompdbg/cli.h"
#include "seccompdbg/profile.h"
#include "seccompdbg/stracelog.h"
#include "seccompdbg/sysent.h"

#include "from_strace.h"

struct options {
	const char *out, *report, *base;
	const struct sysent_arch *arch; /* NULL: this machine's */
	enum profile_format format;
	bool has_format, no_baseline;
	char **logs;
	size_t nlogs;
};

static const struct option long_options[] = {
	{"output", required_argument, NULL, 'o'},
	{"arch", required_argument, NULL, 'a'},
	{"format", required_argument, NULL, 'f'},
	{"base", required_argument, NULL, 'b'},
	{"no-baseline", no_argument, NULL, 'n'},
	{"report", required_argument, NULL, 'r'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static void print_help(void)
{
	printf("usage: seccompdbg from-strace %s\n\n%s",
	       cli_cmd_from_strace.usage,
	       "Read strace logs (strace -f -o LOG, -ff -o PREFIX, or its stderr) and write a\nDocker profile that allows every system call they show and refuses the rest\nwith EPERM.\n\n"
	       "  LOG                a log file; the PREFIX of an -ff set; - for stdin\n"
	       "  -o, --output OUT   write the profile to OUT (atomically); default stdout\n"
	       "  --arch ARCH        the ABI strace ran as (default: this machine's)\n"
	       "  --format FORMAT    docker (default), containers or oci\n"
	       "  --base PROFILE     add the calls to PROFILE instead, in its own layout\n"
	       "  --no-baseline      do not add what the logs lack of execve, exit,\n                     exit_group, rt_sigreturn, restart_syscall\n"
	       "  --report FILE      write the report to FILE, not stderr\n");
}

/* cli_error, then -1: a usage error. */
#define USAGE_ERROR(...) (cli_error("from-strace: " __VA_ARGS__), -1)

/* Same path, or the same existing file under another name. */
static bool is_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (!strcmp(a, b))
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* -1 on a usage error (said), else 0. */
static int check_options(const struct options *o)
{
	size_t i, stdins = 0;

	if (!o->nlogs)
		return USAGE_ERROR("no LOG given");
	for (i = 0; i < o->nlogs; i++)
		stdins += !strcmp(o->logs[i], "-");
	if (stdins > 1)
		return USAGE_ERROR("standard input (-) given %zu times",
				   stdins);
	if (o->base && o->has_format)
		return USAGE_ERROR(
			"--format is for a new profile; with --base the output keeps the base's format");
	if (o->out && o->report && is_same_file(o->out, o->report))
		return USAGE_ERROR("-o and --report name the same file");
	for (i = 0; i < o->nlogs; i++)
		if ((o->out && is_same_file(o->out, o->logs[i])) ||
		    (o->report && is_same_file(o->report, o->logs[i])))
			return USAGE_ERROR(
				"-o or --report names the log %s: it would be overwritten",
				o->logs[i]);
	return 0;
}

/* 0 with O filled in; 1 when --help was answered; -1 on a usage error
 * (said on stderr). */
static int parse_options(int argc, char **argv, struct options *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0; /* its messages would name "from-strace" alone */
	while ((c = getopt_long(argc, argv, ":o:h", long_options, NULL)) !=
	       -1) {
		switch (c) {
		case 'o':
			o->out = optarg;
			break;
		case 'a':
			o->arch = sysent_arch_by_any(optarg);
			if (!o->arch)
				return USAGE_ERROR(
					"unknown architecture '%s' (x86_64, i386, aarch64...)",
					optarg);
			break;
		case 'f':
			if (profile_format_lookup(optarg, &o->format) < 0 ||
			    o->format == PROFILE_FORMAT_AUTO)
				return USAGE_ERROR(
					"unknown format '%s' (docker, containers, oci)",
					optarg);
			o->has_format = true;
			break;
		case 'b':
			o->base = optarg;
			break;
		case 'n':
			o->no_baseline = true;
			break;
		case 'r':
			o->report = optarg;
			break;
		case 'h':
			print_help();
			return 1;
		case ':':
			return USAGE_ERROR("%s needs an argument",
					   argv[optind - 1]);
		default:
			if (optopt)
				return USAGE_ERROR("unknown option -%c",
						   optopt);
			return USAGE_ERROR("unknown option %s",
					   argv[optind - 1]);
		}
	}
	o->logs = argv + optind;
	o->nlogs = (size_t)(argc - optind);
	return check_options(o);
}

/* Read every LOG; 0, or an exit status after saying what failed. */
static int read_logs(struct stracelog *log, const struct options *o)
{
	struct err err;
	size_t i;
	int rc;

	err_clear(&err);
	for (i = 0; i < o->nlogs; i++) {
		if (!strcmp(o->logs[i], "-"))
			rc = stracelog_read_fd(log, STDIN_FILENO,
					       "(standard input)", &err);
		else
			rc = stracelog_read_path(log, o->logs[i], &err);
		if (rc < 0) {
			cli_error("from-strace: %s", err.msg);
			return CLI_EXIT_USAGE;
		}
	}
	stracelog_finish(log);
	return 0;
}

/* Load --base, or make the new profile. 0 or an exit status. */
static int open_profile(const struct options *o, struct profile **out)
{
	struct strbuf sb = STRBUF_INIT;
	struct err err;
	size_t i;
	int rc;

	if (!o->base) {
		*out = profile_new_empty(o->has_format ? o->format
						       : PROFILE_FORMAT_DOCKER);
		return 0;
	}
	rc = profile_load(o->base, PROFILE_FORMAT_AUTO, out, &err);
	if (rc < 0) {
		cli_error("from-strace: --base: %s", err.msg);
		return rc == -EINVAL ? CLI_EXIT_UNUSABLE : CLI_EXIT_USAGE;
	}
	if ((*out)->unconfined) {
		/* Docker runs such a profile without seccomp at all */
		cli_error(
			"from-strace: --base %s is unconfined (no defaultAction, no syscalls): there is no filter to add to",
			o->base);
	} else if (profile_has_errors(*out)) {
		cli_error(
			"from-strace: --base %s has errors: a runtime would refuse it",
			o->base);
		for (i = 0; i < (*out)->ndiags; i++) {
			if ((*out)->diags[i].severity != PROFILE_ERROR)
				continue;
			strbuf_reset(&sb);
			profile_diag_format(*out, &(*out)->diags[i], &sb);
			fprintf(stderr, "%s\n", strbuf_str(&sb));
		}
		strbuf_release(&sb);
	} else {
		return 0;
	}
	profile_free(*out);
	*out = NULL;
	return CLI_EXIT_UNUSABLE;
}

/* Allow every name; names[i].added says whether the profile changed. */
static int allow_names(struct profile *p, struct cli_strace_name *names,
		       size_t n)
{
	struct err err;
	size_t i, before;

	for (i = 0; i < n; i++) {
		before = profile_edits(p);
		if (profile_allow_syscall(p, names[i].name, &err) < 0) {
			cli_error("from-strace: cannot allow %s: %s",
				  names[i].name, err.msg);
			return CLI_EXIT_UNUSABLE;
		}
		names[i].added = profile_edits(p) != before;
	}
	return 0;
}

/* Write the profile to OUT or stdout; 0 or an exit status. */
static int write_profile(const struct profile *p, const char *out)
{
	struct err err;

	if (out) {
		if (profile_save(p, out, &err) < 0) {
			cli_error("from-strace: %s", err.msg);
			return CLI_EXIT_UNUSABLE;
		}
		return 0;
	}
	if (fwrite(p->text, 1, p->len, stdout) != p->len ||
	    fflush(stdout) != 0) {
		cli_error(
			"from-strace: cannot write the profile to standard output");
		return CLI_EXIT_UNUSABLE;
	}
	return 0;
}

/* The report to --report FILE or stderr; 0 or an exit status. */
static int write_report(const struct strbuf *rep, const char *path)
{
	struct err err;

	if (!path) {
		fputs(strbuf_str(rep), stderr);
		return 0;
	}
	if (write_file_atomic(path, rep->buf, rep->len, &err) < 0) {
		cli_error("from-strace: --report: %s", err.msg);
		return CLI_EXIT_UNUSABLE;
	}
	return 0;
}

/* Everything after reading: names, profile, report, writes. */
static int make_profile(const struct options *o, struct stracelog *log,
			struct strbuf *rep)
{
	struct profile *p = NULL;
	struct cli_strace_name *names;
	size_t n;
	int rc;

	names = cli_strace_names(log, !o->no_baseline, &n);
	rc = open_profile(o, &p);
	if (rc)
		goto out_names;
	rc = allow_names(p, names, n);
	if (rc)
		goto out_profile;
	strbuf_adds(rep, "== profile\n");
	cli_strace_report_profile(o->base, o->no_baseline, log, p, names, n,
				  rep);
	rc = write_profile(p, o->out);
	if (rc)
		goto out_profile;
	cli_strace_report_next(o->out, log, rep);
	rc = write_report(rep, o->report);
out_profile:
	profile_free(p);
out_names:
	free(names);
	return rc;
}

static int cmd_from_strace(int argc, char **argv)
{
	struct options o;
	struct stracelog *log;
	struct strbuf rep = STRBUF_INIT;
	size_t n;
	int rc;

	rc = parse_options(argc, argv, &o);
	if (rc) {
		if (rc < 0)
			cli_usage(&cli_cmd_from_strace);
		return rc < 0 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
	}
	/* a bad OUT is said before the logs are read, which may take long */
	if (cli_check_output("from-strace", "-o", o.out) ||
	    cli_check_output("from-strace", "--report", o.report))
		return CLI_EXIT_USAGE;
	log = stracelog_new(o.arch);
	rc = read_logs(log, &o);
	if (rc)
		goto out;
	strbuf_adds(&rep, "== strace logs\n");
	stracelog_report(log, &rep);
	stracelog_syscalls(log, &n);
	if (n) {
		rc = make_profile(&o, log, &rep);
	} else {
		/* the report says why; a profile of nothing helps no one */
		fputs(strbuf_str(&rep), stderr);
		cli_error(
			"from-strace: no system call in the logs: nothing written");
		rc = CLI_EXIT_UNUSABLE;
	}
out:
	strbuf_release(&rep);
	stracelog_free(log);
	return rc;
}

const struct cli_command cli_cmd_from_strace = {
	.name = "from-strace",
	.usage =
		"[-o OUT] [--arch ARCH] [--format docker|containers|oci] [--base PROFILE] [--no-baseline] [--report FILE] LOG...",
	.summary = "write a profile from strace logs",
	.run = cmd_from_strace,
};
