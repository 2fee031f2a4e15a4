// SPDX-License-Identifier: Apache-2.0
/*
 * vt's grid: the primary screen and its scrollback, what printable text
 * and erasing do to the cells, and reading lines back. The scroll region
 * and the alternate screen are screen.c; the byte parser is parse.c.
 *
 * Lines live in a ring of scrollback + rows entries; the primary screen
 * is always the newest `rows` lines, so a line feed at the bottom is just
 * one more line in the ring and the oldest one is recycled. Every line is
 * `cols` cells wide; a resize re-cuts them all.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "internal.h"

void vt_cells_blank(struct vt_cell *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		c[i] = (struct vt_cell){.ch = ' '};
}

static struct vt_cell *line_at(const struct vt *vt, size_t i)
{
	return vt->ring[(vt->head + i) % vt->cap];
}

struct vt_cell *vt_row(struct vt *vt, unsigned y)
{
	if (vt->alt_on)
		return vt->alt[y];
	return line_at(vt, vt->count - vt->rows + y);
}

/* One more blank line at the bottom, recycling the oldest when full. */
void vt_ring_push(struct vt *vt)
{
	struct vt_cell **slot;

	if (vt->count == vt->cap) {
		slot = &vt->ring[vt->head];
		vt->head = (vt->head + 1) % vt->cap;
	} else {
		slot = &vt->ring[(vt->head + vt->count) % vt->cap];
		vt->count++;
		if (!*slot)
			*slot = xreallocarray(NULL, vt->cols, sizeof(**slot));
	}
	vt_cells_blank(*slot, vt->cols);
}

static void ring_alloc(struct vt *vt, size_t cap)
{
	vt->cap = cap;
	vt->ring = xcalloc(cap, sizeof(*vt->ring));
	vt->head = 0;
	vt->count = 0;
}

static unsigned size_in(unsigned n)
{
	return n < 1 ? 1 : n > VT_MAX_SIZE ? VT_MAX_SIZE : n;
}

struct vt *vt_new(unsigned rows, unsigned cols, size_t scrollback)
{
	struct vt *vt = xcalloc(1, sizeof(*vt));
	unsigned y;

	vt->rows = size_in(rows);
	vt->cols = size_in(cols);
	vt->bottom = vt->rows - 1;
	vt->scrollback = scrollback;
	ring_alloc(vt, scrollback + vt->rows);
	for (y = 0; y < vt->rows; y++)
		vt_ring_push(vt);
	return vt;
}

static void ring_free(struct vt_cell **ring, size_t cap)
{
	size_t i;

	for (i = 0; i < cap; i++)
		free(ring[i]);
	free(ring);
}

void vt_free(struct vt *vt)
{
	if (!vt)
		return;
	ring_free(vt->ring, vt->cap);
	vt_alt_free(vt);
	free(vt);
}

size_t vt_nlines(const struct vt *vt)
{
	return vt->count;
}

const struct vt_cell *vt_line(const struct vt *vt, size_t i)
{
	size_t screen = vt->count - vt->rows;

	if (i >= vt->count)
		return NULL;
	if (vt->alt_on && i >= screen)
		return vt->alt[i - screen];
	return line_at(vt, i);
}

unsigned vt_rows(const struct vt *vt)
{
	return vt->rows;
}

unsigned vt_cols(const struct vt *vt)
{
	return vt->cols;
}

void vt_cursor(const struct vt *vt, unsigned *row, unsigned *col, bool *visible)
{
	*row = vt->cy;
	*col = vt->cx;
	if (visible)
		*visible = !vt->cursor_hidden;
}

bool vt_is_altscreen(const struct vt *vt)
{
	return vt->alt_on;
}

void vt_line_text(const struct vt *vt, size_t i, struct strbuf *out)
{
	const struct vt_cell *c = vt_line(vt, i);
	size_t n = vt->cols, k;

	if (!c)
		return;
	while (n && c[n - 1].ch == ' ')
		n--;
	for (k = 0; k < n; k++)
		if (c[k].ch != VT_WIDE_TAIL)
			utf8_put(out, c[k].ch);
}

void vt_render(const struct vt *vt, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < vt->count; i++) {
		vt_line_text(vt, i, out);
		strbuf_addc(out, '\n');
	}
}

/* ---- what text and controls do to the grid ---------------------------- */

void vt_clamp(struct vt *vt)
{
	if (vt->cx >= vt->cols)
		vt->cx = vt->cols - 1;
	if (vt->cy >= vt->rows)
		vt->cy = vt->rows - 1;
	vt->wrap_pending = false;
}

void vt_cursor_save(struct vt *vt, bool restore)
{
	if (!restore) {
		vt->saved_cx = vt->cx;
		vt->saved_cy = vt->cy;
		return;
	}
	vt->cx = vt->saved_cx;
	vt->cy = vt->saved_cy;
	vt_clamp(vt);
}

static void put_cell(struct vt *vt, unsigned x, uint32_t ch)
{
	struct vt_cell *row = vt_row(vt, vt->cy);

	/* Overwriting half of a wide character blanks the other half. */
	if (row[x].ch == VT_WIDE_TAIL && x > 0)
		row[x - 1].ch = ' ';
	if (x + 1 < vt->cols && row[x + 1].ch == VT_WIDE_TAIL)
		row[x + 1].ch = ' ';
	row[x] = (struct vt_cell){.ch = ch, .attr = vt->attr, .fg = vt->fg};
}

void vt_print(struct vt *vt, uint32_t ch)
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
			vt_cells_blank(vt_row(vt, vt->cy) + vt->cx,
				       vt->cols - vt->cx);
		vt->cx = 0;
		vt_linefeed(vt);
	}
	put_cell(vt, vt->cx, ch);
	if (w == 2)
		put_cell(vt, vt->cx + 1, VT_WIDE_TAIL);
	vt->cx += (unsigned)w;
	if (vt->cx >= vt->cols) {
		vt->cx = vt->cols - 1;
		vt->wrap_pending = true;
	}
}

/* Blank cells [x0, x1) of screen row y. */
void vt_erase(struct vt *vt, unsigned y, unsigned x0, unsigned x1)
{
	struct vt_cell *row = vt_row(vt, y);

	if (x1 > vt->cols)
		x1 = vt->cols;
	if (x0 < x1)
		vt_cells_blank(row + x0, x1 - x0);
}

/* Cells at the cursor move right by N (insert) or left by N (delete). */
void vt_shift(struct vt *vt, unsigned n, bool insert)
{
	struct vt_cell *row = vt_row(vt, vt->cy);
	unsigned x = vt->cx, room = vt->cols - x;

	if (n > room)
		n = room;
	if (insert) {
		memmove(row + x + n, row + x, (room - n) * sizeof(*row));
		vt_cells_blank(row + x, n);
	} else {
		memmove(row + x, row + x + n, (room - n) * sizeof(*row));
		vt_cells_blank(row + vt->cols - n, n);
	}
	vt->wrap_pending = false;
}

void vt_erase_rows(struct vt *vt, unsigned y0, unsigned y1)
{
	unsigned y;

	for (y = y0; y < y1 && y < vt->rows; y++)
		vt_erase(vt, y, 0, vt->cols);
}

/* ---- resize ------------------------------------------------------------ */

static bool is_blank(const struct vt_cell *c, unsigned cols)
{
	unsigned x;

	for (x = 0; x < cols; x++)
		if (c[x].ch != ' ')
			return false;
	return true;
}

/* Re-cut every line to COLS into a new ring for ROWS more lines. */
static void ring_recut(struct vt *vt, unsigned rows, unsigned cols)
{
	struct vt_cell **old = vt->ring;
	size_t oldcap = vt->cap, oldhead = vt->head, n = vt->count, i, skip;
	unsigned keep = vt->cols < cols ? vt->cols : cols;

	ring_alloc(vt, vt->scrollback + rows);
	skip = n > vt->cap ? n - vt->cap : 0;
	for (i = skip; i < n; i++) {
		struct vt_cell *src = old[(oldhead + i) % oldcap];
		struct vt_cell *dst = xreallocarray(NULL, cols, sizeof(*dst));

		vt_cells_blank(dst, cols);
		memcpy(dst, src, keep * sizeof(*dst));
		if (keep && dst[keep - 1].ch != VT_WIDE_TAIL &&
		    keep < vt->cols && src[keep].ch == VT_WIDE_TAIL)
			dst[keep - 1].ch = ' '; /* a wide character cut */
		vt->ring[vt->count++] = dst;
	}
	ring_free(old, oldcap);
	vt->cols = cols;
}

void vt_ring_resize(struct vt *vt, unsigned rows, unsigned cols)
{
	/* the primary screen's cursor, saved while the alternate is shown */
	unsigned *cy = vt->alt_on ? &vt->alt_saved_cy : &vt->cy;

	/* Shrinking: blank lines under the cursor go first. */
	while (vt->rows > rows && *cy + 1 < vt->rows &&
	       is_blank(line_at(vt, vt->count - 1), vt->cols)) {
		vt->count--;
		vt->rows--;
	}
	if (vt->rows > rows) {
		*cy -= *cy >= vt->rows - rows ? vt->rows - rows : *cy;
		vt->rows = rows;
	}
	ring_recut(vt, rows, cols);
	while (vt->rows < rows) {
		vt->rows++;
		vt_ring_push(vt);
	}
	assert(vt->count >= vt->rows); /* the ring always holds the screen */
}
