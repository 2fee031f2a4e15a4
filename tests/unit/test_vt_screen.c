// SPDX-License-Identifier: Apache-2.0
/*
 * vt: what full-screen programs need (scroll regions, the alternate
 * screen, a hidden cursor), the bytes that crash or hang libvterm 0.1.4
 * (docs/architecture.md, "vt: why not libvterm"), and the rendered text
 * under bytes chosen to form sequences: never a control character, never
 * bad UTF-8.
 */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "test_vt.h"

/* A header, a footer, and a region between them scrolled six times (a
   pseudo-terminal's onlcr would add the carriage returns). */
static const char full_screen[] =
	"\033[2J\033[1;1HHEADER\033[6;1HFOOTER\033[2;5r\033[5;1H"
	"\r\nscroll 1\r\nscroll 2\r\nscroll 3\r\nscroll 4\r\nscroll 5"
	"\r\nscroll 6";

TEST(vt_scroll_region_keeps_the_rows_outside)
{
	struct vt *vt = tv_with(6, 20, full_screen);

	CHECK_STR(tv_row(vt, 0), "HEADER");
	CHECK_STR(tv_row(vt, 1), "scroll 3");
	CHECK_STR(tv_row(vt, 4), "scroll 6");
	CHECK_STR(tv_row(vt, 5), "FOOTER");
	/* a region's lines are not the scrollback's */
	CHECK_INT(vt_nlines(vt), 6);
	vt_free(vt);
}

TEST(vt_scroll_region_moves_within_itself)
{
	struct vt *vt = tv_with(5, 10, "1\r\n2\r\n3\r\n4\r\n5\033[2;4r");
	unsigned r, c;

	/* DECSTBM sends the cursor home */
	vt_cursor(vt, &r, &c, NULL);
	CHECK_INT(r, 0);
	/* at the region's top, a reverse index moves it down */
	tv_put(vt, "\033[2;1H\033M");
	CHECK_STR(tv_row(vt, 1), "");
	CHECK_STR(tv_row(vt, 3), "3");
	CHECK_STR(tv_row(vt, 4), "5");
	/* deleting lines pulls the region's bottom up, not row 5's */
	tv_put(vt, "\033[2;1H\033[2M");
	CHECK_STR(tv_row(vt, 1), "3");
	CHECK_STR(tv_row(vt, 2), "");
	CHECK_STR(tv_row(vt, 4), "5");
	/* outside the region, inserting lines does nothing */
	tv_put(vt, "\033[5;1H\033[L");
	CHECK_STR(tv_row(vt, 4), "5");
	/* CSI S and T scroll the region only */
	tv_put(vt, "\033[4;1HX\033[S");
	CHECK_STR(tv_row(vt, 0), "1");
	CHECK_STR(tv_row(vt, 2), "X");
	CHECK_STR(tv_row(vt, 4), "5");
	tv_put(vt, "\033[2T");
	CHECK_STR(tv_row(vt, 3), "");
	CHECK_STR(tv_row(vt, 1), "");
	/* a region of one line is refused; CSI r is the whole screen */
	tv_put(vt, "\033[3;3r\033[r\033[5;1H\n");
	CHECK_STR(tv_row(vt, 0), "");
	CHECK_INT(vt_nlines(vt), 6);
	vt_free(vt);
}

TEST(vt_alternate_screen_and_back)
{
	struct vt *vt = tv_with(3, 10, "one\r\ntwo");
	unsigned r, c;
	size_t lines;

	tv_put(vt, "\033[?1049h");
	CHECK(vt_is_altscreen(vt));
	CHECK_STR(tv_row(vt, 0), "");
	lines = vt_nlines(vt);
	tv_put(vt, "\033[HALT\r\n1\r\n2\r\n3\r\n4");
	CHECK_STR(tv_row(vt, 0), "2");
	CHECK_STR(tv_row(vt, 2), "4");
	/* nothing of the alternate screen goes to the scrollback */
	CHECK_INT(vt_nlines(vt), lines);
	tv_put(vt, "\033[?1049l");
	CHECK(!vt_is_altscreen(vt));
	CHECK_STR(tv_row(vt, 0), "one");
	CHECK_STR(tv_row(vt, 1), "two");
	vt_cursor(vt, &r, &c, NULL);
	CHECK_INT(r, 1);
	CHECK_INT(c, 3);
	/* each visit starts blank; 47 does not give the cursor back */
	tv_put(vt, "\033[?47h");
	CHECK_STR(tv_row(vt, 2), "");
	tv_put(vt, "\033[3;5Hx\033[?47l");
	vt_cursor(vt, &r, &c, NULL);
	CHECK_INT(r, 2);
	CHECK_STR(tv_row(vt, 2), "");
	vt_free(vt);
}

TEST(vt_alternate_screen_resized_under_the_program)
{
	struct vt *vt = tv_with(4, 10, "primary\r\n\033[?1049h\033[4;1Hbottom");
	unsigned r, c;

	vt_resize(vt, 2, 4);
	/* the cursor's line stays on the screen */
	CHECK_STR(tv_row(vt, 1), "bott");
	vt_cursor(vt, &r, &c, NULL);
	CHECK_INT(r, 1);
	vt_resize(vt, 5, 20);
	tv_put(vt, "\033[?1049l");
	CHECK_STR(tv_row(vt, 0), "prim");
	vt_cursor(vt, &r, &c, NULL);
	CHECK_INT(r, 1);
	vt_free(vt);
}

TEST(vt_cursor_shown_and_reset)
{
	struct vt *vt = tv_with(3, 10, "\033[?25l\033[?1049h\033[2;5r");
	unsigned r, c;
	bool visible;

	vt_cursor(vt, &r, &c, &visible);
	CHECK(!visible);
	/* ESC c: a new terminal, the scrollback kept */
	tv_put(vt, "\033cx\r\n\n\ny");
	vt_cursor(vt, &r, &c, &visible);
	CHECK(visible);
	CHECK(!vt_is_altscreen(vt));
	CHECK_STR(tv_row(vt, 2), "y");
	CHECK_INT(vt_nlines(vt), 4);
	vt_free(vt);
}

/*
 * Bytes that crash or hang libvterm 0.1.4 (Debian 12's), found by
 * feeding it random sequences; each stays harmless here. A combining mark
 * or a zero-width space then REP loops for ever there (a glyph of width
 * 0); a C1 control sent as UTF-8 is text of width -1 there, then an
 * erase writes through a NULL row; a wide character on a one-column
 * screen does too; an incomplete UTF-8 sequence before an escape
 * sequence overruns a stack array.
 */
TEST(vt_what_breaks_libvterm)
{
	static const struct {
		unsigned rows, cols;
		const char *bytes, *row0;
	} cases[] = {
		{5, 20, "\xcc\x81\033[5b", ""},
		{5, 20, "\xe2\x80\x8b\033[5b", ""},
		{5, 20, "\xc2\x85\xc2\x85\033[K", ""},
		{5, 1, "\xe4\xb8\xad", ""},
		{5, 20, "a\xf0\x9f\033[mb",
		 "a\xef\xbf\xbd"
		 "b"},
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct vt *vt =
			tv_with(cases[i].rows, cases[i].cols, cases[i].bytes);

		CHECK_STR(tv_row(vt, 0), cases[i].row0);
		vt_free(vt);
	}
}

/* The cursor at the top, text below it, then a shorter screen: libvterm
   0.1.4 leaves its cursor on row -5 and reads outside its line table. */
TEST(vt_shrinking_under_a_cursor_at_the_top)
{
	struct vt *vt = tv_with(25, 80, "\033[24HLine 24\r\nLine 25\033[H");
	unsigned r, c;

	vt_resize(vt, 20, 80);
	vt_cursor(vt, &r, &c, NULL);
	CHECK_INT(r, 0);
	tv_put(vt, "X");
	CHECK_STR(tv_row(vt, 0), "X");
	CHECK_STR(tv_row(vt, 18), "Line 24");
	vt_free(vt);
}

/* Every byte of TEXT is '\n' or printable, and the UTF-8 is good. */
static bool is_clean(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	while (*p) {
		uint32_t cp;
		size_t n = utf8_decode(p, strnlen((const char *)p, 4), &cp);

		if (!n || (cp < 0x20 && cp != '\n') ||
		    (cp >= 0x7f && cp < 0xa0))
			return false;
		p += n;
	}
	return true;
}

/* Pieces that form sequences more often than random bytes do. */
static const char *const pieces[] = {
	"\033[",       "\033]",	       "\033P",	      "\033(0",
	"\033#6",      "\033[?1049h",  "\033[?1049l", "\033[?47h",
	"\033[2;5r",   "\033[r",       "\033[5@",     "\033[3P",
	"\033[9L",     "\033[9M",      "\033[2X",     "\033[99T",
	"\033[99S",    "\033[4h",      "\033M",	      "\033D",
	"\033c",       "\033[6n",      "\033[5b",     "\xc2\x85",
	"\xc2",	       "\xe4\xb8\xad", "\xcc\x81",    "\xf0\x9f\x98\x80",
	"\r\n",	       "\b",	       "\t",	      "\033[99;99H",
	"\033[31;45m", "\007",
};

static unsigned next(unsigned *seed)
{
	*seed = *seed * 1103515245 + 12345;
	return *seed >> 16;
}

static void feed_one(struct vt *vt, unsigned *seed)
{
	char buf[16];
	unsigned what = next(seed) % 10, n, i;

	if (what < 5) {
		const char *p = pieces[next(seed) % ARRAY_SIZE(pieces)];

		vt_write(vt, p, strlen(p));
	} else if (what < 8) {
		n = next(seed) % 8;
		for (i = 0; i < n; i++)
			buf[i] = (char)next(seed);
		vt_write(vt, buf, n);
	} else if (what < 9) {
		n = (unsigned)snprintf(buf, sizeof(buf), "%u;%u",
				       next(seed) % 40, next(seed) % 40);
		vt_write(vt, buf, n);
	} else {
		vt_resize(vt, 1 + next(seed) % 9, 1 + next(seed) % 30);
	}
}

TEST(vt_rendered_text_is_always_clean)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned seed = 7, round, k;

	for (round = 0; round < 200; round++) {
		struct vt *vt = tv_with(1 + round % 9, 1 + round % 30, "");
		unsigned r, c;

		for (k = 0; k < 400; k++)
			feed_one(vt, &seed);
		strbuf_reset(&sb);
		vt_render(vt, &sb);
		CHECK(is_clean(strbuf_str(&sb)));
		vt_cursor(vt, &r, &c, NULL);
		CHECK(r < vt_rows(vt) && c < vt_cols(vt));
		vt_free(vt);
	}
	strbuf_release(&sb);
}

TEST(vt_render_is_the_lines_as_text)
{
	struct vt *vt = tv_with(2, 10, "a\033[31mb\033[0m\tc\r\nd\r\ne");
	struct strbuf sb = STRBUF_INIT;

	vt_render(vt, &sb);
	CHECK_STR(strbuf_str(&sb), "ab      c\nd\ne\n");
	strbuf_release(&sb);
	vt_free(vt);
}
