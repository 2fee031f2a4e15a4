// m32
// SPDX-License-Identifier: Apache-2.0
/*
 * live_calls MODE [ARG]: calls whose results tests/live compares, for
 * the supervisor's tests and benchmarks (also built -m32).
 *
 *   results       allowed calls print what they got (uname, getcwd, a
 *                 file's size and first bytes, stat of /, getuid,
 *                 sched_getaffinity): the same under seccompdbg as natively
 *   loop N        getppid N times (a hot loop), then prints the last
 *   timeloop N    the same, timed from inside: prints ns per call
 *   escape        renames itself (comm) and makes a directory, both with
 *                 terminal escape sequences in them
 *   unshare       unshare(CLONE_NEWUSER) and clone(CLONE_NEWUSER|SIGCHLD)
 *   int80         (x86_64 only) getppid through int $0x80: an i386 call
 *   x32           (x86_64 only) getppid with the x32 bit: an x32 call
 *                 (ENOSYS natively on a kernel without x32)
 *   forkexec N    N times fork + exec of "live_calls exit" and wait;
 *                 prints the milliseconds it took
 *   exit          exit 0 at once
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void result(const char *what, long ret)
{
	printf("%s = %ld %s\n", what, ret, ret < 0 ? strerrorname_np(errno) : "");
}

static int do_results(void)
{
	struct utsname u;
	struct stat st;
	char buf[4096];
	cpu_set_t set;
	ssize_t n;
	int fd;

	result("uname", uname(&u));
	printf("sysname %s release %s\n", u.sysname, u.release);
	printf("getcwd %s\n", getcwd(buf, sizeof(buf)) ? buf : "(failed)");
	fd = open("/etc/os-release", O_RDONLY);
	result("open", fd >= 0 ? 0 : -1);
	n = read(fd, buf, 32);
	result("read", (long)n);
	if (n > 0)
		printf("first bytes %.*s\n", (int)strcspn(buf, "\n"), buf);
	result("fstat", fstat(fd, &st));
	printf("size %lld\n", (long long)st.st_size);
	close(fd);
	result("stat /", stat("/", &st));
	printf("inode %llu\n", (unsigned long long)st.st_ino);
	printf("uid %d gid %d\n", (int)getuid(), (int)getgid());
	result("sched_getaffinity", sched_getaffinity(0, sizeof(set), &set));
	printf("cpus %d\n", CPU_COUNT(&set));
	result("openat missing", open("/nonexistent-sdbg", O_RDONLY));
	return 0;
}

static int do_loop(long n)
{
	long i, r = 0;

	for (i = 0; i < n; i++)
		r = syscall(SYS_getppid);
	printf("loop %ld done, last %s\n", n, r > 0 ? "ok" : "failed");
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The loop timed from inside (no start-up cost): for bench/run. */
static int do_timeloop(long n)
{
	double t = now();
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	printf("ns/call %.1f\n", n > 0 ? (now() - t) * 1e9 / (double)n : 0.0);
	return 0;
}

static int do_escape(void)
{
	int fd;

	prctl(PR_SET_NAME, "\x1b[31mevil\a", 0, 0, 0);
	fd = mkdir("/nonexistent-sdbg/\x1b[2J\x1b]0;title\a\n", 0);
	result("mkdir", fd);
	return 0;
}

static int do_unshare(void)
{
	long pid;
	int st;

	/* clone first: once in a new user namespace without a mapping, a
	 * nested one is refused (EPERM) natively too */
	pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(0);
	result("clone", pid > 0 ? 0 : pid);
	if (pid > 0)
		waitpid((pid_t)pid, &st, 0);
	result("unshare", unshare(CLONE_NEWUSER));
	return 0;
}

#ifdef __x86_64__
static int do_int80(void)
{
	long ret;

	/* i386 getppid is 64 */
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(64L) : "memory");
	printf("int80 getppid %s\n",
	       ret > 0 ? "ok" : ret < 0 ? strerrorname_np((int)-ret) : "0");
	return 0;
}

static int do_x32(void)
{
	long ret = syscall(SYS_getppid | 0x40000000L);

	printf("x32 getppid %s\n",
	       ret > 0 ? "ok" : ret < 0 ? strerrorname_np(errno) : "0");
	return 0;
}
#endif

static int do_forkexec(const char *self, long n)
{
	double t = now();
	long i;
	int st;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			execl(self, self, "exit", (char *)NULL);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0)
			return 1;
	}
	printf("forkexec %ld done\nms %.1f\n", n, (now() - t) * 1e3);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	long arg = argc > 2 ? strtol(argv[2], NULL, 0) : 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "results"))
		return do_results();
	if (!strcmp(mode, "loop"))
		return do_loop(arg);
	if (!strcmp(mode, "timeloop"))
		return do_timeloop(arg);
	if (!strcmp(mode, "escape"))
		return do_escape();
	if (!strcmp(mode, "unshare"))
		return do_unshare();
#ifdef __x86_64__
	if (!strcmp(mode, "int80"))
		return do_int80();
	if (!strcmp(mode, "x32"))
		return do_x32();
#endif
	if (!strcmp(mode, "forkexec"))
		return do_forkexec(argv[0], arg);
	if (!strcmp(mode, "exit"))
		return 0;
	fprintf(stderr, "usage: live_calls MODE [ARG]\n");
	return 2;
}
