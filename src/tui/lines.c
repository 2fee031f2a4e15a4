// SPDX-License-Identifier: Apache-2.0
/*
 * Lines of text with a style: what the detail pane, the help screen, the
 * diff and the denial pager show. Wrapping lives here so every pane cuts
 * text the same way.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void add_take(struct tui_lines *l, enum tui_style style, char *s)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = (struct tui_line){.text = s, .style = style};
}

void tui_lines_add(struct tui_lines *l, enum tui_style style, const char *s)
{
	add_take(l, style, xstrdup(s));
}

void tui_lines_addf(struct tui_lines *l, enum tui_style style, const char *fmt,
		    ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	add_take(l, style, strbuf_detach(&sb));
}

/* Where to cut S (longer than WIDTH): at the last space in the second
   half of the line (decoded calls have them after each ", "), else at
   WIDTH. */
static size_t cut_at(const char *s, size_t width)
{
	size_t i;

	for (i = width; i > width / 2; i--)
		if (s[i] == ' ')
			return i;
	return width;
}

static void wrap_one(struct tui_lines *l, enum tui_style style, const char *s,
		     size_t len, unsigned width, unsigned indent)
{
	size_t room = width;
	bool first = true;

	if (indent >= width)
		indent = 0;
	while (first || len) {
		size_t n = len;
		struct strbuf sb = STRBUF_INIT;

		if (!first)
			room = width - indent;
		if (n > room)
			n = cut_at(s, room);
		while (n > 1 && s[n - 1] == ' ' && n < len)
			n--; /* no blanks at the end of a cut line */
		strbuf_addf(&sb, "%*s", first ? 0 : (int)indent, "");
		strbuf_add(&sb, s, n);
		add_take(l, style, strbuf_detach(&sb));
		s += n;
		len -= n;
		while (len && *s == ' ') { /* the space cut at is not shown */
			s++;
			len--;
		}
		first = false;
	}
}

void tui_lines_wrap(struct tui_lines *l, enum tui_style style, const char *text,
		    unsigned width, unsigned indent)
{
	const char *nl;

	if (!width)
		width = 1;
	for (;;) {
		nl = strchr(text, '\n');
		wrap_one(l, style, text,
			 nl ? (size_t)(nl - text) : strlen(text), width,
			 indent);
		if (!nl || !nl[1])
			break;
		text = nl + 1;
	}
}

static enum tui_style diff_style(const char *line)
{
	if (str_has_prefix(line, "+++") || str_has_prefix(line, "---"))
		return TUI_STYLE_HEADING;
	switch (line[0]) {
	case '+':
		return TUI_STYLE_ADDED;
	case '-':
		return TUI_STYLE_REMOVED;
	case '@':
		return TUI_STYLE_HUNK;
	default:
		return TUI_STYLE_NORMAL;
	}
}

/* Tabs of the profile's own layout become spaces: the pager prints each
   line as it is, and a tab would move the cursor past our control. */
static char *untab(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\t') {
			do
				strbuf_addc(&sb, ' ');
			while (sb.len % 8);
		} else if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
			strbuf_addc(&sb, '?');
		} else {
			strbuf_addc(&sb, s[i]);
		}
	}
	return strbuf_detach(&sb);
}

void tui_lines_diff(struct tui_lines *l, const char *diff)
{
	while (*diff) {
		const char *nl = strchr(diff, '\n');
		size_t n = nl ? (size_t)(nl - diff) : strlen(diff);
		char *line = untab(diff, n);

		add_take(l, diff_style(line), line);
		diff += n + (nl ? 1 : 0);
	}
}

void tui_lines_release(struct tui_lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	*l = (struct tui_lines){0};
}
