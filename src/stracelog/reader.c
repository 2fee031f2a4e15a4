// SPDX-License-Identifier: Apache-2.0
/*
 * Lines in context. line.c says what a line looks like; here we decide
 * what it means: which process it belongs to, which call an "<...
 * resumed>" line ends, and whether a line is strace's at all.
 *
 * The one rule for program output: strace prints a call's name and
 * arguments when the call starts and its result when it returns, so a
 * program's write to a stream strace also writes to lands between the
 * two, inside an open call line. strace itself never starts a new line
 * while one is open (it first ends it with " <unfinished ...>"). So while
 * a call line is open, every line that does not end it is the program's,
 * however much it looks like strace's. The exception is a column-style
 * "1234  " line in a log of such lines: strace writes those only into -o
 * files, where no program output goes, so it means the open line was
 * cut short.
 */
#include <string.h>

#include "internal.h"

void sl_count_class(struct stracelog *log, enum stracelog_class c)
{
	log->stats.by_class[c]++;
	if (c >= STRACELOG_FIRST_IGNORED)
		log->stats.ignored++;
}

static void ignore(struct stracelog *log, struct sl_stream *st,
		   enum stracelog_class c, const char *s, size_t n)
{
	sl_count_class(log, c);
	sl_example(log, st, c, s, n);
}

/* Bytes strace never writes: it escapes everything but printable ASCII. */
static bool is_binary(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
			return true;
	}
	return false;
}

static void copy_name(const struct sl_line *l, char *buf)
{
	memcpy(buf, l->name.p, l->name.n);
	buf[l->name.n] = '\0';
}

/* A call libseccomp knows on the ABI in force, or on any the process
 * may be running when strace did not say. */
static bool is_call_name(const struct stracelog *log, const struct sl_proc *p,
			 const char *name)
{
	const struct sl_segment *seg = &log->segs[p->seg];
	long nr;
	size_t k;

	if (sl_name_is_number(name, &nr))
		return true;
	if (seg->is_explicit)
		return sl_exists_on(seg->arch, name);
	for (k = 0; k < log->nfamily; k++)
		if (sl_exists_on(log->family[k], name))
			return true;
	return false;
}

static void unknown_name(struct stracelog *log, struct sl_stream *st,
			 const char *name)
{
	unsigned id = sl_intern(log, name, strlen(name));
	size_t i;

	for (i = 0; i < log->nunknown; i++) {
		if (log->unknown[i].name == id) {
			log->unknown[i].count++;
			return;
		}
	}
	if (log->nunknown == 64)
		return;
	xgrow(&log->unknown, &log->unknown_cap, log->nunknown + 1,
	      sizeof(*log->unknown));
	log->unknown[log->nunknown++] =
		(struct sl_unknown){id, 1, st->name, st->lineno};
}

/* -n printed the number: keep the family members it agrees with. */
static void fit_number(struct stracelog *log, size_t seg, const char *name,
		       long nr)
{
	unsigned fit = 0;
	size_t k;

	for (k = 0; k < log->nfamily; k++) {
		int mine = sysent_nr(log->family[k], name);

		if (mine >= 0 &&
		    (mine == nr || (mine | SYSENT_X32_BIT) == (int)nr))
			fit |= 1u << k;
	}
	if (fit)
		log->segs[seg].nr_fit &= fit;
}

void sl_pending_lost(struct stracelog *log, struct sl_proc *p, const char *why)
{
	struct sl_pending *pd = &p->pending;

	if (!pd->active)
		return;
	sl_count_of(log, pd->seg, pd->name)->unreturned++;
	pd->active = false;
	if (!sl_note(log, STRACELOG_NOTE_UNFINISHED, STRACELOG_INFO, NULL,
		     sl_pub(log, p)->pid, log->names[pd->name],
		     "pid %ld: %s never returned: %s", sl_pub(log, p)->pid,
		     log->names[pd->name], why))
		return;
	log->notes[log->nnotes - 1].file = pd->file;
	log->notes[log->nnotes - 1].line = pd->line;
}

static void exec_done(struct stracelog *log, struct sl_proc *p, size_t seg)
{
	if (p->exec_path)
		sl_pub(log, p)->exe = p->exec_path;
	sl_segment_new(log, p, seg + 1);
}

static void clone_done(struct stracelog *log, struct sl_stream *st,
		       struct sl_proc *p, long pid)
{
	struct sl_proc *c = sl_announce(log, st, pid);

	if (c->parent || c == p)
		return;
	c->parent = p;
	sl_pub(log, c)->is_thread = p->clone_thread;
	if (!log->segs[c->first_seg].hint)
		log->segs[c->first_seg].hint = p->seg + 1;
}

/* The result of P's call NAME (counted in SEG) arrived. */
static void call_returned(struct stracelog *log, struct sl_stream *st,
			  struct sl_proc *p, size_t seg, unsigned name,
			  const struct sl_result *res)
{
	struct sl_count *c = sl_count_of(log, seg, name);
	const char *nm = log->names[name];

	switch (res->kind) {
	case SL_RET_UNKNOWN:
	case SL_RET_NONE:
		c->unreturned++;
		break;
	case SL_RET_ERROR:
	case SL_RET_RESTART:
		c->failed++;
		c->eperm += !strcmp(res->err, "EPERM");
		c->eacces += !strcmp(res->err, "EACCES");
		c->enosys += !strcmp(res->err, "ENOSYS");
		break;
	case SL_RET_VALUE:
		/* These return the caller's tid: the pid of a process whose
		 * lines have no prefix (glibc calls set_tid_address at
		 * start-up). */
		if (!sl_pub(log, p)->pid && res->value > 0 &&
		    res->value < 1 << 22 &&
		    (!strcmp(nm, "set_tid_address") || !strcmp(nm, "gettid")) &&
		    !sl_proc_find(log, (long)res->value))
			sl_proc_set_pid(log, p, (long)res->value);
		if (!strncmp(nm, "execve", 6) && res->value == 0)
			exec_done(log, p, seg);
		else if (sl_is_clone(nm) && res->value > 0)
			clone_done(log, st, p, (long)res->value);
		break;
	case SL_RET_UNAVAILABLE:
		break;
	}
}

/* execve's path (its first string), terminal-safe. */
static const char *first_string(struct stracelog *log,
				const struct sl_span *args)
{
	const char *q = memchr(args->p, '"', args->n), *e;
	const char *end = args->p + args->n;

	if (!q)
		return NULL;
	for (e = q + 1; e < end && *e != '"'; e++)
		if (*e == '\\')
			e++;
	if (e > end)
		e = end;
	return sl_printable(log, q + 1, (size_t)(e - q - 1), 4096);
}

static void start_pending(struct sl_stream *st, struct sl_proc *p,
			  unsigned name, size_t seg)
{
	p->pending = (struct sl_pending){true, name, seg, st->name, st->lineno};
}

/* The call (or resumed call) NAME of P in SEG, as line L ends it. */
static void call_state(struct stracelog *log, struct sl_stream *st,
		       struct sl_proc *p, unsigned name, size_t seg,
		       const struct sl_line *l)
{
	switch (l->state) {
	case SL_COMPLETE:
		p->pending.active = false;
		call_returned(log, st, p, seg, name, &l->res);
		break;
	case SL_UNFINISHED:
		start_pending(st, p, name, seg);
		break;
	case SL_OPEN:
		start_pending(st, p, name, seg);
		st->open = p;
		/* strace's attach message glued to a clone line; a program
		 * could print the same, but not from inside a clone. */
		if (l->value && sl_is_clone(log->names[name]))
			sl_announce(log, st, l->value);
		break;
	case SL_DETACHED:
		p->pending.active = false;
		sl_count_of(log, seg, name)->unreturned++;
		break;
	}
}

static void on_call(struct stracelog *log, struct sl_stream *st,
		    const struct sl_line *l, const char *s, size_t n, bool cut)
{
	struct sl_proc *p = sl_proc_of(log, st, l);
	char name[SL_NAME_MAX + 1];
	unsigned id;

	copy_name(l, name);
	if (!is_call_name(log, p, name)) {
		unknown_name(log, st, name);
		ignore(log, st, STRACELOG_LINE_UNKNOWN_NAME, s, n);
		return;
	}
	sl_count_class(log, STRACELOG_LINE_CALL);
	sl_pending_lost(log, p, "the process started another call");
	id = sl_intern(log, name, strlen(name));
	sl_count_of(log, p->seg, id)->calls++;
	sl_pub(log, p)->calls++;
	p->has_last = true;
	p->last_name = id;
	if (l->nr >= 0)
		fit_number(log, p->seg, name, l->nr);
	if (!strncmp(name, "execve", 6))
		p->exec_path = first_string(log, &l->args);
	if (sl_is_clone(name))
		p->clone_thread = memmem(l->args.p, l->args.n, "CLONE_THREAD",
					 12) != NULL;
	if (cut) {
		/* The end is lost with the rest of the line. */
		sl_count_of(log, p->seg, id)->unreturned++;
		sl_note(log, STRACELOG_NOTE_TOO_LONG, STRACELOG_INFO, st,
			sl_pub(log, p)->pid, name,
			"%s: line longer than %zu bytes: counted from its start",
			name, log->max_line);
		return;
	}
	call_state(log, st, p, id, p->seg, l);
}

static void on_resumed(struct stracelog *log, struct sl_stream *st,
		       const struct sl_line *l, const char *s, size_t n)
{
	struct sl_proc *p = sl_proc_of(log, st, l);
	char name[SL_NAME_MAX + 1];
	unsigned id;

	copy_name(l, name);
	id = sl_intern(log, name, strlen(name));
	if (!p->pending.active || p->pending.name != id) {
		if (!is_call_name(log, p, name)) {
			unknown_name(log, st, name);
			ignore(log, st, STRACELOG_LINE_UNKNOWN_NAME, s, n);
			return;
		}
		sl_pending_lost(log, p, "another call was resumed");
		/* Its start is in no log we read: count the call here. */
		sl_count_of(log, p->seg, id)->calls++;
		sl_pub(log, p)->calls++;
		start_pending(st, p, id, p->seg);
		if (!strcmp(name, "execve") && p->took_over)
			p->lone_execve++; /* paired in finish.c */
		else
			sl_note(log, STRACELOG_NOTE_RESUMED_ALONE,
				STRACELOG_INFO, st, sl_pub(log, p)->pid, name,
				"pid %ld: %s resumed, but its start is not in the log: counted once",
				sl_pub(log, p)->pid, name);
	}
	sl_count_class(log, STRACELOG_LINE_RESUMED);
	call_state(log, st, p, id, p->pending.seg, l);
}

/* A line while ST has an open call line: true when it was used here. */
static bool open_line(struct stracelog *log, struct sl_stream *st,
		      const char *s, size_t n, bool cut)
{
	struct sl_proc *p = st->open;
	struct sl_line l;

	/* The rest of the line is not a line of strace's own: a program
	 * printing "<... read resumed>) = 0" does not end the call. */
	sl_parse(s, n, &l);
	if (!cut && l.kind == SL_OTHER && sl_parse_continuation(s, n, &l)) {
		st->open = NULL;
		sl_count_class(log, STRACELOG_LINE_CONTINUATION);
		call_state(log, st, p, p->pending.name, p->pending.seg, &l);
		return true;
	}
	if (l.style == SL_PFX_COLUMN && st->column && !st->bracket) {
		st->open = NULL;
		sl_pending_lost(log, p, "its line was cut short");
		return false;
	}
	if (is_binary(s, n))
		ignore(log, st, STRACELOG_LINE_BINARY, s, n);
	else
		ignore(log, st, STRACELOG_LINE_INSIDE_CALL, s, n);
	return true;
}

void sl_stream_line(struct stracelog *log, struct sl_stream *st, const char *s,
		    size_t n, bool cut)
{
	struct sl_line l;

	st->lineno++;
	log->stats.lines++;
	log->stats.cut += cut;
	if (st->open && open_line(log, st, s, n, cut))
		return;
	sl_parse(s, n, &l);
	switch (l.kind) {
	case SL_CALL:
		on_call(log, st, &l, s, n, cut);
		break;
	case SL_RESUMED:
		on_resumed(log, st, &l, s, n);
		break;
	case SL_SIGNAL:
		sl_on_signal(log, st, &l);
		break;
	case SL_EXITED:
	case SL_KILLED:
		sl_on_exit(log, st, &l);
		break;
	case SL_SUPERSEDED:
		sl_on_superseded(log, st, &l);
		break;
	case SL_PERSONALITY:
		sl_on_personality(log, st, &l);
		break;
	case SL_STACK:
		sl_count_class(log, STRACELOG_LINE_STACK);
		break;
	case SL_STRACE:
		sl_on_strace(log, st, &l);
		break;
	case SL_SUMMARY:
		sl_count_class(log, STRACELOG_LINE_SUMMARY);
		break;
	case SL_BLANK:
		sl_count_class(log, STRACELOG_LINE_BLANK);
		break;
	case SL_OTHER:
		if (is_binary(s, n))
			ignore(log, st, STRACELOG_LINE_BINARY, s, n);
		else
			ignore(log, st,
			       cut ? STRACELOG_LINE_TOO_LONG
				   : STRACELOG_LINE_TEXT,
			       s, n);
		break;
	}
}

/* The end of one log file. */
void sl_stream_end(struct stracelog *log, struct sl_stream *st)
{
	struct sl_proc *p = st->open;

	if (!p)
		return;
	st->open = NULL;
	/* -ff: a thread that called execve leaves its line open in its
	 * own file; the leader's file has the result (finish.c). */
	if (sl_note(log, STRACELOG_NOTE_CUT_OFF, STRACELOG_INFO, st,
		    sl_pub(log, p)->pid, log->names[p->pending.name],
		    "%s: the log ends inside a %s line", st->name,
		    log->names[p->pending.name]) == NULL)
		return;
}
