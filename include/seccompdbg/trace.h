/* SPDX-License-Identifier: Apache-2.0 */
/*
 * trace: the ptrace mechanics under the supervisor. It starts the program
 * attached (PTRACE_SEIZE before the seccomp filter and the exec), turns
 * every wait status of every tracee into an event, keeps the table of
 * threads and processes, and resumes seccomp stops as allowed, denied or
 * killed. No policy, no profile, no drawing: the session decides.
 *
 * The session polls trace_fd() and, when it is readable, calls
 * trace_next() until it returns 0. Nothing here blocks on a tracee: many
 * threads may wait in seccomp stops at once while the others run.
 * docs/tracing.md describes the stops, the launch and what was verified.
 *
 * Strings from the table (comm, exe) are raw bytes the traced program
 * controls: escape them before they reach a terminal, a log or JSON.
 */
#ifndef SECCOMPDBG_TRACE_H
#define SECCOMPDBG_TRACE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "seccompdbg/util.h"

struct trace;

/*
 * Creates the tracer: blocks SIGCHLD in the calling thread (the caller's
 * other threads must block it too), opens the signalfd and makes this
 * process a child subreaper, so orphans of the program stay ours. One
 * struct trace per process at a time; it reaps every child of the process.
 */
int trace_new(struct trace **out, struct err *err);
/* Kills what is left of the program, reaps it, restores the signal mask. */
void trace_free(struct trace *t);
/* Readable when wait statuses are pending: call trace_next(). */
int trace_fd(const struct trace *t);

enum trace_stdio {
	TRACE_STDIO_INHERIT, /* the program shares our stdin/out/err */
	TRACE_STDIO_FDS,     /* fds[0..2] become its 0, 1, 2 */
	TRACE_STDIO_PTY,     /* a new pseudo-terminal: see trace_pty_fd */
};

/*
 * Runs in the forked child after the attach, just before execve: only
 * async-signal-safe calls (no malloc, no stdio). Returns 0 or -errno; on
 * failure the child exits 125 without exec'ing.
 */
typedef int (*trace_child_hook_fn)(void *arg);

struct trace_spawn_opts {
	char *const *argv; /* argv[0] is searched in PATH like execvp */
	char *const *envp; /* NULL: our environment */
	enum trace_stdio stdio;
	int fds[3];		  /* TRACE_STDIO_FDS (borrowed) */
	unsigned rows, cols;	  /* TRACE_STDIO_PTY size; 0: 24x80 */
	trace_child_hook_fn hook; /* or NULL */
	void *hook_arg;
	bool reset_signals; /* signals we ignore go back to SIG_DFL */
	/* No ptrace (NOTIFY mode): the child is forked and started but
	 * not attached. Only the exits of our own children are reported
	 * (the first process, orphans we reaped); the table holds the
	 * first process alone. */
	bool untraced;
};

/*
 * Starts argv under the tracer. The command is resolved before the fork:
 * -ENOENT (not found: run exits 127) or -EACCES (found but not
 * executable: 126), err saying why. Other -errno: we failed (125). The
 * child blocks until it is seized, runs the hook, then execs; until its
 * PTRACE_EVENT_EXEC its thread is "launching" (see trace_event). A failed
 * exec is reported by the exit event (exit code 126/127, launch_errno).
 */
int trace_spawn(struct trace *t, const struct trace_spawn_opts *opts,
		pid_t *pid, struct err *err);
/*
 * True while the first process has not exec'd the program yet: its calls
 * are our launcher's. Untraced, this is read from the launch's
 * close-on-exec error pipe (hung up without a word: exec'd).
 */
bool trace_is_launching(struct trace *t);
/* The pseudo-terminal's master (TRACE_STDIO_PTY), or -1. Owned by t. */
int trace_pty_fd(const struct trace *t);

enum trace_event_kind {
	/* SECCOMP_RET_TRACE fired (or, in TRAP mode, SECCOMP_RET_TRAP:
	 * trapped). The thread waits in the stop until trace_allow,
	 * trace_deny or trace_kill; the others run on. */
	TRACE_EV_SECCOMP,
	/* Signal-delivery stop. A held signal (trace_hold_signal) waits for
	 * trace_signal_resume (or trace_deny); any other was already resumed
	 * with the signal unchanged. */
	TRACE_EV_SIGNAL,
	/* Group-stop (SIGSTOP, SIGTSTP...): already in PTRACE_LISTEN, stopped
	 * as without a debugger until SIGCONT. Nothing to do. */
	TRACE_EV_GROUP_STOP,
	/* A new thread or process (fork, vfork, clone): already running. */
	TRACE_EV_NEW,
	/* A successful execve: already resumed. */
	TRACE_EV_EXEC,
	/* A thread ended, or vanished; process_gone: its process too. */
	TRACE_EV_EXIT,
};

/* Where a launch failed: the child exits 125 (SETUP, HOOK), 126 or 127. */
enum trace_launch_stage {
	TRACE_LAUNCH_OK,
	TRACE_LAUNCH_SETUP, /* its stdio or terminal */
	TRACE_LAUNCH_HOOK,
	TRACE_LAUNCH_EXEC,
};

struct trace_event {
	enum trace_event_kind kind;
	pid_t tid, pid; /* the thread, its process (tgid) */
	union {
		struct {
			uint32_t arch; /* AUDIT_ARCH_* of the call */
			int nr;
			uint64_t args[6];
			uint64_t ip, sp;
			uint16_t ret_data; /* the filter's data: a rule id */
			bool launching;	   /* before the program's exec */
			/* TRAP mode: a held SIGSYS of SECCOMP_RET_TRAP
			 * (args from the registers, ret_data = si_errno) */
			bool trapped;
			/* ... reported again after trace_trap_repair */
			bool repaired;
		} seccomp;
		struct {
			int sig;
			bool held;
			siginfo_t info;
		} signal;
		struct {
			int sig;
		} group_stop;
		struct {
			pid_t ppid; /* the parent process */
			bool is_thread;
		} new;
		struct {
			pid_t former_tid; /* != tid: exec from a thread */
		} exec;
		struct {
			bool reaped; /* false: vanished in an exec */
			int status;  /* wait status, when reaped */
			bool process_gone;
			enum trace_launch_stage launch_stage;
			int launch_errno; /* why the exec (or hook) failed */
		} exit;
	};
};

/*
 * The next event: 1 and *ev filled, 0 when nothing is pending, -errno
 * when waitpid itself fails. Vanished tracees are events, not errors.
 */
int trace_next(struct trace *t, struct trace_event *ev);
/*
 * The next event, sleeping in waitpid for a status when none is queued:
 * for a caller that waits for nothing but the tracees (no terminal, no
 * descriptor of its own), which saves the poll and the signalfd's read
 * of each stop. Returns 1 and *ev; 0 when the status it took gave no
 * event (a stop restarted at once, a child we do not trace); -EINTR
 * when a signal handler of the caller's ran (installed without
 * SA_RESTART, the signal unblocked while it waits); -ECHILD when no
 * child is left; other -errno from waitpid. Mixes with trace_next: poll
 * trace_fd() again only after trace_next returned 0.
 */
int trace_wait(struct trace *t, struct trace_event *ev);

/*
 * Resuming a thread in a seccomp stop. -ESRCH: unknown or vanished (its
 * exit event follows); -EINVAL: it is not in a seccomp stop.
 * trace_allow runs the call (the kernel re-runs the filter; a second
 * TRACE counts as allowed). trace_deny skips it and returns -err to the
 * program (err 0 to 4095; 0 returns 0, as SECCOMP_RET_ERRNO with data 0
 * does); on a held SIGSYS stop (TRAP mode) it sets the return value and
 * suppresses the signal.
 */
int trace_allow(struct trace *t, pid_t tid);
int trace_deny(struct trace *t, pid_t tid, int err);

enum trace_kill_mode {
	TRACE_KILL_THREAD,  /* as SCMP_ACT_KILL_THREAD would */
	TRACE_KILL_PROCESS, /* as SCMP_ACT_KILL_PROCESS would */
	TRACE_KILL_PROGRAM, /* SIGKILL every process of the program */
};
/*
 * THREAD and PROCESS make the kernel do the real thing (a one-instruction
 * KILL filter is installed in the thread, which re-executes its call);
 * where that cannot work, the process gets SIGKILL. The thread must be in
 * a seccomp stop, except for TRACE_KILL_PROGRAM. -ESRCH / -EINVAL.
 */
int trace_kill(struct trace *t, pid_t tid, enum trace_kill_mode mode);
/* SIGKILL every process of the program (and its untraced orphans). */
void trace_kill_all(struct trace *t);
/*
 * The last resort, from any thread, with no lock taken and nothing
 * allocated (the tracer's thread may be stopped anywhere): SIGKILL every
 * live child of ours, again and again, since the children of a killed
 * process become ours (we are their subreaper, trace_new), until a pass
 * finds none or MAX_SECONDS have gone by.
 */
void trace_kill_below(double max_seconds);

/*
 * TRAP mode (docs/modes.md): a SIGSYS of SECCOMP_RET_TRAP is held and
 * reported as TRACE_EV_SECCOMP with trapped set; trace_deny and
 * trace_kill answer it as a seccomp stop, and trace_allow re-runs the
 * call with seccomp suspended for that thread (PTRACE_O_SUSPEND_SECCOMP:
 * needs CAP_SYS_ADMIN, see trace_probe). A SIGSYS that is not ours is
 * the caller's to tell apart and to deliver (trace_signal_resume).
 */
void trace_set_trap(struct trace *t, bool on);
/*
 * Deliver the held SIGSYS of a trapped call with si_errno = data, as a
 * profile's own SCMP_ACT_TRAP would (the program's handler sees the
 * kernel's siginfo). -ESRCH, -EINVAL when TID is not held so; -EAGAIN
 * when a repair (below) used that SIGSYS up: send one another way.
 */
int trace_trap_signal(struct trace *t, pid_t tid, uint16_t data);
/*
 * TRAP mode keeps SIGSYS's action the program's (docs/modes.md): the
 * kernel resets it to the default when our filter traps a call while the
 * thread blocks SIGSYS (or the process ignores it).
 *
 * trace_sigsys_seen: EV stopped at the SIGSYS watch of the TRAP filter
 * (compile_watch_sigsys); the action the call sets is read from the
 * tracee and becomes its process's if trace_allow lets the call run.
 * 0, -ESRCH, -EFAULT.
 *
 * trace_trap_repair: EV is a held trap. When a trap of our filter reset
 * the action kept for its process, the thread puts it back first: 1, and
 * then EV comes again with repaired set (the thread waits for its answer
 * then, not before), or with RERUN (EV was the program's own trap) the
 * call is made again and traps anew. 0 when nothing was reset or it
 * cannot be put back; -ESRCH, -EINVAL.
 */
int trace_sigsys_seen(struct trace *t, const struct trace_event *ev);
int trace_trap_repair(struct trace *t, const struct trace_event *ev,
		      bool rerun);

/*
 * Can this process trace a child here (and, with suspend, re-run a
 * trapped call)? Forks a child that waits, seizes it, kills and reaps
 * it: call it before trace_new (which reaps every child). 0, or -EPERM
 * / -EINVAL with err saying why (already traced by a tracer that follows
 * forks, no CAP_SYS_ADMIN, under a seccomp filter ourselves...).
 */
int trace_probe(bool suspend, struct err *err);
/*
 * Does this kernel run i386 code (IA32 emulation)? A child makes one
 * int $0x80 call. Kernels built without it, or booted with
 * ia32_emulation=0, kill the child (and refuse 32-bit programs' execve
 * with ENOEXEC): false, with err saying how the child ended. Then no
 * i386 call can happen here, to be caught or learnt.
 */
bool trace_runs_i386(struct err *err);

/* A seccomp filter as the kernel holds it: classic BPF. */
struct sock_filter;
struct trace_filter {
	size_t len;
	const struct sock_filter *insns;
};
/*
 * The seccomp filters of TID, which is stopped, oldest first (the first
 * is ours when we launched the program), as the kernel runs them, read
 * with PTRACE_SECCOMP_GET_FILTER: it needs what TRAP mode needs
 * (CAP_SYS_ADMIN, CONFIG_CHECKPOINT_RESTORE, a tracer not under seccomp).
 * *out is borrowed until the thread ends, each filter until trace_free.
 * 0, or -ESRCH, -EACCES, -EMEDIUMTYPE (not classic BPF), -EINVAL.
 */
int trace_filters(struct trace *t, pid_t tid,
		  const struct trace_filter *const **out, size_t *n);

/* Hold signal-delivery stops of SIG for the session (SIGSYS in TRAP). */
void trace_hold_signal(struct trace *t, int sig, bool hold);
/* Resume a held signal stop delivering sig (0: suppress). */
int trace_signal_resume(struct trace *t, pid_t tid, int sig);

/* The table. Entries are borrowed until the next trace_next(). */
enum trace_state {
	TRACE_RUNNING,
	TRACE_STARTING,	       /* created; its first stop not seen yet */
	TRACE_SECCOMP_STOPPED, /* waits for allow / deny / kill */
	TRACE_SIGNAL_STOPPED,  /* a held signal waits */
	TRACE_GROUP_STOPPED,   /* stopped, as without a debugger */
	TRACE_KILLING,	       /* an emulated seccomp kill is under way */
};

struct trace_thread {
	pid_t tid, pid;
	enum trace_state state;
	bool launching;
};

struct trace_process {
	pid_t pid, ppid;
	char comm[16];	 /* raw, from /proc; refreshed on exec */
	const char *exe; /* raw link target, or NULL when unreadable */
	size_t nthreads;
};

/* Tgid and PPid of any thread id, from /proc; -ESRCH when gone or dead
 * (a zombie). */
int trace_proc_ids(pid_t tid, pid_t *tgid, pid_t *ppid);
/*
 * A process outside the table (NOTIFY mode), read from /proc the way the
 * table reads its own: ppid, comm, exe (heap: free((char *)out->exe)).
 * 0 or -ESRCH.
 */
int trace_proc_read(pid_t tid, struct trace_process *out);

const struct trace_thread *trace_thread(const struct trace *t, pid_t tid);
const struct trace_process *trace_process(const struct trace *t, pid_t pid);
void trace_counts(const struct trace *t, size_t *nprocesses, size_t *nthreads);
/* True once the program's first process has ended: *code as `run` exits. */
bool trace_program_exited(const struct trace *t, int *code);
/* A wait status as a shell shows it: the exit code, or 128 + signal. */
int trace_exit_code(int status);

/*
 * Memory of a tracee (process_vm_readv, else /proc/PID/mem). Returns the
 * bytes read (fewer at an unmapped page), or -errno (-EFAULT, -ESRCH).
 */
ssize_t trace_mem_read(pid_t tid, uint64_t addr, void *buf, size_t len);
/*
 * A NUL-terminated string of at most max bytes appended to out (raw).
 * Returns 0 or -errno; *truncated when no NUL came within max.
 */
int trace_mem_read_str(pid_t tid, uint64_t addr, size_t max, struct strbuf *out,
		       bool *truncated);

#endif
