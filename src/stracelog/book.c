// SPDX-License-Identifier: Apache-2.0
/*
 * The reader's bookkeeping: interned call names, processes by pid, ABI
 * segments with their per-name counts, the string pool every returned
 * string lives in, and the bounded lists of notes and examples. Logs can
 * hold millions of lines and thousands of processes, so lookups are
 * hashed; everything is freed with the log.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Notes kept per kind; the rest are only counted (stats.dropped_notes). */
#define NOTES_PER_KIND 32

const char *sl_keep(struct stracelog *log, char *s)
{
	xgrow(&log->pool, &log->pool_cap, log->npool + 1, sizeof(char *));
	log->pool[log->npool++] = s;
	return s;
}

const char *sl_escape(struct stracelog *log, const char *s, size_t n,
		      size_t max)
{
	struct strbuf sb = STRBUF_INIT;

	escape_c(&sb, s, n < max ? n : max);
	if (n > max)
		strbuf_adds(&sb, "...");
	return sl_keep(log, strbuf_detach(&sb));
}

const char *sl_printable(struct stracelog *log, const char *s, size_t n,
			 size_t max)
{
	static const char hex[] = "0123456789abcdef";
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < n && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f) {
			strbuf_addc(&sb, (char)c);
		} else {
			char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};

			strbuf_add(&sb, esc, sizeof(esc));
		}
	}
	if (n > max)
		strbuf_adds(&sb, "...");
	return sl_keep(log, strbuf_detach(&sb));
}

unsigned sl_intern(struct stracelog *log, const char *s, size_t n)
{
	uint64_t key = hmap_hash_bytes(s, n);
	size_t pos = 0;
	void *v;

	while (hmap_find(&log->name_map, key, &pos, &v)) {
		const char *t = log->names[(uintptr_t)v];

		if (strlen(t) == n && !memcmp(t, s, n))
			return (unsigned)(uintptr_t)v;
	}
	xgrow(&log->names, &log->names_cap, log->nnames + 1, sizeof(char *));
	log->names[log->nnames] = xstrndup(s, n);
	hmap_add(&log->name_map, key, (void *)(uintptr_t)log->nnames);
	return (unsigned)log->nnames++;
}

struct sl_proc *sl_proc_find(struct stracelog *log, long pid)
{
	if (!pid)
		return NULL;
	return hmap_get(&log->pid_map, (uint64_t)pid);
}

void sl_proc_set_pid(struct stracelog *log, struct sl_proc *p, long pid)
{
	sl_pub(log, p)->pid = pid;
	hmap_set(&log->pid_map, (uint64_t)pid, p);
}

struct sl_proc *sl_proc_new(struct stracelog *log, long pid, const char *file)
{
	size_t i = log->nprocs;
	struct stracelog_process *pub;
	struct sl_proc *p;

	if (i % SL_PROC_BLOCK == 0) {
		xgrow(&log->blocks, &log->blocks_cap, i / SL_PROC_BLOCK + 1,
		      sizeof(*log->blocks));
		log->blocks[i / SL_PROC_BLOCK] =
			xcalloc(SL_PROC_BLOCK, sizeof(**log->blocks));
	}
	xgrow(&log->pub, &log->pub_cap, i + 1, sizeof(*log->pub));
	log->nprocs++;
	p = sl_proc_at(log, i);
	p->index = i;
	p->first_seg = log->nsegs;
	pub = sl_pub(log, p);
	memset(pub, 0, sizeof(*pub));
	pub->pid = pid;
	pub->file = file;
	if (pid)
		hmap_set(&log->pid_map, (uint64_t)pid, p);
	sl_segment_new(log, p, 0);
	return p;
}

size_t sl_segment_new(struct stracelog *log, struct sl_proc *p, size_t hint)
{
	struct sl_segment *s;

	xgrow(&log->segs, &log->segs_cap, log->nsegs + 1, sizeof(*s));
	s = &log->segs[log->nsegs];
	memset(s, 0, sizeof(*s));
	s->proc = p;
	s->hint = hint;
	s->nr_fit = ~0u;
	p->seg = log->nsegs;
	return log->nsegs++;
}

struct sl_count *sl_count_of(struct stracelog *log, size_t seg, unsigned name)
{
	struct sl_segment *s = &log->segs[seg];
	size_t i;

	/* Few names per segment (a program uses ~50-150): a scan is fine. */
	for (i = s->ncounts; i-- > 0;)
		if (s->counts[i].name == name)
			return &s->counts[i];
	/* from one up, not xgrow's eight: most of a log's millions of
	   processes may make one or two calls */
	if (s->ncounts == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1;
		s->counts =
			xreallocarray(s->counts, s->cap, sizeof(*s->counts));
	}
	memset(&s->counts[s->ncounts], 0, sizeof(*s->counts));
	s->counts[s->ncounts].name = name;
	return &s->counts[s->ncounts++];
}

struct stracelog_note *sl_note(struct stracelog *log,
			       enum stracelog_note_kind kind,
			       enum stracelog_severity sev,
			       const struct sl_stream *st, long pid,
			       const char *name, const char *fmt, ...)
{
	struct stracelog_note *n;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (log->note_kinds[kind]++ >= NOTES_PER_KIND) {
		log->stats.dropped_notes++;
		return NULL;
	}
	xgrow(&log->notes, &log->notes_cap, log->nnotes + 1, sizeof(*n));
	n = &log->notes[log->nnotes++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->severity = sev;
	n->pid = pid;
	n->count = 1;
	if (st) {
		n->file = st->name;
		n->line = st->lineno;
	}
	if (name)
		n->name = sl_keep(log, xstrdup(name));
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	n->text = sl_keep(log, strbuf_detach(&sb));
	return n;
}

void sl_example(struct stracelog *log, const struct sl_stream *st,
		enum stracelog_class class, const char *s, size_t n)
{
	struct stracelog_example *e;

	if (log->nexamples == ARRAY_SIZE(log->examples))
		return;
	e = &log->examples[log->nexamples++];
	e->file = st->name;
	e->line = st->lineno;
	e->class = class;
	e->text = sl_escape(log, s, n, 120);
}

/*
 * NAME is a call on ARCH: libseccomp has a number for it, or a
 * multiplexed pseudo-number (socket, semop... on i386 go through
 * socketcall/ipc; libseccomp turns a rule for them into rules for both
 * forms). Pseudo-numbers at or below -10000 mean "only elsewhere".
 */
bool sl_exists_on(uint32_t arch, const char *name)
{
	int nr = sysent_nr(arch, name);

	return nr >= 0 || (nr < SYSENT_NR_UNKNOWN && nr > -10000);
}

/* strace's personalities on each machine: "64 bit", "32 bit", "x32". */
static const char *const families[][SL_FAMILY_MAX] = {
	{"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"},
	{"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM", NULL},
	{"SCMP_ARCH_PPC64", "SCMP_ARCH_PPC", NULL},
	{"SCMP_ARCH_S390X", "SCMP_ARCH_S390", NULL},
};

void sl_family_init(struct stracelog *log)
{
	size_t f, k;

	for (f = 0; f < ARRAY_SIZE(families); f++)
		for (k = 0; k < SL_FAMILY_MAX; k++)
			if (families[f][k] &&
			    !strcmp(families[f][k], log->start->scmp))
				goto found;
	log->family[0] = log->start->token;
	log->nfamily = 1;
	return;
found:
	for (k = 0; k < SL_FAMILY_MAX; k++)
		log->family[k] =
			families[f][k]
				? sysent_arch_by_scmp(families[f][k])->token
				: 0;
	log->nfamily = families[f][2] ? 3 : 2;
}

int sl_family_index(const struct stracelog *log, uint32_t arch)
{
	size_t k;

	for (k = 0; k < log->nfamily; k++)
		if (log->family[k] == arch)
			return (int)k;
	return -1;
}

void sl_free_state(struct stracelog *log)
{
	size_t i;

	for (i = 0; i < log->nnames; i++)
		free(log->names[i]);
	free(log->names);
	hmap_release(&log->name_map);
	for (i = 0; i * SL_PROC_BLOCK < log->nprocs; i++)
		free(log->blocks[i]);
	free(log->blocks);
	hmap_release(&log->pid_map);
	for (i = 0; i < log->nsegs; i++)
		free(log->segs[i].counts);
	free(log->segs);
	free(log->unknown);
	free(log->calls);
	free(log->pub);
	free(log->notes);
	for (i = 0; i < log->npool; i++)
		free(log->pool[i]);
	free(log->pool);
}
