// SPDX-License-Identifier: Apache-2.0
/*
 * trace_threads N [CALL]: starts N threads that each make one call at
 * about the same time (a barrier lines them up), prints what each got,
 * joins them and prints "joined N".
 *
 *   dup      syscall(SYS_dup, 1000 + i): natively -1 EBADF; the test
 *            tells the threads apart by the argument
 *   getppid  syscall(SYS_getppid)
 *
 * A thread killed in its call (SCMP_ACT_KILL_THREAD) prints nothing, and
 * pthread_join still returns: the kernel clears and wakes the thread's
 * tid word when it dies, however it dies.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t start;
static const char *call = "dup";

static void *worker(void *arg)
{
	long i = (long)arg, ret;

	pthread_barrier_wait(&start);
	errno = 0;
	if (!strcmp(call, "getppid"))
		ret = syscall(SYS_getppid);
	else
		ret = syscall(SYS_dup, 1000 + i);
	printf("thread %ld: %s -> %ld errno %d\n", i, call, ret,
	       ret == -1 ? errno : 0);
	return NULL;
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 4;
	pthread_t *th;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 2)
		call = argv[2];
	th = calloc((size_t)n, sizeof(*th));
	pthread_barrier_init(&start, NULL, (unsigned)n);
	for (i = 0; i < n; i++)
		pthread_create(&th[i], NULL, worker, (void *)i);
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	printf("joined %ld\n", n);
	return 0;
}
