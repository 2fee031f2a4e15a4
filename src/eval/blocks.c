// SPDX-License-Identifier: Apache-2.0
/*
 * From a system call's tree to the BPF libseccomp 2.5.4 generates for it
 * (src/gen_bpf.c), as far as it changes what the program decides.
 *
 * Each node becomes a block: load the argument word (unless the
 * accumulator already holds it), mask it, compare, jump. Which blocks
 * load is decided per level in order: a node testing the same word as
 * the node before it on its level does not load again. That is right
 * when the previous node's test sends the call on directly, but wrong
 * when the call comes back from a deeper level that loaded another word
 * (a fall-through): then the block compares a stale accumulator. When
 * libseccomp lays the blocks out it puts a reload in front of a block
 * if the block that pulls it into place leaves the accumulator in
 * another state; the block that pulls it in is the first to refer to it
 * in its walk (each block's jumps, true before false, depth first). A
 * block pulled in by its level neighbour gets no reload, and the
 * deeper paths into it read the stale word. The kernel runs that code,
 * so eval does too: the walk below keeps a real accumulator.
 *
 * Identical blocks (same instructions, same accumulator states) are one
 * block in the program, even across system calls and architectures; they
 * are interned here the same way, so the first reference to a shared
 * block in the whole program decides its reload (eval.c walks the calls
 * in libseccomp's layout order).
 */
#include <stdlib.h>
#include <string.h>

#include "tree.h"
#include "seccompdbg/util.h"

#define OFF_UNKNOWN (-1)
#define OFF_NR	    0 /* seccomp_data.nr */

struct acc {
	int off;
	uint32_t mask;
};

/* Where a node's word is in struct seccomp_data (little-endian). */
static int node_off(const struct eval_node *n)
{
	return 16 + 8 * (int)n->arg + (n->hi ? 4 : 0);
}

struct eval_blocks {
	struct hmap interned;	/* blk_hash -> block */
	struct eval_blk *arena; /* every block */
};

static uint64_t target_hash(const struct eval_target *t)
{
	if (t->blk)
		return t->blk->hash;
	return t->leaf ? hmap_mix(1, t->leaf->label) : 2;
}

static uint64_t blk_hash(const struct eval_blk *b)
{
	uint64_t h = hmap_mix(0, (uint64_t)(uint32_t)b->start_off << 32 |
					 b->start_mask);

	h = hmap_mix(h, (uint64_t)(uint32_t)b->end_off << 32 | b->end_mask);
	h = hmap_mix(h, (uint64_t)b->load << 1 | b->and);
	h = hmap_mix(h, (uint64_t)(uint32_t)b->off << 32 | b->mask);
	h = hmap_mix(h, (uint64_t)b->op << 32 | b->datum);
	h = hmap_mix(h, target_hash(&b->jt));
	return hmap_mix(h, target_hash(&b->jf));
}

/*
 * Blocks compare as libseccomp compares instructions: actions by the
 * value the catching filter returns (two rules with one action but two
 * ids make different blocks there, though one in the original filter).
 */
static bool target_eq(const struct eval_target *a, const struct eval_target *b)
{
	if (a->blk || b->blk)
		return a->blk == b->blk;
	if (!a->leaf || !b->leaf)
		return a->leaf == b->leaf;
	return a->leaf->label == b->leaf->label;
}

static bool blk_eq(const struct eval_blk *a, const struct eval_blk *b)
{
	return a->start_off == b->start_off && a->start_mask == b->start_mask &&
	       a->end_off == b->end_off && a->end_mask == b->end_mask &&
	       a->load == b->load && a->and == b->and &&a->off == b->off &&
	       a->mask == b->mask && a->op == b->op && a->datum == b->datum &&
	       target_eq(&a->jt, &b->jt) && target_eq(&a->jf, &b->jf);
}

/* The one block equal to B (B itself, copied to the arena, if new). */
static const struct eval_blk *intern(struct eval_blocks *t,
				     const struct eval_blk *b)
{
	uint64_t h = blk_hash(b);
	struct eval_blk *nb;
	size_t pos = 0;
	void *v;

	while (hmap_find(&t->interned, h, &pos, &v))
		if (blk_eq(v, b))
			return v;
	nb = xmalloc(sizeof(*nb));
	*nb = *b;
	nb->hash = h;
	nb->arena_next = t->arena;
	t->arena = nb;
	hmap_add(&t->interned, h, nb);
	return nb;
}

/* The block of node N entered with the accumulator in state *ACC. */
static void blk_start(struct eval_blk *b, const struct eval_node *n,
		      struct acc *acc)
{
	memset(b, 0, sizeof(*b));
	b->off = node_off(n);
	b->mask = n->mask;
	b->datum = n->datum;
	b->op = n->op == PROFILE_OP_MASKED_EQ ? PROFILE_OP_EQ : n->op;
	b->load = b->off != acc->off || (n->mask & acc->mask) != n->mask;
	b->start_off = b->load ? OFF_UNKNOWN : acc->off;
	b->start_mask = b->load ? 0 : acc->mask;
	if (b->load)
		*acc = (struct acc){b->off, UINT32_MAX};
	b->and = n->mask != acc->mask;
	acc->mask = n->mask;
	b->end_off = acc->off;
	b->end_mask = acc->mask;
}

static const struct eval_blk *level_build(struct eval_blocks *t,
					  const struct eval_node *first,
					  struct eval_target fall,
					  struct acc acc);

/* A side of a node: its next level, its action, or the fall-through. */
static struct eval_target side_target(struct eval_blocks *t,
				      const struct eval_node *next_level,
				      bool has_leaf,
				      const struct eval_leaf *leaf,
				      struct eval_target fall, struct acc acc)
{
	if (next_level)
		return (struct eval_target){
			level_build(t, next_level, fall, acc), NULL};
	if (has_leaf)
		return (struct eval_target){NULL, leaf};
	return fall;
}

/*
 * A level: the accumulator states go forward through its nodes, the
 * blocks are built backward (each falls through to the next).
 */
static const struct eval_blk *level_build(struct eval_blocks *t,
					  const struct eval_node *first,
					  struct eval_target fall,
					  struct acc acc)
{
	const struct eval_node **nodes = NULL;
	struct eval_blk *blks = NULL;
	const struct eval_blk *next = NULL;
	size_t n = 0, cap = 0, i;

	while (first->prev)
		first = first->prev;
	for (; first; first = first->next) {
		xgrow(&nodes, &cap, n + 1, sizeof(*nodes));
		nodes[n++] = first;
	}
	blks = xcalloc(n, sizeof(*blks));
	for (i = 0; i < n; i++)
		blk_start(&blks[i], nodes[i], &acc);
	for (i = n; i-- > 0;) {
		const struct eval_node *nd = nodes[i];
		struct eval_target on =
			next ? (struct eval_target){next, NULL} : fall;
		struct acc end = {blks[i].end_off, blks[i].end_mask};

		blks[i].jt =
			side_target(t, nd->then, nd->has_t, &nd->t, on, end);
		blks[i].jf = side_target(t, nd->otherwise, nd->has_f, &nd->f,
					 on, end);
		next = intern(t, &blks[i]);
	}
	free(blks);
	free(nodes);
	return next;
}

/*
 * libseccomp's layout walk: a block pulled in by a block that leaves
 * the accumulator in another state than it assumes gets a reload.
 */
static void place(struct eval_blk *from)
{
	struct eval_target *sides[2] = {&from->jt, &from->jf};
	size_t i;

	for (i = 0; i < 2; i++) {
		struct eval_blk *to = (struct eval_blk *)sides[i]->blk;

		if (!to || to->placed)
			continue;
		to->placed = true;
		if (to->start_off != OFF_UNKNOWN &&
		    (to->start_off != from->end_off ||
		     to->start_mask != from->end_mask))
			to->reload = true;
		place(to);
	}
}

struct eval_blocks *eval_blocks_new(void)
{
	return xcalloc(1, sizeof(struct eval_blocks));
}

const struct eval_blk *eval_blocks_build(struct eval_blocks *bs,
					 const struct eval_sys *sys)
{
	if (!sys->chains)
		return NULL;
	return level_build(bs, sys->chains, (struct eval_target){0},
			   (struct acc){OFF_NR, UINT32_MAX});
}

/* The syscall's check leaves the number in the accumulator. */
void eval_blocks_place(const struct eval_blk *head)
{
	struct eval_blk root = {.end_off = OFF_NR, .end_mask = UINT32_MAX};

	root.jt.blk = head;
	place(&root);
}

void eval_blocks_free(struct eval_blocks *bs)
{
	struct eval_blk *b, *next;

	if (!bs)
		return;
	for (b = bs->arena; b; b = next) {
		next = b->arena_next;
		free(b);
	}
	hmap_release(&bs->interned);
	free(bs);
}

static uint32_t word(const uint64_t args[6], int off)
{
	int arg = (off - 16) / 8;

	if (off < 16)
		return 0; /* nr or arch: never an argument test */
	return off % 8 ? args[arg] >> 32 : (uint32_t)args[arg];
}

/* Run the blocks with a real accumulator, as the kernel runs the BPF. */
const struct eval_leaf *eval_blocks_judge(const struct eval_blk *b,
					  const uint64_t args[6])
{
	uint32_t a = 0;

	while (b) {
		const struct eval_target *to;
		bool taken;

		if (b->reload) {
			a = word(args, b->start_off);
			if (b->start_mask != UINT32_MAX)
				a &= b->start_mask;
		}
		if (b->load)
			a = word(args, b->off);
		if (b->and)
			a &= b->mask;
		taken = b->op == PROFILE_OP_GT	 ? a > b->datum
			: b->op == PROFILE_OP_GE ? a >= b->datum
						 : a == b->datum;
		to = taken ? &b->jt : &b->jf;
		if (!to->blk)
			return to->leaf;
		b = to->blk;
	}
	return NULL;
}
