// SPDX-License-Identifier: Apache-2.0
/*
 * from-strace: which system calls the profile allows, and the report's
 * words about them and about the profile.
 *
 * The allow list is every call the logs show on any ABI (names that only
 * i386 has, mmap2 or socketcall, stay: libseccomp places them on the x86
 * filter) plus a baseline from why_baseline(). Everything in the report that came from a log
 * was escaped by stracelog; paths from the command line are escaped here.
 */
#include <stdlib.h>
#include <string.h>

#include "from_strace.h"
#include "seccompdbg/sysent.h"
#include "seccompdbg/why.h"

static int cmp_name(const void *a, const void *b)
{
	const struct cli_strace_name *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static const struct cli_strace_name *
find_name(const struct cli_strace_name *names, size_t n, const char *name)
{
	struct cli_strace_name key = {.name = name};

	return bsearch(&key, names, n, sizeof(*names), cmp_name);
}

/* NAMES (sorted) has one of NEED's calls, seen in the logs. */
static bool is_met(const struct cli_strace_name *names, size_t n,
		   const struct why_need *need)
{
	const struct cli_strace_name *nm;
	size_t i;

	for (i = 0; need->names[i]; i++) {
		nm = find_name(names, n, need->names[i]);
		if (nm && nm->seen)
			return true;
	}
	return false;
}

/*
 * The baseline is why's list of what nearly every program needs on every
 * architecture (execve or execveat, exit, exit_group, rt_sigreturn,
 * restart_syscall; minijail's policy generator adds the last four too).
 * Logs lack them easily: strace prints exit_group without a result, so
 * strace -c and scrapers miss it; a run that took no signal, started no
 * thread or was not stopped shows no rt_sigreturn, exit or
 * restart_syscall; a log of strace -p starts after the execve the
 * runtime makes once the filter is in.
 */
static bool is_baseline(const struct why_need *need)
{
	return need->arch == 0;
}

/* Sort V and merge repeats; returns how many are left. */
static size_t sort_unique(struct cli_strace_name *v, size_t k)
{
	size_t i, out = 0;

	qsort(v, k, sizeof(*v), cmp_name);
	for (i = 0; i < k; i++) {
		if (out && !strcmp(v[out - 1].name, v[i].name))
			v[out - 1].seen |= v[i].seen;
		else
			v[out++] = v[i];
	}
	return out;
}

struct cli_strace_name *cli_strace_names(const struct stracelog *log,
					 bool with_baseline, size_t *n)
{
	const struct stracelog_syscall *c = NULL;
	const struct why_need *needs;
	struct cli_strace_name *v;
	size_t nc, nneeds, i, k = 0, seen;

	c = stracelog_syscalls(log, &nc);
	needs = why_baseline(&nneeds);
	v = xcalloc(nc + nneeds, sizeof(*v));
	for (i = 0; i < nc; i++)
		v[k++] = (struct cli_strace_name){.name = c[i].name,
						  .seen = true};
	seen = sort_unique(v, k);
	k = seen;
	/* a need none of whose calls is in the logs: its first, usual one */
	for (i = 0; with_baseline && i < nneeds; i++)
		if (is_baseline(&needs[i]) && !is_met(v, seen, &needs[i]))
			v[k++] = (struct cli_strace_name){
				.name = needs[i].names[0]};
	*n = sort_unique(v, k);
	return v;
}

/* TEXT after column COL, in lines of at most 78 columns (a word
 * longer than a line gets its own), each new one indented as far. */
static void add_wrapped(struct strbuf *rep, const char *text, size_t col)
{
	size_t at = col, len;

	while (*text) {
		len = strcspn(text, " ");
		if (at > col && at + 1 + len > 78) {
			strbuf_addf(rep, "\n%*s", (int)col, "");
			at = col;
		}
		strbuf_adds(rep, " ");
		strbuf_add(rep, text, len);
		at += 1 + len;
		text += len + strspn(text + len, " ");
	}
	strbuf_addc(rep, '\n');
}

/* NEED's calls: "execve or execveat". */
static void add_need(struct strbuf *rep, const struct why_need *need)
{
	size_t i;

	for (i = 0; need->names[i]; i++)
		strbuf_addf(rep, "%s%s", i ? " or " : "", need->names[i]);
}

/* The baseline calls the logs lack: allowed all the same (the first of
 * each need), or with --no-baseline left out. */
static void report_baseline(const struct cli_strace_name *names, size_t n,
			    bool no_baseline, struct strbuf *rep)
{
	size_t i, nneeds, shown = 0;
	const struct why_need *needs = why_baseline(&nneeds);

	for (i = 0; i < nneeds; i++) {
		if (!is_baseline(&needs[i]) || is_met(names, n, &needs[i]))
			continue;
		if (!shown++)
			strbuf_adds(
				rep,
				no_baseline
					? "baseline: left out (--no-baseline), though the logs lack them:\n"
					: "baseline: allowed too, though the logs lack them (see --no-baseline):\n");
		strbuf_addf(rep, "  %-16s", needs[i].names[0]);
		add_wrapped(rep, needs[i].reason, 18);
	}
	if (shown)
		return;
	strbuf_adds(rep, "baseline: the logs show ");
	for (i = 0; i < nneeds; i++) {
		if (!is_baseline(&needs[i]))
			continue;
		strbuf_adds(rep, shown++ ? ", " : "");
		add_need(rep, &needs[i]);
	}
	strbuf_adds(rep, ": all a program needs everywhere\n");
}

/* A user's path in the report, escaped like everything else there. */
static void add_path(struct strbuf *rep, const char *path)
{
	escape_c(rep, path, strlen(path));
}

/* P refuses nothing of A for being the wrong ABI. A profile listing no
 * architecture is loaded for the host's ABI alone. */
static bool covers(const struct profile *p, const struct sysent_arch *a)
{
	size_t i, j;

	if (!p->narchitectures && !p->narchmap)
		return a == sysent_arch_native();
	for (i = 0; i < p->narchitectures; i++)
		if (!strcmp(p->architectures[i], a->scmp))
			return true;
	for (i = 0; i < p->narchmap; i++) {
		if (!strcmp(p->archmap[i].arch, a->scmp))
			return true;
		for (j = 0; j < p->archmap[i].nsubs; j++)
			if (!strcmp(p->archmap[i].subs[j], a->scmp))
				return true;
	}
	return false;
}

/* The profile's ABIs, and a warning for each ABI of the logs it lacks. */
static void report_arches(const struct stracelog *log, const struct profile *p,
			  struct strbuf *rep)
{
	const struct stracelog_syscall *c;
	size_t i, nc;

	strbuf_adds(rep, "architectures:");
	for (i = 0; i < p->narchitectures; i++) {
		strbuf_addc(rep, ' ');
		add_path(rep, p->architectures[i]);
	}
	if (!p->narchitectures)
		strbuf_adds(rep, p->narchmap ? " those of its archMap"
					     : " none listed: the host's");
	strbuf_addc(rep, '\n');
	c = stracelog_syscalls(log, &nc);
	for (i = 0; i < nc; i++) {
		if ((i && c[i - 1].arch == c[i].arch) || covers(p, c[i].arch))
			continue;
		strbuf_addf(
			rep,
			"warning: the logs ran as %s, which the profile does not list: the filter refuses every call made as %s (add %s to its architectures)\n",
			c[i].arch->name, c[i].arch->name, c[i].arch->scmp);
	}
}

/* "a, b, c" wrapped under a two-space indent. */
static void add_list(struct strbuf *rep, const struct cli_strace_name *names,
		     size_t n, bool added)
{
	size_t i, col = 0;

	for (i = 0; i < n; i++) {
		if (names[i].added != added)
			continue;
		if (!col || col + strlen(names[i].name) > 72) {
			strbuf_adds(rep, col ? "\n  " : "  ");
			col = 2;
		} else {
			strbuf_addc(rep, ' ');
			col++;
		}
		strbuf_adds(rep, names[i].name);
		col += strlen(names[i].name);
	}
	if (col)
		strbuf_addc(rep, '\n');
}

void cli_strace_report_profile(const char *base, bool no_baseline,
			       const struct stracelog *log,
			       const struct profile *p,
			       const struct cli_strace_name *names, size_t n,
			       struct strbuf *rep)
{
	size_t i, added = 0, seen = 0;

	report_baseline(names, n, no_baseline, rep);
	for (i = 0; i < n; i++) {
		added += names[i].added;
		seen += names[i].seen;
	}
	if (base) {
		strbuf_addf(rep, "allowed: %zu system call%s added to ", added,
			    added == 1 ? "" : "s");
		add_path(rep, base);
		strbuf_addf(rep, " (%s), %zu allowed there already\n",
			    profile_format_name(p->format), n - added);
		add_list(rep, names, n, true);
	} else {
		strbuf_addf(
			rep,
			"allowed: %zu system calls in one rule (%zu from the logs, %zu baseline)\ndefault: every other call fails with EPERM (%s format)\n",
			n, seen, n - seen, profile_format_name(p->format));
	}
	report_arches(log, p, rep);
}

void cli_strace_report_next(const char *out, const struct stracelog *log,
			    struct strbuf *rep)
{
	const struct stracelog_process *procs;
	size_t n;

	strbuf_adds(rep, "written: ");
	if (out)
		add_path(rep, out);
	else
		strbuf_adds(rep, "to standard output");
	strbuf_adds(rep, "\nnext: seccompdbg run -p ");
	if (out)
		add_path(rep, out);
	else
		strbuf_adds(rep, "PROFILE");
	strbuf_adds(rep, " -- CMD [ARG...]");
	procs = stracelog_processes(log, &n);
	if (n && procs[0].exe)
		strbuf_addf(rep, " (the logs ran %s)", procs[0].exe);
	strbuf_adds(
		rep,
		"\n  runs it under the profile and stops at each call the profile refuses, to\n  allow or deny it: what strace could not see (other paths and inputs,\n"
		"  error handling, what a program does when it is not traced)\n");
}
