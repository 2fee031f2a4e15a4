/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the tests of the commands share (test_cli.c): running the built
 * seccompdbg from the source tree, and loading a real profile.
 */
#ifndef SECCOMPDBG_TEST_CLI_H
#define SECCOMPDBG_TEST_CLI_H

#include "seccompdbg/profile.h"
#include "test.h"

/* Standard output and error of the last tc_run (heap, replaced). */
extern char *tc_out, *tc_err;

/*
 * Run "seccompdbg ARGS" (ARGS made from FMT) in the source tree, so that
 * tests/data/... paths work; its exit status.
 */
int tc_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* tests/data/profiles/NAME, which must load (the test ends if not). */
struct profile *tc_load(const char *name);

#endif
