// SPDX-License-Identifier: Apache-2.0
/*
 * Helpers of the command tests: no test here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "test_cli.h"

char *tc_out, *tc_err;

int tc_run(const char *fmt, ...)
{
	struct strbuf cmd = STRBUF_INIT;
	va_list ap;
	int rc;

	free(tc_out);
	free(tc_err);
	strbuf_addf(&cmd, "cd %s && %s ", TEST_SRCDIR, test_seccompdbg());
	va_start(ap, fmt);
	strbuf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	rc = test_sh(cmd.buf, &tc_out, &tc_err);
	strbuf_release(&cmd);
	return rc;
}

struct profile *tc_load(const char *name)
{
	char rel[128];
	struct profile *p = NULL;
	struct err e = {""};

	snprintf(rel, sizeof(rel), "profiles/%s", name);
	if (profile_load(test_data(rel), PROFILE_FORMAT_AUTO, &p, &e) < 0) {
		test_fail(__FILE__, __LINE__, "%s: %s", name, e.msg);
		test_end();
	}
	return p;
}
