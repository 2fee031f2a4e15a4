// SPDX-License-Identifier: Apache-2.0
/*
 * OCI bundles. `run --bundle DIR` never touches the user's bundle: the
 * runtime gets a copy of its config.json, beside it in a directory of
 * ours, with the debug profile as linux.seccomp and root.path made
 * absolute (the root file system itself is not copied).
 *
 * The Docker shim edits the bundle dockerd made, in place: Docker 20.10
 * drops listenerPath from a profile but keeps its NOTIFY actions, and
 * runc then refuses the container ("listenerPath is not set").
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "seccompdbg/container.h"
#include "seccompdbg/doc.h"

/* Config files are small; podman's are about 10 KiB. */
#define CONFIG_MAX (16 << 20)

static int config_read(const char *path, struct doc **out, struct err *err)
{
	size_t len;
	char *text;
	int rc;

	rc = read_file(path, CONFIG_MAX, &text, &len, err);
	if (rc < 0)
		return rc;
	rc = doc_parse_json(path, text, len, out, err);
	free(text);
	if (rc == 0 && !doc_get(*out, "ociVersion") && !doc_get(*out, "root") &&
	    !doc_get(*out, "linux")) {
		doc_free(*out);
		rc = err_set(err, EINVAL, "%s: not an OCI config.json", path);
	}
	return rc;
}

/* One line: runc and crun read it; nobody edits the copy. */
static int config_write(const char *path, const struct doc *cfg,
			struct err *err)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	doc_write_json(cfg, DOC_LINE, &sb);
	strbuf_addc(&sb, '\n');
	rc = write_file_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}

/* Member KEY of O, an object made when there is none. */
static struct doc *object_member(struct doc *o, const char *key)
{
	struct doc *v = doc_get(o, key);

	if (v && !doc_string(v) && !doc_len(v))
		return v;
	v = doc_object();
	doc_put(o, key, v);
	return v;
}

/* root.path relative to BUNDLE -> absolute. */
static int root_absolute(struct doc *cfg, const char *bundle, const char *file,
			 struct err *err)
{
	struct doc *root = doc_get(cfg, "root");
	const char *path = doc_string(doc_get(root, "path"));
	char real[PATH_MAX], *joined;

	if (!path)
		return err_set(err, EINVAL, "%s: no root.path", file);
	if (path[0] == '/')
		return 0;
	joined = xasprintf("%s/%s", bundle, path);
	if (!realpath(joined, real)) {
		int e = errno;

		free(joined);
		return err_set(err, e, "%s: root.path: %s", file, strerror(e));
	}
	free(joined);
	doc_put_str(root, "path", real);
	return 0;
}

int container_bundle_copy(const char *bundle, const char *dir,
			  const char *profile, struct err *err)
{
	char *src = xasprintf("%s/config.json", bundle);
	char *dst = xasprintf("%s/config.json", dir);
	struct doc *cfg = NULL, *seccomp = NULL;
	int rc;

	rc = config_read(src, &cfg, err);
	if (rc == 0)
		rc = root_absolute(cfg, bundle, src, err);
	if (rc == 0)
		rc = doc_parse_json("the debug profile", profile,
				    strlen(profile), &seccomp, err);
	if (rc == 0) {
		doc_put(object_member(cfg, "linux"), "seccomp", seccomp);
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			rc = err_set(err, errno, "%s: %s", dir,
				     strerror(errno));
	}
	if (rc == 0)
		rc = config_write(dst, cfg, err);
	doc_free(cfg);
	free(src);
	free(dst);
	return rc;
}

static bool is_notify(const struct doc *v)
{
	const char *s = doc_string(v);

	return s && !strcmp(s, "SCMP_ACT_NOTIFY");
}

/* Does any action of SECCOMP notify? */
static bool notifies(const struct doc *seccomp)
{
	const struct doc *rules = doc_get(seccomp, "syscalls");
	size_t i;

	if (is_notify(doc_get(seccomp, "defaultAction")))
		return true;
	for (i = 0; i < doc_len(rules); i++)
		if (is_notify(doc_get(doc_at(rules, i), "action")))
			return true;
	return false;
}

int container_config_add_listener(const char *config, const char *listener,
				  struct err *err)
{
	struct doc *cfg, *seccomp;
	const char *path;
	int rc;

	rc = config_read(config, &cfg, err);
	if (rc < 0)
		return rc;
	seccomp = doc_get(doc_get(cfg, "linux"), "seccomp");
	path = doc_string(doc_get(seccomp, "listenerPath"));
	if (!seccomp || !notifies(seccomp) || (path && *path))
		goto out;
	doc_put_str(seccomp, "listenerPath", listener);
	rc = config_write(config, cfg, err);
	if (rc == 0)
		rc = 1;
out:
	doc_free(cfg);
	return rc;
}
