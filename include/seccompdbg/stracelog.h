/* SPDX-License-Identifier: Apache-2.0 */
/*
 * stracelog: strace logs read into the system calls a profile must allow.
 *
 * Reads what `strace -f`, `-ff -o PREFIX` and plain `strace` write, with
 * any of -t/-tt/-ttt/-r/-T/-y/-yy/-Y/-k/-n/-i/-s/-v/-X, mixed with the
 * output of the traced program when both went to one stream. A line
 * counts as a call only when it parses as strace's and its name is a
 * system call libseccomp knows on the ABI in force (or strace's
 * syscall_0x1b3 form); everything else is counted, classified and
 * reported, never guessed into a syscall. docs/from-strace.md has the
 * rules.
 *
 * Use: stracelog_new, stracelog_read_path (or _fd / _mem) for each log,
 * stracelog_finish, then the accessors. Every string they return that
 * came from a log is terminal-safe: lines are escaped with escape_c, and
 * text strace escaped already (paths) keeps its escapes, with any other
 * byte as \xHH. The strings live as long as the log object.
 */
#ifndef SECCOMPDBG_STRACELOG_H
#define SECCOMPDBG_STRACELOG_H

#include <stdbool.h>
#include <stddef.h>

#include "seccompdbg/sysent.h"
#include "seccompdbg/util.h"

struct stracelog;

/* One system call on one ABI. calls - unreturned is what `strace -c`
 * counts (it counts a call when it returns). */
struct stracelog_syscall {
	const struct sysent_arch *arch;
	const char *name;
	int nr;			  /* sysent_nr(arch->token, name) */
	unsigned long calls;	  /* an unfinished/resumed pair counts once */
	unsigned long unreturned; /* no return in the log: exit_group, killed
				     mid-call, log cut off */
	unsigned long failed;	  /* -1 E..., or ? ERESTART... */
	unsigned long eperm, eacces, enosys;
};

enum stracelog_end {
	STRACELOG_END_NONE,	  /* still running when the log ends */
	STRACELOG_END_EXITED,	  /* +++ exited with N +++ */
	STRACELOG_END_KILLED,	  /* +++ killed by SIGX +++ */
	STRACELOG_END_SUPERSEDED, /* a thread that called execve: it
				     goes on as its leader's pid */
	STRACELOG_END_DETACHED,	  /* strace let go of it */
};

/* One per process of the logs (millions in a big log: no padding). */
struct stracelog_process {
	long pid;	  /* 0: the log does not say */
	long ppid;	  /* from the parent's clone/fork result; 0 unknown */
	const char *exe;  /* its last successful execve's path, or NULL */
	const char *file; /* the log it first appears in */
	unsigned long calls;
	const struct sysent_arch *arches[3]; /* ABIs it ran, in order */
	size_t narches;
	enum stracelog_end end;
	int status;	       /* END_EXITED: the exit status */
	const char *signal;    /* END_KILLED: "SIGKILL" */
	long became;	       /* END_SUPERSEDED: the pid it goes on as */
	unsigned long signals; /* signals delivered ("--- SIGX ---") */
	bool is_thread;	       /* made by clone(CLONE_THREAD) */
	bool core_dumped;
	bool sigsys; /* one was SIGSYS */
};

/* What each line of the logs was taken for. */
enum stracelog_class {
	STRACELOG_LINE_CALL,	     /* a call, or the start of one */
	STRACELOG_LINE_RESUMED,	     /* <... NAME resumed> */
	STRACELOG_LINE_CONTINUATION, /* the rest of a call line that
					program output had split */
	STRACELOG_LINE_SIGNAL,	     /* --- SIGCHLD {...} --- */
	STRACELOG_LINE_EXIT,	     /* +++ exited / killed / superseded */
	STRACELOG_LINE_PERSONALITY,  /* [ Process PID=N runs in ... ] */
	STRACELOG_LINE_STACK,	     /* -k backtrace */
	STRACELOG_LINE_STRACE,	     /* "strace: ..." messages */
	STRACELOG_LINE_SUMMARY,	     /* the -c / -C table */
	STRACELOG_LINE_BLANK,
	/* Ignored lines: */
	STRACELOG_LINE_TEXT,	     /* not strace's: program output... */
	STRACELOG_LINE_INSIDE_CALL,  /* came while a call line was open:
					program output, even if it looks
					like strace's */
	STRACELOG_LINE_UNKNOWN_NAME, /* strace's form, but the name is no
					system call libseccomp knows here */
	STRACELOG_LINE_BINARY,	     /* NUL, control bytes, bad UTF-8 */
	STRACELOG_LINE_TOO_LONG,     /* over the limit and no call */
	STRACELOG_NCLASSES
};

#define STRACELOG_FIRST_IGNORED STRACELOG_LINE_TEXT

struct stracelog_stats {
	unsigned long files, lines;
	unsigned long by_class[STRACELOG_NCLASSES];
	unsigned long ignored;	     /* all the ignored classes */
	unsigned long cut;	     /* lines longer than the limit */
	unsigned long dropped_notes; /* notes past the per-kind bound */
};

enum stracelog_note_kind {
	STRACELOG_NOTE_NO_CALLS,      /* nothing found: not a strace log? */
	STRACELOG_NOTE_UNKNOWN_NAME,  /* name that is no syscall (count) */
	STRACELOG_NOTE_NUMBER,	      /* syscall_NNN: named, or left out */
	STRACELOG_NOTE_NOT_ON_ARCH,   /* counted on a sibling ABI */
	STRACELOG_NOTE_ARCH,	      /* an ABI switch, said or guessed */
	STRACELOG_NOTE_UNFINISHED,    /* never resumed */
	STRACELOG_NOTE_RESUMED_ALONE, /* resumed, start never seen */
	STRACELOG_NOTE_CUT_OFF,	      /* a file ends inside a line */
	STRACELOG_NOTE_TOO_LONG,      /* a call line over the limit */
	STRACELOG_NOTE_KILLED,	      /* a process died of a signal */
	STRACELOG_NOTE_SIGSYS,	      /* SIGSYS delivered: seccomp TRAP */
	STRACELOG_NOTE_REFUSED,	      /* EPERM/EACCES/ENOSYS failures */
	STRACELOG_NOTE_MISSING,	      /* exit_group & co never seen */
	STRACELOG_NOTE_NKINDS
};

enum stracelog_severity {
	STRACELOG_INFO,
	STRACELOG_WARNING,
};

struct stracelog_note {
	enum stracelog_note_kind kind;
	enum stracelog_severity severity;
	const char *file;		/* NULL for notes about the whole log */
	unsigned long line;		/* 0 with file NULL */
	long pid;			/* -1 when about no one process */
	const struct sysent_arch *arch; /* NULL when none */
	const char *name;    /* the syscall or signal, escaped; or NULL */
	unsigned long count; /* how often, for notes that add up */
	const char *text;    /* the sentence, escaped; never NULL */
};

/* A reader. ARCH is the ABI the logs start in (strace's own; --arch),
 * NULL for this machine's. */
struct stracelog *stracelog_new(const struct sysent_arch *arch);
void stracelog_free(struct stracelog *log);

/* Lines longer than MAX bytes are cut there (default 1 MiB). */
void stracelog_set_max_line(struct stracelog *log, size_t max);

/*
 * Read a log file; or, when PATH does not exist, the -ff set PATH.PID
 * (strace -ff -o PATH). A file named NAME.PID without pid prefixes is
 * taken as process PID's. Returns 0, -ENOENT (no file and no set), or
 * the errno of open/read; err names the file.
 */
int stracelog_read_path(struct stracelog *log, const char *path,
			struct err *err);
/* Read FD to its end as one log called NAME. Returns 0 or -errno. */
int stracelog_read_fd(struct stracelog *log, int fd, const char *name,
		      struct err *err);
/* DATA as one whole log called NAME. */
void stracelog_read_mem(struct stracelog *log, const char *name,
			const void *data, size_t len);

/* After the last read: pairs what is left, settles the ABIs, builds the
 * results and the notes. Reading after it is a bug. */
void stracelog_finish(struct stracelog *log);

/* Results (after stracelog_finish), borrowed from LOG. Syscalls come
 * sorted by ABI (sysent_arches order) then name. */
const struct stracelog_syscall *stracelog_syscalls(const struct stracelog *log,
						   size_t *n);
/* The entry for NAME on ARCH (a token), or NULL. */
const struct stracelog_syscall *stracelog_find(const struct stracelog *log,
					       uint32_t arch, const char *name);
const struct stracelog_process *stracelog_processes(const struct stracelog *log,
						    size_t *n);
const struct stracelog_stats *stracelog_stats(const struct stracelog *log);
const struct stracelog_note *stracelog_notes(const struct stracelog *log,
					     size_t *n);

/* The report in plain text (terminal-safe): calls per ABI with counts,
 * ignored lines with examples, then the notes. */
void stracelog_report(const struct stracelog *log, struct strbuf *out);

#endif
