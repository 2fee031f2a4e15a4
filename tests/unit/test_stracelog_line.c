// SPDX-License-Identifier: Apache-2.0
/*
 * stracelog: the grammar of single lines, on hand-made strings in every
 * form strace 6.1 writes (the forms were taken from real runs on the
 * development machine), and lines that only look like strace's.
 */
#include <string.h>

#include "seccompdbg/util.h"

#include "../../src/stracelog/line.h"
#include "test.h"

static struct sl_line parse(const char *s)
{
	struct sl_line l;

	sl_parse(s, strlen(s), &l);
	return l;
}

static int name_is(const struct sl_line *l, const char *name)
{
	return l->name.n == strlen(name) && !memcmp(l->name.p, name, l->name.n);
}

/* Lines with every prefix strace writes, and what the prefix says. */
static const struct {
	const char *line;
	enum sl_kind kind;
	enum sl_style style;
	long pid, nr;
} prefixed[] = {
	{"1234  12:34:56.123456 openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3 <0.000012>",
	 SL_CALL, SL_PFX_COLUMN, 1234, -1},
	{"[pid  6844] rseq(0x7f4408fc5fe0, 0x20, 0, 0x53053053) = 0", SL_CALL,
	 SL_PFX_BRACKET, 6844, -1},
	{"[pid 123456] getpid() = 123456", SL_CALL, SL_PFX_BRACKET, 123456, -1},
	{"123456 getpid() = 123456", SL_CALL, SL_PFX_COLUMN, 123456, -1},
	/* -Y, -tt, -n, -i together, as strace -f -o writes them. */
	{"7518<sh> 09:27:08.972801 [  12] [00007fa9b4683c47] brk(NULL) = 0x55acee594000 <0.000075>",
	 SL_CALL, SL_PFX_COLUMN, 7518, 12},
	{"[pid  7558<sh>] close(0)                = 0", SL_CALL, SL_PFX_BRACKET,
	 7558, -1},
	{"7519<cat> 09:27:09.010107 [ 231] [????????????????] +++ exited with 0 +++",
	 SL_EXITED, SL_PFX_COLUMN, 7519, 231},
	/* -r, -ttt, -t with -r, an epoch in whole seconds. */
	{"     0.001480 brk(NULL)                 = 0x55a26b558000", SL_CALL,
	 SL_PFX_NONE, 0, -1},
	{"1795944429.054006 brk(NULL)             = 0x55a811f21000", SL_CALL,
	 SL_PFX_NONE, 0, -1},
	{"4321  12:00:01 (+     0.000123) brk(NULL) = 0x1", SL_CALL,
	 SL_PFX_COLUMN, 4321, -1},
	{"1700000000 getpid() = 5", SL_CALL, SL_PFX_NONE, 0, -1},
	{"4321       0.000011 getpid() = 5", SL_CALL, SL_PFX_COLUMN, 4321, -1},
	{"12:00:01 [  39] getpid() = 5", SL_CALL, SL_PFX_NONE, 0, 39},
};

TEST(stracelog_line_prefixes)
{
	struct sl_line l;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prefixed); i++) {
		l = parse(prefixed[i].line);
		if (l.kind != prefixed[i].kind ||
		    l.style != prefixed[i].style || l.pid != prefixed[i].pid ||
		    l.nr != prefixed[i].nr)
			test_fail(__FILE__, __LINE__,
				  "%s: kind %d style %d pid %ld nr %ld",
				  prefixed[i].line, l.kind, l.style, l.pid,
				  l.nr);
	}
	l = parse(prefixed[0].line);
	CHECK(name_is(&l, "openat"));
	CHECK_INT(l.state, SL_COMPLETE);
	CHECK_INT(l.res.kind, SL_RET_VALUE);
	CHECK_INT(l.res.value, 3);
	CHECK_INT(parse(prefixed[4].line).res.value, 0x55acee594000LL);
}

TEST(stracelog_line_imitations_are_not_strace)
{
	/* strace pads "[pid %5u]" and "%-5u ": these are a program's. */
	CHECK_INT(parse("[pid 1] close(1) = 0").kind, SL_OTHER);
	CHECK_INT(parse("[pid 4242] close(1) = 0").kind, SL_OTHER);
	CHECK_INT(parse("4242 close(1) = 0").kind, SL_OTHER);
	CHECK_INT(parse("2023 was a good year").kind, SL_OTHER);
	CHECK_INT(parse("hello (world)").kind, SL_OTHER);
	CHECK_INT(parse("foo(1) = bar").kind, SL_OTHER);
	CHECK_INT(parse("Foo(1) = 0").kind, SL_OTHER);
	CHECK_INT(parse("close (1) = 0").kind, SL_OTHER);
	CHECK_INT(parse("--- nothing ---").kind, SL_OTHER);
	CHECK_INT(parse("+++ exited with +++").kind, SL_OTHER);
	/* A name shape is enough here: whether it is a call is the
	 * reader's question (it knows the ABI). */
	CHECK_INT(parse("frobnicate(1) = 0").kind, SL_CALL);
}

TEST(stracelog_line_results)
{
	struct sl_line l;

	l = parse(
		"access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory)");
	CHECK_INT(l.res.kind, SL_RET_ERROR);
	CHECK_STR(l.res.err, "ENOENT");
	l = parse(
		"read(0, 0x7ffd, 1) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
	CHECK_INT(l.res.kind, SL_RET_RESTART);
	CHECK_STR(l.res.err, "ERESTARTSYS");
	l = parse("exit_group(0)                           = ?");
	CHECK_INT(l.res.kind, SL_RET_UNKNOWN);
	l = parse("getppid() = ? <unavailable>");
	CHECK_INT(l.res.kind, SL_RET_UNAVAILABLE);
	l = parse("open(\"/x\", 0) = -1 (errno 13)"); /* -e raw=all */
	CHECK_INT(l.res.kind, SL_RET_ERROR);
	CHECK_STR(l.res.err, "EACCES");
	l = parse("getpid() = 7557<sh>");
	CHECK_INT(l.res.value, 7557);
	l = parse("poll([{fd=3, events=POLLIN}], 1, 0) = 0 (Timeout)");
	CHECK_INT(l.res.kind, SL_RET_VALUE);
	l = parse("chmod(\"/x\", 0755) = 0 <0.000010>");
	CHECK_INT(l.res.kind, SL_RET_VALUE);
	l = parse(
		"lseek(3, 0, SEEK_CUR) = -1 EBADF (Bad file descriptor) <0.000004>");
	CHECK_STR(l.res.err, "EBADF");
}

TEST(stracelog_line_arguments_are_scanned)
{
	struct sl_line l;

	/* Quotes, escaped quotes and parentheses inside strings. */
	l = parse("write(1, \"a) = 5 \\\"(\\n\", 9) = 9");
	CHECK_INT(l.state, SL_COMPLETE);
	CHECK_INT(l.res.value, 9);
	/* -y paths with parentheses, -yy devices and sockets. */
	l = parse("fstat(3</tmp/we)ird>, {st_mode=S_IFREG|0644, ...}) = 0");
	CHECK_INT(l.state, SL_COMPLETE);
	l = parse("openat(AT_FDCWD</tmp>, \"a)b\", O_RDONLY) = 3</tmp/a)b>");
	CHECK_INT(l.state, SL_COMPLETE);
	CHECK_INT(l.res.value, 3);
	l = parse("write(1</dev/pts/0<char 136:0>>, \"x\", 1) = 1");
	CHECK_INT(l.state, SL_COMPLETE);
	l = parse(
		"connect(3<TCP:[1.2.3.4:5->6.7.8.9:80]>, {sa_family=AF_INET, sin_port=htons(80)}, 16) = 0");
	CHECK_INT(l.state, SL_COMPLETE);
	/* -X verbose comments, -v structures, clone3's "=>". */
	l = parse(
		"mmap(NULL, 8192, 0x3 /* PROT_READ|PROT_WRITE) */, 0x22, -1, 0) = 0x7f076fb09000");
	CHECK_INT(l.state, SL_COMPLETE);
	l = parse(
		"clone3({flags=CLONE_VM|CLONE_THREAD, stack_size=0x7fff80} => {parent_tid=[6844]}, 88) = 6844");
	CHECK_INT(l.res.value, 6844);
	l = parse(
		"wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 6331");
	CHECK_INT(l.res.value, 6331);
	/* strace's name for a number it does not know. */
	l = parse(
		"syscall_0x59b(0x1, 0, 0, 0, 0xffffffff, 0) = -1 ENOSYS (Function not implemented)");
	CHECK(name_is(&l, "syscall_0x59b"));
}

TEST(stracelog_line_split_calls)
{
	struct sl_line l;

	l = parse("[pid  6330] wait4(-1,  <unfinished ...>");
	CHECK_INT(l.kind, SL_CALL);
	CHECK_INT(l.state, SL_UNFINISHED);
	l = parse(
		"6330  <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 6331");
	CHECK_INT(l.kind, SL_RESUMED);
	CHECK(name_is(&l, "wait4"));
	CHECK_INT(l.state, SL_COMPLETE);
	CHECK_INT(l.res.value, 6331);
	l = parse("<... execve resumed> <unfinished ...>");
	CHECK_INT(l.kind, SL_RESUMED);
	CHECK_INT(l.state, SL_UNFINISHED);
	l = parse("read(0,  <detached ...>");
	CHECK_INT(l.state, SL_DETACHED);
	l = parse(
		"execve(\"/bin/true\", [\"/bin/true\"], 0x7ffd /* 37 vars */ <pid changed to 23668 ...>");
	CHECK_INT(l.state, SL_UNFINISHED);
	CHECK_INT(l.value, 23668);
	/* stderr: the program's output came before the result. */
	l = parse("write(2, \"hello\\n\", 6hello");
	CHECK_INT(l.state, SL_OPEN);
	l = parse("write(2, \"a)\\n\", 3a)");
	CHECK_INT(l.state, SL_OPEN);
	l = parse("clone3({flags=CLONE_VM}strace: Process 6844 attached");
	CHECK_INT(l.state, SL_OPEN);
	CHECK_INT(l.value, 6844);
}

TEST(stracelog_line_continuations)
{
	struct sl_line l;
	const char *no[] = {"child says hello", "close(99) = 0", ")",
			    "[pid  1234] getpid() = 5", ""};
	size_t i;

	memset(&l, 0, sizeof(l));
	CHECK(sl_parse_continuation(") = 20", 6, &l));
	CHECK_INT(l.state, SL_COMPLETE);
	CHECK_INT(l.res.value, 20);
	CHECK(sl_parse_continuation(", child_tidptr=0x7f4408fc6a10) = 6845", 37,
				    &l));
	CHECK_INT(l.res.value, 6845);
	CHECK(sl_parse_continuation(" <unfinished ...>", 17, &l));
	CHECK_INT(l.state, SL_UNFINISHED);
	CHECK(sl_parse_continuation("hello <unfinished ...>", 22, &l));
	for (i = 0; i < ARRAY_SIZE(no); i++)
		CHECK(!sl_parse_continuation(no[i], strlen(no[i]), &l));
}

TEST(stracelog_line_events)
{
	struct sl_line l;

	l = parse(
		"--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=6331} ---");
	CHECK_INT(l.kind, SL_SIGNAL);
	CHECK(name_is(&l, "SIGCHLD"));
	l = parse(
		"7578  --- SIGSYS {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x7f55227584f7, si_syscall=__NR_getppid, si_arch=AUDIT_ARCH_X86_64} ---");
	CHECK_INT(l.kind, SL_SIGNAL);
	CHECK(l.seccomp);
	CHECK(l.si_syscall.n == 12 &&
	      !memcmp(l.si_syscall.p, "__NR_getppid", 12));
	CHECK(l.si_arch.n == 17);
	l = parse("--- stopped by SIGSTOP ---");
	CHECK_INT(l.kind, SL_SIGNAL);
	CHECK(name_is(&l, "SIGSTOP"));
	l = parse("+++ exited with 3 +++");
	CHECK_INT(l.kind, SL_EXITED);
	CHECK_INT(l.value, 3);
	l = parse("[pid  7562] +++ killed by SIGKILL +++");
	CHECK_INT(l.kind, SL_KILLED);
	CHECK(name_is(&l, "SIGKILL"));
	CHECK(!l.core);
	l = parse("+++ killed by SIGSEGV (core dumped) +++");
	CHECK(l.core);
	l = parse("23668 +++ superseded by execve in pid 23669 +++");
	CHECK_INT(l.kind, SL_SUPERSEDED);
	CHECK_INT(l.value, 23669);
	l = parse("[ Process PID=7477 runs in 32 bit mode. ]");
	CHECK_INT(l.kind, SL_PERSONALITY);
	CHECK_INT(l.value, 7477);
	CHECK(l.mode.n == 6 && !memcmp(l.mode.p, "32 bit", 6));
	l = parse("10944 [ Process PID=10944 runs in x32 mode. ]");
	CHECK_INT(l.kind, SL_PERSONALITY);
	CHECK(l.mode.n == 3);
	l = parse(
		" > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x14) [0xf1234]");
	CHECK_INT(l.kind, SL_STACK);
	l = parse("strace: Process 6844 attached");
	CHECK_INT(l.kind, SL_STRACE);
	CHECK_INT(l.msg, SL_MSG_ATTACHED);
	CHECK_INT(l.value, 6844);
	l = parse("strace: Process 6844 detached");
	CHECK_INT(l.msg, SL_MSG_DETACHED);
	CHECK_INT(parse("strace: exec: No such file").msg, SL_MSG_OTHER);
	CHECK_INT(parse("").kind, SL_BLANK);
	CHECK_INT(parse("   ").kind, SL_BLANK);
}

TEST(stracelog_line_summary_table)
{
	CHECK_INT(
		parse("% time     seconds  usecs/call     calls    errors syscall")
			.kind,
		SL_SUMMARY);
	CHECK_INT(
		parse("------ ----------- ----------- --------- --------- ----------------")
			.kind,
		SL_SUMMARY);
	CHECK_INT(
		parse(" 29.73    0.000179          22         8           mmap")
			.kind,
		SL_SUMMARY);
	CHECK_INT(
		parse("100.00    0.000602          20        29         1 total")
			.kind,
		SL_SUMMARY);
	CHECK_INT(parse("System call usage summary for 32 bit mode:").kind,
		  SL_SUMMARY);
}

TEST(stracelog_line_numbers)
{
	long nr = 0;

	CHECK(sl_name_is_number("syscall_0x1b3", &nr));
	CHECK_INT(nr, 435);
	CHECK(sl_name_is_number("syscall_435", &nr));
	CHECK_INT(nr, 435);
	CHECK(!sl_name_is_number("syscall", &nr));
	CHECK(!sl_name_is_number("syscall_", &nr));
	CHECK(!sl_name_is_number("syscall_12a", &nr));
	CHECK(!sl_name_is_number("syscall_0x", &nr));
	CHECK(!sl_name_is_number("syscall_99999999999", &nr));
}
