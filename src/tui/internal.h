/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Inside the view. The pure parts (no ncurses, no session calls: the unit
 * tests drive them) come first, one block per file; the view's state and
 * its drawing and input files (which talk to ncurses and the session)
 * follow in view.h.
 */
#ifndef SECCOMPDBG_TUI_INTERNAL_H
#define SECCOMPDBG_TUI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/decode.h"
#include "seccompdbg/profile.h"
#include "seccompdbg/session.h"
#include "seccompdbg/util.h"

/* ---- lines.c: lines of text with a style, for panes and pagers ------- */

enum tui_style {
	TUI_STYLE_NORMAL,
	TUI_STYLE_TITLE,   /* the decoded call, a pager's first line */
	TUI_STYLE_HEADING, /* "backtrace:", a help section */
	TUI_STYLE_DIM,	   /* raw numbers, sources */
	TUI_STYLE_NOTE,	   /* the "why" note, the hint */
	TUI_STYLE_PENDING,
	TUI_STYLE_ALLOWED,
	TUI_STYLE_DENIED,
	TUI_STYLE_ADDED,   /* diff: + */
	TUI_STYLE_REMOVED, /* diff: - */
	TUI_STYLE_HUNK,	   /* diff: @@ */
};

struct tui_line {
	char *text; /* printable ASCII or UTF-8, no control bytes */
	enum tui_style style;
};

struct tui_lines {
	struct tui_line *v;
	size_t n, cap;
};

void tui_lines_add(struct tui_lines *l, enum tui_style style, const char *s);
void tui_lines_addf(struct tui_lines *l, enum tui_style style, const char *fmt,
		    ...) PRINTF_LIKE(3, 4);
/*
 * Adds TEXT cut into lines of at most WIDTH columns: at a space or after
 * ", " where one is near, else anywhere; continuation lines start with
 * INDENT spaces. Newlines in TEXT start new lines.
 */
void tui_lines_wrap(struct tui_lines *l, enum tui_style style, const char *text,
		    unsigned width, unsigned indent);
/* Splits a unified diff into lines styled by their first byte. */
void tui_lines_diff(struct tui_lines *l, const char *diff);
void tui_lines_release(struct tui_lines *l);

/* ---- keys.c: the one key table -------------------------------------- */

/* Which keys apply: the list (the main screen), typing to the program,
 * a dialog, a prompt for a value, a full-screen pager. Questions take
 * the letters they show. */
enum tui_map {
	TUI_MAP_LIST,
	TUI_MAP_OUTPUT,
	TUI_MAP_DIALOG,
	TUI_MAP_PROMPT,
	TUI_MAP_PAGER,
	TUI_MAP_NONE,
};

enum tui_cmd {
	TUI_CMD_NONE, /* a heading of the help screen */
	TUI_CMD_ALLOW_ALWAYS,
	TUI_CMD_ALLOW_ONCE,
	TUI_CMD_ALLOW_ARGS,
	TUI_CMD_ALLOW_STARTUP,
	TUI_CMD_DENY,
	TUI_CMD_DENY_ERRNO,
	TUI_CMD_KILL,
	TUI_CMD_UNDO,
	TUI_CMD_DIFF,
	TUI_CMD_SAVE,
	TUI_CMD_QUIT,
	TUI_CMD_HELP,
	TUI_CMD_UP,
	TUI_CMD_DOWN,
	TUI_CMD_PAGE_UP,
	TUI_CMD_PAGE_DOWN,
	TUI_CMD_HOME,
	TUI_CMD_END,
	TUI_CMD_NEXT_PENDING,
	TUI_CMD_OPEN,
	TUI_CMD_FOCUS,
	TUI_CMD_OUT_UP,
	TUI_CMD_OUT_DOWN,
	TUI_CMD_ZOOM,
	TUI_CMD_REDRAW,
	TUI_CMD_TOGGLE,
	TUI_CMD_EDIT,
	TUI_CMD_ACCEPT,
	TUI_CMD_CANCEL,
	TUI_CMD_ERASE,
};

struct tui_key {
	enum tui_map map;
	int key;	  /* a character or a curses KEY_* code */
	const char *name; /* as the help screen and the bar show it */
	enum tui_cmd cmd;
	bool all;	  /* the decision also goes to identical pending ones */
	const char *bar;  /* the word in the key bar, or NULL */
	const char *help; /* the help screen's text; NULL: an alias */
};

struct tui_bar_item {
	const struct tui_key *key;
	unsigned x; /* column of the key's name */
};

const struct tui_key *tui_keys(size_t *n);
/* The entry of KEY in MAP, or NULL. */
const struct tui_key *tui_key_find(enum tui_map map, int key);
/* The bar of MAP for a screen WIDTH wide: as many entries as fit. */
size_t tui_keys_bar(enum tui_map map, unsigned width, struct tui_bar_item *out,
		    size_t max);
void tui_keys_bar_text(enum tui_map map, unsigned width, struct strbuf *out);
/* The help screen: every map's keys under headings, WIDTH wide. */
void tui_keys_help(struct tui_lines *out, unsigned width);

/* ---- conds.c: the "allow with these arguments" editor --------------- */

enum tui_cond_mode {
	TUI_COND_ANY,	 /* no condition on the argument */
	TUI_COND_EQ,	 /* == value */
	TUI_COND_MASKED, /* the bits of mask as seen: MASKED_EQ */
	TUI_COND_OTHER,	 /* a suggested condition we only keep or drop */
};

struct tui_cond_arg {
	struct decode_arg_info info;
	uint64_t seen;
	enum tui_cond_mode mode;
	uint64_t value; /* EQ */
	uint64_t mask;	/* MASKED */
	struct profile_arg other;
};

/* A line of the editor: an argument, or one flag bit of it. */
struct tui_cond_row {
	unsigned arg;
	uint64_t bit;	      /* 0: the argument's own line */
	const char *bit_name; /* NULL for an unnamed bit */
};

struct tui_conds {
	uint32_t arch;
	int nr;
	uint64_t args[6];
	struct tui_cond_arg a[6];
	size_t nargs;
	struct tui_cond_row *rows;
	size_t nrows;
};

/*
 * The editor for a call, starting from the conditions SUGGESTED (from
 * session_suggest_conds). Release with tui_conds_release.
 */
void tui_conds_init(struct tui_conds *c, uint32_t arch, int nr,
		    const uint64_t args[6], const struct profile_arg *suggested,
		    size_t nsuggested);
void tui_conds_release(struct tui_conds *c);
/* True when a condition can be put on the row's argument. */
bool tui_conds_can_toggle(const struct tui_conds *c, size_t row);
void tui_conds_toggle(struct tui_conds *c, size_t row);
/* The row's argument == TEXT (a number or a name of its table).
   -EINVAL (err says why) when TEXT is neither or the row has none. */
int tui_conds_set_value(struct tui_conds *c, size_t row, const char *text,
			struct err *err);
/* "[x] flags == CLONE_NEWUTS", "    [ ] CLONE_NEWUSER  seen clear". */
void tui_conds_row_text(const struct tui_conds *c, size_t row,
			struct strbuf *out);
/* The conditions chosen, in index order; returns how many. */
size_t tui_conds_result(const struct tui_conds *c, struct profile_arg out[6]);
/* "flags & CLONE_NEWUSER == 0 and fd == 3", or "no condition". */
void tui_conds_describe(const struct tui_conds *c, struct strbuf *out);

/* ---- errnos.c: the errnos "deny with an errno" offers --------------- */

struct tui_errno {
	uint32_t value;
	const char *name; /* "ENOSYS" */
};

/* True when ENOSYS means something to NAME's callers (they fall back
   to an older call on it): its why note for an ENOSYS refusal is not the
   one for EPERM. */
bool tui_errno_prefers_enosys(const char *name);
/* The choices for NAME, ENOSYS first when it prefers it; returns n. */
size_t tui_errnos(const char *name, struct tui_errno *out, size_t max);
/* "EACCES", "eacces" or "13" -> 13. -EINVAL (err says why) otherwise. */
int tui_errno_parse(const char *text, uint32_t *out, struct err *err);

/* ---- layout.c: where each pane goes ---------------------------------- */

struct tui_rect {
	int y, x, h, w;
};

struct tui_layout {
	bool too_small; /* below TUI_MIN_*: only a message is shown */
	bool side_by_side;
	struct tui_rect status, list, detail, output, bar;
};

#define TUI_MIN_ROWS 12
#define TUI_MIN_COLS 50
/* The list and detail side by side from this width on. */
#define TUI_WIDE_COLS 120

/* Each pane's rectangle includes its title row (list: the column
 * header). ZOOM gives the output pane most rows. */
void tui_layout_compute(int rows, int cols, bool zoom, struct tui_layout *l);

/* ---- describe.c: what a denial looks like --------------------------- */

/* "PENDING", "allowed always", "denied EPERM", ... with " (by #N)" when
   denial N's decision answered it, " +N" when it answered N later calls. */
void tui_format_state(const struct session_denial *d, struct strbuf *out);
enum tui_style tui_state_style(enum session_state st);
/* The list's column header and a row, WIDTH columns (cut to fit). */
void tui_format_header(unsigned width, struct strbuf *out);
void tui_format_row(const struct session_denial *d, unsigned width,
		    struct strbuf *out);
/* Every detail of a denial, wrapped to WIDTH. */
void tui_format_detail(const struct session_denial *d, unsigned width,
		       struct tui_lines *out);
/* The status line in WIDTH columns: files (cut to fit), unsaved
   changes, mode, processes, pending denials, the program's state
   ("running", "exited with N"). */
void tui_format_status(const struct session_status *st,
		       const struct session_config *cfg, bool finishing,
		       unsigned width, struct strbuf *out);
/* Cut S to at most WIDTH columns (ASCII), with "~" when cut. */
void tui_format_fit(struct strbuf *out, const char *s, unsigned width);

#endif
