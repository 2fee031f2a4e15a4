// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg diff: what two profiles decide differently (semdiff), for
 * review after a debugging session ("what did I just allow?") and in CI
 * ("did this change widen the profile?").
 *
 * The changes are grouped: by the pair of verdicts (ALLOW -> ERRNO), then
 * by call and argument set with the ABIs where it changed. Text, or one
 * JSON document (--json) written by json-c.
 *
 * Exit 0 when the profiles agree, 1 when they differ, 2 for a bad
 * invocation, an unreadable file or a profile with errors (as diff(1)
 * and cmp(1) do), 125 when the rules and a compiled filter disagree.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/doc.h"
#include "seccompdbg/semdiff.h"
#include "seccompdbg/sysent.h"
#include "internal.h"

static const char usage[] =
	"[--cap CAP]... [--cap-drop CAP]... [--arch ARCH] [--kernel X.Y]\n"
	"       [--format FORMAT] [--json] A B";

struct report {
	const struct cli_profile *a, *b;
	struct semdiff d;
};

static void print_text(const struct report *rep)
{
	struct strbuf sb = STRBUF_INIT;

	semdiff_text(&rep->d, rep->a->profile->file, rep->b->profile->file,
		     &sb);
	printf("--- %s\n+++ %s\n%s", rep->a->profile->file,
	       rep->b->profile->file, strbuf_str(&sb));
	printf("%zu change%s (%zu calls, %zu argument sets judged by both)\n",
	       rep->d.ngroups, rep->d.ngroups == 1 ? "" : "s", rep->d.ncalls,
	       rep->d.nprobes);
	strbuf_release(&sb);
}

static struct doc *verdict_doc(const struct cli_profile *cp,
			       const struct eval_result *ev, const char *text)
{
	struct doc *o = doc_object();
	struct strbuf rule = STRBUF_INIT;

	doc_put_str(o, "verdict", text);
	doc_put_str(o, "action", profile_action_name(ev->verdict.action));
	doc_put(o, "errno",
		ev->verdict.action == PROFILE_ACT_ERRNO
			? doc_uint(ev->verdict.data)
			: doc_null());
	resolve_id_path(cp->profile, ev->rule ? ev->rule->id : ev->id, &rule);
	doc_put_str(o, "rule", strbuf_str(&rule));
	strbuf_release(&rule);
	return o;
}

static struct doc *entry_doc(const struct report *rep,
			     const struct semdiff_group *e)
{
	struct doc *o = doc_object(), *abis = doc_array(), *args, *values;
	size_t i;

	doc_put_str(o, "syscall", e->c->name);
	for (i = 0; i < e->nabis; i++)
		doc_push(abis, doc_str(sysent_arch_by_token(e->abis[i])->name));
	doc_put(o, "abis", abis);
	if (!*e->args) {
		doc_put_null(o, "arguments");
	} else {
		args = doc_object();
		values = doc_array();
		for (i = 0; i < 6; i++)
			doc_push(values, doc_hex(e->c->args[i]));
		doc_put(args, "values", values);
		doc_put_str(args, "text", e->args);
		doc_put(o, "arguments", args);
	}
	doc_put(o, "a", verdict_doc(rep->a, &e->c->a, e->va));
	doc_put(o, "b", verdict_doc(rep->b, &e->c->b, e->vb));
	return o;
}

static struct doc *side_doc(const struct cli_profile *cp)
{
	struct doc *o = doc_object();

	doc_put_str(o, "file", cp->profile->file);
	doc_put_str(o, "format", profile_format_name(cp->profile->format));
	return o;
}

static struct doc *host_doc(const struct resolve_env *env)
{
	struct doc *o = doc_object(), *caps = doc_array();
	char kernel[32];
	size_t i;

	doc_put_str(o, "arch", sysent_arch_by_token(env->arch)->name);
	snprintf(kernel, sizeof(kernel), "%u.%u", env->kernel[0],
		 env->kernel[1]);
	doc_put_str(o, "kernel", kernel);
	for (i = 0; i < env->ncaps; i++)
		doc_push(caps, doc_str(env->caps[i]));
	doc_put(o, "caps", caps);
	return o;
}

static void print_json(const struct report *rep)
{
	struct doc *top = doc_object(), *list = doc_array(), *abis;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	doc_put(top, "a", side_doc(rep->a));
	doc_put(top, "b", side_doc(rep->b));
	doc_put(top, "host", host_doc(&rep->a->env.env));
	doc_put_bool(top, "same", !rep->d.ngroups && !rep->d.nabis);
	doc_put_uint(top, "calls", rep->d.ncalls);
	doc_put_uint(top, "argument_sets", rep->d.nprobes);
	abis = doc_array();
	for (i = 0; i < rep->d.nabis; i++) {
		struct doc *x = doc_object();

		doc_put_str(x, "abi",
			    sysent_arch_by_token(rep->d.abis[i].abi)->name);
		doc_put_bool(x, "a", rep->d.abis[i].in_a);
		doc_put_bool(x, "b", rep->d.abis[i].in_b);
		doc_push(abis, x);
	}
	doc_put(top, "abis", abis);
	for (i = 0; i < rep->d.ngroups; i++)
		doc_push(list, entry_doc(rep, &rep->d.groups[i]));
	doc_put(top, "changes", list);
	doc_write_json(top, DOC_PRETTY, &sb);
	printf("%s\n", sb.buf);
	strbuf_release(&sb);
	doc_free(top);
}

/* Load and resolve PATH for the host CP describes, into B. */
static int open_second(const struct cli_profile *cp, const char *path,
		       struct cli_profile *b)
{
	int rc;

	*b = *cp; /* the same host; the caps stay CP's */
	b->profile = NULL;
	b->resolved = NULL;
	rc = cli_profile_open(b, path, false);
	return rc == CLI_EXIT_OK ? 0 : -1;
}

static int diff(struct cli_profile *a, struct cli_profile *b, bool json)
{
	struct report rep = {.a = a, .b = b};
	struct err err;
	int rc;

	if (a->resolved->unconfined || b->resolved->unconfined) {
		cli_error(
			"%s: no seccomp at all (Docker runs it unconfined): there is no filter to compare",
			a->resolved->unconfined ? a->profile->file
						: b->profile->file);
		return CLI_EXIT_USAGE;
	}
	rc = semdiff_run(a->resolved, b->resolved, &rep.d, &err);
	if (rc < 0) {
		cli_error("%s", err.msg);
		return rc == -EPROTO ? CLI_EXIT_FAILED : CLI_EXIT_USAGE;
	}
	if (json)
		print_json(&rep);
	else
		print_text(&rep);
	rc = rep.d.ngroups || rep.d.nabis ? 1 : 0;
	semdiff_release(&rep.d);
	return rc;
}

enum { OPT_JSON = CLI_OPT_FIRST_FREE + 8 };

static int take_option(void *ctx, int opt, const char *arg)
{
	(void)opt;
	(void)arg;
	*(bool *)ctx = true;
	return 0;
}

static int cmd_diff(int argc, char **argv)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, OPT_JSON},
		{NULL, 0, NULL, 0},
	};
	bool json = false;
	const struct cli_profile_extra extra = {options, take_option, &json,
						NULL};
	struct cli_profile a, b = {0};
	int rc;

	rc = cli_profile_options(&a, &cli_cmd_diff, argc, argv, &extra);
	if (rc >= 0)
		return rc;
	if (cli_profile_args(&a, &cli_cmd_diff, 2, 2))
		return CLI_EXIT_USAGE;
	rc = cli_profile_open(&a, a.argv[0], false);
	if (rc == CLI_EXIT_OK && open_second(&a, a.argv[1], &b) < 0)
		rc = CLI_EXIT_USAGE;
	else if (rc != CLI_EXIT_OK)
		rc = CLI_EXIT_USAGE;
	else
		rc = diff(&a, &b, json);
	resolve_result_free(b.resolved);
	profile_free(b.profile);
	cli_profile_release(&a);
	return rc;
}

const struct cli_command cli_cmd_diff = {
	.name = "diff",
	.usage = usage,
	.summary = "what two profiles decide differently, call by call",
	.help = CLI_PROFILE_HELP
	"  --json            one JSON document instead of text\n"
	"\nEvery system call of every ABI either profile lists is judged by both, with the\nargument values their rules single out; the calls judged apart are printed,\ngrouped by the change (SCMP_ACT_ERRNO(EPERM) -> SCMP_ACT_ALLOW). Exit 0 when the\nprofiles agree, 1 when they differ, 2 on errors.\n",
	.run = cmd_diff,
};
