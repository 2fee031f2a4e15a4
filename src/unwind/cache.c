// SPDX-License-Identifier: Apache-2.0
/*
 * The per-process cache of libdw state. Reading /proc/PID/maps, opening
 * each module's ELF file and parsing its symbol table and CFI is what
 * makes a backtrace slow; libdw keeps all of that in one Dwfl, so we keep
 * one Dwfl per process for as long as the process keeps its address space.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

const char *unwind_dwfl_error(void)
{
	return dwfl_errmsg(-1);
}

/*
 * /proc/PID/maps writes a newline in a file name as the four characters
 * "\012" (the only byte it escapes), and libdw opens the name as it
 * read it: a program whose path holds a newline would get no symbols.
 * When the name as read is no file, try it with the newlines put back.
 */
static int find_elf(Dwfl_Module *mod, void **userdata, const char *name,
		    Dwarf_Addr base, char **file_name, Elf **elfp)
{
	static const char esc[] = "\\012";
	struct strbuf sb = STRBUF_INIT;
	const char *p, *hit;
	int fd;

	if (name[0] != '/' || !strstr(name, esc) || access(name, F_OK) == 0)
		return dwfl_linux_proc_find_elf(mod, userdata, name, base,
						file_name, elfp);
	for (p = name; (hit = strstr(p, esc)); p = hit + strlen(esc)) {
		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_addc(&sb, '\n');
	}
	strbuf_adds(&sb, p);
	fd = open(strbuf_str(&sb), O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		strbuf_release(&sb);
		return dwfl_linux_proc_find_elf(mod, userdata, name, base,
						file_name, elfp);
	}
	*file_name = strbuf_detach(&sb); /* libdw frees it */
	return fd;
}

/*
 * A process's Dwfl only walks: the CFI it needs is in the files
 * themselves (.eh_frame). Given the debug file, libdw would also read it
 * for every frame whose .eh_frame says nothing (the loader's _start, the
 * outermost frames): dwfl_module_dwarf_cfi loads and inflates all its
 * DWARF, milliseconds for each new process, to find no .debug_frame in
 * Debian's debug files. Symbols and lines come from files.c instead.
 */
static int no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
			Dwarf_Addr base, const char *file_name,
			const char *debuglink_file, GElf_Word debuglink_crc,
			char **debuginfo_file_name)
{
	(void)mod, (void)userdata, (void)modname, (void)base, (void)file_name;
	(void)debuglink_file, (void)debuglink_crc, (void)debuginfo_file_name;
	return -1;
}

struct unwind *unwind_new(void)
{
	struct unwind *u = xcalloc(1, sizeof(*u));

	u->callbacks.find_elf = find_elf;
	/*
	 * Separate debug info (files.c) from local files only: the build-id
	 * tree under /usr/lib/debug that Debian's -dbgsym and libc6-dbg
	 * packages fill. dwfl_standard_find_debuginfo would end by asking
	 * the debuginfod servers of DEBUGINFOD_URLS (Debian's login shells
	 * set it), which can take seconds per file; a denial has to show at
	 * once.
	 */
	u->callbacks.find_debuginfo = no_debuginfo;
	return u;
}

static void proc_release(struct unwind_proc *p)
{
	if (p->dwfl)
		unwind_symbols_drop_all(p->dwfl);
	dwfl_end(p->dwfl);
	p->dwfl = NULL;
}

void unwind_free(struct unwind *u)
{
	size_t i;

	if (!u)
		return;
	for (i = 0; i < u->nprocs; i++)
		proc_release(&u->procs[i]);
	free(u->procs);
	unwind_files_free(u);
	free(u);
}

static void proc_remove(struct unwind *u, size_t i)
{
	proc_release(&u->procs[i]);
	u->procs[i] = u->procs[--u->nprocs];
}

void unwind_forget(struct unwind *u, pid_t pid)
{
	size_t i;

	for (i = 0; i < u->nprocs; i++)
		if (u->procs[i].pid == pid) {
			proc_remove(u, i);
			return;
		}
}

void unwind_get_stats(const struct unwind *u, struct unwind_stats *out)
{
	*out = u->stats;
}

/* The identity of the executable: it changes with every exec but one of
 * the same file, and then the new mappings trigger a refresh anyway. */
static int exe_identity(pid_t pid, dev_t *dev, ino_t *ino)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	if (stat(path, &st) != 0)
		return -errno;
	*dev = st.st_dev;
	*ino = st.st_ino;
	return 0;
}

int unwind_proc_refresh(struct unwind *u, struct unwind_proc *p,
			struct err *err)
{
	int rc;

	u->stats.reports++;
	dwfl_report_begin(p->dwfl);
	rc = dwfl_linux_proc_report(p->dwfl, p->pid);
	if (dwfl_report_end(p->dwfl, unwind_symbols_drop, NULL) != 0 && rc == 0)
		rc = -1;
	if (rc == ENOENT || rc == ESRCH)
		return -ESRCH;
	if (rc > 0)
		return err_set(err, EIO, "reading /proc/%d/maps: %s",
			       (int)p->pid, strerror(rc));
	if (rc < 0)
		return err_set(err, EIO, "reading /proc/%d/maps: %s",
			       (int)p->pid, unwind_dwfl_error());
	return 0;
}

static void evict_oldest(struct unwind *u)
{
	size_t i, oldest = 0;

	for (i = 1; i < u->nprocs; i++)
		if (u->procs[i].last_used < u->procs[oldest].last_used)
			oldest = i;
	proc_remove(u, oldest);
	u->stats.evictions++;
}

static int proc_create(struct unwind *u, pid_t pid, struct unwind_proc **out,
		       struct err *err)
{
	struct unwind_proc *p;
	dev_t dev;
	ino_t ino;
	int rc;

	rc = exe_identity(pid, &dev, &ino);
	if (rc == -ENOENT || rc == -ESRCH)
		return -ESRCH;
	if (rc < 0)
		return err_set(err, EIO, "reading /proc/%d/exe: %s", (int)pid,
			       strerror(-rc));
	if (u->nprocs == UNWIND_MAX_PROCESSES)
		evict_oldest(u);
	xgrow(&u->procs, &u->cap, u->nprocs + 1, sizeof(*u->procs));
	p = &u->procs[u->nprocs];
	*p = (struct unwind_proc){.pid = pid, .exe_dev = dev, .exe_ino = ino};
	p->dwfl = dwfl_begin(&u->callbacks);
	if (!p->dwfl)
		return err_set(err, ENOMEM, "libdw: %s", unwind_dwfl_error());
	u->nprocs++;
	u->stats.attaches++;
	rc = unwind_proc_refresh(u, p, err);
	if (rc < 0) {
		proc_remove(u, u->nprocs - 1);
		return rc;
	}
	*out = p;
	return 0;
}

int unwind_proc_get(struct unwind *u, pid_t pid, struct unwind_proc **out,
		    struct err *err)
{
	size_t i;
	int rc;

	u->clock++;
	for (i = 0; i < u->nprocs; i++) {
		struct unwind_proc *p = &u->procs[i];
		dev_t dev;
		ino_t ino;

		if (p->pid != pid)
			continue;
		if (exe_identity(pid, &dev, &ino) == 0 &&
		    (dev != p->exe_dev || ino != p->exe_ino)) {
			/* An exec nobody told us of: start afresh. */
			proc_remove(u, i);
			break;
		}
		p->last_used = u->clock;
		*out = p;
		return 0;
	}
	rc = proc_create(u, pid, out, err);
	if (rc == 0)
		(*out)->last_used = u->clock;
	return rc;
}

static int attach_ptrace(struct unwind_proc *p, struct err *err)
{
	/*
	 * assume_ptrace_stopped: libdw must neither PTRACE_ATTACH nor wait
	 * for the thread; we are its tracer and it is in a stop already.
	 */
	int rc = dwfl_linux_proc_attach(p->dwfl, p->pid, true);

	if (rc == ENOENT || rc == ESRCH)
		return -ESRCH;
	if (rc != 0)
		return err_set(err, EIO, "libdw cannot attach to %d: %s",
			       (int)p->pid,
			       rc > 0 ? strerror(rc) : unwind_dwfl_error());
	return 0;
}

int unwind_proc_attach(struct unwind *u, pid_t pid, enum unwind_attach how,
		       struct unwind_proc **out, struct err *err)
{
	struct unwind_proc *p;
	int rc;

	rc = unwind_proc_get(u, pid, &p, err);
	if (rc == 0 && p->attach != UNWIND_DETACHED && p->attach != how) {
		unwind_forget(u, pid);
		rc = unwind_proc_get(u, pid, &p, err);
	}
	if (rc < 0)
		return rc;
	if (p->attach != how) {
		rc = how == UNWIND_PTRACE ? attach_ptrace(p, err)
					  : unwind_blocked_attach(p, err);
		if (rc < 0)
			return rc;
		p->attach = how;
	}
	*out = p;
	return 0;
}
