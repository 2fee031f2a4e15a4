// SPDX-License-Identifier: Apache-2.0
/*
 * How each part of the view is painted, as a table: a colour pair and
 * attributes when the terminal has colours and NO_COLOR is not set, and
 * attributes alone (reverse, bold, underline, dim) otherwise, so the
 * monochrome view still tells a pending denial from a denied one and the
 * selected row from the rest.
 */
#include "view.h"

struct paint_def {
	short fg, bg; /* -1: the terminal's default */
	attr_t colour_attr;
	attr_t mono_attr;
};

#define STYLE(s) [TUI_PAINT_STYLE + TUI_STYLE_##s]

static const struct paint_def defs[TUI_NPAINTS] = {
	[TUI_PAINT_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
	[TUI_PAINT_STATUS] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
	[TUI_PAINT_TITLE] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
	[TUI_PAINT_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD,
			     A_REVERSE | A_BOLD},
	[TUI_PAINT_SELECTED] = {-1, -1, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD},
	[TUI_PAINT_KEY] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
	[TUI_PAINT_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD,
			     A_REVERSE | A_BOLD},
	[TUI_PAINT_DIALOG] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
	STYLE(NORMAL) = {-1, -1, A_NORMAL, A_NORMAL},
	STYLE(TITLE) = {-1, -1, A_BOLD, A_BOLD},
	STYLE(HEADING) = {COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE},
	STYLE(DIM) = {-1, -1, A_DIM, A_DIM},
	STYLE(NOTE) = {COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL},
	STYLE(PENDING) = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
	STYLE(ALLOWED) = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
	STYLE(DENIED) = {COLOR_RED, -1, A_NORMAL, A_UNDERLINE},
	STYLE(ADDED) = {COLOR_GREEN, -1, A_NORMAL, A_BOLD},
	STYLE(REMOVED) = {COLOR_RED, -1, A_NORMAL, A_UNDERLINE},
	STYLE(HUNK) = {COLOR_CYAN, -1, A_NORMAL, A_DIM},
};

/* Pairs 1..TUI_NPAINTS are the view's; TUI_PAIR_PROGRAM.. the program's
   eight foreground colours on the default background. */
void tui_paint_init(struct tui *t)
{
	bool defaults = t->term.colour && use_default_colors() == OK;
	short i;

	for (i = 0; i < TUI_NPAINTS; i++) {
		const struct paint_def *d = &defs[i];
		short fg = d->fg, bg = d->bg;

		if (!t->term.colour) {
			t->term.paint[i] = d->mono_attr;
			t->term.paint_pair[i] = 0;
			continue;
		}
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		t->term.paint[i] = d->colour_attr;
		t->term.paint_pair[i] = 0;
		if (d->fg >= 0 || d->bg >= 0) {
			init_pair((short)(i + 1), fg, bg);
			t->term.paint_pair[i] = (short)(i + 1);
		}
	}
	for (i = 0; t->term.colour && i < 8; i++)
		init_pair((short)(TUI_PAIR_PROGRAM + i), i,
			  defaults ? -1 : COLOR_BLACK);
}

enum tui_paint tui_paint_style(enum tui_style s)
{
	return (enum tui_paint)(TUI_PAINT_STYLE + s);
}
