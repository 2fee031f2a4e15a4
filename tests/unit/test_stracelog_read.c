// SPDX-License-Identifier: Apache-2.0
/*
 * stracelog: whole logs made by hand, for what only context decides:
 * pairing unfinished and resumed calls, program output inside call lines,
 * which process an unprefixed line belongs to, ABI switches said and
 * guessed, numbers for names, and the notes of the report.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seccompdbg/stracelog.h"
#include "test.h"
#include "test_stracelog.h"

#define X86_64 AUDIT_ARCH_X86_64
#define I386   AUDIT_ARCH_I386

static const char fo_log[] =
	"100   execve(\"/bin/sh\", [\"sh\"], 0x7ffe /* 3 vars */) = 0\n"
	"100   pread64(3, \"\\177ELF\", 4, 0) = 4\n"
	"100   wait4(-1,  <unfinished ...>\n"
	"101   set_robust_list(0x7f, 24) = 0\n"
	"100   <... wait4 resumed>NULL, 0, NULL) = 101\n"
	"100   clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>\n"
	"102   getpid( <unfinished ...>\n"
	"100   <... clone resumed>) = 102\n"
	"102   <... getpid resumed>) = 102\n"
	"102   execve(\"/bin/ls\", [\"ls\"], 0x55 /* 3 vars */) = 0\n"
	"102   pipe2([3, 4], O_CLOEXEC) = 0\n"
	"102   kill(102, SIGKILL) = ?\n"
	"102   +++ killed by SIGKILL +++\n"
	"101   exit_group(0) = ?\n"
	"101   +++ exited with 0 +++\n"
	"100   exit_group(0) = ?\n"
	"100   +++ exited with 0 +++\n";

TEST(stracelog_read_file_of_strace_f)
{
	struct stracelog *log = slt_read_text(NULL, "fo.log", fo_log);
	const struct stracelog_syscall *c;
	const struct stracelog_process *p;

	/* An unfinished/resumed pair is one call; names with digits stay. */
	CHECK_INT(slt_calls(log, X86_64, "wait4"), 1);
	CHECK_INT(slt_calls(log, X86_64, "clone"), 1);
	CHECK_INT(slt_calls(log, X86_64, "getpid"), 1);
	CHECK_INT(slt_calls(log, X86_64, "pread64"), 1);
	CHECK_INT(slt_calls(log, X86_64, "pipe2"), 1);
	CHECK_INT(slt_calls(log, X86_64, "execve"), 2);
	c = stracelog_find(log, X86_64, "exit_group");
	REQUIRE(c);
	CHECK_INT(c->calls, 2);
	CHECK_INT(c->unreturned, 2);
	CHECK_INT(stracelog_find(log, X86_64, "kill")->unreturned, 1);
	CHECK_INT(stracelog_stats(log)->ignored, 0);
	CHECK_INT(stracelog_stats(log)->by_class[STRACELOG_LINE_RESUMED], 3);

	p = slt_proc(log, 102);
	REQUIRE(p);
	CHECK_INT(p->ppid, 100);
	CHECK_STR(p->exe, "/bin/ls");
	CHECK_INT(p->end, STRACELOG_END_KILLED);
	CHECK_STR(p->signal, "SIGKILL");
	CHECK_INT(slt_proc(log, 100)->end, STRACELOG_END_EXITED);
	CHECK_INT(slt_proc(log, 101)->ppid,
		  0); /* its clone is not in the log */
	CHECK(slt_note(log, STRACELOG_NOTE_KILLED,
		       "pid 102 killed by SIGKILL"));
	CHECK(slt_note(log, STRACELOG_NOTE_MISSING, "rt_sigreturn") != NULL);
	CHECK(slt_note(log, STRACELOG_NOTE_MISSING, "exit_group") == NULL);
	stracelog_free(log);
}

/* strace -f to stderr, with the program writing to the same stream. */
static const char stderr_log[] =
	"execve(\"./p\", [\"./p\"], 0x7ffe /* 37 vars */) = 0\n"
	"write(2, \"close(99) = 0\\n[pid 1] openat(AT_\"..., 59close(99) = 0\n"
	"[pid  4242] openat(AT_FDCWD, \"/x\", O_RDONLY) = 3\n"
	"reboot(0xfee1dead, 0x28121969, 0) = 0\n"
	") = 59\n"
	"clone(child_stack=NULL, flags=SIGCHLDstrace: Process 301 attached\n"
	", child_tidptr=0x7f) = 301\n"
	"[pid   301] write(2, \"hi\\n\", 3hi\n"
	") = 3\n"
	"[pid   300] wait4(301,  <unfinished ...>\n"
	"[pid   301] exit_group(3)               = ?\n"
	"[pid   301] +++ exited with 3 +++\n"
	"<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 301\n"
	"--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=301} ---\n"
	"exit_group(0)                           = ?\n"
	"+++ exited with 0 +++\n";

TEST(stracelog_read_stderr_with_program_output)
{
	struct stracelog *log = slt_read_text(NULL, "err", stderr_log);
	const struct stracelog_stats *st = stracelog_stats(log);
	const struct stracelog_process *p;

	CHECK_INT(slt_calls(log, X86_64, "write"), 2);
	CHECK_INT(slt_calls(log, X86_64, "openat"), 0);
	CHECK_INT(slt_calls(log, X86_64, "reboot"), 0);
	CHECK_INT(slt_calls(log, X86_64, "close"), 0);
	CHECK_INT(slt_calls(log, X86_64, "wait4"), 1);
	CHECK_INT(st->by_class[STRACELOG_LINE_INSIDE_CALL], 2);
	CHECK_INT(st->by_class[STRACELOG_LINE_CONTINUATION], 3);
	CHECK_INT(st->ignored, 2);
	/* The first process had no prefix until the second one came. */
	p = slt_proc(log, 300);
	REQUIRE(p);
	CHECK_STR(p->exe, "./p");
	CHECK_INT(p->end, STRACELOG_END_EXITED);
	CHECK_INT(slt_proc(log, 301)->ppid, 300);
	CHECK_INT(slt_proc(log, 301)->status, 3);
	CHECK(slt_proc(log, 4242) == NULL);
	CHECK(slt_proc(log, 0) == NULL);
	stracelog_free(log);
}

TEST(stracelog_read_abi_said_and_guessed)
{
	static const char said[] =
		"execve(\"./q32\", [\"./q32\"], 0x7ffc /* 37 vars */) = 0\n"
		"[ Process PID=500 runs in 32 bit mode. ]\n"
		"brk(NULL) = 0x57dbc000\n"
		"execve(\"/bin/true\", [\"true\"], 0xffdd /* 1 var */) = 0\n"
		"[ Process PID=500 runs in 64 bit mode. ]\n"
		"brk(NULL) = 0x557e12740000\n"
		"exit_group(0) = ?\n";
	static const char guessed[] =
		"600   execve(\"./q32\", [\"./q32\"], 0x7ffc /* 1 var */) = 0\n"
		"600   brk(NULL) = 0x57dbc000\n"
		"600   mmap2(NULL, 8192, PROT_READ, MAP_PRIVATE, -1, 0) = 0xf7\n"
		"600   clone(child_stack=NULL, flags=SIGCHLD) = 601\n"
		"601   getpid() = 601\n"
		"601   execve(\"/bin/true\", [\"true\"], 0xffdd /* 1 var */) = 0\n"
		"601   newfstatat(3, \"\", {st_mode=S_IFREG|0644}, AT_EMPTY_PATH) = 0\n";
	struct stracelog *log = slt_read_text(NULL, "said", said);
	const struct stracelog_process *p;

	CHECK_INT(slt_calls(log, X86_64, "execve"), 1);
	CHECK_INT(slt_calls(log, I386, "execve"), 1);
	CHECK_INT(slt_calls(log, I386, "brk"), 1);
	CHECK_INT(slt_calls(log, X86_64, "brk"), 1);
	CHECK_INT(slt_calls(log, X86_64, "exit_group"), 1);
	p = slt_proc(log, 500);
	REQUIRE(p && p->narches == 2);
	CHECK_STR(p->arches[0]->name, "x86_64");
	CHECK_STR(p->arches[1]->name, "x86");
	stracelog_free(log);

	/* strace -o hides the messages: the names tell. */
	log = slt_read_text(NULL, "guessed", guessed);
	CHECK_INT(slt_calls(log, I386, "brk"), 1);
	CHECK_INT(slt_calls(log, I386, "mmap2"), 1);
	CHECK_INT(slt_calls(log, X86_64, "brk"), 0);
	/* The child runs its parent's ABI until its own execve. */
	CHECK_INT(slt_calls(log, I386, "getpid"), 1);
	CHECK_INT(slt_calls(log, I386, "execve"), 1);
	CHECK_INT(slt_calls(log, X86_64, "newfstatat"), 1);
	CHECK(slt_note(log, STRACELOG_NOTE_ARCH, "mmap2 exists there only"));
	stracelog_free(log);

	/* -n numbers settle shared names: brk is 45 on i386, 12 on x86_64. */
	log = slt_read_text(NULL, "n",
			    "[  45] brk(NULL) = 0x1\n"
			    "[  20] getpid() = 5\n");
	CHECK_INT(slt_calls(log, I386, "brk"), 1);
	CHECK_INT(slt_calls(log, I386, "getpid"), 1);
	stracelog_free(log);

	/* x32 is x86_64's machine with its own table. */
	log = slt_read_text(NULL, "x32",
			    "[ Process PID=9 runs in x32 mode. ]\n"
			    "getpid() = 5\n");
	CHECK_INT(slt_calls(log, sysent_arch_by_scmp("SCMP_ARCH_X32")->token,
			    "getpid"),
		  1);
	CHECK_INT(slt_calls(log, X86_64, "getpid"), 0);
	stracelog_free(log);

	/* --arch: the log starts in that ABI. */
	log = slt_read_text(sysent_arch_by_any("i386"), "a",
			    "getpid() = 5\n"
			    "[ Process PID=9 runs in 64 bit mode. ]\n"
			    "getpid() = 5\n");
	CHECK_INT(slt_calls(log, I386, "getpid"), 1);
	CHECK_INT(slt_calls(log, X86_64, "getpid"), 1);
	stracelog_free(log);
}

TEST(stracelog_read_names_and_numbers)
{
	struct stracelog *log = slt_read_text(
		NULL, "nums",
		"syscall_0x1b3({flags=0}, 88) = -1 ENOSYS (Function not implemented)\n"
		"syscall_435({flags=0}, 88) = 42\n"
		"syscall_0x59b(0x1, 0) = -1 ENOSYS (Function not implemented)\n"
		"frobnicate(1, 2) = 0\n"
		"frobnicate(3) = 0\n"
		"exit_group(0) = ?\n"
		"[pid    12] newfstatat(3, \"\", {st_mode=S_IFREG}, AT_EMPTY_PATH) = 0\n"
		"[pid    12] socketcall(1, [1, 2, 3]) = 3\n");
	const struct stracelog_syscall *c =
		stracelog_find(log, X86_64, "clone3");
	const struct stracelog_note *n;
	size_t ncalls;

	REQUIRE(c);
	CHECK_INT(c->calls, 2);
	CHECK_INT(c->enosys, 1);
	CHECK(slt_note(log, STRACELOG_NOTE_NUMBER, "syscall_0x1b3 is clone3"));
	CHECK(slt_note(log, STRACELOG_NOTE_NUMBER, "syscall_0x59b: no system"));
	n = slt_note(log, STRACELOG_NOTE_UNKNOWN_NAME, "frobnicate");
	REQUIRE(n);
	CHECK_INT(n->count, 2);
	CHECK_INT(n->line, 4);
	CHECK_INT(stracelog_stats(log)->by_class[STRACELOG_LINE_UNKNOWN_NAME],
		  2);
	/* Mixed names, as a 64-bit program using int 0x80 would show
	 * without personality messages: socketcall exists on i386 only. */
	CHECK_INT(slt_calls(log, I386, "socketcall"), 1);
	CHECK_INT(slt_calls(log, X86_64, "newfstatat"), 1);
	CHECK(slt_note(log, STRACELOG_NOTE_NOT_ON_ARCH, "socketcall"));
	CHECK(slt_note(log, STRACELOG_NOTE_REFUSED, "clone3 (x86_64)"));
	stracelog_syscalls(log, &ncalls);
	CHECK_INT(ncalls, 4);
	stracelog_free(log);
}

TEST(stracelog_read_seccomp_traces)
{
	struct stracelog *log = slt_read_text(
		NULL, "sec",
		"700   getpid() = -1 EPERM (Operation not permitted)\n"
		"700   getppid() = 110\n"
		"700   --- SIGSYS {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x7f, si_syscall=__NR_getppid, si_arch=AUDIT_ARCH_X86_64} ---\n"
		"700   rt_sigreturn({mask=[]}) = 110\n"
		"700   unshare(CLONE_NEWUSER) = 110\n"
		"700   +++ killed by SIGSYS (core dumped) +++\n");
	const struct stracelog_note *n;

	n = slt_note(log, STRACELOG_NOTE_SIGSYS, "for getppid (x86_64)");
	REQUIRE(n);
	CHECK_STR(n->name, "getppid");
	CHECK(n->arch && n->arch->token == X86_64);
	CHECK_INT(n->pid, 700);
	CHECK(slt_note(
		log, STRACELOG_NOTE_KILLED,
		"killed by SIGSYS (core dumped): most likely a seccomp filter refused its last call, unshare"));
	CHECK(slt_note(log, STRACELOG_NOTE_REFUSED,
		       "getpid (x86_64) failed with EPERM 1"));
	n = slt_note(log, STRACELOG_NOTE_MISSING, "exit_group");
	REQUIRE(n);
	CHECK_INT(n->severity, STRACELOG_WARNING);
	CHECK(slt_proc(log, 700)->sigsys);
	CHECK(slt_proc(log, 700)->core_dumped);
	stracelog_free(log);
}

TEST(stracelog_read_threaded_execve)
{
	static const char one[] =
		"800   futex(0x7f, FUTEX_WAIT, 801, NULL <unfinished ...>\n"
		"801   execve(\"/bin/true\", [\"true\"], 0x7ff /* 1 var */ <unfinished ...>\n"
		"800   +++ superseded by execve in pid 801 +++\n"
		"800   <... execve resumed>) = 0\n"
		"800   exit_group(0) = ?\n";
	static const char leader[] = "futex(0x7f, FUTEX_WAIT, 801, NULL) = ?\n"
				     "+++ superseded by execve in pid 801 +++\n"
				     "<... execve resumed>) = 0\n"
				     "exit_group(0) = ?\n";
	static const char thread[] =
		"set_robust_list(0x7f, 24) = 0\n"
		"execve(\"/bin/true\", [\"true\"], 0x7ff /* 1 var */ <pid changed to 800 ...>\n";
	struct stracelog *log = slt_read_text(NULL, "one", one);
	const struct stracelog_process *p;

	CHECK_INT(slt_calls(log, X86_64, "execve"), 1);
	CHECK_INT(stracelog_find(log, X86_64, "futex")->unreturned, 1);
	CHECK_STR(slt_proc(log, 800)->exe, "/bin/true");
	CHECK_INT(slt_proc(log, 801)->end, STRACELOG_END_SUPERSEDED);
	CHECK_INT(slt_proc(log, 801)->became, 800);
	stracelog_free(log);

	/* -ff: the leader's file is read first, the thread's line is
	 * only in its own file. */
	log = stracelog_new(NULL);
	stracelog_read_mem(log, "t.800", leader, strlen(leader));
	stracelog_read_mem(log, "t.801", thread, strlen(thread));
	stracelog_finish(log);
	CHECK_INT(slt_calls(log, X86_64, "execve"), 1);
	CHECK_INT(stracelog_find(log, X86_64, "execve")->unreturned, 0);
	p = slt_proc(log, 800);
	REQUIRE(p);
	CHECK_STR(p->exe, "/bin/true");
	CHECK_INT(slt_calls(log, X86_64, "set_robust_list"), 1);
	CHECK(slt_note(log, STRACELOG_NOTE_RESUMED_ALONE, "execve") == NULL);
	stracelog_free(log);
}

TEST(stracelog_read_loose_ends)
{
	struct stracelog *log =
		slt_read_text(NULL, "loose",
			      "900   read(0,  <unfinished ...>\n"
			      "901   <... write resumed>) = 5\n"
			      "902   +++ exited with 0 +++\n"
			      "902   getpid() = 902\n"
			      "903   nanosleep({tv_sec=1, tv_nsec=0}, ");
	const struct stracelog_syscall *c = stracelog_find(log, X86_64, "read");
	size_t n;

	REQUIRE(c);
	CHECK_INT(c->unreturned, 1);
	CHECK(slt_note(log, STRACELOG_NOTE_UNFINISHED,
		       "pid 900: read never returned: the log ends first"));
	CHECK_INT(slt_calls(log, X86_64, "write"), 1);
	CHECK(slt_note(log, STRACELOG_NOTE_RESUMED_ALONE, "pid 901: write"));
	CHECK(slt_note(log, STRACELOG_NOTE_CUT_OFF, "inside a nanosleep line"));
	CHECK_INT(stracelog_find(log, X86_64, "nanosleep")->unreturned, 1);
	/* A pid that ended and prints again is a new process. */
	stracelog_processes(log, &n);
	CHECK_INT(n, 5);
	stracelog_free(log);
}

TEST(stracelog_read_attach_and_prefixless)
{
	struct stracelog *log = slt_read_text(
		NULL, "attach",
		"strace: Process 555 attached\n"
		"restart_syscall(<... resuming interrupted read ...>) = 0\n"
		"strace: Process 555 detached\n");

	REQUIRE(slt_proc(log, 555));
	CHECK_INT(slt_proc(log, 555)->calls, 1);
	CHECK_INT(slt_proc(log, 555)->end, STRACELOG_END_DETACHED);
	CHECK_INT(slt_calls(log, X86_64, "restart_syscall"), 1);
	stracelog_free(log);

	/* A plain `strace prog` log: no pids at all. */
	log = slt_read_text(NULL, "plain",
			    "getpid() = 5\r\n"
			    "\x1b[31mgetuid\x1b[0m() = 0\n");
	CHECK_INT(slt_calls(log, X86_64, "getpid"), 1);
	CHECK_INT(slt_calls(log, X86_64, "getuid"), 1);
	REQUIRE(slt_proc(log, 0));
	CHECK_INT(slt_proc(log, 0)->calls, 2);
	stracelog_free(log);
}
