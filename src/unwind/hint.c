// SPDX-License-Identifier: Apache-2.0
/*
 * Backtraces as text, and the call-site hint. Which modules are "the
 * system's" (libc, the dynamic loader, the vDSO) is a table of file-name
 * prefixes: the hint looks past them for the code that asked for the call.
 */
#include <inttypes.h>
#include <string.h>

#include "internal.h"

/* Base-name prefixes of the C library's and the loader's files. */
static const struct {
	const char *prefix;
	enum unwind_origin origin;
} system_modules[] = {
	{"libc.so", UNWIND_ORIGIN_LIBC},       /* glibc >= 2.34, musl */
	{"libc-2.", UNWIND_ORIGIN_LIBC},       /* glibc < 2.34 */
	{"libpthread.so", UNWIND_ORIGIN_LIBC}, /* glibc < 2.34: clone */
	{"libpthread-2.", UNWIND_ORIGIN_LIBC},
	{"libc.musl-", UNWIND_ORIGIN_LIBC}, /* Alpine */
	{"ld-linux", UNWIND_ORIGIN_LOADER}, /* ld-linux-x86-64.so.2 */
	{"ld-2.", UNWIND_ORIGIN_LOADER},    /* glibc < 2.34 */
	{"ld64.so.", UNWIND_ORIGIN_LOADER}, /* ppc64, s390x */
	{"ld.so.", UNWIND_ORIGIN_LOADER},
	{"ld-musl-", UNWIND_ORIGIN_LOADER},
};

enum unwind_origin unwind_module_origin(const char *path)
{
	const char *base;
	size_t i;

	if (!path)
		return UNWIND_ORIGIN_UNKNOWN;
	if (str_has_prefix(path, "[vdso"))
		return UNWIND_ORIGIN_VDSO;
	base = unwind_base_name(path);
	for (i = 0; i < ARRAY_SIZE(system_modules); i++)
		if (str_has_prefix(base, system_modules[i].prefix))
			return system_modules[i].origin;
	return UNWIND_ORIGIN_PROGRAM;
}

const char *unwind_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* "spawn_sandbox+20", "demo+0x1234" or "0x7f0012345678". */
static void format_address(const struct unwind_frame *f, struct strbuf *out)
{
	if (f->symbol)
		strbuf_addf(out, "%s+%" PRIu64, f->symbol, f->symbol_offset);
	else if (f->module)
		strbuf_addf(out, "%s+%#" PRIx64, f->module, f->module_offset);
	else
		strbuf_addf(out, "%#" PRIx64, f->pc);
}

void unwind_frame_format(const struct unwind_frame *f, struct strbuf *out)
{
	format_address(f, out);
	if (f->file && f->line)
		strbuf_addf(out, " (%s:%u)", unwind_base_name(f->file),
			    f->line);
	if (f->symbol && f->module)
		strbuf_addf(out, " %s", f->module);
}

void unwind_format(const struct unwind_backtrace *t, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < t->nframes; i++) {
		strbuf_addf(out, "#%zu ", i);
		unwind_frame_format(&t->frames[i], out);
		strbuf_addc(out, '\n');
	}
	if (t->truncated)
		strbuf_adds(out, "... (more frames not shown)\n");
}

static bool is_system(enum unwind_origin o)
{
	return o == UNWIND_ORIGIN_LIBC || o == UNWIND_ORIGIN_LOADER ||
	       o == UNWIND_ORIGIN_VDSO;
}

static const char *system_name(enum unwind_origin o)
{
	switch (o) {
	case UNWIND_ORIGIN_LIBC:
		return "libc";
	case UNWIND_ORIGIN_LOADER:
		return "the loader";
	case UNWIND_ORIGIN_VDSO:
		return "the vDSO";
	default:
		return "";
	}
}

/* "main.c:42 in spawn_sandbox", "spawn_sandbox+20 in demo", "demo+0x12" */
static void format_location(const struct unwind_frame *f, struct strbuf *out)
{
	if (f->file && f->line) {
		strbuf_addf(out, "%s:%u in ", unwind_base_name(f->file),
			    f->line);
		if (f->symbol)
			strbuf_adds(out, f->symbol);
		else
			format_address(f, out);
	} else {
		format_address(f, out);
		if (f->symbol && f->module)
			strbuf_addf(out, " in %s", f->module);
	}
}

bool unwind_hint(const struct unwind_backtrace *t, const char *syscall,
		 struct strbuf *out)
{
	const struct unwind_frame *entry = NULL;
	size_t k, i;

	for (k = 0; k < t->nframes && is_system(t->frames[k].origin); k++)
		;
	if (k == t->nframes)
		return false;
	/* What the code called: the system frame just below it. */
	for (i = k; i-- > 0 && !entry;)
		if (t->frames[i].origin == UNWIND_ORIGIN_LIBC)
			entry = &t->frames[i];
	if (!entry && k > 0)
		entry = &t->frames[k - 1];
	format_location(&t->frames[k], out);
	if (!entry && !syscall)
		return true;
	strbuf_adds(out, " (");
	if (syscall)
		strbuf_addf(out, "called %s ", syscall);
	if (entry) {
		strbuf_addf(out, "via %s ", system_name(entry->origin));
		format_address(entry, out);
	} else {
		strbuf_adds(out, "directly");
	}
	strbuf_addc(out, ')');
	return true;
}
