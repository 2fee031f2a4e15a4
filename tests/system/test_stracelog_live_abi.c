// SPDX-License-Identifier: Apache-2.0
/*
 * stracelog on live logs of the harder cases: a 32-bit program that
 * forks and execs a 64-bit one (ABI switches, said by strace on stderr
 * and with --quiet=none, guessed in plain -o files), a seccomp filter
 * killing its process, and execve from a thread. Counts are held against
 * strace's own table per ABI, as in test_stracelog_live.c.
 */
#include <linux/audit.h>
#include <stdio.h>
#include <string.h>

#include "seccompdbg/stracelog.h"
#include "test.h"
#include "test_stracelog_live.h"

static const struct stracelog_process *
first_process(const struct stracelog *log)
{
	size_t n;
	const struct stracelog_process *p = stracelog_processes(log, &n);

	return n ? &p[0] : NULL;
}

/* strace_mix-32 forks, then execs /bin/true (64-bit). */
static void check_32bit_run(const char *name, bool said)
{
	struct stracelog *log = slt_read_logs(name);
	const struct stracelog_process *p = first_process(log);

	slt_check_same_run(name);
	/* strace's child runs the first execve in 64-bit mode. */
	CHECK_INT(stracelog_find(log, AUDIT_ARCH_X86_64, "execve")->calls, 1);
	CHECK(stracelog_find(log, AUDIT_ARCH_I386, "mmap2"));
	CHECK(stracelog_find(log, AUDIT_ARCH_I386, "set_thread_area"));
	CHECK(stracelog_find(log, AUDIT_ARCH_I386, "exit_group"));
	CHECK(stracelog_find(log, AUDIT_ARCH_X86_64, "exit_group"));
	CHECK(!stracelog_find(log, AUDIT_ARCH_X86_64, "mmap2"));
	REQUIRE(p);
	REQUIRE(p->narches == 2);
	CHECK(p->arches[0]->token == AUDIT_ARCH_X86_64);
	CHECK(p->arches[1]->token == AUDIT_ARCH_I386);
	CHECK_STR(p->exe, "/bin/true");
	CHECK(slt_note(log, STRACELOG_NOTE_ARCH,
		       said ? "runs as x86 from here" : "ran as x86, guessed"));
	stracelog_free(log);
}

TEST(stracelog_live_32bit)
{
	const char *prog = test_build("progs/strace_mix-32");
	char cmd[1024];

	REQUIRE_IA32_PROGRAMS();
	slt_setup();
	/* -o hides strace's "[ Process PID=N runs in 32 bit mode. ]". */
	snprintf(cmd, sizeof(cmd),
		 "strace -f -C -o %s/o %s fork exec /bin/true", slt_dir, prog);
	slt_sh(cmd);
	check_32bit_run("o", false);
	snprintf(cmd, sizeof(cmd),
		 "strace -f -C --quiet=none -o %s/q %s fork exec /bin/true",
		 slt_dir, prog);
	slt_sh(cmd);
	check_32bit_run("q", true);
	snprintf(cmd, sizeof(cmd),
		 "strace -f -C %s fork exec /bin/true 2>%s/e >/dev/null", prog,
		 slt_dir);
	slt_sh(cmd);
	check_32bit_run("e", true);
	slt_cleanup();
}

TEST(stracelog_live_32bit_ff)
{
	static struct slt_row rows[512];
	const char *prog = test_build("progs/strace_mix-32");
	struct stracelog *log;
	char cmd[1024];
	size_t n;

	REQUIRE_IA32_PROGRAMS();
	slt_setup();
	snprintf(cmd, sizeof(cmd),
		 "strace -ff -o %s/t %s fork fork exec /bin/true", slt_dir,
		 prog);
	slt_sh(cmd);
	snprintf(cmd, sizeof(cmd),
		 "strace -f -C -o %s/c %s fork fork exec /bin/true", slt_dir,
		 prog);
	slt_sh(cmd);
	n = slt_summary("c", rows, ARRAY_SIZE(rows));
	log = slt_read_logs("t");
	slt_check_counts(log, rows, n);
	stracelog_processes(log, &n);
	CHECK_INT(n, 3);
	CHECK_INT(stracelog_stats(log)->files, 3);
	stracelog_free(log);
	slt_cleanup();
}

/* PROG (built 64- or 32-bit) killed by its own filter, under strace. */
static void seccomp_kill(const char *prog)
{
	struct stracelog *log;
	char cmd[1024];

	slt_setup();
	snprintf(cmd, sizeof(cmd), "strace -f -C -o %s/k %s kill", slt_dir,
		 test_build(prog));
	slt_sh(cmd);
	slt_check_same_run("k");
	log = slt_read_logs("k");
	CHECK(slt_note(
		log, STRACELOG_NOTE_KILLED,
		"killed by SIGSYS: most likely a seccomp filter refused its last call, getppid"));
	CHECK(slt_note(log, STRACELOG_NOTE_REFUSED, "getpid"));
	CHECK(slt_note(log, STRACELOG_NOTE_REFUSED, "getuid"));
	CHECK_INT(first_process(log)->end, STRACELOG_END_KILLED);
	CHECK_STR(first_process(log)->signal, "SIGSYS");
	stracelog_free(log);
	slt_cleanup();
}

TEST(stracelog_live_seccomp_kill)
{
	seccomp_kill("progs/strace_mix");
}

TEST(stracelog_live_seccomp_kill_32bit)
{
	REQUIRE_IA32_PROGRAMS();
	seccomp_kill("progs/strace_mix-32");
}

TEST(stracelog_live_threaded_execve)
{
	const struct stracelog_process *p;
	struct stracelog *log;
	char cmd[1024];
	size_t n, i, superseded = 0;

	slt_setup();
	snprintf(cmd, sizeof(cmd),
		 "strace -f -C -o %s/f %s threadexec /bin/true", slt_dir,
		 test_build("progs/strace_mix"));
	slt_sh(cmd);
	slt_check_same_run("f");
	snprintf(cmd, sizeof(cmd), "strace -ff -o %s/t %s threadexec /bin/true",
		 slt_dir, test_build("progs/strace_mix"));
	slt_sh(cmd);
	log = slt_read_logs("t");
	CHECK_INT(stracelog_find(log, AUDIT_ARCH_X86_64, "execve")->calls, 2);
	CHECK_INT(stracelog_find(log, AUDIT_ARCH_X86_64, "execve")->unreturned,
		  0);
	p = stracelog_processes(log, &n);
	CHECK_INT(n, 2);
	for (i = 0; i < n; i++)
		superseded += p[i].end == STRACELOG_END_SUPERSEDED;
	CHECK_INT(superseded, 1);
	CHECK_STR(p[0].exe, "/bin/true");
	stracelog_free(log);
	slt_cleanup();
}
