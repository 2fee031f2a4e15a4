// SPDX-License-Identifier: Apache-2.0
/*
 * The tracee table: thread id -> thread, process id -> process, with the
 * process's threads on a list. Every wait status looks a thread up, so
 * both maps are hash maps (util's struct hmap, keyed by the id). Process
 * facts that the kernel does not put in a wait status (parent, comm,
 * executable) come from /proc and are cached per process.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* --- /proc ------------------------------------------------------------ */

int trace_proc_ids(pid_t tid, pid_t *tgid, pid_t *ppid)
{
	char path[64], buf[1024], *p, state = 0;
	ssize_t n;
	int fd, found = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -ESRCH;
	/* Tgid and PPid come in the first lines, before any long field. */
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -ESRCH;
	buf[n] = '\0';
	/*
	 * A dead thread (a zombie, or one being released) has no ids worth
	 * having: it will never stop again. It matters when a fork event is
	 * taken after the child's whole life: waitpid prefers the newest
	 * tracee, so a child can stop, exec, exit and be reaped by us while
	 * its parent's event still waits; the parent, stopped, has not
	 * reaped it, and a tracee made from its zombie would wait forever.
	 */
	p = strstr(buf, "\nState:");
	if (p && sscanf(p + 7, " %c", &state) == 1 &&
	    (state == 'Z' || state == 'X'))
		return -ESRCH;
	p = strstr(buf, "\nTgid:");
	if (p && sscanf(p + 6, "%d", tgid) == 1)
		found++;
	p = strstr(buf, "\nPPid:");
	if (p && sscanf(p + 6, "%d", ppid) == 1)
		found++;
	return found == 2 ? 0 : -ESRCH;
}

/* comm and exe (heap, or NULL) of process PID. */
static char *proc_names(pid_t pid, char comm[16])
{
	char path[64], exe[PATH_MAX];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, comm, 15);
	if (fd >= 0)
		close(fd);
	if (n < 0)
		n = 0;
	/* The kernel ends comm with a newline; a name may hold others. */
	if (n > 0 && comm[n - 1] == '\n')
		n--;
	comm[n] = '\0';

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	n = readlink(path, exe, sizeof(exe) - 1);
	return n < 0 ? NULL : xstrndup(exe, (size_t)n);
}

void trace_proc_refresh(struct trace_proc *p)
{
	free(p->exe);
	p->exe = proc_names(p->pub.pid, p->pub.comm);
	p->pub.exe = p->exe;
}

int trace_proc_read(pid_t tid, struct trace_process *out)
{
	memset(out, 0, sizeof(*out));
	if (trace_proc_ids(tid, &out->pid, &out->ppid) < 0)
		return -ESRCH;
	out->exe = proc_names(out->pid, out->comm);
	return 0;
}

/* --- threads and processes -------------------------------------------- */

struct trace_tracee *trace_tracee_get(const struct trace *t, pid_t tid)
{
	return hmap_get(&t->threads, (uint64_t)tid);
}

static struct trace_proc *proc_get_or_add(struct trace *t, pid_t pid,
					  pid_t ppid)
{
	struct trace_proc *p = hmap_get(&t->procs, (uint64_t)pid);

	if (p)
		return p;
	p = xcalloc(1, sizeof(*p));
	p->pub.pid = pid;
	p->pub.ppid = ppid;
	trace_proc_refresh(p);
	hmap_add(&t->procs, (uint64_t)pid, p);
	return p;
}

struct trace_tracee *trace_tracee_add(struct trace *t, pid_t tid,
				      enum trace_state state)
{
	struct trace_tracee *th;
	pid_t tgid, ppid;

	assert(!trace_tracee_get(t, tid));
	if (trace_proc_ids(tid, &tgid, &ppid) < 0)
		return NULL;
	th = xcalloc(1, sizeof(*th));
	th->pub.tid = tid;
	th->pub.pid = tgid;
	th->pub.state = state;
	th->proc = proc_get_or_add(t, tgid, ppid);
	th->sibling = th->proc->threads;
	th->proc->threads = th;
	th->proc->pub.nthreads++;
	hmap_add(&t->threads, (uint64_t)tid, th);
	t->nthreads++;
	return th;
}

void trace_tracee_remove(struct trace *t, struct trace_tracee *th)
{
	struct trace_proc *p = th->proc;
	struct trace_tracee **pp;

	for (pp = &p->threads; *pp; pp = &(*pp)->sibling) {
		if (*pp == th) {
			*pp = th->sibling;
			break;
		}
	}
	p->pub.nthreads--;
	hmap_remove(&t->threads, (uint64_t)th->pub.tid, NULL);
	t->nthreads--;
	trace_tracee_free(th);
	if (p->threads)
		return;
	hmap_remove(&t->procs, (uint64_t)p->pub.pid, NULL);
	free(p->exe);
	free(p);
}

void trace_tracee_free(struct trace_tracee *th)
{
	free(th->filters);
	free(th->repair);
	free(th);
}

const struct trace_thread *trace_thread(const struct trace *t, pid_t tid)
{
	struct trace_tracee *th = trace_tracee_get(t, tid);

	return th ? &th->pub : NULL;
}

const struct trace_process *trace_process(const struct trace *t, pid_t pid)
{
	struct trace_proc *p = hmap_get(&t->procs, (uint64_t)pid);

	return p ? &p->pub : NULL;
}

void trace_counts(const struct trace *t, size_t *nprocesses, size_t *nthreads)
{
	if (nprocesses)
		*nprocesses = t->procs.count;
	if (nthreads)
		*nthreads = t->nthreads;
}
