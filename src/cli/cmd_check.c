// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg check: load, resolve and compile a profile; print a short
 * summary, every diagnostic, and warnings about what nearly every program
 * needs and the profile refuses.
 *
 * Exit 0 when a runtime would accept the profile, 1 when it has errors,
 * 2 for a bad invocation or an unreadable file.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "seccompdbg/compile.h"
#include "seccompdbg/eval.h"
#include "seccompdbg/session.h"
#include "seccompdbg/sysent.h"
#include "seccompdbg/trace.h"
#include "seccompdbg/why.h"
#include "internal.h"

static const char usage[] =
	"[--cap CAP]... [--cap-drop CAP]... [--arch ARCH] [--kernel X.Y]\n"
	"       [--format FORMAT] [--pfc] [--bpf FILE] PROFILE";

/* Numbers are below 1024 on every ABI; x32's carry the x32 bit. */
#define MAX_NR 1024

enum call_class { CALL_ALLOWED, CALL_DEPENDS, CALL_REFUSED };

/*
 * How the filter treats a call whatever its arguments: "depends" when it
 * tests them, else its one verdict. ARCH and NR as the kernel reports
 * them (x32: AUDIT_ARCH_X86_64 and the x32 bit).
 */
static enum call_class classify(const struct eval *e, uint32_t arch, int nr)
{
	static const uint64_t zero[6];
	struct eval_result ev;

	if (eval_call_has_conditions(e, arch, nr))
		return CALL_DEPENDS;
	eval_call(e, arch, nr, zero, &ev);
	return profile_action_is_allow(ev.verdict.action) ? CALL_ALLOWED
							  : CALL_REFUSED;
}

/* Every call of one ABI of the filter, counted by how it is treated. */
static void print_arch_counts(const struct eval *e, uint32_t abi)
{
	size_t counts[3] = {0};
	uint32_t arch;
	unsigned i;
	int nr;

	for (i = 0; i < MAX_NR; i++) {
		nr = sysent_call_nr(abi, i, &arch);
		if (sysent_name(arch, nr))
			counts[classify(e, arch, nr)]++;
	}
	printf("  %-8s %zu allowed, %zu depending on arguments, %zu refused\n",
	       sysent_arch_by_token(abi)->name, counts[CALL_ALLOWED],
	       counts[CALL_DEPENDS], counts[CALL_REFUSED]);
}

/*
 * A kernel without IA32 emulation runs no i386 code: the profile's x86
 * part can be neither caught nor learnt here (docs/modes.md).
 */
static void print_i386_here(const struct resolve_result *r,
			    const struct resolve_env *env)
{
	uint32_t x86 = sysent_arch_by_scmp("SCMP_ARCH_X86")->token;
	struct err err = {""};
	size_t i;

	if (env->arch != sysent_arch_native()->token)
		return;
	for (i = 0; i < r->narches && r->arches[i] != x86; i++)
		;
	if (i == r->narches || trace_runs_i386(&err))
		return;
	printf("  x86: this kernel runs no i386 code (no IA32 emulation: %s): its calls cannot be caught or learnt here; try the x86 rules where 32-bit programs run\n",
	       err.msg);
}

static void print_summary(const struct cli_profile *cp, size_t ninsns)
{
	const struct resolve_result *r = cp->resolved;
	const struct resolve_env *env = &cp->env.env;
	struct strbuf sb = STRBUF_INIT;
	struct eval *e;
	size_t i;

	printf("%s: %s profile, usable\n", cp->profile->file,
	       profile_format_name(cp->profile->format));
	printf("  host: %s, kernel %u.%u, %zu capabilities\n",
	       sysent_arch_by_token(env->arch)->name, env->kernel[0],
	       env->kernel[1], env->ncaps);
	if (r->unconfined) {
		printf("  no defaultAction and no rules: Docker runs the program without seccomp\n");
		return;
	}
	profile_verdict_format(&r->default_verdict, &sb);
	printf("  default: %s\n", sb.buf);
	printf("  rules: %zu applied, %zu not applied here (conditions), %zu equal to the default\n",
	       r->nrules, r->ndropped, r->nredundant);
	e = eval_new(r);
	for (i = 0; i < r->narches; i++)
		print_arch_counts(e, r->arches[i]);
	print_i386_here(r, env);
	eval_free(e);
	printf("  filter: %zu BPF instructions\n", ninsns);
	strbuf_release(&sb);
}

/* Which ways of catching calls work here (docs/modes.md): one line,
 * and why for each that does not. */
static void print_modes(void)
{
	struct strbuf ok = STRBUF_INIT, why = STRBUF_INIT;
	struct err err;
	size_t n = 0;
	int m;

	for (m = 0; m < SESSION_MODE_COUNT; m++) {
		if (session_mode_probe((enum session_mode)m, &err) < 0)
			strbuf_addf(&why, "    %s\n", err.msg);
		else
			strbuf_addf(&ok, "%s%s", n++ ? ", " : "",
				    session_mode_name((enum session_mode)m));
	}
	printf("  modes: %s%s\n%s", n ? strbuf_str(&ok) : "none",
	       n == SESSION_MODE_COUNT ? " (all work here)" : "",
	       strbuf_str(&why));
	strbuf_release(&ok);
	strbuf_release(&why);
}

/* A need is met when any of its names runs, for some arguments at least. */
static bool need_met(const struct eval *e, const struct why_need *n,
		     uint32_t abi)
{
	size_t i;
	int nr;

	for (i = 0; n->names[i]; i++) {
		nr = sysent_nr(abi, n->names[i]);
		if (nr >= 0 && classify(e, abi, nr) != CALL_REFUSED)
			return true;
	}
	return false;
}

static size_t warn_baseline(const struct resolve_result *r, uint32_t arch)
{
	size_t n, i, nwarn = 0;
	const struct why_need *needs = why_baseline(&n);
	struct eval *e = eval_new(r);
	struct eval_result ev;
	uint64_t args[6] = {0};
	int nr;

	for (i = 0; i < n; i++) {
		if (needs[i].arch && needs[i].arch != arch)
			continue;
		if (need_met(e, &needs[i], arch))
			continue;
		printf("warning: refuses %s: %s\n", needs[i].names[0],
		       needs[i].reason);
		nwarn++;
	}
	nr = sysent_nr(arch, "clone3");
	if (nr >= 0) {
		eval_call(e, arch, nr, args, &ev);
		if (!profile_action_is_allow(ev.verdict.action) &&
		    !(ev.verdict.action == PROFILE_ACT_ERRNO &&
		      ev.verdict.data == ENOSYS)) {
			printf("warning: refuses clone3 other than with ENOSYS: glibc then cannot fall back to clone and every pthread_create fails\n");
			nwarn++;
		}
	}
	eval_free(e);
	return nwarn;
}

/* What to export beside the report: check --pfc, --bpf FILE. */
struct check_opts {
	bool pfc;
	const char *bpf_path;
};

enum { OPT_PFC = CLI_OPT_FIRST_FREE + 8, OPT_BPF };

static int take_option(void *ctx, int opt, const char *arg)
{
	struct check_opts *o = ctx;

	if (opt == OPT_PFC)
		o->pfc = true;
	else
		o->bpf_path = arg;
	return 0;
}

/*
 * The filter a runtime would load, as libseccomp's pseudo-code, and as raw
 * classic BPF (struct sock_filter, as bwrap --seccomp FD takes it).
 */
static int export(const struct cli_profile *cp, const struct check_opts *o,
		  const struct compile_bpf *bpf)
{
	struct strbuf sb = STRBUF_INIT;
	struct err err;
	int rc = CLI_EXIT_OK;

	if (o->pfc) {
		if (compile_pfc(cp->resolved, COMPILE_ORIGINAL, &sb, &err) <
		    0) {
			cli_error("%s", err.msg);
			rc = CLI_EXIT_UNUSABLE;
		}
		fputs(strbuf_str(&sb), stdout);
	}
	if (o->bpf_path &&
	    write_file_atomic(o->bpf_path, bpf->insns,
			      bpf->len * sizeof(*bpf->insns), &err) < 0) {
		cli_error("--bpf: %s", err.msg);
		rc = CLI_EXIT_USAGE;
	}
	strbuf_release(&sb);
	return rc;
}

static int check(struct cli_profile *cp, const struct check_opts *o)
{
	struct compile_bpf bpf = {0};
	struct err err;
	int rc;

	if (cp->resolved->unconfined && (o->pfc || o->bpf_path)) {
		cli_error(
			"%s: no seccomp at all (Docker runs it unconfined): nothing to export",
			cp->profile->file);
		return CLI_EXIT_UNUSABLE;
	}
	if (!cp->resolved->unconfined &&
	    compile_filter(cp->resolved, COMPILE_ORIGINAL, &bpf, &err) < 0) {
		fprintf(stderr,
			"%s: a runtime could not build this filter: %s\n",
			cp->profile->file, err.msg);
		return CLI_EXIT_UNUSABLE;
	}
	print_summary(cp, bpf.len);
	print_modes();
	if (!cp->resolved->unconfined)
		warn_baseline(cp->resolved, cp->env.env.arch);
	rc = export(cp, o, &bpf);
	compile_bpf_release(&bpf);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{"pfc", no_argument, NULL, OPT_PFC},
		{"bpf", required_argument, NULL, OPT_BPF},
		{NULL, 0, NULL, 0},
	};
	struct check_opts o = {0};
	const struct cli_profile_extra extra = {options, take_option, &o, NULL};
	struct cli_profile cp;
	int rc;

	rc = cli_profile_options(&cp, &cli_cmd_check, argc, argv, &extra);
	if (rc >= 0)
		return rc;
	if (cli_profile_args(&cp, &cli_cmd_check, 1, 1))
		return CLI_EXIT_USAGE;
	if (cli_check_output("check", "--bpf", o.bpf_path)) {
		cli_profile_release(&cp);
		return CLI_EXIT_USAGE;
	}
	rc = cli_profile_open(&cp, cp.argv[0], true);
	if (rc == CLI_EXIT_OK)
		rc = check(&cp, &o);
	cli_profile_release(&cp);
	return rc;
}

const struct cli_command cli_cmd_check = {
	.name = "check",
	.usage = usage,
	.summary = "load, resolve and compile a profile; report what is wrong",
	.help = CLI_PROFILE_HELP
	"  --pfc             print the filter a runtime would load, as libseccomp's\n"
	"                    pseudo-code\n"
	"  --bpf FILE        write that filter as raw classic BPF (struct sock_filter[],\n"
	"                    what bwrap --seccomp FD reads)\n",
	.run = cmd_check,
};
