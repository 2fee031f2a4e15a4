// SPDX-License-Identifier: Apache-2.0
/*
 * The tracer's life: setting up the signalfd and the subreaper, and
 * tearing everything down so that no process of the program is left
 * stopped, orphaned or running unsupervised.
 *
 * Three things cover the ways we can end:
 * - trace_free (a normal end, or the session's handler of SIGINT/SIGTERM)
 *   SIGKILLs every process of the program, then every other descendant
 *   of ours, and reaps until nothing is left;
 * - PTRACE_O_EXITKILL has the kernel SIGKILL every tracee if we die
 *   without that (SIGKILL, a crash);
 * - as a child subreaper we inherit the program's orphans, so a process
 *   that escaped tracing (clone with CLONE_UNTRACED) is still ours to
 *   find and kill.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

/* How long teardown sleeps when its children are not dead yet, before
 * it looks for stragglers again (ms). Not a timeout: it loops on. */
#define TEARDOWN_POLL_MS 100

int trace_new(struct trace **out, struct err *err)
{
	struct trace *t = xcalloc(1, sizeof(*t));
	struct sigaction sa;
	sigset_t set;

	t->sigfd = t->errpipe = t->pty_master = -1;
	sigemptyset(&t->hold);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	/* SIGCHLD ignored would reap exited children behind our back. */
	if (sigaction(SIGCHLD, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN) {
		sa.sa_handler = SIG_DFL;
		sigaction(SIGCHLD, &sa, NULL);
	}
	pthread_sigmask(SIG_BLOCK, &set, &t->saved_mask);
	t->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (t->sigfd < 0) {
		int rc = err_set(err, errno, "signalfd: %s", strerror(errno));

		pthread_sigmask(SIG_SETMASK, &t->saved_mask, NULL);
		free(t);
		return rc;
	}
	prctl(PR_GET_CHILD_SUBREAPER, &t->saved_subreaper);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	*out = t;
	return 0;
}

int trace_fd(const struct trace *t)
{
	return t->sigfd;
}

void trace_hold_signal(struct trace *t, int sig, bool hold)
{
	if (hold)
		sigaddset(&t->hold, sig);
	else
		sigdelset(&t->hold, sig);
}

int trace_exit_code(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

bool trace_program_exited(const struct trace *t, int *code)
{
	if (t->first_exited && code)
		*code = trace_exit_code(t->first_status);
	return t->first_exited;
}

/* --- finding and killing ------------------------------------------------ */

struct proc_link {
	pid_t pid, ppid;
};

static int link_cmp(const void *a, const void *b)
{
	const struct proc_link *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* PPid and state of /proc/PID/stat: the fields after the last ')' (the
 * name in parentheses is the program's to choose). System calls and the
 * stack only: the last resort uses it too. */
static bool stat_of(pid_t pid, pid_t *ppid, char *state)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && sscanf(p + 1, " %c %d", state, ppid) == 2;
}

static struct proc_link *scan_proc(size_t *n)
{
	struct proc_link *links = NULL;
	size_t cap = 0;
	struct dirent *de;
	DIR *d = opendir("/proc");

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		pid_t ppid;
		char state;

		if (!isdigit((unsigned char)de->d_name[0]) ||
		    !stat_of(atoi(de->d_name), &ppid, &state))
			continue;
		xgrow(&links, &cap, *n + 1, sizeof(*links));
		links[(*n)++] = (struct proc_link){atoi(de->d_name), ppid};
	}
	closedir(d);
	qsort(links, *n, sizeof(*links), link_cmp);
	return links;
}

static bool is_descendant(const struct proc_link *links, size_t n, pid_t pid,
			  pid_t root)
{
	struct proc_link key = {pid, 0}, *l;
	size_t depth;

	/* The depth bound stops a loop made of pid reuse mid-scan. */
	for (depth = 0; depth < n; depth++) {
		l = bsearch(&key, links, n, sizeof(*links), link_cmp);
		if (!l || l->ppid <= 1)
			return false;
		if (l->ppid == root)
			return true;
		key.pid = l->ppid;
	}
	return false;
}

/* SIGKILL every descendant of ours; returns how many were found. */
static size_t kill_descendants(void)
{
	size_t n, i, found = 0;
	struct proc_link *links = scan_proc(&n);
	pid_t self = getpid();

	for (i = 0; i < n; i++) {
		if (is_descendant(links, n, links[i].pid, self)) {
			kill(links[i].pid, SIGKILL);
			found++;
		}
	}
	free(links);
	return found;
}

/*
 * Have we any child, live or a zombie? Without one we have no descendant
 * either: as a subreaper we inherit every orphan below us, so each
 * descendant has a line of living parents up to a child of ours.
 */
static bool has_children(void)
{
	siginfo_t si;

	return waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT | __WALL) ==
		       0 ||
	       errno != ECHILD;
}

void trace_kill_all(struct trace *t)
{
	size_t pos = 0;
	uint64_t pid;

	while (hmap_each(&t->procs, &pos, &pid, NULL))
		kill((pid_t)pid, SIGKILL);
	/* Our descendants are the program's (see trace_new). The scan of
	 * /proc reads the stat of every process of the machine: not when
	 * the program ended with nothing left (the common end). */
	if (t->first_pid && has_children())
		kill_descendants();
}

/* --- the last resort ------------------------------------------------------ */

/* SIGKILL /proc entry NAME if it is a live child of SELF. */
static bool kill_if_child(const char *name, pid_t self)
{
	pid_t pid, ppid;
	char state;

	if (!isdigit((unsigned char)name[0]))
		return false;
	pid = atoi(name);
	if (!stat_of(pid, &ppid, &state) || ppid != self || state == 'Z' ||
	    state == 'X')
		return false;
	kill(pid, SIGKILL);
	return true;
}

/* One pass over /proc with getdents64 (opendir allocates): how many
 * live children got SIGKILL. */
static size_t kill_children_once(pid_t self)
{
	char buf[8192];
	size_t found = 0;
	long n, off;
	int dir = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dir < 0)
		return 0;
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n;) {
			struct dirent64 *de = (struct dirent64 *)(buf + off);

			off += de->d_reclen;
			found += kill_if_child(de->d_name, self);
		}
	}
	close(dir);
	return found;
}

void trace_kill_below(double max_seconds)
{
	const struct timespec pause = {0, 10 * 1000000};
	pid_t self = getpid();
	struct timespec t0, now;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (kill_children_once(self)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((double)(now.tv_sec - t0.tv_sec) +
			    (double)(now.tv_nsec - t0.tv_nsec) / 1e9 >
		    max_seconds)
			return;
		/* the killed ones must exit before their children are ours */
		nanosleep(&pause, NULL);
	}
}

/* --- teardown ------------------------------------------------------------ */

/* Kill and reap until we have no child and no tracee left. */
static void teardown(struct trace *t)
{
	struct pollfd pfd = {.fd = t->sigfd, .events = POLLIN};
	struct signalfd_siginfo si;
	pid_t w;

	trace_kill_all(t);
	for (;;) {
		w = waitpid(-1, NULL, __WALL | WNOHANG);
		if (w > 0 || (w < 0 && errno == EINTR))
			continue;
		if (w < 0)
			return; /* ECHILD: nothing left */
		/* Some are not dead yet; a process forked before our kill
		 * reached its parent would live on: look again. */
		if (poll(&pfd, 1, TEARDOWN_POLL_MS) > 0)
			while (read(t->sigfd, &si, sizeof(si)) > 0)
				;
		trace_kill_all(t);
	}
}

/* Every process owns its threads: free both, then the maps at once. */
static void table_release(struct trace *t)
{
	struct trace_proc *p;
	struct trace_tracee *th;
	size_t pos = 0;
	void *v;

	while (hmap_each(&t->procs, &pos, NULL, &v)) {
		p = v;
		while ((th = p->threads)) {
			p->threads = th->sibling;
			trace_tracee_free(th);
		}
		free(p->exe);
		free(p);
	}
	hmap_release(&t->threads);
	hmap_release(&t->procs);
	t->nthreads = 0;
}

void trace_free(struct trace *t)
{
	if (!t)
		return;
	teardown(t);
	table_release(t);
	trace_filters_release(t);
	trace_spawn_release(t);
	free(t->queue);
	close(t->sigfd);
	prctl(PR_SET_CHILD_SUBREAPER, t->saved_subreaper);
	pthread_sigmask(SIG_SETMASK, &t->saved_mask, NULL);
	free(t);
}
