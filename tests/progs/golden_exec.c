// m32
// SPDX-License-Identifier: Apache-2.0
/*
 * golden_exec main|thread PROG [ARG...]: a refused call made from a known
 * function at a known line, then an exec of PROG in the same process,
 * whose own refused calls must be named from PROG's code. The backtrace
 * tests (tests/live/test_decode_backtrace.py) find the line marked
 * GOLDEN_MARK_<NAME> in this file and expect the hint to name it. The
 * call is unshare(CLONE_NEWUTS), not the unshare(0) of unwind_target,
 * so that a remembered "deny every identical call" does not answer the
 * new program's call unasked.
 *
 *   main     before_exec() from the main thread
 *   thread   before_exec() from a second thread: the exec replaces the
 *            whole process from there (the thread takes the leader's id)
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char **target;

__attribute__((noinline)) static void before_exec(void)
{
	if (unshare(CLONE_NEWUTS) != 0) /* GOLDEN_MARK_BEFORE_EXEC */
		perror("unshare");
	execv(target[0], target);
	perror("execv");
	_exit(127);
}

static void *thread_main(void *arg)
{
	(void)arg;
	before_exec();
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc < 3) {
		fprintf(stderr, "usage: %s main|thread PROG [ARG...]\n",
			argv[0]);
		return 2;
	}
	target = argv + 2;
	if (!strcmp(argv[1], "main"))
		before_exec();
	if (!strcmp(argv[1], "thread") &&
	    pthread_create(&t, NULL, thread_main, NULL) == 0)
		pthread_join(t, NULL); /* never returns: the exec ends us */
	return 2;
}
