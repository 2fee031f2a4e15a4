// SPDX-License-Identifier: Apache-2.0
/*
 * Helpers of the stracelog tests: see test_stracelog.h.
 */
#include <string.h>

#include "test_stracelog.h"

struct stracelog *slt_read_text(const struct sysent_arch *arch,
				const char *name, const char *text)
{
	struct stracelog *log = stracelog_new(arch);

	stracelog_read_mem(log, name, text, strlen(text));
	stracelog_finish(log);
	return log;
}

unsigned long slt_calls(const struct stracelog *log, uint32_t arch,
			const char *name)
{
	const struct stracelog_syscall *c = stracelog_find(log, arch, name);

	return c ? c->calls : 0;
}

const struct stracelog_process *slt_proc(const struct stracelog *log, long pid)
{
	size_t n, i;
	const struct stracelog_process *p = stracelog_processes(log, &n);

	for (i = 0; i < n; i++)
		if (p[i].pid == pid)
			return &p[i];
	return NULL;
}

/* The first note of KIND whose text contains WORDS, or NULL. */
const struct stracelog_note *slt_note(const struct stracelog *log,
				      enum stracelog_note_kind kind,
				      const char *words)
{
	size_t n, i;
	const struct stracelog_note *no = stracelog_notes(log, &n);

	for (i = 0; i < n; i++)
		if (no[i].kind == kind && strstr(no[i].text, words))
			return &no[i];
	return NULL;
}
