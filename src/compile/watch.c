// SPDX-License-Identifier: Apache-2.0
/*
 * The SIGSYS watch of TRAP mode's filter (docs/modes.md, "The program's
 * SIGSYS handler").
 *
 * When a filter traps a call while the thread blocks SIGSYS, or the
 * process ignores it, the kernel puts SIGSYS back to its default action
 * for the whole process and unblocks it before sending it
 * (force_sig_info_to_task, kernel/signal.c). glibc's pthread_create
 * blocks every signal around its clone, so in TRAP mode a sandbox that
 * handles its own SIGSYS would lose its handler at its next thread, and
 * die at its next SIGSYS. The tracer puts the handler back, so it must
 * know it: this prologue stops every call that may set SIGSYS's action
 * (x86_64's and x32's rt_sigaction, i386's rt_sigaction, sigaction and
 * signal, with SIGSYS as their first argument) with SECCOMP_RET_TRACE
 * and COMPILE_WATCH_ID, whatever the profile says of it; the tracer
 * reads the new action, then asks the filter proper, which starts right
 * after the prologue (its jumps are relative, so it runs as before).
 * Nothing else in a TRAP filter returns TRACE.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define X32_SYSCALL_BIT 0x40000000u

#define LD(field) \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, field))
#define JEQ(k, jt, jf) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (jt), (jf))

/* Jump offsets count from the next instruction; MAIN is the filter
 * proper, right after the last line. */
static const struct sock_filter prologue[COMPILE_WATCH_LEN] = {
	/* 0 */ LD(arch),
	/* 1 */ JEQ(AUDIT_ARCH_X86_64, 0, 3), /* else 5 */
	/* 2 */ LD(nr),
	/* 3 */ JEQ(13, 6, 0),			  /* rt_sigaction: 10 */
	/* 4 */ JEQ(X32_SYSCALL_BIT | 512, 5, 8), /* x32's: 10, else MAIN */
	/* 5 */ JEQ(AUDIT_ARCH_I386, 0, 7),	  /* else MAIN */
	/* 6 */ LD(nr),
	/* 7 */ JEQ(174, 2, 0),	    /* rt_sigaction: 10 */
	/* 8 */ JEQ(67, 1, 0),	    /* sigaction: 10 */
	/* 9 */ JEQ(48, 0, 3),	    /* signal, else MAIN */
	/* 10 */ LD(args[0]),	    /* its low half */
	/* 11 */ JEQ(SIGSYS, 0, 1), /* else MAIN */
				    /* 12 */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | COMPILE_WATCH_ID),
};

int compile_watch_sigsys(struct compile_bpf *bpf, struct err *err)
{
	struct sock_filter *insns;

	if (bpf->len + COMPILE_WATCH_LEN > BPF_MAXINSNS)
		return err_set(
			err, E2BIG,
			"the filter has %zu instructions, and TRAP mode adds %d; the kernel loads at most %d",
			bpf->len, COMPILE_WATCH_LEN, BPF_MAXINSNS);
	insns = xcalloc(bpf->len + COMPILE_WATCH_LEN, sizeof(*insns));
	memcpy(insns, prologue, sizeof(prologue));
	memcpy(insns + COMPILE_WATCH_LEN, bpf->insns,
	       bpf->len * sizeof(*insns));
	free(bpf->insns);
	bpf->insns = insns;
	bpf->len += COMPILE_WATCH_LEN;
	return 0;
}
