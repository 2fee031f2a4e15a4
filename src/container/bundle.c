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
#include <json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "seccompdbg/container.h"

/* Config files are small; podman's are about 10 KiB. */
#define CONFIG_MAX (16 << 20)

static int config_read(const char *path, json_object **out, struct err *err)
{
	size_t len;
	char *text;
	json_tokener *tok;
	int rc;

	rc = read_file(path, CONFIG_MAX, &text, &len, err);
	if (rc < 0)
		return rc;
	tok = json_tokener_new();
	*out = json_tokener_parse_ex(tok, text, (int)len);
	if (!*out || !json_object_is_type(*out, json_type_object)) {
		rc = err_set(
			err, EINVAL, "%s: not a JSON object: %s", path,
			json_tokener_error_desc(json_tokener_get_error(tok)));
		json_object_put(*out);
	}
	json_tokener_free(tok);
	free(text);
	return rc;
}

static int config_write(const char *path, json_object *cfg, struct err *err)
{
	const char *text = json_object_to_json_string_ext(
		cfg, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);

	return write_file_atomic(path, text, strlen(text), err);
}

/* Member KEY of O, an object made when there is none. */
static json_object *object_member(json_object *o, const char *key)
{
	json_object *v;

	if (json_object_object_get_ex(o, key, &v) &&
	    json_object_is_type(v, json_type_object))
		return v;
	v = json_object_new_object();
	json_object_object_add(o, key, v);
	return v;
}

/* root.path relative to BUNDLE -> absolute. */
static int root_absolute(json_object *cfg, const char *bundle, const char *file,
			 struct err *err)
{
	json_object *root, *path;
	char real[PATH_MAX], *joined;

	if (!json_object_object_get_ex(cfg, "root", &root) ||
	    !json_object_object_get_ex(root, "path", &path) ||
	    !json_object_is_type(path, json_type_string))
		return err_set(err, EINVAL, "%s: no root.path", file);
	if (json_object_get_string(path)[0] == '/')
		return 0;
	joined = xasprintf("%s/%s", bundle, json_object_get_string(path));
	if (!realpath(joined, real)) {
		int e = errno;

		free(joined);
		return err_set(err, e, "%s: root.path: %s", file, strerror(e));
	}
	free(joined);
	json_object_object_add(root, "path", json_object_new_string(real));
	return 0;
}

int container_bundle_copy(const char *bundle, const char *dir,
			  const char *profile, struct err *err)
{
	char *src = xasprintf("%s/config.json", bundle);
	char *dst = xasprintf("%s/config.json", dir);
	json_object *cfg = NULL, *seccomp = NULL;
	int rc;

	rc = config_read(src, &cfg, err);
	if (rc == 0)
		rc = root_absolute(cfg, bundle, src, err);
	if (rc == 0) {
		seccomp = json_tokener_parse(profile);
		rc = seccomp ? 0 : err_set(err, EINVAL, "bad debug profile");
	}
	if (rc == 0) {
		json_object_object_add(object_member(cfg, "linux"), "seccomp",
				       seccomp);
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			rc = err_set(err, errno, "%s: %s", dir,
				     strerror(errno));
	}
	if (rc == 0)
		rc = config_write(dst, cfg, err);
	json_object_put(cfg);
	free(src);
	free(dst);
	return rc;
}

/* Does any action of SECCOMP notify? */
static bool notifies(json_object *seccomp)
{
	json_object *v, *rules;
	size_t i;

	if (json_object_object_get_ex(seccomp, "defaultAction", &v) &&
	    !strcmp(json_object_get_string(v), "SCMP_ACT_NOTIFY"))
		return true;
	if (!json_object_object_get_ex(seccomp, "syscalls", &rules))
		return false;
	for (i = 0; i < json_object_array_length(rules); i++)
		if (json_object_object_get_ex(
			    json_object_array_get_idx(rules, i), "action",
			    &v) &&
		    !strcmp(json_object_get_string(v), "SCMP_ACT_NOTIFY"))
			return true;
	return false;
}

int container_config_add_listener(const char *config, const char *listener,
				  struct err *err)
{
	json_object *cfg, *linux_, *seccomp, *v;
	int rc;

	rc = config_read(config, &cfg, err);
	if (rc < 0)
		return rc;
	if (!json_object_object_get_ex(cfg, "linux", &linux_) ||
	    !json_object_object_get_ex(linux_, "seccomp", &seccomp) ||
	    !notifies(seccomp) ||
	    (json_object_object_get_ex(seccomp, "listenerPath", &v) &&
	     json_object_get_string_len(v) > 0))
		goto out;
	json_object_object_add(seccomp, "listenerPath",
			       json_object_new_string(listener));
	rc = config_write(config, cfg, err);
	if (rc == 0)
		rc = 1;
out:
	json_object_put(cfg);
	return rc;
}
