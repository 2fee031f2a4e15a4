// SPDX-License-Identifier: Apache-2.0
/*
 * tui: the key table (one key, one meaning per map; every command
 * reachable and documented; the key bar and the help screen made from
 * it), and the line helpers the panes share (wrapping, diff styles).
 */
#include <stdlib.h>

#include "../../src/tui/internal.h"
#include "test.h"

TEST(tui_keys_one_meaning_per_key)
{
	size_t n, i, j;
	const struct tui_key *k = tui_keys(&n);

	for (i = 0; i < n; i++) {
		if (k[i].cmd == TUI_CMD_NONE) {
			CHECK(k[i].help != NULL); /* a heading */
			continue;
		}
		CHECK(k[i].name && *k[i].name);
		for (j = i + 1; j < n; j++)
			if (k[j].cmd != TUI_CMD_NONE && k[j].map == k[i].map &&
			    k[j].key == k[i].key)
				test_fail(__FILE__, __LINE__,
					  "key %s twice in map %d", k[i].name,
					  (int)k[i].map);
		CHECK(tui_key_find(k[i].map, k[i].key) == &k[i]);
	}
	CHECK(tui_key_find(TUI_MAP_LIST, 'x') == NULL);
	CHECK(tui_key_find(TUI_MAP_OUTPUT, 'a') == NULL);
}

/* Every command of the list is reachable, and each has a help line. */
TEST(tui_keys_every_command_documented)
{
	static const enum tui_cmd list_cmds[] = {
		TUI_CMD_ALLOW_ALWAYS, TUI_CMD_ALLOW_ONCE, TUI_CMD_ALLOW_ARGS,
		TUI_CMD_DENY,	      TUI_CMD_DENY_ERRNO, TUI_CMD_KILL,
		TUI_CMD_UNDO,	      TUI_CMD_DIFF,	  TUI_CMD_SAVE,
		TUI_CMD_QUIT,	      TUI_CMD_HELP,	  TUI_CMD_UP,
		TUI_CMD_DOWN,	      TUI_CMD_PAGE_UP,	  TUI_CMD_PAGE_DOWN,
		TUI_CMD_HOME,	      TUI_CMD_END,	  TUI_CMD_NEXT_PENDING,
		TUI_CMD_OPEN,	      TUI_CMD_FOCUS,	  TUI_CMD_OUT_UP,
		TUI_CMD_OUT_DOWN,     TUI_CMD_ZOOM,	  TUI_CMD_REDRAW,
	};
	size_t n, i, c;
	const struct tui_key *k = tui_keys(&n);

	for (c = 0; c < ARRAY_SIZE(list_cmds); c++) {
		bool found = false;

		for (i = 0; i < n; i++)
			if (k[i].map == TUI_MAP_LIST &&
			    k[i].cmd == list_cmds[c] && k[i].help)
				found = true;
		if (!found)
			test_fail(__FILE__, __LINE__,
				  "command %d has no documented key",
				  (int)list_cmds[c]);
	}
	/* the decisions of the issue, on their keys */
	CHECK_INT(tui_key_find(TUI_MAP_LIST, 'a')->cmd, TUI_CMD_ALLOW_ALWAYS);
	CHECK_INT(tui_key_find(TUI_MAP_LIST, 'o')->cmd, TUI_CMD_ALLOW_ONCE);
	CHECK_INT(tui_key_find(TUI_MAP_LIST, 'r')->cmd, TUI_CMD_ALLOW_ARGS);
	CHECK_INT(tui_key_find(TUI_MAP_LIST, 'd')->cmd, TUI_CMD_DENY);
	CHECK_INT(tui_key_find(TUI_MAP_LIST, 'e')->cmd, TUI_CMD_DENY_ERRNO);
	CHECK_INT(tui_key_find(TUI_MAP_LIST, 'k')->cmd, TUI_CMD_KILL);
	CHECK_INT(tui_key_find(TUI_MAP_LIST, 's')->cmd, TUI_CMD_SAVE);
	CHECK_INT(tui_key_find(TUI_MAP_LIST, 'u')->cmd, TUI_CMD_UNDO);
	CHECK_INT(tui_key_find(TUI_MAP_LIST, 'q')->cmd, TUI_CMD_QUIT);
	CHECK_INT(tui_key_find(TUI_MAP_LIST, '?')->cmd, TUI_CMD_HELP);
	CHECK(tui_key_find(TUI_MAP_LIST, 'A')->all);
	CHECK(!tui_key_find(TUI_MAP_LIST, 'a')->all);
}

TEST(tui_keys_bar_fits)
{
	struct strbuf sb = STRBUF_INIT;

	/* 120 columns: all, two spaces apart */
	tui_keys_bar_text(TUI_MAP_LIST, 120, &sb);
	CHECK_STR(
		strbuf_str(&sb),
		" a allow  o once  r args  d deny  e errno  k kill  u undo  v diff  s save  q quit  ? help");
	/* 80 columns: all, one space apart */
	strbuf_reset(&sb);
	tui_keys_bar_text(TUI_MAP_LIST, 80, &sb);
	CHECK(sb.len <= 80);
	CHECK_CONTAINS(strbuf_str(&sb), "a allow o once");
	CHECK_CONTAINS(strbuf_str(&sb), "q quit ? help");
	/* narrower: the entries before help go, help stays */
	strbuf_reset(&sb);
	tui_keys_bar_text(TUI_MAP_LIST, 50, &sb);
	CHECK(sb.len <= 50);
	CHECK_CONTAINS(strbuf_str(&sb), "a allow");
	CHECK_CONTAINS(strbuf_str(&sb), "? help");
	strbuf_reset(&sb);
	tui_keys_bar_text(TUI_MAP_DIALOG, 80, &sb);
	CHECK_CONTAINS(strbuf_str(&sb), "Enter accept");
	CHECK_CONTAINS(strbuf_str(&sb), "Esc cancel");
	strbuf_reset(&sb);
	tui_keys_bar_text(TUI_MAP_OUTPUT, 80, &sb);
	CHECK_STR(strbuf_str(&sb), " Ctrl-] back to the list");
	strbuf_release(&sb);
}

TEST(tui_keys_help_lists_every_documented_key)
{
	struct tui_lines l = {0};
	struct strbuf all = STRBUF_INIT;
	size_t n, i;
	const struct tui_key *k = tui_keys(&n);

	/* wide enough for every line: each help text is there whole */
	tui_keys_help(&l, 200);
	for (i = 0; i < l.n; i++) {
		strbuf_adds(&all, l.v[i].text);
		strbuf_addc(&all, '\n');
	}
	for (i = 0; i < n; i++)
		if (k[i].help)
			CHECK_CONTAINS(strbuf_str(&all), k[i].help);
	CHECK_CONTAINS(strbuf_str(&all), "  a         allow always");
	CHECK_CONTAINS(strbuf_str(&all), "  Ctrl-]    back to the list");
	tui_lines_release(&l);
	/* 80 columns: long lines go on under their text */
	tui_keys_help(&l, 80);
	for (i = 0; i < l.n; i++)
		CHECK(strlen(l.v[i].text) <= 80);
	CHECK(l.n > 1);
	strbuf_release(&all);
	tui_lines_release(&l);
}

TEST(tui_lines_wrap_cuts_at_spaces)
{
	struct tui_lines l = {0};

	tui_lines_wrap(&l, TUI_STYLE_TITLE,
		       "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC)",
		       24, 4);
	REQUIRE(l.n == 3);
	CHECK_STR(l.v[0].text, "openat(AT_FDCWD,");
	CHECK_STR(l.v[1].text, "    \"/etc/passwd\",");
	CHECK_STR(l.v[2].text, "    O_RDONLY|O_CLOEXEC)");
	CHECK_INT(l.v[2].style, TUI_STYLE_TITLE);
	tui_lines_release(&l);

	/* no space: cut anywhere; newlines start lines */
	tui_lines_wrap(&l, TUI_STYLE_NORMAL, "abcdefghij\n#1 x\n", 4, 1);
	REQUIRE(l.n == 4);
	CHECK_STR(l.v[0].text, "abcd");
	CHECK_STR(l.v[1].text, " efg");
	CHECK_STR(l.v[2].text, " hij");
	CHECK_STR(l.v[3].text, "#1 x");
	tui_lines_release(&l);

	tui_lines_wrap(&l, TUI_STYLE_NORMAL, "", 10, 2);
	CHECK_INT(l.n, 1);
	tui_lines_release(&l);
}

TEST(tui_lines_diff_styles_and_tabs)
{
	struct tui_lines l = {0};

	tui_lines_diff(&l, "--- a.json\n+++ b.json\n@@ -1,2 +1,3 @@\n"
			   " {\n+\t\"x\",\x1b[31m\n-y\n");
	REQUIRE(l.n == 6);
	CHECK_INT(l.v[0].style, TUI_STYLE_HEADING);
	CHECK_INT(l.v[1].style, TUI_STYLE_HEADING);
	CHECK_INT(l.v[2].style, TUI_STYLE_HUNK);
	CHECK_INT(l.v[3].style, TUI_STYLE_NORMAL);
	CHECK_INT(l.v[4].style, TUI_STYLE_ADDED);
	CHECK_STR(l.v[4].text, "+       \"x\",?[31m");
	CHECK_INT(l.v[5].style, TUI_STYLE_REMOVED);
	tui_lines_release(&l);
}
