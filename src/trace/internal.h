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

#include "seccompdbg/trace.h"

/* The options every tracee gets (children inherit them). */
#define TRACE_PTRACE_OPTIONS                                                \
	(PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
	 PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL |     \
	 PTRACE_O_TRACESYSGOOD)

/* An int -> pointer map with open addressing; keys are ids > 0. */
struct trace_idmap {
	struct trace_idmap_slot *slots;
	size_t cap, used, count; /* used counts tombstones too */
};

void *trace_idmap_get(const struct trace_idmap *m, int key);
/* key must not be in the map. */
void trace_idmap_put(struct trace_idmap *m, int key, void *val);
void *trace_idmap_del(struct trace_idmap *m, int key);
/* Iteration: *pos starts at 0; returns NULL at the end. */
void *trace_idmap_next(const struct trace_idmap *m, size_t *pos);
void trace_idmap_release(struct trace_idmap *m);

struct trace_proc;

struct trace_tracee {
	struct trace_thread pub;
	struct trace_proc *proc;
	struct trace_tracee *sibling; /* next thread of the process */
	int held_sig;		      /* TRACE_SIGNAL_STOPPED: signal, */
	int held_code;		      /* and its si_code */
	uint32_t arch;		      /* of the last seccomp stop */
	int nr;
};

struct trace_proc {
	struct trace_process pub;
	struct trace_tracee *threads;
	char *exe;
};

struct trace {
	int sigfd;
	sigset_t saved_mask;
	int saved_subreaper;
	sigset_t hold;
	struct trace_idmap threads, procs;
	size_t nthreads;
	struct trace_event *queue;
	size_t qhead, qlen, qcap;
	pid_t first_pid;
	bool first_exited;
	int first_status;
	int errpipe; /* the launch's error pipe (read end), or -1 */
	int pty_master;
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
/* Re-reads comm and exe (after an exec). */
void trace_proc_refresh(struct trace_proc *p);
/* Tgid and PPid of any thread id, from /proc; -ESRCH when gone. */
int trace_proc_ids(pid_t tid, pid_t *tgid, pid_t *ppid);

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

/* arch.c: registers and numbers of the tracee's ABI */
struct trace_abi {
	uint32_t token; /* AUDIT_ARCH_* */
	const char *name;
	int nr_seccomp;
	unsigned ptr_size; /* bytes */
	unsigned insn_len; /* of the syscall instruction */
};

/* The ABIs tracees of this host may use (for the tests). */
const struct trace_abi *trace_abis(size_t *n);
/* Set the return register of a stopped call; skip: and do not run it. */
int trace_arch_set_return(pid_t tid, int64_t value, bool skip);
/*
 * Turn the call (arch, nr) stopped at entry into seccomp(SET_MODE_FILTER,
 * 0, prog), prog a one-instruction filter returning action written below
 * the stack, and rewind the ip onto the syscall instruction: when the
 * call returns 0 the instruction runs again and the kernel kills.
 * -EOPNOTSUPP for another ABI, -EFAULT, -ESRCH.
 */
int trace_arch_setup_kill(pid_t tid, uint32_t arch, int nr, uint32_t action);

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
