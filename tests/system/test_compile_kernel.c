// SPDX-License-Identifier: Apache-2.0
/*
 * The compiled filters in the real kernel. Generated rule sets over
 * calls that ignore their arguments (getppid, getpid, getuid, getgid),
 * each rule action a distinct ERRNO(k), are loaded into forked children,
 * which make the calls with chosen arguments: natively (x86_64), through
 * int 0x80 (i386: where the kernel has IA32 emulation) and with the x32
 * bit. What each call returns must be
 * what the interpreter says the program returns, and what eval says.
 * And compile_install itself in a child.
 */
#include <errno.h>
#include <limits.h>
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seccompdbg/bpf.h"
#include "seccompdbg/sysent.h"
#include "test.h"
#include "test_eval_rules.h"

#define CALLS 48

static const char *const harmless[] = {"getppid", "getpid", "getuid", "getgid"};

/* A call to make: which ABI, the number there, three arguments. */
struct kcall {
	uint32_t arch; /* AUDIT_ARCH_X86_64 (x32 bit in nr), or I386 */
	int nr;
	uint64_t args[3];
};

/* The raw result: >= 0, or -errno. */
static long kcall_make(const struct kcall *c)
{
	long ret;

	if (c->arch == AUDIT_ARCH_I386) {
		/* The i386 entry takes 32-bit registers. */
		__asm__ volatile("int $0x80"
				 : "=a"(ret)
				 : "a"((long)c->nr), "b"(c->args[0]),
				   "c"(c->args[1]), "d"(c->args[2]), "S"(0L),
				   "D"(0L)
				 : "memory");
		return (int)ret;
	}
	ret = syscall(c->nr, c->args[0], c->args[1], c->args[2], 0, 0, 0);
	return ret < 0 ? -errno : ret;
}

/* Load B in a child, make the calls: results in OUT, its pid in *CHILD. */
static bool kernel_run(const struct compile_bpf *b, const struct kcall *calls,
		       size_t n, long *out, pid_t *child)
{
	long *shared = mmap(NULL, n * sizeof(long), PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status;
	pid_t pid;
	size_t i;

	REQUIRE(shared != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		if (compile_install(b, true) < 0)
			test_child_exit(99);
		for (i = 0; i < n; i++)
			shared[i] = kcall_make(&calls[i]);
		test_child_exit(0);
	}
	REQUIRE(pid > 0 && waitpid(pid, &status, 0) == pid);
	*child = pid;
	memcpy(out, shared, n * sizeof(long));
	munmap(shared, n * sizeof(long));
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* What the call returns when it runs, in a child of ours. */
static long native_result(const struct kcall *c, pid_t child)
{
	const char *name = sysent_name(c->arch, c->nr);

	if (c->arch == AUDIT_ARCH_X86_64 && (c->nr & SYSENT_X32_BIT))
		return -ENOSYS; /* x32 is not built into this kernel */
	if (!strcmp(name, "getppid"))
		return getpid();
	if (!strcmp(name, "getpid"))
		return child;
	return !strcmp(name, "getuid") ? (long)getuid() : (long)getgid();
}

/* A call on one of the ABIs (i386 through int 0x80 only if I386). */
static void kcall_random(struct trand *t, const struct resolve_result *r,
			 struct kcall *c, bool i386)
{
	const char *name = harmless[trand_below(t, ARRAY_SIZE(harmless))];
	uint64_t args[6];
	size_t i;

	switch (trand_below(t, 4)) {
	case 0:
		if (!i386)
			goto x86_64;
		c->arch = AUDIT_ARCH_I386;
		c->nr = sysent_nr(c->arch, name);
		break;
	case 1:
		c->arch = AUDIT_ARCH_X86_64;
		c->nr = sysent_nr(c->arch, name) | SYSENT_X32_BIT;
		break;
	default:
	x86_64:
		c->arch = AUDIT_ARCH_X86_64;
		c->nr = sysent_nr(c->arch, name);
	}
	trand_args(t, r, args);
	for (i = 0; i < 3; i++)
		c->args[i] = c->arch == AUDIT_ARCH_I386 ? (uint32_t)args[i]
							: args[i];
}

/* The kernel, the interpreter and eval agree on every call of a set. */
static void kernel_agreement(uint64_t seed, size_t sets, bool i386)
{
	const uint32_t arches[] = {AUDIT_ARCH_I386,
				   sysent_arch_by_scmp("SCMP_ARCH_X32")->token};
	struct trand_spec spec = {
		.names = harmless,
		.nnames = ARRAY_SIZE(harmless),
		.arches = arches,
		.narches = 2,
		.max_rules = 6,
		.only_errno = true,
		.always_allow = "exit_group",
	};
	size_t s, i, checked = 0;

	for (s = 0; s < sets; s++) {
		struct trand t = {seed ^ (s << 32)};
		struct resolve_result *r = trand_ruleset(&t, &spec);
		struct kcall calls[CALLS];
		long got[CALLS];
		struct tfilters f;
		struct strbuf why = STRBUF_INIT;
		pid_t child;

		if (tfilters_init(&f, r, NULL) < 0)
			goto next;
		for (i = 0; i < CALLS; i++)
			kcall_random(&t, r, &calls[i], i386);
		REQUIRE(kernel_run(&f.orig, calls, CALLS, got, &child));
		for (i = 0; i < CALLS; i++) {
			struct tcall c = {calls[i].arch,
					  calls[i].nr,
					  {calls[i].args[0], calls[i].args[1],
					   calls[i].args[2]}};
			struct seccomp_data d = {.nr = c.nr, .arch = c.arch};
			uint32_t ret;
			long want;

			memcpy(d.args, c.args, sizeof(d.args));
			ret = bpf_run(f.orig.insns, f.orig.len, &d);
			want = (ret & SECCOMP_RET_ACTION_FULL) ==
					       SECCOMP_RET_ERRNO
				       ? -(long)(ret & SECCOMP_RET_DATA)
				       : native_result(&calls[i], child);
			strbuf_reset(&why);
			if (!tfilters_agree(&f, &c, &why))
				test_fail(__FILE__, __LINE__, "set %zu: %s", s,
					  strbuf_str(&why));
			if (got[i] != want)
				test_fail(
					__FILE__, __LINE__,
					"set %zu call %zu (arch %#x nr %d): kernel gave %ld, interpreter %#x",
					s, i, c.arch, c.nr, got[i], ret);
			checked++;
		}
		strbuf_release(&why);
	next:
		tfilters_release(&f);
		tset_free(r);
	}
	printf("    %zu calls made in the kernel\n", checked);
	CHECK(checked > sets * CALLS / 2);
}

/* x86_64 and x32 calls: every x86_64 kernel makes them. */
TEST(compile_kernel_agrees_with_interpreter)
{
	kernel_agreement(0x4e7e2, 100, false);
}

/* And i386 calls, through int $0x80 from this 64-bit program. */
TEST(compile_kernel_agrees_with_interpreter_int80)
{
	REQUIRE_INT80();
	kernel_agreement(0x4e7e1, 150, true);
}

/*
 * The accumulator slip of test_eval_quirks.c in the kernel: a call the
 * rules refuse runs. The TRACE filter slips the same way (no tracer:
 * what it catches fails with ENOSYS, what it lets through runs).
 */
TEST(compile_kernel_runs_the_stale_accumulator_slip)
{
	const struct trule rules[] = {
		tset_slip_rules[0],
		tset_slip_rules[1],
		{"exit_group", PROFILE_ACT_ALLOW, 0, 0, {{0}}},
	};
	const struct kcall calls[] = {
		{AUDIT_ARCH_X86_64, SYS_getppid, {0, 0, 5}},
		{AUDIT_ARCH_X86_64, SYS_getppid, {0, 0, 0x100000000ull}},
		{AUDIT_ARCH_X86_64, SYS_getppid, {0, 0, 0xffffffffull}},
	};
	struct resolve_result *r = tset_build(
		NULL, 0, (struct profile_verdict){PROFILE_ACT_ERRNO, 1}, rules,
		3);
	struct compile_bpf orig, trace;
	long got[3];
	pid_t child;

	REQUIRE(compile_filter(r, COMPILE_ORIGINAL, &orig, NULL) == 0);
	REQUIRE(compile_filter(r, COMPILE_TRACE, &trace, NULL) == 0);
	REQUIRE(kernel_run(&orig, calls, 3, got, &child));
	CHECK_INT(got[0], -2);
	CHECK_INT(got[1], -1);
	CHECK_INT(got[2], getpid());
	REQUIRE(kernel_run(&trace, calls, 3, got, &child));
	CHECK_INT(got[0], -ENOSYS);
	CHECK_INT(got[1], -ENOSYS);
	CHECK_INT(got[2], getpid());
	compile_bpf_release(&orig);
	compile_bpf_release(&trace);
	tset_free(r);
}

/*
 * In a child: install B, then check what getppid and getuid return.
 * The child's exit status: 0 when all went as expected.
 */
static int child_status(const struct compile_bpf *b)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (compile_install(b, true) < 0)
			test_child_exit(100);
		if (syscall(SYS_getppid) != -1 || errno != 13)
			test_child_exit(101);
		if (syscall(SYS_getuid) != (long)getuid())
			test_child_exit(102);
		test_child_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 200;
}

TEST(compile_install_in_a_child)
{
	static const struct trule rules[] = {
		{"getppid", PROFILE_ACT_ERRNO, 13, 0, {{0}}},
		{"getuid exit_group", PROFILE_ACT_ALLOW, 0, 0, {{0}}},
	};
	const struct profile_verdict eperm = {PROFILE_ACT_ERRNO, 1};
	struct resolve_result *r = tset_build(NULL, 0, eperm, rules, 2);
	struct compile_bpf b;

	REQUIRE(compile_filter(r, COMPILE_ORIGINAL, &b, NULL) == 0);
	CHECK_INT(child_status(&b), 0);
	compile_bpf_release(&b);
	/* NOTIFY gives a listener; getppid then waits on it, so only the
	   descriptor is checked. */
	REQUIRE(compile_filter(r, COMPILE_NOTIFY, &b, NULL) == 0);
	CHECK(b.flags & SECCOMP_FILTER_FLAG_NEW_LISTENER);
	{
		int status;
		pid_t pid = fork();

		if (pid == 0)
			test_child_exit(compile_install(&b, true) > 2 ? 0 : 1);
		REQUIRE(waitpid(pid, &status, 0) == pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	compile_bpf_release(&b);
	/* A program the kernel refuses comes back as -EINVAL. */
	b.insns = NULL;
	b.len = 0;
	CHECK_INT(compile_install(&b, false), -EINVAL);
	tset_free(r);
}
