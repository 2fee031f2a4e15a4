/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vt tests' helpers: a terminal fed a string, and its rows as text.
 */
#ifndef SECCOMPDBG_TEST_VT_H
#define SECCOMPDBG_TEST_VT_H

#include "seccompdbg/vt.h"

/* A ROWS x COLS terminal with 100 lines of scrollback, in the C.UTF-8
   locale, fed S. */
struct vt *tv_with(unsigned rows, unsigned cols, const char *s);
void tv_put(struct vt *vt, const char *s);
/* The text of screen row Y (0 = top of the screen); valid until the
   next call. */
const char *tv_row(struct vt *vt, unsigned y);

#endif
