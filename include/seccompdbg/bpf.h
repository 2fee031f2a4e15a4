/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bpf: a classic-BPF interpreter for seccomp programs, the oracle the
 * tests hold the compiler to (as libseccomp's tests do with its
 * simulator). It checks programs the way the kernel's seccomp checker
 * does before running them.
 */
#ifndef SECCOMPDBG_BPF_H
#define SECCOMPDBG_BPF_H

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/util.h"

/*
 * 0 when PROG could be loaded by the kernel as a seccomp filter:
 * at most BPF_MAXINSNS instructions, known opcodes, jumps forward and in
 * range, loads only of seccomp_data words, ends in a return. -EINVAL with
 * the instruction index in err otherwise.
 */
int bpf_check(const struct sock_filter *prog, size_t len, struct err *err);

/* Run a checked PROG on DATA; returns the SECCOMP_RET_* value. */
uint32_t bpf_run(const struct sock_filter *prog, size_t len,
		 const struct seccomp_data *data);

#endif
