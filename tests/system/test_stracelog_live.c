// SPDX-License-Identifier: Apache-2.0
/*
 * stracelog on logs made here and now: strace runs real Debian programs
 * (sh, ls, tar, cat, python3) and our strace_mix, in every output form
 * the issue names, and what the reader finds is checked against strace's
 * own count of the same run (-C prints the -c table after the trace).
 * -ff cannot be combined with -C: there the same command, one whose
 * calls do not depend on timing, is run a second time with -f -C.
 */
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/stracelog.h"
#include "test.h"
#include "test_stracelog_live.h"

/* Real programs from Debian, in every output form. */
#define DEBIAN_CMD                                                   \
	"/bin/sh -c 'ls -l / >/dev/null; tar -cf /dev/null -C /etc " \
	"hostname; echo x | cat >/dev/null; "                        \
	"/usr/bin/python3 -c \"import os; os.getpid()\"'"

/*
 * For -ff, which cannot print the table, a command whose calls do not
 * depend on timing, run twice: one child at a time and waited for, so
 * no fork is restarted by a signal still pending from the last child
 * (strace -ff -o t sh -c 'echo x | cat' can show one more clone).
 */
#define SEQUENTIAL_CMD                                               \
	"/bin/sh -c 'ls -l / >/dev/null; tar -cf /dev/null -C /etc " \
	"hostname; %s fork fork; /usr/bin/python3 -c \"import os\"'"

TEST(stracelog_live_single_file)
{
	struct stracelog *log;
	char cmd[1024];

	slt_setup();
	snprintf(cmd, sizeof(cmd), "strace -f -C -o %s/log " DEBIAN_CMD,
		 slt_dir);
	slt_sh(cmd);
	slt_check_same_run("log");
	log = slt_read_logs("log");
	/* What naive scraping loses: names with digits. */
	CHECK(stracelog_find(log, AUDIT_ARCH_X86_64, "pread64"));
	CHECK(stracelog_find(log, AUDIT_ARCH_X86_64, "wait4"));
	CHECK(stracelog_find(log, AUDIT_ARCH_X86_64, "getdents64"));
	CHECK(stracelog_find(log, AUDIT_ARCH_X86_64, "exit_group"));
	CHECK_INT(stracelog_stats(log)->ignored, 0);
	CHECK(stracelog_stats(log)->by_class[STRACELOG_LINE_SUMMARY] > 10);
	CHECK(slt_has_exe(log, "/tar"));
	CHECK(slt_has_exe(log, "/python3"));
	stracelog_free(log);
	slt_cleanup();
}

TEST(stracelog_live_options)
{
	static const char *const opts[] = {
		"-tt -T -y",	   "-k",
		"-ttt -yy -Y",	   "-r -n -i -X verbose -v -s 256",
		"-t -r -T -X raw", "-e raw=all -xx -A",
		"--quiet=none -Y",
	};
	char cmd[1024];
	size_t i;

	slt_setup();
	for (i = 0; i < ARRAY_SIZE(opts); i++) {
		snprintf(cmd, sizeof(cmd), "strace -f -C %s -o %s/log%zu %s",
			 opts[i], slt_dir, i, DEBIAN_CMD);
		slt_sh(cmd);
		snprintf(cmd, sizeof(cmd), "log%zu", i);
		slt_check_same_run(cmd);
	}
	slt_cleanup();
}

TEST(stracelog_live_ff_prefix_set)
{
	static struct slt_row rows[1024];
	struct stracelog *log;
	size_t nrows, nproc, files;
	char cmd[1024];

	slt_setup();
	snprintf(cmd, sizeof(cmd), "strace -ff -o %s/t " SEQUENTIAL_CMD,
		 slt_dir, test_build("progs/strace_mix"));
	slt_sh(cmd);
	snprintf(cmd, sizeof(cmd), "strace -f -C -o %s/c " SEQUENTIAL_CMD,
		 slt_dir, test_build("progs/strace_mix"));
	slt_sh(cmd);
	nrows = slt_summary("c", rows, ARRAY_SIZE(rows));
	log = slt_read_logs("t");
	slt_check_counts(log, rows, nrows);
	files = stracelog_stats(log)->files;
	stracelog_processes(log, &nproc);
	CHECK(files >= 6);
	CHECK_INT(nproc, files);
	CHECK(slt_has_exe(log, "/ls"));
	stracelog_free(log);
	slt_cleanup();
}

TEST(stracelog_live_stderr_with_program_output)
{
	static struct slt_row rows[1024];
	const struct stracelog_stats *st;
	const struct stracelog_process *p;
	struct stracelog *log;
	struct strbuf sb = STRBUF_INIT;
	size_t n, i, sigsys = 0;
	char cmd[1024];

	slt_setup();
	snprintf(
		cmd, sizeof(cmd),
		"strace -f -C %s lines thread fork number eperm 2>%s/err >/dev/null",
		test_build("progs/strace_mix"), slt_dir);
	slt_sh(cmd);
	n = slt_summary("err", rows, ARRAY_SIZE(rows));
	log = slt_read_logs("err");
	slt_check_counts(log, rows, n);
	/* The program's lines that look like strace's are not calls. */
	CHECK(!stracelog_find(log, AUDIT_ARCH_X86_64, "reboot"));
	CHECK(!stracelog_find(log, AUDIT_ARCH_X86_64, "mkdir"));
	CHECK(!stracelog_find(log, AUDIT_ARCH_X86_64, "kexec_load"));
	st = stracelog_stats(log);
	CHECK(st->by_class[STRACELOG_LINE_INSIDE_CALL] >= 9);
	CHECK(st->by_class[STRACELOG_LINE_BINARY] >= 2);
	/* the two writes of "lines", made while the program is the only
	 * process: strace printed their start before they ran, and their
	 * end follows the output. The thread's and the child's are split
	 * too unless strace saw another event in between (1 run in 6 under
	 * load: >= 5 failed then). */
	CHECK(st->by_class[STRACELOG_LINE_CONTINUATION] >= 2);
	p = stracelog_processes(log, &n);
	CHECK_INT(n, 3); /* main, its thread, its child */
	for (i = 0; i < n; i++)
		CHECK(p[i].pid != 4242 && p[i].pid != 4243 && p[i].pid > 0);
	for (i = 0; i < n; i++)
		CHECK(!p[i].is_thread || p[i].ppid == p[0].pid);
	stracelog_notes(log, &n);
	for (i = 0; i < n; i++)
		sigsys += stracelog_notes(log, &n)[i].kind ==
			  STRACELOG_NOTE_SIGSYS;
	CHECK_INT(sigsys, 1);
	stracelog_report(log, &sb);
	CHECK_CONTAINS(strbuf_str(&sb), "got SIGSYS from seccomp for getppid");
	CHECK_CONTAINS(strbuf_str(&sb), "getpid (x86_64) failed with EPERM 1");
	CHECK_CONTAINS(strbuf_str(&sb), "syscall_0x59b: no system call");
	for (i = 0; i < sb.len; i++)
		if (((unsigned char)sb.buf[i] < 0x20 && sb.buf[i] != '\n') ||
		    (unsigned char)sb.buf[i] >= 0x7f)
			test_fail(__FILE__, __LINE__, "raw byte in report");
	strbuf_release(&sb);
	stracelog_free(log);
	slt_cleanup();
}

/* Debian programs complaining on the stderr strace writes to. */
TEST(stracelog_live_stderr_debian)
{
	struct stracelog *log;
	char cmd[1024];

	slt_setup();
	snprintf(
		cmd, sizeof(cmd),
		"strace -f -C /bin/sh -c 'ls /nonexistent; tar -cf /dev/null /nonexistent; /usr/bin/python3 -c \"import sys; sys.stderr.write(chr(10).join([\\\"one\\\", \\\"two\\\", \\\"three\\\", \\\"four\\\"]))\"' 2>%s/err",
		slt_dir);
	slt_sh(cmd);
	slt_check_same_run("err");
	log = slt_read_logs("err");
	CHECK(stracelog_stats(log)->by_class[STRACELOG_LINE_INSIDE_CALL] >= 2);
	CHECK(stracelog_stats(log)->by_class[STRACELOG_LINE_CONTINUATION] >= 3);
	CHECK(slt_has_exe(log, "/ls"));
	stracelog_free(log);
	slt_cleanup();
}
