// SPDX-License-Identifier: Apache-2.0
/* Edits (in progress). */
#include <stdlib.h>

#include "internal.h"

struct profile_history {
	char *loaded;
};

void profile_history_free(struct profile_history *h)
{
	if (!h)
		return;
	free(h->loaded);
	free(h);
}

bool profile_is_modified(const struct profile *p)
{
	(void)p;
	return false;
}
