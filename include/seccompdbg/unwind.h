/* SPDX-License-Identifier: Apache-2.0 */
/*
 * unwind: where a refused system call came from. libdw (elfutils) lives
 * only in this module.
 *
 * In TRACE and TRAP modes the thread is ptrace-stopped by us, so libdw
 * reads its registers and stack and walks the frames with the modules'
 * CFI: unwind_thread. In NOTIFY mode there is no ptrace: unwind_blocked
 * walks what it can from the two registers the kernel shows of a thread
 * blocked in a system call, and unwind_ip names the module, offset and
 * symbol of the one address the notification carries.
 *
 * A struct unwind caches, per process, libdw's view of it (the modules of
 * /proc/PID/maps, their ELF files and CFI), so that only the first stop
 * of a process pays for reading them, and, per file, its symbols and
 * source lines, built once for the whole session. The process cache is
 * refreshed when an address falls outside every known module (a dlopen,
 * a new mapping: /proc/PID/maps is read again, known modules are kept),
 * and dropped by unwind_forget (the caller calls it on exec and on exit).
 * A backtrace can be taken in two halves: captured while the thread
 * waits, described later (unwind_capture_*, unwind_describe).
 * No network debuginfod server is ever asked: debug info comes from the
 * program's own files and /usr/lib/debug (Debian's -dbgsym packages).
 *
 * Every string in a frame comes from the traced program's files (module
 * paths from its maps, symbol and source-file names from its ELF and
 * DWARF) and is stored already escaped with escape_c and bounded: safe on
 * a terminal as it is.
 *
 * Not thread-safe. Call unwind_thread from the thread that traces TID:
 * ptrace requests only work from the tracer thread.
 * docs/backtraces.md tells how it works, what it costs and its limits.
 */
#ifndef SECCOMPDBG_UNWIND_H
#define SECCOMPDBG_UNWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "seccompdbg/util.h"

/* At most this many frames are unwound: bounded cost per stop. */
#define UNWIND_MAX_FRAMES 32
/* Processes cached at most; the least recently used one is dropped. */
#define UNWIND_MAX_PROCESSES 64

/* What kind of code a module is: the hint skips the system's own. */
enum unwind_origin {
	UNWIND_ORIGIN_UNKNOWN = 0, /* outside every module (JIT, stack) */
	UNWIND_ORIGIN_PROGRAM,	   /* the program and its other libraries */
	UNWIND_ORIGIN_LIBC,	   /* libc.so, libpthread.so, musl */
	UNWIND_ORIGIN_LOADER,	   /* ld-linux*.so, ld-musl */
	UNWIND_ORIGIN_VDSO,	   /* [vdso] */
};

struct unwind_frame {
	uint64_t pc; /* #0: where the thread stopped (after the syscall
			instruction); others: the return address */
	enum unwind_origin origin;
	char *module;	   /* "libc.so.6", "[vdso]", or NULL: the file's
			      base name, escaped */
	char *module_path; /* the file (as /proc/PID/maps names it), escaped */
	uint64_t module_offset; /* the address in the module's ELF file:
				   what `addr2line -e module_path` wants */
	char *symbol;		/* escaped, or NULL */
	uint64_t symbol_offset; /* pc - the symbol's address */
	char *file;		/* source file as the DWARF names it,
				   escaped, or NULL */
	unsigned line;		/* 0 when unknown */
};

struct unwind_backtrace {
	struct unwind_frame *frames; /* [nframes], frames[0] innermost */
	size_t nframes;
	bool truncated; /* the stack had more than UNWIND_MAX_FRAMES */
	char *stopped;	/* why the walk ended before the outermost frame
			   (libdw's words), or NULL */
};

/* Files whose symbols and lines are cached at most (LRU, unless a
 * capture not yet described still points to one). */
#define UNWIND_MAX_FILES 64

/*
 * A backtrace as taken while the thread is stopped: each frame's address,
 * and the file it lies in with the address in that file's own terms. No
 * symbol and no line yet: unwind_describe turns it into a struct
 * unwind_backtrace later, from caches kept per file (symbol tables and
 * lines are built once per file for the whole session, not once per
 * process), whether or not the process still exists. The frames are the
 * module's own (release with unwind_capture_release).
 */
struct unwind_raw_frame;
struct unwind_capture {
	struct unwind_raw_frame *frames; /* [nframes], [0] innermost */
	size_t nframes;
	bool truncated;
	char *stopped; /* as in struct unwind_backtrace, escaped */
};

/* Counters, for tests and bench/unwind: what the cache saved. */
struct unwind_stats {
	unsigned long attaches;	 /* Dwfl created for a process */
	unsigned long reports;	 /* /proc/PID/maps read (incl. attaches) */
	unsigned long unwinds;	 /* walks that gave frames */
	unsigned long lookups;	 /* unwind_ip calls */
	unsigned long evictions; /* dropped for UNWIND_MAX_PROCESSES */
	unsigned long files;	 /* files opened for symbols and lines */
	unsigned long described; /* captures described */
};

struct unwind;

/* A new, empty cache. Never NULL (aborts when out of memory). */
struct unwind *unwind_new(void);
/* Frees the cache and everything libdw holds. NULL is fine. */
void unwind_free(struct unwind *u);

/*
 * The backtrace of thread TID of process PID, which the caller has
 * ptrace-stopped (a seccomp or signal-delivery stop; libdw is told to
 * assume so and never attaches, detaches or waits itself). Fills *out
 * (release it with unwind_backtrace_release) with at least frame #0 on
 * success. Frames that libdw cannot get past end the walk early: that is
 * still success, with out->stopped saying why.
 *
 * Returns 0; -ESRCH when the thread is gone (an event, not an error);
 * -EIO when libdw cannot read the thread at all (err says why; e.g. TID
 * is not stopped under our ptrace); -ENOMEM from libdw.
 */
int unwind_thread(struct unwind *u, pid_t pid, pid_t tid,
		  struct unwind_backtrace *out, struct err *err);

/*
 * NOTIFY mode, no ptrace: the backtrace of thread TID of PID while it is
 * blocked in a system call (waiting for the supervisor's answer), from
 * the stack and instruction pointers the kernel shows in
 * /proc/PID/task/TID/syscall and the thread's memory (process_vm_readv:
 * we may ptrace our program's processes, we just do not). Best effort:
 * only frames whose CFI needs no register but those two can be walked
 * (libc's wrappers, code without frame pointers), so the walk often ends
 * at the first frame that keeps a frame pointer, with out->stopped
 * saying so; the caller of libc, which the hint wants, is usually found.
 * The memory can change while it is read (other threads).
 *
 * Returns as unwind_thread, and -EAGAIN when TID is not blocked in a
 * system call (err says so).
 */
int unwind_blocked(struct unwind *u, pid_t pid, pid_t tid,
		   struct unwind_backtrace *out, struct err *err);

/*
 * NOTIFY mode, the least: the module, offset, symbol and source line of
 * address IP in process PID, from /proc/PID/maps and the module's files
 * only. Best effort: *out is filled (release with unwind_frame_release)
 * with what could be found, at least pc. IP is taken as the address
 * after a syscall instruction (what the notification reports): the
 * lookup is at IP - 1. Returns 0; -ESRCH when the process is gone; -EIO
 * (err says why) when its maps cannot be read.
 */
int unwind_ip(struct unwind *u, pid_t pid, uint64_t ip,
	      struct unwind_frame *out, struct err *err);

/*
 * The two halves of unwind_thread, unwind_blocked and unwind_ip: what
 * must be taken while the thread waits (its registers and the stack
 * words the walk reads, and which file each frame lies in), and what can
 * wait until the backtrace is shown (symbols, source lines). The capture
 * functions return as their one-step counterparts; *out is empty on
 * failure. unwind_capture_ip gives one frame and never fails once the
 * process's maps are read.
 */
int unwind_capture_thread(struct unwind *u, pid_t pid, pid_t tid,
			  struct unwind_capture *out, struct err *err);
int unwind_capture_blocked(struct unwind *u, pid_t pid, pid_t tid,
			   struct unwind_capture *out, struct err *err);
int unwind_capture_ip(struct unwind *u, pid_t pid, uint64_t ip,
		      struct unwind_capture *out, struct err *err);
/* CAP described into *out (release it with unwind_backtrace_release);
 * CAP stays as it was. Opens each file the first time it is met. */
void unwind_describe(struct unwind *u, const struct unwind_capture *cap,
		     struct unwind_backtrace *out);
void unwind_capture_release(struct unwind_capture *cap);

/*
 * Drop what is cached for PID: call it when PID execs (its address space
 * is new) and when it exits (the number may be reused). Unknown PIDs are
 * fine.
 */
void unwind_forget(struct unwind *u, pid_t pid);

void unwind_get_stats(const struct unwind *u, struct unwind_stats *out);

void unwind_frame_release(struct unwind_frame *f);
void unwind_backtrace_release(struct unwind_backtrace *t);

/*
 * One line per frame, each ending in '\n':
 *   #0 unshare+11 libc.so.6
 *   #1 spawn_sandbox+20 (sandbox.c:42) demo
 *   #2 demo+0x1234          (no symbol)
 *   #3 0x7f0012345678       (outside every module)
 * then "... (more frames not shown)" when truncated.
 */
void unwind_format(const struct unwind_backtrace *t, struct strbuf *out);
/* One frame as in unwind_format, without "#N " and newline. */
void unwind_frame_format(const struct unwind_frame *f, struct strbuf *out);

/*
 * The call-site hint: the first frame outside libc, the dynamic loader
 * and the vDSO (the code that asked for the call), and the libc function
 * it called, e.g. (SYSCALL = "unshare"):
 *   main.c:42 in spawn_sandbox (called unshare via libc unshare+11)
 * Front ends show it after "hint: ". SYSCALL may be NULL. Appends nothing
 * and returns false when no frame outside the system's code was found.
 */
bool unwind_hint(const struct unwind_backtrace *t, const char *syscall,
		 struct strbuf *out);

/*
 * The origin of a module from its path (or its maps name, "[vdso]"):
 * libc, the loader and the vDSO by file name, the rest PROGRAM. NULL is
 * UNKNOWN.
 */
enum unwind_origin unwind_module_origin(const char *path);

#endif
