// SPDX-License-Identifier: Apache-2.0
/*
 * Keys. The session's loop tells us when the terminal has input; every
 * key waiting is read and dispatched: to a dialog when one is open, to
 * the program when its pane has the focus (translated to the bytes a
 * terminal sends), else to the list's commands through the key table.
 */
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "view.h"

#define CTRL(c) ((c)&0x1f)

void tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof(t->message), fmt, ap);
	va_end(ap);
	t->message_error = error;
}

/* ---- to the program ------------------------------------------------------ */

/* What a vt100-like terminal sends for the keys curses decodes. */
static const struct {
	int key;
	const char *bytes;
} key_bytes[] = {
	{KEY_UP, "\033[A"},	 {KEY_DOWN, "\033[B"},
	{KEY_RIGHT, "\033[C"},	 {KEY_LEFT, "\033[D"},
	{KEY_HOME, "\033[H"},	 {KEY_END, "\033[F"},
	{KEY_PPAGE, "\033[5~"},	 {KEY_NPAGE, "\033[6~"},
	{KEY_IC, "\033[2~"},	 {KEY_DC, "\033[3~"},
	{KEY_BACKSPACE, "\177"}, {KEY_ENTER, "\r"},
	{KEY_BTAB, "\033[Z"},	 {KEY_F(1), "\033OP"},
	{KEY_F(2), "\033OQ"},	 {KEY_F(3), "\033OR"},
	{KEY_F(4), "\033OS"},	 {KEY_F(5), "\033[15~"},
	{KEY_F(6), "\033[17~"},	 {KEY_F(7), "\033[18~"},
	{KEY_F(8), "\033[19~"},	 {KEY_F(9), "\033[20~"},
	{KEY_F(10), "\033[21~"}, {KEY_F(11), "\033[23~"},
	{KEY_F(12), "\033[24~"},
};

static void to_program(struct tui *t, int key, bool is_char)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (is_char) {
		utf8_put(&sb, (uint32_t)key);
	} else {
		for (i = 0; i < ARRAY_SIZE(key_bytes); i++)
			if (key_bytes[i].key == key)
				strbuf_adds(&sb, key_bytes[i].bytes);
	}
	if (sb.len && session_send_input(t->s, sb.buf, sb.len) < 0)
		tui_message(t, true, "the program's terminal is closed");
	strbuf_release(&sb);
}

/* ---- decisions ------------------------------------------------------------ */

static const char *const done_words[] = {
	[SESSION_ALLOW_ONCE] = "allowed once",
	[SESSION_ALLOW_ALWAYS] = "allowed always (the profile has it now)",
	[SESSION_ALLOW_ARGS] = "allowed with these arguments",
	[SESSION_DENY] = "denied as the profile would",
	[SESSION_DENY_ERRNO] = "denied",
	[SESSION_KILL] = "killed",
};

void tui_decide(struct tui *t, unsigned id, const struct session_decision *d)
{
	const struct session_denial *den = session_denial(t->s, id);
	const char *name = den && den->name ? den->name : "?";
	struct err err = {""};
	unsigned next;

	if (session_decide(t->s, id, d, &err) < 0) {
		tui_message(t, true, "#%u %s: %s", id, name, err.msg);
		return;
	}
	tui_message(t, false, "#%u %s: %s%s", id, name, done_words[d->action],
		    d->all_identical ? ", with every identical one" : "");
	next = tui_next_pending(t, id);
	if (next)
		tui_select(t, next);
}

/* The selected denial when it waits for a decision, else NULL (and why). */
static const struct session_denial *pending(struct tui *t)
{
	const struct session_denial *d = tui_selected(t);
	struct strbuf sb = STRBUF_INIT;

	if (d && d->state == SESSION_PENDING)
		return d;
	if (!d) {
		tui_message(t, true, "no denial selected");
		return NULL;
	}
	tui_format_state(d, &sb);
	tui_message(t, true, "#%u %s is %s: only a pending denial is decided",
		    d->id, d->name, strbuf_str(&sb));
	strbuf_release(&sb);
	return NULL;
}

static void decision_key(struct tui *t, const struct tui_key *k)
{
	struct session_decision dec = {.all_identical = k->all};
	const struct session_denial *d = pending(t);

	if (!d)
		return;
	switch (k->cmd) {
	case TUI_CMD_ALLOW_ALWAYS:
		dec.action = SESSION_ALLOW_ALWAYS;
		break;
	case TUI_CMD_ALLOW_ONCE:
		dec.action = SESSION_ALLOW_ONCE;
		break;
	case TUI_CMD_ALLOW_STARTUP:
		if (!d->startup) {
			tui_message(t, true,
				    "#%u is not a runtime start-up call",
				    d->id);
			return;
		}
		dec.action = SESSION_ALLOW_ALWAYS;
		dec.all_startup = true;
		break;
	case TUI_CMD_DENY:
		dec.action = SESSION_DENY;
		break;
	case TUI_CMD_ALLOW_ARGS:
		tui_conds_open(t, d->id, k->all);
		return;
	default:
		tui_errno_open(t, d->id, k->all);
		return;
	}
	tui_decide(t, d->id, &dec);
}

/* ---- the profile ---------------------------------------------------------- */

static void undo(struct tui *t)
{
	struct err err = {""};

	if (session_undo(t->s, &err) < 0)
		tui_message(t, true, "%s", err.msg);
	else
		tui_message(
			t, false,
			"undone: the last decision's change to the profile");
}

static void save(struct tui *t)
{
	struct err err = {""};

	if (session_save(t->s, &err) < 0)
		tui_message(t, true, "%s", err.msg);
	else
		tui_message(t, false, "saved to %s",
			    session_config(t->s)->output_path);
}

static void show_diff(struct tui *t)
{
	const struct session_config *cfg = session_config(t->s);
	struct strbuf sb = STRBUF_INIT;

	session_diff(t->s, &sb);
	if (!sb.len) {
		tui_message(t, false, "no change to the profile yet");
	} else {
		tui_lines_release(&t->pager);
		tui_lines_addf(&t->pager, TUI_STYLE_TITLE,
			       "What save writes to %s: the changes (q closes)",
			       cfg->output_path ? cfg->output_path
						: "(no -o given)");
		tui_lines_diff(&t->pager, strbuf_str(&sb));
		tui_pager_open(t);
	}
	strbuf_release(&sb);
}

static void show_help(struct tui *t)
{
	tui_lines_release(&t->pager);
	tui_keys_help(&t->pager, (unsigned)t->cols);
	tui_pager_open(t);
}

static void show_denial(struct tui *t)
{
	const struct session_denial *d = tui_selected(t);

	if (!d)
		return;
	tui_lines_release(&t->pager);
	tui_lines_addf(&t->pager, TUI_STYLE_HEADING,
		       "denial #%u, all of it (q closes)", d->id);
	tui_format_detail(d, (unsigned)t->cols, &t->pager);
	tui_pager_open(t);
}

/* ---- the list ------------------------------------------------------------- */

static void move_sel(struct tui *t, long delta)
{
	long id = (long)t->sel + delta;

	if (!t->ndenials)
		return;
	if (id < 1)
		id = 1;
	if (id > (long)t->ndenials)
		id = (long)t->ndenials;
	tui_select(t, (unsigned)id);
}

static void focus(struct tui *t)
{
	struct session_status st;

	session_get_status(t->s, &st);
	if (t->opts->ui_tty)
		tui_message(t, true,
			    "with --ui-tty the program reads its own terminal");
	else if (!st.running)
		tui_message(t, true, "the program is not running");
	else
		t->focus_output = true;
	t->out_back = 0;
}

static void scroll_output(struct tui *t, bool back)
{
	size_t step =
		t->layout.output.h > 2 ? (size_t)t->layout.output.h / 2 : 1;

	if (back)
		t->out_back += step; /* draw.c keeps it within the lines */
	else
		t->out_back = t->out_back > step ? t->out_back - step : 0;
}

static void view_key(struct tui *t, const struct tui_key *k)
{
	long page = tui_list_rows(t) > 1 ? tui_list_rows(t) - 1 : 1;

	switch (k->cmd) {
	case TUI_CMD_KILL:
		tui_question_open(t, TUI_ASK_KILL);
		break;
	case TUI_CMD_UNDO:
		undo(t);
		break;
	case TUI_CMD_DIFF:
		show_diff(t);
		break;
	case TUI_CMD_SAVE:
		save(t);
		break;
	case TUI_CMD_QUIT:
		tui_quit(t);
		break;
	case TUI_CMD_HELP:
		show_help(t);
		break;
	case TUI_CMD_UP:
	case TUI_CMD_DOWN:
		move_sel(t, k->cmd == TUI_CMD_UP ? -1 : 1);
		break;
	case TUI_CMD_PAGE_UP:
	case TUI_CMD_PAGE_DOWN:
		move_sel(t, k->cmd == TUI_CMD_PAGE_UP ? -page : page);
		break;
	case TUI_CMD_HOME:
	case TUI_CMD_END:
		move_sel(t, k->cmd == TUI_CMD_HOME ? -(long)t->ndenials
						   : (long)t->ndenials);
		break;
	case TUI_CMD_NEXT_PENDING:
		if (tui_next_pending(t, t->sel))
			tui_select(t, tui_next_pending(t, t->sel));
		else
			tui_message(t, false, "no pending denial");
		break;
	case TUI_CMD_OPEN:
		show_denial(t);
		break;
	case TUI_CMD_FOCUS:
		focus(t);
		break;
	case TUI_CMD_OUT_UP:
	case TUI_CMD_OUT_DOWN:
		scroll_output(t, k->cmd == TUI_CMD_OUT_UP);
		break;
	case TUI_CMD_ZOOM:
		t->zoom = !t->zoom;
		tui_relayout(t);
		break;
	case TUI_CMD_REDRAW:
		t->redraw_all = true;
		tui_term_size(t);
		tui_relayout(t);
		break;
	default:
		decision_key(t, k);
		break;
	}
}

static void key(struct tui *t, int key, bool is_char)
{
	const struct tui_key *k;

	/* non-ASCII characters are never commands: only the program's */
	int code = is_char && key >= KEY_MIN ? -1 : key;

	if (!is_char && key == KEY_RESIZE) {
		tui_term_size(t);
		tui_relayout(t);
		return;
	}
	t->message[0] = '\0';
	if (t->dialog != TUI_DLG_NONE) {
		tui_dialog_key(t, code, is_char);
	} else if (t->focus_output) {
		k = tui_key_find(TUI_MAP_OUTPUT, code);
		if (k && k->cmd == TUI_CMD_FOCUS)
			t->focus_output = false;
		else
			to_program(t, key, is_char);
	} else if ((k = tui_key_find(TUI_MAP_LIST, code))) {
		view_key(t, k);
	}
}

/* The terminal hung up (its window closed): nobody can answer any more,
   so the program goes as on SIGHUP. */
static bool is_gone(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, 0) == 1 &&
	       (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

void tui_input_ready(void *ctx, int fd)
{
	struct tui *t = ctx;
	wint_t wch;
	int rc;

	while ((rc = wget_wch(stdscr, &wch)) != ERR)
		key(t, (int)wch, rc == OK);
	if (is_gone(fd)) {
		session_watch(t->s, fd, NULL, NULL);
		t->save = true;
		tui_quit_now(t, true, false);
		return;
	}
	tui_term_now(t);
}
