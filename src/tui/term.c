// SPDX-License-Identifier: Apache-2.0
/*
 * The view's terminal: taking it over, and giving it back as it was on
 * every way out. A normal quit and an error return go through
 * tui_term_close (endwin and the saved termios); exit() from anywhere
 * through an atexit handler; a crash (SIGSEGV, SIGABRT from an assert...)
 * through a handler that writes the terminal's own reset strings and
 * restores the termios with async-signal-safe calls only, then dies of
 * the same signal. SIGINT, SIGTERM and SIGHUP belong to the session
 * (docs/session.md): it kills the program and the view leaves through the
 * normal path; when that path is stuck, the session's watchdog thread
 * calls tui_term_emergency, the same async-signal-safe restore, before it
 * ends us. SIGWINCH comes to us through a pipe the session's loop watches.
 *
 * Every character the view shows goes through tui_put or tui_put_cell:
 * control bytes never reach the terminal from here.
 */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/timerfd.h>
#include <termios.h>
#include <term.h>
#include <unistd.h>
#include <wchar.h>

#include "view.h"

/* What the signal handlers need, outside any object. */
static struct {
	volatile sig_atomic_t active;
	int fd;
	int pipe_w;
	struct termios saved;
	char reset[256];
	size_t reset_len;
	struct tui *owner;
	bool atexit_done;
} g = {.fd = -1, .pipe_w = -1};

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
static struct sigaction old_fatal[ARRAY_SIZE(fatal_signals)];
static struct sigaction old_winch;

/* Async-signal-safe: the reset strings, then the termios as we found it. */
static void restore_raw(void)
{
	if (!g.active)
		return;
	g.active = 0;
	if (g.reset_len && write(g.fd, g.reset, g.reset_len) < 0) {
		/* nothing more can be done for a terminal that is gone */
	}
	tcsetattr(g.fd, TCSAFLUSH, &g.saved);
}

void tui_term_emergency(void)
{
	restore_raw();
}

static void on_fatal(int sig)
{
	restore_raw();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_winch(int sig)
{
	int saved = errno;
	char c = 'W';

	(void)sig;
	if (g.pipe_w >= 0 && write(g.pipe_w, &c, 1) < 0) {
		/* the pipe is full: a resize is noticed already */
	}
	errno = saved;
}

static void on_exit_restore(void)
{
	if (g.active && g.owner && g.owner->term.active) {
		endwin();
		g.owner->term.active = false;
	}
	restore_raw();
}

/* Append terminfo capability CAP (if the terminal has it) to the reset. */
static void reset_add(const char *cap)
{
	char *s = tigetstr(cap);
	size_t n;

	if (!s || s == (char *)-1)
		return;
	n = strlen(s);
	if (g.reset_len + n < sizeof(g.reset)) {
		memcpy(g.reset + g.reset_len, s, n);
		g.reset_len += n;
	}
}

static void handlers_install(void)
{
	struct sigaction sa = {0};
	size_t i;

	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < ARRAY_SIZE(fatal_signals); i++)
		sigaction(fatal_signals[i], &sa, &old_fatal[i]);
	/* before newterm: ncurses then leaves SIGWINCH to us */
	sa.sa_handler = on_winch;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, &old_winch);
}

static void handlers_remove(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fatal_signals); i++)
		sigaction(fatal_signals[i], &old_fatal[i], NULL);
	sigaction(SIGWINCH, &old_winch, NULL);
}

static int files_open(struct tui *t, struct err *err)
{
	const char *tty = t->opts->ui_tty;
	int in, out;

	if (tty) {
		in = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (in < 0)
			return err_set(err, errno, "--ui-tty %s: %s", tty,
				       strerror(errno));
	} else {
		in = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
	}
	out = tty ? fcntl(in, F_DUPFD_CLOEXEC, 3)
		  : fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (in < 0 || out < 0 || !isatty(in) || !isatty(out)) {
		if (in >= 0)
			close(in);
		if (out >= 0)
			close(out);
		return err_set(err, ENOTTY, "%s is not a terminal",
			       tty ? tty : "standard input or output");
	}
	t->term.in = fdopen(in, "r");
	t->term.out = fdopen(out, "w");
	t->term.fd = out;
	return 0;
}

static int timer_open(int *fd, long interval_ns, struct err *err)
{
	struct itimerspec it = {.it_value = {0, interval_ns},
				.it_interval = {0, interval_ns}};

	*fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (*fd < 0)
		return err_set(err, errno, "timerfd: %s", strerror(errno));
	if (interval_ns && timerfd_settime(*fd, 0, &it, NULL) < 0)
		return err_set(err, errno, "timerfd: %s", strerror(errno));
	return 0;
}

static int pipes_open(struct tui *t, struct err *err)
{
	int rc;

	if (pipe2(t->term.pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return err_set(err, errno, "pipe: %s", strerror(errno));
	g.pipe_w = t->term.pipe[1];
	rc = timer_open(&t->term.timer, 0, err);
	/* SIGWINCH of another terminal goes to its own foreground group:
	   with --ui-tty the view looks at its size now and then */
	if (rc == 0 && t->opts->ui_tty)
		rc = timer_open(&t->term.size_timer, TUI_SIZE_CHECK_NS, err);
	return rc;
}

static void curses_modes(void)
{
	raw(); /* ^C, ^Z and ^\ are keys: for the program when it has focus */
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
}

/* Whether terminfo knows the terminal; nothing on it changes yet. */
static int check_terminfo(struct tui *t, struct err *err)
{
	TERMINAL *saved = cur_term;
	int errret = 0;

	if (setupterm(NULL, t->term.fd, &errret) != OK)
		return err_set(err, ENOTTY, "cannot drive terminal type '%s'",
			       getenv("TERM") ? getenv("TERM") : "");
	del_curterm(cur_term);
	set_curterm(saved);
	return 0;
}

int tui_term_prepare(struct tui *t, struct err *err)
{
	int rc;

	t->term.pipe[0] = t->term.pipe[1] = -1;
	t->term.timer = t->term.size_timer = -1;
	setlocale(LC_CTYPE, "");
	t->term.utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	rc = files_open(t, err);
	if (rc == 0)
		rc = check_terminfo(t, err);
	if (rc == 0)
		rc = pipes_open(t, err);
	return rc;
}

int tui_term_start(struct tui *t, struct err *err)
{
	const char *no_colour = getenv("NO_COLOR");

	tcgetattr(t->term.fd, &g.saved);
	g.fd = t->term.fd;
	g.owner = t;
	handlers_install();
	if (!g.atexit_done && atexit(on_exit_restore) == 0)
		g.atexit_done = true;
	t->term.screen = newterm(NULL, t->term.out, t->term.in);
	if (!t->term.screen)
		return err_set(err, ENOTTY, "cannot drive terminal type '%s'",
			       getenv("TERM") ? getenv("TERM") : "");
	t->term.active = true;
	g.reset_len = 0;
	reset_add("rmcup");
	reset_add("sgr0");
	reset_add("cnorm");
	reset_add("rmkx");
	g.active = 1;
	curses_modes();
	t->term.colour = has_colors() && !(no_colour && *no_colour);
	if (t->term.colour)
		start_color();
	tui_paint_init(t);
	tui_term_size(t);
	return 0;
}

void tui_term_close(struct tui *t)
{
	if (t->term.active) {
		endwin();
		t->term.active = false;
	}
	if (t->term.screen) {
		delscreen(t->term.screen);
		t->term.screen = NULL;
	}
	if (g.fd >= 0 && g.active) {
		g.active = 0;
		tcsetattr(g.fd, TCSAFLUSH, &g.saved);
	}
	if (g.owner == t) {
		handlers_remove();
		g.owner = NULL;
		g.pipe_w = -1;
		g.fd = -1;
	}
	if (t->term.in)
		fclose(t->term.in);
	if (t->term.out)
		fclose(t->term.out);
	t->term.in = t->term.out = NULL;
	if (t->term.pipe[0] >= 0) {
		close(t->term.pipe[0]);
		close(t->term.pipe[1]);
	}
	if (t->term.timer >= 0)
		close(t->term.timer);
	if (t->term.size_timer >= 0)
		close(t->term.size_timer);
	t->term.pipe[0] = t->term.pipe[1] = -1;
	t->term.timer = t->term.size_timer = -1;
}

bool tui_term_size(struct tui *t)
{
	struct winsize ws;
	int rows = t->rows, cols = t->cols;

	if (ioctl(t->term.fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col &&
	    (ws.ws_row != LINES || ws.ws_col != COLS))
		resize_term(ws.ws_row, ws.ws_col);
	t->rows = LINES;
	t->cols = COLS;
	return rows != t->rows || cols != t->cols;
}

void tui_term_later(struct tui *t)
{
	struct itimerspec it = {.it_value = {0, TUI_REDRAW_NS}};

	if (t->term.timer_armed || !t->term.active)
		return;
	if (timerfd_settime(t->term.timer, 0, &it, NULL) == 0)
		t->term.timer_armed = true;
	else
		tui_term_now(t);
}

void tui_term_now(struct tui *t)
{
	if (t->term.active)
		tui_draw(t);
}

/* ---- text -------------------------------------------------------------- */

/* The next code point of UTF-8 at *s; a bad byte is one U+FFFD. */
static uint32_t next_cp(const unsigned char **s)
{
	uint32_t cp;
	size_t n = utf8_decode(*s, strnlen((const char *)*s, 4), &cp);

	*s += n ? n : 1;
	return n ? cp : 0xfffd;
}

/* Draw one code point; returns its width (0 when it does not fit). */
static int put_cp(struct tui *t, int y, int x, int room, uint32_t cp,
		  attr_t attr, short pair)
{
	wchar_t wc[2] = {0, 0};
	cchar_t cc;
	int w;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		cp = '?'; /* a control: never sent */
	if (cp >= 0x80 && !t->term.utf8)
		cp = '?';
	w = wcwidth((wchar_t)cp);
	if (w < 0) {
		cp = t->term.utf8 ? 0xfffd : '?';
		w = 1;
	}
	if (w == 0 || w > room)
		return w == 0 ? 0 : -1;
	wc[0] = (wchar_t)cp;
	setcchar(&cc, wc, attr, pair, NULL);
	mvadd_wch(y, x, &cc);
	return w;
}

int tui_put(struct tui *t, int y, int x, int w, const char *s, enum tui_paint p)
{
	const unsigned char *u = (const unsigned char *)s;
	attr_t attr = t->term.paint[p];
	short pair = t->term.paint_pair[p];
	int used = 0;

	while (*u && used < w) {
		int n = put_cp(t, y, x + used, w - used, next_cp(&u), attr,
			       pair);

		if (n < 0)
			break;
		used += n;
	}
	return used;
}

void tui_fill(struct tui *t, int y, int x, int w, enum tui_paint p)
{
	int i;

	for (i = 0; i < w; i++)
		put_cp(t, y, x + i, 1, ' ', t->term.paint[p],
		       t->term.paint_pair[p]);
}

void tui_put_cell(struct tui *t, int y, int x, const struct vt_cell *c)
{
	attr_t attr = 0;
	short pair = 0;

	if (c->ch == VT_WIDE_TAIL)
		return; /* drawn with its head */
	if (c->attr & VT_BOLD)
		attr |= A_BOLD;
	if (c->attr & VT_UNDERLINE)
		attr |= A_UNDERLINE;
	if (c->attr & VT_REVERSE)
		attr |= A_REVERSE;
	if (c->fg && t->term.colour)
		pair = (short)(TUI_PAIR_PROGRAM + c->fg - 1);
	put_cp(t, y, x, 2, c->ch, attr, pair);
}
