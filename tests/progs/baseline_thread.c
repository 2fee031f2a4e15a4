// SPDX-License-Identifier: Apache-2.0
/*
 * Starts and joins one thread and prints nothing: the calls glibc makes
 * for start-up and thread creation, for the baseline table's test.
 *
 * The worker ends only once the main thread is blocked in the kernel
 * (pthread_join waiting on a futex), read from /proc: so the join really
 * waits whatever the scheduling, and the run is the same every time.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static pid_t main_tid;

static void *worker(void *arg)
{
	char path[64], buf[64];
	int tries;

	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall",
		 (int)main_tid);
	for (tries = 0; tries < 1000000; tries++) {
		int fd = open(path, O_RDONLY);
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		long nr = -1;

		if (fd >= 0)
			close(fd);
		if (n > 0) {
			buf[n] = '\0';
			sscanf(buf, "%ld", &nr);
		}
		if (nr == SYS_futex)
			break;
		sched_yield();
	}
	return arg;
}

int main(void)
{
	pthread_t t;

	main_tid = (pid_t)syscall(SYS_gettid);
	if (pthread_create(&t, NULL, worker, NULL))
		return 1;
	return pthread_join(t, NULL) ? 1 : 0;
}
