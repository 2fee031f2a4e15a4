// SPDX-License-Identifier: Apache-2.0
/*
 * bench/callloop N: getppid N times, timed from inside (start-up costs
 * stay out). Prints two figures:
 *
 *   ns/call N      wall-clock time per call: what a stopping call costs,
 *                  the tracer's work and the wake-ups included
 *   cpu-ns/call N  this thread's CPU time per call: what an allowed call
 *                  costs where it runs, without the time other programs
 *                  on a shared machine take the CPU away from it
 *
 * The call goes through syscall(2), so no C library may answer it
 * without entering the kernel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double seconds(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 0, i;
	double wall, cpu;

	if (n <= 0) {
		fprintf(stderr, "usage: callloop N\n");
		return 2;
	}
	wall = seconds(CLOCK_MONOTONIC);
	cpu = seconds(CLOCK_THREAD_CPUTIME_ID);
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	cpu = seconds(CLOCK_THREAD_CPUTIME_ID) - cpu;
	wall = seconds(CLOCK_MONOTONIC) - wall;
	printf("ns/call %.1f\ncpu-ns/call %.1f\n", wall * 1e9 / (double)n,
	       cpu * 1e9 / (double)n);
	return 0;
}
