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

static char *escape_name(const char *s)
{
	return escape_bytes(s, strlen(s));
}

/*
 * Symbols of the debug file's .symtab carry their version
 * ("__libc_start_main@@GLIBC_2.34"): the name is what a person knows.
 */
static char *escape_symbol(const char *s)
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
	f->file = escape_name(file);
	f->line = (unsigned)lineno;
}

void unwind_frame_describe(Dwfl *dwfl, uint64_t pc, uint64_t lookup,
			   struct unwind_frame *f)
{
	Dwfl_Module *mod = dwfl_addrmodule(dwfl, lookup);
	Dwarf_Addr start = 0, bias = 0;
	const char *name, *file = NULL;
	uint64_t sym_start;
	bool has_elf;

	memset(f, 0, sizeof(*f));
	f->pc = pc;
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
	f->origin = unwind_module_origin(name);
	f->module_path = escape_name(name);
	f->module = escape_name(module_display_name(name));
	f->module_offset = pc - (has_elf ? bias : start);
	name = unwind_symbol_lookup(mod, lookup, &sym_start);
	if (name) {
		f->symbol = escape_symbol(name);
		f->symbol_offset = pc - sym_start;
	}
	/*
	 * Source lines only for the program's own code: the hint needs
	 * them there, and reading the line tables of libc's debug file
	 * (when libc6-dbg is installed) would cost milliseconds per stop.
	 */
	if (f->origin == UNWIND_ORIGIN_PROGRAM)
		describe_source(mod, lookup, f);
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

static void backtrace_fill(Dwfl *dwfl, const struct walk *w, int rc,
			   struct unwind_backtrace *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->frames = xcalloc(w->n, sizeof(*out->frames));
	out->nframes = w->n;
	out->truncated = w->truncated;
	for (i = 0; i < w->n; i++)
		unwind_frame_describe(dwfl, w->pc[i], w->lookup[i],
				      &out->frames[i]);
	if (rc < 0)
		out->stopped = escape_name(unwind_dwfl_error());
}

static int walk_failed(pid_t tid, struct err *err)
{
	const char *why = unwind_dwfl_error();

	if (kill(tid, 0) != 0 && errno == ESRCH)
		return -ESRCH;
	return err_set(err, EIO, "cannot unwind thread %d: %s", (int)tid, why);
}

/* The walk of TID in P, attached one way or the other, into *out. */
static int backtrace_thread(struct unwind *u, struct unwind_proc *p, pid_t tid,
			    struct unwind_backtrace *out, struct err *err)
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
	backtrace_fill(p->dwfl, &w, rc, out);
	u->stats.unwinds++;
	return 0;
}

/* Attach P the way HOW says, then walk TID. */
static int unwind_attached(struct unwind *u, pid_t pid, pid_t tid,
			   enum unwind_attach how, struct unwind_backtrace *out,
			   struct err *err)
{
	struct unwind_proc *p;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = unwind_proc_attach(u, pid, how, &p, err);
	if (rc == 0 && how == UNWIND_BLOCKED)
		rc = unwind_blocked_prepare(p, tid, err);
	return rc < 0 ? rc : backtrace_thread(u, p, tid, out, err);
}

int unwind_thread(struct unwind *u, pid_t pid, pid_t tid,
		  struct unwind_backtrace *out, struct err *err)
{
	return unwind_attached(u, pid, tid, UNWIND_PTRACE, out, err);
}

int unwind_blocked(struct unwind *u, pid_t pid, pid_t tid,
		   struct unwind_backtrace *out, struct err *err)
{
	return unwind_attached(u, pid, tid, UNWIND_BLOCKED, out, err);
}

int unwind_ip(struct unwind *u, pid_t pid, uint64_t ip,
	      struct unwind_frame *out, struct err *err)
{
	struct unwind_proc *p;
	int rc;

	memset(out, 0, sizeof(*out));
	out->pc = ip;
	rc = unwind_proc_get(u, pid, &p, err);
	if (rc < 0)
		return rc;
	u->stats.lookups++;
	/* As in the walk: IP is after the syscall instruction. */
	if (!dwfl_addrmodule(p->dwfl, ip - 1))
		unwind_proc_refresh(u, p, NULL);
	unwind_frame_describe(p->dwfl, ip, ip - 1, out);
	return 0;
}
