// SPDX-License-Identifier: Apache-2.0
/*
 * Fuzz the strace-log reader: any bytes as a log (strace -f -o, -ff
 * members, strace's stderr mixed with the program's output). What it
 * holds to (stracelog.h): the report and every note are terminal-safe
 * (no control byte but the report's newlines) and every name found is
 * a system call name.
 */
#include <string.h>

#include "fuzz.h"
#include "seccompdbg/stracelog.h"

static void check(const struct stracelog *log)
{
	struct strbuf sb = STRBUF_INIT;
	const struct stracelog_syscall *calls;
	const struct stracelog_note *notes;
	size_t n, i;

	stracelog_report(log, &sb);
	FUZZ_REQUIRE(fuzz_is_safe_text(sb.buf, sb.len, true, false));
	notes = stracelog_notes(log, &n);
	for (i = 0; i < n; i++) {
		FUZZ_REQUIRE(fuzz_is_safe_text(
			notes[i].text, strlen(notes[i].text), false, false));
		FUZZ_REQUIRE(!notes[i].name ||
			     fuzz_is_safe_text(notes[i].name,
					       strlen(notes[i].name), false,
					       false));
	}
	calls = stracelog_syscalls(log, &n);
	for (i = 0; i < n; i++)
		FUZZ_REQUIRE(strspn(calls[i].name,
				    "abcdefghijklmnopqrstuvwxyz0123456789_") ==
			     strlen(calls[i].name));
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stracelog *log = stracelog_new(NULL);

	stracelog_read_mem(log, "fuzz.log", data, size);
	stracelog_finish(log);
	check(log);
	stracelog_free(log);
	return 0;
}
