// SPDX-License-Identifier: Apache-2.0
/*
 * Argument signatures: sysent.def (x86_64's calls, the generic argument
 * order) and sysent_i386.def (what i386 has of its own), turned into
 * arrays, plus a sorted index per table so a lookup by name is a binary
 * search rather than a walk of 400 strings at every stop.
 */
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/sysent.h"
#include "seccompdbg/util.h"

#define A(k)			  SYSENT_ARG_##k
#define SYS0(n)			  {#n, 0, {0}},
#define SYS1(n, a)		  {#n, 1, {A(a)}},
#define SYS2(n, a, b)		  {#n, 2, {A(a), A(b)}},
#define SYS3(n, a, b, c)	  {#n, 3, {A(a), A(b), A(c)}},
#define SYS4(n, a, b, c, d)	  {#n, 4, {A(a), A(b), A(c), A(d)}},
#define SYS5(n, a, b, c, d, e)	  {#n, 5, {A(a), A(b), A(c), A(d), A(e)}},
#define SYS6(n, a, b, c, d, e, f) {#n, 6, {A(a), A(b), A(c), A(d), A(e), A(f)}},

static const struct sysent_sig sigs_generic[] = {
#include "sysent.def"
};

static const struct sysent_sig sigs_i386[] = {
#include "sysent_i386.def"
};

static const char *const arg_names[] = {
#define ARG_NAME(k) #k,
	SYSENT_ARG_KINDS(ARG_NAME)
#undef ARG_NAME
};

struct sig_index {
	const struct sysent_sig *table;
	size_t n;
	/* Built at first use: the supervisor is one thread. */
	const struct sysent_sig **sorted;
};

static struct sig_index index_generic = {sigs_generic, ARRAY_SIZE(sigs_generic),
					 NULL};
static struct sig_index index_i386 = {sigs_i386, ARRAY_SIZE(sigs_i386), NULL};

static int sig_cmp(const void *a, const void *b)
{
	const struct sysent_sig *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static int sig_key_cmp(const void *key, const void *elem)
{
	const struct sysent_sig *const *e = elem;

	return strcmp(key, (*e)->name);
}

static const struct sysent_sig *index_find(struct sig_index *ix,
					   const char *name)
{
	const struct sysent_sig **hit;
	size_t i;

	if (!ix->sorted) {
		ix->sorted = xreallocarray(NULL, ix->n, sizeof(*ix->sorted));
		for (i = 0; i < ix->n; i++)
			ix->sorted[i] = &ix->table[i];
		qsort(ix->sorted, ix->n, sizeof(*ix->sorted), sig_cmp);
	}
	hit = bsearch(name, ix->sorted, ix->n, sizeof(*ix->sorted),
		      sig_key_cmp);
	return hit ? *hit : NULL;
}

const struct sysent_sig *sysent_sig(uint32_t arch, const char *name)
{
	const struct sysent_sig *s = NULL;

	if (!name)
		return NULL;
	if (arch == AUDIT_ARCH_I386)
		s = index_find(&index_i386, name);
	return s ? s : index_find(&index_generic, name);
}

const struct sysent_sig *sysent_sig_nr(uint32_t arch, int nr)
{
	return sysent_sig(arch, sysent_name(arch, nr));
}

const struct sysent_sig *sysent_sigs(bool i386, size_t *n)
{
	*n = i386 ? ARRAY_SIZE(sigs_i386) : ARRAY_SIZE(sigs_generic);
	return i386 ? sigs_i386 : sigs_generic;
}

const char *sysent_arg_name(enum sysent_arg kind)
{
	if ((unsigned)kind >= ARRAY_SIZE(arg_names))
		return NULL;
	return arg_names[kind];
}
