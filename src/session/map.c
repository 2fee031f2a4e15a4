// SPDX-License-Identifier: Apache-2.0
/*
 * A small hash map from 64-bit keys to unsigned values, for the hot path
 * of a stop: the call that "allow always" answers must be answered
 * without a scan of every decision taken so far. Open addressing with
 * linear probing; a key may be put more than once (the caller verifies
 * what it finds), and nothing is ever deleted one at a time: the maps
 * are cleared whole when the profile changes.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct session_map_slot {
	uint64_t key;
	unsigned val;
	bool used;
};

/* SplitMix64's finaliser: every key bit moves every slot bit. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

uint64_t session_key_call(uint32_t arch, int nr)
{
	return mix(((uint64_t)arch << 32) | (uint32_t)nr);
}

uint64_t session_key_args(uint32_t arch, int nr, const uint64_t args[6])
{
	uint64_t h = session_key_call(arch, nr);
	size_t i;

	for (i = 0; i < 6; i++)
		h = mix(h ^ args[i]);
	return h;
}

static void insert(struct session_map_slot *slots, size_t cap, uint64_t key,
		   unsigned val)
{
	size_t i = (size_t)key & (cap - 1);

	while (slots[i].used)
		i = (i + 1) & (cap - 1);
	slots[i] = (struct session_map_slot){key, val, true};
}

static void grow(struct session_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64, i;
	struct session_map_slot *slots = xcalloc(cap, sizeof(*slots));

	for (i = 0; i < m->cap; i++)
		if (m->slots[i].used)
			insert(slots, cap, m->slots[i].key, m->slots[i].val);
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

void session_map_put(struct session_map *m, uint64_t key, unsigned val)
{
	/* at most half full: probes stay short */
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	insert(m->slots, m->cap, key, val);
	m->n++;
}

bool session_map_next(const struct session_map *m, uint64_t key, size_t *pos,
		      unsigned *val)
{
	size_t i;

	if (!m->cap)
		return false;
	/* *pos counts the probes already made from the key's home slot */
	for (i = ((size_t)key + *pos) & (m->cap - 1); m->slots[i].used;
	     i = (i + 1) & (m->cap - 1)) {
		++*pos;
		if (m->slots[i].key == key) {
			*val = m->slots[i].val;
			return true;
		}
	}
	return false;
}

void session_map_clear(struct session_map *m)
{
	if (m->cap)
		memset(m->slots, 0, m->cap * sizeof(*m->slots));
	m->n = 0;
}

void session_map_release(struct session_map *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
