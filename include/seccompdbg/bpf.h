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
 * 1 to BPF_MAXINSNS instructions, opcodes seccomp allows, jumps forward
 * and in range, loads only of aligned words of struct seccomp_data,
 * scratch words written before they are read, a return at the end.
 * -EINVAL with the instruction index in err otherwise.
 */
int bpf_verify(const struct sock_filter *prog, size_t len, struct err *err);

/*
 * Run PROG, which passed bpf_verify, on DATA (words read in host byte
 * order, as the kernel lays seccomp_data out); returns the SECCOMP_RET_*
 * value. Division by a zero X returns 0, as in the kernel.
 */
uint32_t bpf_run(const struct sock_filter *prog, size_t len,
		 const struct seccomp_data *data);

#endif
