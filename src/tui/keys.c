// SPDX-License-Identifier: Apache-2.0
/*
 * The one key table of the view. The key bar at the bottom, the help
 * screen and the dispatcher are all read from it, so they cannot
 * disagree: a key is added here or nowhere.
 */
#include <curses.h>
#include <string.h>

#include "internal.h"

#define CTRL(c) ((c)&0x1f)

/* Shorthands for the table: a heading, and a key of each map. */
#define HEAD(m, text)                      \
	{                                  \
		.map = (m), .help = (text) \
	}
#define L(k, name, cmd, all, bar, help)                              \
	{                                                            \
		TUI_MAP_LIST, k, name, TUI_CMD_##cmd, all, bar, help \
	}
#define M(map, k, name, cmd, bar, help)                                 \
	{                                                               \
		TUI_MAP_##map, k, name, TUI_CMD_##cmd, false, bar, help \
	}

static const struct tui_key keys[] = {
	HEAD(TUI_MAP_LIST, "Decisions on the selected pending denial"),
	L('a', "a", ALLOW_ALWAYS, false, "allow",
	  "allow always: the profile gains the call; later ones pass unasked"),
	L('o', "o", ALLOW_ONCE, false, "once",
	  "allow this call once; the profile does not change"),
	L('r', "r", ALLOW_ARGS, false, "args",
	  "allow with these arguments: choose the conditions to keep"),
	L('d', "d", DENY, false, "deny",
	  "deny as the profile would (its errno, kill or trap)"),
	L('e', "e", DENY_ERRNO, false, "errno",
	  "deny with an errno you choose (ENOSYS first for calls libc falls back from)"),
	L('A', "A", ALLOW_ALWAYS, true, NULL,
	  "allow always, this and every identical pending denial"),
	L('O', "O", ALLOW_ONCE, true, NULL,
	  "allow once, this and every identical pending denial"),
	L('R', "R", ALLOW_ARGS, true, NULL,
	  "allow with arguments, this and every identical pending denial"),
	L('D', "D", DENY, true, NULL,
	  "deny as the profile would, this and every identical one"),
	L('E', "E", DENY_ERRNO, true, NULL,
	  "deny with an errno, this and every identical pending denial"),
	L('S', "S", ALLOW_STARTUP, false, NULL,
	  "allow always every runtime start-up call: this one, the pending ones and those to come (containers)"),
	L('k', "k", KILL, false, "kill",
	  "kill the program (every process of it; asks first)"),
	HEAD(TUI_MAP_LIST, "The profile"),
	L('u', "u", UNDO, false, "undo", "undo the last change to the profile"),
	L('v', "v", DIFF, false, "diff",
	  "view the changes: by meaning, then a diff of what save will write"),
	L('s', "s", SAVE, false, "save",
	  "save the profile to the output file (-o)"),
	L('q', "q", QUIT, false, "quit",
	  "quit (asks about unsaved changes and a running program)"),
	HEAD(TUI_MAP_LIST, "Moving around"),
	L(KEY_UP, "Up", UP, false, NULL, "the previous denial"),
	L(KEY_DOWN, "Down", DOWN, false, NULL, "the next denial"),
	L(KEY_PPAGE, "PgUp", PAGE_UP, false, NULL, "a page up"),
	L(KEY_NPAGE, "PgDn", PAGE_DOWN, false, NULL, "a page down"),
	L(KEY_HOME, "Home", HOME, false, NULL, "the first denial"),
	L(KEY_END, "End", END, false, NULL, "the last denial"),
	L('n', "n", NEXT_PENDING, false, NULL, "the next pending denial"),
	L('\n', "Enter", OPEN, false, NULL,
	  "open the selected denial: every detail, full screen"),
	L('\r', "Enter", OPEN, false, NULL, NULL),
	L(KEY_ENTER, "Enter", OPEN, false, NULL, NULL),
	HEAD(TUI_MAP_LIST, "The program's output"),
	L('\t', "Tab", FOCUS, false, NULL,
	  "type to the program: keys go to it until Ctrl-]"),
	L('[', "[", OUT_UP, false, NULL, "scroll the output back"),
	L(']', "]", OUT_DOWN, false, NULL, "scroll the output forward"),
	L('z', "z", ZOOM, false, NULL,
	  "zoom: the output pane takes most of the screen, and back"),
	HEAD(TUI_MAP_LIST, "The view"),
	L('?', "?", HELP, false, "help", "this help"),
	L(CTRL('l'), "Ctrl-L", REDRAW, false, NULL,
	  "draw the whole screen again"),

	HEAD(TUI_MAP_OUTPUT, "While typing to the program"),
	M(OUTPUT, CTRL(']'), "Ctrl-]", FOCUS, "back to the list",
	  "back to the list; every other key goes to the program"),

	HEAD(TUI_MAP_DIALOG, "In a dialog"),
	M(DIALOG, KEY_UP, "Up", UP, NULL, "the previous line"),
	M(DIALOG, KEY_DOWN, "Down", DOWN, NULL, "the next line"),
	M(DIALOG, KEY_PPAGE, "PgUp", PAGE_UP, NULL, "a page up"),
	M(DIALOG, KEY_NPAGE, "PgDn", PAGE_DOWN, NULL, "a page down"),
	M(DIALOG, ' ', "Space", TOGGLE, "toggle",
	  "toggle the condition or bit on this line"),
	M(DIALOG, '=', "=", EDIT, "value",
	  "type the value a condition compares with (a number or a name)"),
	M(DIALOG, '\n', "Enter", ACCEPT, "accept", "accept and decide"),
	M(DIALOG, '\r', "Enter", ACCEPT, NULL, NULL),
	M(DIALOG, KEY_ENTER, "Enter", ACCEPT, NULL, NULL),
	M(DIALOG, 27, "Esc", CANCEL, "cancel", "cancel: nothing is decided"),

	HEAD(TUI_MAP_PROMPT, "Typing a value"),
	M(PROMPT, '\n', "Enter", ACCEPT, "accept", "use what is typed"),
	M(PROMPT, '\r', "Enter", ACCEPT, NULL, NULL),
	M(PROMPT, KEY_ENTER, "Enter", ACCEPT, NULL, NULL),
	M(PROMPT, KEY_BACKSPACE, "Backspace", ERASE, "erase",
	  "erase the last character"),
	M(PROMPT, 127, "Backspace", ERASE, NULL, NULL),
	M(PROMPT, '\b', "Backspace", ERASE, NULL, NULL),
	M(PROMPT, 27, "Esc", CANCEL, "back", "back to the dialog"),

	HEAD(TUI_MAP_PAGER, "On a full screen (help, diff, a denial)"),
	M(PAGER, KEY_UP, "Up", UP, NULL, "a line up"),
	M(PAGER, KEY_DOWN, "Down", DOWN, NULL, "a line down"),
	M(PAGER, KEY_PPAGE, "PgUp", PAGE_UP, "page up", "a page up"),
	M(PAGER, KEY_NPAGE, "PgDn", PAGE_DOWN, "page down", "a page down"),
	M(PAGER, ' ', "Space", PAGE_DOWN, NULL, NULL),
	M(PAGER, KEY_HOME, "Home", HOME, NULL, "the top"),
	M(PAGER, KEY_END, "End", END, NULL, "the bottom"),
	M(PAGER, 'q', "q", CANCEL, "close", "close"),
	M(PAGER, 27, "Esc", CANCEL, NULL, NULL),
	M(PAGER, '?', "?", CANCEL, NULL, NULL),
};

const struct tui_key *tui_keys(size_t *n)
{
	*n = ARRAY_SIZE(keys);
	return keys;
}

const struct tui_key *tui_key_find(enum tui_map map, int key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (keys[i].map == map && keys[i].cmd != TUI_CMD_NONE &&
		    keys[i].key == key)
			return &keys[i];
	return NULL;
}

/* The entries of MAP's bar, in table order. */
static size_t bar_keys(enum tui_map map, const struct tui_key **out)
{
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (keys[i].map == map && keys[i].bar)
			out[n++] = &keys[i];
	return n;
}

static unsigned item_width(const struct tui_key *k)
{
	return (unsigned)(strlen(k->name) + 1 + strlen(k->bar));
}

/* Lay out N entries with GAP columns between them from column 1; false
   when they do not fit in WIDTH. */
static bool place(const struct tui_key **k, size_t n, unsigned gap,
		  unsigned width, struct tui_bar_item *out)
{
	unsigned x = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (x + item_width(k[i]) > width)
			return false;
		out[i] = (struct tui_bar_item){k[i], x};
		x += item_width(k[i]) + gap;
	}
	return true;
}

size_t tui_keys_bar(enum tui_map map, unsigned width, struct tui_bar_item *out,
		    size_t max)
{
	const struct tui_key *k[ARRAY_SIZE(keys)];
	size_t n = bar_keys(map, k);

	if (n > max)
		n = max;
	/* Two spaces between entries when all fit, else one; else the
	   entries before the last go first: the last (help) always stays. */
	if (place(k, n, 2, width, out))
		return n;
	while (n > 1) {
		if (place(k, n, 1, width, out))
			return n;
		k[n - 2] = k[n - 1];
		n--;
	}
	return place(k, n, 1, width, out) ? n : 0;
}

void tui_keys_bar_text(enum tui_map map, unsigned width, struct strbuf *out)
{
	struct tui_bar_item items[ARRAY_SIZE(keys)];
	size_t n = tui_keys_bar(map, width, items, ARRAY_SIZE(items)), i;

	for (i = 0; i < n; i++) {
		while (out->len < items[i].x)
			strbuf_addc(out, ' ');
		strbuf_addf(out, "%s %s", items[i].key->name,
			    items[i].key->bar);
	}
}

void tui_keys_help(struct tui_lines *out, unsigned width)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	tui_lines_add(out, TUI_STYLE_TITLE,
		      "seccompdbg: keys (q, Esc or ? closes this screen)");
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		const struct tui_key *k = &keys[i];

		if (k->cmd == TUI_CMD_NONE) {
			tui_lines_add(out, TUI_STYLE_NORMAL, "");
			tui_lines_add(out, TUI_STYLE_HEADING, k->help);
		} else if (k->help) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "  %-9s %s", k->name, k->help);
			tui_lines_wrap(out, TUI_STYLE_NORMAL, strbuf_str(&sb),
				       width, 12);
		}
	}
	strbuf_release(&sb);
}
