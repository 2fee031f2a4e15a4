/* SPDX-License-Identifier: Apache-2.0 */
/* Short spellings of the classic-BPF statements the bpf tests write. */
#ifndef SECCOMPDBG_TEST_BPF_H
#define SECCOMPDBG_TEST_BPF_H

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>

#define LD_NR \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define LD_ARCH \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch))
#define LD_ARG_LO(i)                       \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, \
		 offsetof(struct seccomp_data, args[i]))
#define RET(k) BPF_STMT(BPF_RET | BPF_K, (k))

#endif
