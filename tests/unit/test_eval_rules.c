// SPDX-License-Identifier: Apache-2.0
/*
 * Rule sets, agreement checks, vectors and random rule sets for the
 * bpf / compile / eval tests (see test_eval_rules.h).
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/bpf.h"
#include "seccompdbg/sysent.h"
#include "test.h"
#include "test_eval_rules.h"

/* Everything one rule set owns, the result first (tset_free casts). */
struct tset {
	struct resolve_result r;
	struct profile p;
	struct profile_rule *prules;
};

static char **names_split(const char *s, size_t *n)
{
	char *copy = xstrdup(s), *save = NULL, *tok;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	for (tok = strtok_r(copy, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		xgrow(&v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(tok);
	}
	free(copy);
	return v;
}

static bool index_repeats(const struct profile_arg *args, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (args[i].index == args[j].index)
				return true;
	return false;
}

struct resolve_result *tset_build(const uint32_t *arches, size_t narches,
				  struct profile_verdict def,
				  const struct trule *rules, size_t nrules)
{
	struct tset *t = xcalloc(1, sizeof(*t));
	struct resolve_result *r = &t->r;
	size_t i;

	t->p.default_action = def.action;
	t->p.default_errno = def.data;
	r->profile = &t->p;
	r->default_verdict = def;
	r->arches = xcalloc(narches + 1, sizeof(*r->arches));
	r->arches[0] = sysent_arch_native()->token;
	if (narches)
		memcpy(r->arches + 1, arches, narches * sizeof(*arches));
	r->narches = narches + 1;
	t->prules = xcalloc(nrules + 1, sizeof(*t->prules));
	r->rules = xcalloc(nrules + 1, sizeof(*r->rules));
	r->nrules = nrules;
	for (i = 0; i < nrules; i++) {
		struct profile_rule *pr = &t->prules[i];
		struct resolve_rule *rr = &r->rules[i];

		pr->index = i;
		pr->names = names_split(rules[i].names, &pr->nnames);
		pr->action = rules[i].action;
		pr->errno_ret = rules[i].data;
		pr->nargs = rules[i].nargs;
		pr->args = xcalloc(pr->nargs + 1, sizeof(*pr->args));
		memcpy(pr->args, rules[i].args, pr->nargs * sizeof(*pr->args));
		rr->rule = pr;
		rr->id = (unsigned)i + 1;
		rr->verdict = (struct profile_verdict){rules[i].action,
						       rules[i].data};
		rr->names = (const char *const *)pr->names;
		rr->nnames = pr->nnames;
		rr->args = pr->args;
		rr->nargs = pr->nargs;
		rr->args_or = index_repeats(pr->args, pr->nargs);
	}
	return r;
}

void tset_free(struct resolve_result *r)
{
	struct tset *t = (struct tset *)r;
	size_t i, j;

	if (!r)
		return;
	for (i = 0; i < r->nrules; i++) {
		for (j = 0; j < t->prules[i].nnames; j++)
			free(t->prules[i].names[j]);
		free(t->prules[i].names);
		free(t->prules[i].args);
	}
	free(t->prules);
	free(r->rules);
	free(r->arches);
	free(t);
}

void tset_describe(const struct resolve_result *r, struct strbuf *out)
{
	size_t i, j;

	strbuf_adds(out, "      default ");
	profile_verdict_format(&r->default_verdict, out);
	strbuf_adds(out, ", arches");
	for (i = 0; i < r->narches; i++)
		strbuf_addf(out, " %#x", r->arches[i]);
	strbuf_addc(out, '\n');
	for (i = 0; i < r->nrules; i++) {
		const struct resolve_rule *rule = &r->rules[i];

		strbuf_addf(out, "      %u:", rule->id);
		for (j = 0; j < rule->nnames; j++)
			strbuf_addf(out, " %s", rule->names[j]);
		strbuf_adds(out, " -> ");
		profile_verdict_format(&rule->verdict, out);
		for (j = 0; j < rule->nargs; j++) {
			const struct profile_arg *a = &rule->args[j];

			strbuf_addf(out, " %s a%u %s %#llx/%#llx",
				    j && rule->args_or ? "OR" : "", a->index,
				    profile_op_name(a->op),
				    (unsigned long long)a->value,
				    (unsigned long long)a->value_two);
		}
		strbuf_addc(out, '\n');
	}
}

/* ---- rule sets more than one test uses --------------------------------- */

const struct trule tset_slip_rules[2] = {
	{"getppid", PROFILE_ACT_ERRNO, 2, 1, {T_ARG(2, LE, 0x7fffffff)}},
	{"getppid", PROFILE_ACT_ALLOW, 0, 1, {T_ARG(2, GT, 0x500000000ull)}},
};

const struct trule tset_ring_rules[2] = {
	{"getppid",
	 PROFILE_ACT_ERRNO,
	 3,
	 2,
	 {T_ARG(0, NE, 5), T_ARG(1, EQ, 1)}},
	{"getppid",
	 PROFILE_ACT_ERRNO,
	 3,
	 2,
	 {T_ARG(0, NE, 5), T_ARG(2, EQ, 2)}},
};

/* ---- agreement ------------------------------------------------------- */

int tfilters_init(struct tfilters *f, const struct resolve_result *r,
		  struct err *err)
{
	int rc;

	memset(f, 0, sizeof(*f));
	f->r = r;
	f->e = eval_new(r);
	/* libseccomp would loop: eval knows, and compile must give up. */
	if (eval_libseccomp_hangs(f->e))
		return -ETIME;
	rc = compile_filter(r, COMPILE_ORIGINAL, &f->orig, err);
	if (rc == 0)
		rc = compile_filter(r, COMPILE_TRACE, &f->trace, err);
	if (rc == 0)
		rc = compile_filter(r, COMPILE_TRAP, &f->trap, err);
	if (rc == 0)
		rc = compile_filter(r, COMPILE_NOTIFY, &f->notify, err);
	return rc;
}

void tfilters_release(struct tfilters *f)
{
	compile_bpf_release(&f->orig);
	compile_bpf_release(&f->trace);
	compile_bpf_release(&f->trap);
	compile_bpf_release(&f->notify);
	eval_free(f->e);
	f->e = NULL;
}

/* What a return value of the original program says, as a verdict. */
static struct profile_verdict ret_verdict(uint32_t ret)
{
	static const struct {
		uint32_t ret;
		enum profile_action action;
	} actions[] = {
		{SECCOMP_RET_KILL_PROCESS, PROFILE_ACT_KILL_PROCESS},
		{SECCOMP_RET_KILL_THREAD, PROFILE_ACT_KILL_THREAD},
		{SECCOMP_RET_TRAP, PROFILE_ACT_TRAP},
		{SECCOMP_RET_ERRNO, PROFILE_ACT_ERRNO},
		{SECCOMP_RET_USER_NOTIF, PROFILE_ACT_NOTIFY},
		{SECCOMP_RET_TRACE, PROFILE_ACT_TRACE},
		{SECCOMP_RET_LOG, PROFILE_ACT_LOG},
		{SECCOMP_RET_ALLOW, PROFILE_ACT_ALLOW},
	};
	struct profile_verdict v = {PROFILE_ACT_NONE, ret & SECCOMP_RET_DATA};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(actions); i++)
		if ((ret & SECCOMP_RET_ACTION_FULL) == actions[i].ret)
			v.action = actions[i].action;
	return v;
}

static uint32_t run(const struct compile_bpf *b, const struct tcall *c)
{
	struct seccomp_data d = {.nr = c->nr, .arch = c->arch};

	memcpy(d.args, c->args, sizeof(d.args));
	return bpf_run(b->insns, b->len, &d);
}

bool tfilters_agree(const struct tfilters *f, const struct tcall *c,
		    struct strbuf *why)
{
	struct profile_verdict verdict;
	struct eval_result ev;
	uint32_t got[4];
	bool runs, ok;

	eval_call(f->e, c->arch, c->nr, c->args, &ev);
	runs = profile_action_is_allow(ev.verdict.action);
	got[0] = run(&f->orig, c);
	got[1] = run(&f->trace, c);
	got[2] = run(&f->trap, c);
	got[3] = run(&f->notify, c);
	verdict = ret_verdict(got[0]);
	ok = profile_verdict_equal(&verdict, &ev.verdict);
	ok = ok && got[1] == (runs ? got[0] : SECCOMP_RET_TRACE | ev.id);
	ok = ok && got[2] == (runs ? got[0] : SECCOMP_RET_TRAP | ev.id);
	ok = ok && got[3] == (runs ? got[0] : SECCOMP_RET_USER_NOTIF);
	/* The id is the rule's, or an earlier rule's with its action. */
	ok = ok && (ev.rule ? ev.id <= ev.rule->id
			    : ev.id == RESOLVE_ID_DEFAULT ||
				      ev.id == RESOLVE_ID_BADARCH);
	if (!ok) {
		strbuf_addf(
			why,
			"call arch %#x nr %d args %#llx %#llx %#llx %#llx %#llx %#llx\n      eval ",
			c->arch, c->nr, (unsigned long long)c->args[0],
			(unsigned long long)c->args[1],
			(unsigned long long)c->args[2],
			(unsigned long long)c->args[3],
			(unsigned long long)c->args[4],
			(unsigned long long)c->args[5]);
		profile_verdict_format(&ev.verdict, why);
		strbuf_addf(
			why,
			" id %u; bpf original %#x trace %#x trap %#x notify %#x\n",
			ev.id, got[0], got[1], got[2], got[3]);
		tset_describe(f->r, why);
	}
	return ok;
}

void tvectors_check(const struct resolve_result *r, const struct tvector *v,
		    size_t n, const char *file, int line)
{
	struct strbuf why = STRBUF_INIT;
	struct tfilters f;
	struct err err = {""};
	size_t i;

	if (tfilters_init(&f, r, &err) < 0) {
		test_fail(file, line, "compile: %s", err.msg);
		tfilters_release(&f);
		return;
	}
	for (i = 0; i < n; i++) {
		struct tcall c = {.arch = v[i].arch, .nr = v[i].nr};
		struct eval_result ev;

		if (v[i].name)
			c.nr = sysent_nr(v[i].arch, v[i].name);
		memcpy(c.args, v[i].args, sizeof(c.args));
		eval_call(f.e, c.arch, c.nr, c.args, &ev);
		if (ev.verdict.action != v[i].action ||
		    ev.verdict.data != v[i].data || ev.id != v[i].id)
			test_fail(
				file, line,
				"vector %zu (%s nr %d): eval gives action %d data %u id %u, expected %d %u %u",
				i, v[i].name ? v[i].name : "", c.nr,
				ev.verdict.action, ev.verdict.data, ev.id,
				v[i].action, v[i].data, v[i].id);
		strbuf_reset(&why);
		if (!tfilters_agree(&f, &c, &why))
			test_fail(file, line, "vector %zu: %s", i,
				  strbuf_str(&why));
	}
	strbuf_release(&why);
	tfilters_release(&f);
}

/* ---- random rule sets ------------------------------------------------ */

uint64_t trand_next(struct trand *t)
{
	uint64_t z = (t->state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

size_t trand_below(struct trand *t, size_t n)
{
	return (size_t)(trand_next(t) % n);
}

/* Values where comparisons change: words at 0, 1, 2^31, 2^32 and so on. */
static const uint64_t values[] = {
	0,
	1,
	2,
	5,
	16,
	40,
	0x7fffffff,
	0x80000000,
	0xffffffff,
	0x100000000ull,
	0x100000005ull,
	0x500000000ull,
	0xffffffff00000000ull,
	0xfffffffffffffffeull,
	UINT64_MAX,
};

static const uint64_t masks[] = {
	0,
	0xff,
	0xf0,
	0xffffffff,
	0xffffffff00000000ull,
	0x100000001ull,
	UINT64_MAX,
};

static struct profile_verdict random_verdict(struct trand *t, bool only_errno)
{
	static const struct profile_verdict any[] = {
		{PROFILE_ACT_ALLOW, 0},	      {PROFILE_ACT_ALLOW, 0},
		{PROFILE_ACT_ERRNO, 1},	      {PROFILE_ACT_ERRNO, 2},
		{PROFILE_ACT_ERRNO, 65537},   {PROFILE_ACT_KILL, 0},
		{PROFILE_ACT_KILL_THREAD, 0}, {PROFILE_ACT_KILL_PROCESS, 0},
		{PROFILE_ACT_TRAP, 0},	      {PROFILE_ACT_LOG, 0},
		{PROFILE_ACT_TRACE, 3},	      {PROFILE_ACT_NOTIFY, 0},
	};
	static const struct profile_verdict errnos[] = {
		{PROFILE_ACT_ALLOW, 0},	 {PROFILE_ACT_ALLOW, 0},
		{PROFILE_ACT_ERRNO, 11}, {PROFILE_ACT_ERRNO, 12},
		{PROFILE_ACT_ERRNO, 13}, {PROFILE_ACT_ERRNO, 14},
	};

	if (only_errno)
		return errnos[trand_below(t, ARRAY_SIZE(errnos))];
	return any[trand_below(t, ARRAY_SIZE(any))];
}

static struct profile_arg random_arg(struct trand *t)
{
	struct profile_arg a = {
		.index = (unsigned)trand_below(t, 3),
		.op = (enum profile_op)(1 + trand_below(t, 7)),
		.value = values[trand_below(t, ARRAY_SIZE(values))],
	};

	if (a.op == PROFILE_OP_MASKED_EQ) {
		a.value = masks[trand_below(t, ARRAY_SIZE(masks))];
		a.value_two = values[trand_below(t, ARRAY_SIZE(values))];
		/* Mostly a value that fits the mask, as people write them. */
		if (trand_below(t, 4))
			a.value_two &= a.value;
	}
	return a;
}

struct resolve_result *trand_ruleset(struct trand *t,
				     const struct trand_spec *spec)
{
	struct trule rules[17];
	struct strbuf names[17];
	struct resolve_result *r;
	struct profile_verdict def;
	size_t n = 1 + trand_below(t, spec->max_rules), i, j, k, first = 0;

	def = random_verdict(t, spec->only_errno);
	if (spec->only_errno)
		def = trand_below(t, 2)
			      ? (struct profile_verdict){PROFILE_ACT_ERRNO, 10}
			      : (struct profile_verdict){PROFILE_ACT_ALLOW, 0};
	if (spec->always_allow && def.action != PROFILE_ACT_ALLOW) {
		strbuf_init(&names[0]);
		rules[0] = (struct trule){
			spec->always_allow, PROFILE_ACT_ALLOW, 0, 0, {{0}}};
		first = 1;
		n++;
	}
	for (i = first; i < n; i++) {
		strbuf_init(&names[i]);
		k = 1 + trand_below(t, spec->max_names ? spec->max_names : 2);
		for (j = 0; j < k; j++)
			strbuf_addf(&names[i], "%s ",
				    spec->names[trand_below(t, spec->nnames)]);
		rules[i] = (struct trule){.names = strbuf_str(&names[i])};
		do {
			struct profile_verdict v =
				random_verdict(t, spec->only_errno);

			rules[i].action = v.action;
			rules[i].data = v.data;
		} while (rules[i].action == def.action &&
			 rules[i].data == def.data);
		/* Unconditional a quarter of the time. */
		rules[i].nargs = trand_below(t, 4) ? 1 + trand_below(t, 3) : 0;
		for (j = 0; j < rules[i].nargs; j++)
			rules[i].args[j] = random_arg(t);
	}
	r = tset_build(spec->arches, spec->narches, def, rules, n);
	for (i = 0; i < n; i++)
		strbuf_release(&names[i]);
	return r;
}

void trand_args(struct trand *t, const struct resolve_result *r,
		uint64_t args[6])
{
	size_t i;

	for (i = 0; i < 6; i++) {
		const struct resolve_rule *rule;
		uint64_t v;

		switch (trand_below(t, 4)) {
		case 0:
			args[i] = trand_next(t) >> trand_below(t, 64);
			continue;
		case 1:
			args[i] = values[trand_below(t, ARRAY_SIZE(values))];
			continue;
		default:
			break;
		}
		/* A value from a condition of the rule set, or next to it. */
		rule = r->nrules ? &r->rules[trand_below(t, r->nrules)] : NULL;
		if (!rule || !rule->nargs) {
			args[i] = 0;
			continue;
		}
		v = rule->args[trand_below(t, rule->nargs)].value;
		if (rule->args[0].op == PROFILE_OP_MASKED_EQ &&
		    trand_below(t, 2))
			v = rule->args[0].value_two | (trand_next(t) & ~v);
		args[i] = v + (uint64_t)trand_below(t, 3) - 1;
	}
}
