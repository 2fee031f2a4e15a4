// SPDX-License-Identifier: Apache-2.0
/*
 * Processes: clone's flags with the exit signal in their low byte,
 * clone3's struct clone_args, signals and signal sets, capability headers
 * and sets, timespecs, execve's argv and envp, and the sub-signatures of
 * prctl and ptrace, whose first argument chooses what the others are.
 */
#include <inttypes.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>

#include "internal.h"

#define A(k)	 SYSENT_ARG_##k
#define ARGV_MAX 32
#define ENVP_MAX 1024

static void print_signame(struct decode_ctx *c, unsigned sig, bool prefix)
{
	const char *name = decode_xlat_name(&decode_xlat_signals, sig);

	/* The kernel's real-time signals start at 32 (glibc keeps two). */
	if (name)
		strbuf_adds(c->out, prefix ? name : name + 3);
	else if (sig == 32)
		strbuf_adds(c->out, prefix ? "SIGRTMIN" : "RTMIN");
	else if (sig > 32 && sig <= 64)
		strbuf_addf(c->out, "%sRT_%u", prefix ? "SIG" : "", sig - 32);
	else
		strbuf_addf(c->out, "%u", sig);
}

bool decode_proc_signum(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	if ((int32_t)v < 0)
		strbuf_addf(c->out, "%d", (int32_t)v);
	else
		print_signame(c, (uint32_t)v, true);
	return true;
}

/* [INT TERM]; a set of more than half the signals as ~[...] (strace). */
bool decode_proc_sigset(struct decode_ctx *c, unsigned i, uint64_t v)
{
	uint64_t set;
	unsigned sig;
	bool first = true, inverted;

	(void)i;
	if (!v || !decode_read(c, v, &set, sizeof(set))) {
		decode_print_addr(c, v);
		return true;
	}
	inverted = __builtin_popcountll(set) > 32;
	if (inverted)
		set = ~set;
	strbuf_adds(c->out, inverted ? "~[" : "[");
	for (sig = 1; sig <= 64; sig++) {
		if (!(set & (1ull << (sig - 1))))
			continue;
		if (!first)
			strbuf_addc(c->out, ' ');
		first = false;
		print_signame(c, sig, false);
	}
	strbuf_addc(c->out, ']');
	return true;
}

bool decode_proc_clone_flags(struct decode_ctx *c, unsigned i, uint64_t v)
{
	uint64_t flags = v & ~0xffull;
	unsigned sig = v & 0xff;

	(void)i;
	if (flags || !sig)
		decode_print_xlat(c, &decode_xlat_clone_flags, flags);
	if (sig) {
		if (flags)
			strbuf_addc(c->out, '|');
		print_signame(c, sig, true);
	}
	return true;
}

static const struct decode_field clone_args_fields[] = {
	{"flags", 0, 8, A(NS_FLAGS), true},
	{"pidfd", 8, 8, A(ADDR), false},
	{"child_tid", 16, 8, A(ADDR), false},
	{"parent_tid", 24, 8, A(ADDR), false},
	{"exit_signal", 32, 8, A(SIGNUM), true},
	{"stack", 40, 8, A(ADDR), false},
	{"stack_size", 48, 8, A(HEX), false},
	{"tls", 56, 8, A(ADDR), false},
	{"set_tid", 64, 8, A(ADDR), false},
	{"set_tid_size", 72, 8, A(ULONG), false},
	{"cgroup", 80, 8, A(INT), false},
};

/* clone3's struct clone_args; older programs pass shorter versions. */
const struct decode_struct decode_proc_clone_args = {
	clone_args_fields, ARRAY_SIZE(clone_args_fields), 88, true};

static bool print_timespec(struct decode_ctx *c, uint64_t v, bool wide)
{
	int64_t t64[2];
	int32_t t32[2];

	if (!v || !decode_read(c, v, wide ? (void *)t64 : (void *)t32,
			       wide ? sizeof(t64) : sizeof(t32))) {
		decode_print_addr(c, v);
		return true;
	}
	if (!wide) {
		t64[0] = t32[0];
		t64[1] = t32[1];
	}
	strbuf_addf(c->out, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", t64[0],
		    t64[1]);
	return true;
}

/* struct timespec of the ABI: two longs (32-bit ones on i386). */
bool decode_proc_timespec(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	return print_timespec(c, v, !c->reg32);
}

/* The *_time64 calls of 32-bit ABIs: two 64-bit fields everywhere. */
bool decode_proc_timespec64(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	return print_timespec(c, v, true);
}

bool decode_proc_argv(struct decode_ctx *c, unsigned i, uint64_t v)
{
	size_t step = c->ptr32 ? 4 : 8, k;
	uint64_t p;

	(void)i;
	if (!v || !decode_read_word(c, v, &p)) {
		decode_print_addr(c, v);
		return true;
	}
	strbuf_addc(c->out, '[');
	for (k = 0; p; k++) {
		if (k)
			strbuf_adds(c->out, ", ");
		if (k == ARGV_MAX) {
			strbuf_adds(c->out, "...");
			break;
		}
		decode_print_str(c, p);
		if (!decode_read_word(c, v + (k + 1) * step, &p)) {
			strbuf_adds(c->out, ", ...");
			break;
		}
	}
	strbuf_addc(c->out, ']');
	return true;
}

/* The environment is shown as its size, like strace's default. */
bool decode_proc_envp(struct decode_ctx *c, unsigned i, uint64_t v)
{
	size_t step = c->ptr32 ? 4 : 8, n = 0;
	uint64_t p = 1;

	(void)i;
	decode_print_addr(c, v);
	if (!v)
		return true;
	while (n < ENVP_MAX && decode_read_word(c, v + n * step, &p) && p)
		n++;
	strbuf_addf(c->out, " /* %zu%s var%s */", n, p ? "+" : "",
		    n == 1 && !p ? "" : "s");
	return true;
}

static const struct decode_field cap_header_fields[] = {
	{"version", 0, 4, A(CAP_VERSION), true},
	{"pid", 4, 4, A(PID), true},
};

const struct decode_struct decode_proc_cap_header = {
	cap_header_fields, ARRAY_SIZE(cap_header_fields), 8, false};

static void print_capset(struct decode_ctx *c, uint64_t set)
{
	unsigned cap;
	bool first = true;

	for (cap = 0; cap < 64; cap++) {
		const char *name;

		if (!(set & (1ull << cap)))
			continue;
		if (!first)
			strbuf_addc(c->out, '|');
		first = false;
		name = decode_xlat_name(&decode_xlat_caps, cap);
		if (name)
			strbuf_adds(c->out, name);
		else
			strbuf_addf(c->out, "1<<%u", cap);
	}
	if (first)
		strbuf_addc(c->out, '0');
}

/* capset's data: one or two {effective, permitted, inheritable} words. */
bool decode_proc_cap_data(struct decode_ctx *c, unsigned i, uint64_t v)
{
	static const char *const names[] = {"effective", "permitted",
					    "inheritable"};
	uint32_t version = 0, data[6] = {0}, k;
	size_t words;

	(void)i;
	if (c->args[0])
		decode_read(c, c->args[0], &version, sizeof(version));
	words = version == 0x19980330 ? 3 : 6; /* v1 had 32-bit sets */
	if (!v || !decode_read(c, v, data, words * 4)) {
		decode_print_addr(c, v);
		return true;
	}
	strbuf_addc(c->out, '{');
	for (k = 0; k < 3; k++) {
		strbuf_addf(c->out, "%s%s=", k ? ", " : "", names[k]);
		print_capset(c, data[k] | (uint64_t)data[k + 3] << 32);
	}
	strbuf_addc(c->out, '}');
	return true;
}

static const struct decode_subsig prctl_subs[] = {
	{PR_SET_PDEATHSIG, 4, {A(SIGNUM)}},
	{PR_GET_PDEATHSIG, 4, {A(PTR)}},
	{PR_SET_DUMPABLE, 4, {A(INT)}},
	{PR_SET_KEEPCAPS, 4, {A(INT)}},
	{PR_SET_NAME, 4, {A(STR)}},
	{PR_GET_NAME, 4, {A(PTR)}},
	{PR_SET_SECCOMP, 4, {A(SECCOMP_MODE), A(PTR)}},
	{PR_CAPBSET_READ, 4, {A(CAP)}},
	{PR_CAPBSET_DROP, 4, {A(CAP)}},
	{PR_SET_TIMERSLACK, 4, {A(ULONG)}},
	{PR_SET_CHILD_SUBREAPER, 4, {A(INT)}},
	{PR_GET_CHILD_SUBREAPER, 4, {A(PTR)}},
	{PR_SET_NO_NEW_PRIVS, 4, {A(INT)}},
	{PR_GET_TID_ADDRESS, 4, {A(PTR)}},
	{PR_SET_THP_DISABLE, 4, {A(INT)}},
	{PR_CAP_AMBIENT, 4, {A(CAP_AMBIENT_OP), A(CAP)}},
	{PR_SET_PTRACER, 4, {A(PID)}},
	{PR_SET_VMA, 4, {A(HEX), A(ADDR), A(ULONG), A(STR)}},
};

static const struct decode_mux prctl_mux = {
	0, prctl_subs, ARRAY_SIZE(prctl_subs), {0, 4, {0}}};

enum sysent_arg decode_proc_prctl_arg(const struct decode_ctx *c, unsigned i)
{
	return decode_mux_resolve(&prctl_mux, c, i);
}

/* The resuming requests take a signal to deliver as their data. */
static const struct decode_subsig ptrace_subs[] = {
	{PTRACE_TRACEME, 0, {0}},
	{PTRACE_ATTACH, 1, {A(PID)}},
	{PTRACE_KILL, 1, {A(PID)}},
	{PTRACE_INTERRUPT, 1, {A(PID)}},
	{PTRACE_SEIZE, 3, {A(PID), A(HEX), A(PTRACE_OPTIONS)}},
	{PTRACE_SETOPTIONS, 3, {A(PID), A(HEX), A(PTRACE_OPTIONS)}},
	{PTRACE_POKETEXT, 3, {A(PID), A(ADDR), A(HEX)}},
	{PTRACE_POKEDATA, 3, {A(PID), A(ADDR), A(HEX)}},
	{PTRACE_POKEUSER, 3, {A(PID), A(HEX), A(HEX)}},
	{PTRACE_CONT, 3, {A(PID), A(HEX), A(SIGNUM)}},
	{PTRACE_SYSCALL, 3, {A(PID), A(HEX), A(SIGNUM)}},
	{PTRACE_SINGLESTEP, 3, {A(PID), A(HEX), A(SIGNUM)}},
	{PTRACE_SYSEMU, 3, {A(PID), A(HEX), A(SIGNUM)}},
	{PTRACE_SYSEMU_SINGLESTEP, 3, {A(PID), A(HEX), A(SIGNUM)}},
	{PTRACE_DETACH, 3, {A(PID), A(HEX), A(SIGNUM)}},
	{PTRACE_LISTEN, 3, {A(PID), A(HEX), A(SIGNUM)}},
};

static const struct decode_mux ptrace_mux = {
	0,
	ptrace_subs,
	ARRAY_SIZE(ptrace_subs),
	{0, 3, {A(PID), A(ADDR), A(ADDR)}}};

enum sysent_arg decode_proc_ptrace_arg(const struct decode_ctx *c, unsigned i)
{
	return decode_mux_resolve(&ptrace_mux, c, i);
}
