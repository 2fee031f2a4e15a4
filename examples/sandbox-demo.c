// SPDX-License-Identifier: Apache-2.0
/*
 * sandbox-demo: a small program that starts the way a sandboxing browser
 * does, for seccompdbg's demo and tutorial.
 *
 * It reads its configuration, drops supplementary groups, moves into a new
 * user namespace, spawns a "renderer" worker that gets a UTS namespace of
 * its own, joins that namespace with setns(), lets the worker read a file,
 * waits for it and exits. Each step prints one line; a step that fails
 * prints the error and the program exits 1, the way Chrome stops with
 * "Failed to move to new namespace".
 *
 * With --no-sandbox it skips the namespace steps, which is how people
 * often run such programs under strace to make a profile: the profile then
 * lacks exactly the calls the sandbox needs.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int fail(const char *step)
{
	printf("sandbox-demo: %s failed: %s\n", step, strerror(errno));
	fflush(stdout);
	return 1;
}

static void ok(const char *step)
{
	printf("sandbox-demo: %s: ok\n", step);
	fflush(stdout);
}

/* The worker: a UTS namespace of its own, then read a file for the parent. */
static int renderer(int ready, int go)
{
	char buf[4096], c;
	ssize_t n, total = 0;
	off_t off = 0;
	int fd;

	if (ready >= 0) {
		if (unshare(CLONE_NEWUTS) < 0)
			return fail("renderer unshare(CLONE_NEWUTS)");
		if (sethostname("renderer", 8) < 0)
			return fail("renderer sethostname");
		if (write(ready, "r", 1) != 1 || read(go, &c, 1) != 1)
			return fail("renderer handshake");
	}
	fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("renderer open /etc/passwd");
	while ((n = pread(fd, buf, sizeof(buf), off)) > 0) {
		total += n;
		off += n;
	}
	if (n < 0)
		return fail("renderer pread");
	close(fd);
	printf("sandbox-demo: renderer read %zd bytes\n", total);
	return 0;
}

static int read_config(void)
{
	char buf[256];
	ssize_t n;
	int fd = open("/etc/os-release", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return fail("open /etc/os-release");
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return fail("read /etc/os-release");
	printf("sandbox-demo: read %zd bytes of configuration\n", n);
	return 0;
}

/* The namespace sandbox; returns the worker's pid, or -1. */
static pid_t start_sandboxed_renderer(void)
{
	int ready[2], go[2], fd;
	char c, path[64];
	struct utsname un;
	pid_t pid;

	if (geteuid() == 0) {
		if (setgroups(0, NULL) < 0)
			return fail("setgroups"), -1;
		if (setgid(getgid()) < 0)
			return fail("setgid"), -1;
		ok("dropped supplementary groups");
	}
	if (unshare(CLONE_NEWUSER) < 0)
		return fail("unshare(CLONE_NEWUSER)"), -1;
	ok("new user namespace");
	if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(go, O_CLOEXEC) < 0)
		return fail("pipe2"), -1;
	pid = fork();
	if (pid < 0)
		return fail("fork"), -1;
	if (pid == 0)
		_exit(renderer(ready[1], go[0]));
	if (read(ready[0], &c, 1) != 1)
		return fail("renderer start"), -1;
	snprintf(path, sizeof(path), "/proc/%d/ns/uts", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("open the renderer's namespace"), -1;
	if (setns(fd, CLONE_NEWUTS) < 0)
		return fail("setns(CLONE_NEWUTS)"), -1;
	close(fd);
	uname(&un);
	printf("sandbox-demo: joined the renderer's namespace (hostname %s)\n",
	       un.nodename);
	if (write(go[1], "g", 1) != 1)
		return fail("renderer go"), -1;
	return pid;
}

int main(int argc, char **argv)
{
	int sandbox = !(argc > 1 && !strcmp(argv[1], "--no-sandbox"));
	int status;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (read_config())
		return 1;
	if (sandbox) {
		pid = start_sandboxed_renderer();
		if (pid < 0)
			return 1;
	} else {
		printf("sandbox-demo: running without a sandbox\n");
		pid = fork();
		if (pid < 0)
			return fail("fork");
		if (pid == 0)
			_exit(renderer(-1, -1));
	}
	if (waitpid(pid, &status, 0) < 0)
		return fail("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("sandbox-demo: renderer failed\n");
		return 1;
	}
	printf("sandbox-demo: done\n");
	return 0;
}
