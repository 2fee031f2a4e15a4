/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The output pane's terminal: a small vt100 that the program's bytes are
 * written into, instead of our own terminal. No byte the program writes
 * ever reaches the real terminal: printable text lands in a grid of
 * cells, the cursor controls it understands move within that grid, and
 * every other escape sequence (colours of the background, titles, modes,
 * queries) is parsed to its end and dropped. See docs/view.md.
 *
 * Pure data: no ncurses here, so the unit tests can drive it directly.
 */
#ifndef SECCOMPDBG_TUI_VT_H
#define SECCOMPDBG_TUI_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/util.h"

/* Cell attributes a program may set on its own text. */
#define TUI_VT_BOLD	 0x1
#define TUI_VT_UNDERLINE 0x2
#define TUI_VT_REVERSE	 0x4

/* The right half of a double-width character. */
#define TUI_VT_WIDE_TAIL 0xffffffffu

struct tui_vt_cell {
	uint32_t ch;  /* a printable code point; ' ' when blank */
	uint8_t attr; /* TUI_VT_* */
	uint8_t fg;   /* 0: default; 1..8: colour 0..7 */
};

struct tui_vt;

/*
 * A screen of ROWS x COLS (at least 1 x 1) with SCROLLBACK lines kept
 * above it. Never fails (aborts on out-of-memory).
 */
struct tui_vt *tui_vt_new(unsigned rows, unsigned cols, size_t scrollback);
void tui_vt_free(struct tui_vt *vt);

/* Interpret LEN bytes of the program's output. */
void tui_vt_write(struct tui_vt *vt, const void *buf, size_t len);

/*
 * New size. Lines keep their text (cut or padded); when the screen
 * shrinks, blank lines below the cursor go first, then the top lines move
 * into the scrollback.
 */
void tui_vt_resize(struct tui_vt *vt, unsigned rows, unsigned cols);

/* Lines in all: the scrollback, then the screen (always the last rows). */
size_t tui_vt_nlines(const struct tui_vt *vt);
/* Line I (0 is the oldest), tui_vt_cols() cells. Borrowed until the next
   write or resize. */
const struct tui_vt_cell *tui_vt_line(const struct tui_vt *vt, size_t i);
unsigned tui_vt_rows(const struct tui_vt *vt);
unsigned tui_vt_cols(const struct tui_vt *vt);
/* The cursor, on the screen (row 0 is the screen's top line). */
void tui_vt_cursor(const struct tui_vt *vt, unsigned *row, unsigned *col);

/* Line I as UTF-8 text without trailing blanks (for tests and copies). */
void tui_vt_line_text(const struct tui_vt *vt, size_t i, struct strbuf *out);

#endif
