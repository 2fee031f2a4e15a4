// SPDX-License-Identifier: Apache-2.0
/*
 * vt's CSI sequences: what each one that concerns the program's own
 * screen does to it. Cursor moves (A B C D E F G H f d `), erasing
 * (J 0-2, K, X), inserting and deleting characters and lines (@ P L M),
 * scrolling (S T), the scroll region (r), saving the cursor (s u), SGR's
 * bold, underline, reverse and foreground colours (m), and the private
 * modes of csi.c's last function. Every position is clamped to the
 * screen; every count was capped by the parser (VT_PARAM_MAX).
 */
#include <string.h>

#include "internal.h"

static unsigned param(const struct vt *vt, unsigned i, unsigned def)
{
	return i <= vt->nparams && vt->params[i] ? vt->params[i] : def;
}

static void sgr_colour(struct vt *vt, unsigned *i)
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

static void sgr(struct vt *vt)
{
	unsigned i;

	for (i = 0; i <= vt->nparams && i < VT_MAX_PARAMS; i++) {
		unsigned p = vt->params[i];

		if (p == 0) {
			vt->attr = 0;
			vt->fg = 0;
		} else if (p == 1) {
			vt->attr |= VT_BOLD;
		} else if (p == 4) {
			vt->attr |= VT_UNDERLINE;
		} else if (p == 7) {
			vt->attr |= VT_REVERSE;
		} else if (p == 22) {
			vt->attr &= (uint8_t)~VT_BOLD;
		} else if (p == 24) {
			vt->attr &= (uint8_t)~VT_UNDERLINE;
		} else if (p == 27) {
			vt->attr &= (uint8_t)~VT_REVERSE;
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

static void erase_display(struct vt *vt, unsigned how)
{
	switch (how) {
	case 0:
		vt_erase(vt, vt->cy, vt->cx, vt->cols);
		vt_erase_rows(vt, vt->cy + 1, vt->rows);
		break;
	case 1:
		vt_erase_rows(vt, 0, vt->cy);
		vt_erase(vt, vt->cy, 0, vt->cx + 1);
		break;
	case 2:
		vt_erase_rows(vt, 0, vt->rows);
		break;
	default: /* 3 would erase the scrollback: it is the person's record */
		break;
	}
	vt->wrap_pending = false;
}

static void erase_line(struct vt *vt, unsigned how)
{
	if (how == 0)
		vt_erase(vt, vt->cy, vt->cx, vt->cols);
	else if (how == 1)
		vt_erase(vt, vt->cy, 0, vt->cx + 1);
	else if (how == 2)
		vt_erase(vt, vt->cy, 0, vt->cols);
	vt->wrap_pending = false;
}

static void cursor_to(struct vt *vt, unsigned row, unsigned col)
{
	vt->cy = row;
	vt->cx = col;
	vt_clamp(vt);
}

static void csi_dispatch(struct vt *vt, unsigned char final)
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
		vt_shift(vt, n, true);
		break;
	case 'P':
		vt_shift(vt, n, false);
		break;
	case 'X':
		vt_erase(vt, vt->cy, vt->cx, vt->cx + n);
		break;
	case 'L':
	case 'M':
		vt_lines(vt, n, final == 'L');
		break;
	case 'S':
	case 'T':
		vt_scroll(vt, n, final == 'S');
		break;
	case 'r':
		vt_set_region(vt, param(vt, 0, 0), param(vt, 1, 0));
		break;
	case 'm':
		sgr(vt);
		break;
	case 's':
	case 'u':
		vt_cursor_save(vt, final == 'u');
		break;
	default: /* reports, tab stops, margins...: dropped */
		break;
	}
}

/* CSI ? N;... h and l: the modes we keep (vt_set_mode); every other
   private sequence (queries, xterm's > and = ones) is dropped. */
static void private_dispatch(struct vt *vt, unsigned char final)
{
	unsigned i;

	if (vt->csi_private != '?' || (final != 'h' && final != 'l'))
		return;
	for (i = 0; i <= vt->nparams && i < VT_MAX_PARAMS; i++)
		vt_set_mode(vt, vt->params[i], final == 'h');
}

void vt_csi_dispatch(struct vt *vt, unsigned char final)
{
	if (vt->csi_private)
		private_dispatch(vt, final);
	else
		csi_dispatch(vt, final);
}
