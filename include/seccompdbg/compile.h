/* SPDX-License-Identifier: Apache-2.0 */
/*
 * compile: a resolved profile -> a libseccomp filter -> classic BPF.
 * libseccomp's filter-building API lives only here.
 *
 * For the debugger every non-allow action, the default and each rule's,
 * becomes the catching action carrying the rule's id (SCMP_ACT_TRACE(id),
 * or TRAP / NOTIFY in the other modes) and the bad-architecture action
 * catches too (RESOLVE_ID_BADARCH), so nothing the profile refuses gets
 * past the supervisor unseen; eval keeps the original verdicts. The
 * original mode builds the filter a runtime would, for tests.
 */
#ifndef SECCOMPDBG_COMPILE_H
#define SECCOMPDBG_COMPILE_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>

#include "seccompdbg/resolve.h"
#include "seccompdbg/util.h"

enum compile_mode {
	COMPILE_TRACE,	  /* SCMP_ACT_TRACE(id) */
	COMPILE_TRAP,	  /* SCMP_ACT_TRAP, id in si_errno */
	COMPILE_NOTIFY,	  /* SCMP_ACT_NOTIFY (the id is looked up) */
	COMPILE_ORIGINAL, /* the profile's own actions, as runc builds them */
};

struct compile_bpf {
	struct sock_filter *insns;
	size_t len;
	unsigned flags; /* SECCOMP_FILTER_FLAG_* to load it with */
};

/*
 * Build the BPF program into OUT (released with compile_bpf_release).
 * Errors (err says why, naming the rule): -EEXIST when a rule has the
 * conditions of an earlier rule for the same call with another action (runc
 * refuses such a profile: "file exists"); -E2BIG past BPF_MAXINSNS
 * instructions or 0xfffe rules; -ETIME when libseccomp does not finish
 * (it loops forever on some rule sets: docs/filters.md), -ECHILD when it
 * crashes; -EINVAL for anything else libseccomp or the kernel would refuse
 * (an unknown flag, architectures of both byte orders, two conditions on
 * one argument without args_or).
 *
 * libseccomp runs in a forked child, so the caller must not hold locks
 * another thread could need in the child (call it single-threaded).
 */
int compile_filter(const struct resolve_result *r, enum compile_mode mode,
		   struct compile_bpf *out, struct err *err);
/*
 * libseccomp's pseudo-filter-code text for the same filter, appended to
 * OUT. TRAP and NOTIFY show the TRACE filter they are rewritten from.
 */
int compile_pfc(const struct resolve_result *r, enum compile_mode mode,
		struct strbuf *out, struct err *err);
void compile_bpf_release(struct compile_bpf *bpf);

/*
 * The rule id each (rule, name) pair carries in the catching modes, as a
 * heap array (free() it) with one entry per name of each rule, in order:
 * rules[0].names[0], rules[0].names[1], ..., rules[1].names[0], ...
 *
 * A rule that refuses carries the id of the FIRST rule with the same
 * action (as libseccomp compares actions: errno truncated to 16 bits,
 * KILL = KILL_THREAD), not always its own: libseccomp merges rules and
 * shares generated code by comparing actions, and only one id per action
 * keeps every comparison answering as it does for the profile's own
 * actions, so that the catching filter decides exactly as the original
 * one (docs/filters.md, "Rule ids"). eval names the rule that decided a
 * call. Rules that let the call run (ALLOW, LOG) carry their own id.
 */
unsigned *compile_catch_ids(const struct resolve_result *r);

/* Past this many (rule, name) pairs compile asks libseccomp for its
   binary-tree layout of the calls, as runc does. */
#define COMPILE_BINTREE_PAST 32

/* How long libseccomp may work on one filter before compile gives up
   with -ETIME (default COMPILE_TIMEOUT_MS). */
#define COMPILE_TIMEOUT_MS 10000u
void compile_set_timeout(unsigned ms);

/*
 * TRAP mode's SIGSYS watch (watch.c): COMPILE_WATCH_LEN instructions put
 * in front of BPF that return SECCOMP_RET_TRACE | COMPILE_WATCH_ID for
 * every call that may set SIGSYS's action (rt_sigaction, and i386's
 * sigaction and signal, of SIGSYS), whatever the rest says; otherwise
 * the rest runs as before. A TRAP filter returns no other TRACE, and the
 * filter proper is bpf->insns + COMPILE_WATCH_LEN. 0, or -E2BIG past
 * BPF_MAXINSNS instructions.
 */
#define COMPILE_WATCH_LEN 13
#define COMPILE_WATCH_ID  0xffffu
int compile_watch_sigsys(struct compile_bpf *bpf, struct err *err);

/*
 * Install BPF in the calling thread (for a forked child before exec: no
 * allocation, async-signal-safe) with seccomp(2) and bpf->flags. Sets
 * no_new_privs first when asked (without it, or CAP_SYS_ADMIN, the kernel
 * answers -EACCES). Returns the notification fd when the flags ask for a
 * listener (NOTIFY mode), 0 otherwise, or -errno: -EINVAL for a program
 * the kernel refuses, -EBUSY when TSYNC could not synchronise a thread.
 */
int compile_install(const struct compile_bpf *bpf, bool no_new_privs);

#endif
