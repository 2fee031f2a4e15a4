// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg explain: the verdict a profile gives one call, and the rule
 * that gave it.
 *
 * Arguments are numbers (decimal, 0x hex, negative decimal) or the names
 * decode knows for that argument (CLONE_NEWUSER|CLONE_NEWNS, AF_VSOCK).
 * The verdict comes from eval; the compiled filter, run through the BPF
 * interpreter, must say the same, and explain says so loudly if not.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/bpf.h"
#include "seccompdbg/cli.h"
#include "seccompdbg/compile.h"
#include "seccompdbg/decode.h"
#include "seccompdbg/eval.h"
#include "seccompdbg/sysent.h"
#include "seccompdbg/why.h"
#include "internal.h"

static const char usage[] =
	"[--cap CAP]... [--cap-drop CAP]... [--arch ARCH] [--kernel X.Y]\n"
	"       [--format FORMAT] PROFILE SYSCALL [ARG0..ARG5]";

/* One token of an argument: a number or a name of the argument's table. */
static int parse_token(const char *tok, const struct decode_xlat *x,
		       uint64_t *v)
{
	if (*tok == '-' && tok[1] >= '0' && tok[1] <= '9') {
		if (parse_u64(tok + 1, v) < 0)
			return -EINVAL;
		*v = -*v;
		return 0;
	}
	if (parse_u64(tok, v) == 0)
		return 0;
	if (x && decode_xlat_value(x, tok, v))
		return 0;
	return -EINVAL;
}

/* "A|B|0x10" -> the OR of its tokens. */
static int parse_arg(const char *text, const struct decode_xlat *x,
		     uint64_t *out, const char **bad)
{
	char *copy = xstrdup(text), *save = NULL, *tok;
	uint64_t v;
	int rc = 0;

	*out = 0;
	for (tok = strtok_r(copy, "|", &save); tok;
	     tok = strtok_r(NULL, "|", &save)) {
		if (parse_token(tok, x, &v) < 0) {
			*bad = text + (tok - copy);
			rc = -EINVAL;
			break;
		}
		*out |= v;
	}
	if (!rc && !*copy)
		rc = -EINVAL, *bad = text;
	free(copy);
	return rc;
}

static int parse_args(uint32_t arch, int nr, const char *name, int argc,
		      char **argv, uint64_t args[6])
{
	struct decode_arg_info info[6];
	const char *bad;
	int i;

	for (i = 0; i < argc; i++) {
		/* The kinds of later arguments can depend on earlier ones. */
		decode_args(arch, nr, args, info);
		if (parse_arg(argv[i], info[i].xlat, &args[i], &bad) == 0)
			continue;
		if (info[i].xlat)
			cli_error(
				"%s: argument %d: '%s' is neither a number nor a name of %s",
				name, i, bad, info[i].xlat->name);
		else
			cli_error("%s: argument %d: '%s' is not a number", name,
				  i, bad);
		return -1;
	}
	return 0;
}

/* What the compiled filter says, in the profile's own terms. */
static int filter_agrees(const struct resolve_result *r,
			 const struct eval_result *ev, uint32_t arch, int nr,
			 const uint64_t args[6], unsigned *bpf_id)
{
	struct seccomp_data d = {.nr = nr, .arch = arch};
	struct compile_bpf bpf;
	struct err err;
	uint32_t ret;

	if (compile_filter(r, COMPILE_TRACE, &bpf, &err) < 0) {
		cli_error("compiling the filter: %s", err.msg);
		return -1;
	}
	memcpy(d.args, args, sizeof(d.args));
	ret = bpf_run(bpf.insns, bpf.len, &d);
	compile_bpf_release(&bpf);
	*bpf_id = ret & SECCOMP_RET_DATA;
	if ((ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRACE)
		return profile_action_is_allow(ev->verdict.action) ? 1 : 0;
	return !profile_action_is_allow(ev->verdict.action) &&
	       *bpf_id == ev->id;
}

/* Rules that name the call but were dropped for this host, and why. */
static void print_dropped(const struct resolve_result *r, const char *name)
{
	const struct profile *p = r->profile;
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, k;

	for (i = 0; i < p->nrules; i++) {
		const struct profile_rule *rule = &p->rules[i];
		bool kept = false, named = false;

		for (j = 0; j < rule->nnames; j++)
			named |= !strcmp(rule->names[j], name);
		for (k = 0; k < r->nrules; k++)
			kept |= r->rules[k].rule == rule;
		if (!named || kept)
			continue;
		strbuf_reset(&sb);
		resolve_id_path(p, (unsigned)i + 1, &sb);
		printf("  %s also names %s: not applied here (", sb.buf, name);
		cli_print_conditions(rule);
		printf(")\n");
	}
	strbuf_release(&sb);
}

static void print_verdict(const struct resolve_result *r,
			  const struct eval_result *ev, uint32_t arch, int nr,
			  const char *name, const uint64_t args[6])
{
	struct strbuf sb = STRBUF_INIT;
	const struct why_note *note;

	decode_call(arch, nr, args, NULL, NULL, &sb);
	printf("%s: ", sb.buf);
	strbuf_reset(&sb);
	profile_verdict_format(&ev->verdict, &sb);
	printf("%s\n", sb.buf);
	strbuf_reset(&sb);
	decode_raw(arch, nr, args, &sb);
	printf("  call: %s\n", sb.buf);
	strbuf_reset(&sb);
	resolve_id_path(r->profile, ev->id, &sb);
	if (ev->rule)
		cli_print_rule_line("  rule", r->profile, ev->rule->rule);
	else
		printf("  rule: %s\n", sb.buf);
	print_dropped(r, name);
	note = why_find(name, args, &ev->verdict);
	if (note)
		printf("  why:  %s\n        (%s)\n", note->text, note->source);
	strbuf_release(&sb);
}

static int explain(struct cli_profile *cp, const char *name, int argc,
		   char **argv)
{
	uint32_t arch = cp->env.env.arch;
	uint64_t args[6] = {0};
	struct eval_result ev;
	struct eval *e;
	unsigned bpf_id = 0;
	int nr, agree;

	nr = sysent_nr(arch, name);
	if (nr < 0) {
		cli_error("%s: not a system call on %s%s", name,
			  sysent_arch_by_token(arch)->name,
			  sysent_is_known(name) ? " (it exists on others)"
						: "");
		return CLI_EXIT_USAGE;
	}
	if (parse_args(arch, nr, name, argc, argv, args) < 0)
		return CLI_EXIT_USAGE;
	e = eval_new(cp->resolved);
	eval_call(e, arch, nr, args, &ev);
	print_verdict(cp->resolved, &ev, arch, nr, name, args);
	agree = filter_agrees(cp->resolved, &ev, arch, nr, args, &bpf_id);
	eval_free(e);
	if (agree < 0)
		return CLI_EXIT_UNUSABLE;
	if (!agree) {
		cli_error(
			"internal disagreement: the compiled filter gives rule id %u for this call; please report it",
			bpf_id);
		return CLI_EXIT_FAILED;
	}
	return CLI_EXIT_OK;
}

static int cmd_explain(int argc, char **argv)
{
	struct cli_profile cp;
	int rc;

	rc = cli_profile_options(&cp, &cli_cmd_explain, argc, argv, NULL);
	if (rc >= 0)
		return rc;
	if (cp.argc < 2 || cp.argc > 8) {
		cli_usage(&cli_cmd_explain);
		cli_profile_release(&cp);
		return CLI_EXIT_USAGE;
	}
	rc = cli_profile_open(&cp, cp.argv[0], false);
	if (rc == CLI_EXIT_OK)
		rc = explain(&cp, cp.argv[1], cp.argc - 2, cp.argv + 2);
	cli_profile_release(&cp);
	return rc;
}

const struct cli_command cli_cmd_explain = {
	.name = "explain",
	.usage = usage,
	.summary = "the verdict a profile gives one call, and which rule",
	.help = CLI_PROFILE_HELP,
	.run = cmd_explain,
};
