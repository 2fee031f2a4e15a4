// SPDX-License-Identifier: Apache-2.0
/*
 * The walk: every named call of every ABI of either filter, judged by
 * both profiles with each argument set its conditions single out (and
 * held to both compiled filters, call by call); what is judged apart is
 * kept, a whole call at once when every argument set changed alike.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/bpf.h"
#include "seccompdbg/compile.h"
#include "seccompdbg/decode.h"
#include "seccompdbg/sysent.h"

/* Numbers are below 1024 on x86_64, x86 and x32 (before the x32 bit). */
#define MAX_NR 1024

struct side {
	const struct resolve_result *r;
	struct eval *e;
	struct compile_bpf bpf;
};

struct walk {
	struct side a, b;
	uint32_t abis[16];
	size_t nabis;
	struct semdiff_conds conds;
	struct semdiff_probes probes;
	struct semdiff *out;
	size_t capchanges, capabis;
	struct err *err;
};

static int side_init(struct side *s, const struct resolve_result *r,
		     struct err *err)
{
	s->r = r;
	s->e = eval_new(r);
	return compile_filter(r, COMPILE_TRACE, &s->bpf, err);
}

static void side_release(struct side *s)
{
	eval_free(s->e);
	compile_bpf_release(&s->bpf);
}

static void abi_add(struct walk *w, uint32_t token)
{
	size_t i;

	for (i = 0; i < w->nabis; i++)
		if (w->abis[i] == token)
			return;
	if (w->nabis < ARRAY_SIZE(w->abis))
		w->abis[w->nabis++] = token;
}

/* Judge one call on one side, held to that side's filter. */
static int judge(struct walk *w, const struct side *s, uint32_t arch, int nr,
		 const uint64_t args[6], struct eval_result *ev)
{
	struct seccomp_data d = {.nr = nr, .arch = arch};
	uint32_t ret;

	eval_call(s->e, arch, nr, args, ev);
	memcpy(d.args, args, sizeof(d.args));
	ret = bpf_run(s->bpf.insns, s->bpf.len, &d);
	if (eval_matches_filter(ev, ret))
		return 0;
	return err_set(
		w->err, EPROTO,
		"internal disagreement on %s nr %d (%s): the rules give id %u, the compiled filter %#x; please report it",
		sysent_name(arch, nr) ? sysent_name(arch, nr) : "?", nr,
		s->r->profile->file, ev->id, ret);
}

static void change_add(struct walk *w, const struct semdiff_change *c)
{
	struct semdiff *d = w->out;

	xgrow(&d->changes, &w->capchanges, d->nchanges + 1,
	      sizeof(*d->changes));
	d->changes[d->nchanges++] = *c;
}

static bool same(const struct eval_result *x, const struct eval_result *y)
{
	return profile_verdict_equal(&x->verdict, &y->verdict);
}

/*
 * One call with every argument set: kept once (any arguments) when every
 * set changed alike, else each set that changed.
 */
static int call_walk(struct walk *w, size_t k, uint32_t arch, int nr)
{
	struct semdiff_change first = {0}, c;
	const struct semdiff_cond *conds;
	size_t n, i, changed = 0;
	bool alike = true;
	int rc;

	conds = semdiff_conds_of(&w->conds, k, nr, &n);
	semdiff_probes_make(&w->probes, conds, n,
			    sysent_arch_by_token(w->abis[k])->bits == 32);
	c = (struct semdiff_change){.abi = w->abis[k], .arch = arch, .nr = nr};
	c.name = sysent_name(arch, nr);
	w->out->ncalls++;
	for (i = 0; i < w->probes.n; i++) {
		memcpy(c.args, w->probes.v[i], sizeof(c.args));
		rc = judge(w, &w->a, arch, nr, c.args, &c.a);
		if (rc == 0)
			rc = judge(w, &w->b, arch, nr, c.args, &c.b);
		if (rc < 0)
			return rc;
		w->out->nprobes++;
		if (same(&c.a, &c.b))
			continue;
		if (!changed++)
			first = c;
		else
			alike &= same(&c.a, &first.a) && same(&c.b, &first.b);
	}
	if (!changed)
		return 0;
	if (changed == w->probes.n && alike) {
		first.any_args = true;
		memset(first.args, 0, sizeof(first.args));
		change_add(w, &first);
		return 0;
	}
	for (i = 0; i < w->probes.n; i++) {
		memcpy(c.args, w->probes.v[i], sizeof(c.args));
		eval_call(w->a.e, arch, nr, c.args, &c.a);
		eval_call(w->b.e, arch, nr, c.args, &c.b);
		if (!same(&c.a, &c.b))
			change_add(w, &c);
	}
	return 0;
}

/* Whether the filter of S sends the ABI's calls to the bad-arch action. */
static bool bad_arch(const struct side *s, uint32_t arch, int nr)
{
	static const uint64_t zero[6];
	struct eval_result ev;

	eval_call(s->e, arch, nr, zero, &ev);
	return ev.id == RESOLVE_ID_BADARCH;
}

static int abi_walk(struct walk *w, size_t k)
{
	struct semdiff *d = w->out;
	bool checked = false;
	uint32_t arch;
	unsigned i;
	int nr, rc;

	for (i = 0; i < MAX_NR; i++) {
		nr = sysent_call_nr(w->abis[k], i, &arch);
		if (!sysent_name(arch, nr))
			continue;
		if (!checked) {
			bool bad_a = bad_arch(&w->a, arch, nr);
			bool bad_b = bad_arch(&w->b, arch, nr);

			checked = true;
			if (bad_a && bad_b)
				return 0;
			if (bad_a || bad_b) {
				xgrow(&d->abis, &w->capabis, d->nabis + 1,
				      sizeof(*d->abis));
				d->abis[d->nabis++] = (struct semdiff_abi){
					w->abis[k], !bad_a, !bad_b};
				return 0;
			}
		}
		rc = call_walk(w, k, arch, nr);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int semdiff_run(const struct resolve_result *a, const struct resolve_result *b,
		struct semdiff *out, struct err *err)
{
	struct walk w = {.out = out, .err = err};
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < a->narches; i++)
		abi_add(&w, a->arches[i]);
	for (i = 0; i < b->narches; i++)
		abi_add(&w, b->arches[i]);
	rc = side_init(&w.a, a, err);
	if (rc == 0)
		rc = side_init(&w.b, b, err);
	if (rc == 0) {
		semdiff_conds_add(&w.conds, a, w.abis, w.nabis);
		semdiff_conds_add(&w.conds, b, w.abis, w.nabis);
		semdiff_conds_sort(&w.conds);
	}
	for (i = 0; rc == 0 && i < w.nabis; i++)
		rc = abi_walk(&w, i);
	semdiff_conds_release(&w.conds);
	semdiff_probes_release(&w.probes);
	side_release(&w.a);
	side_release(&w.b);
	if (rc < 0)
		semdiff_release(out);
	else
		semdiff_group(out);
	return rc;
}

void semdiff_release(struct semdiff *d)
{
	semdiff_groups_release(d);
	free(d->changes);
	free(d->abis);
	memset(d, 0, sizeof(*d));
}

/*
 * Argument I as decode shows it, or as a number where that would hide
 * it: past 32 bits (decode shows an int's low half), spelled out in
 * more than a few flags, or not shown at all.
 */
static void arg_text(const struct semdiff_change *c, unsigned i,
		     struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;

	decode_arg(c->arch, c->nr, c->args, i, NULL, NULL, &sb);
	if (sb.len && sb.len <= 48 && !(c->args[i] >> 32))
		strbuf_add(out, sb.buf, sb.len);
	else
		strbuf_addf(out, "%#llx", (unsigned long long)c->args[i]);
	strbuf_release(&sb);
}

void semdiff_args_text(const struct semdiff_change *c, struct strbuf *out)
{
	struct decode_arg_info info[6];
	size_t before = out->len;
	unsigned i, set = 0, last = 0;

	if (c->any_args)
		return;
	for (i = 0; i < 6; i++)
		if (c->args[i])
			set++, last = i;
	if (!set) {
		strbuf_adds(out, "every argument 0");
		return;
	}
	decode_args(c->arch, c->nr, c->args, info);
	if (set == 1 && info[last].xlat) {
		arg_text(c, last, out);
		return;
	}
	for (i = 0; i < 6; i++) {
		if (!c->args[i])
			continue;
		strbuf_addf(out, "%sarg%u=", out->len > before ? ", " : "", i);
		arg_text(c, i, out);
	}
}
