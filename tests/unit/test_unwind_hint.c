// SPDX-License-Identifier: Apache-2.0
/*
 * unwind: backtrace text, the call-site hint and the table of system
 * modules, on traces built by hand (the live tests check real ones).
 */
#include <dlfcn.h>
#include <elf.h>
#include <gnu/libc-version.h>
#include <link.h>
#include <stdlib.h>
#include <sys/auxv.h>

#include "seccompdbg/unwind.h"
#include "test.h"

struct frame_spec {
	const char *module;
	enum unwind_origin origin;
	const char *symbol;
	uint64_t symbol_offset;
	const char *file;
	unsigned line;
};

static void trace_build(struct unwind_backtrace *t, const struct frame_spec *s,
			size_t n)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->frames = calloc(n, sizeof(*t->frames));
	t->nframes = n;
	for (i = 0; i < n; i++) {
		struct unwind_frame *f = &t->frames[i];

		f->pc = 0x7f0012345000 + i;
		f->origin = s[i].origin;
		f->module = s[i].module ? strdup(s[i].module) : NULL;
		f->module_offset = 0x1234 + i;
		f->symbol = s[i].symbol ? strdup(s[i].symbol) : NULL;
		f->symbol_offset = s[i].symbol_offset;
		f->file = s[i].file ? strdup(s[i].file) : NULL;
		f->line = s[i].line;
	}
}

#define LIBC_UNSHARE                                                    \
	{                                                               \
		"libc.so.6", UNWIND_ORIGIN_LIBC, "unshare", 11, NULL, 0 \
	}
#define DEMO_SPAWN                                                  \
	{                                                           \
		"demo", UNWIND_ORIGIN_PROGRAM, "spawn_sandbox", 20, \
			"/src/demo/sandbox.c", 42                   \
	}
#define DEMO_MAIN                                                     \
	{                                                             \
		"demo", UNWIND_ORIGIN_PROGRAM, "main", 9, "main.c", 7 \
	}
#define VDSO_ENTRY                                                            \
	{                                                                     \
		"[vdso]", UNWIND_ORIGIN_VDSO, "__kernel_vsyscall", 9, NULL, 0 \
	}

static char *hint_of(const struct frame_spec *s, size_t n, const char *syscall)
{
	struct strbuf sb = STRBUF_INIT;
	struct unwind_backtrace t;

	trace_build(&t, s, n);
	if (!unwind_hint(&t, syscall, &sb)) {
		CHECK_STR(strbuf_str(&sb), "");
		strbuf_release(&sb);
		unwind_backtrace_release(&t);
		return NULL;
	}
	unwind_backtrace_release(&t);
	return strbuf_detach(&sb);
}

TEST(unwind_format_lines)
{
	const struct frame_spec s[] = {
		LIBC_UNSHARE,
		DEMO_SPAWN,
		{"demo", UNWIND_ORIGIN_PROGRAM, NULL, 0, NULL, 0},
		{NULL, UNWIND_ORIGIN_UNKNOWN, NULL, 0, NULL, 0},
	};
	struct strbuf sb = STRBUF_INIT;
	struct unwind_backtrace t;

	trace_build(&t, s, ARRAY_SIZE(s));
	unwind_format(&t, &sb);
	CHECK_STR(strbuf_str(&sb), "#0 unshare+11 libc.so.6\n"
				   "#1 spawn_sandbox+20 (sandbox.c:42) demo\n"
				   "#2 demo+0x1236\n"
				   "#3 0x7f0012345003\n");
	t.truncated = true;
	strbuf_reset(&sb);
	unwind_format(&t, &sb);
	CHECK_CONTAINS(strbuf_str(&sb),
		       "#3 0x7f0012345003\n... (more frames not shown)\n");
	strbuf_reset(&sb);
	unwind_frame_format(&t.frames[1], &sb);
	CHECK_STR(strbuf_str(&sb), "spawn_sandbox+20 (sandbox.c:42) demo");
	strbuf_release(&sb);
	unwind_backtrace_release(&t);
	CHECK(t.frames == NULL && t.nframes == 0);
}

#define NOLINES_LIBC                                              \
	{                                                         \
		"libc.so.6", UNWIND_ORIGIN_LIBC, NULL, 0, NULL, 0 \
	}
#define NOLINES_DEMO                                                        \
	{                                                                   \
		"demo", UNWIND_ORIGIN_PROGRAM, "spawn_sandbox", 20, NULL, 0 \
	}
#define NO_MODULE                                             \
	{                                                     \
		NULL, UNWIND_ORIGIN_UNKNOWN, NULL, 0, NULL, 0 \
	}

static const struct hint_case {
	const char *what;
	struct frame_spec frames[3];
	size_t n;
	const char *syscall;
	const char *want; /* NULL: no hint */
} hint_cases[] = {
	{"through libc",
	 {LIBC_UNSHARE, DEMO_SPAWN, DEMO_MAIN},
	 3,
	 "unshare",
	 "sandbox.c:42 in spawn_sandbox (called unshare via libc unshare+11)"},
	{"no syscall name",
	 {LIBC_UNSHARE, DEMO_SPAWN, DEMO_MAIN},
	 3,
	 NULL,
	 "sandbox.c:42 in spawn_sandbox (via libc unshare+11)"},
	{"i386: the vDSO, then libc",
	 {VDSO_ENTRY, LIBC_UNSHARE, DEMO_SPAWN},
	 3,
	 "unshare",
	 "sandbox.c:42 in spawn_sandbox (called unshare via libc unshare+11)"},
	{"the program's own syscall",
	 {DEMO_SPAWN, DEMO_MAIN},
	 2,
	 "unshare",
	 "sandbox.c:42 in spawn_sandbox (called unshare directly)"},
	{"directly, no name",
	 {DEMO_SPAWN, DEMO_MAIN},
	 2,
	 NULL,
	 "sandbox.c:42 in spawn_sandbox"},
	{"the vDSO only",
	 {VDSO_ENTRY, DEMO_SPAWN},
	 2,
	 "unshare",
	 "sandbox.c:42 in spawn_sandbox (called unshare via the vDSO __kernel_vsyscall+9)"},
	{"no lines, no libc symbol",
	 {NOLINES_LIBC, NOLINES_DEMO},
	 2,
	 "unshare",
	 "spawn_sandbox+20 in demo (called unshare via libc libc.so.6+0x1234)"},
	/* Code outside every module (a JIT) is the program's too. */
	{"outside every module",
	 {LIBC_UNSHARE, NO_MODULE},
	 2,
	 "unshare",
	 "0x7f0012345001 (called unshare via libc unshare+11)"},
	{"only the system's frames",
	 {VDSO_ENTRY, LIBC_UNSHARE},
	 2,
	 "unshare",
	 NULL},
	{"no frames", {LIBC_UNSHARE}, 0, "unshare", NULL},
};

TEST(unwind_hint_cases)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hint_cases); i++) {
		const struct hint_case *c = &hint_cases[i];
		char *h = hint_of(c->frames, c->n, c->syscall);

		if (c->want ? !h || strcmp(h, c->want) : h != NULL)
			test_fail(__FILE__, __LINE__,
				  "%s: hint \"%s\"\n    expected \"%s\"",
				  c->what, h ? h : "(none)",
				  c->want ? c->want : "(none)");
		free(h);
	}
}

TEST(unwind_origin_table)
{
	static const struct {
		const char *path;
		enum unwind_origin origin;
	} cases[] = {
		{"/lib/x86_64-linux-gnu/libc.so.6", UNWIND_ORIGIN_LIBC},
		{"/usr/lib32/libc.so.6", UNWIND_ORIGIN_LIBC},
		{"/lib/x86_64-linux-gnu/libc-2.31.so", UNWIND_ORIGIN_LIBC},
		{"/lib/x86_64-linux-gnu/libpthread.so.0", UNWIND_ORIGIN_LIBC},
		{"/lib/libc.musl-x86_64.so.1", UNWIND_ORIGIN_LIBC},
		{"/lib64/ld-linux-x86-64.so.2", UNWIND_ORIGIN_LOADER},
		{"/lib/ld-linux.so.2", UNWIND_ORIGIN_LOADER},
		{"/lib/ld-musl-x86_64.so.1", UNWIND_ORIGIN_LOADER},
		{"/lib64/ld64.so.2", UNWIND_ORIGIN_LOADER},
		{"[vdso: 1234]", UNWIND_ORIGIN_VDSO},
		{"[vdso]", UNWIND_ORIGIN_VDSO},
		{"/usr/lib/x86_64-linux-gnu/libcap.so.2",
		 UNWIND_ORIGIN_PROGRAM},
		{"/usr/lib/x86_64-linux-gnu/libcrypto.so.3",
		 UNWIND_ORIGIN_PROGRAM},
		{"/opt/app/libc-client.so", UNWIND_ORIGIN_PROGRAM},
		{"/usr/bin/ld.gold", UNWIND_ORIGIN_PROGRAM},
		{"/srv/app", UNWIND_ORIGIN_PROGRAM},
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (unwind_module_origin(cases[i].path) != cases[i].origin)
			test_fail(__FILE__, __LINE__,
				  "%s: origin %d, expected %d", cases[i].path,
				  unwind_module_origin(cases[i].path),
				  cases[i].origin);
	CHECK_INT(unwind_module_origin(NULL), UNWIND_ORIGIN_UNKNOWN);
}

/* This program's own interpreter (PT_INTERP), from its program headers. */
static const char *own_interpreter(void)
{
	const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	size_t i, n = getauxval(AT_PHNUM);
	uintptr_t bias = 0;

	for (i = 0; i < n; i++)
		if (ph[i].p_type == PT_PHDR)
			bias = (uintptr_t)ph - ph[i].p_vaddr;
	for (i = 0; i < n; i++)
		if (ph[i].p_type == PT_INTERP)
			return (const char *)(bias + ph[i].p_vaddr);
	return NULL;
}

/* The table against this system: its libc and its loader. */
TEST(unwind_origin_of_this_system)
{
	const char *interp = own_interpreter();
	Dl_info info;

	/* a function of libc's own: ASan intercepts printf and the like */
	REQUIRE(dladdr((void *)gnu_get_libc_version, &info) && info.dli_fname);
	CHECK_INT(unwind_module_origin(info.dli_fname), UNWIND_ORIGIN_LIBC);
	REQUIRE(interp);
	CHECK_INT(unwind_module_origin(interp), UNWIND_ORIGIN_LOADER);
}
