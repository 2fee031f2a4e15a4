// SPDX-License-Identifier: Apache-2.0
/*
 * Symbols and source lines, kept per file for the whole session.
 *
 * A process's libdw state (cache.c) lives as long as the process does,
 * and a new process is a new Dwfl: had its symbol tables and DWARF been
 * read there, every first denial in every new process would read libc's
 * and the loader's debug files again (zlib inflating their compressed
 * sections: milliseconds each, while the thread waits). So the process's
 * Dwfl only walks (CFI from the files themselves, no separate debug
 * file), and a frame is described here, from one offline Dwfl per file
 * (dwfl_report_offline: the file and its debug file from /usr/lib/debug),
 * opened the first time a frame lands in it and kept.
 *
 * A file is known by its build-id (the same file mapped by a thousand
 * processes is one entry), or by device and inode when it has none. The
 * offline module must have the build-id the process's module had: a
 * file replaced at the same path since is not taken for the old one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define BUILD_ID_MAX 64

struct unwind_file {
	unsigned char id[BUILD_ID_MAX];
	size_t id_len; /* 0: no build-id, known by dev and ino */
	dev_t dev;
	ino_t ino;
	char *path; /* raw, as libdw opened it in the process */
	enum unwind_origin origin;
	Dwfl *dwfl;	  /* this file alone, offline; NULL until used */
	Dwfl_Module *mod; /* NULL when it could not be opened */
	uint64_t bias;	  /* mod's addresses minus the file's own */
	unsigned refs;	  /* captures that point to it */
	unsigned long last_used;
};

static const Dwfl_Callbacks offline_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	/* local files only, as for processes: see unwind_new */
	.find_debuginfo = dwfl_build_id_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

static bool is_same(const struct unwind_file *f, const unsigned char *id,
		    size_t id_len, const struct stat *st)
{
	if (id_len)
		return f->id_len == id_len && !memcmp(f->id, id, id_len);
	return !f->id_len && f->dev == st->st_dev && f->ino == st->st_ino;
}

static void file_free(struct unwind_file *f)
{
	if (f->dwfl) {
		unwind_symbols_drop_all(f->dwfl);
		dwfl_end(f->dwfl);
	}
	free(f->path);
	free(f);
}

/* Make room: drop the least recently used file no capture points to. */
static void evict_one(struct unwind *u)
{
	size_t i, oldest = u->nfiles;

	for (i = 0; i < u->nfiles; i++)
		if (!u->files[i]->refs &&
		    (oldest == u->nfiles ||
		     u->files[i]->last_used < u->files[oldest]->last_used))
			oldest = i;
	if (oldest == u->nfiles)
		return; /* all in use: the table grows past the bound */
	file_free(u->files[oldest]);
	u->files[oldest] = u->files[--u->nfiles];
}

static struct unwind_file *file_new(struct unwind *u, const char *path,
				    const unsigned char *id, size_t id_len,
				    const struct stat *st)
{
	struct unwind_file *f = xcalloc(1, sizeof(*f));

	memcpy(f->id, id, id_len);
	f->id_len = id_len;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
	f->path = xstrdup(path);
	f->origin = unwind_module_origin(path);
	if (u->nfiles >= UNWIND_MAX_FILES)
		evict_one(u);
	xgrow(&u->files, &u->files_cap, u->nfiles + 1, sizeof(*u->files));
	u->files[u->nfiles++] = f;
	return f;
}

struct unwind_file *unwind_file_get(struct unwind *u, Dwfl_Module *mod,
				    const char *path)
{
	const unsigned char *bits = NULL;
	struct stat st = {0};
	struct unwind_file *f = NULL;
	GElf_Addr vaddr;
	int n = dwfl_module_build_id(mod, &bits, &vaddr);
	size_t i;

	if (n <= 0 || n > BUILD_ID_MAX) {
		n = 0;
		if (stat(path, &st) != 0)
			return NULL;
	}
	for (i = 0; i < u->nfiles && !f; i++)
		if (is_same(u->files[i], bits, (size_t)n, &st))
			f = u->files[i];
	if (!f)
		f = file_new(u, path, bits, (size_t)n, &st);
	f->refs++;
	f->last_used = ++u->clock;
	return f;
}

void unwind_file_put(struct unwind_file *f)
{
	if (f && f->refs)
		f->refs--;
}

/* The build-id of the offline module is the one we know the file by. */
static bool has_our_id(const struct unwind_file *f)
{
	const unsigned char *bits;
	GElf_Addr vaddr;
	int n;

	if (!f->id_len)
		return true;
	n = dwfl_module_build_id(f->mod, &bits, &vaddr);
	return n > 0 && (size_t)n == f->id_len &&
	       !memcmp(bits, f->id, f->id_len);
}

/* Open F's offline module the first time; false when it cannot be. */
static bool file_open(struct unwind *u, struct unwind_file *f)
{
	Dwarf_Addr bias = 0;

	if (f->dwfl)
		return f->mod != NULL;
	f->dwfl = dwfl_begin(&offline_callbacks);
	if (!f->dwfl)
		return false;
	u->stats.files++;
	dwfl_report_begin(f->dwfl);
	f->mod = dwfl_report_offline(f->dwfl, unwind_base_name(f->path),
				     f->path, -1);
	dwfl_report_end(f->dwfl, NULL, NULL);
	if (f->mod && (!has_our_id(f) || !dwfl_module_getelf(f->mod, &bias)))
		f->mod = NULL;
	f->bias = bias;
	return f->mod != NULL;
}

void unwind_file_describe(struct unwind *u, struct unwind_file *f,
			  const struct unwind_raw_frame *r,
			  struct unwind_frame *out)
{
	memset(out, 0, sizeof(*out));
	out->pc = r->pc;
	out->origin = f->origin;
	out->module_path = unwind_escape_name(f->path);
	out->module = unwind_escape_name(unwind_base_name(f->path));
	out->module_offset = r->module_offset;
	f->last_used = ++u->clock;
	if (file_open(u, f))
		unwind_describe_code(f->mod, r->rel + f->bias,
				     r->module_offset + f->bias, out);
}

void unwind_files_free(struct unwind *u)
{
	size_t i;

	for (i = 0; i < u->nfiles; i++)
		file_free(u->files[i]);
	free(u->files);
	u->files = NULL;
	u->nfiles = u->files_cap = 0;
}
