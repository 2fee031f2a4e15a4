// SPDX-License-Identifier: Apache-2.0
/*
 * What nearly every program needs, as data: `check` warns when a profile
 * refuses one of these, each warning with its one-line reason.
 *
 * The start-up and thread lists were read off strace runs on Debian 12
 * (glibc 2.36, x86_64) of a dynamically linked `int main(){return 0;}`
 * and of a program that starts and joins one thread; a system test
 * (tests/system/test_why_baseline.c) reruns that observation with strace
 * and checks the table still covers it.
 */
#include <linux/audit.h>
#include <stddef.h>

#include "seccompdbg/why.h"

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})
/* The profile scraped from strace that broke Chrome without them. */
#define FRAZELLE \
	"https://blog.jessfraz.com/post/how-to-use-new-docker-seccomp-profiles/ (the Chrome profile that missed exit and exit_group)"
#define MINIJAIL \
	"google/minijail tools/generate_seccomp_policy.py (adds it to every policy)"
#define STRACED \
	"strace of a dynamically linked program on Debian 12, glibc 2.36 (src/why/baseline.c)"

static const struct why_need needs[] = {
	{NAMES("execve", "execveat"), 0,
	 "the runtime installs the filter and then execs the program: refusing execve stops every container before it starts",
	 "moby/moby#22252"},
	{NAMES("exit"), 0, "every thread ends with exit", FRAZELLE},
	{NAMES("exit_group"), 0, "every process ends with exit_group",
	 FRAZELLE},
	{NAMES("rt_sigreturn"), 0,
	 "returning from any signal handler needs rt_sigreturn", MINIJAIL},
	{NAMES("restart_syscall"), 0,
	 "a call interrupted by a stop (SIGSTOP, ptrace) resumes through restart_syscall",
	 MINIJAIL},
	/* glibc's dynamic loader and start-up code */
	{NAMES("brk"), AUDIT_ARCH_X86_64,
	 "glibc's loader and malloc set up the heap with brk", STRACED},
	{NAMES("arch_prctl"), AUDIT_ARCH_X86_64,
	 "glibc sets the thread pointer with arch_prctl(ARCH_SET_FS)", STRACED},
	{NAMES("mmap"), AUDIT_ARCH_X86_64,
	 "the loader maps every shared library with mmap", STRACED},
	{NAMES("mprotect"), AUDIT_ARCH_X86_64,
	 "the loader write-protects relocated data (RELRO) with mprotect",
	 STRACED},
	{NAMES("munmap"), AUDIT_ARCH_X86_64,
	 "the loader unmaps ld.so.cache with munmap", STRACED},
	{NAMES("openat", "open"), AUDIT_ARCH_X86_64,
	 "the loader opens ld.so.cache and the libraries with openat", STRACED},
	{NAMES("read"), AUDIT_ARCH_X86_64,
	 "the loader reads each library's ELF header", STRACED},
	{NAMES("pread64"), AUDIT_ARCH_X86_64,
	 "the loader reads program headers with pread64 (a name naive strace scraping drops)",
	 STRACED},
	{NAMES("close"), AUDIT_ARCH_X86_64,
	 "the loader closes each library after mapping it", STRACED},
	{NAMES("newfstatat", "fstat"), AUDIT_ARCH_X86_64,
	 "the loader stats each library (fstat is newfstatat in glibc 2.33 and later)",
	 STRACED},
	{NAMES("set_tid_address"), AUDIT_ARCH_X86_64,
	 "glibc registers the thread id address at start-up", STRACED},
	{NAMES("set_robust_list"), AUDIT_ARCH_X86_64,
	 "glibc registers the robust futex list of every thread", STRACED},
	{NAMES("prlimit64"), AUDIT_ARCH_X86_64,
	 "glibc reads the stack limit at start-up with prlimit64", STRACED},
	/* pthread_create and pthread_exit */
	{NAMES("clone3", "clone"), AUDIT_ARCH_X86_64,
	 "pthread_create starts threads with clone3, or clone when clone3 fails with ENOSYS",
	 STRACED},
	{NAMES("futex"), AUDIT_ARCH_X86_64,
	 "threads wait for each other (pthread_join, mutexes) with futex",
	 STRACED},
	{NAMES("rt_sigprocmask"), AUDIT_ARCH_X86_64,
	 "pthread_create blocks signals around the clone with rt_sigprocmask",
	 STRACED},
	{NAMES("rt_sigaction"), AUDIT_ARCH_X86_64,
	 "the first pthread_create installs glibc's internal signal handlers with rt_sigaction",
	 STRACED},
	{NAMES("madvise"), AUDIT_ARCH_X86_64,
	 "an exiting thread gives its stack back with madvise", STRACED},
};

const struct why_need *why_baseline(size_t *n)
{
	*n = sizeof(needs) / sizeof(needs[0]);
	return needs;
}
