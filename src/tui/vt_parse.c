// SPDX-License-Identifier: Apache-2.0
/*
 * The output pane's byte parser: UTF-8 and escape sequences, a state
 * machine in the manner of the DEC vt100 (ECMA-48 shapes: ESC, CSI with
 * numeric parameters, and the control strings OSC, DCS, SOS, PM, APC).
 *
 * Why parse what we drop: a sequence cut in the middle would otherwise
 * leave its tail ("2J", "]0;title") as text in the pane. Every sequence is
 * read to its end, acted on when it only touches the pane's own grid
 * (cursor moves, erases, bold/underline/reverse, foreground colours) and
 * dropped otherwise (background colours, titles, modes, the alternate
 * screen, queries: we never answer the program). Nothing is buffered: a
 * title of any length costs no memory.
 */
#include <string.h>

#include "vt_int.h"

#define BEL 0x07
#define CAN 0x18
#define SUB 0x1a
#define ESC 0x1b

static unsigned param(const struct tui_vt *vt, unsigned i, unsigned def)
{
	return i <= vt->nparams && vt->params[i] ? vt->params[i] : def;
}

static void control(struct tui_vt *vt, unsigned char b)
{
	switch (b) {
	case '\b':
		if (vt->cx > 0)
			vt->cx--;
		vt->wrap_pending = false;
		break;
	case '\t':
		vt->cx = (vt->cx / 8 + 1) * 8;
		tui_vt_clamp(vt);
		break;
	case '\n':
	case '\v':
	case '\f':
		tui_vt_linefeed(vt);
		break;
	case '\r':
		vt->cx = 0;
		vt->wrap_pending = false;
		break;
	case CAN:
	case SUB:
		vt->state = TUI_VT_GROUND;
		break;
	case ESC:
		vt->state = TUI_VT_ESC;
		break;
	default: /* BEL and the rest: nothing to show */
		break;
	}
}

/* Rows [y, rows) move down by N (insert lines) or up by N (delete). */
static void move_rows(struct tui_vt *vt, unsigned y, unsigned n, bool down)
{
	unsigned span = vt->rows - y, i;

	if (n > span)
		n = span;
	for (i = 0; i < span - n; i++) {
		unsigned to = down ? vt->rows - 1 - i : y + i;
		unsigned from = down ? to - n : to + n;

		memcpy(tui_vt_row(vt, to), tui_vt_row(vt, from),
		       vt->cols * sizeof(struct tui_vt_cell));
	}
	if (down)
		tui_vt_erase_screen(vt, y, y + n);
	else
		tui_vt_erase_screen(vt, vt->rows - n, vt->rows);
}

static void sgr_colour(struct tui_vt *vt, unsigned *i)
{
	/* 38;5;N and 38;2;R;G;B: the palette index maps onto our eight. */
	unsigned kind = param(vt, *i + 1, 0);

	if (kind == 5) {
		unsigned n = param(vt, *i + 2, 0);

		vt->fg = n < 8 ? (uint8_t)(n + 1) : 0;
		*i += 2;
	} else if (kind == 2) {
		vt->fg = 0;
		*i += 4;
	}
}

static void sgr(struct tui_vt *vt)
{
	unsigned i;

	for (i = 0; i <= vt->nparams && i < TUI_VT_MAX_PARAMS; i++) {
		unsigned p = vt->params[i];

		if (p == 0) {
			vt->attr = 0;
			vt->fg = 0;
		} else if (p == 1) {
			vt->attr |= TUI_VT_BOLD;
		} else if (p == 4) {
			vt->attr |= TUI_VT_UNDERLINE;
		} else if (p == 7) {
			vt->attr |= TUI_VT_REVERSE;
		} else if (p == 22) {
			vt->attr &= (uint8_t)~TUI_VT_BOLD;
		} else if (p == 24) {
			vt->attr &= (uint8_t)~TUI_VT_UNDERLINE;
		} else if (p == 27) {
			vt->attr &= (uint8_t)~TUI_VT_REVERSE;
		} else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) {
			vt->fg = (uint8_t)(p % 10 + 1);
		} else if (p == 39) {
			vt->fg = 0;
		} else if (p == 38) {
			sgr_colour(vt, &i);
		} else if (p == 48) {
			/* a background colour: its arguments are skipped too */
			unsigned kind = param(vt, i + 1, 0);

			i += kind == 5 ? 2 : kind == 2 ? 4 : 0;
		}
		/* 40-49, 100-107 (backgrounds), blink...: not shown */
	}
}

static void erase_display(struct tui_vt *vt, unsigned how)
{
	switch (how) {
	case 0:
		tui_vt_erase(vt, vt->cy, vt->cx, vt->cols);
		tui_vt_erase_screen(vt, vt->cy + 1, vt->rows);
		break;
	case 1:
		tui_vt_erase_screen(vt, 0, vt->cy);
		tui_vt_erase(vt, vt->cy, 0, vt->cx + 1);
		break;
	case 2:
		tui_vt_erase_screen(vt, 0, vt->rows);
		break;
	default: /* 3 would erase the scrollback: it is the person's record */
		break;
	}
	vt->wrap_pending = false;
}

static void erase_line(struct tui_vt *vt, unsigned how)
{
	if (how == 0)
		tui_vt_erase(vt, vt->cy, vt->cx, vt->cols);
	else if (how == 1)
		tui_vt_erase(vt, vt->cy, 0, vt->cx + 1);
	else if (how == 2)
		tui_vt_erase(vt, vt->cy, 0, vt->cols);
	vt->wrap_pending = false;
}

static void cursor_to(struct tui_vt *vt, unsigned row, unsigned col)
{
	vt->cy = row;
	vt->cx = col;
	tui_vt_clamp(vt);
}

static void scroll(struct tui_vt *vt, unsigned n, bool up)
{
	unsigned cx = vt->cx, cy = vt->cy, i;

	if (n > vt->rows)
		n = vt->rows;
	for (i = 0; i < n; i++) {
		if (up) {
			vt->cy = vt->rows - 1;
			tui_vt_linefeed(vt);
		} else {
			vt->cy = 0;
			tui_vt_reverse_index(vt);
		}
	}
	cursor_to(vt, cy, cx);
}

static void csi_dispatch(struct tui_vt *vt, unsigned char final)
{
	unsigned n = param(vt, 0, 1);

	switch (final) {
	case 'A':
		cursor_to(vt, vt->cy > n ? vt->cy - n : 0, vt->cx);
		break;
	case 'B':
		cursor_to(vt, vt->cy + n, vt->cx);
		break;
	case 'C':
		cursor_to(vt, vt->cy, vt->cx + n);
		break;
	case 'D':
		cursor_to(vt, vt->cy, vt->cx > n ? vt->cx - n : 0);
		break;
	case 'E':
		cursor_to(vt, vt->cy + n, 0);
		break;
	case 'F':
		cursor_to(vt, vt->cy > n ? vt->cy - n : 0, 0);
		break;
	case 'G':
	case '`':
		cursor_to(vt, vt->cy, n - 1);
		break;
	case 'd':
		cursor_to(vt, n - 1, vt->cx);
		break;
	case 'H':
	case 'f':
		cursor_to(vt, n - 1, param(vt, 1, 1) - 1);
		break;
	case 'J':
		erase_display(vt, param(vt, 0, 0));
		break;
	case 'K':
		erase_line(vt, param(vt, 0, 0));
		break;
	case '@':
		tui_vt_shift(vt, n, true);
		break;
	case 'P':
		tui_vt_shift(vt, n, false);
		break;
	case 'X':
		tui_vt_erase(vt, vt->cy, vt->cx, vt->cx + n);
		break;
	case 'L':
	case 'M':
		move_rows(vt, vt->cy, n, final == 'L');
		vt->cx = 0;
		break;
	case 'S':
	case 'T':
		scroll(vt, n, final == 'S');
		break;
	case 'm':
		sgr(vt);
		break;
	case 's':
		vt->saved_cx = vt->cx;
		vt->saved_cy = vt->cy;
		break;
	case 'u':
		cursor_to(vt, vt->saved_cy, vt->saved_cx);
		break;
	default: /* scroll regions, reports, tabs stops...: dropped */
		break;
	}
}

static void reset(struct tui_vt *vt)
{
	tui_vt_erase_screen(vt, 0, vt->rows);
	cursor_to(vt, 0, 0);
	vt->attr = 0;
	vt->fg = 0;
}

static void esc_dispatch(struct tui_vt *vt, unsigned char b)
{
	vt->state = TUI_VT_GROUND;
	switch (b) {
	case '[':
		vt->state = TUI_VT_CSI;
		vt->nparams = 0;
		memset(vt->params, 0, sizeof(vt->params));
		vt->csi_private = false;
		break;
	case ']': /* OSC */
	case 'P': /* DCS */
	case 'X': /* SOS */
	case '^': /* PM */
	case '_': /* APC */
		vt->state = TUI_VT_STRING;
		break;
	case '7':
		vt->saved_cx = vt->cx;
		vt->saved_cy = vt->cy;
		break;
	case '8':
		cursor_to(vt, vt->saved_cy, vt->saved_cx);
		break;
	case 'D':
		tui_vt_linefeed(vt);
		break;
	case 'E':
		vt->cx = 0;
		tui_vt_linefeed(vt);
		break;
	case 'M':
		tui_vt_reverse_index(vt);
		break;
	case 'c':
		reset(vt);
		break;
	default:
		if (b >= 0x20 && b <= 0x2f) /* ESC ( B and friends */
			vt->state = TUI_VT_ESC_INTER;
		break;
	}
}

static void csi_byte(struct tui_vt *vt, unsigned char b)
{
	if (b >= '0' && b <= '9') {
		if (vt->nparams < TUI_VT_MAX_PARAMS) {
			unsigned *p = &vt->params[vt->nparams];

			*p = *p * 10 + (unsigned)(b - '0');
			if (*p > TUI_VT_PARAM_MAX)
				*p = TUI_VT_PARAM_MAX;
		}
	} else if (b == ';' || b == ':') {
		if (vt->nparams < TUI_VT_MAX_PARAMS)
			vt->nparams++;
	} else if (b >= '<' && b <= '?') {
		bool first = vt->nparams == 0 && vt->params[0] == 0;

		if (first && !vt->csi_private)
			vt->csi_private = true;
		else
			vt->state = TUI_VT_CSI_SKIP;
	} else if (b >= 0x20 && b <= 0x2f) {
		vt->state = TUI_VT_CSI_SKIP; /* intermediates: not ours */
	} else if (b >= 0x40 && b <= 0x7e) {
		vt->state = TUI_VT_GROUND;
		if (!vt->csi_private)
			csi_dispatch(vt, b);
	}
}

/* One byte below 0x80 (or a whole code point in the ground state). */
static void ascii_byte(struct tui_vt *vt, unsigned char b)
{
	switch (vt->state) {
	case TUI_VT_GROUND:
		if (b >= 0x20 && b < 0x7f)
			tui_vt_print(vt, b);
		else if (b < 0x20)
			control(vt, b);
		break;
	case TUI_VT_STRING:
		if (b == BEL || b == CAN || b == SUB)
			vt->state = TUI_VT_GROUND;
		else if (b == ESC)
			vt->state = TUI_VT_STRING_ESC;
		break;
	case TUI_VT_STRING_ESC:
		/* ST ends the string; any other ESC x ends it too and is
		   read as that sequence. */
		vt->state = TUI_VT_ESC;
		if (b != '\\')
			ascii_byte(vt, b);
		else
			vt->state = TUI_VT_GROUND;
		break;
	default:
		if (b < 0x20) {
			control(vt, b); /* C0 acts inside sequences too */
		} else if (vt->state == TUI_VT_ESC) {
			esc_dispatch(vt, b);
		} else if (vt->state == TUI_VT_ESC_INTER) {
			if (b >= 0x30)
				vt->state = TUI_VT_GROUND;
		} else if (vt->state == TUI_VT_CSI) {
			csi_byte(vt, b);
		} else if (b >= 0x40 && b <= 0x7e) { /* CSI_SKIP */
			vt->state = TUI_VT_GROUND;
		}
		break;
	}
}

static void code_point(struct tui_vt *vt, uint32_t cp)
{
	/* C1 controls (0x80-0x9f) as characters: never shown or obeyed */
	if (vt->state == TUI_VT_GROUND && (cp < 0x80 || cp > 0x9f))
		tui_vt_print(vt, cp);
}

static void utf8_bad(struct tui_vt *vt)
{
	vt->utf8_need = 0;
	code_point(vt, 0xfffd);
}

/* Bytes >= 0x80: UTF-8, each bad sequence one U+FFFD. */
static void high_byte(struct tui_vt *vt, unsigned char b)
{
	if (b < 0xc0) {
		if (!vt->utf8_need) {
			utf8_bad(vt);
			return;
		}
		vt->utf8_cp = vt->utf8_cp << 6 | (b & 0x3f);
		if (--vt->utf8_need)
			return;
		if (vt->utf8_cp < vt->utf8_min || vt->utf8_cp > 0x10ffff ||
		    (vt->utf8_cp >= 0xd800 && vt->utf8_cp <= 0xdfff))
			code_point(vt, 0xfffd);
		else
			code_point(vt, vt->utf8_cp);
		return;
	}
	if (vt->utf8_need)
		utf8_bad(vt);
	if (b >= 0xc2 && b <= 0xdf) {
		vt->utf8_need = 1;
		vt->utf8_cp = b & 0x1f;
		vt->utf8_min = 0x80;
	} else if (b >= 0xe0 && b <= 0xef) {
		vt->utf8_need = 2;
		vt->utf8_cp = b & 0x0f;
		vt->utf8_min = 0x800;
	} else if (b >= 0xf0 && b <= 0xf4) {
		vt->utf8_need = 3;
		vt->utf8_cp = b & 0x07;
		vt->utf8_min = 0x10000;
	} else {
		utf8_bad(vt);
	}
}

void tui_vt_write(struct tui_vt *vt, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] >= 0x80) {
			high_byte(vt, p[i]);
			continue;
		}
		if (vt->utf8_need)
			utf8_bad(vt);
		ascii_byte(vt, p[i]);
	}
}
