// SPDX-License-Identifier: Apache-2.0
/*
 * interrupted: refused calls that a signal interrupts while they wait for
 * a decision (NOTIFY and CONTAINER modes: the kernel fails the wait, and
 * the call either restarts or returns EINTR). Each argument is a step:
 *
 *   storm=N  N mkdir calls (paths d0, d1... in the current directory),
 *            while a second thread sends this one SIGUSR1 again and
 *            again (a handler with SA_RESTART, as Go's runtime does with
 *            SIGURG): each call prints "interrupted: mkdir dI = -1 ERRNO"
 *            or "= 0", never EINTR
 *   eintr    a handler without SA_RESTART for SIGUSR1, then one mkdir
 *            of "e": "interrupted: mkdir e = -1 EINTR" when a SIGUSR1
 *            comes while it waits
 *   sleep    sleep until killed
 *
 * The first line is "interrupted: pid N", the last "interrupted: done".
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static atomic_int storming;
static atomic_ulong handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static void handle(int flags)
{
	struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = flags};

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
}

static void do_mkdir(const char *path)
{
	int rc = mkdir(path, 0700);

	if (rc < 0)
		printf("interrupted: mkdir %s = -1 %s\n", path,
		       strerrorname_np(errno));
	else
		printf("interrupted: mkdir %s = 0\n", path);
	fflush(stdout);
}

static void *pelt(void *arg)
{
	pthread_t target = *(pthread_t *)arg;

	while (storming) {
		pthread_kill(target, SIGUSR1);
		usleep(50);
	}
	return NULL;
}

static void storm(int n)
{
	pthread_t self = pthread_self(), t;
	char path[32];
	int i;

	handle(SA_RESTART);
	storming = 1;
	pthread_create(&t, NULL, pelt, &self);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "d%d", i);
		do_mkdir(path);
	}
	storming = 0;
	pthread_join(t, NULL);
	printf("interrupted: %lu signals handled\n", (unsigned long)handled);
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("interrupted: pid %d\n", (int)getpid());
	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "storm=", 6)) {
			storm(atoi(argv[i] + 6));
		} else if (!strcmp(argv[i], "eintr")) {
			handle(0);
			do_mkdir("e");
		} else if (!strcmp(argv[i], "sleep")) {
			for (;;)
				pause();
		} else {
			fprintf(stderr, "interrupted: unknown step %s\n",
				argv[i]);
			return 2;
		}
	}
	printf("interrupted: done\n");
	return 0;
}
