/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The harness of the trace tests: a real libseccomp filter loaded in the
 * child hook, the program's stdout and stderr on a pipe we collect, a
 * blocking event loop (the runner's alarm is the only clock), and the
 * check that nothing of the program is left once the tracer is freed.
 */
#ifndef SECCOMPDBG_TEST_TRACE_H
#define SECCOMPDBG_TEST_TRACE_H

#include <linux/filter.h>
#include <stdbool.h>
#include <sys/types.h>

#include "seccompdbg/trace.h"

/* One rule: NAME (on x86_64 and, with the x86 arch, on i386) -> action,
 * optionally only when the first argument equals arg0. */
struct tt_rule {
	const char *name;
	uint32_t action; /* SCMP_ACT_* */
	bool has_arg0;
	uint64_t arg0;
};

struct tt_filter {
	const struct tt_rule *rules;
	size_t nrules;
	uint32_t def_action;	  /* 0: SCMP_ACT_ALLOW */
	bool x86;		  /* add the i386 ABI */
	uint32_t badarch;	  /* 0: libseccomp's default (KILL) */
	trace_child_hook_fn hook; /* NULL: load the filter; else this, with
				     hook_arg or the struct sock_fprog */
	void *hook_arg;
};

struct tt {
	struct trace *t;
	pid_t pid;
	int out; /* read end of the program's stdout+stderr */
	int in;	 /* write end of its stdin, or -1 */
	struct strbuf output;
	struct sock_fprog prog;
};

#define TT_FILTER(r)                                  \
	{                                             \
		.rules = (r), .nrules = ARRAY_SIZE(r) \
	}

/* Starts argv under a filter (NULL: none). Fails the test on error. */
void tt_start(struct tt *h, const char *const *argv, const struct tt_filter *f);
/* Same, with the program's stdin on a pipe (h->in). */
void tt_start_stdin(struct tt *h, const char *const *argv,
		    const struct tt_filter *f);
/* The next event (1), or 0 once no process of the program is left. */
int tt_next(struct tt *h, struct trace_event *ev);
/* Runs to the end: launching stops and the rest allowed, held signals
 * delivered. Returns the program's exit code (as run exits). */
int tt_finish(struct tt *h);
/*
 * Frees the tracer and checks that no process of the program is left:
 * no child of ours, and none of the processes the events named (or
 * tt_watch was given) still alive, told apart from a reused pid by its
 * start time.
 */
void tt_free(struct tt *h);
void tt_watch(pid_t pid);

/* The first event of KIND (others are handled as tt_finish would). */
void tt_expect(struct tt *h, enum trace_event_kind kind,
	       struct trace_event *ev);
/* The next seccomp stop that is not a launching one. */
void tt_expect_seccomp(struct tt *h, struct trace_event *ev);
/* What tt_finish does with an event it does not care about. */
void tt_default(struct tt *h, const struct trace_event *ev);

/* The filter as classic BPF (free out->filter), and loading it in the
 * calling thread with no_new_privs (async-signal-safe; 0 or -errno). */
void tt_build_filter(const struct tt_filter *f, struct sock_fprog *out);
int tt_load_filter(const struct sock_fprog *prog);

/* The absolute path of build/tests/progs/NAME (static, per call). */
const char *tt_prog(const char *name);
/* The line of the output that starts with prefix, or NULL (static). */
const char *tt_line(const struct tt *h, const char *prefix);
/* Reads what the program wrote so far, without blocking. */
void tt_collect(struct tt *h);
/* Blocks until a line starting with prefix is there (or EOF: NULL),
 * handling events as tt_finish does meanwhile. */
const char *tt_wait_line(struct tt *h, const char *prefix);
/* The number the host gives NAME on arch (SCMP_ARCH_*), via libseccomp. */
int tt_nr(uint32_t arch, const char *name);
/*
 * Output of argv run with no tracer (under prog when not NULL), for
 * comparisons; *status is its wait status.
 */
char *tt_native(const char *const *argv, const struct sock_fprog *prog,
		int *status);

/* What /proc/PID/stat says of a process or thread; false when gone. */
struct tt_stat {
	char state; /* 't': ptrace stop */
	int session;
	unsigned long long start; /* start time, in clock ticks */
};
bool tt_stat(pid_t pid, struct tt_stat *st);

#endif
