// SPDX-License-Identifier: Apache-2.0
/*
 * JSON strings as Go's encoding/json decodes them (json.c's scanner
 * calls it for every string and key): escapes, \u with surrogate pairs
 * joined, invalid UTF-8 and lone surrogates as U+FFFD, and the raw
 * control characters RFC 8259 refuses.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

static int hex4(struct profile_json_scanner *sc, size_t at, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	if (at + 4 > sc->len)
		return profile_json_fail(sc, at,
					 "expected four hex digits after \\u");
	for (i = 0; i < 4; i++) {
		char c = sc->s[at + i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return profile_json_fail(
				sc, at + i,
				"expected four hex digits after \\u");
	}
	*out = v;
	return 0;
}

/* \u and four hex digits, a following low surrogate joined as Go does. */
static int scan_unicode(struct profile_json_scanner *sc, struct strbuf *sb)
{
	unsigned cp, lo;

	if (hex4(sc, sc->pos + 2, &cp) < 0)
		return -EINVAL;
	sc->pos += 6;
	if (cp >= 0xd800 && cp < 0xdc00 && sc->pos + 6 <= sc->len &&
	    sc->s[sc->pos] == '\\' && sc->s[sc->pos + 1] == 'u') {
		if (hex4(sc, sc->pos + 2, &lo) < 0)
			return -EINVAL;
		if (lo >= 0xdc00 && lo < 0xe000) {
			sc->pos += 6;
			utf8_put(sb, 0x10000 + ((cp - 0xd800) << 10) +
					     (lo - 0xdc00));
			return 0;
		}
	}
	utf8_put(sb, cp >= 0xd800 && cp < 0xe000 ? 0xfffd : cp);
	return 0;
}

static int scan_escape(struct profile_json_scanner *sc, struct strbuf *sb)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	char c;

	if (sc->pos + 1 >= sc->len)
		return profile_json_fail(sc, sc->pos, "unterminated string");
	c = sc->s[sc->pos + 1];
	if (c == 'u')
		return scan_unicode(sc, sb);
	e = c ? strchr(from, c) : NULL;
	if (!e) {
		struct strbuf shown = STRBUF_INIT;
		int rc;

		escape_c(&shown, &c, 1);
		rc = profile_json_fail(sc, sc->pos,
				       "invalid escape '\\%s' in a string",
				       strbuf_str(&shown));
		strbuf_release(&shown);
		return rc;
	}
	strbuf_addc(sb, to[e - from]);
	sc->pos += 2;
	return 0;
}

int profile_json_scan_string(struct profile_json_scanner *sc, char **out,
			     size_t *out_len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t open = sc->pos;

	sc->pos++;
	for (;;) {
		unsigned char c;
		size_t n;

		if (sc->pos >= sc->len) {
			strbuf_release(&sb);
			return profile_json_fail(sc, open,
						 "unterminated string");
		}
		c = (unsigned char)sc->s[sc->pos];
		if (c == '"')
			break;
		if (c < 0x20) {
			strbuf_release(&sb);
			return profile_json_fail(
				sc, sc->pos,
				"control character \\x%02x in a string (write it as an escape)",
				c);
		}
		if (c == '\\') {
			if (scan_escape(sc, &sb) < 0) {
				strbuf_release(&sb);
				return -EINVAL;
			}
			continue;
		}
		n = profile_utf8_valid((const unsigned char *)sc->s + sc->pos,
				       sc->len - sc->pos);
		if (n) {
			strbuf_add(&sb, sc->s + sc->pos, n);
			sc->pos += n;
		} else {
			utf8_put(&sb, 0xfffd);
			sc->pos++;
		}
	}
	sc->pos++;
	*out_len = sb.len;
	*out = strbuf_detach(&sb);
	return 0;
}
