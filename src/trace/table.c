// SPDX-License-Identifier: Apache-2.0
/*
 * The tracee table: thread id -> thread, process id -> process, with the
 * process's threads on a list. Every wait status looks a thread up, so
 * both maps are hash tables (open addressing, linear probing). Process
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

#define IDMAP_TOMBSTONE (-1)

struct trace_idmap_slot {
	int key; /* 0: empty */
	void *val;
};

static size_t idmap_hash(int key, size_t cap)
{
	/* Fibonacci hashing spreads consecutive tids over the table. */
	return ((uint32_t)key * 2654435769u) & (cap - 1);
}

static struct trace_idmap_slot *idmap_find(const struct trace_idmap *m, int key)
{
	size_t i, n;

	if (!m->cap)
		return NULL;
	for (i = idmap_hash(key, m->cap), n = 0; n < m->cap;
	     i = (i + 1) & (m->cap - 1), n++) {
		if (m->slots[i].key == key)
			return &m->slots[i];
		if (m->slots[i].key == 0)
			return NULL;
	}
	return NULL;
}

static void idmap_rehash(struct trace_idmap *m, size_t cap)
{
	struct trace_idmap old = *m;
	size_t i;

	m->slots = xcalloc(cap, sizeof(*m->slots));
	m->cap = cap;
	m->used = m->count = 0;
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].key > 0)
			trace_idmap_put(m, old.slots[i].key, old.slots[i].val);
	free(old.slots);
}

void *trace_idmap_get(const struct trace_idmap *m, int key)
{
	struct trace_idmap_slot *s = idmap_find(m, key);

	return s ? s->val : NULL;
}

void trace_idmap_put(struct trace_idmap *m, int key, void *val)
{
	size_t i;

	assert(key > 0);
	/* Keep the load (tombstones included) under 1/2. */
	if ((m->used + 1) * 2 > m->cap)
		idmap_rehash(m, m->count * 4 > 16 ? m->count * 4 : 16);
	i = idmap_hash(key, m->cap);
	while (m->slots[i].key > 0)
		i = (i + 1) & (m->cap - 1);
	if (m->slots[i].key == 0)
		m->used++;
	m->slots[i] = (struct trace_idmap_slot){key, val};
	m->count++;
}

void *trace_idmap_del(struct trace_idmap *m, int key)
{
	struct trace_idmap_slot *s = idmap_find(m, key);
	void *val;

	if (!s)
		return NULL;
	val = s->val;
	s->key = IDMAP_TOMBSTONE;
	s->val = NULL;
	m->count--;
	return val;
}

void *trace_idmap_next(const struct trace_idmap *m, size_t *pos)
{
	while (*pos < m->cap) {
		const struct trace_idmap_slot *s = &m->slots[(*pos)++];

		if (s->key > 0)
			return s->val;
	}
	return NULL;
}

void trace_idmap_release(struct trace_idmap *m)
{
	free(m->slots);
	*m = (struct trace_idmap){0};
}

/* --- /proc ------------------------------------------------------------ */

int trace_proc_ids(pid_t tid, pid_t *tgid, pid_t *ppid)
{
	char path[64], buf[1024], *p;
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
	return trace_idmap_get(&t->threads, tid);
}

static struct trace_proc *proc_get_or_add(struct trace *t, pid_t pid,
					  pid_t ppid)
{
	struct trace_proc *p = trace_idmap_get(&t->procs, pid);

	if (p)
		return p;
	p = xcalloc(1, sizeof(*p));
	p->pub.pid = pid;
	p->pub.ppid = ppid;
	trace_proc_refresh(p);
	trace_idmap_put(&t->procs, pid, p);
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
	trace_idmap_put(&t->threads, tid, th);
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
	trace_idmap_del(&t->threads, th->pub.tid);
	t->nthreads--;
	free(th);
	if (p->threads)
		return;
	trace_idmap_del(&t->procs, p->pub.pid);
	free(p->exe);
	free(p);
}

const struct trace_thread *trace_thread(const struct trace *t, pid_t tid)
{
	struct trace_tracee *th = trace_tracee_get(t, tid);

	return th ? &th->pub : NULL;
}

const struct trace_process *trace_process(const struct trace *t, pid_t pid)
{
	struct trace_proc *p = trace_idmap_get(&t->procs, pid);

	return p ? &p->pub : NULL;
}

void trace_counts(const struct trace *t, size_t *nprocesses, size_t *nthreads)
{
	if (nprocesses)
		*nprocesses = t->procs.count;
	if (nthreads)
		*nthreads = t->nthreads;
}
