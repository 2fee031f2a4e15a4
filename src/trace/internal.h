/* SPDX-License-Identifier: Apache-2.0 */
/*
 * trace: what the files of the module share and nobody else sees. The
 * public structs are embedded first in the private ones, so the table
 * hands out pointers to the public part.
 */
#ifndef SECCOMPDBG_TRACE_INTERNAL_H
#define SECCOMPDBG_TRACE_INTERNAL_H

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "seccompdbg/trace.h"
#include "seccompdbg/util.h"

/* The options every tracee gets (children inherit them). */
#define TRACE_PTRACE_OPTIONS                                                \
	(PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
	 PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL |     \
	 PTRACE_O_TRACESYSGOOD)

struct trace_proc;

/* What a TRAP-mode thread is doing under PTRACE_O_SUSPEND_SECCOMP. */
enum trace_step {
	TRACE_STEP_NONE,
	TRACE_STEP_ALLOW,  /* re-running its allowed call */
	TRACE_STEP_KILL,   /* running seccomp() to load a kill filter */
	TRACE_STEP_REPAIR, /* putting the program's SIGSYS back (sigsys.c) */
};

/* A signal action as the kernel keeps it (sigsys.c). */
struct trace_sigact {
	uint64_t handler; /* 0 SIG_DFL, 1 SIG_IGN, or the handler */
	uint64_t flags, restorer, mask;
};

/* A trapped call whose thread puts SIGSYS back first (sigsys.c). */
struct trace_repair {
	struct user_regs_struct regs; /* as the trap left them */
	struct trace_event ev;	      /* reported again when done */
	bool rerun;		      /* then the call, not a report */
	unsigned insn_len;
};

struct trace_tracee {
	struct trace_thread pub;
	struct trace_proc *proc;
	struct trace_tracee *sibling; /* next thread of the process */
	int held_sig;		      /* TRACE_SIGNAL_STOPPED: signal, */
	int held_code;		      /* and its si_code */
	uint32_t arch;		      /* of the last seccomp stop */
	int nr;
	/* TRAP mode: a trapped call being re-run with seccomp suspended
	 * (trap.c); the expected entry stop, and whether it was seen. */
	enum trace_step step;
	bool step_entered;
	int step_nr;
	uint64_t step_ip;
	/* An allowed call whose step a signal came before: when it traps
	 * again (the same call, registers unchanged) it is stepped again,
	 * not reported twice (trap.c). */
	bool retrap;
	uint64_t retrap_regs[9]; /* nr, ip, sp, six arguments */
	/* TRAP mode: the SIGSYS action its stopped call sets (sigsys.c),
	 * kept if the call runs; the repair under way; and whether its
	 * held SIGSYS was used up by one (it waits at a syscall exit). */
	bool sigsys_pending;
	struct trace_sigact sigsys_new;
	struct trace_repair *repair;
	bool held_gone;
	/* its seccomp filters as far as read, oldest first (filters.c) */
	const struct trace_filter **filters;
	size_t nfilters;
};

struct trace_proc {
	struct trace_process pub;
	struct trace_tracee *threads;
	char *exe;
	/* TRAP mode: SIGSYS's action as the program set it (sigsys.c);
	 * own: set by this process, not its parent's; broken: could not
	 * be put back, not tried again */
	struct trace_sigact sigsys;
	bool sigsys_own, sigsys_broken;
};

struct trace {
	int sigfd;
	sigset_t saved_mask;
	int saved_subreaper;
	sigset_t hold;
	struct hmap threads, procs; /* tid -> tracee, pid -> proc */
	struct hmap filters; /* hash -> struct trace_filter (filters.c) */
	size_t nthreads;
	struct trace_event *queue;
	size_t qhead, qlen, qcap;
	bool in_round;		 /* the signalfd was read, waitpid not yet 0 */
	unsigned round_statuses; /* statuses taken in this round */
	bool round_done;	 /* nothing older can be pending (event.c) */
	pid_t first_pid;
	bool first_exited;
	int first_status;
	int errpipe; /* the launch's error pipe (read end), or -1 */
	int pty_master;
	bool untraced;	   /* the program runs without ptrace */
	bool trap;	   /* SIGSYS of SECCOMP_RET_TRAP -> seccomp events */
	bool suspend_used; /* some thread ran with seccomp suspended */
};

/* table.c */
struct trace_tracee *trace_tracee_get(const struct trace *t, pid_t tid);
/*
 * Registers thread tid; its process (tgid), the parent, comm and exe come
 * from /proc. Returns NULL when /proc says the thread is gone.
 */
struct trace_tracee *trace_tracee_add(struct trace *t, pid_t tid,
				      enum trace_state state);
/* Forgets the thread; frees its process with its last thread. */
void trace_tracee_remove(struct trace *t, struct trace_tracee *th);
/* Frees a thread that is out of the maps. */
void trace_tracee_free(struct trace_tracee *th);
/* Re-reads comm and exe (after an exec). */
void trace_proc_refresh(struct trace_proc *p);

/* event.c */
struct trace_event *trace_event_push(struct trace *t, enum trace_event_kind k,
				     const struct trace_tracee *th);

/* resume.c */
/* PTRACE_GET_SYSCALL_INFO: 0 or -errno (-ESRCH: the tracee is gone). */
int trace_syscall_info(pid_t tid, struct __ptrace_syscall_info *info);
/* PTRACE_CONT with sig; a vanished tracee is not an error (0). */
int trace_resume(struct trace_tracee *th, int sig);
/* The syscall-exit stop of an emulated kill (see resume.c). */
void trace_kill_step(struct trace_tracee *th);

/* regs.c: registers and numbers of the tracee's ABI */
struct trace_abi {
	uint32_t token; /* AUDIT_ARCH_* */
	const char *name;
	int nr_seccomp;
	unsigned ptr_size; /* bytes */
	unsigned insn_len; /* of the syscall instruction */
};

/* The ABIs tracees of this host may use (for the tests). */
const struct trace_abi *trace_abis(size_t *n);
/* The ABI of a call (x32 by its number's bit), or NULL. */
const struct trace_abi *trace_regs_abi(uint32_t arch, int nr);
/* The ABI whose seccomp() installs the kill filter for such a call: its
 * own, but x86_64's for x32 (see regs.c). */
const struct trace_abi *trace_regs_kill_abi(uint32_t arch, int nr);
/* Set the return register of a stopped call; skip: and do not run it. */
int trace_regs_set_return(pid_t tid, int64_t value, bool skip);
/*
 * Turn the call (arch, nr) stopped at entry into seccomp(SET_MODE_FILTER,
 * 0, prog), prog a one-instruction filter returning action written below
 * the stack, and rewind the ip onto the syscall instruction: when the
 * call returns 0 the instruction runs again and the kernel kills.
 * -EOPNOTSUPP for another ABI, -EFAULT, -ESRCH.
 */
int trace_regs_setup_kill(pid_t tid, uint32_t arch, int nr, uint32_t action);

/* trap.c: TRAP mode (docs/modes.md) */
#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1 /* si_code of a seccomp SIGSYS (asm-generic) */
#endif
/* A held SIGSYS of SECCOMP_RET_TRAP, waiting as a seccomp stop would. */
static inline bool trace_is_trapped(const struct trace_tracee *th)
{
	return th->pub.state == TRACE_SIGNAL_STOPPED &&
	       th->held_sig == SIGSYS && th->held_code == SYS_SECCOMP;
}
/* Queue the TRACE_EV_SECCOMP of a trapped call; false when it is not
 * one (not TRAP mode, another signal): the caller goes on as usual. */
bool trace_trap_event(struct trace *t, struct trace_tracee *th, int sig,
		      const siginfo_t *si);
/* A stop of a thread with a step under way: true when handled here. */
bool trace_trap_stop(struct trace *t, struct trace_tracee *th, int status);
/* An exec ended the call under way: drop the suspension. */
void trace_trap_exec(struct trace_tracee *th);
/* The first stop of a new tracee: drop a suspension it inherited. */
void trace_trap_first_stop(struct trace *t, pid_t tid);
int trace_trap_allow(struct trace *t, struct trace_tracee *th);
/* Resume TH at its syscall instruction with seccomp suspended, to the
 * entry of call NR at IP (then once more to its exit): a step of KIND. */
int trace_trap_step(struct trace *t, struct trace_tracee *th,
		    enum trace_step kind, int nr, uint64_t ip);

/* sigsys.c: the program's SIGSYS action in TRAP mode */
/* The watched call of TH ran (RAN) or did not: keep what it set. */
void trace_sigsys_commit(struct trace_tracee *th, bool ran);
/* A new process starts with its parent's action. */
void trace_sigsys_inherit(const struct trace_tracee *parent,
			  struct trace_tracee *child);
/* An exec drops a handler, as the kernel does. */
void trace_sigsys_exec(struct trace_proc *p);
/* A SIGSYS goes to TH's handler (SA_RESETHAND resets it). */
void trace_sigsys_delivered(struct trace_tracee *th);
/* A stop of TH during its repair: true when handled here. */
bool trace_repair_stop(struct trace *t, struct trace_tracee *th, bool sysstop,
		       const struct __ptrace_syscall_info *info);
int trace_trap_kill(struct trace *t, struct trace_tracee *th, uint32_t action);

/* filters.c: the programs kept once each, freed */
void trace_filters_release(struct trace *t);

/* mem.c */
ssize_t trace_mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len);

/* spawn.c */
/* The first thread died before its exec: why (from the error pipe). */
void trace_launch_result(struct trace *t, enum trace_launch_stage *stage,
			 int *err);
/* The program exec'd: the error pipe has nothing more to say. */
void trace_launch_done(struct trace *t);
/* What trace_free undoes: the pipe and the pseudo-terminal. */
void trace_spawn_release(struct trace *t);

#endif
