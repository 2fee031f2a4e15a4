// SPDX-License-Identifier: Apache-2.0
/*
 * The summary printed at exit: one line per refused system call (per
 * architecture) with how often it was called and what was decided, then
 * what the profile gained and where it went. The table is built from
 * the denials alone (session_summary_table), so tests can feed it.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

struct group {
	uint32_t arch;
	const char *name, *arch_name;
	unsigned long calls;
	unsigned long states[SESSION_GONE + 1];
	int errnos[4]; /* the first few errnos of denials */
	size_t nerrnos;
};

static struct group *group_of(struct group **g, size_t *n, size_t *cap,
			      const struct session_denial *d)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*g)[i].arch == d->arch && !strcmp((*g)[i].name, d->name))
			return &(*g)[i];
	xgrow(g, cap, *n + 1, sizeof(**g));
	memset(&(*g)[*n], 0, sizeof(**g));
	(*g)[*n].arch = d->arch;
	(*g)[*n].name = d->name;
	(*g)[*n].arch_name = d->arch_name;
	return &(*g)[(*n)++];
}

static void errno_add(struct group *g, int e)
{
	size_t i;

	for (i = 0; i < g->nerrnos; i++)
		if (g->errnos[i] == e)
			return;
	if (g->nerrnos < ARRAY_SIZE(g->errnos))
		g->errnos[g->nerrnos++] = e;
}

static const char *const state_words[] = {
	[SESSION_PENDING] = "pending",
	[SESSION_ALLOWED_ONCE] = "allowed once",
	[SESSION_ALLOWED_ALWAYS] = "allowed always",
	[SESSION_ALLOWED_ARGS] = "allowed with arguments",
	[SESSION_DENIED] = "denied as the profile would",
	[SESSION_DENIED_ERRNO] = "denied with an errno",
	[SESSION_KILLED] = "killed",
	[SESSION_GONE] = "gone while waiting",
};

static void group_line(const struct group *g, struct strbuf *out)
{
	bool first = true;
	size_t i;

	strbuf_addf(out, "  %-20s %-7s %7lu  ", g->name, g->arch_name,
		    g->calls);
	for (i = 0; i < ARRAY_SIZE(state_words); i++) {
		if (!g->states[i])
			continue;
		strbuf_addf(out, "%s%s %lu", first ? "" : ", ", state_words[i],
			    g->states[i]);
		first = false;
	}
	for (i = 0; i < g->nerrnos; i++) {
		const char *name = profile_errno_name((uint32_t)g->errnos[i]);

		if (name)
			strbuf_addf(out, "%s%s", i ? " " : " (", name);
		else
			strbuf_addf(out, "%serrno %d", i ? " " : " (",
				    g->errnos[i]);
	}
	strbuf_adds(out, g->nerrnos ? ")\n" : "\n");
}

void session_summary_table(const struct session_denial *const *ds, size_t n,
			   struct strbuf *out)
{
	struct group *g = NULL;
	size_t ng = 0, cap = 0, i;

	for (i = 0; i < n; i++) {
		const struct session_denial *d = ds[i];
		struct group *x = group_of(&g, &ng, &cap, d);

		x->calls += 1 + d->repeats;
		if (d->state <= SESSION_GONE)
			x->states[d->state]++;
		if (d->state == SESSION_DENIED ||
		    d->state == SESSION_DENIED_ERRNO)
			if (d->errno_used)
				errno_add(x, d->errno_used);
	}
	if (ng)
		strbuf_addf(out, "  %-20s %-7s %7s  %s\n", "system call",
			    "arch", "calls", "decisions");
	for (i = 0; i < ng; i++)
		group_line(&g[i], out);
	free(g);
}

size_t session_accepted(const struct session *s, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < s->naccepts; i++) {
		const struct session_accept *a = &s->accepts[i];
		const struct sysent_arch *arch = sysent_arch_by_token(a->arch);

		strbuf_adds(out, "  + ");
		if (a->kind == SESSION_ACCEPT_ARCH) {
			strbuf_addf(out, "architecture %s",
				    arch ? arch->scmp : "?");
		} else {
			strbuf_adds(out, a->name);
			if (a->nconds) {
				strbuf_adds(out, " if ");
				session_conds_format(a->conds, a->nconds, out);
			}
			if (a->widened)
				strbuf_adds(
					out,
					" (every call: a rule with conditions would clash)");
		}
		strbuf_addc(out, '\n');
	}
	return s->naccepts;
}

static void outcome(const struct session *s, struct strbuf *out)
{
	if (s->failure)
		strbuf_addf(out, "seccompdbg: %s\n", s->failure);
	if (s->signal)
		strbuf_addf(
			out,
			"seccompdbg: stopped by signal %d (%s): the program was killed\n",
			s->signal, strsignal(s->signal));
	else if (s->exit_status > 128)
		strbuf_addf(
			out,
			"seccompdbg: the program was killed by signal %d (%s)\n",
			s->exit_status - 128, strsignal(s->exit_status - 128));
	else if (s->exited)
		strbuf_addf(out, "seccompdbg: the program exited with %d\n",
			    s->exit_status);
}

void session_summary(const struct session *s, struct strbuf *out)
{
	const struct session_denial **ds;
	size_t i;

	ds = xcalloc(s->nentries + 1, sizeof(*ds));
	for (i = 0; i < s->nentries; i++)
		ds[i] = &s->entries[i]->pub;
	strbuf_addf(
		out,
		"seccompdbg: %zu denial%s, %lu more call%s answered by remembered decisions\n",
		s->nentries, s->nentries == 1 ? "" : "s", s->remembered,
		s->remembered == 1 ? "" : "s");
	session_summary_table(ds, s->nentries, out);
	free(ds);
	if (s->naccepts) {
		strbuf_addf(out, "seccompdbg: the profile gained:\n");
		session_accepted(s, out);
	}
	if (s->saved)
		strbuf_addf(out, "seccompdbg: profile saved to %s\n",
			    s->cfg.output_path);
	else if (profile_is_modified(s->profile))
		strbuf_addf(out,
			    "seccompdbg: the edited profile was not saved%s\n",
			    s->cfg.output_path ? "" : " (no -o)");
	outcome(s, out);
	if (s->end_note)
		strbuf_addf(out, "seccompdbg: %s\n", s->end_note);
}
