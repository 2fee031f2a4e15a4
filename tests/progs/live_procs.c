// SPDX-License-Identifier: Apache-2.0
/*
 * live_procs MODE [ARG]: processes, threads, exec and signals in the
 * shapes the supervisor must follow, for tests/live. Each refusable call
 * is mkdirat(AT_FDCWD, "/nonexistent-sdbg/TAG", 0): natively it fails
 * with ENOENT, denied by the test profiles (ERRNO(EACCES)) with EACCES,
 * so the output tells which happened. Lines name the process by role,
 * never by pid, so a run under seccompdbg compares with a native one.
 *
 *   threads N     N threads make their call at once (after a barrier)
 *   fork          a child makes the call and exits 3
 *   doublefork    an orphaned grandchild makes the call
 *   vfork         vfork, then exec of "live_procs call vforked"
 *   thread-exec   a non-leader thread execs "live_procs call after-exec"
 *   call TAG      one call
 *   handler       the call inside a SIGUSR1 handler
 *   interrupted   a blocking read interrupted by SIGALRM, whose handler
 *                 makes the call
 *   signal N      the program kills itself with signal N
 *   exit N        exit status N
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *self;
static pthread_barrier_t barrier;

/* The refusable call; returns what it got as "ret errno". */
static void call(const char *who, const char *tag)
{
	char path[128];
	int ret, e;

	snprintf(path, sizeof(path), "/nonexistent-sdbg/%s", tag);
	errno = 0;
	ret = mkdirat(AT_FDCWD, path, 0);
	e = ret < 0 ? errno : 0;
	printf("%s: mkdirat(%s) = %d %s\n", who, tag, ret,
	       e ? strerrorname_np(e) : "OK");
	fflush(stdout);
}

static void *thread_main(void *arg)
{
	char tag[32], who[32];

	snprintf(tag, sizeof(tag), "thread-%ld", (long)arg);
	snprintf(who, sizeof(who), "thread %ld", (long)arg);
	pthread_barrier_wait(&barrier);
	call(who, tag);
	return NULL;
}

static int do_threads(long n)
{
	pthread_t t[64];
	long i;

	if (n < 1 || n > 64)
		return 2;
	pthread_barrier_init(&barrier, NULL, (unsigned)n);
	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, thread_main, (void *)i);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("main: %ld threads joined\n", n);
	return 0;
}

static void wait_report(const char *who, pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		printf("main: waitpid(%s) failed: %s\n", who, strerror(errno));
	else if (WIFEXITED(st))
		printf("main: %s exited %d\n", who, WEXITSTATUS(st));
	else
		printf("main: %s killed by signal %d\n", who, WTERMSIG(st));
}

static int do_fork(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		call("child", "child");
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
		return 2;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pid_t parent = getpid();

		if (fork() == 0) {
			/* wait until orphaned: our parent exits first */
			while (getppid() == parent)
				usleep(1000);
			call("grandchild", "grandchild");
			write(p[1], "x", 1);
			exit(5);
		}
		exit(0);
	}
	wait_report("child", pid);
	close(p[1]);
	/* the grandchild is not ours to wait for: its message is */
	printf("main: grandchild %s\n",
	       read(p[0], &c, 1) == 1 ? "done" : "lost");
	return 0;
}

static int do_vfork(void)
{
	pid_t pid;

	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		execl(self, self, "call", "vforked", (char *)NULL);
		_exit(127);
	}
	wait_report("vforked child", pid);
	return 0;
}

static void *exec_thread(void *arg)
{
	(void)arg;
	fflush(stdout);
	execl(self, self, "call", "after-exec", (char *)NULL);
	printf("thread: exec failed: %s\n", strerror(errno));
	exit(1);
}

static int do_thread_exec(void)
{
	pthread_t t;

	pthread_create(&t, NULL, exec_thread, NULL);
	pthread_join(t, NULL); /* never returns: the exec replaces us */
	return 1;
}

static void on_usr1(int sig)
{
	(void)sig;
	call("handler", "handler");
}

static int do_handler(void)
{
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	printf("main: back from the handler\n");
	return 0;
}

static void on_alarm(int sig)
{
	(void)sig;
	call("alarm handler", "alarm");
}

static int do_interrupted(void)
{
	struct sigaction sa = {.sa_handler = on_alarm}; /* no SA_RESTART */
	struct itimerval it = {.it_value = {0, 100000}};
	char c;
	int p[2];
	ssize_t n;

	if (pipe(p) < 0)
		return 2;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	n = read(p[0], &c, 1);
	printf("main: read = %zd %s\n", n, n < 0 ? strerrorname_np(errno) : "");
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	long arg = argc > 2 ? strtol(argv[2], NULL, 0) : 0;

	self = argv[0];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "threads"))
		return do_threads(arg);
	if (!strcmp(mode, "fork"))
		return do_fork();
	if (!strcmp(mode, "doublefork"))
		return do_doublefork();
	if (!strcmp(mode, "vfork"))
		return do_vfork();
	if (!strcmp(mode, "thread-exec"))
		return do_thread_exec();
	if (!strcmp(mode, "call") && argc > 2) {
		call("main", argv[2]);
		return 0;
	}
	if (!strcmp(mode, "handler"))
		return do_handler();
	if (!strcmp(mode, "interrupted"))
		return do_interrupted();
	if (!strcmp(mode, "signal")) {
		signal((int)arg, SIG_DFL);
		kill(getpid(), (int)arg);
		return 1;
	}
	if (!strcmp(mode, "exit"))
		return (int)arg;
	fprintf(stderr, "usage: live_procs MODE [ARG]\n");
	return 2;
}
