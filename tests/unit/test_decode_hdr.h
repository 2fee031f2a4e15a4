/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Checks one of src/decode/'s .def files against the system headers: the
 * including test file includes the headers, then DEF_CHECK("fs.def")
 * expands every X(NAME, value) line into a comparison of the table's
 * value with the header's NAME, and checks that the compiled table has
 * the entry. N lines (names the installed headers lack) are skipped.
 */
#ifndef SECCOMPDBG_TEST_DECODE_HDR_H
#define SECCOMPDBG_TEST_DECODE_HDR_H

#include <stdint.h>

#include "seccompdbg/decode.h"
#include "test.h"

static inline void hdr_check(const char *table, const char *name, uint64_t def,
			     uint64_t hdr, const char *file, int line)
{
	const struct decode_xlat *x = decode_xlat_by_name(table);
	uint64_t compiled;

	/* (1 << 31) in a header is a negative int: the bits are the same. */
	if (def <= UINT32_MAX && hdr == (uint64_t)(int64_t)(int32_t)def)
		hdr = def;
	if (def != hdr)
		test_fail(file, line,
			  "%s: %s is %#llx here but %#llx in the headers",
			  table, name, (unsigned long long)def,
			  (unsigned long long)hdr);
	if (!x || !decode_xlat_value(x, name, &compiled) || compiled != def)
		test_fail(file, line, "%s: %s missing from the table", table,
			  name);
}

#define XLAT(t, k) table = #t;
#define X(n, v) \
	hdr_check(table, #n, (uint64_t)(v), (uint64_t)(n), __FILE__, __LINE__);
#define N(n, v)
#define XEND

#endif
