// SPDX-License-Identifier: Apache-2.0
/*
 * trace_signals MODE: signals around refused calls.
 *
 *   handler     raise(SIGUSR1); its handler calls getuid and prints it
 *   interrupt   read() on fd 100 (an empty pipe) with a SIGUSR1 handler
 *               without SA_RESTART; prints what read returned
 *   stopchild   stops and continues a child with SIGSTOP / SIGCONT and
 *               prints what waitpid saw, as a shell's job control would
 *   echo        copies stdin lines to stdout as "echo: LINE" until EOF
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_usr1_getuid(int sig)
{
	char line[64];
	long ret;
	int n;

	(void)sig;
	errno = 0;
	ret = syscall(SYS_getuid);
	n = snprintf(line, sizeof(line), "handler: getuid -> %ld errno %d\n",
		     ret, ret == -1 ? errno : 0);
	if (write(1, line, (size_t)n) < 0)
		_exit(1);
}

static void on_usr1_note(int sig)
{
	(void)sig;
	if (write(1, "handler ran\n", 12) < 0)
		_exit(1);
}

static int do_handler(void)
{
	signal(SIGUSR1, on_usr1_getuid);
	raise(SIGUSR1);
	printf("after raise\n");
	return 0;
}

static int do_interrupt(void)
{
	struct sigaction sa = { .sa_handler = on_usr1_note };
	char c;
	int p[2];
	ssize_t n;

	/* No SA_RESTART: an interrupted read returns EINTR. */
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(p) < 0 || dup2(p[0], 100) < 0)
		return 1;
	errno = 0;
	n = read(100, &c, 1);
	printf("read -> %zd errno %d\n", n, n < 0 ? errno : 0);
	return 0;
}

static void report(const char *what, int st)
{
	if (WIFSTOPPED(st))
		printf("%s: stopped by %d\n", what, WSTOPSIG(st));
	else if (WIFCONTINUED(st))
		printf("%s: continued\n", what);
	else if (WIFSIGNALED(st))
		printf("%s: killed by %d\n", what, WTERMSIG(st));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

static int do_stopchild(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	report("after SIGSTOP", st);
	kill(pid, SIGCONT);
	waitpid(pid, &st, WCONTINUED);
	report("after SIGCONT", st);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	report("after SIGTERM", st);
	return 0;
}

static int do_echo(void)
{
	char line[256];

	while (fgets(line, sizeof(line), stdin))
		printf("echo: %s", line);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "handler"))
		return do_handler();
	if (!strcmp(mode, "interrupt"))
		return do_interrupt();
	if (!strcmp(mode, "stopchild"))
		return do_stopchild();
	if (!strcmp(mode, "echo"))
		return do_echo();
	fprintf(stderr, "usage: trace_signals MODE\n");
	return 2;
}
