// SPDX-License-Identifier: Apache-2.0
/*
 * Shared by the commands that read one profile: options, loading with its
 * diagnostics, resolving, and printing rules.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { OPT_FORMAT = CLI_OPT_FIRST_FREE, OPT_HELP };

/* The shared options followed by the command's own. */
static struct option *all_options(const struct cli_profile_extra *extra)
{
	static const struct option shared[] = {
		CLI_ENV_OPTIONS,
		{"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, OPT_HELP},
	};
	size_t n = 0, i;
	struct option *all;

	while (extra && extra->options[n].name)
		n++;
	all = xcalloc(ARRAY_SIZE(shared) + n + 1, sizeof(*all));
	for (i = 0; i < ARRAY_SIZE(shared); i++)
		all[i] = shared[i];
	for (i = 0; i < n; i++)
		all[ARRAY_SIZE(shared) + i] = extra->options[i];
	return all;
}

/* One option of the command's own, or an unknown one. */
static int other_option(const struct cli_command *cmd, char **argv, int opt,
			const struct cli_profile_extra *extra)
{
	if (extra && (opt >= CLI_OPT_FIRST_FREE + 8 ||
		      (opt > 0 && opt < 128 && opt != '?' && opt != ':' &&
		       extra->short_opts && strchr(extra->short_opts, opt))))
		return extra->take(extra->ctx, opt, optarg) < 0 ? CLI_EXIT_USAGE
								: -1;
	cli_error("%s: unknown option '%s'", cmd->name, argv[optind - 1]);
	cli_usage(cmd);
	return CLI_EXIT_USAGE;
}

static int parse_options(struct cli_profile *cp, const struct cli_command *cmd,
			 int argc, char **argv, const struct option *longopts,
			 const struct cli_profile_extra *extra)
{
	char shortopts[32];
	int opt, rc;

	snprintf(shortopts, sizeof(shortopts), "+h%s",
		 extra && extra->short_opts ? extra->short_opts : "");
	memset(cp, 0, sizeof(*cp));
	cli_env_init(&cp->env);
	optind = 1;
	opterr = 0;
	/* "+": options stop at the first operand (syscall arguments such as
	 * -100 for AT_FDCWD must not be taken for options). */
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) !=
	       -1) {
		rc = cli_env_option(&cp->env, opt, optarg);
		if (rc > 0)
			continue;
		if (rc < 0)
			return CLI_EXIT_USAGE;
		switch (opt) {
		case OPT_FORMAT:
			if (profile_format_lookup(optarg, &cp->format) == 0)
				continue;
			cli_error(
				"--format: '%s' is not docker, containers, oci or kubernetes",
				optarg);
			return CLI_EXIT_USAGE;
		case 'h':
		case OPT_HELP:
			cli_help(cmd);
			return CLI_EXIT_OK;
		default:
			rc = other_option(cmd, argv, opt, extra);
			if (rc >= 0)
				return rc;
		}
	}
	cp->argc = argc - optind;
	cp->argv = argv + optind;
	return -1;
}

int cli_profile_options(struct cli_profile *cp, const struct cli_command *cmd,
			int argc, char **argv,
			const struct cli_profile_extra *extra)
{
	struct option *longopts = all_options(extra);
	int rc = parse_options(cp, cmd, argc, argv, longopts, extra);

	free(longopts);
	/* the command returns at once: nothing of CP is used */
	if (rc >= 0)
		cli_profile_release(cp);
	return rc;
}

static void print_diags(const struct profile *p, const struct profile_diag *d,
			size_t n, bool all)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!all && d[i].severity != PROFILE_ERROR)
			continue;
		strbuf_reset(&sb);
		profile_diag_format(p, &d[i], &sb);
		fprintf(stderr, "%s\n", sb.buf);
	}
	strbuf_release(&sb);
}

int cli_profile_open(struct cli_profile *cp, const char *path, bool all)
{
	struct err err;
	int rc;

	rc = profile_load(path, cp->format, &cp->profile, &err);
	if (rc == -EINVAL) {
		fprintf(stderr, "%s\n", err.msg);
		return CLI_EXIT_UNUSABLE;
	}
	if (rc < 0) {
		cli_error("%s", err.msg);
		return CLI_EXIT_USAGE;
	}
	print_diags(cp->profile, cp->profile->diags, cp->profile->ndiags, all);
	if (profile_has_errors(cp->profile))
		return CLI_EXIT_UNUSABLE;
	rc = resolve_profile(cp->profile, &cp->env.env, &cp->resolved, &err);
	if (rc < 0) {
		cli_error("%s: %s", cp->profile->file, err.msg);
		return CLI_EXIT_UNUSABLE;
	}
	print_diags(cp->profile, cp->resolved->diags, cp->resolved->ndiags,
		    all);
	return CLI_EXIT_OK;
}

void cli_profile_release(struct cli_profile *cp)
{
	resolve_result_free(cp->resolved);
	profile_free(cp->profile);
	cli_env_release(&cp->env);
	memset(cp, 0, sizeof(*cp));
}

int cli_profile_args(struct cli_profile *cp, const struct cli_command *cmd,
		     int min, int max)
{
	if (cp->argc >= min && cp->argc <= max)
		return 0;
	cli_usage(cmd);
	cli_profile_release(cp);
	return CLI_EXIT_USAGE;
}

static void print_list(const char *what, char *const *items, size_t n)
{
	size_t i;

	printf("%s", what);
	for (i = 0; i < n; i++)
		printf("%s%s", i ? "," : " ", items[i]);
}

static void print_filter(const char *kind, const struct profile_filter *f,
			 bool *first)
{
	if (!f->present || (!f->ncaps && !f->narches && !f->has_min_kernel))
		return;
	printf("%s%s", *first ? "" : "; ", kind);
	*first = false;
	if (f->ncaps)
		print_list(" caps", f->caps, f->ncaps);
	if (f->narches)
		print_list(" arches", f->arches, f->narches);
	if (f->has_min_kernel)
		printf(" minKernel %u.%u", f->min_kernel[0], f->min_kernel[1]);
}

void cli_print_conditions(const struct profile_rule *rule)
{
	bool first = true;

	print_filter("includes", &rule->includes, &first);
	print_filter("excludes", &rule->excludes, &first);
	if (first)
		printf("no conditions");
}

void cli_print_rule_line(const char *label, const struct profile *p,
			 const struct profile_rule *rule)
{
	struct strbuf sb = STRBUF_INIT;
	struct profile_verdict v;

	resolve_id_path(p, (unsigned)rule->index + 1, &sb);
	printf("%s: %s", label, sb.buf);
	if (rule->line)
		printf(" (line %u)", rule->line);
	strbuf_reset(&sb);
	profile_rule_verdict(rule, &v);
	profile_verdict_format(&v, &sb);
	printf(": %s", sb.buf);
	if (rule->nargs)
		printf(" when its arguments match %zu condition%s", rule->nargs,
		       rule->nargs > 1 ? "s" : "");
	if (rule->comment) {
		strbuf_reset(&sb);
		escape_c(&sb, rule->comment, strlen(rule->comment));
		printf(" \"%s\"", sb.buf);
	}
	printf("\n");
	strbuf_release(&sb);
}
