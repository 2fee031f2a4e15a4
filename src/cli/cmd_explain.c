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

/* What the compiled filter says, in the profile's own terms: true when
   it agrees with eval, else false with the filter's rule id in *BPF_ID. */
static bool filter_agrees(const struct compile_bpf *bpf,
			  const struct eval_result *ev, uint32_t arch, int nr,
			  const uint64_t args[6], unsigned *bpf_id)
{
	struct seccomp_data d = {.nr = nr, .arch = arch};
	uint32_t ret;

	memcpy(d.args, args, sizeof(d.args));
	ret = bpf_run(bpf->insns, bpf->len, &d);
	*bpf_id = ret & SECCOMP_RET_DATA;
	return eval_matches_filter(ev, ret);
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

/*
 * The call asked about: its ABI (the host's, or the one named before a
 * colon, "x86:socket", as the events name it) and its number as the
 * filter sees them. x32 calls report AUDIT_ARCH_X86_64 with the x32 bit
 * in the number. A call the ABI multiplexes (x86's socket and IPC calls)
 * is reached two ways: directly (nr, -1 when it has no number of its
 * own) and through the multiplexer.
 */
struct target {
	const struct sysent_arch *abi;
	bool foreign;  /* the ABI is not the host's */
	uint32_t arch; /* seccomp_data.arch */
	int nr;
	bool muxed;
	struct sysent_mux mux;
	const char *name;
};

/* "mips:read: mips calls do not run on an x86_64 host (it runs ...)" */
static void abi_refused(const char *operand, const struct sysent_arch *abi,
			uint32_t host)
{
	struct strbuf sb = STRBUF_INIT;
	const struct sysent_arch *all;
	size_t n, i, k = 0;

	all = sysent_arches(&n);
	for (i = 0; i < n; i++) {
		if (!sysent_arch_runs(host, all[i].token))
			continue;
		strbuf_addf(&sb, "%s%s", k++ ? ", " : "", all[i].name);
	}
	cli_error(
		"%s: %s calls do not run on a host of %s (it runs %s; --arch names another host)",
		operand, abi->name, sysent_arch_by_token(host)->name, sb.buf);
	strbuf_release(&sb);
}

static int target_parse(const struct cli_profile *cp, const char *operand,
			struct target *t)
{
	const char *colon = strchr(operand, ':');
	const struct sysent_arch *x32 = sysent_arch_by_scmp("SCMP_ARCH_X32");
	char *abi;

	memset(t, 0, sizeof(*t));
	t->name = colon ? colon + 1 : operand;
	t->abi = sysent_arch_by_token(cp->env.env.arch);
	if (colon) {
		abi = xstrndup(operand, (size_t)(colon - operand));
		t->abi = sysent_arch_by_any(abi);
		if (!t->abi)
			cli_error(
				"%s: unknown ABI '%s' (e.g. x86, x32, x86_64)",
				operand, abi);
		free(abi);
		if (!t->abi)
			return -1;
	}
	if (!sysent_arch_runs(cp->env.env.arch, t->abi->token)) {
		abi_refused(operand, t->abi, cp->env.env.arch);
		return -1;
	}
	t->foreign = t->abi->token != cp->env.env.arch;
	t->arch = t->abi == x32 ? sysent_arch_by_scmp("SCMP_ARCH_X86_64")->token
				: t->abi->token;
	t->nr = sysent_nr(t->abi->token, t->name);
	t->muxed = sysent_multiplexed(t->abi->token, t->name, &t->mux);
	if (t->muxed)
		t->nr = t->mux.direct;
	if (t->nr < 0 && !t->muxed) {
		cli_error("%s: not a system call on %s%s", t->name,
			  t->abi->name,
			  sysent_is_known(t->name) ? " (it exists on others)"
						   : "");
		return -1;
	}
	return 0;
}

/* NOTES: the rules dropped for this host and the why notes, which are
   about the call and said once. */
static void print_verdict(const struct resolve_result *r,
			  const struct eval_result *ev, const struct target *t,
			  int nr, const uint64_t args[6], bool notes)
{
	struct strbuf sb = STRBUF_INIT;
	const struct why_note *note;

	decode_call(t->arch, nr, args, NULL, NULL, &sb);
	printf("%s%s%s: ", sb.buf, t->foreign ? " on " : "",
	       t->foreign ? t->abi->name : "");
	strbuf_reset(&sb);
	profile_verdict_format(&ev->verdict, &sb);
	printf("%s\n", sb.buf);
	strbuf_reset(&sb);
	decode_raw(t->arch, nr, args, &sb);
	printf("  call: %s\n", sb.buf);
	strbuf_reset(&sb);
	resolve_id_path(r->profile, ev->id, &sb);
	if (ev->rule)
		cli_print_rule_line("  rule", r->profile, ev->rule->rule);
	else
		printf("  rule: %s\n", sb.buf);
	if (!notes) {
		strbuf_release(&sb);
		return;
	}
	if (ev->id == RESOLVE_ID_BADARCH) {
		note = why_bad_arch();
		printf("  why:  %s\n        (%s)\n", note->text, note->source);
		strbuf_release(&sb);
		return;
	}
	print_dropped(r, t->name);
	note = why_find(t->name, args, &ev->verdict);
	if (note)
		printf("  why:  %s\n        (%s)\n", note->text, note->source);
	strbuf_release(&sb);
}

/* Judge one way of making the call; 0, or an exit status. */
static int judge(struct cli_profile *cp, const struct eval *e,
		 const struct compile_bpf *bpf, const struct target *t, int nr,
		 const uint64_t args[6], bool notes)
{
	struct eval_result ev;
	unsigned bpf_id = 0;

	eval_call(e, t->arch, nr, args, &ev);
	print_verdict(cp->resolved, &ev, t, nr, args, notes);
	if (filter_agrees(bpf, &ev, t->arch, nr, args, &bpf_id))
		return 0;
	cli_error(
		"internal disagreement: the compiled filter gives rule id %u for this call; please report it",
		bpf_id);
	return CLI_EXIT_FAILED;
}

/*
 * Through the multiplexer the filter sees socketcall's (or ipc's) first
 * argument, the call's code; the call's own arguments sit in memory,
 * out of its reach, so libseccomp's rules for the call test the code
 * alone there.
 */
static int judge_muxed(struct cli_profile *cp, const struct eval *e,
		       const struct compile_bpf *bpf, const struct target *t)
{
	uint64_t args[6] = {t->mux.code};
	const char *mux = sysent_name(t->arch, t->mux.mux);

	printf("%s through %s: the filter sees only %s's first argument (%u); %s's own arguments are in memory, out of its reach\n",
	       t->name, mux, mux, t->mux.code, t->name);
	return judge(cp, e, bpf, t, t->mux.mux, args, t->nr < 0);
}

static int explain(struct cli_profile *cp, const char *operand, int argc,
		   char **argv)
{
	uint64_t args[6] = {0};
	struct compile_bpf bpf;
	struct target t;
	struct err err;
	struct eval *e;
	int rc = 0;

	if (target_parse(cp, operand, &t) < 0)
		return CLI_EXIT_USAGE;
	if (parse_args(t.arch, t.nr >= 0 ? t.nr : t.mux.mux, t.name, argc, argv,
		       args) < 0)
		return CLI_EXIT_USAGE;
	if (compile_filter(cp->resolved, COMPILE_TRACE, &bpf, &err) < 0) {
		cli_error("compiling the filter: %s", err.msg);
		return CLI_EXIT_UNUSABLE;
	}
	e = eval_new(cp->resolved);
	if (t.nr >= 0)
		rc = judge(cp, e, &bpf, &t, t.nr, args, true);
	if (rc == 0 && t.muxed)
		rc = judge_muxed(cp, e, &bpf, &t);
	eval_free(e);
	compile_bpf_release(&bpf);
	return rc;
}
static int cmd_explain(int argc, char **argv)
{
	struct cli_profile cp;
	int rc;

	rc = cli_profile_options(&cp, &cli_cmd_explain, argc, argv, NULL);
	if (rc >= 0)
		return rc;
	if (cli_profile_args(&cp, &cli_cmd_explain, 2, 8))
		return CLI_EXIT_USAGE;
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
	.help = CLI_PROFILE_HELP
	"\nSYSCALL is a name of the host's ABI, or ABI:NAME for a call of another ABI the\nhost runs (x86:socket, x32:read on x86_64), as the events name them.\n",
	.run = cmd_explain,
};
