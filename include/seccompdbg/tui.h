/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tui: the interactive debugger, an ncurses front end of a session
 * (ncurses lives only in this module).
 *
 * It shows the denials as they arrive (a list, the selected one's every
 * detail), the program's output in a pane of its own, and a status line;
 * the person decides with keys (one table: the key bar and the help
 * screen are made from it) and the view answers through session_decide()
 * and friends. It never touches the tracer. docs/view.md has the layout,
 * the keys and how the output pane sanitises the program's bytes.
 */
#ifndef SECCOMPDBG_TUI_H
#define SECCOMPDBG_TUI_H

#include <stdbool.h>

#include "seccompdbg/session.h"
#include "seccompdbg/util.h"

struct tui_options {
	/* The view's terminal (--ui-tty), or NULL: our stdin and stdout.
	   With it, the program keeps our stdio and the session should not
	   give it a pseudo-terminal (cfg.use_pty false); without, it should
	   (the output pane shows what it writes there). */
	const char *ui_tty;
};

/*
 * Run the view over S, a session made but not started: start the
 * program, take over the terminal, loop until the person quits (or a
 * signal ends the session), and give the terminal back as it was, also
 * on errors and fatal signals. *SAVE says whether the profile should be
 * saved at exit: false when the person chose to quit without saving.
 *
 * Returns 0, or -errno with err: what session_start gave (-ENOENT: CMD
 * not found, -EACCES: not executable; the terminal is left untouched
 * then), -ENOTTY when there is no usable terminal, or the session loop's
 * error.
 */
int tui_run(struct session *s, const struct tui_options *o, bool *save,
	    struct err *err);

#endif
