// SPDX-License-Identifier: Apache-2.0
/*
 * util: struct hmap held to a plain array of (key, value) pairs over
 * thousands of random sequences of adds, sets, finds and removes, with
 * keys drawn to collide (a handful of keys, many values each) and to
 * spread (ids, multiples of large powers of two, random words), through
 * growth and shrinking over many sizes. After every step the map's count
 * and shape are checked; at checkpoints every key's values and the whole
 * map are compared with the array. A failure names the seed and step.
 */
#include <stdlib.h>

#include "seccompdbg/util.h"
#include "test.h"

struct ref {
	uint64_t *keys;
	uintptr_t *vals;
	size_t n, cap;
};

static uint64_t rng_next(uint64_t *s)
{
	/* xorshift64*: fixed seeds make every run the same sequences. */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static void ref_add(struct ref *r, uint64_t key, uintptr_t val)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->keys = xreallocarray(r->keys, r->cap, sizeof(*r->keys));
		r->vals = xreallocarray(r->vals, r->cap, sizeof(*r->vals));
	}
	r->keys[r->n] = key;
	r->vals[r->n++] = val;
}

/* Index of the entry KEY -> VAL (any value when !match_val), or -1. */
static long ref_find(const struct ref *r, uint64_t key, bool match_val,
		     uintptr_t val)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->keys[i] == key && (!match_val || r->vals[i] == val))
			return (long)i;
	return -1;
}

static void ref_del(struct ref *r, size_t i)
{
	r->keys[i] = r->keys[--r->n];
	r->vals[i] = r->vals[r->n];
}

static int cmp_uptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

/* The shape every operation must leave: a power of two, half full. */
static bool shape_ok(const struct hmap *m, size_t n)
{
	if (m->count != n)
		return false;
	if (!m->cap)
		return n == 0;
	return !(m->cap & (m->cap - 1)) && m->count * 2 <= m->cap;
}

/* Every value the map holds under KEY is the array's, and no more. */
static bool key_matches(const struct hmap *m, const struct ref *r, uint64_t key)
{
	uintptr_t got[512], want[512];
	size_t ng = 0, nw = 0, pos = 0, i;
	void *v;

	while (hmap_find(m, key, &pos, &v))
		if (ng < ARRAY_SIZE(got))
			got[ng++] = (uintptr_t)v;
	for (i = 0; i < r->n; i++)
		if (r->keys[i] == key && nw < ARRAY_SIZE(want))
			want[nw++] = r->vals[i];
	if (ng != nw)
		return false;
	qsort(got, ng, sizeof(*got), cmp_uptr);
	qsort(want, nw, sizeof(*want), cmp_uptr);
	return !memcmp(got, want, ng * sizeof(*got));
}

/* hmap_each sees each entry once: values are unique per sequence. */
static bool all_match(const struct hmap *m, const struct ref *r)
{
	size_t pos = 0, n = 0;
	uint64_t k;
	void *v;

	while (hmap_each(m, &pos, &k, &v)) {
		if (ref_find(r, k, true, (uintptr_t)v) < 0)
			return false;
		n++;
	}
	for (pos = 0; pos < r->n; pos++)
		if (!key_matches(m, r, r->keys[pos]))
			return false;
	return n == r->n;
}

/* A key of one of four kinds: few and colliding, ids, spaced, random. */
static uint64_t draw_key(uint64_t *s, unsigned kind)
{
	uint64_t x = rng_next(s);

	switch (kind) {
	case 0:
		return x % 8;
	case 1:
		return 1000 + x % 4096;
	case 2:
		return (x % 64) << 40;
	default:
		return x;
	}
}

/* One step of sequence SEED; false (after a test_fail) on a mismatch. */
static bool step(struct hmap *m, struct ref *r, uint64_t *s, unsigned kind,
		 unsigned grow, uintptr_t *serial)
{
	uint64_t key = draw_key(s, kind), op = rng_next(s) % 100;
	void *v = NULL;
	long i;

	if (op < grow) {
		hmap_add(m, key, (void *)++*serial);
		ref_add(r, key, *serial);
	} else if (op < grow + 10) {
		/* set: only where "the first entry under the key" is known */
		size_t j, dup = 0;

		for (j = 0; j < r->n; j++)
			dup += r->keys[j] == key;
		if (dup > 1)
			return true;
		i = ref_find(r, key, false, 0);
		if (i >= 0 && hmap_get(m, key) != (void *)r->vals[i])
			return false;
		hmap_set(m, key, (void *)++*serial);
		if (i >= 0)
			r->vals[i] = *serial;
		else
			ref_add(r, key, *serial);
	} else if (op < grow + 20) {
		return key_matches(m, r, key) &&
		       (hmap_get(m, key) != NULL) ==
			       (ref_find(r, key, false, 0) >= 0);
	} else {
		bool had = hmap_remove(m, key, &v);

		i = had ? ref_find(r, key, true, (uintptr_t)v) : -1;
		if (had != (ref_find(r, key, false, 0) >= 0) || (had && i < 0))
			return false;
		if (had)
			ref_del(r, (size_t)i);
	}
	return true;
}

static void run_sequence(uint64_t seed, size_t steps, unsigned grow)
{
	struct hmap m = HMAP_INIT;
	struct ref r = {0};
	uint64_t s = seed * 0x9e3779b97f4a7c15ull + 1;
	unsigned kind = (unsigned)(seed % 4);
	uintptr_t serial = 0;
	size_t k;

	for (k = 0; k < steps; k++) {
		if (!step(&m, &r, &s, kind, grow, &serial) ||
		    !shape_ok(&m, r.n) || (k % 97 == 0 && !all_match(&m, &r))) {
			test_fail(
				__FILE__, __LINE__,
				"seed %llu step %zu: the map differs from the array (%zu entries, cap %zu)",
				(unsigned long long)seed, k, r.n, m.cap);
			break;
		}
	}
	CHECK(all_match(&m, &r));
	hmap_clear(&m);
	CHECK(shape_ok(&m, 0) && hmap_get(&m, r.n ? r.keys[0] : 1) == NULL);
	hmap_release(&m);
	free(r.keys);
	free(r.vals);
}

TEST(hmap_matches_an_array_over_random_sequences)
{
	uint64_t seed;

	/* 4,000 short sequences: every kind of key, adds from 30% to 69%
	 * of the steps, so the maps grow, shrink and hover. */
	for (seed = 1; seed <= 4000; seed++)
		run_sequence(seed, 50 + seed % 400, 30 + (unsigned)(seed % 40));
}

TEST(hmap_grows_and_shrinks_through_many_sizes)
{
	struct hmap m = HMAP_INIT;
	size_t i, caps = 0, last = 0, pos;
	const size_t n = 200000;
	void *v;

	for (i = 1; i <= n; i++) {
		hmap_add(&m, i << 12, (void *)i);
		caps += m.cap != last;
		last = m.cap;
	}
	CHECK_INT(m.count, n);
	CHECK(caps >= 15);
	for (i = 1; i <= n; i++)
		if (hmap_get(&m, i << 12) != (void *)i)
			break;
	CHECK_INT(i, n + 1);
	for (i = 1; i <= n; i++)
		if (!hmap_remove(&m, i << 12, &v) || v != (void *)i ||
		    !shape_ok(&m, n - i))
			break;
	CHECK_INT(i, n + 1);
	CHECK(m.cap <= 16);
	pos = 0;
	CHECK(!hmap_each(&m, &pos, NULL, NULL));
	hmap_release(&m);
}

/*
 * The pattern of a shell starting children that exit while others
 * start: tids climb, two of every three are reaped. The old tracee
 * table rehashed to a capacity of count * 4 here (40 with 10 entries),
 * probed with "& 39", and spun forever on the 35th child.
 */
TEST(hmap_survives_the_churn_of_a_shell)
{
	struct hmap m = HMAP_INIT;
	uint64_t tid = 1000;
	size_t i;

	hmap_add(&m, 999, (void *)1);
	for (i = 0; i < 20000; i++) {
		tid++;
		hmap_add(&m, tid, (void *)(uintptr_t)tid);
		if (i % 3 == 2) {
			CHECK(hmap_remove(&m, tid - 2, NULL));
			CHECK(hmap_remove(&m, tid - 1, NULL));
		}
		if (!shape_ok(&m, 2 + i - 2 * ((i + 1) / 3)))
			break;
	}
	CHECK_INT(i, 20000);
	CHECK(hmap_get(&m, 999) == (void *)1);
	CHECK(hmap_get(&m, tid) == (void *)(uintptr_t)tid);
	hmap_release(&m);
}

TEST(hmap_hashes_mix_every_bit)
{
	/* hmap_mix is a bijection of h ^ v: distinct inputs, distinct keys. */
	CHECK(hmap_mix(0, 1) != hmap_mix(0, 2));
	CHECK(hmap_mix(7, 0) != 7);
	CHECK(hmap_hash_bytes("pread64", 7) != hmap_hash_bytes("pread6", 6));
	CHECK_U64(hmap_hash_bytes("", 0), 0xcbf29ce484222325ull);
}
