// SPDX-License-Identifier: Apache-2.0
/*
 * The results as data (for from-strace, which writes the profile) and as
 * a plain-text report for a person. Every string in the report that came
 * from a log was escaped when it was stored; the report adds only its
 * own words.
 */
#include <assert.h>
#include <string.h>

#include "internal.h"

/* Examples shown per report; the rest are only counted. */
#define REPORT_EXAMPLES 8

static const char *const class_names[STRACELOG_NCLASSES] = {
	[STRACELOG_LINE_CALL] = "call",
	[STRACELOG_LINE_RESUMED] = "resumed call",
	[STRACELOG_LINE_CONTINUATION] = "rest of a split call line",
	[STRACELOG_LINE_SIGNAL] = "signal",
	[STRACELOG_LINE_EXIT] = "process exit",
	[STRACELOG_LINE_PERSONALITY] = "ABI switch",
	[STRACELOG_LINE_STACK] = "stack trace (-k)",
	[STRACELOG_LINE_STRACE] = "strace message",
	[STRACELOG_LINE_SUMMARY] = "summary table (-c)",
	[STRACELOG_LINE_BLANK] = "blank",
	[STRACELOG_LINE_TEXT] = "not strace's (program output?)",
	[STRACELOG_LINE_INSIDE_CALL] = "program output inside a call line",
	[STRACELOG_LINE_UNKNOWN_NAME] = "unknown system call name",
	[STRACELOG_LINE_BINARY] = "binary garbage",
	[STRACELOG_LINE_TOO_LONG] = "too long",
};

const struct stracelog_syscall *stracelog_syscalls(const struct stracelog *log,
						   size_t *n)
{
	assert(log->finished);
	*n = log->ncalls;
	return log->calls;
}

const struct stracelog_syscall *stracelog_find(const struct stracelog *log,
					       uint32_t arch, const char *name)
{
	size_t i;

	for (i = 0; i < log->ncalls; i++)
		if (log->calls[i].arch->token == arch &&
		    !strcmp(log->calls[i].name, name))
			return &log->calls[i];
	return NULL;
}

const struct stracelog_process *stracelog_processes(const struct stracelog *log,
						    size_t *n)
{
	assert(log->finished);
	*n = log->nprocs;
	return log->pub;
}

const struct stracelog_stats *stracelog_stats(const struct stracelog *log)
{
	return &log->stats;
}

const struct stracelog_note *stracelog_notes(const struct stracelog *log,
					     size_t *n)
{
	assert(log->finished);
	*n = log->nnotes;
	return log->notes;
}

static void report_calls(const struct stracelog *log, struct strbuf *out)
{
	size_t i, j, n;

	for (i = 0; i < log->ncalls; i = j) {
		const struct sysent_arch *a = log->calls[i].arch;
		unsigned long total = 0;

		for (j = i; j < log->ncalls && log->calls[j].arch == a; j++)
			total += log->calls[j].calls;
		n = j - i;
		strbuf_addf(out, "%s: %zu system call%s, %lu call%s\n", a->name,
			    n, n == 1 ? "" : "s", total, total == 1 ? "" : "s");
		for (j = i; j < log->ncalls && log->calls[j].arch == a; j++) {
			const struct stracelog_syscall *c = &log->calls[j];

			strbuf_addf(out, "  %-24s %8lu", c->name, c->calls);
			if (c->failed)
				strbuf_addf(out, "  (%lu failed)", c->failed);
			strbuf_addc(out, '\n');
		}
	}
}

static void report_ignored(const struct stracelog *log, struct strbuf *out)
{
	size_t i;

	if (!log->stats.ignored)
		return;
	strbuf_addf(out, "ignored lines: %lu\n", log->stats.ignored);
	for (i = STRACELOG_FIRST_IGNORED; i < STRACELOG_NCLASSES; i++)
		if (log->stats.by_class[i])
			strbuf_addf(out, "  %-40s %8lu\n", class_names[i],
				    log->stats.by_class[i]);
	for (i = 0; i < log->nexamples && i < REPORT_EXAMPLES; i++)
		strbuf_addf(out, "  %s:%lu: \"%s\"\n", log->examples[i].file,
			    log->examples[i].line, log->examples[i].text);
}

static void report_notes(const struct stracelog *log, struct strbuf *out)
{
	size_t i;

	if (!log->nnotes)
		return;
	strbuf_adds(out, "notes:\n");
	for (i = 0; i < log->nnotes; i++) {
		const struct stracelog_note *n = &log->notes[i];

		strbuf_addf(out, "  %s: ",
			    n->severity == STRACELOG_WARNING ? "warning"
							     : "info");
		if (n->file)
			strbuf_addf(out, "%s:%lu: ", n->file, n->line);
		strbuf_addf(out, "%s\n", n->text);
	}
	if (log->stats.dropped_notes)
		strbuf_addf(out, "  (%lu more notes not shown)\n",
			    log->stats.dropped_notes);
}

void stracelog_report(const struct stracelog *log, struct strbuf *out)
{
	assert(log->finished);
	strbuf_addf(out, "read %lu file%s, %lu lines, %zu process%s\n",
		    log->stats.files, log->stats.files == 1 ? "" : "s",
		    log->stats.lines, log->nprocs,
		    log->nprocs == 1 ? "" : "es");
	report_calls(log, out);
	report_ignored(log, out);
	report_notes(log, out);
}
