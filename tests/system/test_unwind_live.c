// SPDX-License-Identifier: Apache-2.0
/*
 * unwind on real processes: tests/progs/unwind_target runs under a small
 * ptrace loop written here (PTRACE_TRACEME, a libseccomp filter that
 * TRACEs unshare, exec), and at each seccomp stop the test takes the
 * backtrace, as the supervisor will. The refused call is made at a line
 * of unwind_target.c marked UNWIND_MARK_<NAME>; the hint must name that
 * function, file and line.
 */
#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seccompdbg/unwind.h"
#include "test.h"
#include "test_unwind_target.h"

#define MAX_STOPS 8

/* What the test saw at one seccomp stop. */
struct stop {
	pid_t pid, tid;
	uint64_t ip; /* PTRACE_GET_SYSCALL_INFO's, as NOTIFY reports it */
	int rc;
	struct unwind_backtrace trace;
	char *backtrace;
	char *hint;
	struct unwind_frame ip_frame;	  /* unwind_ip(ip), fresh cache */
	struct unwind_frame caller_frame; /* unwind_ip(frame #1's pc) */
};

struct run {
	struct unwind *u;
	struct stop stops[MAX_STOPS];
	size_t nstops;
	unsigned execs;
	int status;
	struct unwind_stats stats;
};

/* Child: be traced, refuse every unshare with ACTION, exec the target. */
static void child_exec(uint32_t action, const char *path, const char *mode,
		       const char *arg)
{
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
		_exit(120);
	raise(SIGSTOP);
	target_filter(action);
	execl(path, path, mode, arg, (char *)NULL);
	_exit(127);
}

/* NOTIFY mode's variant: a cache with no ptrace state behind it. */
static void lookup_ip(pid_t pid, uint64_t ip, struct unwind_frame *out)
{
	struct unwind *fresh = unwind_new();

	CHECK_INT(unwind_ip(fresh, pid, ip, out, NULL), 0);
	unwind_free(fresh);
}

/* At a stop of kind OP (PTRACE_SYSCALL_INFO_*): what unwind says. */
static void record_stop(struct run *r, pid_t pid, pid_t tid, int op)
{
	struct __ptrace_syscall_info info;
	struct strbuf sb = STRBUF_INIT;
	struct err err = {""};
	struct stop *s;

	REQUIRE(r->nstops < MAX_STOPS);
	s = &r->stops[r->nstops++];
	s->pid = pid;
	s->tid = tid;
	REQUIRE(ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(info), &info) > 0);
	CHECK_INT(info.op, op);
	s->ip = info.instruction_pointer;
	s->rc = unwind_thread(r->u, pid, tid, &s->trace, &err);
	if (s->rc != 0) {
		test_fail(__FILE__, __LINE__, "unwind_thread: %d %s", s->rc,
			  err.msg);
		return;
	}
	unwind_format(&s->trace, &sb);
	s->backtrace = strbuf_detach(&sb);
	if (unwind_hint(&s->trace, "unshare", &sb))
		s->hint = strbuf_detach(&sb);
	lookup_ip(pid, s->ip, &s->ip_frame);
	if (s->trace.nframes > 1)
		lookup_ip(pid, s->trace.frames[1].pc, &s->caller_frame);
}

/*
 * TRAP mode: SIGSYS, the call skipped with the return register holding
 * the syscall number. Make it return 0, as the real call would, and
 * drop the signal.
 */
static void answer_sigsys(pid_t tid)
{
	struct user_regs_struct regs;

	REQUIRE(ptrace(PTRACE_GETREGS, tid, NULL, &regs) == 0);
#if defined(__x86_64__)
	regs.rax = 0;
#endif
	REQUIRE(ptrace(PTRACE_SETREGS, tid, NULL, &regs) == 0);
}

/* The ptrace loop: every stop of every thread until the target ends. */
static void run_target_as(struct run *r, uint32_t action, const char *prog,
			  const char *mode, const char *arg)
{
	const char *path = test_build(prog);
	pid_t pid, tid;
	int st;

	memset(r, 0, sizeof(*r));
	r->u = unwind_new();
	pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0)
		child_exec(action, path, mode, arg);
	REQUIRE(waitpid(pid, &st, 0) == pid && WIFSTOPPED(st));
	REQUIRE(ptrace(PTRACE_SETOPTIONS, pid, NULL,
		       PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE |
			       PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL) == 0);
	REQUIRE(ptrace(PTRACE_CONT, pid, NULL, NULL) == 0);
	for (;;) {
		int sig = 0, event;

		tid = waitpid(-1, &st, __WALL);
		REQUIRE(tid > 0);
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (tid == pid)
				break;
			continue;
		}
		event = st >> 16;
		if (event == PTRACE_EVENT_SECCOMP) {
			record_stop(r, pid, tid, PTRACE_SYSCALL_INFO_SECCOMP);
		} else if (!event && WSTOPSIG(st) == SIGSYS) {
			record_stop(r, pid, tid, PTRACE_SYSCALL_INFO_NONE);
			answer_sigsys(tid);
		} else if (event == PTRACE_EVENT_EXEC) {
			/* The first exec is child_exec's: nothing cached. */
			if (++r->execs > 1)
				unwind_forget(r->u, pid);
		} else if (!event && WSTOPSIG(st) != SIGSTOP &&
			   WSTOPSIG(st) != SIGTRAP) {
			sig = WSTOPSIG(st);
		}
		ptrace(PTRACE_CONT, tid, NULL, (void *)(long)sig);
	}
	r->status = st;
	unwind_get_stats(r->u, &r->stats);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* TRACE mode, as seccompdbg runs programs by default. */
static void run_target(struct run *r, const char *prog, const char *mode,
		       const char *arg)
{
	run_target_as(r, SCMP_ACT_TRACE(7), prog, mode, arg);
}

static void run_release(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nstops; i++) {
		struct stop *s = &r->stops[i];

		unwind_backtrace_release(&s->trace);
		free(s->backtrace);
		free(s->hint);
		unwind_frame_release(&s->ip_frame);
		unwind_frame_release(&s->caller_frame);
	}
	unwind_free(r->u);
}

/* Frame #0 in libc's unshare wrapper, #1 in FUNC at the marked line. */
static void check_libc_call(const struct stop *s, const char *func,
			    const char *mark, const char *exe)
{
	const struct unwind_frame *f = s->trace.frames;
	char want[128];

	REQUIRE(s->trace.nframes >= 3);
	CHECK_STR(f[0].module, "libc.so.6");
	CHECK_INT(f[0].origin, UNWIND_ORIGIN_LIBC);
	CHECK_STR(f[0].symbol, "unshare");
	CHECK_U64(f[0].pc, s->ip);
	CHECK_STR(f[1].symbol, func);
	CHECK_STR(f[1].module, exe);
	CHECK_INT(f[1].origin, UNWIND_ORIGIN_PROGRAM);
	CHECK_INT(f[1].line, target_line(mark));
	snprintf(want, sizeof(want),
		 "#1 %s+%" PRIu64 " (unwind_target.c:%u) %s\n", func,
		 f[1].symbol_offset, target_line(mark), exe);
	CHECK_CONTAINS(s->backtrace, want);
	CHECK(strncmp(s->backtrace, "#0 unshare+", 11) == 0);
	CHECK_TARGET_HINT(s->hint, func, mark);
}

/* unwind_ip, as in NOTIFY mode: the same names without ptrace. */
static void check_ip_lookup(const struct stop *s, const char *func,
			    const char *mark)
{
	CHECK_U64(s->ip_frame.pc, s->ip);
	CHECK_STR(s->ip_frame.module, "libc.so.6");
	CHECK_STR(s->ip_frame.symbol, "unshare");
	CHECK_U64(s->ip_frame.symbol_offset, s->trace.frames[0].symbol_offset);
	CHECK_U64(s->ip_frame.module_offset, s->trace.frames[0].module_offset);
	CHECK_STR(s->caller_frame.symbol, func);
	CHECK_INT(s->caller_frame.line, target_line(mark));
}

/*
 * One refused call from spawn_sandbox (modes "main" and "thread"), with
 * ACTION: the backtrace, hint and NOTIFY lookups all name it.
 */
static const struct stop *run_spawn(struct run *r, uint32_t action,
				    const char *mode)
{
	run_target_as(r, action, TARGET, mode, NULL);
	REQUIRE(r->nstops == 1);
	check_libc_call(&r->stops[0], "spawn_sandbox", "UNWIND_MARK_SPAWN",
			"unwind_target");
	check_ip_lookup(&r->stops[0], "spawn_sandbox", "UNWIND_MARK_SPAWN");
	return &r->stops[0];
}

TEST(unwind_live_main_thread)
{
	struct run r;
	const struct stop *s = run_spawn(&r, SCMP_ACT_TRACE(7), "main");

	CHECK_CONTAINS(s->backtrace, "#2 main+");
	CHECK(s->trace.frames[s->trace.nframes - 1].symbol);
	CHECK(!s->trace.truncated);
	run_release(&r);
}

TEST(unwind_live_second_thread)
{
	struct run r;
	const struct stop *s = run_spawn(&r, SCMP_ACT_TRACE(7), "thread");

	CHECK(s->tid != s->pid);
	CHECK_CONTAINS(s->backtrace, "#2 thread_main+");
	run_release(&r);
}

TEST(unwind_live_after_exec)
{
	struct run r;

	run_target(&r, TARGET, "exec", NULL);
	REQUIRE(r.nstops == 2);
	check_libc_call(&r.stops[0], "spawn_sandbox", "UNWIND_MARK_SPAWN",
			"unwind_target");
	check_libc_call(&r.stops[1], "relaunch", "UNWIND_MARK_RELAUNCH",
			"unwind_target");
	check_ip_lookup(&r.stops[1], "relaunch", "UNWIND_MARK_RELAUNCH");
	/* The exec was forgotten: the new image got a new libdw state. */
	CHECK_INT(r.stats.attaches, 2);
	CHECK_INT(r.stats.unwinds, 2);
	run_release(&r);
}

/* Many stops of one process: maps and ELF files are read once. */
TEST(unwind_live_cache_reused)
{
	struct run r;
	size_t i;

	run_target(&r, TARGET, "loop", "5");
	REQUIRE(r.nstops == 5);
	for (i = 0; i < r.nstops; i++)
		check_libc_call(&r.stops[i], "spawn_sandbox",
				"UNWIND_MARK_SPAWN", "unwind_target");
	CHECK_INT(r.stats.attaches, 1);
	CHECK_INT(r.stats.reports, 1);
	CHECK_INT(r.stats.unwinds, 5);
	run_release(&r);
}

/*
 * A frame in a mapping made after the first stop: the address is outside
 * every module libdw knows, so the maps are read again, once.
 */
TEST(unwind_live_new_mapping)
{
	const struct unwind_frame *f;
	struct run r;
	char want[128];

	run_target(&r, TARGET, "mapped", NULL);
	REQUIRE(r.nstops == 2);
	check_libc_call(&r.stops[0], "spawn_sandbox", "UNWIND_MARK_SPAWN",
			"unwind_target");
	REQUIRE(r.stops[1].trace.nframes >= 2);
	f = r.stops[1].trace.frames;
	CHECK_STR(f[0].symbol, "raw_unshare");
	CHECK_INT(f[0].origin, UNWIND_ORIGIN_PROGRAM);
	CHECK_STR(f[1].symbol, "main");
	snprintf(want, sizeof(want),
		 "unwind_target.c:%u in raw_unshare (called unshare directly)",
		 target_line("UNWIND_MARK_RAW"));
	CHECK_STR(r.stops[1].hint, want);
	CHECK_STR(r.stops[1].ip_frame.symbol, "raw_unshare");
	CHECK_INT(r.stats.attaches, 1);
	CHECK_INT(r.stats.reports, 2);
	run_release(&r);
}

/* TRAP mode: the backtrace at the SIGSYS signal-delivery stop. */
TEST(unwind_live_trap_mode)
{
	struct run r;
	const struct stop *s = run_spawn(&r, SCMP_ACT_TRAP, "thread");

	CHECK(s->tid != s->pid);
	CHECK_CONTAINS(s->backtrace, "#2 thread_main+");
	run_release(&r);
}

/* A 32-bit (i386) program traced from this 64-bit one. */
TEST(unwind_live_i386)
{
	const struct unwind_frame *f;
	struct run r;
	size_t i;

	REQUIRE_IA32_PROGRAMS();
	run_target(&r, TARGET "-32", "exec", NULL);
	REQUIRE(r.nstops == 2);
	f = r.stops[0].trace.frames;
	REQUIRE(r.stops[0].trace.nframes >= 3);
	/* i386 libc enters the kernel through the vDSO. */
	CHECK_STR(f[0].module, "[vdso]");
	CHECK_INT(f[0].origin, UNWIND_ORIGIN_VDSO);
	CHECK_STR(f[0].symbol, "__kernel_vsyscall");
	CHECK_STR(f[1].module, "libc.so.6");
	CHECK_STR(f[1].symbol, "unshare");
	CHECK_STR(f[2].symbol, "spawn_sandbox");
	CHECK_STR(f[2].module, "unwind_target-32");
	for (i = 0; i < r.stops[0].trace.nframes; i++)
		CHECK(r.stops[0].trace.frames[i].pc <= UINT32_MAX);
	CHECK_TARGET_HINT(r.stops[0].hint, "spawn_sandbox",
			  "UNWIND_MARK_SPAWN");
	CHECK_TARGET_HINT(r.stops[1].hint, "relaunch", "UNWIND_MARK_RELAUNCH");
	CHECK_STR(r.stops[0].ip_frame.symbol, "__kernel_vsyscall");
	CHECK_STR(r.stops[0].caller_frame.symbol, "unshare");
	run_release(&r);
}
