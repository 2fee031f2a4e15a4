// SPDX-License-Identifier: Apache-2.0
/*
 * Backtraces of ptrace-stopped threads (unwind_thread) and the one-address
 * variant for NOTIFY mode (unwind_ip): libdw walks the frames with each
 * module's CFI, then every frame is described (module, symbol, line) with
 * strings escaped for a terminal.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Longest name kept from the traced program's files, before escaping. */
#define NAME_MAX_BYTES 256

/* S[0..N) escaped for a terminal, cut at NAME_MAX_BYTES. */
static char *escape_bytes(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	if (n > NAME_MAX_BYTES) {
		escape_c(&sb, s, NAME_MAX_BYTES);
		strbuf_adds(&sb, "...");
	} else {
		escape_c(&sb, s, n);
	}
	return strbuf_detach(&sb);
}

char *unwind_escape_name(const char *s)
{
	return escape_bytes(s, strlen(s));
}

/*
 * Symbols of the debug file's .symtab carry their version
 * ("__libc_start_main@@GLIBC_2.34"): the name is what a person knows.
 */
char *unwind_escape_symbol(const char *s)
{
	return escape_bytes(s, strcspn(s, "@"));
}

/* "[vdso: 1234]" is how libdw names the vDSO; the rest are paths. */
static const char *module_display_name(const char *name)
{
	if (str_has_prefix(name, "[vdso"))
		return "[vdso]";
	return unwind_base_name(name);
}

static void describe_source(Dwfl_Module *mod, uint64_t lookup,
			    struct unwind_frame *f)
{
	Dwfl_Line *line = dwfl_module_getsrc(mod, lookup);
	const char *file;
	int lineno = 0;

	if (!line)
		return;
	file = dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL);
	if (!file || lineno <= 0)
		return;
	f->file = unwind_escape_name(file);
	f->line = (unsigned)lineno;
}

void unwind_describe_code(Dwfl_Module *mod, uint64_t lookup, uint64_t sym_pc,
			  struct unwind_frame *f)
{
	const char *name;
	uint64_t sym_start;

	name = unwind_symbol_lookup(mod, lookup, &sym_start);
	if (name) {
		f->symbol = unwind_escape_symbol(name);
		f->symbol_offset = sym_pc - sym_start;
	}
	/*
	 * Source lines only for the program's own code: the hint needs
	 * them there, and reading the line tables of libc's debug file
	 * (when libc6-dbg is installed) would cost milliseconds.
	 */
	if (f->origin == UNWIND_ORIGIN_PROGRAM)
		describe_source(mod, lookup, f);
}

/*
 * Frame R of a capture: its module in the process's Dwfl, the file that
 * describes it later (files.c), or, for what has no file of its own (the
 * vDSO, a module whose ELF could not be opened, code outside every
 * module), what can be said now from the process.
 */
static void capture_frame(struct unwind *u, Dwfl *dwfl,
			  struct unwind_raw_frame *r)
{
	Dwfl_Module *mod = dwfl_addrmodule(dwfl, r->lookup);
	Dwarf_Addr start = 0, bias = 0;
	const char *name, *file = NULL;
	bool has_elf;

	r->now.pc = r->pc;
	if (!mod)
		return;
	has_elf = dwfl_module_getelf(mod, &bias) != NULL;
	name = dwfl_module_info(mod, NULL, &start, NULL, NULL, NULL, &file,
				NULL);
	if (!name)
		return;
	/* The file libdw opened, where it differs from the maps' spelling
	 * (a newline, see find_elf in cache.c). */
	if (file)
		name = file;
	r->module_offset = r->pc - (has_elf ? bias : start);
	r->rel = r->lookup - bias;
	if (has_elf && name[0] == '/')
		r->file = unwind_file_get(u, mod, name);
	if (r->file)
		return;
	r->now.origin = unwind_module_origin(name);
	r->now.module_path = unwind_escape_name(name);
	r->now.module = unwind_escape_name(module_display_name(name));
	r->now.module_offset = r->module_offset;
	if (has_elf)
		unwind_describe_code(mod, r->lookup, r->pc, &r->now);
}

void unwind_frame_release(struct unwind_frame *f)
{
	free(f->module);
	free(f->module_path);
	free(f->symbol);
	free(f->file);
	memset(f, 0, sizeof(*f));
}

void unwind_backtrace_release(struct unwind_backtrace *t)
{
	size_t i;

	for (i = 0; i < t->nframes; i++)
		unwind_frame_release(&t->frames[i]);
	free(t->frames);
	free(t->stopped);
	memset(t, 0, sizeof(*t));
}

/* The frames' addresses, collected by libdw's callback. */
struct walk {
	Dwfl *dwfl;
	uint64_t pc[UNWIND_MAX_FRAMES];
	uint64_t lookup[UNWIND_MAX_FRAMES];
	size_t n;
	bool truncated;
	bool outside; /* some address lies outside every known module */
};

static int walk_frame(Dwfl_Frame *state, void *arg)
{
	struct walk *w = arg;
	Dwarf_Addr pc;
	bool activation;

	if (w->n == UNWIND_MAX_FRAMES) {
		w->truncated = true;
		return DWARF_CB_ABORT;
	}
	if (!dwfl_frame_pc(state, &pc, &activation))
		return DWARF_CB_ABORT;
	/*
	 * A return address points after the call: the call itself is the
	 * byte before. So is frame #0's: the thread stopped after its
	 * syscall instruction. Only frames interrupted by a signal have
	 * an exact address.
	 */
	w->pc[w->n] = pc;
	w->lookup[w->n] = w->n == 0 || !activation ? pc - 1 : pc;
	if (!dwfl_addrmodule(w->dwfl, w->lookup[w->n]))
		w->outside = true;
	w->n++;
	return DWARF_CB_OK;
}

/* Runs libdw's walk; returns its result, with w filled. */
static int walk_thread(Dwfl *dwfl, pid_t tid, struct walk *w)
{
	memset(w, 0, sizeof(*w));
	w->dwfl = dwfl;
	return dwfl_getthread_frames(dwfl, tid, walk_frame, w);
}

static void capture_fill(struct unwind *u, Dwfl *dwfl, const struct walk *w,
			 int rc, struct unwind_capture *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->frames = xcalloc(w->n, sizeof(*out->frames));
	out->nframes = w->n;
	out->truncated = w->truncated;
	for (i = 0; i < w->n; i++) {
		out->frames[i].pc = w->pc[i];
		out->frames[i].lookup = w->lookup[i];
		capture_frame(u, dwfl, &out->frames[i]);
	}
	if (rc < 0)
		out->stopped = unwind_escape_name(unwind_dwfl_error());
}

void unwind_capture_release(struct unwind_capture *cap)
{
	size_t i;

	for (i = 0; i < cap->nframes; i++) {
		unwind_file_put(cap->frames[i].file);
		unwind_frame_release(&cap->frames[i].now);
	}
	free(cap->frames);
	free(cap->stopped);
	memset(cap, 0, sizeof(*cap));
}

/* A frame as it was captured: now's strings are copied. */
static void frame_copy(const struct unwind_frame *in, struct unwind_frame *out)
{
	*out = *in;
	out->module = in->module ? xstrdup(in->module) : NULL;
	out->module_path = in->module_path ? xstrdup(in->module_path) : NULL;
	out->symbol = in->symbol ? xstrdup(in->symbol) : NULL;
	out->file = in->file ? xstrdup(in->file) : NULL;
}

void unwind_describe(struct unwind *u, const struct unwind_capture *cap,
		     struct unwind_backtrace *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->frames =
		xcalloc(cap->nframes ? cap->nframes : 1, sizeof(*out->frames));
	out->nframes = cap->nframes;
	out->truncated = cap->truncated;
	out->stopped = cap->stopped ? xstrdup(cap->stopped) : NULL;
	for (i = 0; i < cap->nframes; i++) {
		const struct unwind_raw_frame *r = &cap->frames[i];

		if (r->file)
			unwind_file_describe(u, r->file, r, &out->frames[i]);
		else
			frame_copy(&r->now, &out->frames[i]);
	}
	u->stats.described++;
}

static int walk_failed(pid_t tid, struct err *err)
{
	const char *why = unwind_dwfl_error();

	if (kill(tid, 0) != 0 && errno == ESRCH)
		return -ESRCH;
	return err_set(err, EIO, "cannot unwind thread %d: %s", (int)tid, why);
}

/* The walk of TID in P, attached one way or the other, into *out. */
static int capture_walk(struct unwind *u, struct unwind_proc *p, pid_t tid,
			struct unwind_capture *out, struct err *err)
{
	struct walk w;
	int rc;

	rc = walk_thread(p->dwfl, tid, &w);
	/*
	 * An address outside every module we know: something was mapped
	 * since the modules were reported (dlopen, a JIT). Read the maps
	 * again, once per stop, and walk again with the new modules.
	 */
	if (w.outside && unwind_proc_refresh(u, p, NULL) == 0)
		rc = walk_thread(p->dwfl, tid, &w);
	if (w.n == 0)
		return walk_failed(tid, err);
	capture_fill(u, p->dwfl, &w, rc, out);
	u->stats.unwinds++;
	return 0;
}

/* Attach P the way HOW says, then walk TID. */
static int capture_attached(struct unwind *u, pid_t pid, pid_t tid,
			    enum unwind_attach how, struct unwind_capture *out,
			    struct err *err)
{
	struct unwind_proc *p;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = unwind_proc_attach(u, pid, how, &p, err);
	if (rc == 0 && how == UNWIND_BLOCKED)
		rc = unwind_blocked_prepare(p, tid, err);
	return rc < 0 ? rc : capture_walk(u, p, tid, out, err);
}

int unwind_capture_thread(struct unwind *u, pid_t pid, pid_t tid,
			  struct unwind_capture *out, struct err *err)
{
	return capture_attached(u, pid, tid, UNWIND_PTRACE, out, err);
}

int unwind_capture_blocked(struct unwind *u, pid_t pid, pid_t tid,
			   struct unwind_capture *out, struct err *err)
{
	return capture_attached(u, pid, tid, UNWIND_BLOCKED, out, err);
}

int unwind_capture_ip(struct unwind *u, pid_t pid, uint64_t ip,
		      struct unwind_capture *out, struct err *err)
{
	struct unwind_proc *p;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = unwind_proc_get(u, pid, &p, err);
	if (rc < 0)
		return rc;
	u->stats.lookups++;
	/* As in the walk: IP is after the syscall instruction. */
	if (!dwfl_addrmodule(p->dwfl, ip - 1))
		unwind_proc_refresh(u, p, NULL);
	out->frames = xcalloc(1, sizeof(*out->frames));
	out->nframes = 1;
	out->frames[0].pc = ip;
	out->frames[0].lookup = ip - 1;
	capture_frame(u, p->dwfl, &out->frames[0]);
	return 0;
}

/* Capture, then describe at once: the one-step calls. */
static int describe_now(struct unwind *u, int rc, struct unwind_capture *cap,
			struct unwind_backtrace *out)
{
	memset(out, 0, sizeof(*out));
	if (rc == 0)
		unwind_describe(u, cap, out);
	unwind_capture_release(cap);
	return rc;
}

int unwind_thread(struct unwind *u, pid_t pid, pid_t tid,
		  struct unwind_backtrace *out, struct err *err)
{
	struct unwind_capture cap;
	int rc = unwind_capture_thread(u, pid, tid, &cap, err);

	return describe_now(u, rc, &cap, out);
}

int unwind_blocked(struct unwind *u, pid_t pid, pid_t tid,
		   struct unwind_backtrace *out, struct err *err)
{
	struct unwind_capture cap;
	int rc = unwind_capture_blocked(u, pid, tid, &cap, err);

	return describe_now(u, rc, &cap, out);
}

int unwind_ip(struct unwind *u, pid_t pid, uint64_t ip,
	      struct unwind_frame *out, struct err *err)
{
	struct unwind_backtrace t;
	struct unwind_capture cap;
	int rc = unwind_capture_ip(u, pid, ip, &cap, err);

	describe_now(u, rc, &cap, &t);
	memset(out, 0, sizeof(*out));
	out->pc = ip;
	if (t.nframes) {
		*out = t.frames[0];
		t.nframes = 0;
	}
	unwind_backtrace_release(&t);
	return rc;
}
