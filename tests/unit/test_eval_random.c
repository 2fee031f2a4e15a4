// SPDX-License-Identifier: Apache-2.0
/*
 * eval against the compiled BPF on generated rule sets: many seeded
 * random rule sets whose conditions overlap (the same arguments, the
 * same values, every operator, 64-bit values on 32-bit architectures),
 * each judged on many calls by eval and by the interpreter running the
 * original, TRACE, TRAP and NOTIFY programs. They must agree on every
 * call. This is what holds eval's reading of libseccomp to the truth.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stdlib.h>

#include "seccompdbg/sysent.h"
#include "test.h"
#include "test_eval_rules.h"

#define CALLS_PER_SET 150

/* Calls of the rule set's names (and one it does not name) on ARCHES. */
static void call_random(struct trand *t, const struct trand_spec *spec,
			const struct resolve_result *r, struct tcall *c)
{
	static const uint32_t extra_arches[] = {
		AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64};
	size_t pick = trand_below(t, spec->narches + 2);
	const char *name;

	c->arch = pick < spec->narches ? spec->arches[pick]
				       : extra_arches[trand_below(t, 3)];
	/* x32 calls come as x86_64 with the x32 bit. */
	if (c->arch == sysent_arch_by_scmp("SCMP_ARCH_X32")->token &&
	    trand_below(t, 4))
		c->arch = AUDIT_ARCH_X86_64;
	name = spec->names[trand_below(t, spec->nnames)];
	c->nr = sysent_nr(c->arch, name);
	if (c->arch == AUDIT_ARCH_X86_64 && trand_below(t, 5) == 0)
		c->nr = sysent_nr(sysent_arch_by_scmp("SCMP_ARCH_X32")->token,
				  name);
	if (trand_below(t, 8) == 0)
		c->nr = trand_below(t, 2) ? -1 : (int)trand_below(t, 600);
	trand_args(t, r, c->args);
}

/*
 * Run SETS rule sets of SPEC from SEED. Rule sets libseccomp refuses
 * (conflicting rules) are counted: they must be refused in every mode.
 */
static void agreement_run(uint64_t seed, const struct trand_spec *spec,
			  size_t sets, size_t *compiled, size_t *hangs)
{
	struct strbuf why = STRBUF_INIT;
	size_t s, i, failures = 0;
	int rc;

	*compiled = 0;
	*hangs = 0;
	for (s = 0; s < sets && failures < 3; s++) {
		/* Each set from its own seed, to replay one alone. */
		struct trand t = {seed ^ (s << 32)};
		struct resolve_result *r = trand_ruleset(&t, spec);
		struct err err = {""};
		struct tfilters f;
		struct tcall c;

		rc = tfilters_init(&f, r, &err);
		if (rc == -ETIME)
			(*hangs)++;
		if (rc < 0) {
			/* Refused in the original mode means refused in all. */
			if (rc != -ETIME)
				CHECK_CONTAINS(err.msg, "earlier rule");
			tfilters_release(&f);
			tset_free(r);
			continue;
		}
		(*compiled)++;
		for (i = 0; i < CALLS_PER_SET; i++) {
			call_random(&t, spec, r, &c);
			strbuf_reset(&why);
			if (!tfilters_agree(&f, &c, &why)) {
				test_fail(__FILE__, __LINE__,
					  "seed %#llx set %zu: %s",
					  (unsigned long long)seed, s,
					  strbuf_str(&why));
				failures++;
				break;
			}
		}
		tfilters_release(&f);
		tset_free(r);
	}
	strbuf_release(&why);
}

static void agreement(uint64_t seed, const struct trand_spec *spec, size_t sets)
{
	size_t compiled, hangs;

	sets = test_scaled(sets);
	agreement_run(seed, spec, sets, &compiled, &hangs);
	printf("    %zu of %zu sets compiled, %zu would hang libseccomp\n",
	       compiled, sets, hangs);
	/* Conflicting rules (EEXIST) are common, more so with sockets on
	   x86 (socketcall gathers them), but most sets compile. */
	CHECK(compiled > sets / 3);
}

static const char *const one_call[] = {"getppid"};
static const char *const few_calls[] = {"getppid", "getpid", "read"};

TEST(eval_agrees_with_bpf_on_one_call_x86_64)
{
	const struct trand_spec spec = {
		.names = one_call,
		.nnames = 1,
		.max_rules = 6,
	};

	agreement(0x5eed0001, &spec, 3000);
}

TEST(eval_agrees_with_bpf_on_few_calls_three_arches)
{
	const uint32_t arches[] = {
		AUDIT_ARCH_I386,
		sysent_arch_by_scmp("SCMP_ARCH_X32")->token,
	};
	const struct trand_spec spec = {
		.names = few_calls,
		.nnames = 3,
		.arches = arches,
		.narches = 2,
		.max_rules = 8,
	};

	agreement(0x5eed0002, &spec, 1500);
}

/*
 * Many rules naming many calls: past 32 (rule, name) pairs libseccomp
 * lays the calls out as a binary tree, and code shared between calls
 * decides where the accumulator is reloaded.
 */
TEST(eval_agrees_with_bpf_on_many_rules)
{
	static const char *const calls[] = {"getppid", "getpid", "read",
					    "write", "close"};
	const struct trand_spec spec = {
		.names = calls,
		.nnames = 5,
		.max_rules = 16,
		.max_names = 4,
	};

	agreement(0x5eed0005, &spec, 1500);
}

/* x86 multiplexes sockets: socket, bind and socketcall share a tree. */
TEST(eval_agrees_with_bpf_on_socketcall)
{
	static const char *const sock[] = {"socket", "bind",   "socketcall",
					   "recv",   "accept", "ipc",
					   "shmat",  "getpid"};
	const uint32_t arches[] = {
		AUDIT_ARCH_I386,
		sysent_arch_by_scmp("SCMP_ARCH_X32")->token,
	};
	const struct trand_spec spec = {
		.names = sock,
		.nnames = 8,
		.arches = arches,
		.narches = 2,
		.max_rules = 12,
		.max_names = 4,
	};

	agreement(0x5eed0003, &spec, 1500);
}

/* Other little-endian architectures, 32 and 64-bit, multiplexing or not
   (ppc64le and mipsel multiplex). */
TEST(eval_agrees_with_bpf_on_other_arches)
{
	static const char *const calls[] = {"socket", "socketcall", "shmat",
					    "ipc", "getppid"};
	const uint32_t arches[] = {AUDIT_ARCH_AARCH64, AUDIT_ARCH_PPC64LE,
				   AUDIT_ARCH_ARM, AUDIT_ARCH_MIPSEL,
				   AUDIT_ARCH_RISCV64};
	const struct trand_spec spec = {
		.names = calls,
		.nnames = 5,
		.arches = arches,
		.narches = 5,
		.max_rules = 8,
	};

	agreement(0x5eed0004, &spec, 1000);
}
