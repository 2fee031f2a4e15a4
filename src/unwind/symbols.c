// SPDX-License-Identifier: Apache-2.0
/*
 * Address-to-function lookups through a sorted index per module.
 *
 * libdw's dwfl_module_addrinfo scans the whole symbol table for every
 * address: 50 us per frame for libc with its debug file (10,000 symbols),
 * milliseconds for a large program, for each frame of each stop. The
 * index is built once per module (when a frame first lands in it), kept
 * in the module's userdata slot and searched by bisection; the names
 * point into libdw's string tables and live as long as the module.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct symbol {
	uint64_t start, size;
	const char *name;
	int rank; /* which of several names at one address to show */
};

struct symbol_index {
	struct symbol *syms;
	size_t n;
};

/*
 * Of several names at one address, the one people call: fewest leading
 * underscores first ("fork", a weak alias, rather than the global
 * "__fork"; "write" rather than "__write" or "__libc_write"), then
 * global before weak before local, as libdw prefers.
 */
static int symbol_rank(const GElf_Sym *sym, const char *name)
{
	int bind = GELF_ST_BIND(sym->st_info);
	int rank = bind == STB_GLOBAL ? 3 : bind == STB_WEAK ? 2 : 1;

	return rank - 10 * (int)strspn(name, "_");
}

static bool is_function(const GElf_Sym *sym, const char *name, GElf_Word shndx)
{
	int type = GELF_ST_TYPE(sym->st_info);

	return name && name[0] && shndx != SHN_UNDEF &&
	       (type == STT_FUNC || type == STT_GNU_IFUNC);
}

static int by_address(const void *a, const void *b)
{
	const struct symbol *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return y->rank - x->rank; /* the best name first */
}

/* Keep one name per address: the first, the best ranked after sorting. */
static void drop_aliases(struct symbol_index *ix)
{
	size_t i, kept = 0;

	for (i = 0; i < ix->n; i++)
		if (!kept || ix->syms[kept - 1].start != ix->syms[i].start)
			ix->syms[kept++] = ix->syms[i];
	ix->n = kept;
}

static struct symbol_index *index_build(Dwfl_Module *mod)
{
	struct symbol_index *ix = xcalloc(1, sizeof(*ix));
	int i, n = dwfl_module_getsymtab(mod);
	size_t cap = 0;

	for (i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr,
							   &shndx, NULL, NULL);

		if (!is_function(&sym, name, shndx))
			continue;
		xgrow(&ix->syms, &cap, ix->n + 1, sizeof(*ix->syms));
		ix->syms[ix->n++] = (struct symbol){
			.start = addr,
			.size = sym.st_size,
			.name = name,
			.rank = symbol_rank(&sym, name),
		};
	}
	if (ix->n)
		qsort(ix->syms, ix->n, sizeof(*ix->syms), by_address);
	drop_aliases(ix);
	return ix;
}

/* How far back to look for a function that encloses a smaller one. */
#define ENCLOSING_MAX 8

/*
 * The function ADDR lies in: the last symbol that starts at or before it,
 * if it covers ADDR (a symbol without a size, some assembly, is taken to
 * run up to the next one), else one a little before that encloses it.
 */
static const struct symbol *index_find(const struct symbol_index *ix,
				       uint64_t addr)
{
	size_t lo = 0, hi = ix->n, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ix->syms[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && !ix->syms[lo - 1].size)
		return &ix->syms[lo - 1];
	for (i = lo; i > 0 && lo - i < ENCLOSING_MAX; i--)
		if (addr - ix->syms[i - 1].start < ix->syms[i - 1].size)
			return &ix->syms[i - 1];
	return NULL;
}

const char *unwind_symbol_lookup(Dwfl_Module *mod, uint64_t addr,
				 uint64_t *start)
{
	const struct symbol *s;
	void **slot;

	if (!dwfl_module_info(mod, &slot, NULL, NULL, NULL, NULL, NULL, NULL))
		return NULL;
	if (!*slot)
		*slot = index_build(mod);
	s = index_find(*slot, addr);
	if (!s)
		return NULL;
	*start = s->start;
	return s->name;
}

static void index_free(struct symbol_index *ix)
{
	if (ix)
		free(ix->syms);
	free(ix);
}

/*
 * libdw declares the removed callback's second argument void *, but it
 * passes the module's userdata slot (void **), as to every module
 * callback (libdwfl's MODCB_ARGS).
 */
int unwind_symbols_drop(Dwfl_Module *mod, void *userdata, const char *name,
			Dwarf_Addr base, void *arg)
{
	void **slot = userdata;

	(void)mod, (void)name, (void)base, (void)arg;
	index_free(*slot);
	*slot = NULL;
	return DWARF_CB_OK;
}

static int drop_one(Dwfl_Module *mod, void **userdata, const char *name,
		    Dwarf_Addr base, void *arg)
{
	return unwind_symbols_drop(mod, userdata, name, base, arg);
}

void unwind_symbols_drop_all(Dwfl *dwfl)
{
	dwfl_getmodules(dwfl, drop_one, NULL, 0);
}
