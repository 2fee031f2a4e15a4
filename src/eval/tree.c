// SPDX-License-Identifier: Apache-2.0
/*
 * Tree nodes: building a rule's chain, ordering nodes on a level, and
 * the reference counting libseccomp does on them.
 *
 * The counts are not tidy. Every pointer to a node holds a reference
 * (a parent's then/otherwise, a neighbour's prev/next), but some
 * unlinking in libseccomp moves pointers without moving references, so
 * nodes keep counts above their real pointers. We count the same way on
 * purpose: how many nodes a prune frees decides what happens next
 * (merge.c), so a tidier count would build a different tree.
 */
#include <errno.h>
#include <stdlib.h>

#include "tree.h"
#include "seccompdbg/util.h"

struct eval_node *eval_node_get(struct eval_node *n)
{
	if (n)
		n->refs++;
	return n;
}

static bool node_is_zombie(const struct eval_node *n)
{
	return eval_node_is_leaf(n) && !n->has_t && !n->has_f;
}

/*
 * Free a whole level when nothing outside it points into it any more
 * (each node's references are then only its neighbours' links).
 */
static unsigned level_clean(struct eval_node *n)
{
	struct eval_node *start = n;
	unsigned freed = 0;

	while (start->prev)
		start = start->prev;
	for (n = start; n; n = n->next)
		if (n->refs > (unsigned)!!n->prev + (unsigned)!!n->next)
			return 0;
	n = start;
	while (n)
		freed += eval_node_put(&n);
	return freed;
}

/*
 * Drop one reference to *NP. When it was the last, the node leaves its
 * level (its neighbours are joined), *NP moves to a neighbour (or NULL)
 * and the levels under it lose their reference. Returns the nodes freed.
 */
unsigned eval_node_put(struct eval_node **np)
{
	struct eval_node *n = *np, *left, *right, *then, *otherwise;
	unsigned freed = 0;

	if (!n || --n->refs)
		return 0;
	left = n->prev;
	right = n->next;
	then = n->then;
	otherwise = n->otherwise;
	if (left)
		left->next = NULL;
	if (right)
		right->prev = NULL;
	freed += eval_node_put(&left);
	freed += eval_node_put(&right);
	if (left)
		left->next = eval_node_get(right);
	if (right)
		right->prev = eval_node_get(left);
	*np = left ? left : right;
	freed += eval_tree_put(&then);
	freed += eval_tree_put(&otherwise);
	n->dead = true;
	return freed + 1;
}

/* Drop a parent's reference to a level, and the level if it was the last. */
unsigned eval_tree_put(struct eval_node **tree)
{
	unsigned freed = eval_node_put(tree);

	if (*tree)
		freed += level_clean(*tree);
	return freed;
}

/* Take N out of its level (and *TREE off it) and drop one reference. */
static unsigned node_unlink(struct eval_node **tree, struct eval_node *n)
{
	if (n == *tree)
		*tree = n->prev ? n->prev : n->next;
	if (n->prev)
		n->prev->next = n->next;
	if (n->next)
		n->next->prev = n->prev;
	n->prev = NULL;
	n->next = NULL;
	return eval_node_put(&n);
}

/*
 * Find NODE under *TREE (depth first, in level order) and unlink it,
 * unlinking on the way the nodes left with neither a next level nor an
 * action. The search stops once something was freed. Returns the nodes
 * freed, which can be 0 even though NODE went: unlinking keeps the
 * references its neighbours held.
 */
unsigned eval_tree_remove(struct eval_node **tree, struct eval_node *node)
{
	struct eval_node *c;
	unsigned freed = 0;

	if (!tree || !*tree || !node)
		return 0;
	c = *tree;
	while (c->prev)
		c = c->prev;
	do {
		if (c == node)
			return freed + node_unlink(tree, c);
		freed += eval_tree_remove(&c->then, node);
		freed += eval_tree_remove(&c->otherwise, node);
		if (node_is_zombie(c))
			return freed + node_unlink(tree, c);
		c = c->next;
	} while (c && freed == 0);
	return freed;
}

int eval_tree_act_check(const struct eval_node *tree, uint32_t action)
{
	const struct eval_node *c = tree;

	if (!c)
		return 0;
	while (c->prev)
		c = c->prev;
	for (; c; c = c->next) {
		if ((c->has_t && c->t.action != action) ||
		    (c->has_f && c->f.action != action))
			return -EEXIST;
		if (eval_tree_act_check(c->then, action) ||
		    eval_tree_act_check(c->otherwise, action))
			return -EEXIST;
	}
	return 0;
}

/* ---- order on a level ------------------------------------------------ */

static unsigned arg_rank(const struct eval_node *n)
{
	return (n->arg << 1) + (n->hi ? 1 : 0);
}

static unsigned op_rank(enum profile_op op)
{
	switch (op) {
	case PROFILE_OP_MASKED_EQ:
	case PROFILE_OP_EQ:
	case PROFILE_OP_NE:
		return 3;
	case PROFILE_OP_LE:
	case PROFILE_OP_LT:
		return 2;
	case PROFILE_OP_GE:
	case PROFILE_OP_GT:
		return 1;
	}
	return 0;
}

bool eval_node_eq(const struct eval_node *a, const struct eval_node *b)
{
	return arg_rank(a) == arg_rank(b) && a->op == b->op &&
	       a->datum == b->datum && a->mask == b->mask;
}

/*
 * libseccomp's order: by argument word, then by the rule's operator,
 * then by value (smaller first, except for LT/LE where larger values
 * come first). A level keeps its nodes from the greatest down.
 */
bool eval_node_lt(const struct eval_node *a, const struct eval_node *b)
{
	unsigned ra = arg_rank(a), rb = arg_rank(b);

	if (ra != rb)
		return ra < rb;
	ra = op_rank(a->op_orig);
	rb = op_rank(b->op_orig);
	if (ra != rb)
		return ra < rb;
	if (a->op_orig == PROFILE_OP_LE || a->op_orig == PROFILE_OP_LT)
		return a->datum > b->datum;
	return a->datum < b->datum;
}

/* ---- a rule's chain ---------------------------------------------------- */

void eval_arena_free(struct eval_node **arena)
{
	struct eval_node *n = *arena, *next;

	for (; n; n = next) {
		next = n->arena_next;
		free(n);
	}
	*arena = NULL;
}

/* The arena and its node count, as the chain builders pass them on. */
struct arena {
	struct eval_node **head;
	size_t *count;
};

static struct eval_node *node_new(const struct arena *arena, unsigned arg,
				  bool hi, enum profile_op op,
				  enum profile_op op_orig, uint32_t mask,
				  uint32_t datum, uint64_t full)
{
	struct eval_node *n = xcalloc(1, sizeof(*n));

	n->arena_next = *arena->head;
	*arena->head = n;
	(*arena->count)++;
	n->arg = arg;
	n->hi = hi;
	n->op = op;
	n->op_orig = op_orig;
	n->mask = mask;
	n->datum = datum & mask;
	n->datum_full = full;
	return n;
}

/*
 * On a 32-bit architecture a condition is one node on the argument's
 * lower word: NE, LT and LE become EQ, GE and GT with the decision on
 * the false side. The upper 32 bits of the value are dropped.
 */
static struct eval_node *chain32(const struct eval_cond conds[6],
				 struct eval_leaf leaf,
				 const struct arena *arena)
{
	struct eval_node *head = NULL, *prev = NULL, *n;
	bool on_true = true;
	unsigned i;

	for (i = 0; i < 6; i++) {
		const struct eval_cond *c = &conds[i];
		enum profile_op op = c->op;

		if (!c->valid ||
		    (c->op == PROFILE_OP_MASKED_EQ && !(uint32_t)c->mask))
			continue;
		if (op == PROFILE_OP_NE)
			op = PROFILE_OP_EQ;
		else if (op == PROFILE_OP_LT)
			op = PROFILE_OP_GE;
		else if (op == PROFILE_OP_LE)
			op = PROFILE_OP_GT;
		n = node_new(arena, i, false, op, c->op, (uint32_t)c->mask,
			     (uint32_t)c->datum, c->datum);
		if (!prev)
			head = eval_node_get(n);
		else if (on_true)
			prev->then = eval_node_get(n);
		else
			prev->otherwise = eval_node_get(n);
		on_true = op == c->op;
		prev = n;
	}
	if (prev && on_true) {
		prev->has_t = true;
		prev->t = leaf;
	} else if (prev) {
		prev->has_f = true;
		prev->f = leaf;
	}
	return head;
}

/*
 * On a 64-bit architecture a condition is nodes on both words. EQ, NE
 * and MASKED_EQ: upper == then lower ==, NE deciding on the false sides.
 * GT, GE, LT, LE: upper >, else upper ==, then lower > or >=, LT and LE
 * deciding on the false sides. The next condition hangs off every side
 * that accepts, so it is shared by two parents.
 */
struct chain64 {
	struct eval_node *n[3];
	enum profile_op op;
};

static void chain64_level(struct chain64 *lv, unsigned arg,
			  const struct eval_cond *c, const struct arena *arena)
{
	uint32_t mhi = c->mask >> 32, mlo = (uint32_t)c->mask;
	uint32_t dhi = c->datum >> 32, dlo = (uint32_t)c->datum;
	enum profile_op op = c->op;

	lv->op = op;
	lv->n[2] = NULL;
	if (op == PROFILE_OP_EQ || op == PROFILE_OP_NE ||
	    op == PROFILE_OP_MASKED_EQ) {
		enum profile_op test = op == PROFILE_OP_MASKED_EQ
					       ? PROFILE_OP_MASKED_EQ
					       : PROFILE_OP_EQ;

		lv->n[0] = node_new(arena, arg, true, test, op, mhi, dhi,
				    c->datum);
		lv->n[1] = node_new(arena, arg, false, test, op, mlo, dlo,
				    c->datum);
		lv->n[0]->then = eval_node_get(lv->n[1]);
		return;
	}
	lv->n[0] = node_new(arena, arg, true, PROFILE_OP_GT, op, mhi, dhi,
			    c->datum);
	lv->n[1] = node_new(arena, arg, true, PROFILE_OP_EQ, op, mhi, dhi,
			    c->datum);
	lv->n[2] = node_new(arena, arg, false,
			    op == PROFILE_OP_GT || op == PROFILE_OP_LE
				    ? PROFILE_OP_GT
				    : PROFILE_OP_GE,
			    op, mlo, dlo, c->datum);
	lv->n[0]->otherwise = eval_node_get(lv->n[1]);
	lv->n[1]->then = eval_node_get(lv->n[2]);
}

/* The sides of LV that accept, in libseccomp's order: {node, true?}. */
static size_t chain64_accepting(const struct chain64 *lv,
				struct eval_node *nodes[2], bool on_true[2])
{
	switch (lv->op) {
	case PROFILE_OP_GT:
	case PROFILE_OP_GE:
		nodes[0] = lv->n[0], on_true[0] = true;
		nodes[1] = lv->n[2], on_true[1] = true;
		return 2;
	case PROFILE_OP_LT:
	case PROFILE_OP_LE:
		nodes[0] = lv->n[1], on_true[0] = false;
		nodes[1] = lv->n[2], on_true[1] = false;
		return 2;
	case PROFILE_OP_NE:
		nodes[0] = lv->n[0], on_true[0] = false;
		nodes[1] = lv->n[1], on_true[1] = false;
		return 2;
	case PROFILE_OP_EQ:
	case PROFILE_OP_MASKED_EQ:
		break;
	}
	nodes[0] = lv->n[1], on_true[0] = true;
	return 1;
}

static struct eval_node *chain64(const struct eval_cond conds[6],
				 struct eval_leaf leaf,
				 const struct arena *arena)
{
	struct eval_node *head = NULL, *acc[2];
	struct chain64 lv, prev = {{NULL, NULL, NULL}, PROFILE_OP_EQ};
	bool on_true[2];
	size_t i, k, nacc;

	for (i = 0; i < 6; i++) {
		if (!conds[i].valid ||
		    (conds[i].op == PROFILE_OP_MASKED_EQ && !conds[i].mask))
			continue;
		chain64_level(&lv, i, &conds[i], arena);
		nacc = prev.n[0] ? chain64_accepting(&prev, acc, on_true) : 0;
		if (!prev.n[0])
			head = eval_node_get(lv.n[0]);
		for (k = 0; k < nacc; k++) {
			if (on_true[k])
				acc[k]->then = eval_node_get(lv.n[0]);
			else
				acc[k]->otherwise = eval_node_get(lv.n[0]);
		}
		prev = lv;
	}
	nacc = prev.n[0] ? chain64_accepting(&prev, acc, on_true) : 0;
	for (k = 0; k < nacc; k++) {
		if (on_true[k]) {
			acc[k]->has_t = true;
			acc[k]->t = leaf;
		} else {
			acc[k]->has_f = true;
			acc[k]->f = leaf;
		}
	}
	return head;
}

struct eval_node *eval_chain_new(const struct eval_cond conds[6], bool is64,
				 struct eval_leaf leaf,
				 struct eval_node **arena, size_t *count)
{
	struct arena a = {arena, count};

	return is64 ? chain64(conds, leaf, &a) : chain32(conds, leaf, &a);
}
