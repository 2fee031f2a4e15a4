// SPDX-License-Identifier: Apache-2.0
/*
 * tui_run and the session's callbacks: the view registers its terminal,
 * a signal pipe and a redraw timer in the session's one poll loop, and
 * reacts to denials, output and status as they come. Selection follows
 * the work: a new pending denial is selected unless the person is on
 * another pending one, and a decision moves on to the next pending.
 *
 * Quitting asks first: about unsaved changes, then about a program still
 * running (kill it, or let it finish with every refusal denied as the
 * profile would). The view leaves when the program is over.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "view.h"

const struct session_denial *tui_selected(const struct tui *t)
{
	return t->sel ? session_denial(t->s, t->sel) : NULL;
}

void tui_select(struct tui *t, unsigned id)
{
	if (id >= 1 && id <= t->ndenials)
		t->sel = id;
}

static bool is_pending(const struct tui *t, unsigned id)
{
	const struct session_denial *d = session_denial(t->s, id);

	return d && d->state == SESSION_PENDING;
}

unsigned tui_next_pending(const struct tui *t, unsigned id)
{
	unsigned i, n = t->ndenials;

	for (i = 1; i <= n; i++) {
		unsigned next = (id + i - 1) % n + 1;

		if (next != id && is_pending(t, next))
			return next;
	}
	return 0;
}

static void deny_as_profile(struct tui *t, unsigned id)
{
	struct session_decision d = {.action = SESSION_DENY};

	session_decide(t->s, id, &d, NULL);
}

/* ---- the session's callbacks --------------------------------------------- */

static void on_denial(void *ctx, const struct session_denial *d)
{
	struct tui *t = ctx;
	unsigned id = d->id; /* D may change under a decision */
	bool is_new = id > t->ndenials;

	if (is_new)
		t->ndenials = id;
	if (is_new && d->state == SESSION_PENDING) {
		if (t->finishing) {
			deny_as_profile(t, id);
		} else if (!t->sel || !is_pending(t, t->sel)) {
			t->sel = id;
		}
	}
	tui_term_later(t);
}

static void on_output(void *ctx, const char *buf, size_t len)
{
	struct tui *t = ctx;

	vt_write(t->vt, buf, len);
	tui_term_later(t);
}

static void on_status(void *ctx)
{
	struct tui *t = ctx;
	struct session_status st;

	session_get_status(t->s, &st);
	if (st.failure && !t->failure_shown) {
		/* its exec or its filter failed: say so until the next key */
		tui_message(t, true, "%s", st.failure);
		t->failure_shown = true;
	}
	if (!st.running) {
		t->focus_output = false;
		/* SIGINT, SIGTERM, SIGHUP: the session killed the program;
		   nobody is left to answer, the view goes too */
		if (t->quitting || st.signal)
			session_quit(t->s);
	}
	tui_term_later(t);
}

/* ---- what the loop watches besides the session --------------------------- */

static void on_pipe(void *ctx, int fd)
{
	struct tui *t = ctx;
	char buf[64];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
	/* SIGWINCH: the terminal has a new size, and what it shows now is
	   its own rewrap of the old screen: paint it all again */
	tui_term_size(t);
	tui_relayout(t);
	t->redraw_all = true;
	tui_term_now(t);
}

static void on_timer(void *ctx, int fd)
{
	struct tui *t = ctx;
	uint64_t n;

	if (read(fd, &n, sizeof(n)) < 0 && errno == EAGAIN)
		return;
	t->term.timer_armed = false;
	tui_term_now(t);
}

static void on_size_timer(void *ctx, int fd)
{
	struct tui *t = ctx;
	uint64_t n;

	if (read(fd, &n, sizeof(n)) < 0 && errno == EAGAIN)
		return;
	if (!tui_term_size(t))
		return;
	tui_relayout(t);
	t->redraw_all = true;
	tui_term_now(t);
}

void tui_relayout(struct tui *t)
{
	unsigned rows, cols;

	tui_layout_compute(t->rows, t->cols, t->zoom, &t->layout);
	if (t->layout.too_small)
		return;
	rows = (unsigned)(t->layout.output.h > 1 ? t->layout.output.h - 1 : 1);
	cols = (unsigned)t->layout.output.w;
	vt_resize(t->vt, rows, cols);
	if (!t->opts->ui_tty)
		session_set_winsize(t->s, rows, cols);
}

/* ---- quitting -------------------------------------------------------------- */

void tui_quit(struct tui *t)
{
	struct session_status st;

	session_get_status(t->s, &st);
	if (st.unsaved && !t->unsaved_answered) {
		tui_question_open(t, TUI_ASK_UNSAVED);
		return;
	}
	if (st.running) {
		tui_question_open(t, TUI_ASK_RUNNING);
		return;
	}
	session_quit(t->s);
}

void tui_quit_answer_unsaved(struct tui *t, bool save)
{
	t->unsaved_answered = true;
	t->save = save;
	tui_quit(t);
}

void tui_quit_now(struct tui *t, bool kill, bool finish)
{
	struct session_status st;
	unsigned id;

	t->quitting = true;
	if (kill)
		session_kill_program(t->s);
	if (finish) {
		t->finishing = true;
		for (id = 1; id <= t->ndenials; id++)
			if (is_pending(t, id))
				deny_as_profile(t, id);
	}
	session_get_status(t->s, &st);
	if (!st.running)
		session_quit(t->s);
}

/* ---- the run --------------------------------------------------------------- */

static void watch_all(struct tui *t, bool on)
{
	session_watch(t->s, fileno(t->term.in), on ? tui_input_ready : NULL, t);
	session_watch(t->s, t->term.pipe[0], on ? on_pipe : NULL, t);
	session_watch(t->s, t->term.timer, on ? on_timer : NULL, t);
	if (t->term.size_timer >= 0)
		session_watch(t->s, t->term.size_timer,
			      on ? on_size_timer : NULL, t);
}

static void release(struct tui *t)
{
	vt_free(t->vt);
	tui_lines_release(&t->pager);
	tui_conds_release(&t->conds);
}

int tui_run(struct session *s, const struct tui_options *o, bool *save,
	    struct err *err)
{
	struct tui t = {.s = s, .opts = o, .save = true};
	struct session_frontend fe = {.ctx = &t,
				      .denial = on_denial,
				      .output = on_output,
				      .status = on_status,
				      .emergency = tui_term_emergency};
	int rc;

	*save = true;
	t.vt = vt_new(24, 80, TUI_SCROLLBACK);
	/* a terminal we cannot use is found before the program starts */
	rc = tui_term_prepare(&t, err);
	if (rc == 0)
		rc = session_start(s, &fe, err);
	if (rc == 0)
		rc = tui_term_start(&t, err);
	if (rc == 0) {
		watch_all(&t, true);
		tui_relayout(&t);
		tui_term_now(&t);
		rc = session_run(s);
		if (rc < 0)
			err_set(err, -rc, "the session loop failed: %s",
				strerror(-rc));
		watch_all(&t, false);
	}
	tui_term_close(&t);
	release(&t);
	*save = t.save;
	return rc;
}
