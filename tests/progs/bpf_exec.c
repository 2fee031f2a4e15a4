// SPDX-License-Identifier: Apache-2.0
/*
 * bpf_exec FILE CMD [ARG...]: load the raw classic BPF in FILE (what
 * `seccompdbg export --to bpf` writes: struct sock_filter after struct
 * sock_filter) as a seccomp filter, with no_new_privs, and exec CMD.
 * What the kernel does with a profile alone, no supervisor: the tests
 * hold seccompdbg's "deny as the profile would" to it. Exits 125 when
 * the filter cannot be loaded, 127 when CMD cannot be run.
 */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static struct sock_filter insns[BPF_MAXINSNS];
	struct sock_fprog prog = {.filter = insns};
	FILE *f;
	size_t n;

	if (argc < 3) {
		fprintf(stderr, "usage: bpf_exec FILE CMD [ARG...]\n");
		return 125;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 125;
	}
	n = fread(insns, sizeof(insns[0]), BPF_MAXINSNS, f);
	fclose(f);
	prog.len = (unsigned short)n;
	if (!n || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		perror("bpf_exec: seccomp");
		return 125;
	}
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
