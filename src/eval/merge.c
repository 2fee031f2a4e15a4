// SPDX-License-Identifier: Apache-2.0
/*
 * Adding a rule to a system call's tree, the way libseccomp 2.5.4 does
 * it (db_rule_add and its helpers in src/db.c):
 *
 * 1. No rule yet: the rule is the tree.
 * 2. The call is decided unconditionally already: the new rule is
 *    dropped (the first unconditional rule wins, and it makes later
 *    conditional ones moot).
 * 3. The new rule is unconditional: it replaces the whole tree.
 * 4. Else prune: where the existing tree holds a longer version of the
 *    new chain with the same action, that part is removed (the new
 *    rule covers it); where the existing tree holds a shorter one, the
 *    new rule is redundant and dropped.
 * 5. Else merge: walk both trees, sharing equal nodes, inserting new
 *    nodes in the level's order; a side that already ends in another
 *    action on the same conditions is a conflict (-EEXIST).
 *
 * The prune and the merge are intricate and have quirks (the counts of
 * freed nodes steer step 4; a node freed during the walk is replaced by
 * its neighbour); this file keeps them, because the compiled filter
 * does. docs/filters.md has the readable summary.
 */
#include <errno.h>
#include <stdlib.h>

#include "tree.h"

/* What the prune walk has seen (libseccomp's db_iter_state flags). */
enum {
	SEEN_MATCH = 0x1,	/* the new chain matched a node here */
	SEEN_MATCH_ONCE = 0x2,	/* ... somewhere above */
	SEEN_X_FINISHED = 0x10, /* the existing chain ended */
	SEEN_N_FINISHED = 0x20, /* the new chain ended */
	SEEN_X_PREFIX = 0x100,	/* the existing chain has extra nodes */
	SEEN_N_PREFIX = 0x200,	/* the new chain has extra nodes */
	SEEN_MATCHSET = SEEN_MATCH | SEEN_MATCH_ONCE,
	SEEN_REDUNDANT = SEEN_MATCH | SEEN_X_FINISHED | SEEN_N_PREFIX,
};

struct prune_state {
	unsigned flags;
	uint32_t action; /* the new rule's */
	struct eval_sys *sys;
};

static unsigned prune(struct eval_node **existing, struct eval_node *n,
		      struct prune_state *st);

/*
 * Descend one side: prune *SUB against NEW with flags from ST plus SET
 * minus CLEAR, holding a reference on *X meanwhile. *X may be freed and
 * replaced by a neighbour (or NULL). Returns true when the descent
 * matched; its flags are then merged into *CUR.
 */
static bool prune_descend(struct eval_node **x, struct eval_node **sub,
			  struct eval_node *n, const struct prune_state *st,
			  unsigned set, unsigned clear, unsigned *freed,
			  struct prune_state *cur)
{
	struct prune_state next = *st;

	next.flags = (next.flags & ~clear) | set;
	eval_node_get(*x);
	*freed += prune(sub, n, &next);
	*freed += eval_node_put(x);
	if (!(next.flags & SEEN_MATCH))
		return false;
	cur->flags |= next.flags;
	return true;
}

enum walk { WALK_ON, WALK_NEXT, WALK_STOP };

/* The existing node X tests what N tests. */
static enum walk prune_equal(struct eval_node **x, struct eval_node *n,
			     struct prune_state *st, struct prune_state *cur,
			     unsigned *freed)
{
	int side;

	cur->flags |= SEEN_MATCHSET;
	if (eval_node_is_leaf(n))
		cur->flags |= SEEN_N_FINISHED;
	if (eval_node_is_leaf(*x))
		cur->flags |= SEEN_X_FINISHED;
	/* An existing side the new chain leaves empty stays. */
	if (((*x)->has_t || (*x)->then) && !(n->has_t || n->then))
		return WALK_STOP;
	if (((*x)->has_f || (*x)->otherwise) && !(n->has_f || n->otherwise))
		return WALK_STOP;
	/* Both end here: only the very same actions are pruned. These
	   compare even the unset actions, as libseccomp does. */
	if ((cur->flags & SEEN_N_FINISHED) && (cur->flags & SEEN_X_FINISHED) &&
	    (n->has_t != (*x)->has_t || n->t.action != (*x)->t.action ||
	     n->has_f != (*x)->has_f || n->f.action != (*x)->f.action))
		return WALK_STOP;
	for (side = 0; side < 2; side++) {
		struct eval_node *want = side ? n->otherwise : n->then;

		if (!want)
			continue;
		prune_descend(x, side ? &(*x)->otherwise : &(*x)->then, want,
			      st, SEEN_MATCHSET, 0, freed, cur);
		if (!*x)
			return WALK_NEXT;
	}
	if (!eval_tree_act_check(*x, cur->action) &&
	    (cur->flags & SEEN_MATCH) && (cur->flags & SEEN_N_FINISHED) &&
	    (cur->flags & SEEN_X_PREFIX)) {
		/* The new chain is shorter: the existing one goes. */
		*freed += eval_tree_remove(&st->sys->chains, *x);
		if (!st->sys->chains)
			return WALK_STOP;
	} else if (!eval_tree_act_check(*x, cur->action) &&
		   (cur->flags & SEEN_MATCH) &&
		   (cur->flags & SEEN_X_FINISHED) &&
		   (cur->flags & SEEN_N_PREFIX)) {
		/* The new chain is longer: nothing to prune. */
		return WALK_STOP;
	}
	return WALK_ON;
}

/*
 * X and N test different things. Chains run from the lower argument
 * words to the higher, so the one that sorts lower may have the other
 * further down: DEEPER_IN_X when X sorts lower (the existing chain has
 * extra tests first), else X is looked for further down the new chain;
 * the true side first, then the false side.
 */
static enum walk prune_longer(struct eval_node **x, struct eval_node *n,
			      bool deeper_in_x, struct prune_state *st,
			      struct prune_state *cur, unsigned *freed)
{
	unsigned prefix = deeper_in_x ? SEEN_X_PREFIX : SEEN_N_PREFIX;
	int side;

	/* A chain already found longer cannot be the shorter one too. */
	if (st->flags & (deeper_in_x ? SEEN_N_PREFIX : SEEN_X_PREFIX))
		return WALK_STOP;
	for (side = 0; side < 2; side++) {
		struct eval_node **sub = x, *want = n;

		/* Read after each descent: *X may be a neighbour now. */
		if (deeper_in_x)
			sub = side ? &(*x)->otherwise : &(*x)->then;
		else
			want = side ? n->otherwise : n->then;
		if (!*sub || !want)
			continue;
		if (prune_descend(x, sub, want, st, prefix, SEEN_MATCH, freed,
				  cur))
			return WALK_STOP;
		if (!*x)
			return WALK_NEXT;
	}
	return WALK_ON;
}

/*
 * Prune the level of *EXISTING against the chain N. Returns the number of
 * nodes freed; ST->flags gets what was seen.
 */
static unsigned prune(struct eval_node **existing, struct eval_node *n,
		      struct prune_state *st)
{
	struct prune_state cur = *st;
	struct eval_node *x = *existing, *x_next;
	unsigned freed = 0;
	enum walk w;

	if (!n || !x || (st->flags & SEEN_MATCHSET) == SEEN_MATCH_ONCE)
		goto done;
	while (x->prev)
		x = x->prev;
	do {
		x_next = x->next;
		if (eval_node_eq(x, n))
			w = prune_equal(&x, n, st, &cur, &freed);
		else
			w = prune_longer(&x, n, eval_node_lt(x, n), st, &cur,
					 &freed);
		if (w == WALK_STOP)
			goto done;
		x = x_next;
	} while (x);
	/* Walked off the level: nothing here matched. */
	cur.flags &= ~SEEN_MATCH;
done:
	if (cur.flags & SEEN_MATCH)
		st->flags |= cur.flags;
	else
		st->flags &= ~SEEN_MATCH;
	return freed;
}

/* What the merge carries along. */
struct merge_ctx {
	size_t limit;	    /* nodes there are: bounds a level */
	unsigned *node_cnt; /* the system call's count (its priority) */
};

/*
 * One side of equal nodes X and N: N's side ends in an action. Returns
 * 0 or -EEXIST. LIBSECCOMP_SLIP: libseccomp 2.5.4 updates the true
 * action where it means the false one (fixed in 2.6); kept.
 */
static int merge_side(struct eval_node *x, const struct eval_node *n,
		      bool side_t, struct merge_ctx *mc)
{
	bool *x_has = side_t ? &x->has_t : &x->has_f;
	struct eval_leaf *x_leaf = side_t ? &x->t : &x->f;
	struct eval_node **x_next = side_t ? &x->then : &x->otherwise;
	const struct eval_leaf *n_leaf = side_t ? &n->t : &n->f;
	int rc;

	if (!*x_has) {
		/* A longer existing chain gives way if its actions agree. */
		rc = eval_tree_act_check(*x_next, n_leaf->action);
		if (rc)
			return rc;
		*mc->node_cnt -= eval_node_put(x_next);
		*x_next = NULL;
		*x_leaf = *n_leaf;
		*x_has = true;
		return 0;
	}
	if (n_leaf->action == x_leaf->action)
		return 0;
	/* For a 64-bit GT/GE (LT/LE) the larger (smaller) value wins. */
	if (n->hi && side_t && n->datum_full > x->datum_full)
		x->t = n->t;
	if (n->hi && !side_t && n->datum_full < x->datum_full)
		x->t = n->t; /* LIBSECCOMP_SLIP */
	if (eval_node_is_leaf(x) || eval_node_is_leaf(n))
		return -EEXIST;
	return 0;
}

static int merge(struct eval_node **existing, struct eval_node *n,
		 struct merge_ctx *mc);

/* Equal nodes: merge N's sides into X's. */
static int merge_equal(struct eval_node *x, struct eval_node *n,
		       struct merge_ctx *mc)
{
	int rc;

	if (n->has_t && (rc = merge_side(x, n, true, mc)))
		return rc;
	if (n->has_f && (rc = merge_side(x, n, false, mc)))
		return rc;
	if (n->then) {
		if (x->then) {
			rc = merge(&x->then, n->then, mc);
			if (rc)
				return rc;
		} else if (!x->has_t) {
			x->then = eval_node_get(n->then);
		} else {
			return 0; /* the existing chain is shorter */
		}
	}
	if (n->otherwise) {
		if (x->otherwise)
			return merge(&x->otherwise, n->otherwise, mc);
		if (!x->has_f)
			x->otherwise = eval_node_get(n->otherwise);
	}
	return 0;
}

/*
 * True when the level of N now loops. libseccomp links a node of the new
 * chain once per parent; when a shared node (the next condition after a
 * NE, GT, GE, LT or LE hangs off two parents) lands twice on one level,
 * the level becomes a ring and libseccomp 2.5.4 never returns (tested:
 * "a0 NE 5 && a1 EQ 1" then "a0 NE 5 && a2 EQ 2" on one call). The walk
 * is bounded by LIMIT, the number of nodes there are.
 */
static bool level_loops(const struct eval_node *n, size_t limit)
{
	const struct eval_node *c;
	size_t steps = 0;

	for (c = n->prev; c && steps <= limit; c = c->prev, steps++)
		if (c == n)
			return true;
	for (c = n->next, steps = 0; c && steps <= limit; c = c->next, steps++)
		if (c == n)
			return true;
	return false;
}

/* Put N on the level of *EXISTING, or merge it into its equal there. */
static int merge(struct eval_node **existing, struct eval_node *n,
		 struct merge_ctx *mc)
{
	struct eval_node *x = *existing;

	while (x) {
		if (eval_node_eq(x, n))
			return merge_equal(x, n, mc);
		if (!eval_node_lt(x, n)) {
			if (x->next) {
				x = x->next;
				continue;
			}
			n->prev = eval_node_get(x);
			x->next = eval_node_get(n);
			return level_loops(n, mc->limit) ? -ELOOP : 0;
		}
		/* N goes before X (the level is kept greatest first). */
		if (x->prev) {
			x->prev->next = eval_node_get(n);
			n->prev = x->prev;
			x->prev = eval_node_get(n);
			n->next = x;
		} else {
			x->prev = eval_node_get(n);
			n->next = eval_node_get(x);
		}
		if (*existing == x) {
			*existing = eval_node_get(n);
			eval_node_put(&x);
		}
		return level_loops(n, mc->limit) ? -ELOOP : 0;
	}
	return 0;
}

/* libseccomp's priority: fewer nodes first (it orders the program). */
static void priority_update(struct eval_sys *sys)
{
	sys->priority &= ~EVAL_PRI_CHAIN;
	sys->priority |= EVAL_PRI_CHAIN - sys->node_cnt;
}

int eval_sys_add(struct eval_sys *sys, struct eval_node *chain,
		 unsigned chain_cnt, struct eval_leaf leaf, size_t nodes)
{
	struct prune_state st = {0, leaf.action, sys};
	struct merge_ctx mc = {nodes, &sys->node_cnt};
	bool pruned = false;
	unsigned freed;
	int rc;

again:
	if (!sys->chains) {
		if (pruned) {
			/* The prune removed everything: the new chain is it. */
			sys->chains = chain;
			sys->action = leaf;
			sys->node_cnt = chain_cnt;
		} else {
			eval_tree_put(&chain);
		}
		priority_update(sys);
		return 0;
	}
	if (!chain) {
		eval_tree_put(&sys->chains);
		sys->chains = NULL;
		sys->node_cnt = 0;
		sys->action = leaf;
		priority_update(sys);
		return 0;
	}
	freed = prune(&sys->chains, chain, &st);
	if (freed > 0) {
		pruned = true;
		sys->node_cnt -= freed;
		if (!sys->chains)
			goto again;
	} else if ((st.flags & SEEN_REDUNDANT) == SEEN_REDUNDANT) {
		eval_tree_put(&chain);
		priority_update(sys);
		return 0;
	}
	rc = merge(&sys->chains, chain, &mc);
	/* A ring would hang the rest, as it hangs libseccomp: stop here. */
	if (rc == -ELOOP)
		return rc;
	if (rc == 0) {
		sys->node_cnt += chain_cnt;
		sys->node_cnt -= eval_tree_put(&chain);
		priority_update(sys);
	} else {
		eval_tree_put(&chain);
	}
	return rc;
}
