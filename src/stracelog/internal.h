/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The reader's state, shared by the files of the stracelog module:
 * feed.c splits streams into lines; line.c and scan.c parse one line;
 * reader.c puts call lines in context, lifecycle.c the other kinds, owner.c
 * finds the process a line is about; book.c keeps processes, ABI
 * segments and interned names; finish.c settles the ABIs and builds the
 * results; report.c hands them out and formats them.
 *
 * A process runs through "segments": stretches of its calls in one ABI.
 * A segment starts when the process appears, after each successful
 * execve, and at each "[ Process PID=N runs in 32 bit mode. ]". When
 * strace printed no such message (it hides them in -o files), the ABI of
 * a segment is settled at the end from the names of its calls, since a
 * few names exist on one ABI only (mmap2 on i386, newfstatat on x86_64).
 */
#ifndef SECCOMPDBG_STRACELOG_INTERNAL_H
#define SECCOMPDBG_STRACELOG_INTERNAL_H

#include <stdint.h>

#include "seccompdbg/stracelog.h"

#include "line.h"

/* Calls of one name in one segment. */
struct sl_count {
	unsigned name;
	unsigned long calls, unreturned, failed, eperm, eacces, enosys;
};

struct sl_segment {
	struct sl_proc *proc;
	uint32_t arch;	  /* a token once known */
	bool is_explicit; /* strace said so (personality line, -n) */
	bool is_resolved;
	size_t hint;	 /* 1 + the segment it inherits its ABI from;
			     0: the start ABI */
	unsigned nr_fit; /* bit i: family member i agrees with every -n
			     syscall number seen */
	struct sl_count *counts;
	size_t ncounts, cap;
};

/* A call whose line has not ended: unfinished, or open (stderr case). */
struct sl_pending {
	bool active;
	unsigned name;
	size_t seg;
	const char *file;
	unsigned long line;
};

/*
 * What the reader keeps of a process besides its public part, which is
 * log->pub[index] (sl_pub). A log can name millions of processes, so
 * both are lean: these live in blocks of SL_PROC_BLOCK (no allocation
 * each), the public parts in one array handed out as it is.
 */
struct sl_proc {
	struct sl_proc *parent;
	size_t index;	       /* in log->pub, and sl_proc_at */
	size_t first_seg, seg; /* its first and current segments */
	struct sl_pending pending;
	const char *exec_path; /* path of the execve in progress */
	long took_over;	       /* it printed "superseded by execve in pid N" */
	unsigned long lone_execve; /* execve resumed without a start */
	unsigned last_name;	   /* its latest call */
	bool has_last;
	bool ended;
	bool has_lines;	   /* lines of its own were seen (not only named) */
	bool clone_thread; /* the clone in progress has CLONE_THREAD */
};

#define SL_PROC_BLOCK 1024

struct sl_stream {
	const char *name;
	long file_pid;	       /* from NAME.PID, or 0 */
	struct sl_proc *nopfx; /* who unprefixed lines belong to */
	bool bracket;	       /* "[pid N]" prefixes seen: stderr */
	bool column;	       /* "N  " prefixes seen: a -f -o file */
	bool attach_msgs;      /* "strace: Process N attached" seen */
	struct sl_proc *open;  /* whose call line is open */
	unsigned long lineno;
};

struct sl_unknown {
	unsigned name;
	unsigned long count;
	const char *file;
	unsigned long line;
};

/* An ignored line, for the report (the first few are kept). */
struct stracelog_example {
	const char *file;
	unsigned long line;
	enum stracelog_class class;
	const char *text; /* escaped, at most ~120 bytes of the line */
};

/* ABIs of one machine strace switches between: 64 bit, 32 bit, x32. */
#define SL_FAMILY_MAX 3

struct stracelog {
	const struct sysent_arch *start;
	uint32_t family[SL_FAMILY_MAX];
	size_t nfamily;
	size_t max_line;
	bool finished;

	char **names;
	size_t nnames, names_cap;
	struct hmap name_map; /* hash of the name -> index in names */

	struct sl_proc **blocks; /* the processes, SL_PROC_BLOCK a block */
	size_t nprocs, blocks_cap;
	struct stracelog_process *pub; /* their public parts */
	size_t pub_cap;
	struct hmap pid_map; /* pid -> its latest process (pids are reused) */

	struct sl_segment *segs;
	size_t nsegs, segs_cap;

	struct sl_unknown *unknown;
	size_t nunknown, unknown_cap;

	struct stracelog_syscall *calls;
	size_t ncalls;
	struct stracelog_stats stats;
	struct stracelog_example examples[8];
	size_t nexamples;
	struct stracelog_note *notes;
	size_t nnotes, notes_cap;
	unsigned note_kinds[STRACELOG_NOTE_NKINDS];

	char **pool; /* strings owned by the log */
	size_t npool, pool_cap;
};

/* book.c */
const char *sl_keep(struct stracelog *log, char *s);
const char *sl_escape(struct stracelog *log, const char *s, size_t n,
		      size_t max);
/* Printable ASCII kept, anything else as \xHH: for text strace already
 * escaped (paths), so it reads the same. */
const char *sl_printable(struct stracelog *log, const char *s, size_t n,
			 size_t max);
unsigned sl_intern(struct stracelog *log, const char *s, size_t n);
struct sl_proc *sl_proc_find(struct stracelog *log, long pid);
/* Process I, in the order they appeared. */
static inline struct sl_proc *sl_proc_at(const struct stracelog *log, size_t i)
{
	return &log->blocks[i / SL_PROC_BLOCK][i % SL_PROC_BLOCK];
}

/* P's public part (moves as processes are added: do not keep it). */
static inline struct stracelog_process *sl_pub(const struct stracelog *log,
					       const struct sl_proc *p)
{
	return &log->pub[p->index];
}

struct sl_proc *sl_proc_new(struct stracelog *log, long pid, const char *file);
/* Give P (pid 0 so far) its pid. */
void sl_proc_set_pid(struct stracelog *log, struct sl_proc *p, long pid);
size_t sl_segment_new(struct stracelog *log, struct sl_proc *p, size_t hint);
struct sl_count *sl_count_of(struct stracelog *log, size_t seg, unsigned name);
/* Adds a note (NULL past the bound); NAME must be terminal-safe. */
struct stracelog_note *
sl_note(struct stracelog *log, enum stracelog_note_kind kind,
	enum stracelog_severity sev, const struct sl_stream *st, long pid,
	const char *name, const char *fmt, ...) PRINTF_LIKE(7, 8);
void sl_example(struct stracelog *log, const struct sl_stream *st,
		enum stracelog_class class, const char *s, size_t n);
bool sl_exists_on(uint32_t arch, const char *name);
void sl_family_init(struct stracelog *log);
int sl_family_index(const struct stracelog *log, uint32_t arch);
void sl_free_state(struct stracelog *log);

/* owner.c */
/* The process line L is about (made when new). */
struct sl_proc *sl_proc_of(struct stracelog *log, struct sl_stream *st,
			   const struct sl_line *l);
/* PID exists (an attach message, a clone result): its process. */
struct sl_proc *sl_announce(struct stracelog *log, struct sl_stream *st,
			    long pid);
/* clone, clone3, fork, vfork. */
bool sl_is_clone(const char *name);

/* reader.c */
void sl_count_class(struct stracelog *log, enum stracelog_class c);
/* P's unfinished call will never return: count it so and note WHY. */
void sl_pending_lost(struct stracelog *log, struct sl_proc *p, const char *why);
void sl_stream_line(struct stracelog *log, struct sl_stream *st, const char *s,
		    size_t n, bool cut);
void sl_stream_end(struct stracelog *log, struct sl_stream *st);

/* lifecycle.c */
void sl_on_signal(struct stracelog *log, struct sl_stream *st,
		  const struct sl_line *l);
void sl_on_exit(struct stracelog *log, struct sl_stream *st,
		const struct sl_line *l);
void sl_on_superseded(struct stracelog *log, struct sl_stream *st,
		      const struct sl_line *l);
void sl_on_personality(struct stracelog *log, struct sl_stream *st,
		       const struct sl_line *l);
void sl_on_strace(struct stracelog *log, struct sl_stream *st,
		  const struct sl_line *l);

/* finish.c */
void sl_finish(struct stracelog *log);

#endif
