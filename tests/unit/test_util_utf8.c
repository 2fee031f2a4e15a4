// SPDX-License-Identifier: Apache-2.0
/*
 * util: UTF-8 decoding and encoding, at the edges of each sequence length
 * and on what is not UTF-8 (overlongs, surrogates, past U+10FFFF, cut
 * short, stray continuation bytes).
 */
#include "seccompdbg/util.h"
#include "test.h"

TEST(util_utf8_round_trip)
{
	static const uint32_t cps[] = {0,      0x7f,	0x80,	 0x7ff,
				       0x800,  0xd7ff,	0xe000,	 0xfffd,
				       0xffff, 0x10000, 0x10ffff};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cps); i++) {
		struct strbuf sb = STRBUF_INIT;
		uint32_t cp = 0xdead;

		utf8_put(&sb, cps[i]);
		CHECK_INT(sb.len, cps[i] < 0x80	     ? 1
				  : cps[i] < 0x800   ? 2
				  : cps[i] < 0x10000 ? 3
						     : 4);
		CHECK_INT(utf8_decode(sb.buf, sb.len, &cp), sb.len);
		CHECK_U64(cp, cps[i]);
		strbuf_release(&sb);
	}
}

TEST(util_utf8_invalid)
{
	static const char *const bad[] = {
		"\x80",		    /* a continuation byte alone */
		"\xc0\xaf",	    /* overlong '/' */
		"\xe0\x80\xaf",	    /* overlong again */
		"\xed\xa0\x80",	    /* U+D800, a surrogate */
		"\xf4\x90\x80\x80", /* U+110000 */
		"\xf8\x88\x80\x80", /* no such lead byte */
		"\xe2\x82",	    /* cut short */
		"\xe2\x28\xa1",	    /* not a continuation */
	};
	uint32_t cp;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (utf8_decode(bad[i], strlen(bad[i]), &cp) != 0)
			test_fail(__FILE__, __LINE__, "bad[%zu] decoded", i);
	/* the length given bounds the read */
	CHECK_INT(utf8_decode("\xc3\xa9", 1, &cp), 0);
	CHECK_INT(utf8_decode("\xc3\xa9", 2, &cp), 2);
	CHECK_U64(cp, 0xe9);
}
