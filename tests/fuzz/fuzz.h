/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the libFuzzer harnesses share (tests/fuzz/fuzz_*.c, make fuzz,
 * docs/testing.md): checks that stop the run at once, as a crash, when
 * what we made of untrusted input breaks a promise the headers make.
 */
#ifndef SECCOMPDBG_FUZZ_H
#define SECCOMPDBG_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "seccompdbg/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: say which, and crash so libFuzzer keeps the input. */
#define FUZZ_REQUIRE(cond)                                               \
	do {                                                             \
		if (!(cond)) {                                           \
			fprintf(stderr, "%s:%d: broken: %s\n", __FILE__, \
				__LINE__, #cond);                        \
			abort();                                         \
		}                                                        \
	} while (0)

/*
 * TEXT (N bytes) is safe on a terminal: no control byte, no DEL; with
 * NEWLINES, '\n' may end lines; with UTF8, valid UTF-8 beyond ASCII is
 * allowed (and nothing else above 0x7f).
 */
static inline bool fuzz_is_safe_text(const char *text, size_t n, bool newlines,
				     bool utf8)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\n' && newlines) {
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (!utf8)
			return false;
		k = utf8_decode(text + i, n - i, &cp);
		/* C1 controls are controls too */
		if (!k || (cp >= 0x80 && cp < 0xa0))
			return false;
		i += k;
	}
	return true;
}

#endif
