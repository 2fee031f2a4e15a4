// SPDX-License-Identifier: Apache-2.0
/*
 * trace_fork MODE: processes and exec in the shapes a tracer must follow.
 *
 *   fork          a child calls dup(71) and exits 3; the parent reports
 *   doublefork    a child forks a grandchild and exits; the grandchild,
 *                 once orphaned, calls dup(72) and exits 5
 *   vfork         vfork, then exec of trace_calls dup:73
 *   thread-exec   a non-leader thread execs "trace_fork after-exec PID"
 *                 while two other threads wait
 *   untraced      a child made with clone(CLONE_UNTRACED) calls dup(74)
 *                 and then waits for ever; the parent exits
 *   forks N       N children one after the other, each exiting at once:
 *                 a child's whole life often ends before the tracer
 *                 takes its parent's fork event
 *
 * Every line names the process that prints it by role, never by pid, so
 * a traced run can be compared with a native one.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *self;

static void dup_report(const char *who, long fd)
{
	long ret;

	errno = 0;
	ret = syscall(SYS_dup, fd);
	printf("%s: dup(%ld) -> %ld errno %d\n", who, fd, ret,
	       ret == -1 ? errno : 0);
}

static void wait_report(const char *who, pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		printf("%s: waitpid failed: %s\n", who, strerror(errno));
	else if (WIFEXITED(st))
		printf("%s: exited %d\n", who, WEXITSTATUS(st));
	else
		printf("%s: killed by %d\n", who, WTERMSIG(st));
}

static int do_fork(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		dup_report("child", 71);
		exit(3);
	}
	wait_report("child", pid);
	return 0;
}

static int do_doublefork(void)
{
	int p[2];
	char c;
	pid_t pid;

	if (pipe(p) < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		pid_t middle = getpid();

		if (fork() == 0) {
			/* EOF once the middle process is going; it is gone
			 * when we have been given to another parent. */
			close(p[1]);
			while (read(p[0], &c, 1) > 0)
				;
			while (getppid() == middle)
				usleep(1000);
			dup_report("grandchild", 72);
			exit(5);
		}
		exit(0);
	}
	close(p[0]);
	close(p[1]);
	wait_report("middle", pid);
	return 0;
}

static int do_vfork(void)
{
	char calls[4096];
	pid_t pid;

	/* trace_fork and trace_calls live side by side. */
	snprintf(calls, sizeof(calls), "%.*strace_calls",
		 strrchr(self, '/') ? (int)(strrchr(self, '/') - self + 1) : 0,
		 self);
	pid = vfork();
	if (pid == 0) {
		execl(calls, "trace_calls", "dup:73", (char *)NULL);
		_exit(127);
	}
	wait_report("vforked", pid);
	return 0;
}

static void *exec_thread(void *arg)
{
	char pid[32];

	(void)arg;
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	execl(self, self, "after-exec", pid, (char *)NULL);
	printf("exec failed: %s\n", strerror(errno));
	exit(1);
}

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static int do_thread_exec(void)
{
	pthread_t a, b, e;

	pthread_create(&a, NULL, idle_thread, NULL);
	pthread_create(&b, NULL, idle_thread, NULL);
	pthread_create(&e, NULL, exec_thread, NULL);
	pthread_join(e, NULL);
	return 1;
}

static int after_exec(const char *oldpid)
{
	printf("after exec: same pid %s\n",
	       atoi(oldpid) == (int)getpid() ? "yes" : "no");
	dup_report("after exec", 75);
	return 0;
}

static int do_untraced(void)
{
	long pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0L, 0L, 0L,
			   0L);

	if (pid == 0) {
		dup_report("untraced", 74);
		printf("untraced: pid %d\n", (int)getpid());
		for (;;)
			pause();
	}
	return 0;
}

static int do_forks(long n)
{
	long i;
	int st;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &st, 0) != pid)
			return 1;
	}
	printf("forks: %ld\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	self = argv[0];
	if (!strcmp(mode, "fork"))
		return do_fork();
	if (!strcmp(mode, "doublefork"))
		return do_doublefork();
	if (!strcmp(mode, "vfork"))
		return do_vfork();
	if (!strcmp(mode, "thread-exec"))
		return do_thread_exec();
	if (!strcmp(mode, "after-exec") && argc > 2)
		return after_exec(argv[2]);
	if (!strcmp(mode, "untraced"))
		return do_untraced();
	if (!strcmp(mode, "forks") && argc > 2)
		return do_forks(atol(argv[2]));
	fprintf(stderr, "usage: trace_fork MODE\n");
	return 2;
}
