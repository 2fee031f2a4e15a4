// SPDX-License-Identifier: Apache-2.0
/*
 * The main screen, drawn whole each time from the session's state (the
 * view keeps no copy of a denial): curses compares with what is on the
 * terminal and sends only the difference, and redraws are gathered by
 * the timer, so drawing everything is both simple and cheap.
 */
#include <string.h>

#include "view.h"

/* A pane's title line: "- TEXT ------". */
static void title(struct tui *t, const struct tui_rect *r, const char *text,
		  enum tui_paint p)
{
	const char *rule = t->term.utf8 ? "\u2500" : "-";
	int x = 0;

	x += tui_put(t, r->y, r->x, r->w, rule, p);
	x += tui_put(t, r->y, r->x + x, r->w - x, " ", p);
	x += tui_put(t, r->y, r->x + x, r->w - x, text, p);
	x += tui_put(t, r->y, r->x + x, r->w - x, " ", p);
	while (x < r->w)
		x += tui_put(t, r->y, r->x + x, r->w - x, rule, p);
}

static void draw_status(struct tui *t)
{
	const struct tui_rect *r = &t->layout.status;
	struct session_status st;
	struct strbuf sb = STRBUF_INIT;
	/* the key bar has "? help" too: here only when there is room */
	const char *help = r->w >= 100 ? "? help " : "";
	int w = r->w - (int)strlen(help);

	session_get_status(t->s, &st);
	tui_fill(t, r->y, r->x, r->w, TUI_PAINT_STATUS);
	strbuf_addc(&sb, ' ');
	tui_format_status(&st, session_config(t->s), t->finishing,
			  (unsigned)(w - 2), &sb);
	tui_put(t, r->y, r->x, w - 1, strbuf_str(&sb), TUI_PAINT_STATUS);
	tui_put(t, r->y, r->x + w, (int)strlen(help), help, TUI_PAINT_STATUS);
	strbuf_release(&sb);
}

int tui_list_rows(const struct tui *t)
{
	return t->layout.list.h > 1 ? t->layout.list.h - 1 : 0;
}

/* The newest denials are in sight (pending ones arrive at the bottom),
   unless that would hide the selection. */
static void list_scroll(struct tui *t)
{
	unsigned rows = (unsigned)tui_list_rows(t);

	t->list_top = t->ndenials > rows ? t->ndenials - rows + 1 : 1;
	if (t->sel && t->sel < t->list_top)
		t->list_top = t->sel;
}

static void draw_list(struct tui *t)
{
	const struct tui_rect *r = &t->layout.list;
	struct strbuf sb = STRBUF_INIT;
	int y;

	tui_format_header((unsigned)r->w, &sb);
	tui_put(t, r->y, r->x, r->w, strbuf_str(&sb), TUI_PAINT_TITLE);
	list_scroll(t);
	if (!t->ndenials) {
		struct session_status st;

		session_get_status(t->s, &st);
		tui_put(t, r->y + 1, r->x + 5, r->w - 5,
			st.running ? "no denial yet: the program runs"
				   : "no denial: the profile refused nothing",
			tui_paint_style(TUI_STYLE_DIM));
	}
	for (y = 1; y < r->h; y++) {
		unsigned id = t->list_top + (unsigned)y - 1;
		const struct session_denial *d;
		enum tui_paint p;

		if (id > t->ndenials || !(d = session_denial(t->s, id)))
			break;
		strbuf_reset(&sb);
		tui_format_row(d, (unsigned)r->w, &sb);
		p = id == t->sel ? TUI_PAINT_SELECTED
				 : tui_paint_style(tui_state_style(d->state));
		tui_put(t, r->y + y, r->x, r->w, strbuf_str(&sb), p);
		if (id == t->sel)
			tui_put(t, r->y + y, r->x, 1, ">", p);
	}
	strbuf_release(&sb);
}

static void draw_detail(struct tui *t)
{
	const struct tui_rect *r = &t->layout.detail;
	const struct session_denial *d = tui_selected(t);
	struct tui_lines l = {0};
	char head[96];
	int y;

	if (r->h <= 0)
		return;
	if (t->layout.side_by_side)
		for (y = 0; y < r->h; y++)
			tui_put(t, r->y + y, r->x - 1, 1,
				t->term.utf8 ? "\u2502" : "|", TUI_PAINT_TITLE);
	if (!d) {
		title(t, r, "details", TUI_PAINT_TITLE);
		return;
	}
	snprintf(head, sizeof(head), "#%u %s  (Enter: all of it)", d->id,
		 d->name ? d->name : "?");
	title(t, r, head, TUI_PAINT_TITLE);
	tui_format_detail(d, (unsigned)(r->w > 2 ? r->w - 1 : 1), &l);
	for (y = 1; y < r->h && (size_t)y - 1 < l.n; y++) {
		const struct tui_line *line = &l.v[y - 1];

		if (y == r->h - 1 && l.n > (size_t)y) {
			tui_put(t, r->y + y, r->x + 1, r->w - 1,
				"... more: Enter shows everything",
				tui_paint_style(TUI_STYLE_DIM));
			break;
		}
		tui_put(t, r->y + y, r->x + 1, r->w - 1, line->text,
			tui_paint_style(line->style));
	}
	tui_lines_release(&l);
}

static void output_title(struct tui *t, const struct tui_rect *r)
{
	struct session_status st;
	char text[128];

	session_get_status(t->s, &st);
	if (t->opts->ui_tty)
		snprintf(text, sizeof(text),
			 "the program writes to its own terminal (--ui-tty)");
	else if (t->focus_output && st.npending)
		/* keys stay the program's: a letter meant for it must not
		   decide a denial; the title says one waits */
		snprintf(
			text, sizeof(text),
			"typing to the program; %zu denial%s waiting: Ctrl-] to decide",
			st.npending, st.npending == 1 ? "" : "s");
	else if (t->focus_output)
		snprintf(text, sizeof(text),
			 "typing to the program: keys go to it, Ctrl-] back");
	else if (t->out_back)
		snprintf(text, sizeof(text),
			 "program output, %zu lines back (] forward)",
			 t->out_back);
	else
		snprintf(text, sizeof(text),
			 "program output (Tab: type to it, [ scroll back)");
	title(t, r, text, t->focus_output ? TUI_PAINT_FOCUS : TUI_PAINT_TITLE);
}

static void draw_output(struct tui *t)
{
	const struct tui_rect *r = &t->layout.output;
	size_t total = vt_nlines(t->vt), first;
	unsigned cols = vt_cols(t->vt);
	int rows = r->h - 1, y, x;

	output_title(t, r);
	if (rows <= 0 || t->opts->ui_tty)
		return;
	if (t->out_back > total - (size_t)rows)
		t->out_back = total - (size_t)rows;
	first = total - (size_t)rows - t->out_back;
	for (y = 0; y < rows; y++) {
		const struct vt_cell *c = vt_line(t->vt, first + y);

		for (x = 0; c && x < r->w && (unsigned)x < cols; x++)
			tui_put_cell(t, r->y + 1 + y, r->x + x, &c[x]);
	}
}

static void draw_bar(struct tui *t)
{
	const struct tui_rect *r = &t->layout.bar;
	struct tui_bar_item items[32];
	enum tui_map map = TUI_MAP_LIST;
	size_t n, i;

	if (t->message[0]) {
		enum tui_paint p =
			t->message_error ? TUI_PAINT_ERROR : TUI_PAINT_NORMAL;

		tui_fill(t, r->y, r->x, r->w, p);
		tui_put(t, r->y, r->x + 1, r->w - 1, t->message, p);
		return;
	}
	if (t->dialog == TUI_DLG_PAGER)
		map = TUI_MAP_PAGER;
	else if (t->dialog == TUI_DLG_PROMPT)
		map = TUI_MAP_PROMPT;
	else if (t->dialog == TUI_DLG_QUESTION)
		map = TUI_MAP_NONE; /* the answers are in the box */
	else if (t->dialog != TUI_DLG_NONE)
		map = TUI_MAP_DIALOG;
	else if (t->focus_output)
		map = TUI_MAP_OUTPUT;
	n = tui_keys_bar(map, (unsigned)r->w, items, ARRAY_SIZE(items));
	for (i = 0; i < n; i++) {
		int x = r->x + (int)items[i].x;

		x += tui_put(t, r->y, x, r->w - x, items[i].key->name,
			     TUI_PAINT_KEY);
		x += tui_put(t, r->y, x, r->w - x, " ", TUI_PAINT_NORMAL);
		tui_put(t, r->y, x, r->w - x, items[i].key->bar,
			TUI_PAINT_NORMAL);
	}
}

static void place_cursor(struct tui *t)
{
	unsigned row, col;
	bool visible;

	vt_cursor(t->vt, &row, &col, &visible);
	if (!t->focus_output || t->dialog != TUI_DLG_NONE || t->out_back ||
	    t->opts->ui_tty || !visible) {
		curs_set(0);
		return;
	}
	move(t->layout.output.y + 1 + (int)row, t->layout.output.x + (int)col);
	curs_set(1);
}

void tui_draw(struct tui *t)
{
	if (t->redraw_all) {
		clearok(curscr, TRUE);
		t->redraw_all = false;
	}
	erase();
	if (t->layout.too_small) {
		tui_put(t, 0, 0, t->cols,
			"seccompdbg: the terminal is too small for the view",
			TUI_PAINT_ERROR);
		refresh();
		return;
	}
	if (t->dialog == TUI_DLG_PAGER) {
		tui_dialog_draw(t);
		draw_bar(t);
		curs_set(0);
		refresh();
		return;
	}
	draw_status(t);
	draw_list(t);
	draw_detail(t);
	draw_output(t);
	draw_bar(t);
	if (t->dialog != TUI_DLG_NONE)
		tui_dialog_draw(t);
	place_cursor(t);
	refresh();
}
