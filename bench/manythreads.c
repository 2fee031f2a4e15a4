// SPDX-License-Identifier: Apache-2.0
/*
 * bench/manythreads [-n PREFIX] [-t FILE] P T CALL...: P processes of T
 * threads each (each process's main thread included), all alive at once.
 * Once every thread of every process is up, each names itself PREFIX
 * followed by its number across all (000, 001, ...: its comm, which the
 * view shows), writes the time (CLOCK_MONOTONIC, ns) into its 8-byte slot
 * of FILE (which the caller made P*T*8 bytes long), makes each CALL once
 * through syscall(2), and waits for every other thread to be done before
 * all end. The calls are ones that cannot hurt: getppid, getpgrp, getuid,
 * getgid, geteuid, getegid.
 *
 * bench/scale runs it under run --batch allow (the supervisor's memory
 * with 1,000 processes and 10,000 threads); bench/viewlag under the view
 * (how long a denial takes to be shown while 100 threads are refused).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const struct {
	const char *name;
	long nr;
} calls[] = {
	{"getppid", SYS_getppid}, {"getpgrp", SYS_getpgrp},
	{"getuid", SYS_getuid},	  {"getgid", SYS_getgid},
	{"geteuid", SYS_geteuid}, {"getegid", SYS_getegid},
};

struct shared {
	pthread_barrier_t up, done;
};

static struct shared *sh;
static uint64_t *slots;
static const char *prefix = "mt";
static long *nrs;
static int ncalls;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void *thread_main(void *arg)
{
	long n = (long)arg;
	char name[16];
	int i;

	pthread_barrier_wait(&sh->up);
	snprintf(name, sizeof(name), "%.8s%03ld", prefix, n);
	prctl(PR_SET_NAME, name, 0L, 0L, 0L);
	if (slots)
		slots[n] = now_ns();
	for (i = 0; i < ncalls; i++)
		syscall(nrs[i]);
	pthread_barrier_wait(&sh->done);
	return NULL;
}

/* One process: T - 1 threads and its main one, numbers FIRST... */
static int process_main(long first, int t)
{
	pthread_t *ts = calloc((size_t)t, sizeof(*ts));
	pthread_attr_t attr;
	int i;

	if (!ts)
		return 1;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 1; i < t; i++)
		if (pthread_create(&ts[i], &attr, thread_main,
				   (void *)(first + i)) != 0)
			return 1;
	thread_main((void *)first);
	for (i = 1; i < t; i++)
		pthread_join(ts[i], NULL);
	return 0;
}

static long call_nr(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!strcmp(calls[i].name, name))
			return calls[i].nr;
	fprintf(stderr, "manythreads: unknown call %s\n", name);
	exit(2);
}

static uint64_t *map_slots(const char *path, size_t n)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	void *m;

	if (fd < 0) {
		perror(path);
		exit(2);
	}
	m = mmap(NULL, n * 8, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return m;
}

int main(int argc, char **argv)
{
	pthread_barrierattr_t ba;
	long p, t, i;
	int opt, st, bad = 0;

	while ((opt = getopt(argc, argv, "+n:t:")) != -1) {
		if (opt == 'n')
			prefix = optarg;
		else if (opt != 't')
			return 2;
	}
	if (argc - optind < 3) {
		fprintf(stderr,
			"usage: manythreads [-n PREFIX] [-t FILE] P T CALL...\n");
		return 2;
	}
	p = atol(argv[optind]);
	t = atol(argv[optind + 1]);
	ncalls = argc - optind - 2;
	nrs = calloc((size_t)ncalls, sizeof(*nrs));
	for (i = 0; i < ncalls; i++)
		nrs[i] = call_nr(argv[optind + 2 + i]);
	optind = 1;
	while ((opt = getopt(argc, argv, "+n:t:")) != -1)
		if (opt == 't')
			slots = map_slots(optarg, (size_t)(p * t));
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p < 1 || t < 1 || sh == MAP_FAILED)
		return 2;
	pthread_barrierattr_init(&ba);
	pthread_barrierattr_setpshared(&ba, PTHREAD_PROCESS_SHARED);
	pthread_barrier_init(&sh->up, &ba, (unsigned)(p * t));
	pthread_barrier_init(&sh->done, &ba, (unsigned)(p * t));
	for (i = 0; i < p; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (pid == 0)
			_exit(process_main(i * t, (int)t));
	}
	for (i = 0; i < p; i++)
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			bad++;
	printf("processes %ld threads %ld calls %ld failed %d\n", p, p * t,
	       p * t * ncalls, bad);
	return bad ? 1 : 0;
}
