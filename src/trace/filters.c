// SPDX-License-Identifier: Apache-2.0
/*
 * The seccomp filters of a stopped tracee, read back from the kernel
 * (PTRACE_SECCOMP_GET_FILTER), for TRAP mode: our TRAP outranks a
 * program's own ERRNO in the kernel's order of actions, so the session
 * runs the program's filters to learn what the kernel would have done
 * without ours (docs/modes.md, "The program's own filters").
 *
 * The kernel numbers a thread's filters from the oldest (index 0, ours
 * when we launched it), and a thread's list only grows: a filter is
 * stacked on top by a seccomp() of the thread's own or by a sibling's
 * SECCOMP_FILTER_FLAG_TSYNC, never taken away, and exec keeps it. So the
 * list read once stays right while the index just past its end is still
 * empty, which one request with no buffer tells; a new thread starts with
 * an empty list and reads it at its first trap. The programs themselves
 * are kept once each (every thread of a sandboxed process holds the same
 * ones), until trace_free.
 */
#include <errno.h>
#include <linux/filter.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

#include "internal.h"

#ifndef PTRACE_SECCOMP_GET_FILTER
#define PTRACE_SECCOMP_GET_FILTER 0x420c
#endif

/* Instructions of filter INDEX of TID (0: the oldest), or -errno. */
static long filter_len(pid_t tid, size_t index)
{
	long n = ptrace(PTRACE_SECCOMP_GET_FILTER, tid, (void *)index, NULL);

	return n < 0 ? -errno : n;
}

/* The one copy of PROG[LEN], added when new. */
static const struct trace_filter *
intern(struct trace *t, const struct sock_filter *prog, size_t len)
{
	uint64_t h = hmap_hash_bytes(prog, len * sizeof(*prog));
	struct trace_filter *f;
	size_t pos = 0;
	void *v;

	while (hmap_find(&t->filters, h, &pos, &v)) {
		f = v;
		if (f->len == len &&
		    !memcmp(f->insns, prog, len * sizeof(*prog)))
			return f;
	}
	f = xmalloc(sizeof(*f) + len * sizeof(*prog));
	f->len = len;
	f->insns = (const struct sock_filter *)(f + 1);
	memcpy(f + 1, prog, len * sizeof(*prog));
	hmap_add(&t->filters, h, f);
	return f;
}

/* Filter INDEX of TH, appended to its list. */
static int read_one(struct trace *t, struct trace_tracee *th, size_t index)
{
	long n = filter_len(th->pub.tid, index);
	struct sock_filter *prog;
	long got;

	if (n < 0)
		return (int)n;
	if (n == 0 || n > BPF_MAXINSNS)
		return -EINVAL;
	prog = xcalloc((size_t)n, sizeof(*prog));
	/* a filter once loaded never changes: its length holds */
	got = ptrace(PTRACE_SECCOMP_GET_FILTER, th->pub.tid, (void *)index,
		     prog);
	if (got != n) {
		free(prog);
		return got < 0 ? -errno : -EIO;
	}
	th->filters =
		xreallocarray(th->filters, index + 1, sizeof(*th->filters));
	th->filters[index] = intern(t, prog, (size_t)n);
	th->nfilters = index + 1;
	free(prog);
	return 0;
}

int trace_filters(struct trace *t, pid_t tid,
		  const struct trace_filter *const **out, size_t *n)
{
	struct trace_tracee *th = trace_tracee_get(t, tid);
	int rc;

	if (!th)
		return -ESRCH;
	for (;;) {
		rc = read_one(t, th, th->nfilters);
		if (rc == -ENOENT)
			break; /* no filter past the end: the list is whole */
		if (rc < 0)
			return rc;
	}
	*out = th->filters;
	*n = th->nfilters;
	return 0;
}

void trace_filters_release(struct trace *t)
{
	size_t pos = 0;
	void *v;

	while (hmap_each(&t->filters, &pos, NULL, &v))
		free(v);
	hmap_release(&t->filters);
}
