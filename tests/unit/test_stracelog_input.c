// SPDX-License-Identifier: Apache-2.0
/*
 * stracelog: getting logs in and the report out. Untrusted bytes never
 * reach the report raw, lines are bounded, -ff sets are found from their
 * prefix, and bad paths give errors that name them.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/stracelog.h"
#include "test.h"
#include "test_stracelog.h"

#define X86_64 AUDIT_ARCH_X86_64

/* Nothing from the log reaches the report unescaped. */
TEST(stracelog_read_report_is_terminal_safe)
{
	static const char evil[] = "getpid() = 5\n"
				   "\x1b]0;pwned\x07\x1b[2J erase the screen\n"
				   "\x01\x02\xfe\xff\x00 binary\n"
				   "caf\xc3\xa9 \xe2\x80\xae text\n"
				   "\x1b[2Jfrobnicate(1) = 0\n"
				   "write(1, \"x\", 1x\x1b[2J\n"
				   ") = 1\n";
	struct stracelog *log = stracelog_new(NULL);
	struct strbuf sb = STRBUF_INIT;
	const struct stracelog_stats *st;
	size_t i;

	stracelog_read_mem(log, "evil\x1b[2J.log", evil, sizeof(evil) - 1);
	stracelog_finish(log);
	stracelog_report(log, &sb);
	for (i = 0; i < sb.len; i++) {
		unsigned char c = (unsigned char)sb.buf[i];

		if ((c < 0x20 && c != '\n') || c >= 0x7f)
			test_fail(__FILE__, __LINE__, "byte %#x at %zu", c, i);
	}
	CHECK_CONTAINS(strbuf_str(&sb), "\\x1b]0;pwned\\a");
	CHECK_CONTAINS(strbuf_str(&sb), "evil\\x1b[2J.log");
	st = stracelog_stats(log);
	CHECK_INT(st->by_class[STRACELOG_LINE_BINARY], 3);
	CHECK_INT(st->by_class[STRACELOG_LINE_TEXT], 1);
	CHECK_INT(slt_calls(log, X86_64, "write"), 1);
	CHECK_INT(slt_calls(log, X86_64, "getpid"), 1);
	strbuf_release(&sb);
	stracelog_free(log);
}

TEST(stracelog_read_long_lines_are_cut)
{
	struct stracelog *log = stracelog_new(NULL);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	stracelog_set_max_line(log, 64);
	strbuf_adds(&sb, "write(1, \"");
	for (i = 0; i < 1000; i++)
		strbuf_adds(&sb, "\\x41");
	strbuf_adds(&sb, "\", 1000) = 1000\nblah");
	for (i = 0; i < 1000; i++)
		strbuf_addc(&sb, 'x');
	strbuf_adds(&sb, "\ngetpid() = 7\n");
	stracelog_read_mem(log, "long", sb.buf, sb.len);
	stracelog_finish(log);
	CHECK_INT(slt_calls(log, X86_64, "write"), 1);
	CHECK_INT(slt_calls(log, X86_64, "getpid"), 1);
	CHECK_INT(stracelog_stats(log)->cut, 2);
	CHECK_INT(stracelog_stats(log)->by_class[STRACELOG_LINE_TOO_LONG], 1);
	CHECK(slt_note(log, STRACELOG_NOTE_TOO_LONG, "longer than 64 bytes"));
	strbuf_release(&sb);
	stracelog_free(log);
}

static int put(const char *path, const char *text)
{
	return write_file_atomic(path, text, strlen(text), NULL);
}

TEST(stracelog_read_ff_prefix_and_errors)
{
	static const char *const files[] = {"t.40", "t.41", "t.x"};
	char dir[] = "/tmp/stracelog-XXXXXX", path[256];
	size_t i;
	struct stracelog *log;
	struct err err;

	REQUIRE(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.41", dir);
	REQUIRE(put(path, "getpid() = 41\n") == 0);
	snprintf(path, sizeof(path), "%s/t.40", dir);
	REQUIRE(put(path, "clone(child_stack=NULL, flags=SIGCHLD) = 41\n") ==
		0);
	snprintf(path, sizeof(path), "%s/t.x", dir);
	REQUIRE(put(path, "getuid() = 0\n") == 0);

	log = stracelog_new(NULL);
	snprintf(path, sizeof(path), "%s/t", dir);
	CHECK_INT(stracelog_read_path(log, path, &err), 0);
	stracelog_finish(log);
	CHECK_INT(stracelog_stats(log)->files, 2);
	CHECK_INT(slt_calls(log, X86_64, "getpid"), 1);
	CHECK_INT(slt_calls(log, X86_64, "getuid"), 0);
	REQUIRE(slt_proc(log, 41));
	CHECK_INT(slt_proc(log, 41)->ppid, 40);
	stracelog_free(log);

	log = stracelog_new(NULL);
	snprintf(path, sizeof(path), "%s/none", dir);
	CHECK_INT(stracelog_read_path(log, path, &err), -ENOENT);
	CHECK_CONTAINS(err.msg, "no such file, and no");
	CHECK_CONTAINS(err.msg, "none.PID files");
	CHECK_INT(stracelog_read_path(log, dir, &err), -EISDIR);
	stracelog_finish(log);
	CHECK(slt_note(log, STRACELOG_NOTE_NO_CALLS, "is this a strace log?"));
	stracelog_free(log);

	/* no rm -rf: unit tests run no program */
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		CHECK_INT(unlink(path), 0);
	}
	CHECK_INT(rmdir(dir), 0);
}

/*
 * Thousands of processes (more than one block of the reader's process
 * table), each forked by the one before, with one or two calls: every
 * one is kept whole, with its parent, its calls and its end.
 */
TEST(stracelog_read_many_processes)
{
	const size_t n = 5000;
	const struct stracelog_process *procs;
	struct strbuf sb = STRBUF_INIT;
	struct stracelog *log;
	size_t i, got;

	for (i = 0; i < n; i++) {
		long pid = 100000 + (long)i;

		strbuf_addf(&sb, "%ld getpid() = %ld\n", pid, pid);
		if (i % 2)
			strbuf_addf(&sb, "%ld dup(%zu) = 4\n", pid, i);
		if (i + 1 < n)
			strbuf_addf(&sb, "%ld fork() = %ld\n", pid, pid + 1);
		strbuf_addf(&sb, "%ld +++ exited with %zu +++\n", pid, i % 256);
	}
	log = slt_read_text(NULL, "many.log", strbuf_str(&sb));
	procs = stracelog_processes(log, &got);
	CHECK_INT(got, n);
	CHECK_INT(slt_calls(log, AUDIT_ARCH_X86_64, "getpid"), n);
	CHECK_INT(slt_calls(log, AUDIT_ARCH_X86_64, "dup"), n / 2);
	CHECK_INT(slt_calls(log, AUDIT_ARCH_X86_64, "fork"), n - 1);
	for (i = 0; got == n && i < n; i++) {
		const struct stracelog_process *p = &procs[i];

		if (p->pid != 100000 + (long)i ||
		    p->ppid != (i ? p->pid - 1 : 0) ||
		    p->calls != 1 + i % 2 + (i + 1 < n) ||
		    p->end != STRACELOG_END_EXITED ||
		    p->status != (int)(i % 256) || p->narches != 1) {
			CHECK_INT(p->pid, 100000 + (long)i);
			CHECK_INT(p->ppid, i ? p->pid - 1 : 0);
			CHECK_INT(p->calls, 1 + i % 2 + (i + 1 < n));
			CHECK_INT(p->status, i % 256);
			CHECK_INT(p->narches, 1);
			break;
		}
	}
	stracelog_free(log);
	strbuf_release(&sb);
}
