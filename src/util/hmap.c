// SPDX-License-Identifier: Apache-2.0
/*
 * struct hmap: the one hash map of the tree (tracees by id, processes of
 * a strace log by pid, remembered decisions, interned strings and BPF
 * blocks). Open addressing with linear probing, always a power-of-two
 * capacity, at most half full, removal by shifting the followers back
 * (no tombstones), so every probe meets an empty slot and ends.
 *
 * Why one map: the four hand-written tables it replaces each had their
 * own growth rule, and one of them (a capacity of count * 4, probed with
 * "& (cap - 1)") left part of its table unreachable and spun forever
 * with a few dozen concurrent children. Here the capacity is only ever
 * set by resize(), which asserts the power of two, and the randomized
 * test (tests/unit/test_util_hmap.c) holds the map to a plain array.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/util.h"

#define HMAP_MIN_CAP 8

/*
 * Fibonacci hashing: the top bits of key * 2^64/phi. Consecutive ids
 * (tids, pids, indices) land far apart, and a caller's own hash loses
 * nothing: the multiplier is odd, so the product is a bijection.
 */
static size_t home(const struct hmap *m, uint64_t key)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - m->bits));
}

static size_t next(const struct hmap *m, size_t i)
{
	return (i + 1) & (m->cap - 1);
}

/* Put KEY -> VAL in the first empty slot from its home (room is known). */
static void place(struct hmap *m, uint64_t key, void *val)
{
	size_t i = home(m, key);

	while (m->full[i])
		i = next(m, i);
	m->slots[i].key = key;
	m->slots[i].val = val;
	m->full[i] = 1;
	m->count++;
}

static void resize(struct hmap *m, size_t cap)
{
	struct hmap old = *m;
	size_t i;

	assert(cap >= HMAP_MIN_CAP && !(cap & (cap - 1)));
	assert(m->count <= cap / 2);
	/* The flags live after the slots: one allocation per table. */
	m->slots = xcalloc(cap, sizeof(*m->slots) + 1);
	m->full = (unsigned char *)(m->slots + cap);
	m->cap = cap;
	for (m->bits = 0; ((size_t)1 << m->bits) < cap; m->bits++)
		;
	m->count = 0;
	for (i = 0; i < old.cap; i++)
		if (old.full[i])
			place(m, old.slots[i].key, old.slots[i].val);
	free(old.slots);
}

void hmap_add(struct hmap *m, uint64_t key, void *val)
{
	if ((m->count + 1) * 2 > m->cap)
		resize(m, m->cap ? m->cap * 2 : HMAP_MIN_CAP);
	place(m, key, val);
}

bool hmap_find(const struct hmap *m, uint64_t key, size_t *pos, void **val)
{
	size_t i;

	if (!m->cap || *pos >= m->cap)
		return false;
	/* *pos counts the slots already looked at from KEY's home. */
	for (i = (home(m, key) + *pos) & (m->cap - 1); m->full[i];
	     i = next(m, i)) {
		++*pos;
		if (m->slots[i].key == key) {
			if (val)
				*val = m->slots[i].val;
			return true;
		}
	}
	return false;
}

void *hmap_get(const struct hmap *m, uint64_t key)
{
	size_t pos = 0;
	void *val = NULL;

	hmap_find(m, key, &pos, &val);
	return val;
}

void hmap_set(struct hmap *m, uint64_t key, void *val)
{
	size_t pos = 0;

	if (hmap_find(m, key, &pos, NULL)) {
		m->slots[(home(m, key) + pos - 1) & (m->cap - 1)].val = val;
		return;
	}
	hmap_add(m, key, val);
}

/* Is home H outside the cyclic range (hole, i]? Then i's entry can
 * move back into the hole: its probe passes the hole on its way. */
static bool may_fill(size_t hole, size_t i, size_t h)
{
	return hole <= i ? h <= hole || h > i : h <= hole && h > i;
}

/* Empty slot HOLE, pulling back the entries whose probes cross it. */
static void unplace(struct hmap *m, size_t hole)
{
	size_t i;

	for (i = next(m, hole); m->full[i]; i = next(m, i)) {
		if (!may_fill(hole, i, home(m, m->slots[i].key)))
			continue;
		m->slots[hole] = m->slots[i];
		hole = i;
	}
	m->full[hole] = 0;
	m->slots[hole].val = NULL;
	m->count--;
}

bool hmap_remove(struct hmap *m, uint64_t key, void **val)
{
	size_t pos = 0, i;
	void *v;

	if (!hmap_find(m, key, &pos, &v))
		return false;
	if (val)
		*val = v;
	i = (home(m, key) + pos - 1) & (m->cap - 1);
	unplace(m, i);
	/* Shrink when a quarter of the room would do: iteration stays
	 * proportional to what the map holds after a crowd has gone. */
	if (m->cap > HMAP_MIN_CAP && m->count * 8 < m->cap)
		resize(m, m->cap / 2);
	return true;
}

bool hmap_each(const struct hmap *m, size_t *pos, uint64_t *key, void **val)
{
	while (*pos < m->cap) {
		size_t i = (*pos)++;

		if (!m->full[i])
			continue;
		if (key)
			*key = m->slots[i].key;
		if (val)
			*val = m->slots[i].val;
		return true;
	}
	return false;
}

void hmap_clear(struct hmap *m)
{
	if (m->cap)
		memset(m->full, 0, m->cap);
	m->count = 0;
}

void hmap_release(struct hmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* SplitMix64's finaliser: a bijection in which every bit moves every bit. */
uint64_t hmap_mix(uint64_t h, uint64_t v)
{
	uint64_t x = h ^ v;

	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* FNV-1a: short strings (call names) hash well and fast. */
uint64_t hmap_hash_bytes(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ull;

	while (n--)
		h = (h ^ *p++) * 0x100000001b3ull;
	return h;
}
