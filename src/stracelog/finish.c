// SPDX-License-Identifier: Apache-2.0
/*
 * After the last log: pair what the reading order left apart, settle the
 * ABI of every segment, and add the counts up into one table of (ABI,
 * name). Also the notes only the whole picture can give: names that are
 * no system call, failures that look like a filter at work, and the calls
 * every profile needs that the logs never show.
 *
 * A segment's ABI, when strace did not print it: the one its parent (or
 * the process before its execve) ran, unless the names of its calls say
 * otherwise. Each name votes for the ABIs it exists on; -n numbers
 * narrow the choice first. A 32-bit program under a 64-bit strace -o
 * calls mmap2, _llseek or set_thread_area within its first lines.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* -ff: a thread's execve starts in its file, ends in its leader's. */
static void pair_execs(struct stracelog *log)
{
	unsigned execve = sl_intern(log, "execve", 6);
	size_t i;

	for (i = 0; i < log->nprocs; i++) {
		struct sl_proc *p = sl_proc_at(log, i);
		struct sl_proc *t = sl_proc_find(log, p->took_over);

		if (!p->lone_execve)
			continue;
		if (t && t != p && t->pending.active &&
		    t->pending.name == execve) {
			struct sl_count *c =
				sl_count_of(log, t->pending.seg, execve);

			c->calls--; /* counted again where it resumed */
			sl_pub(log, t)->calls--;
			t->pending.active = false;
			if (t->exec_path)
				sl_pub(log, p)->exe = t->exec_path;
			p->lone_execve--;
			continue;
		}
		sl_note(log, STRACELOG_NOTE_RESUMED_ALONE, STRACELOG_INFO, NULL,
			sl_pub(log, p)->pid, "execve",
			"pid %ld: execve resumed, but its start is not in the log: counted once",
			sl_pub(log, p)->pid);
	}
	for (i = 0; i < log->nprocs; i++) {
		struct sl_proc *p = sl_proc_at(log, i);

		if (p->pending.active)
			sl_pending_lost(log, p,
					p->ended ? "the process ended during it"
						 : "the log ends first");
	}
}

/* A name that exists on PICK but not on BASE, to explain a guess. */
static const char *telling_name(struct stracelog *log,
				const struct sl_segment *s, uint32_t pick,
				uint32_t base)
{
	size_t i;

	for (i = 0; i < s->ncounts; i++) {
		const char *name = log->names[s->counts[i].name];

		if (sl_exists_on(pick, name) && !sl_exists_on(base, name))
			return name;
	}
	return "?";
}

/* The ABI of segment S whose predecessor ran BASE. */
static uint32_t pick_arch(struct stracelog *log, struct sl_segment *s,
			  uint32_t base)
{
	size_t k, i, score[SL_FAMILY_MAX] = {0}, best = 0;
	int pick = -1, b = sl_family_index(log, base);
	long nr;

	for (k = 0; k < log->nfamily; k++) {
		if (!log->family[k] || !(s->nr_fit & (1u << k)))
			continue;
		for (i = 0; i < s->ncounts; i++) {
			const char *name = log->names[s->counts[i].name];

			score[k] += !sl_name_is_number(name, &nr) &&
				    sl_exists_on(log->family[k], name);
		}
		if (pick < 0 || score[k] > best ||
		    (score[k] == best && (int)k == b)) {
			pick = (int)k;
			best = score[k];
		}
	}
	if (pick < 0 || log->family[pick] == base)
		return base;
	sl_note(log, STRACELOG_NOTE_ARCH, STRACELOG_INFO, NULL,
		sl_pub(log, s->proc)->pid, NULL,
		"pid %ld ran as %s, guessed from the names of its calls (%s exists there only)",
		sl_pub(log, s->proc)->pid,
		sysent_arch_by_token(log->family[pick])->name,
		telling_name(log, s, log->family[pick], base));
	return log->family[pick];
}

/* Resolve segment I and the unresolved segments it inherits from, the
 * oldest first. */
static void resolve(struct stracelog *log, size_t i)
{
	size_t *chain = NULL, n = 0, cap = 0;

	for (;;) {
		struct sl_segment *s = &log->segs[i];

		if (s->is_resolved || s->is_explicit)
			break;
		s->is_resolved = true; /* also breaks a cycle */
		xgrow(&chain, &cap, n + 1, sizeof(*chain));
		chain[n++] = i;
		if (!s->hint)
			break;
		i = s->hint - 1;
	}
	while (n--) {
		struct sl_segment *s = &log->segs[chain[n]];
		uint32_t base = s->hint ? log->segs[s->hint - 1].arch
					: log->start->token;

		s->arch = pick_arch(log, s, base ? base : log->start->token);
	}
	free(chain);
}

/* Where a count of NAME (id) in a segment of ABI K is added up. */
struct tally {
	size_t *slot; /* [name * nfamily + k]: 1 + index in log->calls */
	bool *noted;  /* same shape: a note was given for it */
	size_t cap;
	size_t calls_cap;
};

/* Room in T for name ID. */
static void tally_fit(struct stracelog *log, struct tally *t, unsigned id)
{
	size_t old = t->cap;

	if ((id + 1) * log->nfamily <= t->cap)
		return;
	xgrow(&t->slot, &t->cap, (id + 1) * log->nfamily, sizeof(size_t));
	t->noted = xrealloc(t->noted, t->cap);
	memset(t->slot + old, 0, (t->cap - old) * sizeof(size_t));
	memset(t->noted + old, 0, t->cap - old);
}

/* strace's syscall_0x1b3: the name libseccomp gives the number, or NULL. */
static const char *number_name(struct stracelog *log, struct tally *t,
			       unsigned id, size_t k)
{
	const struct sysent_arch *a = sysent_arch_by_token(log->family[k]);
	const char *name = log->names[id], *real;
	bool first;
	long nr;

	if (!sl_name_is_number(name, &nr))
		return name;
	tally_fit(log, t, id);
	first = !t->noted[id * log->nfamily + k];
	real = sysent_name(a->token, (int)nr);
	t->noted[id * log->nfamily + k] = true;
	if (first && real)
		sl_note(log, STRACELOG_NOTE_NUMBER, STRACELOG_INFO, NULL, -1,
			real, "%s is %s on %s (strace did not know its name)",
			name, real, a->name);
	else if (first)
		sl_note(log, STRACELOG_NOTE_NUMBER, STRACELOG_WARNING, NULL, -1,
			name,
			"%s: no system call has this number on %s: left out (a profile can only name calls)",
			name, a->name);
	return real;
}

/* A family member NAME exists on, starting with K; K when none. */
static size_t arch_of_name(struct stracelog *log, const char *name, size_t k)
{
	size_t j;

	if (sl_exists_on(log->family[k], name))
		return k;
	for (j = 0; j < log->nfamily; j++)
		if (log->family[j] && sl_exists_on(log->family[j], name))
			return j;
	return k;
}

static void add_count(struct stracelog *log, struct tally *t, size_t k,
		      const struct sl_count *c)
{
	const char *name = number_name(log, t, c->name, k);
	struct stracelog_syscall *e;
	size_t j, *slot;
	unsigned id;

	if (!name)
		return;
	id = sl_intern(log, name, strlen(name));
	tally_fit(log, t, id);
	j = arch_of_name(log, name, k);
	if (j != k && !t->noted[id * log->nfamily + k]) {
		t->noted[id * log->nfamily + k] = true;
		sl_note(log, STRACELOG_NOTE_NOT_ON_ARCH, STRACELOG_INFO, NULL,
			-1, name, "%s is no system call on %s: counted on %s",
			name, sysent_arch_by_token(log->family[k])->name,
			sysent_arch_by_token(log->family[j])->name);
	}
	slot = &t->slot[id * log->nfamily + j];
	if (!*slot) {
		xgrow(&log->calls, &t->calls_cap, log->ncalls + 1,
		      sizeof(*log->calls));
		e = &log->calls[log->ncalls++];
		memset(e, 0, sizeof(*e));
		e->arch = sysent_arch_by_token(log->family[j]);
		e->name = log->names[id];
		e->nr = sysent_nr(e->arch->token, e->name);
		*slot = log->ncalls;
	}
	e = &log->calls[*slot - 1];
	e->calls += c->calls;
	e->unreturned += c->unreturned;
	e->failed += c->failed;
	e->eperm += c->eperm;
	e->eacces += c->eacces;
	e->enosys += c->enosys;
}

static int cmp_calls(const void *a, const void *b)
{
	const struct stracelog_syscall *x = a, *y = b;

	if (x->arch != y->arch)
		return x->arch < y->arch ? -1 : 1; /* sysent_arches order */
	return strcmp(x->name, y->name);
}

static void aggregate(struct stracelog *log)
{
	struct tally t = {NULL, NULL, 0, 0};
	size_t i, j;

	for (i = 0; i < log->nsegs; i++) {
		const struct sl_segment *s = &log->segs[i];
		int k = sl_family_index(log, s->arch);

		for (j = 0; j < s->ncounts; j++)
			if (s->counts[j].calls)
				add_count(log, &t, k < 0 ? 0 : (size_t)k,
					  &s->counts[j]);
	}
	free(t.slot);
	free(t.noted);
	if (log->ncalls) /* an empty log: calls is NULL, qsort's may not be */
		qsort(log->calls, log->ncalls, sizeof(*log->calls), cmp_calls);
}

static void build_processes(struct stracelog *log)
{
	size_t i;

	for (i = 0; i < log->nprocs; i++) {
		struct sl_proc *p = sl_proc_at(log, i);
		struct stracelog_process *pub = sl_pub(log, p);

		pub->ppid = p->parent ? sl_pub(log, p->parent)->pid : 0;
		pub->narches = 0;
	}
	for (i = 0; i < log->nsegs; i++) {
		const struct sl_segment *s = &log->segs[i];
		struct stracelog_process *pp;
		const struct sysent_arch *a = sysent_arch_by_token(s->arch);
		size_t j;

		if (!s->ncounts || !a)
			continue;
		pp = &log->pub[s->proc->index];
		for (j = 0; j < pp->narches && pp->arches[j] != a; j++)
			;
		if (j == pp->narches && j < ARRAY_SIZE(pp->arches))
			pp->arches[pp->narches++] = a;
	}
}

static void note_unknown(struct stracelog *log)
{
	size_t i;

	for (i = 0; i < log->nunknown; i++) {
		const struct sl_unknown *u = &log->unknown[i];
		const char *name = log->names[u->name];
		struct stracelog_note *n;

		n = sl_note(
			log, STRACELOG_NOTE_UNKNOWN_NAME, STRACELOG_WARNING,
			NULL, -1, name,
			"%s: no system call libseccomp knows on %s; %lu line%s ignored",
			name, log->start->name, u->count,
			u->count == 1 ? "" : "s");
		if (n) {
			n->file = u->file;
			n->line = u->line;
			n->count = u->count;
		}
	}
}

static void note_refused(struct stracelog *log)
{
	size_t i;

	for (i = 0; i < log->ncalls; i++) {
		const struct stracelog_syscall *c = &log->calls[i];
		struct stracelog_note *n;

		if (!c->eperm && !c->eacces && !c->enosys)
			continue;
		n = sl_note(
			log, STRACELOG_NOTE_REFUSED, STRACELOG_WARNING, NULL,
			-1, c->name,
			"%s (%s) failed with EPERM %lu, EACCES %lu, ENOSYS %lu times: a seccomp filter may have been in force (or a permission was missing)",
			c->name, c->arch->name, c->eperm, c->eacces, c->enosys);
		if (n) {
			n->arch = c->arch;
			n->count = c->eperm + c->eacces + c->enosys;
		}
	}
}

/* Calls a program needs that a log easily misses (minijail adds the same
 * four to every policy it generates from strace). */
static const struct {
	const char *name;
	enum stracelog_severity sev;
	const char *why;
} essentials[] = {
	{"exit_group", STRACELOG_WARNING,
	 "every process ends with it; without it programs die at exit"},
	{"exit", STRACELOG_INFO, "threads end with it"},
	{"rt_sigreturn", STRACELOG_INFO, "signal handlers return with it"},
	{"restart_syscall", STRACELOG_INFO,
	 "the kernel uses it to resume sleeps a signal interrupted"},
};

static void note_missing(struct stracelog *log)
{
	size_t i, k;

	for (i = 0; i < log->ncalls; i++) {
		const struct sysent_arch *a = log->calls[i].arch;

		if (i && log->calls[i - 1].arch == a)
			continue; /* once per ABI */
		for (k = 0; k < ARRAY_SIZE(essentials); k++) {
			struct stracelog_note *n;

			if (stracelog_find(log, a->token, essentials[k].name) ||
			    !sl_exists_on(a->token, essentials[k].name))
				continue;
			n = sl_note(
				log, STRACELOG_NOTE_MISSING, essentials[k].sev,
				NULL, -1, essentials[k].name,
				"%s (%s) never seen: %s", essentials[k].name,
				a->name, essentials[k].why);
			if (n)
				n->arch = a;
		}
	}
}

void sl_finish(struct stracelog *log)
{
	size_t i;

	pair_execs(log);
	for (i = 0; i < log->nsegs; i++)
		resolve(log, i);
	aggregate(log);
	build_processes(log);
	note_unknown(log);
	note_refused(log);
	note_missing(log);
	if (!log->ncalls)
		sl_note(log, STRACELOG_NOTE_NO_CALLS, STRACELOG_WARNING, NULL,
			-1, NULL,
			"no system calls in %lu lines: is this a strace log?",
			log->stats.lines);
}
