// SPDX-License-Identifier: Apache-2.0
/*
 * vt: the program's terminal. What a program's bytes leave in the pane:
 * text, the controls it obeys, escape sequences parsed to their end and
 * dropped, bad UTF-8, wide characters, the scrollback and resizes, scroll
 * regions and the alternate screen, and the rendered text, which never
 * holds a control character.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "test_vt.h"

const char *tv_row(struct vt *vt, unsigned y)
{
	static struct strbuf sb;
	size_t base = vt_nlines(vt) - vt_rows(vt);

	strbuf_reset(&sb);
	vt_line_text(vt, base + y, &sb);
	return strbuf_str(&sb);
}

void tv_put(struct vt *vt, const char *s)
{
	vt_write(vt, s, strlen(s));
}

struct vt *tv_with(unsigned rows, unsigned cols, const char *s)
{
	struct vt *vt = vt_new(rows, cols, 100);

	setlocale(LC_CTYPE, "C.UTF-8");
	tv_put(vt, s);
	return vt;
}

TEST(vt_text_and_controls)
{
	struct vt *vt = tv_with(4, 20, "hello\r\nworld\rW\n\tx\b\by");
	unsigned r, c;

	CHECK_STR(tv_row(vt, 0), "hello");
	CHECK_STR(tv_row(vt, 1), "World");
	/* LF alone keeps the column (the pty's onlcr adds the CR) */
	CHECK_STR(tv_row(vt, 2), "       yx");
	vt_cursor(vt, &r, &c, NULL);
	CHECK_INT(r, 2);
	CHECK_INT(c, 8);
	vt_free(vt);
}

TEST(vt_wraps_and_scrolls_into_scrollback)
{
	struct vt *vt = tv_with(2, 5, "abcdefgh\r\n12345\r\nxy");

	/* "abcde" wrapped, "fgh", "12345" (its wrap is pending), "xy" */
	CHECK_INT(vt_nlines(vt), 4);
	CHECK_STR(tv_row(vt, 0), "12345");
	CHECK_STR(tv_row(vt, 1), "xy");
	{
		struct strbuf sb = STRBUF_INIT;

		vt_line_text(vt, 0, &sb);
		CHECK_STR(strbuf_str(&sb), "abcde");
		strbuf_release(&sb);
	}
	vt_free(vt);
}

TEST(vt_scrollback_is_bounded)
{
	struct vt *vt = vt_new(3, 10, 5);
	struct strbuf sb = STRBUF_INIT;
	int i;

	for (i = 0; i < 100; i++) {
		char line[16];

		snprintf(line, sizeof(line), "%d\r\n", i);
		vt_write(vt, line, strlen(line));
	}
	CHECK_INT(vt_nlines(vt), 8);
	vt_line_text(vt, 0, &sb);
	CHECK_STR(strbuf_str(&sb), "93");
	CHECK_STR(tv_row(vt, 1), "99");
	strbuf_release(&sb);
	vt_free(vt);
}

TEST(vt_cursor_moves_and_erases)
{
	struct vt *vt = tv_with(
		3, 10,
		"aaaaaaaaaa\r\nbbbbbbbbbb\r\ncccccccccc\033[2;3HX\033[1;5H\033[K\033[3;1H\033[3P\033[2;8H\033[1K");

	CHECK_STR(tv_row(vt, 0), "aaaa");
	CHECK_STR(tv_row(vt, 1), "        bb");
	CHECK_STR(tv_row(vt, 2), "ccccccc");
	tv_put(vt, "\033[2J");
	CHECK_STR(tv_row(vt, 0), "");
	CHECK_STR(tv_row(vt, 2), "");
	tv_put(vt, "\033[10;10Hz\033[99A\033[99Dq");
	CHECK_STR(tv_row(vt, 0), "q");
	CHECK_STR(tv_row(vt, 2), "         z");
	vt_free(vt);
}

TEST(vt_drops_what_is_not_the_panes)
{
	/* titles, modes, queries, charsets, DCS; none leaves a byte */
	struct vt *vt = tv_with(
		3, 40,
		"a\033]0;evil title\007b\033]2;x\033\\c\033[?1h\033[?2004h\033[6n\033(Bd\033Pq#0;2;0;0;0\033\\e\033[>0cf\033_apc\033\\g\033[1;2;3 qh");

	CHECK_STR(tv_row(vt, 0), "abcdefgh");
	CHECK_STR(tv_row(vt, 1), "");
	vt_free(vt);
}

TEST(vt_sequences_split_across_writes)
{
	struct vt *vt = tv_with(2, 20, "x\033");

	tv_put(vt, "[3");
	tv_put(vt, "1mred\033]0;ti");
	tv_put(vt, "tle\007!");
	CHECK_STR(tv_row(vt, 0), "xred!");
	CHECK_INT(vt_line(vt, 0)[1].fg, 2);
	CHECK_INT(vt_line(vt, 0)[0].fg, 0);
	vt_free(vt);
}

TEST(vt_attributes_and_colours)
{
	struct vt *vt = tv_with(
		2, 20,
		"\033[1;4;7ma\033[0mb\033[41;44mc\033[38;5;3md\033[38;2;1;2;3me\033[48;5;1;32mf\033[22;24;27;39mg");
	const struct vt_cell *c = vt_line(vt, 0);

	CHECK_INT(c[0].attr, VT_BOLD | VT_UNDERLINE | VT_REVERSE);
	CHECK_INT(c[1].attr, 0);
	/* backgrounds are never kept: a program cannot paint the pane */
	CHECK_INT(c[2].fg, 0);
	CHECK_INT(c[3].fg, 4);
	CHECK_INT(c[4].fg, 0);
	CHECK_INT(c[5].fg, 3);
	CHECK_INT(c[6].fg, 0);
	CHECK_INT(c[6].attr, 0);
	vt_free(vt);
}

TEST(vt_bad_utf8_and_c1)
{
	/* a lone continuation byte, a truncated sequence, an overlong
	   '/', a surrogate, a C1 CSI as a character, then good UTF-8 */
	struct vt *vt = tv_with(2, 40,
				"a\x80"
				"b\xe2\x82"
				"c\xc0\xaf"
				"d\xed\xa0\x80"
				"e\xc2\x9b"
				"2Jf\xc3\xa9");

	CHECK_STR(tv_row(vt, 0), "a\xef\xbf\xbd"
				 "b\xef\xbf\xbd"
				 "c\xef\xbf\xbd\xef\xbf\xbd"
				 "d\xef\xbf\xbd"
				 "e2Jf\xc3\xa9");
	vt_free(vt);
}

TEST(vt_wide_characters)
{
	/* U+4E2D is two cells wide; it does not fit in the last column */
	struct vt *vt = tv_with(3, 5, "ab\xe4\xb8\xad\xe4\xb8\xad");
	const struct vt_cell *c = vt_line(vt, 0);

	CHECK_INT(c[2].ch, 0x4e2d);
	CHECK_INT(c[3].ch, VT_WIDE_TAIL);
	CHECK_INT(c[4].ch, ' ');
	CHECK_INT(vt_line(vt, 1)[0].ch, 0x4e2d);
	/* overwriting the tail blanks the head */
	tv_put(vt, "\033[1;4Hx");
	CHECK_INT(c[2].ch, ' ');
	CHECK_INT(c[3].ch, 'x');
	vt_free(vt);
}

TEST(vt_resize_keeps_text)
{
	struct vt *vt = tv_with(4, 10, "one\r\ntwo\r\nthree");
	unsigned r, c;

	/* two blank lines under the cursor? none: the cursor is on the
	   third line, so one blank line goes, then "one" scrolls away */
	vt_resize(vt, 2, 4);
	CHECK_STR(tv_row(vt, 0), "two");
	CHECK_STR(tv_row(vt, 1), "thre");
	vt_cursor(vt, &r, &c, NULL);
	CHECK_INT(r, 1);
	CHECK_INT(c, 3);
	CHECK_INT(vt_nlines(vt), 3);
	vt_resize(vt, 5, 30);
	CHECK_STR(tv_row(vt, 0), "two");
	CHECK_STR(tv_row(vt, 2), "");
	CHECK_INT(vt_cols(vt), 30);
	tv_put(vt, "\r\n\r\n\r\n\r\nlast");
	CHECK_STR(tv_row(vt, 4), "last");
	vt_free(vt);
}

TEST(vt_insert_delete_lines_and_scroll)
{
	struct vt *vt = tv_with(3, 5, "1\r\n2\r\n3\033[2;1H\033[L");

	CHECK_STR(tv_row(vt, 0), "1");
	CHECK_STR(tv_row(vt, 1), "");
	CHECK_STR(tv_row(vt, 2), "2");
	tv_put(vt, "\033[M\033[M");
	CHECK_STR(tv_row(vt, 1), "");
	CHECK_STR(tv_row(vt, 2), "");
	tv_put(vt, "\033[1;1HA\033[2;1HB\033[3;1HC\033[S");
	CHECK_STR(tv_row(vt, 0), "B");
	CHECK_STR(tv_row(vt, 1), "C");
	tv_put(vt, "\033[T\033M");
	CHECK_STR(tv_row(vt, 0), "");
	CHECK_STR(tv_row(vt, 1), "B");
	vt_free(vt);
}

TEST(vt_random_bytes_never_break_it)
{
	struct vt *vt = vt_new(5, 13, 20);
	unsigned char buf[4096];
	unsigned seed = 1, i, round;

	for (round = 0; round < 200; round++) {
		for (i = 0; i < sizeof(buf); i++) {
			seed = seed * 1103515245 + 12345;
			buf[i] = (unsigned char)(seed >> 16);
		}
		vt_write(vt, buf, sizeof(buf));
		if (round % 50 == 0)
			vt_resize(vt, 1 + round % 7, 1 + round % 17);
	}
	{
		unsigned r, c;

		vt_cursor(vt, &r, &c, NULL);
		CHECK(r < vt_rows(vt));
		CHECK(c < vt_cols(vt));
	}
	vt_free(vt);
}
