// SPDX-License-Identifier: Apache-2.0
/*
 * A systemd unit drop-in: SystemCallFilter=, SystemCallErrorNumber=,
 * SystemCallArchitectures= (systemd.exec(5)), and SystemCallLog= for
 * calls the profile logs.
 *
 * systemd filters by name, with two shapes. An allow list (the profile
 * refuses by default): the listed calls run, every other one gets the
 * one SystemCallErrorNumber= (or kills the process), and systemd adds
 * its @default calls to the list whatever it says. A deny list (the
 * profile allows by default): each listed call fails with its own errno
 * ("~name:EPERM") or kills. Neither has argument conditions, TRAP,
 * NOTIFY, or per-call errnos in an allow list. Each call is judged by
 * eval (as the compiled filter), on the first ABI of the profile that
 * has it; what systemd cannot say is a problem, refused unless asked to
 * approximate, and then listed: widened (systemd allows it where the
 * profile refuses it at least sometimes) or changed (refused another
 * way).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/eval.h"
#include "seccompdbg/sysent.h"

#define MAX_NR 1024
#define WIDTH  76

/*
 * What systemd 252 always allows in an allow list: its @default set, as
 * `systemd-analyze syscall-filter @default` lists it (a unit test holds
 * this table to the installed systemd's answer).
 */
static const char *const systemd_default[] = {
	"arch_prctl",
	"brk",
	"cacheflush",
	"clock_getres",
	"clock_getres_time64",
	"clock_gettime",
	"clock_gettime64",
	"clock_nanosleep",
	"clock_nanosleep_time64",
	"execve",
	"exit",
	"exit_group",
	"futex",
	"futex_time64",
	"futex_waitv",
	"get_robust_list",
	"get_thread_area",
	"getegid",
	"getegid32",
	"geteuid",
	"geteuid32",
	"getgid",
	"getgid32",
	"getgroups",
	"getgroups32",
	"getpgid",
	"getpgrp",
	"getpid",
	"getppid",
	"getrandom",
	"getresgid",
	"getresgid32",
	"getresuid",
	"getresuid32",
	"getrlimit",
	"getsid",
	"gettid",
	"gettimeofday",
	"getuid",
	"getuid32",
	"membarrier",
	"mmap",
	"mmap2",
	"mprotect",
	"munmap",
	"nanosleep",
	"pause",
	"prlimit64",
	"restart_syscall",
	"riscv_flush_icache",
	"riscv_hwprobe",
	"rseq",
	"rt_sigreturn",
	"sched_getaffinity",
	"sched_yield",
	"set_robust_list",
	"set_thread_area",
	"set_tid_address",
	"set_tls",
	"sigreturn",
	"time",
	"ugetrlimit",
	"uretprobe",
};

/* systemd's names of the ABIs (SystemCallArchitectures=). */
static const struct {
	const char *scmp, *systemd;
} arch_names[] = {
	{"SCMP_ARCH_X86_64", "x86-64"},
	{"SCMP_ARCH_X86", "x86"},
	{"SCMP_ARCH_X32", "x32"},
	{"SCMP_ARCH_AARCH64", "arm64"},
	{"SCMP_ARCH_ARM", "arm"},
	{"SCMP_ARCH_MIPS", "mips"},
	{"SCMP_ARCH_MIPSEL", "mips-le"},
	{"SCMP_ARCH_MIPS64", "mips64"},
	{"SCMP_ARCH_MIPSEL64", "mips64-le"},
	{"SCMP_ARCH_MIPS64N32", "mips64-n32"},
	{"SCMP_ARCH_MIPSEL64N32", "mips64-le-n32"},
	{"SCMP_ARCH_PPC", "ppc"},
	{"SCMP_ARCH_PPC64", "ppc64"},
	{"SCMP_ARCH_PPC64LE", "ppc64-le"},
	{"SCMP_ARCH_S390", "s390"},
	{"SCMP_ARCH_S390X", "s390x"},
	{"SCMP_ARCH_PARISC", "parisc"},
	{"SCMP_ARCH_PARISC64", "parisc64"},
	{"SCMP_ARCH_RISCV64", "riscv64"},
	{"SCMP_ARCH_LOONGARCH64", "loongarch64"},
};

const char *const *export_systemd_default(size_t *n)
{
	*n = ARRAY_SIZE(systemd_default);
	return systemd_default;
}

static bool in_default(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(systemd_default); i++)
		if (!strcmp(systemd_default[i], name))
			return true;
	return false;
}

/* One call as the profile treats it. */
struct call {
	const char *name;
	bool conditional;	  /* the filter tests its arguments */
	bool sometimes;		  /* a rule naming it lets it run */
	struct profile_verdict v; /* for zero arguments */
};

struct job {
	const struct resolve_result *r;
	struct eval *e;
	bool approximate, allow_list;
	struct call *calls;
	size_t ncalls, cap;
	struct export_notes *notes;
	size_t problems, fatal;
	struct strbuf filter, log; /* the names and their errnos */
};

static bool seen(const struct job *j, const char *name)
{
	size_t i;

	for (i = 0; i < j->ncalls; i++)
		if (!strcmp(j->calls[i].name, name))
			return true;
	return false;
}

/* Whether a rule of R naming NAME lets it run. */
static bool allowed_by_a_rule(const struct resolve_result *r, const char *name)
{
	size_t i, k;

	for (i = 0; i < r->nrules; i++) {
		if (!profile_action_is_allow(r->rules[i].verdict.action))
			continue;
		for (k = 0; k < r->rules[i].nnames; k++)
			if (!strcmp(r->rules[i].names[k], name))
				return true;
	}
	return false;
}

/* Every named call of the profile's ABIs, judged on the first that has it. */
static void gather(struct job *j)
{
	static const uint64_t zero[6];
	struct eval_result ev;
	size_t a;
	unsigned i;

	for (a = 0; a < j->r->narches; a++) {
		for (i = 0; i < MAX_NR; i++) {
			uint32_t arch;
			int nr = sysent_call_nr(j->r->arches[a], i, &arch);
			const char *name = sysent_name(arch, nr);
			struct call *c;

			if (!name || seen(j, name))
				continue;
			xgrow(&j->calls, &j->cap, j->ncalls + 1,
			      sizeof(*j->calls));
			c = &j->calls[j->ncalls++];
			eval_call(j->e, arch, nr, zero, &ev);
			c->name = name;
			c->v = ev.verdict;
			c->conditional =
				eval_call_has_conditions(j->e, arch, nr);
			c->sometimes =
				c->conditional && allowed_by_a_rule(j->r, name);
		}
	}
}

static int by_name(const void *x, const void *y)
{
	return strcmp(((const struct call *)x)->name,
		      ((const struct call *)y)->name);
}

/* A problem: refused unless approximating, and then listed. */
static void problem(struct job *j, const char *what, const char *name,
		    const char *why)
{
	j->problems++;
	export_note(j->notes, "%s: %s: %s", what, name, why);
}

static void errno_text(uint32_t e, struct strbuf *out)
{
	const char *name = profile_errno_name(e);

	if (name)
		strbuf_adds(out, name);
	else
		strbuf_addf(out, "%u", e);
}

static bool kills(enum profile_action a)
{
	return a == PROFILE_ACT_KILL || a == PROFILE_ACT_KILL_THREAD ||
	       a == PROFILE_ACT_KILL_PROCESS;
}

/*
 * How systemd refuses as V does: "EPERM", "kill", or "ENOSYS" for TRACE
 * (with no tracer the kernel fails the call with ENOSYS). False for what
 * it cannot say (TRAP, NOTIFY).
 */
static bool refusal_text(const struct profile_verdict *v, struct strbuf *out)
{
	if (v->action == PROFILE_ACT_ERRNO)
		errno_text(v->data, out);
	else if (v->action == PROFILE_ACT_TRACE)
		strbuf_adds(out, "ENOSYS");
	else if (kills(v->action))
		strbuf_adds(out, "kill");
	else
		return false;
	return true;
}

static void add_word(struct strbuf *list, const char *word)
{
	strbuf_addf(list, "%s%s", list->len ? " " : "", word);
}

/* Another errno or action than the default's, in an allow list. */
static bool refused_otherwise(const struct resolve_result *r, const char *name,
			      const struct profile_verdict *d)
{
	size_t i, k;

	for (i = 0; i < r->nrules; i++) {
		const struct profile_verdict *v = &r->rules[i].verdict;

		if (profile_action_is_allow(v->action) ||
		    profile_verdict_equal(v, d))
			continue;
		for (k = 0; k < r->rules[i].nnames; k++)
			if (!strcmp(r->rules[i].names[k], name))
				return true;
	}
	return false;
}

/* In an allow list a refused call gets the default's errno (or kill). */
static void refused_as_default(struct job *j, const struct call *c)
{
	struct strbuf why = STRBUF_INIT, v = STRBUF_INIT, d = STRBUF_INIT;

	profile_verdict_format(&c->v, &v);
	profile_verdict_format(&j->r->default_verdict, &d);
	strbuf_addf(
		&why,
		"refused as %s instead of %s%s (an allow list has one errno for every refused call)",
		d.buf, v.buf, c->conditional ? " for some arguments" : "");
	problem(j, "changed", c->name, why.buf);
	strbuf_release(&why);
	strbuf_release(&v);
	strbuf_release(&d);
}

static void allow_list_call(struct job *j, const struct call *c)
{
	const struct profile_verdict *d = &j->r->default_verdict;
	bool runs = !c->conditional && profile_action_is_allow(c->v.action);

	if (c->conditional && c->sometimes) {
		problem(j, "widened", c->name,
			"allowed whatever its arguments (systemd has no argument conditions); the profile allows it only for some");
		runs = true;
	} else if (c->conditional ? refused_otherwise(j->r, c->name, d)
				  : !runs && !profile_verdict_equal(&c->v, d) &&
					    !(kills(c->v.action) &&
					      kills(d->action))) {
		refused_as_default(j, c);
	}
	if (runs) {
		add_word(&j->filter, c->name);
		if (c->v.action == PROFILE_ACT_LOG)
			add_word(&j->log, c->name);
	} else if (in_default(c->name)) {
		problem(j, "widened", c->name,
			"allowed (systemd always allows its @default calls)");
	}
}

static void deny_list_call(struct job *j, const struct call *c)
{
	struct strbuf word = STRBUF_INIT;

	if (c->conditional) {
		if (refused_otherwise(j->r, c->name, &j->r->default_verdict))
			problem(j, "widened", c->name,
				"allowed whatever its arguments (systemd has no argument conditions); the profile refuses it for some");
		return;
	}
	if (profile_action_is_allow(c->v.action)) {
		if (c->v.action == PROFILE_ACT_LOG)
			add_word(&j->log, c->name);
		return;
	}
	strbuf_addf(&word, "%s:", c->name);
	if (!refusal_text(&c->v, &word)) {
		if (c->v.action == PROFILE_ACT_NOTIFY) {
			j->fatal++;
			export_note(
				j->notes,
				"cannot: %s: SCMP_ACT_NOTIFY needs a seccomp agent, which systemd has none of",
				c->name);
		} else {
			problem(j, "changed", c->name,
				"kills the process (SCMP_ACT_TRAP's SIGSYS cannot be said)");
		}
		strbuf_reset(&word);
		strbuf_addf(&word, "%s:kill", c->name);
	}
	add_word(&j->filter, word.buf);
	strbuf_release(&word);
}

/* KEY=WORDS, in lines of at most WIDTH (repeated assignments add up);
   PREFIX starts each line's list ("~" for a deny list). */
static void assignments(const char *key, const char *prefix, const char *words,
			struct strbuf *out)
{
	const char *p = words, *end;
	size_t start;

	while (*p) {
		start = out->len;
		strbuf_addf(out, "%s=%s", key, prefix);
		for (; *p; p = *end ? end + 1 : end) {
			end = strchrnul(p, ' ');
			if (out->len >
				    start + strlen(key) + 1 + strlen(prefix) &&
			    out->len - start + 1 + (size_t)(end - p) > WIDTH)
				break;
			if (out->buf[out->len - 1] != '=' &&
			    out->buf[out->len - 1] != '~')
				strbuf_addc(out, ' ');
			strbuf_add(out, p, (size_t)(end - p));
		}
		strbuf_addc(out, '\n');
	}
}

static void architectures(const struct resolve_result *r, struct strbuf *out)
{
	struct strbuf words = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < r->narches; i++) {
		const char *scmp = sysent_arch_by_token(r->arches[i])->scmp;

		for (k = 0; k < ARRAY_SIZE(arch_names); k++)
			if (!strcmp(arch_names[k].scmp, scmp))
				add_word(&words, arch_names[k].systemd);
	}
	assignments("SystemCallArchitectures", "", words.buf ? words.buf : "",
		    out);
	strbuf_release(&words);
}

/* The default of an allow list: SystemCallErrorNumber=, or none (kill). */
static void default_refusal(struct job *j, struct strbuf *out)
{
	const struct profile_verdict *d = &j->r->default_verdict;
	struct strbuf text = STRBUF_INIT;

	if (d->action == PROFILE_ACT_NOTIFY) {
		j->fatal++;
		export_note(
			j->notes,
			"cannot: defaultAction SCMP_ACT_NOTIFY needs a seccomp agent, which systemd has none of");
	} else if (d->action == PROFILE_ACT_TRAP) {
		problem(j, "changed", "defaultAction",
			"refused calls kill the process (SCMP_ACT_TRAP's SIGSYS cannot be said)");
	} else if (d->action == PROFILE_ACT_ERRNO && !d->data) {
		j->fatal++;
		export_note(
			j->notes,
			"cannot: defaultAction SCMP_ACT_ERRNO(0): SystemCallErrorNumber= takes 1 to 4095");
	} else if (refusal_text(d, &text) && strcmp(text.buf, "kill")) {
		if (d->action == PROFILE_ACT_TRACE)
			export_note(
				j->notes,
				"note: defaultAction SCMP_ACT_TRACE: with no tracer the kernel fails the call with ENOSYS, as SystemCallErrorNumber=ENOSYS does");
		strbuf_addf(out, "SystemCallErrorNumber=%s\n", text.buf);
	}
	if (d->action == PROFILE_ACT_KILL ||
	    d->action == PROFILE_ACT_KILL_THREAD)
		export_note(
			j->notes,
			"note: refused calls kill the whole process under systemd; the profile kills the thread");
	strbuf_release(&text);
}

static void body(struct job *j, struct strbuf *out)
{
	size_t i;

	qsort(j->calls, j->ncalls, sizeof(*j->calls), by_name);
	for (i = 0; i < j->ncalls; i++) {
		if (j->allow_list)
			allow_list_call(j, &j->calls[i]);
		else
			deny_list_call(j, &j->calls[i]);
	}
	/* an empty SystemCallFilter= would reset the filter: allow only
	   what systemd allows anyway */
	if (j->allow_list && !j->filter.len)
		add_word(&j->filter, "@default");
	strbuf_adds(out, "[Service]\n");
	architectures(j->r, out);
	if (j->allow_list)
		default_refusal(j, out);
	assignments("SystemCallFilter", j->allow_list ? "" : "~",
		    strbuf_str(&j->filter), out);
	assignments("SystemCallLog", "", strbuf_str(&j->log), out);
}

int export_systemd(const struct resolve_result *r, bool approximate,
		   struct strbuf *out, struct export_notes *notes,
		   struct err *err)
{
	struct job j = {.r = r, .approximate = approximate, .notes = notes};
	int rc = 0;

	j.allow_list = !profile_action_is_allow(r->default_verdict.action);
	if (r->default_verdict.action == PROFILE_ACT_LOG)
		problem(&j, "changed", "defaultAction",
			"calls run without being logged (SCMP_ACT_LOG for every call cannot be said)");
	j.e = eval_new(r);
	gather(&j);
	body(&j, out);
	if (r->profile->has_flags && r->profile->nflags)
		export_note(
			notes,
			"note: flags left out: systemd loads its filters with its own");
	export_note(
		notes,
		"note: calls of other ABIs than SystemCallArchitectures= kill the process (runc: the thread)");
	if (j.fatal)
		rc = err_set(
			err, EINVAL,
			"%s: systemd cannot say what the profile does (see the lines starting with 'cannot:')",
			r->profile->file);
	else if (j.problems && !approximate)
		rc = err_set(
			err, EINVAL,
			"%s: systemd cannot say %zu thing%s of the profile exactly (listed above); --approximate writes the nearest drop-in, widening or changing them",
			r->profile->file, j.problems,
			j.problems == 1 ? "" : "s");
	eval_free(j.e);
	free(j.calls);
	strbuf_release(&j.filter);
	strbuf_release(&j.log);
	return rc;
}
