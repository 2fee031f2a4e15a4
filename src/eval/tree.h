/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The decision trees eval builds: its own model of the per-call argument
 * trees of libseccomp 2.5.4 (src/db.c), what the module's files share.
 * Not a contract with other modules.
 *
 * A rule's conditions become a chain of nodes, one 32-bit comparison
 * each (two or three per condition on a 64-bit architecture: the upper
 * word, then the lower). Every node has a "true" and a "false" side;
 * each side either continues to a next level, or ends in an action, or
 * is empty. Nodes on one level are alternatives tried in order: a node
 * whose side is empty, or whose next level decides nothing, hands over
 * to the next node of its level, and the last one to the level above.
 *
 * The trees are merged, pruned and shared exactly as libseccomp does it,
 * reference counts included: which node survives a prune depends on how
 * many nodes it freed, so the counts are part of the semantics. docs/
 * filters.md tells what this gives; the tests hold it against the BPF.
 */
#ifndef SECCOMPDBG_EVAL_TREE_H
#define SECCOMPDBG_EVAL_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/profile.h"

/*
 * What a side ends in: the libseccomp action value, the action the
 * catching filter returns instead (SCMP_ACT_TRACE(id), or the same for
 * ALLOW and LOG) and which (rule, name) pair put it there.
 */
struct eval_leaf {
	uint32_t action; /* the profile's (what the trees compare) */
	uint32_t label;	 /* the catching filter's (what its code returns) */
	size_t pair;
};

struct eval_blk;

struct eval_node {
	unsigned arg;		 /* argument index, 0..5 */
	bool hi;		 /* the upper word of a 64-bit argument */
	enum profile_op op;	 /* what it tests: EQ, MASKED_EQ, GT or GE */
	enum profile_op op_orig; /* the rule's operator: orders the level */
	uint32_t mask, datum;	 /* (word & mask) OP datum */
	uint64_t datum_full;	 /* the rule's whole 64-bit value */
	bool has_t, has_f;	 /* the side ends in t / f */
	struct eval_leaf t, f;
	struct eval_node *prev, *next;	    /* the level */
	struct eval_node *then, *otherwise; /* the next levels */
	unsigned refs; /* pointers to this node, level links included */
	bool dead;     /* libseccomp would have freed it */
	struct eval_node *arena_next; /* every node of an eval, for freeing */
};

/* One condition of a rule, as libseccomp keeps it (indexed by argument). */
struct eval_cond {
	bool valid;
	enum profile_op op;
	uint64_t mask, datum; /* MASKED_EQ: (arg & mask) == datum */
};

/* Where a block sends the call: another block, an action, the default. */
struct eval_target {
	const struct eval_blk *blk;
	const struct eval_leaf *leaf;
};

/*
 * One block of the generated BPF (blocks.c): the test of one node in one
 * place of the program, with the accumulator state libseccomp assumes
 * at its start and leaves at its end (offset -1: unknown).
 */
struct eval_blk {
	int start_off, end_off;
	uint32_t start_mask, end_mask;
	bool load;   /* loads its word (the state did not fit) */
	bool and;    /* masks the accumulator */
	bool reload; /* libseccomp put a load of start_off in front */
	int off;     /* the word tested (offset in struct seccomp_data) */
	uint32_t mask, datum;
	enum profile_op op; /* EQ (MASKED_EQ), GT or GE */
	struct eval_target jt, jf;
	bool placed;
	uint64_t hash;
	struct eval_blk *arena_next;
};

/* One system call of one architecture. */
struct eval_sys {
	int nr;
	struct eval_node *chains; /* NULL: `action` decides unconditionally */
	struct eval_leaf action;
	unsigned node_cnt, priority; /* libseccomp's: order the program */
	const struct eval_blk *head; /* the chains as blocks */
};

/* libseccomp's priority of a call: this much minus its node count. */
#define EVAL_PRI_CHAIN 0xffffu

/*
 * A new chain for CONDS ending in LEAF; NULL when no condition remains
 * (a MASKED_EQ with an empty mask tests nothing). 64-bit or 32-bit. Its
 * nodes go on the list *ARENA, which owns them (eval_arena_free).
 */
struct eval_node *eval_chain_new(const struct eval_cond conds[6], bool is64,
				 struct eval_leaf leaf,
				 struct eval_node **arena, size_t *count);
void eval_arena_free(struct eval_node **arena);

/*
 * Reference counting as libseccomp counts (tree.c). A node whose count
 * drops to 0 is "freed" (counted, marked dead, unlinked) but its memory
 * stays with the arena: libseccomp's counts are not always exact, and
 * this way a stale pointer never reads freed memory here.
 */
struct eval_node *eval_node_get(struct eval_node *n);
unsigned eval_node_put(struct eval_node **n);
unsigned eval_tree_put(struct eval_node **tree);
unsigned eval_tree_remove(struct eval_node **tree, struct eval_node *node);
/* 0 when every action under TREE's level is ACTION, else -EEXIST. */
int eval_tree_act_check(const struct eval_node *tree, uint32_t action);

/* Node relations: same test; ordering on a level. */
bool eval_node_eq(const struct eval_node *a, const struct eval_node *b);
bool eval_node_lt(const struct eval_node *a, const struct eval_node *b);

static inline bool eval_node_is_leaf(const struct eval_node *n)
{
	return !n->then && !n->otherwise;
}

/*
 * Add a rule (its chain, or NULL and LEAF for an unconditional one) to
 * SYS (merge.c); CHAIN_CNT is the chain's node count, NODES bounds the
 * length of a level (every node there is). The chain's reference passes to the call. 0, or -EEXIST (a
 * different action on the same conditions), or -ELOOP (libseccomp would
 * never return): the caller must then throw SYS away, as libseccomp's
 * transaction does.
 */
int eval_sys_add(struct eval_sys *sys, struct eval_node *chain,
		 unsigned chain_cnt, struct eval_leaf leaf, size_t nodes);

/*
 * The blocks libseccomp generates for the chains (blocks.c). One struct
 * eval_blocks holds every block of a filter: identical blocks are one,
 * across system calls and architectures, as in libseccomp's hash table.
 * eval_blocks_place must then be called on each head in the order
 * libseccomp lays the program out (it decides the reloads).
 * eval_blocks_judge returns the leaf, or NULL for the default action.
 */
struct eval_blocks;
struct eval_blocks *eval_blocks_new(void);
void eval_blocks_free(struct eval_blocks *bs);
const struct eval_blk *eval_blocks_build(struct eval_blocks *bs,
					 const struct eval_sys *sys);
void eval_blocks_place(const struct eval_blk *head);
const struct eval_leaf *eval_blocks_judge(const struct eval_blk *head,
					  const uint64_t args[6]);

#endif
