/* SPDX-License-Identifier: Apache-2.0 */
/* What the files of notify share. */
#ifndef SECCOMPDBG_NOTIFY_INTERNAL_H
#define SECCOMPDBG_NOTIFY_INTERNAL_H

#include <stdint.h>
#include <sys/types.h>

#include "seccompdbg/notify.h"

/*
 * The call thread TID is blocked in, from /proc/TID/syscall: its number,
 * its six argument registers and its stack pointer. The kernel shows them
 * while the thread sleeps in the call, and also while it is stopped on
 * its way out of a call that a signal interrupted and that will restart
 * (the number is still the call's then). 0, -EAGAIN when it is running
 * or blocked outside any call, -ESRCH when it is gone, -errno.
 */
int notify_proc_syscall(pid_t tid, long *nr, uint64_t args[6], uint64_t *sp);

#endif
