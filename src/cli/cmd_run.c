// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg run: run a program under a candidate profile, catch every
 * call the profile refuses, decide (a person in the view, or a batch
 * policy), and write the accepted profile. `record` is `run --batch
 * allow` with its own summary and shares everything here.
 *
 * Exit status as env(1) and timeout(1) have it: the program's own (128+N
 * when signal N ended it), 125 when seccompdbg failed (options included),
 * 126 / 127 when CMD cannot be executed / is not found.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/batch.h"
#include "seccompdbg/cli.h"
#include "seccompdbg/session.h"
#include "seccompdbg/tui.h"

struct run_opts {
	struct session_config cfg;
	struct cli_env env; /* --cap, --cap-drop */
	const char *batch;
	bool record;
	const char *ui_tty; /* --ui-tty: the view's terminal */
	bool save;	    /* save -o at exit (the view may say no) */
};

/* The interactive view: on our terminal, the program on a pseudo-terminal
   of its own; with --ui-tty on that one, the program keeping our stdio. */
static int run_view(struct session *s, struct run_opts *o, struct err *err)
{
	struct tui_options to = {.ui_tty = o->ui_tty};

	return tui_run(s, &to, &o->save, err);
}

static const struct option long_opts[] = {
	{"profile", required_argument, NULL, 'p'},
	{"output", required_argument, NULL, 'o'},
	{"format", required_argument, NULL, 'f'},
	{"cap", required_argument, NULL, CLI_OPT_CAP},
	{"cap-drop", required_argument, NULL, CLI_OPT_CAP_DROP},
	{"mode", required_argument, NULL, 'm'},
	{"batch", required_argument, NULL, 'b'},
	{"events", required_argument, NULL, 'e'},
	{"no-new-privs", required_argument, NULL, 'n'},
	{"ui-tty", required_argument, NULL, 'u'},
	{"container", no_argument, NULL, 'C'},
	{"bundle", required_argument, NULL, 'B'},
	{"listen", required_argument, NULL, 'L'},
	{"runtime", required_argument, NULL, 'R'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static void print_help(bool record)
{
	const struct cli_command *cmd = record ? &cli_cmd_record : &cli_cmd_run;

	printf("usage: seccompdbg %s %s\n\n", cmd->name, cmd->usage);
	if (record)
		printf("Run CMD and learn what it calls: every call BASE refuses (every call, without\n-p) is allowed and added to the profile saved as OUT.\n\n");
	else
		printf("Run CMD under PROFILE (without -p: a profile that refuses everything) and\ncatch every call it refuses.\n\n");
	printf("  -p, --profile FILE   the candidate profile (Docker, podman or OCI JSON)\n"
	       "  -o, --output FILE    where the accepted profile is saved (atomically, at exit)\n"
	       "      --format FMT     docker, containers, oci or auto (default)\n"
	       "      --cap CAP        add CAP to Docker's default capabilities (ALL: every one)\n"
	       "      --cap-drop CAP   remove CAP (ALL: every one), in order with --cap\n"
	       "      --events FILE    write each denial and decision as JSON Lines\n"
	       "      --no-new-privs=on|off  off (root only) lets setuid programs work, as runc\n");
	if (!record)
		printf("      --batch allow|deny   no view: allow always (learn), or deny as the profile\n"
		       "                       would (test the profile)\n"
		       "      --ui-tty TTY     the view on terminal TTY; the program keeps this one\n");
	printf("      --mode MODE      how refused calls are caught: trace (ptrace, the\n"
	       "                       default), trap (SIGSYS, root) or notify (the seccomp\n"
	       "                       listener, no ptrace: for programs that use ptrace)\n");
	printf("      --container      CMD starts a container (podman, docker, runc, crun): its\n"
	       "                       runtime hands refusals to our OCI seccomp agent; each\n"
	       "                       \"@\" or \"...=@\" of CMD becomes the debug profile's path\n"
	       "      --bundle DIR     the same for an OCI bundle: \"@\" becomes a copy of DIR\n"
	       "                       whose config.json has the debug profile\n"
	       "      --listen PATH    the agent's socket (default: a private one)\n"
	       "      --runtime runc|crun  the rules the debug profile is written for\n"
	       "                       (default: from CMD; runc's work on both)\n");
	printf("\nExit status: CMD's own (128+N for signal N), 125 when seccompdbg fails,\n126/127 when CMD cannot be executed / is not found.\n");
}

static int parse_choice(const char *opt, const char *arg,
			const char *const *choices, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(arg, choices[i]))
			return (int)i;
	cli_error("%s: '%s' is not one of the choices", opt, arg);
	return -1;
}

/* One option; 0, 1 for --help, or -1 (message printed). */
static int parse_opt(struct run_opts *o, int c, const char *arg)
{
	static const char *const onoff[] = {"on", "off"};
	int i;

	switch (c) {
	case 'p':
		o->cfg.profile_path = arg;
		return 0;
	case 'o':
		o->cfg.output_path = arg;
		return 0;
	case 'f':
		if (profile_format_lookup(arg, &o->cfg.format) == 0)
			return 0;
		cli_error("--format: unknown format '%s'", arg);
		return -1;
	case CLI_OPT_CAP:
	case CLI_OPT_CAP_DROP:
		return cli_env_option(&o->env, c, arg) < 0 ? -1 : 0;
	case 'm':
		if (session_mode_by_name(arg, &o->cfg.mode) == 0)
			return 0;
		cli_error("--mode: '%s' is not one of the choices", arg);
		return -1;
	case 'b':
		o->batch = arg;
		return 0;
	case 'e':
		o->cfg.events_path = arg;
		return 0;
	case 'n':
		if ((i = parse_choice("--no-new-privs", arg, onoff, 2)) < 0)
			return -1;
		o->cfg.no_new_privs = i == 0;
		return 0;
	case 'u':
		o->ui_tty = arg;
		return 0;
	case 'B':
		o->cfg.bundle = arg;
		/* fall through */
	case 'C':
		o->cfg.mode = SESSION_CONTAINER;
		return 0;
	case 'L':
		o->cfg.listen = arg;
		return 0;
	case 'R':
		o->cfg.runtime = arg;
		return 0;
	case 'h':
		return 1;
	}
	return -1;
}

/* Options and CMD; returns 0, 1 for --help, or -1 (message printed). */
static int parse_args(struct run_opts *o, int argc, char **argv)
{
	int c, rc;

	opterr = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+p:o:h", long_opts, NULL)) != -1) {
		if (c == '?' || (o->record && (c == 'b' || c == 'u')))
			return -1;
		rc = parse_opt(o, c, optarg);
		if (rc)
			return rc;
	}
	if (optind >= argc) {
		cli_error("no command to run: put it after --");
		return -1;
	}
	o->cfg.argv = argv + optind;
	if ((o->cfg.listen || o->cfg.runtime) &&
	    o->cfg.mode != SESSION_CONTAINER) {
		cli_error("--listen and --runtime are for --container");
		return -1;
	}
	if (o->record && !o->cfg.output_path) {
		cli_error("record needs -o OUT: where the profile goes");
		return -1;
	}
	o->cfg.env = o->env.env;
	return 0;
}

static bool is_terminal(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

/* What is decided before anything starts: the front end. */
static int check_front_end(const struct run_opts *o, enum batch_policy *p)
{
	if (o->batch && batch_policy_lookup(o->batch, p) < 0) {
		cli_error("--batch: '%s' is neither allow nor deny", o->batch);
		return -1;
	}
	if (o->batch && o->ui_tty) {
		cli_error("--ui-tty is for the view: not with --batch");
		return -1;
	}
	if (!o->batch && !o->ui_tty && !is_terminal()) {
		cli_error(
			"no terminal for the interactive view: use --batch allow or --batch deny");
		return -1;
	}
	return 0;
}

static int start_status(int rc)
{
	return rc == -ENOENT   ? CLI_EXIT_NOTFOUND
	       : rc == -EACCES ? CLI_EXIT_NOEXEC
			       : CLI_EXIT_FAILED;
}

/*
 * The session's summary already lists what the profile gained; record
 * ends with the count and the way to check the result.
 */
static void print_record_summary(struct session *s, const char *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = session_accepted(s, &sb);

	if (n)
		fprintf(stderr,
			"seccompdbg: recorded %zu addition%s in %s; to check it: seccompdbg run --batch deny -p %s -- CMD...\n",
			n, n == 1 ? "" : "s", out, out);
	else
		fprintf(stderr,
			"seccompdbg: nothing to add: the profile allowed every call; saved to %s\n",
			out);
	strbuf_release(&sb);
}

/* At the end: save, the summary, the exit status. */
static int finish(struct session *s, const struct run_opts *o)
{
	struct session_status st;
	struct strbuf sb = STRBUF_INIT;
	struct err err = {""};
	int status;

	session_get_status(s, &st);
	status = st.exit_status;
	if (o->cfg.output_path && o->save && session_save(s, &err) < 0) {
		cli_error("%s", err.msg);
		status = CLI_EXIT_FAILED;
	}
	session_summary(s, &sb);
	fputs(strbuf_str(&sb), stderr);
	if (o->record && status != CLI_EXIT_FAILED)
		print_record_summary(s, o->cfg.output_path);
	/* last, where it is seen: the run went on without them */
	if (session_events_end(s, &err) < 0) {
		cli_error("%s", err.msg);
		status = CLI_EXIT_FAILED;
	}
	strbuf_release(&sb);
	return status;
}

static void report(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "seccompdbg: %s\n", line);
}

/* All of them when the profile cannot be used, else how many. */
static void print_diags(const struct session_config *c,
			const struct strbuf *diags, bool failed)
{
	const char *p;
	size_t n = 0;

	if (failed) {
		fputs(strbuf_str(diags), stderr);
		return;
	}
	for (p = strbuf_str(diags); (p = strchr(p, '\n')); p++)
		n++;
	if (n)
		cli_error(
			"%s: %zu warning%s or note%s: `seccompdbg check %s` lists them",
			c->profile_path, n, n == 1 ? "" : "s",
			n == 1 ? "" : "s", c->profile_path);
}

static int run_session(struct run_opts *o, enum batch_policy policy)
{
	struct strbuf diags = STRBUF_INIT;
	struct session_status st;
	struct err err = {""};
	struct session *s;
	int rc, status;

	o->cfg.diags = &diags;
	rc = session_new(&o->cfg, &s, &err);
	o->cfg.diags = NULL;
	print_diags(&o->cfg, &diags, rc < 0);
	strbuf_release(&diags);
	if (rc < 0) {
		cli_error("%s", err.msg);
		return CLI_EXIT_FAILED;
	}
	rc = o->batch || o->record
		     ? batch_run(s, policy, o->record ? NULL : report, NULL,
				 &err)
		     : run_view(s, o, &err);
	session_get_status(s, &st);
	if (rc < 0 && !st.started) {
		cli_error("%s", err.msg);
		session_free(s);
		return start_status(rc);
	}
	if (rc < 0)
		cli_error("%s", err.msg);
	status = finish(s, o);
	session_free(s);
	return rc < 0 ? CLI_EXIT_FAILED : status;
}

int cli_run_command(int argc, char **argv, bool record)
{
	struct run_opts o = {.record = record, .save = true};
	enum batch_policy policy = BATCH_ALLOW;
	int rc;

	o.cfg.mode = SESSION_TRACE;
	o.cfg.no_new_privs = true;
	cli_env_init(&o.env);
	rc = parse_args(&o, argc, argv);
	/* the view shows the program's output in a pane: a terminal of its
	   own, unless it keeps ours (--ui-tty) */
	o.cfg.use_pty = !o.batch && !record && !o.ui_tty;
	if (rc == 1)
		print_help(record);
	else if (rc == 0 && !record)
		rc = check_front_end(&o, &policy);
	if (rc < 0)
		cli_usage(record ? &cli_cmd_record : &cli_cmd_run);
	else if (rc == 0 && cli_check_output(NULL, "-o", o.cfg.output_path))
		rc = CLI_EXIT_FAILED; /* said before the program runs */
	else if (rc == 0)
		rc = run_session(&o, policy);
	else
		rc = CLI_EXIT_OK;
	cli_env_release(&o.env);
	return rc < 0 ? CLI_EXIT_FAILED : rc;
}

static int cmd_run(int argc, char **argv)
{
	return cli_run_command(argc, argv, false);
}

const struct cli_command cli_cmd_run = {
	.name = "run",
	.usage =
		"[-p PROFILE] [-o OUT] [--cap CAP]... [--batch allow|deny] [--mode trace|trap|notify | --container | --bundle DIR] [--events FILE] [--ui-tty TTY] -- CMD [ARG]...",
	.summary = "run a program under a profile and catch what it refuses",
	.run = cmd_run,
};
