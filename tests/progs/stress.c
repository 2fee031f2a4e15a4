// SPDX-License-Identifier: Apache-2.0
/*
 * stress NPROC NTHREAD [ROUNDS]: a crowd for the supervisor. NPROC
 * processes start at once; in each, NTHREAD threads meet at a barrier
 * and then, ROUNDS times, make the refusable call
 * mkdirat(AT_FDCWD, "/nonexistent-sdbg-stress/TAG", 0) (natively ENOENT,
 * denied by the test profiles with EACCES). Every fourth thread also
 * forks a child that makes its own call and exits while the others run;
 * every other fourth starts and joins a short-lived thread that does.
 * In every fifth process the last thread, once its siblings are done,
 * execs "stress leaf TAG" from a non-leader thread: one call, then the
 * exit status tells what it got. Processes end in their own time, so
 * exits interleave with starts and calls.
 *
 * TAGs are unique: p<process>-t<thread>-r<round>, ...-fork, ...-thread,
 * p<process>-exec. The last line counts what the calls returned:
 * "stress: N calls: N EACCES, N ENOENT, N other"; the exit status is 0
 * when every call got EACCES or every call got ENOENT.
 *
 *   stress leaf TAG    (internal) one call; exits 10 for EACCES, 11 for
 *                      ENOENT, 12 else (the other processes exit 0)
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct counts {
	atomic_int calls, eacces, enoent, other;
};

static struct counts *counts; /* shared by every process (MAP_SHARED) */
static const char *self;
static int nthread, rounds, proc_index;
static pthread_barrier_t start, done;

/* The refusable call: 0 EACCES, 1 ENOENT, 2 anything else. */
static int call(const char *tag)
{
	char path[128];
	int e;

	snprintf(path, sizeof(path), "/nonexistent-sdbg-stress/%s", tag);
	errno = 0;
	e = mkdirat(AT_FDCWD, path, 0) < 0 ? errno : 0;
	return e == EACCES ? 0 : e == ENOENT ? 1 : 2;
}

static void count(int what)
{
	atomic_fetch_add(&counts->calls, 1);
	atomic_fetch_add(what == 0   ? &counts->eacces
			 : what == 1 ? &counts->enoent
				     : &counts->other,
			 1);
}

static void fork_one(const char *tag)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		count(call(tag));
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &st, 0);
}

static void *short_thread(void *arg)
{
	count(call(arg));
	return NULL;
}

static void exec_leaf(void)
{
	char tag[64];

	snprintf(tag, sizeof(tag), "p%d-exec", proc_index);
	execl(self, self, "leaf", tag, (char *)NULL);
	_exit(3);
}

static void *worker(void *arg)
{
	int t = (int)(long)arg, r;
	char tag[64];

	pthread_barrier_wait(&start);
	for (r = 0; r < rounds; r++) {
		snprintf(tag, sizeof(tag), "p%d-t%d-r%d", proc_index, t, r);
		count(call(tag));
	}
	snprintf(tag, sizeof(tag), "p%d-t%d-fork", proc_index, t);
	if (t % 4 == 1)
		fork_one(tag);
	if (t % 4 == 2) {
		pthread_t th;

		snprintf(tag, sizeof(tag), "p%d-t%d-thread", proc_index, t);
		if (pthread_create(&th, NULL, short_thread, tag) == 0)
			pthread_join(th, NULL);
	}
	pthread_barrier_wait(&done);
	if (t == nthread - 1 && proc_index % 5 == 0)
		exec_leaf();
	return NULL;
}

static void process(int p)
{
	pthread_t th[nthread];
	int t;

	proc_index = p;
	pthread_barrier_init(&start, NULL, (unsigned)nthread);
	pthread_barrier_init(&done, NULL, (unsigned)nthread);
	for (t = 0; t < nthread; t++)
		pthread_create(&th[t], NULL, worker, (void *)(long)t);
	for (t = 0; t < nthread; t++)
		pthread_join(th[t], NULL);
	_exit(0);
}

int main(int argc, char **argv)
{
	int nproc, p, st, bad = 0;

	self = argv[0];
	if (argc == 3 && !strcmp(argv[1], "leaf"))
		return 10 + call(argv[2]);
	if (argc < 3) {
		fprintf(stderr, "usage: stress NPROC NTHREAD [ROUNDS]\n");
		return 2;
	}
	nproc = atoi(argv[1]);
	nthread = atoi(argv[2]);
	rounds = argc > 3 ? atoi(argv[3]) : 1;
	counts = mmap(NULL, sizeof(*counts), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counts == MAP_FAILED || nproc < 1 || nthread < 1)
		return 2;
	for (p = 0; p < nproc; p++)
		if (fork() == 0)
			process(p);
	while (wait(&st) > 0) {
		/* an exec'd leaf reports its call in its status */
		if (WIFEXITED(st) && WEXITSTATUS(st) >= 10)
			count(WEXITSTATUS(st) - 10);
		else
			bad += !WIFEXITED(st) || WEXITSTATUS(st);
	}
	printf("stress: %d calls: %d EACCES, %d ENOENT, %d other\n",
	       counts->calls, counts->eacces, counts->enoent, counts->other);
	return bad || counts->other ||
	       (counts->eacces && counts->enoent);
}
