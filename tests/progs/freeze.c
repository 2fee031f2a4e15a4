// SPDX-License-Identifier: Apache-2.0
/*
 * freeze TID: stop one thread and keep it stopped, the others running,
 * for as long as its process lives. The tests use it on seccompdbg's
 * loop thread to stand for a loop that is stuck (spinning, or blocked
 * anywhere): what must still end seccompdbg then is the watchdog thread
 * beside it (docs/session.md). ptrace works per thread: PTRACE_SEIZE
 * and PTRACE_INTERRUPT stop only TID, and it is never resumed. Prints
 * "frozen" once it is stopped; exits 0 when the thread is gone, 1 on an
 * error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	pid_t tid;
	int st;

	if (argc != 2)
		return 1;
	tid = atoi(argv[1]);
	if (ptrace(PTRACE_SEIZE, tid, 0L, 0L) < 0 ||
	    ptrace(PTRACE_INTERRUPT, tid, 0L, 0L) < 0) {
		perror("freeze: ptrace");
		return 1;
	}
	if (waitpid(tid, &st, __WALL) != tid || !WIFSTOPPED(st)) {
		fprintf(stderr, "freeze: %d did not stop\n", tid);
		return 1;
	}
	printf("frozen\n");
	fflush(stdout);
	/* Every later stop stays a stop: nothing is ever resumed. */
	while (waitpid(tid, &st, __WALL) == tid || errno == EINTR)
		if (WIFEXITED(st) || WIFSIGNALED(st))
			return 0;
	return 0;
}
