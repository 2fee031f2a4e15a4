// SPDX-License-Identifier: Apache-2.0
/*
 * trace: the module's tables without a tracee. The ABI numbers the kill
 * emulation uses (checked against libseccomp), and the ids read from
 * /proc. (The tracee maps are util's struct hmap: test_util_hmap.c.)
 */
#include <errno.h>
#include <pthread.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../src/trace/internal.h"
#include "test.h"

TEST(trace_abi_numbers_match_libseccomp)
{
	size_t n, i;
	const struct trace_abi *a = trace_abis(&n);

	CHECK_INT(n, 3);
	for (i = 0; i < n; i++) {
		uint32_t arch = seccomp_arch_resolve_name(a[i].name);

		REQUIRE(arch != 0);
		CHECK_INT(a[i].nr_seccomp,
			  seccomp_syscall_resolve_name_arch(arch, "seccomp"));
		/* x32 reports as x86_64 and marks its numbers instead. */
		if (strcmp(a[i].name, "x32"))
			CHECK_U64(a[i].token, arch);
		CHECK_INT(a[i].ptr_size, strcmp(a[i].name, "x86_64") ? 4 : 8);
	}
}

static void *report_tid(void *arg)
{
	*(pid_t *)arg = (pid_t)syscall(SYS_gettid);
	return NULL;
}

TEST(trace_proc_ids_of_processes_and_threads)
{
	pid_t tgid = 0, ppid = 0, tid = 0, child;
	pthread_t th;
	int st;

	CHECK_INT(trace_proc_ids(getpid(), &tgid, &ppid), 0);
	CHECK_INT(tgid, getpid());
	CHECK_INT(ppid, getppid());
	/* A thread's id: its process, and the process's parent. */
	REQUIRE(pthread_create(&th, NULL, report_tid, &tid) == 0);
	pthread_join(th, NULL);
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	CHECK_INT(trace_proc_ids(child, &tgid, &ppid), 0);
	CHECK_INT(tgid, child);
	CHECK_INT(ppid, getpid());
	kill(child, SIGKILL);
	waitpid(child, &st, 0);
	/* Gone: reaped, and the thread above ended. */
	CHECK_INT(trace_proc_ids(child, &tgid, &ppid), -ESRCH);
	CHECK_INT(trace_proc_ids(tid, &tgid, &ppid), -ESRCH);
	CHECK_INT(trace_exit_code(st), 128 + SIGKILL);
}
