// SPDX-License-Identifier: Apache-2.0
/*
 * Where each pane goes, from the terminal's size alone:
 *
 *   status line                     status line
 *   list (header + rows)            list        | detail
 *   detail (title + lines)          list        | detail
 *   output (title + lines)          output (title + lines)
 *   key bar                         key bar
 *
 * stacked below TUI_WIDE_COLS columns (80x24 leaves every pane readable
 * across the whole width), side by side from there on (docs/view.md).
 * Zoomed, the output pane takes what the list does not need
 * to show the newest denials.
 */
#include "internal.h"

static struct tui_rect rect(int y, int x, int h, int w)
{
	return (struct tui_rect){y, x, h, w};
}

/* N * PERCENT / 100, rounded, at least MIN. */
static int share(int n, int percent, int min)
{
	int v = (n * percent + 50) / 100;

	return v < min ? min : v;
}

static void stacked(int avail, int cols, bool zoom, struct tui_layout *l)
{
	int list_h, detail_h;

	if (zoom) {
		list_h = 4;
		detail_h = 0;
	} else {
		list_h = share(avail, 27, 4);
		detail_h = share(avail, 36, 4);
	}
	l->list = rect(1, 0, list_h, cols);
	l->detail = rect(1 + list_h, 0, detail_h, cols);
	l->output =
		rect(1 + list_h + detail_h, 0, avail - list_h - detail_h, cols);
}

static void side_by_side(int avail, int cols, bool zoom, struct tui_layout *l)
{
	int top_h = zoom ? 4 : share(avail, 60, 4);
	int list_w = share(cols, 45, 40);

	if (list_w > 64)
		list_w = 64;
	l->side_by_side = true;
	l->list = rect(1, 0, top_h, list_w);
	/* one column between them for the separator */
	l->detail = rect(1, list_w + 1, top_h, cols - list_w - 1);
	l->output = rect(1 + top_h, 0, avail - top_h, cols);
}

void tui_layout_compute(int rows, int cols, bool zoom, struct tui_layout *l)
{
	*l = (struct tui_layout){0};
	if (rows < TUI_MIN_ROWS || cols < TUI_MIN_COLS) {
		l->too_small = true;
		return;
	}
	l->status = rect(0, 0, 1, cols);
	l->bar = rect(rows - 1, 0, 1, cols);
	if (cols >= TUI_WIDE_COLS)
		side_by_side(rows - 2, cols, zoom, l);
	else
		stacked(rows - 2, cols, zoom, l);
}
