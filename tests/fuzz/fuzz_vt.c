// SPDX-License-Identifier: Apache-2.0
/*
 * Fuzz the output pane's terminal (vt.h): any bytes as a program's
 * output, fed in pieces of the input's choosing, with resizes between
 * them. What it holds to: what the pane shows (vt_render) never holds a
 * control character but the newlines that end its lines, nor bad UTF-8,
 * every line has vt_cols() cells, and the cursor stays on the screen.
 *
 * The input: rows and columns (1 byte each), then pieces: a length byte
 * L, then L bytes of output (a length byte of 0 resizes to the next two
 * bytes instead).
 */
#include <locale.h>
#include <string.h>

#include "fuzz.h"
#include "seccompdbg/vt.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* the view's own: wide and combining characters by the C library */
	setlocale(LC_CTYPE, "C.UTF-8");
	return 0;
}

static void check(const struct vt *vt)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned row, col;
	bool visible;
	size_t i;

	vt_render(vt, &sb);
	FUZZ_REQUIRE(fuzz_is_safe_text(strbuf_str(&sb), sb.len, true, true));
	vt_cursor(vt, &row, &col, &visible);
	FUZZ_REQUIRE(row < vt_rows(vt) && col < vt_cols(vt));
	for (i = 0; i < vt_nlines(vt); i++)
		FUZZ_REQUIRE(vt_line(vt, i) != NULL);
	FUZZ_REQUIRE(vt_line(vt, vt_nlines(vt)) == NULL);
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt *vt;
	size_t i = 2, n;

	if (size < 2)
		return 0;
	vt = vt_new(1 + data[0] % 64, 1 + data[1] % 160, 50);
	while (i < size) {
		n = data[i++];
		if (n == 0 && i + 2 <= size) {
			vt_resize(vt, 1 + data[i] % 64, 1 + data[i + 1] % 160);
			i += 2;
			continue;
		}
		if (n > size - i)
			n = size - i;
		vt_write(vt, data + i, n);
		i += n;
	}
	check(vt);
	vt_free(vt);
	return 0;
}
