// SPDX-License-Identifier: Apache-2.0
/*
 * Which process a line belongs to. A pid in the prefix names it, but
 * pids are reused, -ff files carry theirs in the file name, and strace
 * -f on stderr leaves the first process's lines unprefixed until a
 * second process exists: that process's pid has to be found out.
 */
#include <string.h>

#include "internal.h"

/* The process of pid PID as of now: a pid seen ending before is reused. */
static struct sl_proc *proc_by_pid(struct stracelog *log,
				   const struct sl_stream *st, long pid)
{
	struct sl_proc *p = sl_proc_find(log, pid);

	if (!p || (p->ended && p->has_lines))
		p = sl_proc_new(log, pid, st->name);
	return p;
}

/* Unprefixed lines: the stream's first process while it lives, else the
 * one process of the stream still alive. */
static struct sl_proc *proc_unprefixed(struct stracelog *log,
				       struct sl_stream *st)
{
	struct sl_proc *alive = NULL;
	size_t i, nalive = 0;

	if (st->file_pid && !st->nopfx)
		st->nopfx = proc_by_pid(log, st, st->file_pid);
	if (!st->nopfx)
		st->nopfx = sl_proc_new(log, 0, st->name);
	if (!st->nopfx->ended)
		return st->nopfx;
	for (i = 0; i < log->nprocs; i++) {
		struct sl_proc *p = sl_proc_at(log, i);

		if (sl_pub(log, p)->file == st->name && !p->ended &&
		    p->has_lines) {
			alive = p;
			nalive++;
		}
	}
	return nalive == 1 ? alive : st->nopfx;
}

bool sl_is_clone(const char *name)
{
	return !strcmp(name, "clone") || !strcmp(name, "clone3") ||
	       !strcmp(name, "fork") || !strcmp(name, "vfork");
}

/*
 * With -f on stderr, strace prefixes "[pid N]" only once a second process
 * exists; the first one's earlier lines had no prefix. A pid seen for the
 * first time is a new child when a clone is in progress (its result, which
 * names the child, has not come yet), else the first process. A resumed
 * call that the first process started settles it too.
 */
static bool is_first_process(const struct stracelog *log,
			     const struct sl_stream *st,
			     const struct sl_line *l)
{
	const struct sl_proc *first = st->nopfx;
	const char *pending;
	size_t i;

	if (!first || sl_pub(log, first)->pid || first->ended ||
	    l->style != SL_PFX_BRACKET)
		return false;
	pending = first->pending.active ? log->names[first->pending.name] : "";
	if (l->kind == SL_RESUMED && strlen(pending) == l->name.n &&
	    !memcmp(pending, l->name.p, l->name.n))
		return true;
	for (i = 0; i < log->nprocs; i++) {
		const struct sl_proc *p = sl_proc_at(log, i);

		if (sl_pub(log, p)->file == st->name && p->pending.active &&
		    sl_is_clone(log->names[p->pending.name]))
			return false;
	}
	return true;
}

struct sl_proc *sl_proc_of(struct stracelog *log, struct sl_stream *st,
			   const struct sl_line *l)
{
	struct sl_proc *p;

	if (l->style == SL_PFX_BRACKET)
		st->bracket = true;
	else if (l->style == SL_PFX_COLUMN)
		st->column = true;
	if (!l->pid) {
		p = proc_unprefixed(log, st);
	} else if (!sl_proc_find(log, l->pid) && is_first_process(log, st, l)) {
		p = st->nopfx;
		sl_proc_set_pid(log, p, l->pid);
	} else {
		p = proc_by_pid(log, st, l->pid);
	}
	p->has_lines = true;
	return p;
}

/* "strace: Process N attached", or a clone result: N exists. */
struct sl_proc *sl_announce(struct stracelog *log, struct sl_stream *st,
			    long pid)
{
	struct sl_proc *p = sl_proc_find(log, pid);

	if (!p || (p->ended && p->parent))
		p = sl_proc_new(log, pid, st->name);
	return p;
}
