/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small test framework for the C suites. Each TEST() registers itself
 * at start-up; the runner (tests/runner/main.c) runs every test in a
 * forked child, so a crash fails that test and not the run, and ends
 * with the lines "N skipped" and "N passed, N failed". CHECK* record a
 * failure and go on; REQUIRE* also end the test; test_skip ends it as
 * skipped, with the reason printed: for what this machine lacks (a
 * kernel feature, a tool), never for a failure.
 */
#ifndef SECCOMPDBG_TEST_H
#define SECCOMPDBG_TEST_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

typedef void (*test_fn)(void);

void test_register(const char *name, const char *file, test_fn fn);
void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void test_end(void) __attribute__((noreturn));
/* End the test as skipped (unless it failed already), saying why. */
void test_skip(const char *fmt, ...) __attribute__((noreturn))
__attribute__((format(printf, 1, 2)));
/* Absolute path of a file under tests/data/ (static buffer, per call). */
const char *test_data(const char *rel);
/* Run the tests NAMEs select (all without one), as main() does. */
int test_run(int argc, char **argv);

#ifdef TEST_SYSTEM
/* System tests only (programs.c). */
/* Absolute path of a built test helper under build/tests/. */
const char *test_build(const char *rel);
/* The built program, build/seccompdbg. */
const char *test_seccompdbg(void);
/*
 * Run the shell line CMD; its standard output and error in *out and *err
 * (heap strings, either may be NULL to discard). Returns the exit status,
 * or -1 when it did not exit.
 */
int test_sh(const char *cmd, char **out, char **err);
/*
 * What the kernel offers, probed once per test (a fork each): 32-bit
 * programs (build/tests/progs/live_calls-32 runs), and int $0x80 from
 * 64-bit code (a child makes one). false with *why saying what happened
 * (a static string). Kernels without IA32 emulation have neither: execve
 * fails with ENOEXEC, int $0x80 is killed.
 */
bool test_has_ia32_programs(const char **why);
bool test_has_int80(const char **why);
/* Skip the test unless the kernel runs 32-bit programs / int $0x80. */
#define REQUIRE_IA32_PROGRAMS()                                       \
	do {                                                          \
		const char *why_;                                     \
		if (!test_has_ia32_programs(&why_))                   \
			test_skip("needs 32-bit programs: %s", why_); \
	} while (0)
#define REQUIRE_INT80()                                                   \
	do {                                                              \
		const char *why_;                                         \
		if (!test_has_int80(&why_))                               \
			test_skip("needs int $0x80 from 64-bit code: %s", \
				  why_);                                  \
	} while (0)
#endif

/* Built with AddressSanitizer (make check SANITIZE=1). */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_SANITIZED 1
#else
#define TEST_SANITIZED 0
#endif

/*
 * End a forked child that installed a seccomp filter: exit_group itself.
 * _exit would do, but under ASan it first calls sigaltstack and more,
 * which that filter may refuse (ASan then dies with status 1) or hold on
 * a listener no one reads. ASan makes that call before every call of a
 * function that never returns, so this one must look as if it could:
 * no loop, no abort() after the system call (which cannot fail).
 */
static inline void test_child_exit(int code)
{
	syscall(SYS_exit_group, code);
}

/* N, or a tenth of it (at least 1) under the sanitizers, for loops of
   thousands of generated cases, each forking libseccomp's child. */
static inline size_t test_scaled(size_t n)
{
	return TEST_SANITIZED && n >= 10 ? n / 10 : n;
}

#define TEST(name)                                                     \
	static void test_##name(void);                                 \
	__attribute__((constructor)) static void test_reg_##name(void) \
	{                                                              \
		test_register(#name, __FILE__, test_##name);           \
	}                                                              \
	static void test_##name(void)

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); \
	} while (0)

#define REQUIRE(cond)                                                        \
	do {                                                                 \
		if (!(cond)) {                                               \
			test_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond); \
			test_end();                                          \
		}                                                            \
	} while (0)

#define CHECK_INT(a, b)                                                      \
	do {                                                                 \
		long long a_ = (long long)(a), b_ = (long long)(b);          \
		if (a_ != b_)                                                \
			test_fail(__FILE__, __LINE__,                        \
				  "%s == %lld, expected %s == %lld", #a, a_, \
				  #b, b_);                                   \
	} while (0)

#define CHECK_U64(a, b)                                                     \
	do {                                                                \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);            \
		if (a_ != b_)                                               \
			test_fail(__FILE__, __LINE__,                       \
				  "%s == %#" PRIx64 ", expected %#" PRIx64, \
				  #a, a_, b_);                              \
	} while (0)

#define CHECK_STR(a, b)                                                        \
	do {                                                                   \
		const char *a_ = (a), *b_ = (b);                               \
		if (!a_ || !b_ || strcmp(a_, b_) != 0)                         \
			test_fail(__FILE__, __LINE__,                          \
				  "%s == \"%s\"\n      expected    \"%s\"",    \
				  #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} while (0)

/* a contains b */
#define CHECK_CONTAINS(a, b)                                                   \
	do {                                                                   \
		const char *a_ = (a), *b_ = (b);                               \
		if (!a_ || !strstr(a_, b_))                                    \
			test_fail(                                             \
				__FILE__, __LINE__,                            \
				"%s == \"%s\"\n      does not contain \"%s\"", \
				#a, a_ ? a_ : "(null)", b_);                   \
	} while (0)

#endif
