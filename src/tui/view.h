/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The view's state and the files that draw it and read keys: they talk
 * to ncurses and to the session; the pure parts are in internal.h.
 *
 * - term.c: the terminal (open, restore on every way out, signals,
 *   colours, the one function that puts text on the screen);
 * - draw.c: the main screen (status, list, detail, output, key bar);
 * - dialog.c: the dialogs, drawn and keyed;
 * - pager.c: the full-screen pager (help, diff, a denial in full);
 * - input.c: keys on the main screen and the decisions they make;
 * - view.c: tui_run, the session's callbacks, selection and quitting.
 */
#ifndef SECCOMPDBG_TUI_VIEW_H
#define SECCOMPDBG_TUI_VIEW_H

#include <curses.h>
#include <signal.h>

#include "seccompdbg/tui.h"
#include "seccompdbg/vt.h"

#include "internal.h"

/* Lines of the program's output kept above its screen. */
#define TUI_SCROLLBACK 5000
/* Redraws are gathered: a burst of output or denials costs one. */
#define TUI_REDRAW_NS 15000000L
/* How often the size of a --ui-tty terminal is looked at. */
#define TUI_SIZE_CHECK_NS 250000000L

enum tui_dialog {
	TUI_DLG_NONE,
	TUI_DLG_PAGER,	  /* help, diff, a denial in full */
	TUI_DLG_CONDS,	  /* allow with these arguments */
	TUI_DLG_ERRNO,	  /* deny with an errno */
	TUI_DLG_PROMPT,	  /* one line of text: a value, an errno */
	TUI_DLG_QUESTION, /* a few answers by letter */
};

/* What a question or a prompt is about. */
enum tui_ask {
	TUI_ASK_KILL,	     /* kill the program? */
	TUI_ASK_UNSAVED,     /* quit: save the changes? */
	TUI_ASK_RUNNING,     /* quit: kill the program or let it finish? */
	TUI_ASK_COND_VALUE,  /* prompt: a condition's value */
	TUI_ASK_ERRNO_OTHER, /* prompt: an errno by name or number */
};

/* Attributes of the view's own parts, from colours or without them. */
enum tui_paint {
	TUI_PAINT_NORMAL,
	TUI_PAINT_STATUS,
	TUI_PAINT_TITLE,    /* a pane's title line */
	TUI_PAINT_FOCUS,    /* the title of the pane keys go to */
	TUI_PAINT_SELECTED, /* the selected row */
	TUI_PAINT_KEY,	    /* a key's name in the bar */
	TUI_PAINT_ERROR,    /* a failure in the message line */
	TUI_PAINT_DIALOG,   /* a dialog's frame and title */
	TUI_PAINT_STYLE,    /* + enum tui_style: text styles */
};

#define TUI_NPAINTS (TUI_PAINT_STYLE + TUI_STYLE_HUNK + 1)
/* The colour pairs of the program's eight foreground colours. */
#define TUI_PAIR_PROGRAM (TUI_NPAINTS + 1)

struct tui_term {
	SCREEN *screen;
	FILE *in, *out;
	int fd;		/* the terminal the view draws on */
	bool active;	/* curses owns the terminal now */
	bool colour;	/* colours, unless NO_COLOR or the terminal lacks */
	bool utf8;	/* the locale can show more than ASCII */
	int pipe[2];	/* signal handlers -> the loop */
	int timer;	/* timerfd for gathered redraws */
	int size_timer; /* --ui-tty: a periodic look at the size, or -1 */
	bool timer_armed;
	attr_t paint[TUI_NPAINTS];
	short paint_pair[TUI_NPAINTS];
};

struct tui {
	struct session *s;
	const struct tui_options *opts;
	struct tui_term term;
	struct tui_layout layout;
	int rows, cols;

	/* the list: denials 1..ndenials */
	unsigned ndenials;
	unsigned sel;	   /* the selected id, 0: none */
	unsigned list_top; /* the id on the first row */

	/* the program's output */
	struct vt *vt;
	size_t out_back; /* lines scrolled back from the newest */
	bool focus_output, zoom;

	/* dialogs */
	enum tui_dialog dialog;
	enum tui_ask ask;
	struct tui_lines pager;
	size_t pager_top;
	struct tui_conds conds;
	size_t dlg_row, dlg_top;
	unsigned dlg_id; /* the denial a decision dialog is for */
	bool dlg_all;	 /* its decision goes to identical ones too */
	struct tui_errno errnos[16];
	size_t nerrnos;
	char prompt[64];
	size_t prompt_len;

	/* the message line (over the key bar until the next key) */
	char message[256];
	bool message_error;

	bool finishing; /* quit chose "let it finish": deny, then leave */
	bool quitting;	/* leave once the program is over */
	bool unsaved_answered; /* quit asked about unsaved changes once */
	bool failure_shown;    /* the program's start failure was shown */
	bool save;	       /* save at exit (tui_run's *save) */
	bool redraw_all;
};

/* term.c */
/* Open and check the terminal, changing nothing on it yet; then take
   it over. tui_term_close undoes either. */
int tui_term_prepare(struct tui *t, struct err *err);
int tui_term_start(struct tui *t, struct err *err);
void tui_term_close(struct tui *t);
/* The session's last resort (another thread, the loop stopped anywhere):
 * the terminal as it was, with async-signal-safe calls only. */
void tui_term_emergency(void);
/* The terminal's size now; resizes curses to it. True when it changed. */
bool tui_term_size(struct tui *t);
/* Draw again within TUI_REDRAW_NS (the timer); or now. */
void tui_term_later(struct tui *t);
void tui_term_now(struct tui *t);
/* Put UTF-8 text at (y, x), at most W columns, control bytes shown as
   '?'; returns the columns used. */
int tui_put(struct tui *t, int y, int x, int w, const char *s,
	    enum tui_paint p);
/* Blank W columns at (y, x) in paint P. */
void tui_fill(struct tui *t, int y, int x, int w, enum tui_paint p);
/* One of the program's cells. */
void tui_put_cell(struct tui *t, int y, int x, const struct vt_cell *c);

/* paint.c */
void tui_paint_init(struct tui *t);
enum tui_paint tui_paint_style(enum tui_style s);

/* draw.c */
void tui_draw(struct tui *t);
/* Rows of the list below its header. */
int tui_list_rows(const struct tui *t);

/* dialog.c */
void tui_dialog_draw(struct tui *t);
void tui_dialog_key(struct tui *t, int key, bool is_char);
void tui_dialog_close(struct tui *t);
void tui_conds_open(struct tui *t, unsigned id, bool all);
void tui_errno_open(struct tui *t, unsigned id, bool all);
void tui_question_open(struct tui *t, enum tui_ask ask);
void tui_prompt_open(struct tui *t, enum tui_ask ask, const char *start);

/* pager.c: the lines are t->pager */
void tui_pager_open(struct tui *t);
void tui_pager_draw(struct tui *t);
void tui_pager_key(struct tui *t, enum tui_cmd cmd);

/* input.c */
void tui_input_ready(void *ctx, int fd);
/* Apply a decision to denial ID (and identical pending ones if ALL);
   failures go to the message line. */
void tui_decide(struct tui *t, unsigned id, const struct session_decision *d);
void tui_message(struct tui *t, bool error, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/* view.c */
const struct session_denial *tui_selected(const struct tui *t);
void tui_select(struct tui *t, unsigned id);
/* The next pending denial after ID (wrapping), or 0. */
unsigned tui_next_pending(const struct tui *t, unsigned id);
/* Quit as asked: the questions first, then leave. */
void tui_quit(struct tui *t);
/* The answers of the quit questions: save or not, then kill the
   program or let it finish (neither: it is over already). */
void tui_quit_answer_unsaved(struct tui *t, bool save);
void tui_quit_now(struct tui *t, bool kill, bool finish);
/* Layout for the current size; the program's terminal follows. */
void tui_relayout(struct tui *t);

#endif
