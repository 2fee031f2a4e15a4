// SPDX-License-Identifier: Apache-2.0
/*
 * bench/unwind: what a backtrace costs at a seccomp stop. Runs
 * tests/progs/unwind_target in "loop" mode under ptrace with a filter
 * that TRACEs unshare, and at every stop times, in the same run:
 *   - a bare PTRACE_GETREGS (the floor: one ptrace round trip),
 *   - the capture (unwind_capture_thread: what must be taken while the
 *     thread waits: maps, ELF files and CFI of a new process, the walk),
 *     at the first stop of the first process (nothing cached), at the
 *     first stop of each later process (its files known already) and
 *     at the other stops (warm),
 *   - the description (unwind_describe + unwind_format + unwind_hint:
 *     symbols and lines, from the caches kept per file), the first time
 *     and later,
 *   - unwind_blocked (NOTIFY mode's walk without ptrace; the stopped
 *     thread is blocked in its call as a notified one is) and unwind_ip
 *     (NOTIFY mode's one-address lookup), warm, each with its own cache.
 * Prints the means and the ratio to GETREGS. Numbers, not assertions.
 *
 * usage: unwind [-p PROCESSES] [-n STOPS] TARGET...
 */
#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "seccompdbg/unwind.h"

struct timing {
	double sum;
	unsigned long n;
};

/* Which stop of the run: the thread waits longest at the first. */
enum stop_kind { FIRST_EVER, FIRST_OF_PROCESS, WARM };

struct bench {
	struct timing getregs, capture[3], describe[2], blocked, ip;
	size_t frames, stops;
	char sample[2048];
};

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void add(struct timing *t, double us)
{
	t->sum += us;
	t->n++;
}

static double mean(const struct timing *t)
{
	return t->n ? t->sum / t->n : 0;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* In the child: refuse unshare with TRACE (both x86 ABIs), exec. */
static void exec_traced(const char *target, const char *stops)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);

	ptrace(PTRACE_TRACEME, 0, NULL, NULL);
	raise(SIGSTOP);
	if (!ctx)
		_exit(121);
	seccomp_arch_add(ctx, SCMP_ARCH_X86);
	if (seccomp_rule_add(ctx, SCMP_ACT_TRACE(1), SCMP_SYS(unshare), 0) ||
	    seccomp_load(ctx))
		_exit(122);
	execl(target, target, "loop", stops, (char *)NULL);
	_exit(127);
}

/* NOTIFY mode's two lookups, with their own cache (libdw attaches a
 * process one way only). */
static void time_notify(struct bench *b, struct unwind *u, pid_t pid,
			uint64_t ip, bool cold)
{
	struct unwind_backtrace t;
	struct unwind_frame f;
	struct err err;
	double t0;

	t0 = now_us();
	if (unwind_blocked(u, pid, pid, &t, &err) != 0) {
		fprintf(stderr, "unwind_blocked: %s\n", err.msg);
		exit(1);
	}
	if (!cold)
		add(&b->blocked, now_us() - t0);
	unwind_backtrace_release(&t);
	t0 = now_us();
	unwind_ip(u, pid, ip, &f, NULL);
	if (!cold)
		add(&b->ip, now_us() - t0);
	unwind_frame_release(&f);
}

static void time_stop(struct bench *b, struct unwind *u[2], pid_t pid,
		      enum stop_kind kind)
{
	struct user_regs_struct regs;
	struct strbuf sb = STRBUF_INIT;
	struct unwind_capture cap;
	struct unwind_backtrace t;
	struct err err;
	double t0;

	t0 = now_us();
	if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) != 0)
		die("PTRACE_GETREGS");
	add(&b->getregs, now_us() - t0);

	t0 = now_us();
	if (unwind_capture_thread(u[0], pid, pid, &cap, &err) != 0) {
		fprintf(stderr, "unwind_capture_thread: %s\n", err.msg);
		exit(1);
	}
	add(&b->capture[kind], now_us() - t0);
	t0 = now_us();
	unwind_describe(u[0], &cap, &t);
	unwind_format(&t, &sb);
	strbuf_adds(&sb, "hint: ");
	unwind_hint(&t, "unshare", &sb);
	add(&b->describe[kind != FIRST_EVER], now_us() - t0);
	unwind_capture_release(&cap);
	b->frames = t.nframes;
	snprintf(b->sample, sizeof(b->sample), "%s", strbuf_str(&sb));

	time_notify(b, u[1], pid, t.frames[0].pc, kind != WARM);
	unwind_backtrace_release(&t);
	strbuf_release(&sb);
}

/* One process: every stop timed; the first one is the cold one. */
static void run_one(struct bench *b, struct unwind *u[2], const char *target,
		    const char *stops)
{
	bool first = true;
	pid_t pid = fork();
	int st;

	if (pid < 0)
		die("fork");
	if (pid == 0)
		exec_traced(target, stops);
	if (waitpid(pid, &st, 0) != pid)
		die("waitpid");
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
		   PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL) != 0)
		die("PTRACE_SETOPTIONS");
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	while (waitpid(pid, &st, 0) == pid && WIFSTOPPED(st)) {
		int sig = 0;

		if (st >> 16 == PTRACE_EVENT_SECCOMP) {
			time_stop(b, u, pid,
				  !first     ? WARM
				  : b->stops ? FIRST_OF_PROCESS
					     : FIRST_EVER);
			first = false;
			b->stops++;
		} else if (WSTOPSIG(st) != SIGTRAP) {
			sig = WSTOPSIG(st);
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)sig);
	}
	unwind_forget(u[0], pid);
	unwind_forget(u[1], pid);
}

static void report_row(const char *what, const struct timing *t,
		       const struct timing *regs)
{
	printf("  %-42s %10.1f us  %6.0fx GETREGS\n", what, mean(t),
	       mean(t) / mean(regs));
}

static void report(const char *target, const struct bench *b,
		   const struct unwind_stats *s)
{
	printf("%s: %lu stops in %lu processes, %zu frames\n", target,
	       b->getregs.n, s->attaches, b->frames);
	printf("  %-42s %10.1f us\n", "PTRACE_GETREGS", mean(&b->getregs));
	printf("  while the thread waits:\n");
	report_row("capture, first stop of all (cold)", &b->capture[FIRST_EVER],
		   &b->getregs);
	report_row("capture, first stop of a later process",
		   &b->capture[FIRST_OF_PROCESS], &b->getregs);
	report_row("capture, later stops (warm)", &b->capture[WARM],
		   &b->getregs);
	printf("  after (symbols, lines, format, hint):\n");
	report_row("describe, first time (files opened)", &b->describe[0],
		   &b->getregs);
	report_row("describe, later (files cached)", &b->describe[1],
		   &b->getregs);
	report_row("unwind_blocked (NOTIFY mode), warm", &b->blocked,
		   &b->getregs);
	report_row("unwind_ip (NOTIFY mode), warm", &b->ip, &b->getregs);
	printf("  maps read %lu times for %lu processes; %lu files opened for symbols\n",
	       s->reports, s->attaches, s->files);
	printf("  sample:\n%s\n\n", b->sample);
}

int main(int argc, char **argv)
{
	const char *stops = "200";
	int procs = 5, opt, i;

	while ((opt = getopt(argc, argv, "p:n:")) != -1) {
		if (opt == 'p')
			procs = atoi(optarg);
		else if (opt == 'n')
			stops = optarg;
		else
			return 2;
	}
	if (optind == argc || procs < 1) {
		fprintf(stderr,
			"usage: %s [-p PROCESSES] [-n STOPS] TARGET...\n",
			argv[0]);
		return 2;
	}
	for (; optind < argc; optind++) {
		struct unwind *u[2] = {unwind_new(), unwind_new()};
		struct bench b;
		struct unwind_stats s;

		memset(&b, 0, sizeof(b));
		for (i = 0; i < procs; i++)
			run_one(&b, u, argv[optind], stops);
		unwind_get_stats(u[0], &s);
		report(argv[optind], &b, &s);
		unwind_free(u[0]);
		unwind_free(u[1]);
	}
	return 0;
}
