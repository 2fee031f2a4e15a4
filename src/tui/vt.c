// SPDX-License-Identifier: Apache-2.0
/*
 * The output pane's terminal: the screen grid, the scrollback ring and
 * what the printable text and the few controls do to them. The byte
 * parser (escape sequences, UTF-8) is vt_parse.c.
 *
 * Lines live in a ring of scrollback + rows entries; the screen is always
 * the newest `rows` lines, so a line feed at the bottom is just one more
 * line in the ring and the oldest one is recycled. Every line is `cols`
 * cells wide; a resize re-cuts them all.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "vt_int.h"

static void cells_blank(struct tui_vt_cell *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		c[i] = (struct tui_vt_cell){.ch = ' '};
}

static struct tui_vt_cell *line_at(const struct tui_vt *vt, size_t i)
{
	return vt->ring[(vt->head + i) % vt->cap];
}

struct tui_vt_cell *tui_vt_row(struct tui_vt *vt, unsigned y)
{
	return line_at(vt, vt->count - vt->rows + y);
}

/* One more blank line at the bottom, recycling the oldest when full. */
static void ring_push(struct tui_vt *vt)
{
	struct tui_vt_cell **slot;

	if (vt->count == vt->cap) {
		slot = &vt->ring[vt->head];
		vt->head = (vt->head + 1) % vt->cap;
	} else {
		slot = &vt->ring[(vt->head + vt->count) % vt->cap];
		vt->count++;
		if (!*slot)
			*slot = xreallocarray(NULL, vt->cols, sizeof(**slot));
	}
	cells_blank(*slot, vt->cols);
}

static void ring_alloc(struct tui_vt *vt, size_t cap)
{
	vt->cap = cap;
	vt->ring = xcalloc(cap, sizeof(*vt->ring));
	vt->head = 0;
	vt->count = 0;
}

struct tui_vt *tui_vt_new(unsigned rows, unsigned cols, size_t scrollback)
{
	struct tui_vt *vt = xcalloc(1, sizeof(*vt));
	unsigned y;

	vt->rows = rows ? rows : 1;
	vt->cols = cols ? cols : 1;
	vt->scrollback = scrollback;
	ring_alloc(vt, scrollback + vt->rows);
	for (y = 0; y < vt->rows; y++)
		ring_push(vt);
	return vt;
}

static void ring_free(struct tui_vt_cell **ring, size_t cap)
{
	size_t i;

	for (i = 0; i < cap; i++)
		free(ring[i]);
	free(ring);
}

void tui_vt_free(struct tui_vt *vt)
{
	if (!vt)
		return;
	ring_free(vt->ring, vt->cap);
	free(vt);
}

size_t tui_vt_nlines(const struct tui_vt *vt)
{
	return vt->count;
}

const struct tui_vt_cell *tui_vt_line(const struct tui_vt *vt, size_t i)
{
	return i < vt->count ? line_at(vt, i) : NULL;
}

unsigned tui_vt_rows(const struct tui_vt *vt)
{
	return vt->rows;
}

unsigned tui_vt_cols(const struct tui_vt *vt)
{
	return vt->cols;
}

void tui_vt_cursor(const struct tui_vt *vt, unsigned *row, unsigned *col)
{
	*row = vt->cy;
	*col = vt->cx;
}

void tui_vt_line_text(const struct tui_vt *vt, size_t i, struct strbuf *out)
{
	const struct tui_vt_cell *c = tui_vt_line(vt, i);
	size_t n = vt->cols, k;

	if (!c)
		return;
	while (n && c[n - 1].ch == ' ')
		n--;
	for (k = 0; k < n; k++)
		if (c[k].ch != TUI_VT_WIDE_TAIL)
			utf8_put(out, c[k].ch);
}

/* ---- what text and controls do to the grid ---------------------------- */

void tui_vt_clamp(struct tui_vt *vt)
{
	if (vt->cx >= vt->cols)
		vt->cx = vt->cols - 1;
	if (vt->cy >= vt->rows)
		vt->cy = vt->rows - 1;
	vt->wrap_pending = false;
}

void tui_vt_linefeed(struct tui_vt *vt)
{
	vt->wrap_pending = false;
	if (vt->cy + 1 < vt->rows)
		vt->cy++;
	else
		ring_push(vt);
}

/* Reverse index: the cursor up; at the top the screen moves down. */
void tui_vt_reverse_index(struct tui_vt *vt)
{
	unsigned y;

	vt->wrap_pending = false;
	if (vt->cy > 0) {
		vt->cy--;
		return;
	}
	for (y = vt->rows - 1; y > 0; y--)
		memcpy(tui_vt_row(vt, y), tui_vt_row(vt, y - 1),
		       vt->cols * sizeof(struct tui_vt_cell));
	cells_blank(tui_vt_row(vt, 0), vt->cols);
}

static void put_cell(struct tui_vt *vt, unsigned x, uint32_t ch)
{
	struct tui_vt_cell *row = tui_vt_row(vt, vt->cy);

	/* Overwriting half of a wide character blanks the other half. */
	if (row[x].ch == TUI_VT_WIDE_TAIL && x > 0)
		row[x - 1].ch = ' ';
	if (x + 1 < vt->cols && row[x + 1].ch == TUI_VT_WIDE_TAIL)
		row[x + 1].ch = ' ';
	row[x] = (struct tui_vt_cell){.ch = ch, .attr = vt->attr, .fg = vt->fg};
}

void tui_vt_print(struct tui_vt *vt, uint32_t ch)
{
	int w = wcwidth((wchar_t)ch);

	if (w == 0)
		return; /* combining marks and the like: not kept */
	if (w < 0) {
		ch = 0xfffd;
		w = 1;
	}
	if (w > (int)vt->cols)
		return;
	if (vt->wrap_pending || vt->cx + (unsigned)w > vt->cols) {
		if (vt->cx + (unsigned)w > vt->cols && vt->cx < vt->cols)
			cells_blank(tui_vt_row(vt, vt->cy) + vt->cx,
				    vt->cols - vt->cx);
		vt->cx = 0;
		tui_vt_linefeed(vt);
	}
	put_cell(vt, vt->cx, ch);
	if (w == 2)
		put_cell(vt, vt->cx + 1, TUI_VT_WIDE_TAIL);
	vt->cx += (unsigned)w;
	if (vt->cx >= vt->cols) {
		vt->cx = vt->cols - 1;
		vt->wrap_pending = true;
	}
}

/* Blank cells [x0, x1) of screen row y. */
void tui_vt_erase(struct tui_vt *vt, unsigned y, unsigned x0, unsigned x1)
{
	struct tui_vt_cell *row = tui_vt_row(vt, y);

	if (x1 > vt->cols)
		x1 = vt->cols;
	if (x0 < x1)
		cells_blank(row + x0, x1 - x0);
}

/* Cells at the cursor move right by N (insert) or left by N (delete). */
void tui_vt_shift(struct tui_vt *vt, unsigned n, bool insert)
{
	struct tui_vt_cell *row = tui_vt_row(vt, vt->cy);
	unsigned x = vt->cx, room = vt->cols - x;

	if (n > room)
		n = room;
	if (insert) {
		memmove(row + x + n, row + x, (room - n) * sizeof(*row));
		cells_blank(row + x, n);
	} else {
		memmove(row + x, row + x + n, (room - n) * sizeof(*row));
		cells_blank(row + vt->cols - n, n);
	}
	vt->wrap_pending = false;
}

void tui_vt_erase_screen(struct tui_vt *vt, unsigned y0, unsigned y1)
{
	unsigned y;

	for (y = y0; y < y1 && y < vt->rows; y++)
		tui_vt_erase(vt, y, 0, vt->cols);
}

/* ---- resize ------------------------------------------------------------ */

static bool is_blank(const struct tui_vt_cell *c, unsigned cols)
{
	unsigned x;

	for (x = 0; x < cols; x++)
		if (c[x].ch != ' ')
			return false;
	return true;
}

/* Re-cut every line to COLS into a new ring for ROWS more lines. */
static void ring_recut(struct tui_vt *vt, unsigned rows, unsigned cols)
{
	struct tui_vt_cell **old = vt->ring;
	size_t oldcap = vt->cap, oldhead = vt->head, n = vt->count, i, skip;
	unsigned keep = vt->cols < cols ? vt->cols : cols;

	ring_alloc(vt, vt->scrollback + rows);
	skip = n > vt->cap ? n - vt->cap : 0;
	for (i = skip; i < n; i++) {
		struct tui_vt_cell *src = old[(oldhead + i) % oldcap];
		struct tui_vt_cell *dst =
			xreallocarray(NULL, cols, sizeof(*dst));

		cells_blank(dst, cols);
		memcpy(dst, src, keep * sizeof(*dst));
		if (keep && dst[keep - 1].ch != TUI_VT_WIDE_TAIL &&
		    keep < vt->cols && src[keep].ch == TUI_VT_WIDE_TAIL)
			dst[keep - 1].ch = ' '; /* a wide character cut */
		vt->ring[vt->count++] = dst;
	}
	ring_free(old, oldcap);
	vt->cols = cols;
}

void tui_vt_resize(struct tui_vt *vt, unsigned rows, unsigned cols)
{
	rows = rows ? rows : 1;
	cols = cols ? cols : 1;
	/* Shrinking: blank lines under the cursor go first. */
	while (vt->rows > rows && vt->cy + 1 < vt->rows &&
	       is_blank(line_at(vt, vt->count - 1), vt->cols)) {
		vt->count--;
		vt->rows--;
	}
	if (vt->rows > rows) {
		vt->cy -= vt->cy >= vt->rows - rows ? vt->rows - rows : vt->cy;
		vt->rows = rows;
	}
	ring_recut(vt, rows, cols);
	while (vt->rows < rows) {
		vt->rows++;
		ring_push(vt);
	}
	assert(vt->count >= vt->rows); /* the ring always holds the screen */
	tui_vt_clamp(vt);
}
