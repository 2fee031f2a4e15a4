/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Inside vt: the state shared by the grid and the scrollback (grid.c),
 * the scroll region and the alternate screen (screen.c), the byte parser
 * (parse.c) and the CSI sequences it hands on (csi.c).
 */
#ifndef SECCOMPDBG_VT_INTERNAL_H
#define SECCOMPDBG_VT_INTERNAL_H

#include "seccompdbg/vt.h"

/* At most this many numbers of one CSI sequence are kept; each is capped,
   so no count can make one sequence cost more than a screenful. */
#define VT_MAX_PARAMS 16
#define VT_PARAM_MAX  9999

enum vt_state {
	VT_GROUND,
	VT_ESC,	      /* after ESC */
	VT_ESC_INTER, /* ESC and intermediates: ESC ( B ... */
	VT_CSI,	      /* ESC [ parameters */
	VT_CSI_SKIP,  /* a CSI we will not act on: to its final byte */
	VT_STRING,    /* OSC, DCS, SOS, PM, APC: dropped up to BEL/ST */
	VT_STRING_ESC /* ESC inside a string: ST if '\' follows */
};

struct vt {
	unsigned rows, cols;
	size_t scrollback;
	/* the primary screen: a ring of scrollback + rows lines, the
	   screen being the newest rows of them */
	struct vt_cell **ring;
	size_t cap, head, count;
	/* the alternate screen, rows lines, while alt_on */
	struct vt_cell **alt;
	bool alt_on;
	unsigned cx, cy;
	bool wrap_pending; /* the last column was written: wrap on the next */
	bool cursor_hidden;
	unsigned saved_cx, saved_cy;
	/* saved by CSI ? 1049 h, given back by CSI ? 1049 l */
	unsigned alt_saved_cx, alt_saved_cy;
	unsigned top, bottom; /* the scroll region, rows top..bottom */
	uint8_t attr, fg;
	/* parser */
	enum vt_state state;
	unsigned params[VT_MAX_PARAMS];
	unsigned nparams;
	char csi_private; /* '?', '>', '=' or '<' first, else 0 */
	uint32_t utf8_cp;
	unsigned utf8_need;
	uint32_t utf8_min;
};

/* grid.c: cells, rows and the scrollback */
void vt_cells_blank(struct vt_cell *c, size_t n);
/* Screen row Y of the screen shown now (primary or alternate). */
struct vt_cell *vt_row(struct vt *vt, unsigned y);
void vt_clamp(struct vt *vt);
/* ESC 7 and CSI s save the cursor; ESC 8 and CSI u (RESTORE) put it
   back, within the screen. */
void vt_cursor_save(struct vt *vt, bool restore);
void vt_print(struct vt *vt, uint32_t ch);
void vt_erase(struct vt *vt, unsigned y, unsigned x0, unsigned x1);
void vt_erase_rows(struct vt *vt, unsigned y0, unsigned y1);
void vt_shift(struct vt *vt, unsigned n, bool insert);
/* One more blank line at the bottom of the primary screen; the top one
   goes into the scrollback. */
void vt_ring_push(struct vt *vt);
/* Re-cut every line of the primary screen for ROWS x COLS. */
void vt_ring_resize(struct vt *vt, unsigned rows, unsigned cols);

/* screen.c: the scroll region and the alternate screen */
void vt_linefeed(struct vt *vt);
void vt_reverse_index(struct vt *vt);
/* CSI L and M: N lines inserted or deleted at the cursor's, within the
   scroll region. */
void vt_lines(struct vt *vt, unsigned n, bool insert);
/* CSI S and T: the region scrolls up or down by N. */
void vt_scroll(struct vt *vt, unsigned n, bool up);
void vt_set_region(struct vt *vt, unsigned top, unsigned bottom);
/* CSI ? N h and l. */
void vt_set_mode(struct vt *vt, unsigned mode, bool on);
/* ESC c: a whole new terminal, keeping the scrollback. */
void vt_reset(struct vt *vt);
void vt_alt_free(struct vt *vt);
void vt_alt_resize(struct vt *vt, unsigned rows, unsigned cols);

/* csi.c */
void vt_csi_dispatch(struct vt *vt, unsigned char final);

#endif
