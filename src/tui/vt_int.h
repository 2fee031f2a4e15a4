/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Inside the output pane's terminal: the state shared by the grid
 * (vt.c) and the byte parser (vt_parse.c).
 */
#ifndef SECCOMPDBG_TUI_VT_INT_H
#define SECCOMPDBG_TUI_VT_INT_H

#include "vt.h"

/* At most this many numbers of one CSI sequence are kept; each is capped. */
#define TUI_VT_MAX_PARAMS 16
#define TUI_VT_PARAM_MAX  9999

enum tui_vt_state {
	TUI_VT_GROUND,
	TUI_VT_ESC,	  /* after ESC */
	TUI_VT_ESC_INTER, /* ESC and intermediates: ESC ( B ... */
	TUI_VT_CSI,	  /* ESC [ parameters */
	TUI_VT_CSI_SKIP,  /* a CSI we will not act on: to its final byte */
	TUI_VT_STRING,	  /* OSC, DCS, SOS, PM, APC: dropped up to BEL/ST */
	TUI_VT_STRING_ESC /* ESC inside a string: ST if '\' follows */
};

struct tui_vt {
	unsigned rows, cols;
	size_t scrollback;
	struct tui_vt_cell **ring; /* cap slots; the screen is the newest
				      rows lines */
	size_t cap, head, count;
	unsigned cx, cy;
	bool wrap_pending; /* the last column was written: wrap on the next */
	unsigned saved_cx, saved_cy;
	uint8_t attr, fg;
	/* parser */
	enum tui_vt_state state;
	unsigned params[TUI_VT_MAX_PARAMS];
	unsigned nparams;
	bool csi_private; /* '?', '>', '=' or '<' first: a mode or query */
	uint32_t utf8_cp;
	unsigned utf8_need;
	uint32_t utf8_min;
};

/* vt.c: the grid */
struct tui_vt_cell *tui_vt_row(struct tui_vt *vt, unsigned y);
void tui_vt_clamp(struct tui_vt *vt);
void tui_vt_linefeed(struct tui_vt *vt);
void tui_vt_reverse_index(struct tui_vt *vt);
void tui_vt_print(struct tui_vt *vt, uint32_t ch);
void tui_vt_erase(struct tui_vt *vt, unsigned y, unsigned x0, unsigned x1);
void tui_vt_erase_screen(struct tui_vt *vt, unsigned y0, unsigned y1);
void tui_vt_shift(struct tui_vt *vt, unsigned n, bool insert);

#endif
