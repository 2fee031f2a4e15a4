// SPDX-License-Identifier: Apache-2.0
/*
 * vt's byte parser: UTF-8 and escape sequences, a state machine in the
 * manner of the DEC vt100 (ECMA-48 shapes: ESC, CSI with numeric
 * parameters, and the control strings OSC, DCS, SOS, PM, APC).
 *
 * Why parse what we drop: a sequence cut in the middle would otherwise
 * leave its tail ("2J", "]0;title") as text in the pane. Every sequence is
 * read to its end, acted on when it only touches the program's own
 * screen (csi.c) and dropped otherwise (background colours, titles,
 * queries: we never answer the program). Nothing is buffered: a title of
 * any length costs no memory.
 */
#include <string.h>

#include "internal.h"

#define BEL 0x07
#define CAN 0x18
#define SUB 0x1a
#define ESC 0x1b

static void control(struct vt *vt, unsigned char b)
{
	switch (b) {
	case '\b':
		if (vt->cx > 0)
			vt->cx--;
		vt->wrap_pending = false;
		break;
	case '\t':
		vt->cx = (vt->cx / 8 + 1) * 8;
		vt_clamp(vt);
		break;
	case '\n':
	case '\v':
	case '\f':
		vt_linefeed(vt);
		break;
	case '\r':
		vt->cx = 0;
		vt->wrap_pending = false;
		break;
	case CAN:
	case SUB:
		vt->state = VT_GROUND;
		break;
	case ESC:
		vt->state = VT_ESC;
		break;
	default: /* BEL and the rest: nothing to show */
		break;
	}
}

static void esc_dispatch(struct vt *vt, unsigned char b)
{
	vt->state = VT_GROUND;
	switch (b) {
	case '[':
		vt->state = VT_CSI;
		vt->nparams = 0;
		memset(vt->params, 0, sizeof(vt->params));
		vt->csi_private = 0;
		break;
	case ']': /* OSC */
	case 'P': /* DCS */
	case 'X': /* SOS */
	case '^': /* PM */
	case '_': /* APC */
		vt->state = VT_STRING;
		break;
	case '7':
	case '8':
		vt_cursor_save(vt, b == '8');
		break;
	case 'D':
		vt_linefeed(vt);
		break;
	case 'E':
		vt->cx = 0;
		vt_linefeed(vt);
		break;
	case 'M':
		vt_reverse_index(vt);
		break;
	case 'c':
		vt_reset(vt);
		break;
	default:
		if (b >= 0x20 && b <= 0x2f) /* ESC ( B and friends */
			vt->state = VT_ESC_INTER;
		break;
	}
}

static void csi_byte(struct vt *vt, unsigned char b)
{
	if (b >= '0' && b <= '9') {
		if (vt->nparams < VT_MAX_PARAMS) {
			unsigned *p = &vt->params[vt->nparams];

			*p = *p * 10 + (unsigned)(b - '0');
			if (*p > VT_PARAM_MAX)
				*p = VT_PARAM_MAX;
		}
	} else if (b == ';' || b == ':') {
		if (vt->nparams < VT_MAX_PARAMS)
			vt->nparams++;
	} else if (b >= '<' && b <= '?') {
		bool first = vt->nparams == 0 && vt->params[0] == 0;

		if (first && !vt->csi_private)
			vt->csi_private = (char)b;
		else
			vt->state = VT_CSI_SKIP;
	} else if (b >= 0x20 && b <= 0x2f) {
		vt->state = VT_CSI_SKIP; /* intermediates: not ours */
	} else if (b >= 0x40 && b <= 0x7e) {
		vt->state = VT_GROUND;
		vt_csi_dispatch(vt, b);
	}
}

/* One byte below 0x80 (or a whole code point in the ground state). */
static void ascii_byte(struct vt *vt, unsigned char b)
{
	switch (vt->state) {
	case VT_GROUND:
		if (b >= 0x20 && b < 0x7f)
			vt_print(vt, b);
		else if (b < 0x20)
			control(vt, b);
		break;
	case VT_STRING:
		if (b == BEL || b == CAN || b == SUB)
			vt->state = VT_GROUND;
		else if (b == ESC)
			vt->state = VT_STRING_ESC;
		break;
	case VT_STRING_ESC:
		/* ST ends the string; any other ESC x ends it too and is
		   read as that sequence. */
		vt->state = VT_ESC;
		if (b != '\\')
			ascii_byte(vt, b);
		else
			vt->state = VT_GROUND;
		break;
	default:
		if (b < 0x20) {
			control(vt, b); /* C0 acts inside sequences too */
		} else if (vt->state == VT_ESC) {
			esc_dispatch(vt, b);
		} else if (vt->state == VT_ESC_INTER) {
			if (b >= 0x30)
				vt->state = VT_GROUND;
		} else if (vt->state == VT_CSI) {
			csi_byte(vt, b);
		} else if (b >= 0x40 && b <= 0x7e) { /* CSI_SKIP */
			vt->state = VT_GROUND;
		}
		break;
	}
}

static void code_point(struct vt *vt, uint32_t cp)
{
	/* C1 controls (0x80-0x9f) as characters: never shown or obeyed */
	if (vt->state == VT_GROUND && (cp < 0x80 || cp > 0x9f))
		vt_print(vt, cp);
}

static void utf8_bad(struct vt *vt)
{
	vt->utf8_need = 0;
	code_point(vt, 0xfffd);
}

/* Bytes >= 0x80: UTF-8, each bad sequence one U+FFFD. */
static void high_byte(struct vt *vt, unsigned char b)
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

void vt_write(struct vt *vt, const void *buf, size_t len)
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
