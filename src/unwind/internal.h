/* SPDX-License-Identifier: Apache-2.0 */
/*
 * unwind internals shared by its files: the per-process cache of libdw
 * state (cache.c) and frame description (walk.c).
 */
#ifndef SECCOMPDBG_UNWIND_INTERNAL_H
#define SECCOMPDBG_UNWIND_INTERNAL_H

#include <elfutils/libdwfl.h>
#include <sys/types.h>

#include "seccompdbg/unwind.h"

/* How libdw reads a process's threads; a Dwfl is attached at most once. */
enum unwind_attach {
	UNWIND_DETACHED = 0, /* modules only (unwind_ip) */
	UNWIND_PTRACE,	     /* dwfl_linux_proc_attach: ptrace-stopped */
	UNWIND_BLOCKED,	     /* blocked.c: /proc/TID/syscall, no ptrace */
};

struct blocked;

/* libdw's view of one process: its modules and, once attached, threads. */
struct unwind_proc {
	pid_t pid;
	Dwfl *dwfl;
	enum unwind_attach attach;
	struct blocked *blocked; /* UNWIND_BLOCKED: owned by libdw */
	dev_t exe_dev; /* /proc/PID/exe when the modules were reported: */
	ino_t exe_ino; /* a change means an exec we were not told of */
	unsigned long last_used;
};

struct unwind_file;

struct unwind {
	/* libdw keeps a pointer to the callbacks: they live here. */
	Dwfl_Callbacks callbacks;
	struct unwind_proc *procs;
	size_t nprocs, cap;
	struct unwind_file **files; /* files.c */
	size_t nfiles, files_cap;
	unsigned long clock; /* ticks once per call, for LRU eviction */
	struct unwind_stats stats;
};

/* A frame as captured (walk.c): its address, its file, or what could be
 * said of it at once (no file: the vDSO, code outside every module). */
struct unwind_raw_frame {
	uint64_t pc, lookup;	  /* as in walk.c: lookup is pc - 1 mostly */
	uint64_t module_offset;	  /* pc in the module's ELF addresses */
	uint64_t rel;		  /* lookup in the module's ELF addresses */
	struct unwind_file *file; /* NULL: described already in `now` */
	struct unwind_frame now;
};

/*
 * files.c: the file that module MOD of a process lies in, PATH as libdw
 * opened it: found by build-id (else by device and inode), created when
 * new, held (unwind_file_put) until the capture is released. NULL when
 * the file is not there to be opened by us.
 */
struct unwind_file *unwind_file_get(struct unwind *u, Dwfl_Module *mod,
				    const char *path);
void unwind_file_put(struct unwind_file *f);
/* Describe R (pc, module_offset, rel) of file F into *out. */
void unwind_file_describe(struct unwind *u, struct unwind_file *f,
			  const struct unwind_raw_frame *r,
			  struct unwind_frame *out);
void unwind_files_free(struct unwind *u);

/* walk.c: a name from the traced program's files, escaped and cut. */
char *unwind_escape_name(const char *s);
char *unwind_escape_symbol(const char *s);
/* The function and source line of LOOKUP in MOD, into f; SYM_PC is the
 * frame's pc in MOD's addresses (for the offset into the function). */
void unwind_describe_code(Dwfl_Module *mod, uint64_t lookup, uint64_t sym_pc,
			  struct unwind_frame *f);

/*
 * The cached state of PID, created (modules reported from its maps) when
 * there is none or when its executable changed. Returns 0, -ESRCH when
 * the process is gone, -EIO with err otherwise. The pointer is valid
 * until the next call that may create or forget a process.
 */
int unwind_proc_get(struct unwind *u, pid_t pid, struct unwind_proc **out,
		    struct err *err);
/* Read /proc/PID/maps again; modules still mapped keep their caches. */
int unwind_proc_refresh(struct unwind *u, struct unwind_proc *p,
			struct err *err);
/*
 * unwind_proc_get, attached HOW. A process attached the other way is
 * started afresh (a Dwfl cannot be attached twice).
 */
int unwind_proc_attach(struct unwind *u, pid_t pid, enum unwind_attach how,
		       struct unwind_proc **out, struct err *err);

/* blocked.c: attach P for UNWIND_BLOCKED; then, before each walk, read
 * the registers of TID. Both 0, -ESRCH, or -EIO/-EAGAIN with err. */
int unwind_blocked_attach(struct unwind_proc *p, struct err *err);
int unwind_blocked_prepare(struct unwind_proc *p, pid_t tid, struct err *err);

/*
 * The function ADDR lies in (its name, borrowed from libdw: valid while
 * the module is) and its start, from the module's sorted symbol index,
 * built on first use. NULL when no function symbol covers ADDR.
 */
const char *unwind_symbol_lookup(Dwfl_Module *mod, uint64_t addr,
				 uint64_t *start);
/* Free a module's index: the callback of dwfl_report_end for modules
 * that are gone from the maps. */
int unwind_symbols_drop(Dwfl_Module *mod, void *userdata, const char *name,
			Dwarf_Addr base, void *arg);
/* Free every module's index (before dwfl_end). */
void unwind_symbols_drop_all(Dwfl *dwfl);

/* The part of PATH after its last '/' (PATH when that is empty). */
const char *unwind_base_name(const char *path);

/* libdw's message for its last error. */
const char *unwind_dwfl_error(void);

#endif
