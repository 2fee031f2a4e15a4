// SPDX-License-Identifier: Apache-2.0
/*
 * The full-screen pager: the help screen, the diff of the profile and a
 * denial in full are lines (struct tui_lines) shown a screen at a time,
 * with the pager's keys in the bar. It is a dialog like the others: open
 * over the main screen until q or Esc.
 */
#include "view.h"

void tui_pager_open(struct tui *t)
{
	t->dialog = TUI_DLG_PAGER;
	t->pager_top = 0;
}

static size_t pager_rows(const struct tui *t)
{
	return t->rows > 1 ? (size_t)t->rows - 1 : 1;
}

void tui_pager_draw(struct tui *t)
{
	size_t rows = pager_rows(t), i;

	for (i = 0; i < rows && t->pager_top + i < t->pager.n; i++) {
		const struct tui_line *l = &t->pager.v[t->pager_top + i];

		tui_put(t, (int)i, 0, t->cols, l->text,
			tui_paint_style(l->style));
	}
}

void tui_pager_key(struct tui *t, enum tui_cmd cmd)
{
	size_t rows = pager_rows(t), last;

	last = t->pager.n > rows ? t->pager.n - rows : 0;
	switch (cmd) {
	case TUI_CMD_UP:
		if (t->pager_top)
			t->pager_top--;
		break;
	case TUI_CMD_DOWN:
		t->pager_top++;
		break;
	case TUI_CMD_PAGE_UP:
		t->pager_top = t->pager_top > rows ? t->pager_top - rows : 0;
		break;
	case TUI_CMD_PAGE_DOWN:
		t->pager_top += rows;
		break;
	case TUI_CMD_HOME:
		t->pager_top = 0;
		break;
	case TUI_CMD_END:
		t->pager_top = last;
		break;
	case TUI_CMD_CANCEL:
		tui_dialog_close(t);
		return;
	default:
		break;
	}
	if (t->pager_top > last)
		t->pager_top = last;
}
