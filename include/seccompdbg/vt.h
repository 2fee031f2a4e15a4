/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vt: the traced program's terminal, emulated. The program's output is
 * written into a small vt100/xterm of our own instead of our terminal:
 * printable text lands in a grid of cells, the controls and sequences
 * that concern the program's own screen (cursor moves, erases, scroll
 * regions, the alternate screen, bold/underline/reverse and foreground
 * colours) act on that grid, and everything else is parsed to its end
 * and dropped. No byte of the output is passed on: a caller gets cells
 * holding printable code points. Why not libvterm: docs/architecture.md.
 *
 * Pure data: no terminal, no ncurses, so the tests and a fuzzer drive it
 * directly. Character widths are the C library's (wcwidth) in the
 * current LC_CTYPE locale, the ones the view draws with.
 */
#ifndef SECCOMPDBG_VT_H
#define SECCOMPDBG_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/util.h"

/* Cell attributes a program may set on its own text. */
#define VT_BOLD	     0x1
#define VT_UNDERLINE 0x2
#define VT_REVERSE   0x4

/* The right half of a double-width character (drawn with its left). */
#define VT_WIDE_TAIL 0xffffffffu

struct vt_cell {
	uint32_t ch;  /* a printable code point, ' ' when blank, or
			 VT_WIDE_TAIL */
	uint8_t attr; /* VT_* */
	uint8_t fg;   /* 0: the default; 1..8: colour 0..7 */
};

struct vt;

/*
 * A terminal of ROWS x COLS (each at least 1, at most VT_MAX_SIZE) with
 * SCROLLBACK lines kept above its screen. Never fails (aborts when out of
 * memory, as the x-allocators do).
 */
#define VT_MAX_SIZE 4096
struct vt *vt_new(unsigned rows, unsigned cols, size_t scrollback);
void vt_free(struct vt *vt);

/* Interpret LEN bytes of the program's output. A sequence may be split
   anywhere across calls. Nothing is ever answered. */
void vt_write(struct vt *vt, const void *buf, size_t len);

/*
 * New size. Lines keep their text (cut or padded); when the screen
 * shrinks, blank lines below the cursor go first, then the top lines move
 * into the scrollback. A scroll region is reset to the whole screen.
 */
void vt_resize(struct vt *vt, unsigned rows, unsigned cols);

unsigned vt_rows(const struct vt *vt);
unsigned vt_cols(const struct vt *vt);
/* Lines in all: the scrollback, then the screen (always the last rows;
   the alternate screen while the program is on it). */
size_t vt_nlines(const struct vt *vt);
/* Line I (0 is the oldest), vt_cols() cells, or NULL past the end.
   Borrowed until the next write or resize. */
const struct vt_cell *vt_line(const struct vt *vt, size_t i);
/* The cursor on the screen (row 0 is the screen's top line), and
   whether the program shows it (CSI ? 25 h/l). */
void vt_cursor(const struct vt *vt, unsigned *row, unsigned *col,
	       bool *visible);
/* Whether the program is on its alternate screen, where a full-screen
   program draws; its lines never go to the scrollback. */
bool vt_is_altscreen(const struct vt *vt);

/* Line I as UTF-8 text without trailing blanks, appended to OUT. */
void vt_line_text(const struct vt *vt, size_t i, struct strbuf *out);
/*
 * Everything the pane can show, the scrollback then the screen, each
 * line's text ended by '\n', appended to OUT: what the view draws, as
 * text. It never holds a control character besides those newlines, nor
 * bad UTF-8. Fed by vt_new, vt_write and vt_resize, it is the entry
 * point for a fuzzer of the emulator.
 */
void vt_render(const struct vt *vt, struct strbuf *out);

#endif
