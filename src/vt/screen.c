// SPDX-License-Identifier: Apache-2.0
/*
 * vt's screens: the scroll region and the alternate screen, the two
 * things a full-screen program (an editor, a pager, top, a progress
 * display with a fixed header) needs besides cursor moves.
 *
 * The scroll region (DECSTBM, CSI top;bottom r) is the rows a line feed
 * at its bottom, a reverse index at its top, inserting and deleting lines
 * and CSI S/T scroll; the rows outside stay. Only a line leaving the top
 * of the whole primary screen goes into the scrollback, as in xterm: the
 * scrollback is the record of what scrolled away, not of a region's
 * churn.
 *
 * The alternate screen (CSI ? 1049/1047/47 h) is a second grid of the
 * screen's size with no scrollback; the primary screen and its
 * scrollback wait under it unchanged until the program leaves it (or
 * ends without leaving it: then the pane keeps showing the alternate
 * screen, as a terminal would until something is written).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The cursor is in the region: scrolling acts on it. */
static bool in_region(const struct vt *vt)
{
	return vt->cy >= vt->top && vt->cy <= vt->bottom;
}

static bool region_is_screen(const struct vt *vt)
{
	return vt->top == 0 && vt->bottom == vt->rows - 1;
}

/* Rows [y, bottom] move down by N (blank lines come in at y) or up by
   N (they come in at the bottom). */
static void move_rows(struct vt *vt, unsigned y, unsigned n, bool down)
{
	unsigned span = vt->bottom + 1 - y, i;

	if (n > span)
		n = span;
	for (i = 0; i < span - n; i++) {
		unsigned to = down ? vt->bottom - i : y + i;
		unsigned from = down ? to - n : to + n;

		memcpy(vt_row(vt, to), vt_row(vt, from),
		       vt->cols * sizeof(struct vt_cell));
	}
	if (down)
		vt_erase_rows(vt, y, y + n);
	else
		vt_erase_rows(vt, vt->bottom + 1 - n, vt->bottom + 1);
}

void vt_lines(struct vt *vt, unsigned n, bool insert)
{
	if (!in_region(vt))
		return; /* as terminals do: only inside the region */
	move_rows(vt, vt->cy, n, insert);
	vt->cx = 0;
	vt->wrap_pending = false;
}

/* The region up by one line: into the scrollback when it is the whole
   primary screen. */
static void region_up(struct vt *vt)
{
	if (!vt->alt_on && region_is_screen(vt))
		vt_ring_push(vt);
	else
		move_rows(vt, vt->top, 1, false);
}

void vt_linefeed(struct vt *vt)
{
	vt->wrap_pending = false;
	if (vt->cy == vt->bottom)
		region_up(vt);
	else if (vt->cy + 1 < vt->rows)
		vt->cy++;
}

/* Reverse index: the cursor up; at the region's top the region moves
   down. */
void vt_reverse_index(struct vt *vt)
{
	vt->wrap_pending = false;
	if (vt->cy == vt->top)
		move_rows(vt, vt->top, 1, true);
	else if (vt->cy > 0)
		vt->cy--;
}

void vt_scroll(struct vt *vt, unsigned n, bool up)
{
	unsigned i, span = vt->bottom + 1 - vt->top;

	if (n > span)
		n = span;
	for (i = 0; up && i < n; i++)
		region_up(vt);
	if (!up)
		move_rows(vt, vt->top, n, true);
	vt->wrap_pending = false;
}

void vt_set_region(struct vt *vt, unsigned top, unsigned bottom)
{
	/* 1-based, 0 for the default; a region of one line is refused, as
	   terminals do */
	top = top ? top - 1 : 0;
	bottom = bottom && bottom <= vt->rows ? bottom - 1 : vt->rows - 1;
	if (top >= bottom)
		return;
	vt->top = top;
	vt->bottom = bottom;
	vt->cx = 0;
	vt->cy = 0;
	vt->wrap_pending = false;
}

static void region_reset(struct vt *vt)
{
	vt->top = 0;
	vt->bottom = vt->rows - 1;
}

/* ---- the alternate screen ------------------------------------------------ */

static void alt_alloc(struct vt *vt)
{
	unsigned y;

	vt->alt = xcalloc(vt->rows, sizeof(*vt->alt));
	for (y = 0; y < vt->rows; y++) {
		vt->alt[y] = xreallocarray(NULL, vt->cols, sizeof(**vt->alt));
		vt_cells_blank(vt->alt[y], vt->cols);
	}
}

void vt_alt_free(struct vt *vt)
{
	unsigned y;

	if (!vt->alt)
		return;
	for (y = 0; y < vt->rows; y++)
		free(vt->alt[y]);
	free(vt->alt);
	vt->alt = NULL;
}

static void alt_enter(struct vt *vt, bool save_cursor)
{
	if (vt->alt_on)
		return;
	if (save_cursor) {
		vt->alt_saved_cx = vt->cx;
		vt->alt_saved_cy = vt->cy;
	}
	/* a fresh screen each time: what the last full-screen program left
	   is not shown again */
	alt_alloc(vt);
	vt->alt_on = true;
	region_reset(vt);
	vt->wrap_pending = false;
}

static void alt_leave(struct vt *vt, bool restore_cursor)
{
	if (!vt->alt_on)
		return;
	vt_alt_free(vt);
	vt->alt_on = false;
	region_reset(vt);
	if (restore_cursor) {
		vt->cx = vt->alt_saved_cx;
		vt->cy = vt->alt_saved_cy;
	}
	vt_clamp(vt);
}

void vt_set_mode(struct vt *vt, unsigned mode, bool on)
{
	switch (mode) {
	case 25: /* the cursor shown */
		vt->cursor_hidden = !on;
		break;
	case 47:
	case 1047:
		if (on)
			alt_enter(vt, false);
		else
			alt_leave(vt, false);
		break;
	case 1049: /* with the cursor saved and given back */
		if (on)
			alt_enter(vt, true);
		else
			alt_leave(vt, true);
		break;
	default: /* mouse, bracketed paste, keypad...: nothing to show */
		break;
	}
}

void vt_reset(struct vt *vt)
{
	alt_leave(vt, false);
	region_reset(vt);
	vt_erase_rows(vt, 0, vt->rows);
	vt->cx = 0;
	vt->cy = 0;
	vt->wrap_pending = false;
	vt->cursor_hidden = false;
	vt->attr = 0;
	vt->fg = 0;
}

/* The alternate screen cut or padded to ROWS x COLS (before the primary
   one, whose size is still the old one); the cursor stays on it. */
void vt_alt_resize(struct vt *vt, unsigned rows, unsigned cols)
{
	struct vt_cell **alt = xcalloc(rows, sizeof(*alt));
	unsigned keep = vt->cols < cols ? vt->cols : cols;
	unsigned drop = vt->cy >= rows ? vt->cy + 1 - rows : 0, y;

	for (y = 0; y < rows; y++) {
		alt[y] = xreallocarray(NULL, cols, sizeof(**alt));
		vt_cells_blank(alt[y], cols);
		if (y + drop < vt->rows)
			memcpy(alt[y], vt->alt[y + drop], keep * sizeof(**alt));
		if (keep < vt->cols && alt[y][keep - 1].ch != VT_WIDE_TAIL &&
		    y + drop < vt->rows &&
		    vt->alt[y + drop][keep].ch == VT_WIDE_TAIL)
			alt[y][keep - 1].ch = ' '; /* a wide character cut */
	}
	vt_alt_free(vt);
	vt->alt = alt;
	vt->cy -= drop;
}

void vt_resize(struct vt *vt, unsigned rows, unsigned cols)
{
	rows = rows < 1 ? 1 : rows > VT_MAX_SIZE ? VT_MAX_SIZE : rows;
	cols = cols < 1 ? 1 : cols > VT_MAX_SIZE ? VT_MAX_SIZE : cols;
	if (vt->alt_on)
		vt_alt_resize(vt, rows, cols);
	vt_ring_resize(vt, rows, cols);
	region_reset(vt);
	vt_clamp(vt);
}
