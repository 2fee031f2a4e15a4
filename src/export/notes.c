// SPDX-License-Identifier: Apache-2.0
/*
 * What an export changed or left out, one sentence a line.
 */
#include <stdarg.h>
#include <string.h>

#include "seccompdbg/export.h"

void export_note(struct export_notes *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&n->text, fmt, ap);
	va_end(ap);
	strbuf_addc(&n->text, '\n');
	n->count++;
}

void export_notes_release(struct export_notes *n)
{
	strbuf_release(&n->text);
	memset(n, 0, sizeof(*n));
}
