// SPDX-License-Identifier: Apache-2.0
/*
 * Escaping of untrusted bytes: C style for terminals and logs (the way
 * strace prints strings), and JSON string escaping that always yields
 * valid UTF-8.
 */
#include <string.h>

#include "seccompdbg/util.h"

static const char hexdigits[] = "0123456789abcdef";

void escape_c(struct strbuf *out, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = p[i];

		switch (c) {
		case '"':
		case '\\':
			strbuf_addc(out, '\\');
			strbuf_addc(out, (char)c);
			continue;
		case '\n':
			strbuf_adds(out, "\\n");
			continue;
		case '\t':
			strbuf_adds(out, "\\t");
			continue;
		case '\r':
			strbuf_adds(out, "\\r");
			continue;
		case '\v':
			strbuf_adds(out, "\\v");
			continue;
		case '\f':
			strbuf_adds(out, "\\f");
			continue;
		case '\b':
			strbuf_adds(out, "\\b");
			continue;
		case '\a':
			strbuf_adds(out, "\\a");
			continue;
		case '\0':
			/* "\0" followed by a digit would read as octal. */
			if (i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '7')
				strbuf_adds(out, "\\x00");
			else
				strbuf_adds(out, "\\0");
			continue;
		default:
			break;
		}
		if (c >= 0x20 && c < 0x7f) {
			strbuf_addc(out, (char)c);
		} else {
			char esc[4] = {'\\', 'x', hexdigits[c >> 4],
				       hexdigits[c & 15]};
			strbuf_add(out, esc, sizeof(esc));
		}
	}
}

size_t utf8_decode(const void *data, size_t n, uint32_t *cp)
{
	const unsigned char *p = data;
	uint32_t c = p[0], v;
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
		return 0;
	*cp = v;
	return len;
}

void utf8_put(struct strbuf *out, uint32_t cp)
{
	if (cp < 0x80) {
		strbuf_addc(out, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addc(out, (char)(0xc0 | cp >> 6));
		strbuf_addc(out, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		strbuf_addc(out, (char)(0xe0 | cp >> 12));
		strbuf_addc(out, (char)(0x80 | (cp >> 6 & 0x3f)));
		strbuf_addc(out, (char)(0x80 | (cp & 0x3f)));
	} else {
		strbuf_addc(out, (char)(0xf0 | cp >> 18));
		strbuf_addc(out, (char)(0x80 | (cp >> 12 & 0x3f)));
		strbuf_addc(out, (char)(0x80 | (cp >> 6 & 0x3f)));
		strbuf_addc(out, (char)(0x80 | (cp & 0x3f)));
	}
}

void escape_json(struct strbuf *out, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(p + i, n - i, &cp);

		if (len == 0) {
			strbuf_adds(out, "\xef\xbf\xbd"); /* U+FFFD */
			i++;
			continue;
		}
		switch (cp) {
		case '"':
			strbuf_adds(out, "\\\"");
			break;
		case '\\':
			strbuf_adds(out, "\\\\");
			break;
		case '\n':
			strbuf_adds(out, "\\n");
			break;
		case '\t':
			strbuf_adds(out, "\\t");
			break;
		case '\r':
			strbuf_adds(out, "\\r");
			break;
		case '\b':
			strbuf_adds(out, "\\b");
			break;
		case '\f':
			strbuf_adds(out, "\\f");
			break;
		default:
			/* C0, DEL and C1 (U+0080..U+009F: a terminal may
			 * take U+009B as CSI) are written as \u escapes. */
			if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
			    cp == 0x2028 || cp == 0x2029)
				strbuf_addf(out, "\\u%04x", cp);
			else
				strbuf_add(out, p + i, len);
			break;
		}
		i += len;
	}
}

void json_quote(struct strbuf *out, const char *s)
{
	strbuf_addc(out, '"');
	escape_json(out, s, strlen(s));
	strbuf_addc(out, '"');
}
