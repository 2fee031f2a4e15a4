// SPDX-License-Identifier: Apache-2.0
/*
 * The dialogs over the main screen: each is drawn here and reads its
 * keys here. One dialog at a time (the full-screen pager, pager.c, is
 * one too); a prompt returns to the dialog that opened it.
 *
 * - "allow with these arguments": the conditions editor (conds.c);
 * - "deny with an errno": a short list, ENOSYS first where it helps;
 * - a prompt: a condition's value, or an errno by name;
 * - questions answered by a letter: kill the program, and quitting.
 */
#include <assert.h>
#include <errno.h>
#include <string.h>

#include "view.h"

struct box {
	int y, x, h, w;
};

static struct box box_draw(struct tui *t, int h, int w, const char *head)
{
	struct box b;
	int i;

	if (w > t->cols - 2)
		w = t->cols - 2;
	if (h > t->rows - 2)
		h = t->rows - 2;
	b = (struct box){(t->rows - h) / 2, (t->cols - w) / 2, h, w};
	for (i = 0; i < h; i++) {
		const char *side = t->term.utf8 ? "\u2502" : "|";

		tui_fill(t, b.y + i, b.x, w, TUI_PAINT_NORMAL);
		tui_put(t, b.y + i, b.x, 1, side, TUI_PAINT_DIALOG);
		tui_put(t, b.y + i, b.x + w - 1, 1, side, TUI_PAINT_DIALOG);
	}
	for (i = 1; i < w - 1; i++) {
		const char *line = t->term.utf8 ? "\u2500" : "-";

		tui_put(t, b.y, b.x + i, 1, line, TUI_PAINT_DIALOG);
		tui_put(t, b.y + h - 1, b.x + i, 1, line, TUI_PAINT_DIALOG);
	}
	tui_put(t, b.y, b.x, 1, t->term.utf8 ? "\u250c" : "+",
		TUI_PAINT_DIALOG);
	tui_put(t, b.y, b.x + w - 1, 1, t->term.utf8 ? "\u2510" : "+",
		TUI_PAINT_DIALOG);
	tui_put(t, b.y + h - 1, b.x, 1, t->term.utf8 ? "\u2514" : "+",
		TUI_PAINT_DIALOG);
	tui_put(t, b.y + h - 1, b.x + w - 1, 1, t->term.utf8 ? "\u2518" : "+",
		TUI_PAINT_DIALOG);
	tui_put(t, b.y, b.x + 2, w - 4, " ", TUI_PAINT_DIALOG);
	i = tui_put(t, b.y, b.x + 3, w - 6, head, TUI_PAINT_DIALOG);
	tui_put(t, b.y, b.x + 3 + i, 1, " ", TUI_PAINT_DIALOG);
	return b;
}

/* Text on line Y of the box's inside (0 is the first inside line). */
static void box_line(struct tui *t, const struct box *b, int y, const char *s,
		     enum tui_paint p)
{
	if (y + 1 < b->h - 1)
		tui_put(t, b->y + 1 + y, b->x + 2, b->w - 4, s, p);
}

/* Keep row *ROW within a window of ROWS lines starting at *TOP. */
static void keep_visible(size_t row, size_t *top, size_t rows)
{
	if (row < *top)
		*top = row;
	if (rows && row >= *top + rows)
		*top = row - rows + 1;
}

/* A decision dialog for denial ID (and identical ones if ALL). */
static void decision_open(struct tui *t, enum tui_dialog dlg, unsigned id,
			  bool all)
{
	t->dialog = dlg;
	t->dlg_id = id;
	t->dlg_all = all;
	t->dlg_row = t->dlg_top = 0;
}

/* ---- allow with these arguments ---------------------------------------- */

void tui_conds_open(struct tui *t, unsigned id, bool all)
{
	const struct session_denial *d = session_denial(t->s, id);
	struct profile_arg sug[6];
	size_t n;

	if (!d)
		return;
	n = session_suggest_conds(t->s, id, sug);
	tui_conds_release(&t->conds);
	tui_conds_init(&t->conds, d->arch, d->nr, d->args, sug, n);
	decision_open(t, TUI_DLG_CONDS, id, all);
}

static void conds_draw(struct tui *t)
{
	const struct session_denial *d = session_denial(t->s, t->dlg_id);
	struct strbuf sb = STRBUF_INIT;
	int h = (int)t->conds.nrows + 7, rows;
	struct box b;
	size_t i;

	strbuf_addf(&sb, "allow %s only with these arguments%s",
		    d && d->name ? d->name : "?",
		    t->dlg_all ? " (and identical pending calls)" : "");
	b = box_draw(t, h, 78, strbuf_str(&sb));
	rows = b.h - 7;
	box_line(t, &b, 0, d && d->decoded ? d->decoded : "",
		 tui_paint_style(TUI_STYLE_TITLE));
	keep_visible(t->dlg_row, &t->dlg_top, rows > 0 ? (size_t)rows : 0);
	for (i = 0; (int)i < rows && t->dlg_top + i < t->conds.nrows; i++) {
		size_t row = t->dlg_top + i;

		strbuf_reset(&sb);
		tui_conds_row_text(&t->conds, row, &sb);
		box_line(t, &b, 2 + (int)i, strbuf_str(&sb),
			 row == t->dlg_row ? TUI_PAINT_SELECTED
			 : tui_conds_can_toggle(&t->conds, row)
				 ? TUI_PAINT_NORMAL
				 : tui_paint_style(TUI_STYLE_DIM));
	}
	strbuf_reset(&sb);
	strbuf_adds(&sb, "allows when: ");
	tui_conds_describe(&t->conds, &sb);
	box_line(t, &b, b.h - 4, strbuf_str(&sb),
		 tui_paint_style(TUI_STYLE_NOTE));
	strbuf_release(&sb);
}

static void conds_accept(struct tui *t)
{
	struct session_decision d = {.action = SESSION_ALLOW_ARGS,
				     .all_identical = t->dlg_all};

	d.nconds = tui_conds_result(&t->conds, d.conds);
	if (!d.nconds) {
		tui_message(
			t, true,
			"no condition chosen: Space picks one, or use a (allow always)");
		return;
	}
	tui_dialog_close(t);
	tui_decide(t, t->dlg_id, &d);
}

/* ---- deny with an errno ------------------------------------------------- */

void tui_errno_open(struct tui *t, unsigned id, bool all)
{
	const struct session_denial *d = session_denial(t->s, id);

	if (!d)
		return;
	t->nerrnos = tui_errnos(d->name, t->errnos, ARRAY_SIZE(t->errnos));
	decision_open(t, TUI_DLG_ERRNO, id, all);
}

static void errno_draw(struct tui *t)
{
	const struct session_denial *d = session_denial(t->s, t->dlg_id);
	char line[128];
	size_t i, rows;
	struct box b;

	snprintf(line, sizeof(line), "deny %s with%s", d ? d->name : "?",
		 t->dlg_all ? " (and identical pending calls)" : "");
	b = box_draw(t, (int)t->nerrnos + 5, 70, line);
	rows = b.h > 4 ? (size_t)b.h - 4 : 0;
	keep_visible(t->dlg_row, &t->dlg_top, rows);
	for (i = 0; i < rows && t->dlg_top + i <= t->nerrnos; i++) {
		size_t row = t->dlg_top + i;

		if (row == t->nerrnos)
			snprintf(line, sizeof(line),
				 "another errno: type its name or number");
		else
			snprintf(line, sizeof(line), "%-12s %4u  %s%s",
				 t->errnos[row].name, t->errnos[row].value,
				 strerror((int)t->errnos[row].value),
				 row == 0 && t->errnos[0].value == ENOSYS &&
						 d &&
						 tui_errno_prefers_enosys(
							 d->name)
					 ? "  (callers fall back)"
					 : "");
		box_line(t, &b, 1 + (int)i, line,
			 row == t->dlg_row ? TUI_PAINT_SELECTED
					   : TUI_PAINT_NORMAL);
	}
}

static void deny_errno(struct tui *t, uint32_t e)
{
	struct session_decision d = {.action = SESSION_DENY_ERRNO,
				     .errno_value = (int)e,
				     .all_identical = t->dlg_all};

	tui_dialog_close(t);
	tui_decide(t, t->dlg_id, &d);
}

static void errno_accept(struct tui *t)
{
	if (t->dlg_row < t->nerrnos)
		deny_errno(t, t->errnos[t->dlg_row].value);
	else
		tui_prompt_open(t, TUI_ASK_ERRNO_OTHER, "");
}

/* ---- a prompt ------------------------------------------------------------ */

void tui_prompt_open(struct tui *t, enum tui_ask ask, const char *start)
{
	t->dialog = TUI_DLG_PROMPT;
	t->ask = ask;
	snprintf(t->prompt, sizeof(t->prompt), "%s", start);
	t->prompt_len = strlen(t->prompt);
}

static void prompt_draw(struct tui *t)
{
	const char *q =
		t->ask == TUI_ASK_ERRNO_OTHER
			? "errno (a name such as EACCES, or a number)"
			: "the value to compare with (a number, or a name of its values)";
	struct box b = box_draw(t, 5, 70, q);
	int x = b.x + 2;

	x += tui_put(t, b.y + 2, x, b.w - 4, "> ", TUI_PAINT_DIALOG);
	x += tui_put(t, b.y + 2, x, b.w - 6, t->prompt, TUI_PAINT_NORMAL);
	tui_put(t, b.y + 2, x, 1, "_", TUI_PAINT_SELECTED);
}

/* Back to the dialog the prompt came from. */
static void prompt_back(struct tui *t)
{
	t->dialog =
		t->ask == TUI_ASK_ERRNO_OTHER ? TUI_DLG_ERRNO : TUI_DLG_CONDS;
}

static void prompt_accept(struct tui *t)
{
	struct err err = {""};
	uint32_t e;

	if (t->ask == TUI_ASK_ERRNO_OTHER) {
		if (tui_errno_parse(t->prompt, &e, &err) < 0) {
			tui_message(t, true, "%s", err.msg);
			return;
		}
		deny_errno(t, e);
		return;
	}
	if (tui_conds_set_value(&t->conds, t->dlg_row, t->prompt, &err) < 0) {
		tui_message(t, true, "%s", err.msg);
		return;
	}
	prompt_back(t);
}

static void prompt_key(struct tui *t, int key, bool is_char)
{
	const struct tui_key *k = tui_key_find(TUI_MAP_PROMPT, key);

	if (k && k->cmd == TUI_CMD_CANCEL) {
		prompt_back(t);
	} else if (k && k->cmd == TUI_CMD_ACCEPT) {
		prompt_accept(t);
	} else if (k && k->cmd == TUI_CMD_ERASE) {
		if (t->prompt_len)
			t->prompt[--t->prompt_len] = '\0';
	} else if (is_char && key > 0x20 && key < 0x7f &&
		   t->prompt_len + 1 < sizeof(t->prompt)) {
		t->prompt[t->prompt_len++] = (char)key;
		t->prompt[t->prompt_len] = '\0';
	}
}

/* ---- questions ------------------------------------------------------------ */

void tui_question_open(struct tui *t, enum tui_ask ask)
{
	t->dialog = TUI_DLG_QUESTION;
	t->ask = ask;
}

/* Each question: its title, and its answers by letter. */
static const struct {
	const char *title;
	const char *answers[3];
} questions[] = {
	[TUI_ASK_KILL] = {"kill the program?", {"y  kill it     n  no"}},
	[TUI_ASK_UNSAVED] =
		{"quit: unsaved changes",
		 {"s  save them and quit    d  quit without saving    c  cancel"}},
	[TUI_ASK_RUNNING] =
		{"quit: the program is still running",
		 {"k  kill it and quit",
		  "f  let it finish, denying as the profile would; quit then",
		  "c  cancel"}},
};

/* The question's first line: what it is about, now. */
static void question_text(struct tui *t, char *line, size_t size)
{
	const char *out = session_config(t->s)->output_path;
	bool ctrs = session_config(t->s)->mode == SESSION_CONTAINER;
	struct session_status st;

	session_get_status(t->s, &st);
	if (t->ask == TUI_ASK_KILL && ctrs)
		snprintf(line, size,
			 "SIGKILL to the command and its %zu container%s.",
			 st.ncontainers, st.ncontainers == 1 ? "" : "s");
	else if (t->ask == TUI_ASK_KILL)
		snprintf(line, size,
			 "SIGKILL to every process of it (%zu now).",
			 st.nprocesses);
	else if (t->ask == TUI_ASK_UNSAVED)
		snprintf(line, size,
			 "%zu change%s to the profile %s not saved%s%s.",
			 st.unsaved, st.unsaved == 1 ? "" : "s",
			 st.unsaved == 1 ? "is" : "are",
			 out ? " to " : " (no -o given)", out ? out : "");
	else if (ctrs)
		snprintf(line, size, "%zu container%s, %zu denial%s pending.",
			 st.ncontainers, st.ncontainers == 1 ? "" : "s",
			 st.npending, st.npending == 1 ? "" : "s");
	else
		snprintf(line, size, "%zu process%s, %zu denial%s pending.",
			 st.nprocesses, st.nprocesses == 1 ? "" : "es",
			 st.npending, st.npending == 1 ? "" : "s");
}

static void question_draw(struct tui *t)
{
	bool no_out = !session_config(t->s)->output_path;
	char line[160];
	struct box b;
	int i;

	assert((size_t)t->ask < ARRAY_SIZE(questions) &&
	       questions[t->ask].title);
	b = box_draw(t, 8, 74, questions[t->ask].title);
	question_text(t, line, sizeof(line));
	box_line(t, &b, 0, line, TUI_PAINT_NORMAL);
	for (i = 0; i < 3 && questions[t->ask].answers[i]; i++)
		box_line(t, &b, 2 + i,
			 t->ask == TUI_ASK_UNSAVED && no_out
				 ? "d  quit and lose them    c  cancel"
				 : questions[t->ask].answers[i],
			 TUI_PAINT_DIALOG);
}

/* The answers; any other key leaves the question open. */
static void question_key(struct tui *t, int key)
{
	bool has_out = session_config(t->s)->output_path != NULL;
	struct err err = {""};

	if (key == 'c' || key == 'n' || key == 27) {
		tui_dialog_close(t);
		return;
	}
	switch (t->ask) {
	case TUI_ASK_KILL:
		if (key != 'y')
			return;
		tui_dialog_close(t);
		session_kill_program(t->s);
		break;
	case TUI_ASK_UNSAVED:
		if ((key != 's' || !has_out) && key != 'd')
			return;
		tui_dialog_close(t);
		if (key == 's' && session_save(t->s, &err) < 0) {
			tui_message(t, true, "%s", err.msg);
			return;
		}
		tui_quit_answer_unsaved(t, key == 's');
		break;
	default:
		if (key != 'k' && key != 'f')
			return;
		tui_dialog_close(t);
		tui_quit_now(t, key == 'k', key == 'f');
		break;
	}
}

/* ---- all of them ---------------------------------------------------------- */

void tui_dialog_close(struct tui *t)
{
	if (t->dialog == TUI_DLG_PAGER)
		tui_lines_release(&t->pager);
	t->dialog = TUI_DLG_NONE;
}

void tui_dialog_draw(struct tui *t)
{
	switch (t->dialog) {
	case TUI_DLG_PAGER:
		tui_pager_draw(t);
		break;
	case TUI_DLG_CONDS:
		conds_draw(t);
		break;
	case TUI_DLG_ERRNO:
		errno_draw(t);
		break;
	case TUI_DLG_PROMPT:
		prompt_draw(t);
		break;
	case TUI_DLG_QUESTION:
		question_draw(t);
		break;
	case TUI_DLG_NONE:
		break;
	}
}

/* Up and down in a dialog of N rows. */
static void move_row(struct tui *t, enum tui_cmd cmd, size_t n)
{
	if (cmd == TUI_CMD_UP && t->dlg_row > 0)
		t->dlg_row--;
	else if (cmd == TUI_CMD_DOWN && t->dlg_row + 1 < n)
		t->dlg_row++;
	else if (cmd == TUI_CMD_PAGE_UP)
		t->dlg_row = t->dlg_row > 8 ? t->dlg_row - 8 : 0;
	else if (cmd == TUI_CMD_PAGE_DOWN)
		t->dlg_row = t->dlg_row + 8 < n ? t->dlg_row + 8 : n - 1;
}

static void list_dialog_key(struct tui *t, enum tui_cmd cmd)
{
	bool conds = t->dialog == TUI_DLG_CONDS;

	move_row(t, cmd, conds ? t->conds.nrows : t->nerrnos + 1);
	if (cmd == TUI_CMD_CANCEL)
		tui_dialog_close(t);
	else if (cmd == TUI_CMD_TOGGLE && conds)
		tui_conds_toggle(&t->conds, t->dlg_row);
	else if (cmd == TUI_CMD_EDIT && conds &&
		 tui_conds_can_toggle(&t->conds, t->dlg_row))
		tui_prompt_open(t, TUI_ASK_COND_VALUE, "");
	else if (cmd == TUI_CMD_ACCEPT)
		conds ? conds_accept(t) : errno_accept(t);
}

void tui_dialog_key(struct tui *t, int key, bool is_char)
{
	const struct tui_key *k;

	switch (t->dialog) {
	case TUI_DLG_PROMPT:
		prompt_key(t, key, is_char);
		return;
	case TUI_DLG_QUESTION:
		question_key(t, key);
		return;
	case TUI_DLG_PAGER:
		k = tui_key_find(TUI_MAP_PAGER, key);
		if (k)
			tui_pager_key(t, k->cmd);
		return;
	default:
		k = tui_key_find(TUI_MAP_DIALOG, key);
		if (k)
			list_dialog_key(t, k->cmd);
		return;
	}
}
