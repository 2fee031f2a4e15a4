// SPDX-License-Identifier: Apache-2.0
/*
 * The changes as a person reads them: grouped by call, argument set and
 * pair of verdicts, one line per set of ABIs (semdiff_group), and the
 * text `seccompdbg diff` prints and the view's diff pane shows
 * (semdiff_text).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

/* Calls changed whatever their arguments wrap after this many columns. */
#define WRAP 60

static char *verdict_text(const struct profile_verdict *v)
{
	struct strbuf sb = STRBUF_INIT;

	profile_verdict_format(v, &sb);
	return strbuf_detach(&sb);
}

static bool group_is(const struct semdiff_group *g,
		     const struct semdiff_change *c, const char *args,
		     const char *va, const char *vb)
{
	return !strcmp(g->c->name, c->name) && !strcmp(g->args, args) &&
	       !strcmp(g->va, va) && !strcmp(g->vb, vb);
}

void semdiff_group(struct semdiff *d)
{
	struct strbuf args = STRBUF_INIT;
	size_t i, j, cap = 0;

	for (i = 0; i < d->nchanges; i++) {
		const struct semdiff_change *c = &d->changes[i];
		char *va = verdict_text(&c->a.verdict);
		char *vb = verdict_text(&c->b.verdict);
		struct semdiff_group *g = NULL;

		strbuf_reset(&args);
		semdiff_args_text(c, &args);
		for (j = 0; j < d->ngroups && !g; j++)
			if (group_is(&d->groups[j], c, strbuf_str(&args), va,
				     vb))
				g = &d->groups[j];
		if (g) {
			if (g->nabis < ARRAY_SIZE(g->abis))
				g->abis[g->nabis++] = c->abi;
			free(va);
			free(vb);
			continue;
		}
		xgrow(&d->groups, &cap, d->ngroups + 1, sizeof(*d->groups));
		d->groups[d->ngroups++] = (struct semdiff_group){
			c, xstrdup(strbuf_str(&args)), va, vb, {c->abi}, 1};
	}
	strbuf_release(&args);
}

void semdiff_groups_release(struct semdiff *d)
{
	size_t i;

	for (i = 0; i < d->ngroups; i++) {
		free(d->groups[i].args);
		free(d->groups[i].va);
		free(d->groups[i].vb);
	}
	free(d->groups);
	d->groups = NULL;
	d->ngroups = 0;
}

static void abis_text(const struct semdiff_group *g, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < g->nabis; i++)
		strbuf_addf(out, "%s%s", i ? " " : "",
			    sysent_arch_by_token(g->abis[i])->name);
}

static bool same_abis(const struct semdiff_group *x,
		      const struct semdiff_group *y)
{
	return x->nabis == y->nabis &&
	       !memcmp(x->abis, y->abis, x->nabis * sizeof(*x->abis));
}

static bool same_pair(const struct semdiff_group *x,
		      const struct semdiff_group *y)
{
	return !strcmp(x->va, y->va) && !strcmp(x->vb, y->vb);
}

/* The calls of FIRST's pair of verdicts changed whatever their arguments
 * and on E's ABIs, from E on, on one wrapped line. */
static void any_args_line(const struct semdiff *d, size_t e, bool *done,
			  struct strbuf *out)
{
	struct strbuf line = STRBUF_INIT, where = STRBUF_INIT;
	const struct semdiff_group *g = &d->groups[e];
	size_t j;

	abis_text(g, &where);
	for (j = e; j < d->ngroups; j++) {
		const struct semdiff_group *o = &d->groups[j];

		if (done[j] || *o->args || !same_pair(o, g) || !same_abis(o, g))
			continue;
		done[j] = true;
		if (line.len && line.len + strlen(o->c->name) > WRAP) {
			strbuf_addf(out, "  %s,\n", line.buf);
			strbuf_reset(&line);
		}
		strbuf_addf(&line, "%s%s", line.len ? ", " : "", o->c->name);
	}
	strbuf_addf(out, "  %s  (%s)\n", line.buf, where.buf);
	strbuf_release(&line);
	strbuf_release(&where);
}

/*
 * The groups of one pair of verdicts: calls changed whatever their
 * arguments share a line per set of ABIs, wrapped; each argument set
 * has its own line.
 */
static void pair_text(const struct semdiff *d, size_t first, bool *done,
		      struct strbuf *out)
{
	const struct semdiff_group *f = &d->groups[first];
	struct strbuf where = STRBUF_INIT;
	size_t i;

	strbuf_addf(out, "%s -> %s\n", f->va, f->vb);
	for (i = first; i < d->ngroups; i++) {
		const struct semdiff_group *g = &d->groups[i];

		if (done[i] || !same_pair(g, f))
			continue;
		if (!*g->args) {
			any_args_line(d, i, done, out);
			continue;
		}
		done[i] = true;
		strbuf_reset(&where);
		abis_text(g, &where);
		strbuf_addf(out, "  %s with %s  (%s)\n", g->c->name, g->args,
			    where.buf);
	}
	strbuf_release(&where);
}

void semdiff_text(const struct semdiff *d, const char *a, const char *b,
		  struct strbuf *out)
{
	bool *done = xcalloc(d->ngroups + 1, sizeof(*done));
	size_t i;

	for (i = 0; i < d->nabis; i++) {
		const struct semdiff_abi *x = &d->abis[i];

		strbuf_addf(
			out,
			"%s: %s lets its calls reach the rules, %s gives every one the bad-architecture action (SCMP_ACT_KILL_THREAD)\n",
			sysent_arch_by_token(x->abi)->name, x->in_a ? a : b,
			x->in_a ? b : a);
	}
	for (i = 0; i < d->ngroups; i++)
		if (!done[i])
			pair_text(d, i, done, out);
	free(done);
}
